"""The store's tables, columns, levels and themes: the names every layer agrees on."""

from __future__ import annotations

import hashlib

LEVELS = {
    "ward_2023": "Wards (2023)",
    "ward_2022": "Wards (pre-2023)",
    "lsoa_2011": "LSOAs (2011)",
    "lsoa_2021": "LSOAs (2021)",
    "msoa_2011": "MSOAs (2011)",
    "msoa_2021": "MSOAs (2021)",
    "la": "Local authorities",
    "combined_authority": "Combined authority",
    "region": "Regions",
    "england": "England",
}
SMALL_AREA_LEVELS = ("ward_2023", "ward_2022", "lsoa_2011", "lsoa_2021", "msoa_2011", "msoa_2021")
COMPARATOR_LEVELS = ("la", "combined_authority", "region", "england")

# Local-authority tiers by code prefix. Counties (E10) sit over their own districts: ranks, quartiles and spines
# compare one tier (districts, unitaries, metropolitan districts, London boroughs); counties stay comparators.
COUNTY_PREFIX = "E10"
LA_TIERS = {"E06": "unitary", "E07": "district", "E08": "metropolitan district", "E09": "London borough",
            COUNTY_PREFIX: "county"}

TRAFFORD = "E08000009"
GREATER_MANCHESTER = "E47000001"
ENGLAND = "E92000001"

# The levels a map shows (Explore, Compare, the catalogue's links), newest small areas first: the order a page
# prefers when it must choose one.
MAP_LEVELS = ("ward_2023", "ward_2022", "lsoa_2021", "lsoa_2011", "msoa_2021", "msoa_2011", "la")
# Which level a code opens at when it stands at several: the map levels, then the comparators.
LEVEL_PREFERENCE = (*MAP_LEVELS, "combined_authority", "region", "england")
# How a level is named for one area ("Ward (2023 boundaries)") and for many ("wards (2023 boundaries)").
LEVEL_SINGULAR = {"ward_2023": "Ward (2023 boundaries)", "ward_2022": "Ward (pre-2023 boundaries)",
                  "lsoa_2011": "LSOA (2011)", "lsoa_2021": "LSOA (2021)", "msoa_2011": "MSOA (2011)",
                  "msoa_2021": "MSOA (2021)", "la": "Local authority", "combined_authority": "Combined authority",
                  "region": "Region", "england": "Country", "custom": "Custom area (2021 LSOAs)"}
LEVEL_PLURAL = {"ward_2023": "wards (2023 boundaries)", "ward_2022": "wards (pre-2023 boundaries)",
                "lsoa_2011": "LSOAs (2011)", "lsoa_2021": "LSOAs (2021)", "msoa_2011": "MSOAs (2011)",
                "msoa_2021": "MSOAs (2021)", "la": "local authorities", "combined_authority": "combined authorities",
                "region": "regions", "england": "countries", "custom": "Trafford's wards (2023 boundaries)"}
# The benchmarks a page offers: URL key -> (code, level, name, column prefix in the latest table).
BENCHMARKS = {"la": (TRAFFORD, "la", "Trafford", "trafford"),
              "combined_authority": (GREATER_MANCHESTER, "combined_authority", "Greater Manchester", "gm"),
              "england": (ENGLAND, "england", "England", "england")}

THEMES = {
    "population": "Population and age",
    "deprivation": "Deprivation",
    "health": "Health and wellbeing",
    "economy": "Economy and work",
    "housing": "Housing",
    "community_safety": "Community safety",
    "environment": "Environment and transport",
    "children_education": "Children and education",
    "democracy": "Democracy and participation",
    "digital": "Digital",
}
VALUE_TYPES = ("percentage", "rate", "count", "score", "currency", "years", "ratio", "mean", "index", "other")
POLARITIES = ("high_is_good", "low_is_good", "no_judgement")
CI_METHODS = ("wilson", "byars", "source", "none")  # source: limits as published
DEFAULT_BREAKDOWN = "Persons"

