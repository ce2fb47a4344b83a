"""A synthetic England-scale indicator store with the real store's schema, written in streaming chunks.

    .venv/bin/python -m bench.synthetic [--rows 10000000] [--out PATH] [--rebuild]

Geography: England, 9 regions, Greater Manchester (a combined authority), 300 local authorities (parents:
regions), 7,000 wards (ward_2023, parents: authorities), 7,264 MSOAs (msoa_2021, parents: authorities) and
33,755 LSOAs (lsoa_2021, parents: wards). 300 indicators over the 10 themes, 15 yearly or financial-year
periods. Every indicator has every comparator level (england, region, combined_authority, la; one in ten
also by sex there); a planned subset has wards, MSOAs and LSOAs, chosen so the values come to about
`--rows` (10 million by default, 100 million with `--rows 100000000`). Below 10 million rows the geography
and the number of indicators shrink too (for tests).

The values are generated one (level, indicator) chunk at a time already in VALUE_SORT order and appended to
one ParquetWriter per level in row groups of exactly ROW_GROUP rows, so memory stays at one chunk (about
0.5 million rows) whatever the size. Statistics are computed from each chunk as it is written; the latest
table is derived from the written values by DuckDB (COPY ... ORDER BY, spilling to disk if need be).

A folder already holding a store built with the same parameters (params.json) is reused unless --rebuild.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from data.ingest.areas import AREA_COLUMNS
from data.ingest.writer import COMPRESSION, ROW_GROUP, write_table
from data.periods import STORE, read_period
from data.schema import (
    AREA_SORT,
    BY_AREA_BUCKET_CHARS,
    BY_AREA_ROW_GROUP,
    BY_AREA_SORT,
    DEFAULT_BREAKDOWN,
    ENGLAND,
    GREATER_MANCHESTER,
    LATEST_COMPARATORS,
    LEVELS,
    THEMES,
    TRAFFORD,
    VALUE_COLUMNS,
    indicator_bucket,
)

GENERATOR_VERSION = 9  # 9: coverage table; 8: lz4; 7: values files per indicator bucket; 6: by-area files per bucket; 5: row groups of whole maps; 4: areas stored in name order; 3: area names in values, in name order; values_by_area; benchmarks in latest
DEFAULT_ROWS = 10_000_000
OUT = Path(__file__).resolve().parent / "out"

N_PERIODS = 15
FIRST_YEAR = 2010
N_INDICATORS = 300
FULL_COUNTS = {"la": 300, "ward_2023": 7_000, "msoa_2021": 7_264, "lsoa_2021": 33_755}
COMPARATORS = ("england", "region", "combined_authority", "la")
SMALL = ("ward_2023", "msoa_2021", "lsoa_2021")
# How many more indicators have each small level, relative to LSOAs (nested: LSOA ⊂ MSOA ⊂ ward).
SMALL_WEIGHT = {"ward_2023": 2.5, "msoa_2021": 1.5, "lsoa_2021": 1.0}
SEXES = ("Female", "Male", "Persons")
SEX_OFFSET = {"Female": -0.08, "Male": 0.08, "Persons": 0.0}
SEX_SHARE = {"Female": 0.51, "Male": 0.49, "Persons": 1.0}
Z95, Z998 = 1.959963984540054, 3.090232306167813

REGIONS = [("E12000001", "North East"), ("E12000002", "North West"), ("E12000003", "Yorkshire and The Humber"),
           ("E12000004", "East Midlands"), ("E12000005", "West Midlands"), ("E12000006", "East of England"),
           ("E12000007", "London"), ("E12000008", "South East"), ("E12000009", "South West")]
GM_NAMES = ["Bolton", "Bury", "Manchester", "Oldham", "Rochdale", "Salford", "Stockport", "Tameside", "Trafford",
            "Wigan"]
PREFIX = ["Ash", "Bex", "Brad", "Brook", "Bur", "Cal", "Chel", "Clay", "Dar", "Elm", "Fair", "Gold", "Green", "Hal",
          "Hart", "Hay", "High", "Kings", "Lang", "Lea", "Long", "Mar", "Mill", "New", "North", "Oak", "Pen", "Red",
          "Rich", "Rock", "Sand", "Shir", "South", "Stan", "Stone", "Thorn", "Wal", "West", "Whit", "Wood"]
SUFFIX = ["bridge", "bury", "by", "caster", "combe", "dale", "den", "field", "ford", "gate", "ham", "hurst", "ley",
          "mere", "minster", "mouth", "stead", "stoke", "ton", "well", "wick", "worth"]
WARD_WORDS = ["", " East", " West", " North", " South", " Central", " Park", " Village"]

SUBJECTS = {
    "population": ["Total population", "Population aged 0 to 15", "Population aged 65 and over",
                   "Working age population", "Population density", "Live births", "Net internal migration",
                   "Households", "Residents born outside the UK", "Median age"],
    "deprivation": ["Index of Multiple Deprivation score", "Income deprivation", "Employment deprivation",
                    "Children in low income families", "Fuel poverty", "Older people in income deprivation",
                    "Barriers to housing and services", "Living environment deprivation",
                    "Education and skills deprivation", "Health deprivation and disability"],
    "health": ["Adults who smoke", "Obese adults", "Physically active adults", "Life expectancy at birth",
               "Emergency hospital admissions", "Premature mortality", "Diabetes prevalence",
               "Depression prevalence", "Alcohol-related hospital admissions", "Self-reported bad health"],
    "economy": ["Claimant count", "Employment rate", "Economic inactivity", "Median weekly earnings",
                "Business births", "Jobs density", "Apprenticeship starts", "Residents with no qualifications",
                "Universal Credit claimants", "Self-employment"],
    "housing": ["Median house price", "Housing affordability ratio", "Overcrowded households",
                "Social rented households", "Private rented households", "Long-term empty homes",
                "Households in temporary accommodation", "Net additional dwellings", "Homelessness duties owed",
                "Homes with energy rating C or above"],
    "community_safety": ["All recorded crime", "Violence against the person offences", "Burglary offences",
                         "Anti-social behaviour incidents", "Vehicle offences", "Criminal damage and arson",
                         "Domestic abuse incidents", "Road casualties killed or seriously injured",
                         "Deliberate fires", "Hate crime offences"],
    "environment": ["Annual mean NO2 concentration", "Access to green space", "Household waste recycled",
                    "CO2 emissions per resident", "Households without a car", "Cycling to work",
                    "Tree canopy cover", "Properties at flood risk", "Public electric vehicle chargers",
                    "Fly-tipping incidents"],
    "children_education": ["Good level of development at age 5", "Attainment 8 score",
                           "Pupils eligible for free school meals", "Persistent school absence",
                           "Children in care", "Obese children in Year 6", "Pupils with special educational needs",
                           "School readiness", "Young people not in education, employment or training",
                           "Key stage 2 expected standard"],
    "democracy": ["Local election turnout", "General election turnout", "Registered electors", "Postal vote share",
                  "Adults who volunteer", "Satisfaction with local area", "Community cohesion",
                  "Civic participation", "Trust in local council", "Feeling of belonging"],
    "digital": ["Median download speed", "Superfast broadband coverage", "Gigabit broadband coverage",
                "Premises below the universal service obligation", "4G outdoor coverage",
                "Adults who have never used the internet", "Adults with basic digital skills",
                "Full fibre availability", "Indoor mobile signal", "Public wifi sites"],
}
QUALIFIERS = [("", ""), (" (three-year pooled)", "_3y"), (" (age-standardised)", "_std")]
# value type, unit, CI method, multiplier; cycled over the indicators.
KINDS = [("percentage", "%", "wilson", 100), ("percentage", "%", "wilson", 100), ("percentage", "%", "wilson", 100),
         ("rate", "per 100,000", "byars", 100_000), ("rate", "per 100,000", "byars", 100_000),
         ("count", "count", "none", 1), ("score", "score", "none", 1), ("years", "years", "source", 1)]
POLARITY_CYCLE = ["low_is_good", "high_is_good", "no_judgement"]
LICENCE = "Open Government Licence v3.0"
PUBLISHERS = ["Office for National Statistics", "Office for Health Improvement and Disparities",
              "Department for Education", "Home Office", "Ofcom"]


@dataclass(frozen=True)
class Params:
    """Everything that decides a synthetic store's content (saved as params.json)."""

    rows: int = DEFAULT_ROWS
    seed: int = 20240601
    scale: float | None = None  # geography and indicators relative to England; None: from rows
    row_group: int = ROW_GROUP  # the writer's; other sizes, codecs and file splits are for trying layouts
    compression: str = COMPRESSION
    file_row_groups: int = 0  # 0: one file a level (the writer's); N: a new part-<k> file every N row groups
    generator: int = GENERATOR_VERSION

    def geo_scale(self) -> float:
        return self.scale if self.scale is not None else min(1.0, self.rows / DEFAULT_ROWS) ** 0.5


