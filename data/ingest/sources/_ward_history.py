"""Trafford Data Lab's ward indicator history: stacked published versions read into clean, de-duplicated rows.

`tdl_ward_data/ward_indicators_history.csv` stacks every published version of the ward profile files, so one
figure can appear more than once under different period, measure and unit spellings, and codes come in three
vintages. Every history indicator used by the store is listed once in SPECS, with the module that emits it;
`history_rows(ctx, owner)` returns that module's rows with:

- codes routed by range: pre-2023 wards -> ward_2022, May-2023 wards -> ward_2023. The Nomis "census merged
  ward" codes (E36...) are dropped: every such row repeats a pre-2023 ward row of the same ward name with the
  same value (checked here and reported), so no mapping is needed.
- periods canonicalised with `data.periods.read_period`, told how the file spells them: for spans of years
  '2006-08' means 2006 to 2008 (hint "span", not August 2006); elsewhere 'YYYY-MM' is a month (hint "month").
- measures mapped to the catalogue unit (e.g. IoD 2015 'Score' fractions x100 to match 'Percentage').
- duplicates on (indicator, code, canonical period, breakdown) reduced to one row: the version published
  last wins; same-figure repeats are reported as fixes, differing figures as conflicts (rejections).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.ingest.context import NA_TOKENS, IngestContext
from data.ingest.sources import ROW_COLUMNS
from data.ingest.sources._trafford_areas import ward_level
from data.periods import MONTH_HINT, SPAN_HINT, PeriodError, read_period

HISTORY = "tdl_ward_data/ward_indicators_history.csv"
MANIFEST = "tdl_ward_data/ward_indicators_history_manifest.csv"
OUT_COLUMNS = ROW_COLUMNS
KEYS = ["indicator_id", "area_code", "level", "period", "breakdown"]
CENSUS_MERGED_WARD = re.compile(r"^E36\d{6}$")
YEAR_SPAN = re.compile(r"^(\d{4})-(\d{2})$")
YEAR_MONTH = YEAR_SPAN  # the same shape: which one it is depends on the indicator


@dataclass(frozen=True)
class Spec:
    """How one history indicator becomes store rows: owning module, measure -> (indicator id, factor)."""

    owner: str
    measures: dict[str, tuple[str, float]]
    breakdown: str = "Persons"
    span: bool = False  # periods are spans of years: 'YYYY-YY' is a range, not a month
    quarter: bool = False  # 'YYYY-MM' is an end-of-quarter snapshot: labelled as its calendar quarter


def _spec(
    owner: str,
    indicator_id: str,
    *measures: str,
    breakdown: str = "Persons",
    span: bool = False,
    quarter: bool = False,
) -> Spec:
    """A Spec whose listed measures (lower case) all feed one indicator unchanged."""
    return Spec(owner, {m: (indicator_id, 1.0) for m in measures}, breakdown, span, quarter)


PCT = ("percentage", "percent")
WH, DEP, HP, RC = "ward_history", "deprivation", "house_prices", "road_casualties"

SPECS: dict[str, Spec] = {
    # Digital, environment, transport
    "Average download speed": _spec(WH, "broadband_download_speed", "bandwidth", "median"),
    "Average download speed (median of available postcodes)": _spec(WH, "broadband_download_speed", "median"),
    "Area covered by greenspace": _spec(WH, "greenspace_area", *PCT),
    # DfT vehicle counts are end-of-quarter snapshots, labelled by quarter as the LA series are
    "All licensed cars": _spec(WH, "licensed_cars", "count", quarter=True),
    "All licensed plug-in vehicles": _spec(WH, "licensed_plugin_vehicles", "count", quarter=True),
    "All licensed ultra low emission vehicles": _spec(WH, "ulev_licensed", "count", quarter=True),
    # Health (ids shared with the local-authority series declared elsewhere)
    "Male life expectancy at birth": _spec(WH, "life_expectancy_birth", "years", "count", breakdown="Male"),
    "Female life expectancy at birth": _spec(
        WH, "life_expectancy_birth", "years", "count", breakdown="Female"
    ),
    "Male healthy life expectancy": _spec(
        WH, "healthy_life_expectancy_birth", "years", "count", breakdown="Male"
    ),
    "Female healthy life expectancy": _spec(
        WH, "healthy_life_expectancy_birth", "years", "count", breakdown="Female"
    ),
    "Children in Reception Year who were classified as obese": _spec(WH, "obesity_reception", *PCT),
    "Percentage of measured children in Reception Year who were classified as obese": _spec(
        WH, "obesity_reception", *PCT
    ),
    "Children in Year 6 who were classified as obese": _spec(WH, "obesity_year6", *PCT),
    "Percentage of measured children in Year 6 who were classified as obese": _spec(
        WH, "obesity_year6", *PCT
    ),
    "Deaths from cancer": _spec(WH, "deaths_cancer_smr", "smr", "ratio"),
    "Deaths from circulatory disease, under 75 years": _spec(WH, "deaths_circulatory_u75_smr", "smr"),
    "Deaths from coronary heart disease amongst those aged under 75 years": _spec(
        WH, "deaths_chd_u75_smr", "smr"
    ),
    "Deaths from respiratory diseases": _spec(WH, "deaths_respiratory_smr", "smr"),
    "Cancer incidence": _spec(WH, "cancer_incidence_sir", "sir", "ratio"),
    "Incidence of breast cancer": _spec(
        WH, "breast_cancer_incidence_sir", "sir", "ratio", breakdown="Female"
    ),
    "Hospital admissions for self-harm": _spec(WH, "self_harm_admissions_sar", "sar", "standardised ratio"),
    "Hospital stays for alcohol-related harm": _spec(WH, "alcohol_admissions_sar", "sar"),
    "Low birth weight": _spec(WH, "low_birth_weight_term", *PCT),
    "Crude fertility rate": _spec(WH, "general_fertility_rate", "rate"),
    "General fertility rate": _spec(WH, "general_fertility_rate", "rate per 1,000"),
    "Adults binge drinking": _spec(WH, "binge_drinking_modelled", *PCT, span=True),
    "Adults classified as obese": _spec(WH, "adult_obesity_modelled", *PCT, span=True),
    "Child development at age 5": _spec(WH, "school_readiness", *PCT),
    "Older people living alone": _spec(WH, "older_people_living_alone", *PCT),
    # Deprivation, income and benefits
    "Fuel poverty": _spec(WH, "fuel_poverty", *PCT),
    "Children in low income families": _spec(WH, "children_relative_low_income", *PCT),
    "Children in low income families (0-15 years)": _spec(WH, "children_relative_low_income", *PCT),
    "Housing benefits": Spec(
        WH,
        {
            "percentage": ("housing_benefit_households", 1.0),
            "percent": ("housing_benefit_households", 1.0),
            "count": ("housing_benefit_claimants", 1.0),
        },
    ),
    "Dependent children (0-18 years) in out-of-work households": _spec(
        WH, "children_out_of_work_households", *PCT
    ),
    "Percentage of dependent children (0-18) in out-of-work households": _spec(
        WH, "children_out_of_work_households", *PCT
    ),
    "Household deprived in education (from best-fit OAs)": _spec(WH, "household_deprived_education", *PCT),
    "Household deprived in employment (from best-fit OAs)": _spec(WH, "household_deprived_employment", *PCT),
    "Household is deprived in health and disability (from best-fit OAs)": _spec(
        WH, "household_deprived_health", *PCT
    ),
    "Household is deprived in housing (from best-fit OAs)": _spec(WH, "household_deprived_housing", *PCT),
    # Community safety: one 13/14-month window of police.uk street-level crime
    "Anti-social behaviour": _spec(WH, "asb_rate", "rate"),
    "Bicycle theft": _spec(WH, "bicycle_theft_rate", "rate"),
    "Burglary": _spec(WH, "burglary_rate", "rate"),
    "Robbery": _spec(WH, "robbery_rate", "rate"),
    "Vehicle crime": _spec(WH, "vehicle_crime_rate", "rate"),
    "Violence and sexual offences": _spec(WH, "violence_sexual_offences_rate", "rate"),
    # Economy
    "Number of jobs": _spec(WH, "employee_jobs", "count"),
    "Number of employees": _spec(WH, "employee_jobs", "count"),
    "Professional occupations": _spec(WH, "professional_occupations", *PCT),
    "Adults aged 16-74 who are economically inactive": _spec(WH, "economically_inactive_16_74", *PCT),
    "Households with no adults in employment with dependent children": _spec(
        WH, "workless_households_dependent_children", *PCT
    ),
    # Census 2011 (pre-2023 wards) and Census 2021 re-aggregated from best-fit OAs (May-2023 wards)
    "Social rented housing": _spec(WH, "social_rented_households", *PCT),
    "Social rented housing (from best-fit OAs)": _spec(WH, "social_rented_households", *PCT),
    "Private rented housing": _spec(WH, "private_rented_households", *PCT),
    "Private rented housing (from best-fit OAs)": _spec(WH, "private_rented_households", *PCT),
    "Owner occupied housing": _spec(WH, "owner_occupied_households", *PCT),
    "Owned or shared ownership (from best-fit OAs)": _spec(WH, "owned_or_shared_ownership_households", *PCT),
    "Households with no car": _spec(WH, "no_car_households", *PCT),
    "No cars or vans in household (from best-fit OAs)": _spec(WH, "no_car_households", *PCT),
    "Households with 4 or more cars": _spec(WH, "households_4plus_cars", *PCT),
    "Households with 3 or more cars (from best-fit OAs)": _spec(WH, "households_3plus_cars", *PCT),
    "Residents with no qualifications": _spec(WH, "no_qualifications", *PCT),
    "Residents with no qualifications (from best-fit OAs)": _spec(WH, "no_qualifications", *PCT),
    "Residents with a higher education qualification": _spec(WH, "level4_qualifications", *PCT),
    "Residents with a higher education qualification (from best-fit OAs)": _spec(
        WH, "level4_qualifications", *PCT
    ),
    "Flat, maisonette or apartment": _spec(WH, "flat_households", *PCT),
    "Flat, maisonette or apartment (from best-fit OAs)": _spec(WH, "flat_households", *PCT),
    "Detached houses": _spec(WH, "detached_houses", *PCT),
    "Detached houses (from best-fit OAs)": _spec(WH, "detached_houses", *PCT),
    "Semi-detached houses": _spec(WH, "semi_detached_houses", *PCT),
    "Semi-detached houses (from best-fit OAs)": _spec(WH, "semi_detached_houses", *PCT),
    "Terraced houses": _spec(WH, "terraced_houses", *PCT),
    "Terraced houses (from best-fit OAs)": _spec(WH, "terraced_houses", *PCT),
    "Non-white ethnic group": _spec(WH, "non_white_ethnic_groups", *PCT),
    "Ethnically Diverse Communities (Non-white ethnic group) (from best-fit OAs)": _spec(
        WH, "non_white_ethnic_groups", *PCT
    ),
    "People reporting their general health as bad or very bad": _spec(WH, "bad_health", *PCT),
    "People reporting their general health as bad or very bad (from best-fit OAs)": _spec(
        WH, "bad_health", *PCT
    ),
    "People reporting their general health as very bad (from best-fit OAs)": _spec(
        WH, "very_bad_health", *PCT
    ),
    "No people in household have English as a main language": _spec(
        WH, "no_english_main_language_households", *PCT
    ),
    "No people in household have English as a main language (from best-fit OAs)": _spec(
        WH, "no_english_main_language_households", *PCT
    ),
    "EU born residents": _spec(WH, "eu_born_residents", *PCT),
    "People with no religious belief": _spec(WH, "no_religion", *PCT),
    "Single ethnicity households": _spec(WH, "single_ethnicity_households", *PCT),
    "Single ethnicity households with two or more members (from best-fit OAs)": _spec(
        WH, "single_ethnicity_households_2plus", *PCT
    ),
    "Private transport to work": _spec(WH, "private_transport_to_work", *PCT),
    "Travel to work by bicycle": _spec(WH, "cycle_to_work", *PCT),
    # Indices of Deprivation at ward (emitted by the deprivation module)
    "Index of Multiple Deprivation": _spec(DEP, "imd_score", "score", "weighted score", "average score"),
    "Indices of Deprivation: Income": _spec(DEP, "imd_income_score", *PCT),
    "Indices of Deprivation: Employment": _spec(DEP, "imd_employment_score", *PCT),
    "Indices of Deprivation: Education, Skills and Training": _spec(
        DEP, "imd_education_score", "score", "weighted score"
    ),
    "Indices of Deprivation: Health Deprivation and Disability": _spec(
        DEP, "imd_health_score", "score", "weighted score"
    ),
    "Indices of Deprivation: Crime": _spec(DEP, "imd_crime_score", "score", "weighted score"),
    "Indices of Deprivation: Barriers to Housing and Services": _spec(
        DEP, "imd_barriers_score", "score", "weighted score"
    ),
    "Indices of Deprivation: Living Environment": _spec(
        DEP, "imd_living_environment_score", "score", "weighted score"
    ),
    # IoD 2015 'Score' is the share as a fraction (0.085): x100 to the 'Percentage' scale of 2019 and 2025
    "Income Deprivation Affecting Children": _spec(DEP, "idaci", *PCT),
    "Children aged 0 to 15 living in income deprived families": Spec(
        DEP, {"percentage": ("idaci", 1.0), "score": ("idaci", 100.0)}
    ),
    "Income Deprivation Affecting Older People": _spec(DEP, "idaopi", *PCT),
    "Adults aged 60 or over living in income deprived households": Spec(
        DEP, {"percentage": ("idaopi", 1.0), "score": ("idaopi", 100.0)}
    ),
    # Emitted by the house prices and road casualties modules, beside their own files
    "Median property prices": _spec(HP, "median_house_price", "median"),
    "Killed or Seriously Injured": _spec(RC, "road_casualties_ksi", "count"),
}

# History indicators another module reads from this file itself: not left out, only not read here.
READ_BY = {"Claimant rate": "claimant"}
# History indicators deliberately left out, and why (reported once per indicator by the ward_history module).
# The population module reads ONS mid-year estimates from their own files (pre-2023 wards mid-2017 to mid-2020:
# total, 0-15, 16-64, 65+); it has no median age, dependency ratio, population change or density.
_MYE = ("not mixed into the store's ward population series, which are ONS mid-year estimates read from their "
        "own files (population module)")
_NONE = "no store indicator holds it (no module builds it from another source)"
SKIPPED = {
    "Local election turnout": "turnout is built from the full results by the elections module",
    "Children in poverty": "End Child Poverty estimate with no stated licence",
    "Median age": _NONE,
    "Old-age dependency ratio": _NONE,
    "Old-age dependency ratio (from best-fit OAs)": _NONE,
    "Population change (2007 to 2017)": _NONE,
    "Population change (2009 to 2019)": _NONE,
    "Population change (2010 to 2020)": _NONE,
    "Population density per km sq": "population density is held from Census 2021 only (census2021 module)",
    "Total resident population": _MYE,
    "Total resident population (from best-fit OAs)": _MYE,
}
_AGE_SHARES = re.compile(r"^(Percentage of population|Population) aged ")
AGE_SHARE_REASON = _MYE


def skip_reason(indicator: str) -> str | None:
    """Why a history indicator is left out, or None if it is not deliberately skipped."""
    if indicator in SKIPPED:
        return SKIPPED[indicator]
    return AGE_SHARE_REASON if _AGE_SHARES.match(indicator) else None


def read_history(ctx: IngestContext) -> pd.DataFrame:
    """The raw history with each row's publication date (from the manifest) in `published`."""
    df = ctx.read_csv(HISTORY)
    manifest = ctx.read_csv(MANIFEST)
    dates = manifest.drop_duplicates("source_commit").set_index("source_commit")["commit_date"]
    return df.assign(published=df["source_commit"].map(dates).fillna(""))


