"""Census 2021 (ONS) topic counts as shares for Trafford's wards, LSOAs and MSOAs and the 10 GM districts.

Each topic file holds counts by category; an indicator's numerator is the sum of some categories and its
denominator the sum of all of them (the topic total), so the build computes Wilson intervals. Greater
Manchester is derived by summing the 10 districts' counts. Two 1981-2021 files give five census points for
the GM districts (population density and the share aged 65 and over).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources import COUNT_ROW_COLUMNS
from data.ingest.sources._trafford_areas import (
    comparator_level,
    dedupe,
    gm_sum,
    is_trafford_lsoa,
    is_trafford_msoa,
    ward_level,
)
from data.schema import GREATER_MANCHESTER

CATALOG = "census2021"
FOLDER = "tdl_open_data/census2021"
PERIOD = "2021"
CENSUS_DAY = "2021-03-21"
GM_NAME = "Greater Manchester"
# Columns every topic file has; the one left over (if any) names the category.
STANDARD = {"_row", "area_code", "area_name", "geography", "period", "indicator", "measure", "unit", "value"}
# File-name suffix of each geography.
SUFFIX = {"ward": "ward_trafford", "lsoa": "lsoa_trafford", "msoa": "msoa_trafford", "la": "la_gm"}
ALL_GEOGRAPHIES = ("ward", "lsoa", "msoa", "la")
LONG_AGE = f"{FOLDER}/1981-2021_population_by_sex_and_age_group_la_gm.csv"
LONG_DENSITY = f"{FOLDER}/1981-2021_population_density_la_gm.csv"
SEXES = {"Persons": "Persons", "Males": "Male", "Females": "Female"}
OUT_COLUMNS = COUNT_ROW_COLUMNS


def _starts(*prefixes: str) -> Callable[[str], bool]:
    """A category test: the category starts with one of the prefixes."""
    return lambda category: category.startswith(prefixes)


def _everything(category: str) -> bool:
    """A category test that keeps every category (the topic total)."""
    return True


@dataclass(frozen=True)
class Share:
    """A percentage indicator: categories summed into the numerator, and into the denominator."""

    indicator_id: str
    topic: str
    numerator: Callable[[str], bool]
    denominator: Callable[[str], bool] = _everything


# Flats, maisonettes and apartments are the four non-house, non-caravan accommodation types (ONS TS044).
FLATS = (
    "In a purpose-built block of flats",
    "Part of a converted or shared house",
    "Part of another converted building",
    "In a commercial building",
)

SHARES = (
    Share("owner_occupied_households", "household_tenure", _starts("Owned:")),
    # ONS: add council and other social rented together (landlord type is misreported).
    Share("social_rented_households", "household_tenure", _starts("Social rented:")),
    Share("private_rented_households", "household_tenure", _starts("Private rented:")),
    Share("no_car_households", "car_van_availability", _starts("No cars or vans")),
    Share("flat_households", "accommodation_type", _starts(*FLATS)),
    Share("one_person_households", "household_composition", _starts("One-person household")),
    Share("bad_health", "general_health", _starts("Bad health", "Very bad health")),
    Share("very_bad_health", "general_health", _starts("Very bad health")),  # Trafford's, for its wards to meet
    Share("disability", "disability", _starts("Disabled under the Equality Act")),
    Share(
        "unpaid_carers", "unpaid_care", lambda c: c.startswith("Provides") and not c.startswith("Provides no")
    ),
    Share("no_qualifications", "highest_level_qualification", _starts("No qualifications")),
    Share("level4_qualifications", "highest_level_qualification", _starts("Level 4")),
    Share("economically_inactive", "economic_activity_status", _starts("Economically inactive")),
    Share(
        "unemployment_census",
        "economic_activity_status",
        lambda c: c.endswith(": Unemployed"),
        _starts("Economically active"),
    ),
    Share("non_white_ethnic_groups", "population_ethnic_group", lambda c: not c.startswith("White")),
)
AGE_BANDS = "population_by_5_year_age_bands"
AGED_65 = "population_aged_65_plus_census"
DENSITY = "population_density"
TOPIC_GEOGRAPHIES = {AGE_BANDS: ("lsoa", "msoa", "la")}  # no ward file for the age bands


def _topic_file(topic: str, geography: str) -> str:
    """The raw path of one topic at one geography."""
    return f"{FOLDER}/2021_{topic}_{SUFFIX[geography]}.csv"


def _year(ctx: IngestContext, df: pd.DataFrame, rel: str) -> pd.Series:
    """The census year of each row from its census-day date; rows with another shape are reported."""
    year = df["period"].str.extract(r"^(\d{4})(?:-\d{2}-\d{2})?$")[0]
    for row, cell in zip(df.loc[year.isna(), "_row"], df.loc[year.isna(), "period"], strict=True):
        ctx.report.reject(rel, int(row), f"period is not a census date: {cell!r}")
    return year


def _route(ctx: IngestContext, df: pd.DataFrame, rel: str, geography: str) -> pd.Series:
    """The store level of each row; rows outside Trafford (small areas) or not an LA are reported."""
    codes, names = df["area_code"], df["area_name"]
    if geography == "ward":
        level = codes.map(ward_level)
        reason = "not a Trafford ward code"
    elif geography == "lsoa":
        level = pd.Series(
            np.where([is_trafford_lsoa(c, n) for c, n in zip(codes, names, strict=True)], "lsoa_2021", None),
            index=df.index,
        )
        reason = "not a Trafford LSOA"
    elif geography == "msoa":
        ok = codes.map(is_trafford_msoa) | names.str.startswith("Trafford")
        level = pd.Series(np.where(ok, "msoa_2021", None), index=df.index)
        reason = "not a Trafford MSOA"
    else:
        level = codes.map(comparator_level)
        reason = "not a local authority, combined authority, region or England code"
    for row, code in zip(df.loc[level.isna(), "_row"], codes[level.isna()], strict=True):
        ctx.report.reject(rel, int(row), f"{reason}: {code}")
    return level


def _complete(
    ctx: IngestContext, df: pd.DataFrame, rel: str, keys: tuple[str, ...] = ("area_code",)
) -> pd.DataFrame:
    """Keep areas (or other groups) with a number for every category of the file; report the others."""
    categories = df["category"].nunique()
    grouped = df.groupby(list(keys))
    have = grouped["count"].transform("count")
    bad = have < categories
    for key, rows in df[bad].groupby(list(keys)):
        label = " ".join(map(str, key)) if isinstance(key, tuple) else key
        ctx.report.reject(
            rel,
            int(rows["_row"].min()),
            f"{label} has {int(rows['count'].count())} of {categories} "
            "categories with a number; left out of this topic (its "
            "total would be wrong)",
        )
    return df[~bad]


def read_counts(ctx: IngestContext, rel: str, geography: str) -> pd.DataFrame:
    """One Census 2021 topic file as counts: area_code, area_name, level, category, count, _row."""
    df = ctx.read_csv(rel)
    df = ctx.unswap_code_name(df, rel)
    df["area_code"] = ctx.code(df["area_code"], rel, df["_row"])
    extra = [c for c in df.columns if c not in STANDARD]
    df["category"] = df[extra[0]] if extra else df["indicator"]
    year = _year(ctx, df, rel)
    wrong = year.notna() & (year != PERIOD)
    for row, cell in zip(df.loc[wrong, "_row"], df.loc[wrong, "period"], strict=True):
        ctx.report.reject(rel, int(row), f"period {cell!r} is not Census 2021")
    df = df[year == PERIOD].copy()
    df["level"] = _route(ctx, df, rel, geography)
    df = df[df["level"].notna()].copy()
    df["count"] = ctx.numbers_checked(df, "value", rel)
    df = dedupe(ctx, df, rel, ["area_code", "category"], "count")
    return _complete(ctx, df, rel)[["area_code", "area_name", "level", "category", "count", "_row"]]


def _try(ctx: IngestContext, reader: Callable[..., pd.DataFrame], rel: str, *args) -> pd.DataFrame | None:
    """`reader(ctx, rel, *args)`, or None (reported) when the raw file is missing."""
    try:
        return reader(ctx, rel, *args)
    except FileNotFoundError:
        ctx.report.reject(rel, None, "raw file missing; indicators not built from it")
        return None


def with_gm(ctx: IngestContext, counts: pd.DataFrame, rel: str, keys: list[str]) -> pd.DataFrame:
    """Counts with Greater Manchester added as the sum of the 10 districts (where all 10 are present)."""
    gm = gm_sum(counts, keys, ["count"])
    if gm.empty:
        ctx.report.reject(rel, None, "not all 10 GM districts present; no Greater Manchester figure derived")
        return counts
    ctx.report.fix(rel, None, "Greater Manchester (E47000001) derived as the sum of the 10 districts' counts")
    gm = gm.assign(area_name=GM_NAME, level="combined_authority", _row=pd.NA)
    return pd.concat([counts, gm], ignore_index=True)


def share_rows(
    counts: pd.DataFrame,
    indicator_id: str,
    numerator: Callable[[str], bool],
    denominator: Callable[[str], bool],
    keys: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One indicator's rows: numerator and denominator summed over categories per area (and keys)."""
    c = counts.assign(
        num=counts["count"].where(counts["category"].map(numerator), 0.0),
        den=counts["count"].where(counts["category"].map(denominator), 0.0),
    )
    g = (
        c.groupby(["area_code", "level", *keys], sort=False, dropna=False)
        .agg(
            area_name=("area_name", "first"),
            numerator=("num", "sum"),
            denominator=("den", "sum"),
            source_row=("_row", "min"),
        )
        .reset_index()
    )
    g = g[g["denominator"] > 0]
    return g.assign(indicator_id=indicator_id, value=100 * g["numerator"] / g["denominator"])