def default_path(rows: int, row_group: int = ROW_GROUP, compression: str = COMPRESSION, file_row_groups: int = 0) -> Path:
    """bench/out/store-<rows> (with -rg<size>-<codec>[-files<N>] when not the writer's layout)."""
    layout = "" if (row_group, compression) == (ROW_GROUP, COMPRESSION) else f"-rg{row_group}-{compression}"
    return OUT / f"store-{rows}{layout}{f'-files{file_row_groups}' if file_row_groups else ''}"


# ---------------------------------------------------------------------------------------------- geography


@dataclass
class Geography:
    """The areas table plus, per level, codes in sorted order, populations and a latent area effect."""

    areas: pd.DataFrame
    codes: dict[str, np.ndarray] = field(default_factory=dict)
    pop: dict[str, np.ndarray] = field(default_factory=dict)
    z: dict[str, np.ndarray] = field(default_factory=dict)
    code_arrays: dict[str, pa.Array] = field(default_factory=dict)
    name_arrays: dict[str, pa.Array] = field(default_factory=dict)
    name_order: dict[str, np.ndarray] = field(default_factory=dict)  # area indexes in (name, code) order

    def n(self, level: str) -> int:
        return len(self.codes[level])


def _names(rng: np.random.Generator, n: int, unique: bool, words: list[str] | None = None) -> list[str]:
    combos = [p + s for p in PREFIX for s in SUFFIX]
    if words:
        combos = [c + w for c in combos for w in words]
    idx = rng.permutation(len(combos))[:n] if unique else rng.integers(0, len(combos), n)
    return [combos[i] for i in idx]