def _period(label: str, span: bool = False, quarter: bool = False) -> str:
    """The canonical period label; raises PeriodError."""
    text = label.strip()
    if span:
        return read_period(text, hint=SPAN_HINT).label
    if quarter and YEAR_MONTH.match(text):
        month = read_period(text, hint=MONTH_HINT).start.month
        text = f"Q{(month - 1) // 3 + 1} {text[:4]}"
    return read_period(text, hint=MONTH_HINT).label


def _periods(ctx: IngestContext, df: pd.DataFrame) -> pd.Series:
    """Canonical period labels (None where unparseable, reported), reporting year spans read as ranges."""
    out = []
    for row, label, span, quarter, indicator in df[
        ["_row", "period", "span", "quarter", "indicator"]
    ].itertuples(index=False):
        try:
            canonical = _period(label, span, quarter)
        except PeriodError as err:
            ctx.report.reject(HISTORY, int(row), f"period {label!r} of {indicator!r} not understood: {err}")
            canonical = None
        out.append(canonical)
    spans = df["span"] & df["period"].str.strip().str.match(YEAR_SPAN.pattern)
    for (indicator, label), n in df[spans].groupby(["indicator", "period"]).size().items():
        ctx.report.fix(
            HISTORY,
            None,
            f"{indicator!r} period {label!r} read as years {_period(label, True)!r}, not a month ({n} rows)",
        )
    quarters = df["quarter"] & df["period"].str.strip().str.match(YEAR_MONTH.pattern)
    for (indicator, label), n in df[quarters].groupby(["indicator", "period"]).size().items():
        ctx.report.fix(
            HISTORY,
            None,
            f"{indicator!r} period {label!r} (an end-of-quarter snapshot) labelled "
            f"{_period(label, quarter=True)!r} ({n} rows)",
        )
    return pd.Series(out, index=df.index, dtype=object)


