"""The validation report: issues as a table, counts per rule, and a CSV of every issue with source lines."""

from __future__ import annotations

from datetime import date

import pandas as pd

from components.csv_out import csv_text
from sharing.validate import RULES, ValidationResult

ISSUE_COLUMNS = ["row", "column", "value", "rule", "severity", "message", "suggestion"]


def issues_frame(result: ValidationResult) -> pd.DataFrame:
    """Every issue, errors first within a row, in file order."""
    rows = [{"row": i.row, "column": i.column, "value": i.value, "rule": i.rule, "severity": i.severity,
             "message": i.message, "suggestion": i.suggestion} for i in result.issues]
    return pd.DataFrame(rows, columns=ISSUE_COLUMNS)


def rule_counts(result: ValidationResult) -> pd.DataFrame:
    """How many issues of each rule: rule, title, severity, count, first row; errors first, then most frequent."""
    issues = issues_frame(result)
    if issues.empty:
        return pd.DataFrame(columns=["rule", "title", "severity", "count", "first_row"])
    out = (issues.groupby(["rule", "severity"], sort=False)
           .agg(count=("row", "size"), first_row=("row", "min")).reset_index())
    out["title"] = out["rule"].map(RULES).fillna(out["rule"])
    out["_e"] = out["severity"] != "error"
    return out.sort_values(["_e", "count"], ascending=[True, False])[["rule", "title", "severity", "count",
                                                                        "first_row"]].reset_index(drop=True)


def summary_text(result: ValidationResult) -> str:
    """One sentence: passes or not, with the counts."""
    e, w = len(result.errors), len(result.warnings)
    if result.ok:
        return (f"The file passes: {len(result.frame):,} rows ready" + (f", with {w:,} warning{'s' * (w != 1)} "
                "worth a look." if w else "."))
    return (f"The file cannot be published yet: {e:,} error{'s' * (e != 1)}" +
            (f" and {w:,} warning{'s' * (w != 1)}" if w else "") + ". Fix them and upload it again.")


def report_csv(result: ValidationResult, filename: str, indicator: str) -> str:
    """Every issue as CSV, headed by lines naming the file, indicator, outcome and date made."""
    head = [f"Validation report for {filename} (indicator {indicator}): {summary_text(result)}",
            f"{result.parsed.description} Row numbers are the file's own (the header is row "
            f"{result.parsed.header_row}).",
            "Source: your uploaded file, checked against the observatory's areas (ONS geography, Open Government "
            "Licence v3.0).",
            f"Made {date.today().isoformat()} by the Trafford Data Observatory."]
    return csv_text(issues_frame(result), head)
