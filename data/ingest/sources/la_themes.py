"""Local-authority comparator series behind Trafford's current "themes" dashboard (SOURCES.md group I), and
the air-quality readings of the previous corporate-plan dashboard (group J).

Two layouts. Fingertips-style files (with `area_type`, `compared_to_England`, `inequality`) cover every
English LA and England; `inequality` holds the sex or deprivation-quintile breakdown (quintiles are kept as
breakdown labels such as "Most deprived quintile"), except in `mortality_rate.csv` where `unit` holds the
sex. Comparator-group files cover Trafford, its CIPFA or statistical neighbours and England. Odd shapes:
`value_*` columns (EPCs, licensed vehicles), no `unit` (business births/deaths), five columns (GDP per head),
and per-station air quality (see `_stations`). Claimant count and Universal Credit are in `claimant`.
Several ids here also take older rows from the 2019/20 dashboard (module `la_dashboard`).
"""

from __future__ import annotations

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources._la_periods import month_of, quarter_of, year_to_month
from data.ingest.sources._la_series import (
    Spec,
    Tables,
    concat,
    drop_empty,
    merge_vintages,
    periods,
    read_specs,
    round_sig,
    tidy,
)
from data.ingest.sources._stations import station_rows

CATALOG = "la_themes"
I = "tdl_trafford_themes"  # noqa: E741 - the SOURCES.md group letter
J = "tdl_corporate_plan"

KS2 = "Pupils reaching the expected standard at the end of key stage 2 in reading, writing and mathematics"
READY = ("School readiness: percentage of children achieving a good level of development at the end of "
         "Reception")
READY_FSM = ("School readiness: percentage of children with free school meal status achieving a good level of "
             "development at the end of Reception")
NEET = "Not in education, employment or training (NEET)(16-17 years old)"
NEET_NK = "Not in education, employment or training (NEET)(inc not know)(16-17 years old)"
RELATIVE = ("% of children living in relative low income families: Aged 0-15",
            "Children in relative low income families (under 16s)")  # LA rows, then ward rows for 2024/25
ABSOLUTE = "% of children living in absolute low income families: Aged 0-15"
FUEL = ("Fuel poverty (low income, high cost methodology)",  # 2014-2018
        "Fuel poverty (low income, low energy efficiency methodology)")  # 2019 on
WORKPLACE = "Ratio of median house price to median gross annual workplace-based earnings"
RESIDENCE = "Ratio of median house price to median gross annual residence-based earnings"


def _fingertips(indicator_id: str, path: str, breakdown: str | None = None, **kw) -> Spec:
    """A Fingertips-style file (every English LA), breakdown in `inequality` unless said otherwise."""
    return Spec(indicator_id, f"{I}/{path}", breakdown=breakdown, **kw)


def _group(indicator_id: str, path: str, **kw) -> Spec:
    """A comparator-group file (Trafford, its neighbours and England)."""
    return Spec(indicator_id, f"{I}/{path}", **kw)


