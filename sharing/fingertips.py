"""The Fingertips (OHID) CSV export: recognise its columns and map them, Sex/Age/Category, to long rows."""

from __future__ import annotations

import re

import pandas as pd

COLUMNS = ("Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type",
           "Sex", "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit",
           "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note",
           "Recent Trend", "Compared to England value or percentiles", "Compared to percentiles",
           "Time period Sortable", "New data", "Compared to goal", "Time period range")
# the columns that make a file a Fingertips export (the others vary between its download options)
SIGNATURE = ("indicator id", "area code", "time period", "value", "sex", "age")
TO_LONG = {"area code": "area_code", "area name": "area_name", "time period": "period", "value": "value",
           "lower ci 95.0 limit": "lower_ci", "upper ci 95.0 limit": "upper_ci", "count": "numerator",
           "denominator": "denominator", "indicator id": "source_indicator_id", "indicator name": "source_indicator_name"}
SEXES = {"persons": "Persons", "male": "Male", "males": "Male", "female": "Female", "females": "Female"}
# Fingertips names the deprivation version after a category, e.g. "Most deprived quintile (IMD2019)"; the store
# spells quintiles without it, as the themes files do
_IMD_SUFFIX = re.compile(r"\s*\(IMD\s*\d{4}\)\s*$", re.IGNORECASE)


def _key(header: str) -> str:
    return re.sub(r"\s+", " ", header.strip().lower())


def is_fingertips(header: list[str]) -> bool:
    """Whether a header row is a Fingertips export's."""
    keys = {_key(h) for h in header}
    return all(k in keys for k in SIGNATURE)


def breakdown(sex: str, age: str, category_type: str, category: str, ages_vary: bool) -> str:
    """The store's breakdown for one Fingertips row: 'Persons', 'Male', a category, or their combination."""
    parts = []
    sex_label = SEXES.get(sex.strip().lower(), sex.strip())
    if sex_label and sex_label != "Persons":
        parts.append(sex_label)
    if category_type.strip() and category.strip():
        parts.append(_IMD_SUFFIX.sub("", category.strip()))
    if ages_vary and age.strip():  # an age that is the same in every row is the indicator's population, not a breakdown
        parts.append(age.strip())
    return ", ".join(parts) or "Persons"


def to_long(header: list[str], body: list[tuple[int, list[str]]]) -> pd.DataFrame:
    """Long rows (text cells) from a Fingertips export's header and (row number, cells) records."""
    index = {}
    for i, h in enumerate(header):
        index.setdefault(_key(h), i)

    def col(cells: list[str], key: str) -> str:
        i = index.get(key)
        return cells[i] if i is not None and i < len(cells) else ""

    ages = {col(cells, "age") for _, cells in body}
    out = []
    for n, cells in body:
        row = {long: col(cells, key) for key, long in TO_LONG.items()}
        row["breakdown"] = breakdown(col(cells, "sex"), col(cells, "age"), col(cells, "category type"),
                                     col(cells, "category"), len(ages) > 1)
        row["area_type"] = col(cells, "area type")
        row["source_row"], row["source_column"] = n, "Value"
        out.append(row)
    cols = ["area_code", "area_name", "period", "value", "lower_ci", "upper_ci", "numerator", "denominator",
            "breakdown", "source_indicator_id", "source_indicator_name", "area_type", "source_row", "source_column"]
    frame = pd.DataFrame(out, columns=cols, dtype=object)
    frame.insert(0, "indicator_id", None)
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame


def column_label(column: str) -> str:
    """The Fingertips header of a long column, so issues name the column the partner sees."""
    for key, long in TO_LONG.items():
        if long == column:
            return next(c for c in COLUMNS if _key(c) == key)
    return column