def _drop_census_merged_wards(ctx: IngestContext, df: pd.DataFrame) -> pd.DataFrame:
    """Drop E36 'census merged ward' rows, saying whether a pre-2023 ward row repeats each one."""
    e36 = df["area_code"].str.match(CENSUS_MERGED_WARD.pattern, na=False)
    if not e36.any():
        return df
    wards = df[df["level"] == "ward_2022"]
    seen = set(zip(wards["area_name"], wards["indicator"], wards["value_num"].round(6), strict=True))
    for row, code, name, indicator, value in df.loc[
        e36, ["_row", "area_code", "area_name", "indicator", "value_num"]
    ].itertuples(index=False):
        repeat = (name, indicator, round(value, 6)) in seen
        why = (
            "repeats the pre-2023 ward row of the same name and value"
            if repeat
            else "no pre-2023 ward row of that name and value to check a mapping against"
        )
        ctx.report.reject(HISTORY, int(row), f"Nomis census merged ward {code} ({name}) dropped: {why}")
    return df[~e36]


def _decimals(text: str) -> int:
    """Decimal places written in a numeric cell."""
    text = str(text).strip()
    return len(text.split(".", 1)[1]) if "." in text else 0


def _same_figure(a: float, a_text: str, b: float, b_text: str, factor_a: float, factor_b: float) -> bool:
    """Whether two values are one figure rounded differently (compared at the coarser rounding)."""
    if np.isnan(a) or np.isnan(b):
        return bool(np.isnan(a) and np.isnan(b))
    # Decimal places on the catalogue scale: x100 moves the point two places.
    da = max(_decimals(a_text) - (2 if factor_a == 100 else 0), 0)
    db = max(_decimals(b_text) - (2 if factor_b == 100 else 0), 0)
    d = min(da, db)
    return abs(a - b) <= 0.5 * 10**-d + 1e-9