def _split(total: int, parts: int) -> np.ndarray:
    """`total` items over `parts` owners as evenly as possible: owner index of each item, in order."""
    counts = np.full(parts, total // parts)
    counts[: total % parts] += 1
    return np.repeat(np.arange(parts), counts)


def build_geography(params: Params) -> Geography:
    """England -> regions -> authorities -> wards -> LSOAs; authorities -> MSOAs; Greater Manchester beside."""
    rng = np.random.default_rng(params.seed)
    s = params.geo_scale()
    n_la = max(12, round(FULL_COUNTS["la"] * s))
    n_ward = max(2 * n_la, round(FULL_COUNTS["ward_2023"] * s))
    n_msoa = max(n_la, round(FULL_COUNTS["msoa_2021"] * s))
    n_lsoa = max(2 * n_ward, n_msoa, round(FULL_COUNTS["lsoa_2021"] * s))

    pool = ([f"E08{i:06d}" for i in range(11, 37)] + [f"E09{i:06d}" for i in range(1, 34)]
            + [f"E06{i:06d}" for i in range(1, 64)] + [f"E07{i:06d}" for i in range(1, 169)])
    la_codes = [f"E08{i:06d}" for i in range(1, 11)] + sorted(rng.permutation(pool)[: n_la - 10].tolist())
    la_codes = sorted(la_codes)
    other = _names(rng, n_la, unique=True)
    la_names = [GM_NAMES[int(c[3:]) - 1] if c.startswith("E08") and int(c[3:]) <= 10 else other[i]
                for i, c in enumerate(la_codes)]
    not_london = [r for r, _ in REGIONS if r != "E12000007"]
    la_region = [("E12000002" if c.startswith("E08") and int(c[3:]) <= 10 else
                  "E12000007" if c.startswith("E09") else not_london[int(rng.integers(0, 8))]) for c in la_codes]
    la_centre = np.column_stack([rng.uniform(-4.5, 1.3, n_la), rng.uniform(50.5, 55.0, n_la)])
    la_centre[la_codes.index(TRAFFORD)] = (-2.36, 53.42)

    ward_la = _split(n_ward, n_la)
    lsoa_ward = _split(n_lsoa, n_ward)
    lsoa_la = ward_la[lsoa_ward]
    msoa_la = _split(n_msoa, n_la)
    # Each authority's LSOAs (contiguous, since wards are) split into its MSOAs in contiguous blocks.
    lsoa_msoa = np.empty(n_lsoa, dtype=np.int64)
    msoa_no = np.empty(n_lsoa, dtype=np.int64)
    letter = np.empty(n_lsoa, dtype=np.int64)
    for la in range(n_la):
        lsoas = np.flatnonzero(lsoa_la == la)
        msoas = np.flatnonzero(msoa_la == la)
        owner = _split(len(lsoas), len(msoas))
        lsoa_msoa[lsoas] = msoas[owner]
        msoa_no[lsoas] = owner + 1
        letter[lsoas] = np.concatenate([np.arange(c) for c in np.bincount(owner, minlength=len(msoas))])

    ward_codes = [f"E05{i:06d}" for i in range(1, n_ward + 1)]
    msoa_codes = [f"E02{i:06d}" for i in range(1, n_msoa + 1)]
    lsoa_codes = [f"E01{i:06d}" for i in range(1, n_lsoa + 1)]
    ward_names = _names(rng, n_ward, unique=False, words=WARD_WORDS)
    msoa_idx_in_la = np.concatenate([np.arange(c) for c in np.bincount(msoa_la, minlength=n_la)]) + 1

    def jitter(centres: np.ndarray, owner: np.ndarray, spread: float) -> np.ndarray:
        return centres[owner] + rng.normal(0, spread, (len(owner), 2))

    ward_xy = jitter(la_centre, ward_la, 0.05)
    lsoa_xy = jitter(ward_xy, lsoa_ward, 0.01)
    msoa_xy = jitter(la_centre, msoa_la, 0.05)

    rows = [{"area_code": ENGLAND, "level": "england", "area_name": "England"}]
    rows += [{"area_code": c, "level": "region", "area_name": n, "parent_code": ENGLAND, "parent_level": "england"}
             for c, n in REGIONS]
    rows.append({"area_code": GREATER_MANCHESTER, "level": "combined_authority", "area_name": "Greater Manchester",
                 "parent_code": ENGLAND, "parent_level": "england", "lon": -2.34, "lat": 53.51})
    rows += [{"area_code": c, "level": "la", "area_name": n, "parent_code": r, "parent_level": "region",
              "la_code": c, "lon": x, "lat": y}
             for c, n, r, (x, y) in zip(la_codes, la_names, la_region, la_centre, strict=True)]
    areas = pd.DataFrame(rows)
    wards = pd.DataFrame({"area_code": ward_codes, "level": "ward_2023", "area_name": ward_names,
                          "parent_code": np.array(la_codes)[ward_la], "parent_level": "la",
                          "la_code": np.array(la_codes)[ward_la], "lon": ward_xy[:, 0], "lat": ward_xy[:, 1]})
    msoas = pd.DataFrame({"area_code": msoa_codes, "level": "msoa_2021",
                          "area_name": [f"{la_names[la]} {k:03d}" for la, k in zip(msoa_la, msoa_idx_in_la, strict=True)],
                          "parent_code": np.array(la_codes)[msoa_la], "parent_level": "la",
                          "la_code": np.array(la_codes)[msoa_la], "lon": msoa_xy[:, 0], "lat": msoa_xy[:, 1]})
    lsoas = pd.DataFrame({"area_code": lsoa_codes, "level": "lsoa_2021",
                          "area_name": [f"{la_names[la]} {m:03d}{chr(65 + k % 26)}"
                                        for la, m, k in zip(lsoa_la, msoa_no, letter, strict=True)],
                          "parent_code": np.array(ward_codes)[lsoa_ward], "parent_level": "ward_2023",
                          "la_code": np.array(la_codes)[lsoa_la], "ward_code": np.array(ward_codes)[lsoa_ward],
                          "ward_level": "ward_2023", "msoa_code": np.array(msoa_codes)[lsoa_msoa],
                          "lon": lsoa_xy[:, 0], "lat": lsoa_xy[:, 1], "derived_parent": True})
    areas = pd.concat([areas, wards, msoas, lsoas], ignore_index=True).reindex(columns=AREA_COLUMNS)
    areas["area_sqkm"] = np.round(rng.lognormal(0.3, 1.0, len(areas)), 3)
    areas.loc[areas["level"].isin(["england", "region"]), "area_sqkm"] = np.nan
    areas["derived_parent"] = areas["derived_parent"].fillna(False).astype(bool)
    for col in AREA_COLUMNS:
        if col not in ("lon", "lat", "area_sqkm", "derived_parent"):
            areas[col] = areas[col].astype("string")

    # Populations add up the hierarchy; the latent effect of a bigger area is its LSOAs' weighted mean.
    lsoa_pop = np.round(rng.normal(1_650, 250, n_lsoa).clip(900, 3_500))
    lsoa_z = rng.normal(0, 0.5, n_la)[lsoa_la] + rng.normal(0, 0.4, n_ward)[lsoa_ward] + rng.normal(0, 0.7, n_lsoa)
    la_region_idx = np.array([[r for r, _ in REGIONS].index(r) for r in la_region])
    gm = np.array([c.startswith("E08") and int(c[3:]) <= 10 for c in la_codes])

    def agg(owner: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
        pop = np.bincount(owner, weights=lsoa_pop, minlength=n)
        z = np.bincount(owner, weights=lsoa_pop * lsoa_z, minlength=n) / np.maximum(pop, 1)
        return pop, z

    geo = Geography(areas=areas)
    geo.codes["lsoa_2021"], geo.pop["lsoa_2021"], geo.z["lsoa_2021"] = np.array(lsoa_codes), lsoa_pop, lsoa_z
    geo.codes["ward_2023"] = np.array(ward_codes)
    geo.pop["ward_2023"], geo.z["ward_2023"] = agg(lsoa_ward, n_ward)
    geo.codes["msoa_2021"] = np.array(msoa_codes)
    geo.pop["msoa_2021"], geo.z["msoa_2021"] = agg(lsoa_msoa, n_msoa)
    geo.codes["la"] = np.array(la_codes)
    geo.pop["la"], geo.z["la"] = agg(lsoa_la, n_la)
    geo.codes["region"] = np.array([r for r, _ in REGIONS])
    geo.pop["region"], geo.z["region"] = agg(la_region_idx[lsoa_la], len(REGIONS))
    geo.codes["combined_authority"] = np.array([GREATER_MANCHESTER])
    geo.pop["combined_authority"], geo.z["combined_authority"] = agg(np.where(gm[lsoa_la], 0, 1), 2)
    geo.pop["combined_authority"], geo.z["combined_authority"] = (geo.pop["combined_authority"][:1],
                                                                  geo.z["combined_authority"][:1])
    geo.codes["england"] = np.array([ENGLAND])
    geo.pop["england"], geo.z["england"] = agg(np.zeros(n_lsoa, dtype=np.int64), 1)
    for level, codes in geo.codes.items():
        assert list(codes) == sorted(codes), level  # code_arrays: the by-area copy's order
        geo.code_arrays[level] = pa.array(codes.tolist(), pa.large_string())
        names = areas.loc[areas["level"] == level].set_index("area_code")["area_name"]
        listed = names.reindex(codes).astype(object).tolist()
        geo.name_arrays[level] = pa.array(listed, pa.large_string())
        geo.name_order[level] = np.array(sorted(range(len(codes)), key=lambda k: (listed[k], codes[k])), dtype=np.int64)
    return geo


# ---------------------------------------------------------------------------------------------- indicators


@dataclass
class Indicator:
    """One synthetic indicator: catalogue fields, its periods, levels and the parameters of its values."""

    id: str
    name: str
    theme: str
    value_type: str
    unit: str
    ci_method: str
    multiplier: int
    polarity: str
    by_sex: bool
    periods: list  # data.periods.Period, in time order
    mu: float
    spread: float
    trend: float
    rho: float
    share: float
    provisional: bool
    levels: list[str] = field(default_factory=list)
    n_values: int = 0

    def breakdowns(self, level: str) -> tuple[str, ...]:
        return SEXES if self.by_sex and level in COMPARATORS else (DEFAULT_BREAKDOWN,)

    @property
    def source_path(self) -> str:
        return f"synthetic/{self.theme}/{self.id}.csv"


def build_indicators(params: Params) -> list[Indicator]:
    """N indicators spread over the themes (all 300 at full scale), in id order."""
    rng = np.random.default_rng(params.seed + 1)
    n = max(10, round(N_INDICATORS * params.geo_scale()))
    years = [read_period(str(y), hint=STORE) for y in range(FIRST_YEAR, FIRST_YEAR + N_PERIODS)]
    fin_years = [read_period(f"{y}/{(y + 1) % 100:02d}", hint=STORE) for y in range(FIRST_YEAR, FIRST_YEAR + N_PERIODS)]
    out = []
    for k in range(n):
        theme = list(THEMES)[k % len(THEMES)]
        subject = SUBJECTS[theme][(k // len(THEMES)) % 10]
        qual_name, qual_id = QUALIFIERS[(k // (len(THEMES) * 10)) % len(QUALIFIERS)]
        value_type, unit, ci, mult = KINDS[k % len(KINDS)]
        slug = "".join(ch if ch.isalnum() else "_" for ch in subject.lower()).strip("_")
        while "__" in slug:
            slug = slug.replace("__", "_")
        mu = {"percentage": rng.uniform(-3.0, 0.5), "rate": np.log(rng.uniform(100, 3_000))}.get(value_type, 0.0)
        out.append(Indicator(
            id=f"{theme[:5]}_{slug[:40]}{qual_id}", name=subject + qual_name, theme=theme, value_type=value_type,
            unit=unit, ci_method=ci, multiplier=mult, polarity=POLARITY_CYCLE[k % 3], by_sex=k % 10 == 4,
            periods=fin_years if k % 3 == 0 else years, mu=float(mu), spread=float(rng.uniform(0.2, 0.6)),
            trend=float(rng.normal(0, 0.3)), rho=float(rng.uniform(0.5, 0.95)), share=float(rng.uniform(0.15, 1.0)),
            provisional=k % 7 == 0))
    ids = [i.id for i in out]
    assert len(set(ids)) == len(ids), "indicator ids must be unique"
    return sorted(out, key=lambda i: i.id)


def plan_levels(params: Params, geo: Geography, indicators: list[Indicator]) -> int:
    """Give every indicator the comparator levels and a nested subset the small levels to meet params.rows."""
    base = sum(geo.n(lv) * len(i.periods) * len(i.breakdowns(lv)) for i in indicators for lv in COMPARATORS)
    per = {lv: geo.n(lv) * N_PERIODS for lv in SMALL}
    n = len(indicators)

    def counts(s: float) -> dict[str, int]:
        return {lv: min(n, max(1, round(SMALL_WEIGHT[lv] * s))) for lv in SMALL}

    def total(s: float) -> int:
        return base + sum(c * per[lv] for lv, c in counts(s).items())

    lo, hi = 0.0, float(n)
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if total(mid) < params.rows else (lo, mid)
    s = lo if abs(total(lo) - params.rows) <= abs(total(hi) - params.rows) else hi
    chosen = counts(s)
    order = np.random.default_rng(params.seed + 2).permutation(n)
    for rank, idx in enumerate(order):
        ind = indicators[idx]
        ind.levels = [lv for lv in LEVELS if lv in COMPARATORS or (lv in SMALL and rank < chosen[lv])]
    return total(s)


# ---------------------------------------------------------------------------------------------- values


# String columns the synthetic store leaves empty: no published judgements, derivations or releases.
PUBLISHED_AND_DERIVED = ("published_judgement", "published_comparator", "published_by", "derivation", "release")


def _schema() -> pa.Schema:
    types = {"string": pa.large_string(), "float64": pa.float64(), "bool": pa.bool_(),
             "datetime64[ms]": pa.timestamp("ms")}
    return pa.schema([(c, types[t]) for c, t in VALUE_COLUMNS.items() if c != "level"])


def _wilson(num: np.ndarray, den: np.ndarray, z: float, mult: float) -> tuple[np.ndarray, np.ndarray]:
    p = num / den
    denom = 1 + z * z / den
    centre = (p + z * z / (2 * den)) / denom
    half = z * np.sqrt(p * (1 - p) / den + z * z / (4 * den * den)) / denom
    return (centre - half) * mult, (centre + half) * mult


def _byars(count: np.ndarray, den: np.ndarray, z: float, mult: float) -> tuple[np.ndarray, np.ndarray]:
    o = np.maximum(count, 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        lower = np.where(o > 0, o * (1 - 1 / (9 * np.maximum(o, 1)) - z / (3 * np.sqrt(np.maximum(o, 1)))) ** 3, 0.0)
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * np.sqrt(o + 1))) ** 3
    return lower / den * mult, upper / den * mult


def generate_chunk(ind: Indicator, level: str, geo: Geography, rng: np.random.Generator) -> tuple[pa.Table, list]:
    """One indicator's rows at one level, sorted (period_start, period, breakdown, area_name), and its stats."""
    n_area, n_per, bds = geo.n(level), len(ind.periods), ind.breakdowns(level)
    n_bd = len(bds)
    n = n_area * n_per * n_bd
    # VALUE_SORT: period, then breakdown, then the areas in name order
    ip = np.repeat(np.arange(n_per), n_area * n_bd)
    ib = np.tile(np.repeat(np.arange(n_bd), n_area), n_per)
    ia = np.tile(geo.name_order[level], n_per * n_bd)
    zi = ind.rho * geo.z[level] + np.sqrt(1 - ind.rho ** 2) * 0.6 * rng.standard_normal(n_area)
    t = ip / (n_per - 1) - 0.5
    eta = (ind.mu + ind.spread * zi[ia] + ind.trend * t + np.array([SEX_OFFSET[b] for b in bds])[ib]
           + 0.05 * rng.standard_normal(n))
    den = np.maximum(1.0, np.round(geo.pop[level][ia] * ind.share * (1 + 0.005 * ip)
                                   * np.array([SEX_SHARE[b] for b in bds])[ib]))
    nan = np.full(n, np.nan)
    num, lo, hi, lo9, hi9, denominator = nan, nan, nan, nan, nan, nan
    if ind.ci_method == "wilson":
        num = rng.binomial(den.astype(np.int64), 1 / (1 + np.exp(-eta))).astype(float)
        value = num / den * ind.multiplier
        (lo, hi), (lo9, hi9) = _wilson(num, den, Z95, ind.multiplier), _wilson(num, den, Z998, ind.multiplier)
        denominator = den
    elif ind.ci_method == "byars":
        num = rng.poisson(den * np.exp(eta) / ind.multiplier).astype(float)
        value = num / den * ind.multiplier
        (lo, hi), (lo9, hi9) = _byars(num, den, Z95, ind.multiplier), _byars(num, den, Z998, ind.multiplier)
        denominator = den
    elif ind.value_type == "count":
        value = rng.poisson(den * 0.3 / (1 + np.exp(-eta))).astype(float)
    elif ind.value_type == "score":
        value = np.round(20 + 12 * (eta + 0.1 * rng.standard_normal(n)), 2)
    else:  # years, with limits as published by the source
        value = np.round(80 - 3 * eta, 2)
        se = 8 / np.sqrt(den / 50)
        lo, hi, lo9, hi9 = value - Z95 * se, value + Z95 * se, value - Z998 * se, value + Z998 * se
    suppressed = np.zeros(n, dtype=bool)
    if level in SMALL and ind.ci_method in ("wilson", "byars"):
        suppressed = num < 3  # small counts withheld: no value, no limits, no numerator
    suppressed |= rng.random(n) < 0.001
    if suppressed.any():
        value, num, lo, hi, lo9, hi9 = (np.where(suppressed, np.nan, a) for a in (value, num, lo, hi, lo9, hi9))
    estimated = np.full(n, level == "msoa_2021" and ind.value_type == "count")
    provisional = (ip == n_per - 1) if ind.provisional else np.zeros(n, dtype=bool)

    starts = np.array([np.datetime64(p.start, "ms") for p in ind.periods])
    ends = np.array([np.datetime64(p.end, "ms") for p in ind.periods])
    take_p = pa.array(ip.astype(np.int32))
    table = pa.Table.from_arrays([
        pa.array([ind.id], pa.large_string()).take(pa.array(np.zeros(n, dtype=np.int32))),
        pa.array([p.label for p in ind.periods], pa.large_string()).take(take_p),
        geo.code_arrays[level].take(pa.array(ia.astype(np.int32))),
        geo.name_arrays[level].take(pa.array(ia.astype(np.int32))),
        pa.array(list(bds), pa.large_string()).take(pa.array(ib.astype(np.int32))),
        pa.array(value), pa.array(lo), pa.array(hi), pa.array(lo9), pa.array(hi9),
        pa.array(num), pa.array(denominator),
        pa.array(suppressed), pa.array(estimated), pa.array(provisional),
        pa.array(starts[ip]), pa.array(ends[ip]),
        pa.array([ind.source_path], pa.large_string()).take(pa.array(np.zeros(n, dtype=np.int32))),
        *(pa.nulls(n, pa.large_string()) for _ in PUBLISHED_AND_DERIVED),
    ], schema=_schema())

    stats = []
    grid = value.reshape(n_per, n_bd, n_area)
    for p, period in enumerate(ind.periods):
        for b, bd in enumerate(bds):
            v = grid[p, b, :]
            v = v[~np.isnan(v)]
            if len(v):
                q1, med, q3 = np.percentile(v, [25, 50, 75])  # linear, as pandas' quantile
                stats.append((ind.id, level, period.label, bd, len(v), v.min(), v.max(), v.mean(), q1, med, q3))
    return table, stats


def whole_runs(row_group: int, run: int) -> int:
    """The largest row group of whole runs (one indicator, period and breakdown across a level) that fits.

    A map reads one run; were runs split across row groups, a third of LSOA maps would read two row groups of
    100k rows instead of one (the p95 twice the median).
    """
    return max(row_group // run, 1) * run if run <= row_group else row_group


class RowGroupWriter:
    """A ParquetWriter fed chunks of any size that writes row groups of exactly `row_group` rows.

    With `file_row_groups`, a new file part-<k>.parquet beside `path` every that many row groups.
    """

    def __init__(self, path: Path, schema: pa.Schema, row_group: int | None = None, compression: str = COMPRESSION,
                 file_row_groups: int = 0):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path, self._schema, self._compression = path, schema, compression
        self._size = row_group or ROW_GROUP
        self._per_file = file_row_groups
        self._part, self._groups = 0, 0
        self._writer = pq.ParquetWriter(path, schema, compression=compression)
        self._buffer: list[pa.Table] = []
        self._n = 0

    def _write(self, table: pa.Table) -> None:
        for start in range(0, table.num_rows, self._size):
            if self._per_file and self._groups == self._per_file:
                self._writer.close()
                self._part, self._groups = self._part + 1, 0
                self._writer = pq.ParquetWriter(self._path.with_name(f"{self._path.stem}-{self._part}.parquet"), self._schema,
                                                compression=self._compression)
            self._writer.write_table(table.slice(start, self._size), row_group_size=self._size)
            self._groups += 1

    def write(self, table: pa.Table) -> None:
        self._buffer.append(table)
        self._n += table.num_rows
        if self._n >= self._size:
            joined = pa.concat_tables(self._buffer)
            full = joined.num_rows // self._size * self._size
            self._write(joined.slice(0, full))
            rest = joined.slice(full).combine_chunks()
            self._buffer, self._n = ([rest] if rest.num_rows else []), rest.num_rows

    def close(self) -> None:
        if self._n:
            self._write(pa.concat_tables(self._buffer))
        self._writer.close()


# ---------------------------------------------------------------------------------------------- small tables


def _indicators_table(indicators: list[Indicator]) -> pd.DataFrame:
    """The same columns as data.ingest.catalog.indicators_table."""
    rows = []
    for i in indicators:
        bds = sorted({b for lv in i.levels for b in i.breakdowns(lv)})
        rows.append({
            "indicator_id": i.id, "name": i.name, "theme": i.theme,
            "definition": f"{i.name} ({i.unit}), synthetic: generated for the benchmark.", "unit": i.unit,
            "value_type": i.value_type, "multiplier": i.multiplier, "polarity": i.polarity, "ci_method": i.ci_method,
            "publisher": PUBLISHERS[list(THEMES).index(i.theme) % len(PUBLISHERS)],
            "licence": LICENCE, "source_url": f"https://example.org/synthetic/{i.id}", "notes": None,
            "theme_name": THEMES[i.theme], "levels": list(i.levels), "periods": [p.label for p in i.periods],
            "breakdowns": bds, "latest_period": i.periods[-1].label,
            "first_period_start": pd.Timestamp(i.periods[0].start), "data_date": pd.Timestamp(i.periods[-1].end),
            "n_periods": len(i.periods), "n_values": i.n_values, "has_intervals": i.ci_method != "none",
            "sources": [i.source_path],
        })
    out = pd.DataFrame(rows)
    for col in ("first_period_start", "data_date"):
        out[col] = out[col].astype("datetime64[ms]")
    return out


def _periods_table(indicators: list[Indicator]) -> pd.DataFrame:
    seen = {p.label: p for i in indicators for p in i.periods}
    return pd.DataFrame([{"period": p.label, "period_start": p.start, "period_end": p.end, "period_type": p.type,
                          "source_label": [p.label]} for p in sorted(seen.values(), key=lambda p: p.start)])


def _points(geo: Geography, rng: np.random.Generator) -> pd.DataFrame:
    cats = [("schools", "Schools"), ("libraries", "Libraries"), ("gp_practices", "GP practices"),
            ("community_hubs", "Community hubs"), ("leisure_centres", "Leisure centres")]
    n = 2_000
    lsoas = geo.areas[geo.areas["level"] == "lsoa_2021"]
    at = rng.integers(0, len(lsoas), n)
    cat = rng.integers(0, len(cats), n)
    return pd.DataFrame({
        "point_id": [f"{cats[c][0]}-{k}" for k, c in enumerate(cat)], "category": [cats[c][0] for c in cat],
        "category_label": [cats[c][1] for c in cat], "name": [f"{cats[c][1][:-1]} {k}" for k, c in enumerate(cat)],
        "address": [f"{k} High Street" for k in range(n)], "postcode": ["M33 7ZZ"] * n,
        "lon": lsoas["lon"].to_numpy()[at], "lat": lsoas["lat"].to_numpy()[at],
        "source_path": [f"synthetic/points/{cats[c][0]}.csv" for c in cat]})


def _sources(indicators: list[Indicator]) -> pd.DataFrame:
    return pd.DataFrame([{"source_path": i.source_path, "sha256": hashlib.sha256(i.id.encode()).hexdigest(),
                          "publisher": "Synthetic", "licence": LICENCE, "repository": "bench/synthetic",
                          "upstream_path": i.source_path, "commit": "0" * 40, "rows": float(i.n_values)}
                         for i in indicators])


def _area_links(geo: Geography) -> pd.DataFrame:
    wards = geo.codes["ward_2023"][:200]
    return pd.DataFrame({"from_code": [f"E05{900000 + k:06d}" for k in range(len(wards))], "to_code": wards,
                         "share_of_from": 1.0, "from_level": "ward_2022", "to_level": "ward_2023",
                         "relation": "succeeded_by", "derived": True})


# ---------------------------------------------------------------------------------------------- the store


def _log(msg: str) -> None:
    print(f"[synthetic] {msg}", file=sys.stderr, flush=True)


def is_built(folder: Path, params: Params) -> bool:
    """Whether `folder` holds a complete store built with these parameters."""
    try:
        saved = json.loads((folder / "params.json").read_text())
    except (OSError, ValueError):
        return False
    defaults = asdict(Params())  # a field added later reads as its default in an older params.json
    return (folder / "VERSION").exists() and {k: saved.get(k, defaults[k]) for k in defaults} == asdict(params)


def build(folder: Path, params: Params, rebuild: bool = False) -> Path:
    """Build the synthetic store into `folder` (reused if already built with the same parameters)."""
    folder = folder.absolute()
    if not rebuild and is_built(folder, params):
        _log(f"reusing {folder}")
        return folder
    started = time.perf_counter()
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        geo = build_geography(params)
        indicators = build_indicators(params)
        planned = plan_levels(params, geo, indicators)
        _log(f"{len(indicators)} indicators, {len(geo.areas):,} areas, {planned:,} value rows planned -> {folder}")
        rng = np.random.default_rng(params.seed + 3)
        stats: list = []
        written = 0
        for level in LEVELS:
            inds = [i for i in indicators if level in i.levels]
            if not inds:
                continue
            writers: dict[str, RowGroupWriter] = {}  # one file per indicator bucket, as the build writes
            level_rows = 0
            for ind in inds:  # id order, so each file is sorted by VALUE_SORT
                table, st = generate_chunk(ind, level, geo, rng)
                bucket = indicator_bucket(ind.id)
                if bucket not in writers:
                    writers[bucket] = RowGroupWriter(tmp / "values" / f"level={level}" / f"part-{bucket}.parquet",
                                                     _schema(), whole_runs(params.row_group, geo.n(level)),
                                                     params.compression, params.file_row_groups)
                writer = writers[bucket]
                writer.write(table)
                stats += st
                ind.n_values += table.num_rows
                written += table.num_rows
                level_rows += table.num_rows
            for writer in writers.values():
                writer.close()
            _log(f"values level={level}: {level_rows:,} rows, {len(inds)} indicators; total {written:,} "
                 f"({time.perf_counter() - started:.0f} s)")
        assert written == planned, (written, planned)
        _write_derived(tmp, params.row_group, params.compression)
        _log(f"latest and by-area copy ({time.perf_counter() - started:.0f} s)")
        stats_cols = ["indicator_id", "level", "period", "breakdown", "n", "min", "max", "mean", "q1", "median", "q3"]
        stats_frame = pd.DataFrame(stats, columns=stats_cols).sort_values(stats_cols[:4], ignore_index=True)
        tables = {"indicators": _indicators_table(indicators), "areas": geo.areas.sort_values(AREA_SORT, ignore_index=True), "area_links": _area_links(geo),
                  "periods": _periods_table(indicators), "points": _points(geo, np.random.default_rng(params.seed)),
                  "sources": _sources(indicators), "stats": stats_frame}
        for name, frame in tables.items():
            write_table(frame, tmp / f"{name}.parquet")
        (tmp / "geometry").mkdir()
        for level in sorted(set(geo.areas["level"])):
            (tmp / "geometry" / f"{level}.geojson").write_text('{"type":"FeatureCollection","features":[]}')
        summary = asdict(params) | {"value_rows": written, "indicators": len(indicators), "areas": len(geo.areas),
                                    "levels": {lv: sum(lv in i.levels for i in indicators) for lv in LEVELS},
                                    "seconds": round(time.perf_counter() - started, 1)}
        (tmp / "params.json").write_text(json.dumps(summary, indent=1) + "\n")
        digest = hashlib.sha256(json.dumps(asdict(params), sort_keys=True).encode()).hexdigest()
        (tmp / "VERSION").write_text(digest + "\n")
        if folder.exists() or folder.is_symlink():
            shutil.rmtree(folder) if folder.is_dir() and not folder.is_symlink() else folder.unlink()
        tmp.rename(folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _log(f"built {written:,} value rows in {time.perf_counter() - started:.0f} s")
    return folder


def _split_by_bucket(sorted_file: Path, folder: Path, compression: str) -> None:
    """One area-sorted file as bucket=<code prefix>/part-0.parquet files (buckets are contiguous runs)."""
    import pyarrow.compute as pc

    source = pq.ParquetFile(sorted_file)
    writer, current = None, None
    for batch in source.iter_batches(batch_size=BY_AREA_ROW_GROUP):
        table = pa.Table.from_batches([batch])
        buckets = pc.utf8_slice_codeunits(table.column("area_code"), 0, BY_AREA_BUCKET_CHARS).to_numpy(
            zero_copy_only=False)
        start = 0
        for end in [*(np.flatnonzero(buckets[1:] != buckets[:-1]) + 1).tolist(), len(buckets)]:
            if buckets[start] != current:
                if writer is not None:
                    writer.close()
                current = buckets[start]
                writer = RowGroupWriter(folder / f"bucket={current}" / "part-0.parquet", table.schema,
                                        BY_AREA_ROW_GROUP, compression)
            writer.write(table.slice(start, end - start))
            start = end
    if writer is not None:
        writer.close()


def _write_derived(store: Path, row_group: int, compression: str) -> None:
    """latest/ (as summaries.latest_table, with its benchmarks) and values_by_area/ from the written values."""
    con = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "2GB",
                                              "temp_directory": str(store / ".duckdb_tmp")})
    by_area = ", ".join(BY_AREA_SORT)
    try:
        for part in sorted((store / "values").iterdir()):
            src = "'" + str(part / "*.parquet").replace("'", "''") + "'"
            sorted_file = store / f".by_area-{part.name}.parquet"
            con.execute(f"""
                COPY (SELECT * FROM read_parquet({src}, hive_partitioning = false) ORDER BY {by_area})
                TO '{sorted_file}' (FORMAT parquet, COMPRESSION {compression}, ROW_GROUP_SIZE {BY_AREA_ROW_GROUP})""")
            _split_by_bucket(sorted_file, store / "values_by_area" / part.name, compression)
            sorted_file.unlink()
        glob = "'" + str(store / "values" / "*" / "*.parquet").replace("'", "''") + "'"
        con.execute(f"CREATE VIEW allv AS SELECT * FROM read_parquet({glob}, hive_partitioning = true)")
        coverage = "'" + str(store / "coverage.parquet").replace("'", "''") + "'"
        con.execute(f"""
            COPY (SELECT indicator_id, level, period, breakdown, MIN(period_start) AS period_start, COUNT(*) AS n_areas
                  FROM allv GROUP BY ALL ORDER BY indicator_id, level, period_start, breakdown)
            TO {coverage} (FORMAT parquet, COMPRESSION {compression})""")  # as summaries.coverage_table
        joins, cols = [], []
        for k, (code, level, prefix) in enumerate(LATEST_COMPARATORS):
            joins.append(f"""LEFT JOIN (SELECT indicator_id, period, breakdown, value, lower_ci, upper_ci FROM allv
                    WHERE level = '{level}' AND area_code = '{code}') c{k}
                    ON c{k}.indicator_id = v.indicator_id AND c{k}.period = v.period AND c{k}.breakdown = v.breakdown""")
            cols.append(f"c{k}.value AS {prefix}_value, c{k}.lower_ci AS {prefix}_lower, c{k}.upper_ci AS {prefix}_upper")
        for part in sorted((store / "values").iterdir()):
            src = "'" + str(part / "*.parquet").replace("'", "''") + "'"
            dst = store / "latest" / part.name / "part-0.parquet"
            dst.parent.mkdir(parents=True)
            con.execute(f"""
                COPY (
                    WITH v AS (SELECT * FROM read_parquet({src}, hive_partitioning = false) WHERE value IS NOT NULL),
                    m AS (SELECT indicator_id, max(period_start) AS latest_start FROM v GROUP BY indicator_id),
                    l AS (SELECT v.* FROM v JOIN m ON v.indicator_id = m.indicator_id AND v.period_start = m.latest_start)
                    SELECT v.*, {", ".join(cols)} FROM l v {" ".join(joins)}
                    ORDER BY v.area_code, v.indicator_id, v.breakdown
                ) TO '{dst}' (FORMAT parquet, COMPRESSION {compression}, ROW_GROUP_SIZE {row_group})""")
    finally:
        con.close()
        shutil.rmtree(store / ".duckdb_tmp", ignore_errors=True)


def ensure(rows: int = DEFAULT_ROWS, folder: Path | None = None, rebuild: bool = False, **kw) -> Path:
    """The synthetic store for `rows` (built on first use); kw: other Params fields."""
    params = Params(rows=rows, **kw)
    path = folder or default_path(rows, params.row_group, params.compression, params.file_row_groups)
    return build(path, params, rebuild=rebuild)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="about how many value rows (default 10 million)")
    ap.add_argument("--out", type=Path, help="store folder (default bench/out/store-<rows>)")
    ap.add_argument("--seed", type=int, default=Params.seed)
    ap.add_argument("--row-group", type=int, default=ROW_GROUP, help=f"rows a row group (default {ROW_GROUP:,})")
    ap.add_argument("--compression", default=COMPRESSION, help=f"parquet codec: {COMPRESSION} (default), zstd, snappy, uncompressed")
    ap.add_argument("--file-row-groups", type=int, default=0,
                    help="start a new part file every N row groups (default 0: one file a level)")
    ap.add_argument("--rebuild", action="store_true", help="build even if the folder holds the same store")
    args = ap.parse_args(argv)
    path = ensure(args.rows, args.out, rebuild=args.rebuild, seed=args.seed, row_group=args.row_group,
                  compression=args.compression, file_row_groups=args.file_row_groups)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