# Columns of the values table, in order, with their pandas dtypes.
VALUE_COLUMNS = {
    "indicator_id": "string",
    "level": "string",
    "period": "string",
    "area_code": "string",
    "area_name": "string",
    "breakdown": "string",
    "value": "float64",
    "lower_ci": "float64",
    "upper_ci": "float64",
    "lower_ci_998": "float64",
    "upper_ci_998": "float64",
    "numerator": "float64",
    "denominator": "float64",
    "suppressed": "bool",
    "estimated": "bool",
    "provisional": "bool",
    "period_start": "datetime64[ms]",
    "period_end": "datetime64[ms]",
    "source_path": "string",
    # The publisher's own comparison, kept as published (Fingertips files): its word in lower case (better,
    # similar, worse, higher, lower), the code of the area it compared with, and who published it.
    "published_judgement": "string",
    "published_comparator": "string",
    "published_by": "string",
    # How an estimated value was derived, in plain words ("summed from 2021 LSOAs, postcode-weighted"); null for
    # values as published.
    "derivation": "string",
    # The release a value comes from where a series joins releases (e.g. "2023 release"); null otherwise.
    "release": "string",
}
# Sort order of the values table: one indicator and period across a level is a contiguous run, already in the
# order a map or table lists the areas (by name), so the map query reads little and sorts nothing.
VALUE_SORT = ["indicator_id", "period_start", "period", "breakdown", "area_name", "area_code"]  # [:4]: one map
# A second copy of the values sorted by area (values_by_area/): one area's series is a few rows of one small
# row group, found through the row groups' min/max of area_code; in the indicator-sorted copy it is spread
# over every period's row groups. Small row groups, so the one read is small.
# Each level's values are split into files by indicator (values/level=<level>/part-i07.parquet, ...): a map names
# its file and DuckDB opens only that one. In one file of hundreds of row groups, checking each row group's
# min/max cost more than reading the map (35 ms of 40 at 100 million rows; 4 ms in a file of its own).
VALUE_FILE_BUCKETS = 16


def indicator_bucket(indicator_id: str) -> str:
    """The file (part-<bucket>.parquet) an indicator's values are in at every level: a stable hash of its id."""
    return f"i{int(hashlib.md5(indicator_id.encode()).hexdigest()[:8], 16) % VALUE_FILE_BUCKETS:02d}"


BY_AREA_SORT = ["area_code", "indicator_id", "breakdown", "period_start", "period"]
BY_AREA_ROW_GROUP = 20_000
# ... and split by the area code's first characters (values_by_area/level=<level>/bucket=E01006/): a series
# query names its area's bucket, so it opens one small file. In one file of thousands of row groups, checking
# every row group's min/max cost more than the read (60 ms for an LSOA at 100 million rows).
BY_AREA_BUCKET_CHARS = 6


def area_bucket(code: str) -> str:
    """The by-area bucket an area code's rows are filed under."""
    return code[:BY_AREA_BUCKET_CHARS]
# The areas table is stored in this order, the order the app lists them in: reading it sorts nothing.
AREA_SORT = ["level", "area_name", "area_code"]
# The comparators the latest table carries beside each area's value: (code, level, column prefix).
LATEST_COMPARATORS = tuple((code, level, prefix) for code, level, _name, prefix in BENCHMARKS.values())

# Said wherever postcode counts weight anything (lookups, apportioned series, deciles by ward).
POSTCODE_WEIGHT_NOTE = ("Weighted by postcodes (ONS Postcode Directory): postcodes stand in for addresses, "
                        "not residents.")
# Said wherever residents weight the shares of pre-2023 wards and MSOAs in 2023 wards.
RESIDENT_WEIGHT_NOTE = ("Pre-2023 wards and MSOAs are apportioned by residents: each 2021 LSOA's population (ONS "
                        "mid-year estimate) is spread evenly over its postcodes, so within an LSOA postcodes stand "
                        "in for where its residents live.")

# plain: the figure in everyday words, for the quotable summary: a phrase with {value} where the figure goes as shown
# ("{value} of people aged 60 and over live in income-deprived households" -> "47.4% of ...") or {number} for the
# bare number where the phrase says its own unit ("{number} of every 100,000 people aged 65 and over were
# admitted permanently to care homes"); no period (the summary adds it). Optional: without it the name is used.
# {where}, at most once, marks where the place goes ("{value} of children{where} live in ..." -> "33.1% of children
# in Old Trafford live in ..."); without it the place follows the phrase.
CATALOG_FIELDS = ("id", "name", "theme", "definition", "unit", "value_type", "multiplier", "polarity",
                  "ci_method", "publisher", "licence", "source_url", "notes", "plain")
PLAIN_SLOTS = ("{value}", "{number}")
PLAIN_WHERE = "{where}"