def _shares(ctx: IngestContext) -> list[pd.DataFrame]:
    """Every Census 2021 share indicator at every geography, GM included."""
    out = []
    topics = sorted({s.topic for s in SHARES})
    for topic in topics:
        for geography in TOPIC_GEOGRAPHIES.get(topic, ALL_GEOGRAPHIES):
            rel = _topic_file(topic, geography)
            counts = _try(ctx, read_counts, rel, geography)
            if counts is None:
                continue
            if geography == "la":
                counts = with_gm(ctx, counts, rel, ["category"])
            for share in (s for s in SHARES if s.topic == topic):
                if not counts["category"].map(share.numerator).any():
                    ctx.report.reject(rel, None, f"no category matches {share.indicator_id}; not built here")
                    continue
                rows = share_rows(counts, share.indicator_id, share.numerator, share.denominator)
                out.append(rows.assign(period=PERIOD, breakdown="Persons", source_path=rel))
    return out


def _age_lower(label: str) -> float:
    """The youngest age of an age-band label ('Aged 4 years and under' -> 0), NaN for 'All ages'."""
    if "under" in label:
        return 0.0
    m = re.match(r"Aged (\d+)", label)
    return float(m[1]) if m else np.nan


def _read_long(ctx: IngestContext, rel: str) -> pd.DataFrame:
    """A 1981-2021 LA file with codes, census years and numbers checked."""
    df = ctx.read_csv(rel)
    df = ctx.unswap_code_name(df, rel)
    df["area_code"] = ctx.code(df["area_code"], rel, df["_row"])
    df["year"] = _year(ctx, df, rel)
    df = df[df["year"].notna()].copy()
    df["level"] = _route(ctx, df, rel, "la")
    df = df[df["level"].notna()].copy()
    df["count"] = ctx.numbers_checked(df, "value", rel)
    return df