SPECS: list[Spec] = [
    # health
    _fingertips("life_expectancy_birth", "health/life_expectancy.csv", "inequality"),
    _fingertips("healthy_life_expectancy_birth", "health/healthy_life_expectancy.csv", "inequality"),
    _fingertips("life_expectancy_sii", "health/inequality_life_expectancy.csv", "inequality"),
    _fingertips("preventable_mortality_u75", "health/mortality_rate.csv", "unit"),
    _fingertips("smoking_prevalence_adults", "health/adults_smoking.csv"),
    _fingertips("smoking_prevalence_routine_manual", "health/adults_smoking_manual.csv"),
    _fingertips("physically_active_adults", "health/active_adults.csv"),
    _fingertips("physically_inactive_adults", "health/inactive_adults.csv"),
    _fingertips("fairly_active_adults", "health/fairly_active_adults.csv"),
    _fingertips("depression_prevalence", "health/adults_depression.csv"),
    _fingertips("overweight_adults", "health/overweight_adult.csv"),
    _fingertips("larc_prescribing", "health/contraception_larc.csv"),
    _fingertips("nhs_health_checks_received", "health/nhs_health_checks.csv"),
    _group("walking_cycling_5x_week", "health/adults_walking_or_cycling.csv"),
    _group("social_care_satisfaction", "health/social_care_satisfaction.csv"),
    _group("care_home_admissions_65", "health/admissions_care_homes_65p.csv"),
    _group("care_homes_good_outstanding", "health/care_homes_rating.csv"),
    _group("chlamydia_screening", "health/chlamydia_screening.csv"),
    _group("antibiotics_broad_spectrum", "health/antibiotics_broad_s.csv", period=month_of),
    # children and education
    _fingertips("physically_active_children", "children/active_children.csv"),
    _fingertips("obesity_reception", "children/obese_reception.csv", "inequality"),
    _fingertips("obesity_year6", "children/obese_year6.csv", "inequality"),
    _fingertips("dental_decay_age5", "children/children_dental_decay.csv"),
    _fingertips("children_offending_rate", "children/children_offending.csv",
                where={"measure": "Per 10,000 aged 10-17"}),
    _group("children_relative_low_income", "children/children_poverty.csv", where={"indicator": RELATIVE}),
    _group("children_absolute_low_income", "children/children_poverty.csv", where={"indicator": ABSOLUTE}),
    _group("cla_dental_check", "children/cla_dental_check.csv"),
    _group("cla_health_assessment", "children/cla_health_assessment.csv"),
    _group("ks2_expected_standard", "children/expected_standard_ks2.csv", where={"indicator": KS2}),
    _group("ks4_grade5_english_maths", "children/grades_5_or_above_ks4.csv"),
    _group("progress8_score", "children/progress_8_score.csv"),
    _group("school_readiness", "children/school_readiness.csv", where={"indicator": READY}),
    _group("school_readiness_fsm", "children/school_readiness.csv", where={"indicator": READY_FSM}),
    _group("mmr_one_dose_age2", "children/vaccination_mmr.csv",
           where={"indicator": "Population vaccination coverage: MMR for one dose (2 years old)"}),
    _group("mmr_two_doses_age5", "children/vaccination_mmr.csv",
           where={"indicator": "Population vaccination coverage: MMR for two doses (5 years old)"}),
    _group("neet_16_17", "children/neet.csv", where={"indicator": NEET}),
    _group("neet_or_not_known_16_17", "children/neet.csv", where={"indicator": NEET_NK}),
    # economy
    _group("employment_rate", "economy/employment_rate.csv"),
    _group("economic_inactivity_rate", "economy/economic_inactivity.csv"),
    _group("real_living_wage_paid", "economy/real_living_wage.csv"),
    _group("gdp_per_head", "economy/gdp_per_head.csv"),
    _group("gdp_per_head", "economy/gdp.csv"),  # the same figures again in the tidy seven-column layout
    _group("gva_total", "economy/gva.csv", where={"indicator": "GVA, all industries at current prices"}),
    _group("gva_per_hour_worked", "economy/gva.csv", where={"indicator": "GVA per hour worked at current prices"}),
    _group("apprenticeship_starts_rate", "economy/apprenticeship_starts.csv"),
    _group("business_births", "economy/business_births_deaths.csv",
           where={"indicator": "Business Births", "measure": "Count"}),
    _group("business_births_rate", "economy/business_births_deaths.csv",
           where={"indicator": "Business Births", "measure": "Per 1000 population"}),
    _group("business_deaths", "economy/business_births_deaths.csv",
           where={"indicator": "Business Deaths", "measure": "Count"}),
    _group("business_deaths_rate", "economy/business_births_deaths.csv",
           where={"indicator": "Business Deaths", "measure": "Per 1000 population"}),
    _group("fuel_poverty", "economy/fuel_poverty.csv", where={"indicator": FUEL}),
    # housing
    _group("affordability_ratio", "economy/housing_affordability.csv", where={"indicator": WORKPLACE}),
    _group("affordability_ratio_residence", "economy/housing_affordability.csv", where={"indicator": RESIDENCE}),
    _group("planning_major_in_time", "economy/planning_applications_major.csv"),
    _group("planning_non_major_in_time", "economy/planning_applications_non-major.csv"),
    _group("epc_certificates_lodged", "climate/energy_performance_certificates.csv",
           value="value_certificates_lodged", period=quarter_of),
    # environment
    _group("co2_emissions_territorial", "climate/borough_wide_co2_emissions.csv"),
    _group("ghg_emissions_industry", "climate/industry_emissions.csv"),
    _group("household_waste_recycled", "climate/household_waste_recycling.csv", where={"measure": "Percentage"}),
    _group("household_waste_recycled_tonnes", "climate/household_waste_recycling.csv",
           where={"measure": "Frequency"}),
    _group("household_waste_not_recycled", "climate/household_waste_not_recycled.csv",
           where={"measure": "Percentage"}),
    _group("household_waste_not_recycled_tonnes", "climate/household_waste_not_recycled.csv",
           where={"measure": "Frequency"}),
    _group("ev_charging_devices", "climate/electric_vehicle_charging_points.csv"),
    _group("vehicle_miles", "climate/vehicle_miles_travelled.csv"),
    _group("ulev_licensed", "climate/licensed_vehicles.csv", value="value_ulev", period=quarter_of),
    _group("licensed_vehicles_all", "climate/licensed_vehicles.csv", value="value_all_vehicles", period=quarter_of),
]