def _spelling(row: pd.Series) -> str:
    """How a row's version is spelled, for the report."""
    unit = f"/{row['unit']}" if row["unit"] else ""
    return (
        f"{row['period_raw']!r} {row['measure']}{unit} ({row['source_path']}, published {row['published']})"
    )


def _dedupe(ctx: IngestContext, df: pd.DataFrame) -> pd.DataFrame:
    """One row per key: the latest publication kept; repeats reported (same figure: fix, else conflict)."""
    df = df.sort_values(["published", "_row"], ascending=[False, True], kind="stable")
    dup = df.duplicated(KEYS, keep="first")
    if not dup.any():
        return df
    kept = df[~dup].set_index(KEYS)
    # One note per dropped version (indicator, period, breakdown, kept and dropped spellings).
    notes: dict[tuple, list] = {}
    for _, row in df[dup].iterrows():
        first = kept.loc[tuple(row[k] for k in KEYS)]
        same = _same_figure(
            first["value"],
            first["value_text"],
            row["value"],
            row["value_text"],
            first["factor"],
            row["factor"],
        )
        key = (row["indicator_id"], row["period"], row["breakdown"], _spelling(first), _spelling(row))
        notes.setdefault(key, []).append(
            (same, row["area_code"], first["value"], row["value"], int(row["_row"]))
        )
    for (indicator_id, period, breakdown, kept_as, dropped_as), hits in notes.items():
        differ = [h for h in hits if not h[0]]
        what = f"{indicator_id} {period} {breakdown}: {len(hits)} rows spelled {dropped_as} "
        if not differ:
            ctx.report.fix(HISTORY, hits[0][4], what + f"repeat the figures spelled {kept_as}; kept once")
        else:
            _, code, a, b, row = differ[0]
            ctx.report.reject(
                HISTORY,
                row,
                what + f"dropped: {len(differ)} differ from {kept_as}, kept as the "
                f"later publication (e.g. {code}: {b:g} dropped, {a:g} kept)",
            )
    return df[~dup]