def _is_65(category: str) -> bool:
    """Whether an age band starts at 65 or older."""
    return _age_lower(category) >= 65


def _aged_65(ctx: IngestContext, long: pd.DataFrame | None) -> list[pd.DataFrame]:
    """Share aged 65+: 2021 at LSOA, MSOA and LA from the age bands; 1981-2021 for the GM districts by sex."""
    out, persons_2021 = [], set()
    for geography in TOPIC_GEOGRAPHIES[AGE_BANDS]:
        rel = _topic_file(AGE_BANDS, geography)
        counts = _try(ctx, read_counts, rel, geography)
        if counts is None:
            continue
        if geography == "la":
            counts = with_gm(ctx, counts, rel, ["category"])
            persons_2021 = set(counts["area_code"])
        rows = share_rows(counts, AGED_65, _is_65, _everything)
        out.append(rows.assign(period=PERIOD, breakdown="Persons", source_path=rel))
    if long is None:
        return out

    long = long.assign(breakdown=long["sex"].map(SEXES))
    long = long[long["breakdown"].notna()]
    # The 2021 persons counts here are rounded to the nearest 100: the unrounded age-band file wins.
    again = (long["year"] == PERIOD) & (long["breakdown"] == "Persons") & long["area_code"].isin(persons_2021)
    if again.any():
        ctx.report.fix(
            LONG_AGE,
            None,
            f"2021 persons rows ({int(again.sum())}) also in the unrounded "
            f"{_topic_file(AGE_BANDS, 'la')}; kept that file's figures",
        )
    long = long[~again]
    long = long.rename(columns={"age_group": "category"})
    long = dedupe(ctx, long, LONG_AGE, ["area_code", "year", "breakdown", "category"], "count")
    _check_all_ages(ctx, long)
    bands = long[long["category"].map(_age_lower).notna()]
    bands = _complete(ctx, bands, LONG_AGE, ("area_code", "year", "breakdown"))
    bands = with_gm(ctx, bands, LONG_AGE, ["year", "breakdown", "category"])
    rows = share_rows(bands, AGED_65, _is_65, _everything, keys=("year", "breakdown"))
    out.append(rows.rename(columns={"year": "period"}).assign(source_path=LONG_AGE))
    return out


