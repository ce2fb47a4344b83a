"""Downloadable templates for one indicator: the long format's columns, one row per area of a level, as CSV or Excel."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd

from components.csv_out import csv_text
from data.schema import DEFAULT_BREAKDOWN, LEVELS
from sharing.parse import LONG_COLUMNS

NOTES = [
    "Fill in one row per area, period and breakdown; copy the rows for more periods.",
    "Required: area_code, period, value. Optional: area_name, lower_ci, upper_ci (95% limits), numerator, "
    "denominator, breakdown (Persons, Male, Female or a group; empty means Persons).",
    "Periods: 2021, 2021/22 (financial year), 2021 Q1, 2021-04 (month), 2019 - 21 (three years pooled).",
    "Leave value empty or write NA where there is no value; write counts, not rates, in numerator and denominator.",
    "A wide table also works: area_code, area_name, then one column per period (2019, 2020, ...).",
]


def template_rows(indicator_id: str, areas: pd.DataFrame, period: str | None = None) -> pd.DataFrame:
    """The template's rows: the indicator, each area's code and name, the period if given, Persons."""
    rows = areas.sort_values("area_name")
    return pd.DataFrame({"indicator_id": indicator_id, "area_code": rows["area_code"].to_numpy(),
                         "area_name": rows["area_name"].to_numpy(), "period": period or "", "value": "",
                         "lower_ci": "", "upper_ci": "", "numerator": "", "denominator": "",
                         "breakdown": DEFAULT_BREAKDOWN}, columns=list(LONG_COLUMNS))


def _head(meta: dict, level: str) -> list[str]:
    return [f"{meta.get('name') or meta['id']} ({meta.get('unit') or ''}; {meta.get('value_type') or ''}), "
            f"{LEVELS.get(level, level)}",
            f"Definition: {meta.get('definition') or ''}",
            f"Source: {meta.get('publisher') or ''}. Licence: {meta.get('licence') or ''}.",
            *NOTES,
            f"Template made {date.today().isoformat()} by the Trafford Data Observatory."]


def template_csv(meta: dict, level: str, areas: pd.DataFrame, period: str | None = None) -> str:
    """A CSV template: '#' lines describing the indicator and how to fill it (skipped on upload), then the rows."""
    return csv_text(template_rows(meta["id"], areas, period), _head(meta, level))


def template_xlsx(meta: dict, level: str, areas: pd.DataFrame, period: str | None = None) -> bytes:
    """An Excel template: the rows on the first sheet (the one read on upload), the notes on a second."""
    buf = io.BytesIO()
    rows = template_rows(meta["id"], areas, period)
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        rows.to_excel(xl, sheet_name="data", index=False)
        pd.DataFrame({"notes": _head(meta, level)}).to_excel(xl, sheet_name="notes", index=False)
        sheet = xl.sheets["data"]
        for col, width in zip("ABCDEFGHIJ", (22, 12, 28, 10, 10, 10, 10, 12, 12, 12), strict=True):
            sheet.column_dimensions[col].width = width
        sheet.freeze_panes = "A2"
    return buf.getvalue()