def history_rows(ctx: IngestContext, owner: str, raw: pd.DataFrame | None = None) -> pd.DataFrame:
    """The store rows of the history indicators `owner` emits (see SPECS), cleaned and de-duplicated."""
    raw = read_history(ctx) if raw is None else raw
    specs = {name: s for name, s in SPECS.items() if s.owner == owner}
    df = raw[raw["indicator"].isin(specs)].copy()
    if df.empty:
        return pd.DataFrame(columns=OUT_COLUMNS)
    df["area_code"] = ctx.code(df["area_code"], HISTORY, df["_row"])
    df["level"] = df["area_code"].map(ward_level)
    df["value_text"] = df["value"]
    df["value_num"] = ctx.numbers_checked(df, "value", HISTORY)  # junk cells are reported as rejections
    df = df[df["value_num"].notna() | df["value"].isin(NA_TOKENS)].copy()
    df = _drop_census_merged_wards(ctx, df)
    for row, code in df.loc[df["level"].isna(), ["_row", "area_code"]].itertuples(index=False):
        ctx.report.reject(HISTORY, int(row), f"area code {code!r} is not a Trafford ward")
    df = df[df["level"].notna()].copy()

    spec = df["indicator"].map(specs)
    df["span"] = spec.map(lambda s: s.span).astype(bool)
    df["quarter"] = spec.map(lambda s: s.quarter).astype(bool)
    df["breakdown"] = spec.map(lambda s: s.breakdown)
    measure = df["measure"].str.strip().str.lower()
    target = [s.measures.get(m) for s, m in zip(spec, measure, strict=True)]
    df["indicator_id"] = [t[0] if t else None for t in target]
    df["factor"] = [t[1] if t else np.nan for t in target]
    unused = df["indicator_id"].isna()
    for (indicator, m), rows in df[unused].groupby(["indicator", "measure"])["_row"]:
        for row in rows:
            ctx.report.reject(
                HISTORY, int(row), f"{indicator!r} measure {m!r} is not the indicator's unit; left out"
            )
    df = df[~unused].copy()
    df["period_raw"] = df["period"]
    df["period"] = _periods(ctx, df)
    df = df[df["period"].notna()].copy()
    df["value"] = df["value_num"] * df["factor"]
    for (indicator, label), n in df[df["factor"] != 1].groupby(["indicator", "measure"]).size().items():
        ctx.report.fix(
            HISTORY, None, f"{indicator!r} measure {label!r} is a fraction: x100 to a percentage ({n} rows)"
        )
    for row, indicator, period in df.loc[df["value"].isna(), ["_row", "indicator", "period"]].itertuples(
        index=False
    ):
        ctx.report.fix(HISTORY, int(row), f"{indicator!r} {period}: value missing in the source; kept as NaN")
    df = _dedupe(ctx, df)
    out = df.assign(source_path=HISTORY, source_row=df["_row"].astype("Int64"))
    return out[OUT_COLUMNS].reset_index(drop=True)