# (indicator, file, network of stations), newest release first.
AIR = [
    ("no2_annual_mean", f"{I}/climate/no2_concentration.csv", ("TRAF", "TRF2", "TRF3")),
    ("no2_annual_mean", f"{J}/climate/no2_concentration.csv", ("TRAF", "TRF2", "TRF3")),
    ("pm10_annual_mean", f"{I}/climate/pm10_concentration.csv", ("TRAF", "TRF2")),
    ("pm10_annual_mean", f"{J}/climate/pm10_concentration.csv", ("TRAF", "TRF2")),
]
EPC = f"{I}/climate/energy_performance_certificates.csv"
VEHICLES = f"{I}/climate/licensed_vehicles.csv"


def _share(tables: Tables, indicator_id: str, rel: str, parts: list[str], whole: str) -> pd.DataFrame:
    """A percentage from count columns of one file: the sum of `parts` over `whole`, both kept as counts."""
    ctx = tables.ctx
    df = tables.get(rel)
    num = round_sig(sum(ctx.numbers_checked(df, c, rel) for c in parts))
    den = round_sig(ctx.numbers_checked(df, whole, rel))
    value = (100 * num / den).where(den > 0)
    out = tidy(ctx, df, rel, indicator_id, value, periods(ctx, df, rel, quarter_of), pd.Series("Persons", df.index))
    counts = pd.DataFrame({"n": num.values, "d": den.values}, index=df["_row"].astype(int).values)
    out["numerator"] = counts.loc[out["source_row"], "n"].values
    out["denominator"] = counts.loc[out["source_row"], "d"].values
    return out


def air_quality(tables: Tables) -> pd.DataFrame:
    """NO2 and PM10 rolling annual means per station (I over J where both give a quarter)."""
    frames: dict[str, list[pd.DataFrame]] = {}
    for indicator_id, rel, network in AIR:
        frames.setdefault(indicator_id, []).append(station_rows(tables, indicator_id, rel, year_to_month, network))
    return concat([merge_vintages(tables.ctx, f) for f in frames.values()])


def load(ctx: IngestContext) -> pd.DataFrame:
    """Every series of groups I (bar claimant/UC) and J air quality, in the long format."""
    tables = Tables(ctx)
    return drop_empty(ctx, concat([
        read_specs(tables, SPECS),
        _share(tables, "epc_rated_a_to_c", EPC, ["value_rating_A", "value_rating_B", "value_rating_C"],
               "value_certificates_lodged"),
        _share(tables, "ulev_share", VEHICLES, ["value_ulev"], "value_all_vehicles"),
        air_quality(tables),
    ]))