def _check_all_ages(ctx: IngestContext, long: pd.DataFrame) -> None:
    """Report where the age bands do not add up to 'All ages' (beyond rounding to the nearest 100)."""
    is_band = long["category"].map(_age_lower).notna()
    keys = ["area_code", "year", "breakdown"]
    bands = long[is_band].groupby(keys)["count"].sum()
    total = long[long["category"] == "All ages"].set_index(keys)["count"]
    both = pd.concat({"bands": bands, "total": total}, axis=1).dropna()
    off = both[(both["bands"] - both["total"]).abs() > 0.01 * both["total"]]
    for key, row in off.iterrows():
        ctx.report.fix(
            LONG_AGE,
            None,
            f"{key}: age bands add to {row['bands']:.0f}, 'All ages' is "
            f"{row['total']:.0f}; the share uses the bands",
        )


def _density(ctx: IngestContext, long_age: pd.DataFrame | None) -> list[pd.DataFrame]:
    """Usual residents per sq km: 2021 at every geography, 1981-2011 for the GM districts, GM derived."""
    out, la_2021 = [], set()
    for geography in ALL_GEOGRAPHIES:
        rel = _topic_file("population_density", geography)
        d = _try(ctx, read_counts, rel, geography)
        if d is None:
            continue
        if geography == "la":
            la_2021 = set(d["area_code"])
        out.append(
            pd.DataFrame(
                {
                    "indicator_id": DENSITY,
                    "area_code": d["area_code"],
                    "area_name": d["area_name"],
                    "level": d["level"],
                    "period": PERIOD,
                    "breakdown": "Persons",
                    "value": d["count"],
                    "source_path": rel,
                    "source_row": d["_row"],
                }
            )
        )
    long = _try(ctx, _read_long, LONG_DENSITY)
    if long is None:
        return out
    long = dedupe(ctx, long[long["count"].notna()], LONG_DENSITY, ["area_code", "year"], "count")
    again = (long["year"] == PERIOD) & long["area_code"].isin(la_2021)
    if again.any():
        ctx.report.fix(
            LONG_DENSITY,
            None,
            f"2021 density ({int(again.sum())} rows, rounded) also in "
            f"{_topic_file('population_density', 'la')}; kept that file's",
        )
    out.append(
        pd.DataFrame(
            {
                "indicator_id": DENSITY,
                "area_code": long.loc[~again, "area_code"],
                "area_name": long.loc[~again, "area_name"],
                "level": long.loc[~again, "level"],
                "period": long.loc[~again, "year"],
                "breakdown": "Persons",
                "value": long.loc[~again, "count"],
                "source_path": LONG_DENSITY,
                "source_row": long.loc[~again, "_row"],
            }
        )
    )
    if long_age is not None:
        out.append(_gm_density(ctx, pd.concat(out, ignore_index=True), long_age))
    return out


def _gm_density(ctx: IngestContext, density: pd.DataFrame, long_age: pd.DataFrame) -> pd.DataFrame:
    """Greater Manchester's density per census: the districts' residents over their summed land area."""
    pop = long_age[(long_age["sex"] == "Persons") & (long_age["age_group"] == "All ages")]
    pop = pop.drop_duplicates(["area_code", "year"])[["area_code", "year", "count"]]
    pop = pop.rename(columns={"year": "period", "count": "residents"})
    d = density[density["level"] == "la"].merge(pop, on=["area_code", "period"])
    d["area_km2"] = d["residents"] / d["value"]  # land area implied by each district's density
    gm = gm_sum(d, ["period"], ["residents", "area_km2"])
    if gm.empty:
        ctx.report.reject(
            LONG_DENSITY, None, "not all 10 GM districts present; no Greater Manchester density"
        )
        return gm
    ctx.report.fix(
        LONG_DENSITY,
        None,
        "Greater Manchester density derived as the 10 districts' residents "
        f"({LONG_AGE}) over their land area implied by each density",
    )
    return pd.DataFrame(
        {
            "indicator_id": DENSITY,
            "area_code": GREATER_MANCHESTER,
            "area_name": GM_NAME,
            "level": "combined_authority",
            "period": gm["period"],
            "breakdown": "Persons",
            "value": gm["residents"] / gm["area_km2"],
            "source_path": LONG_DENSITY,
            "source_row": pd.NA,
        }
    )


def load(ctx: IngestContext) -> pd.DataFrame:
    """All Census 2021 indicators (and the 1981-2021 series) in the store's long format."""
    long_age = _try(ctx, _read_long, LONG_AGE)
    frames = [*_shares(ctx), *_aged_65(ctx, long_age), *_density(ctx, long_age)]
    df = pd.concat([f.reindex(columns=OUT_COLUMNS) for f in frames if len(f)], ignore_index=True)
    df["source_row"] = pd.to_numeric(df["source_row"], errors="coerce").astype("Int64")
    for col in ("value", "numerator", "denominator"):
        df[col] = df[col].astype(float)
    return df
