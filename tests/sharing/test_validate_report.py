"""The validation report: counts per rule (errors first), every issue in the CSV, and the lines naming the file."""

from __future__ import annotations

import io

import pandas as pd

from sharing.parse import parse_upload
from sharing.validate import validate
from sharing.validation_report import ISSUE_COLUMNS, issues_frame, report_csv, rule_counts, summary_text
from tests.fixtures.bad_uploads import bad_long_csv, good_long_csv, reference


def _result(text: str):
    return validate(parse_upload(text.encode(), "fuel.csv"), "fuel_poverty_partner", "percentage", reference())


def test_rule_counts_put_errors_first_and_name_the_first_row():
    counts = rule_counts(_result(bad_long_csv()))
    assert list(counts.columns) == ["rule", "title", "severity", "count", "first_row"]
    severities = counts["severity"].tolist()
    assert severities == sorted(severities, key=lambda s: s != "error")
    row = counts.set_index("rule").loc["unknown_area"]
    assert (row["title"], row["count"], row["first_row"]) == ("Unknown area code", 1, 3)


def test_csv_has_every_issue_under_source_lines():
    result = _result(bad_long_csv())
    text = report_csv(result, "fuel.csv", "fuel_poverty_partner")
    head = [line for line in text.splitlines() if line.startswith("#")]
    assert head[0].startswith("# Validation report for fuel.csv (indicator fuel_poverty_partner): The file cannot")
    assert any("Open Government Licence v3.0" in line for line in head) and any("Made " in line for line in head)
    table = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    assert list(table.columns) == ISSUE_COLUMNS and len(table) == len(result.issues)
    assert table.loc[table["rule"] == "unknown_area", "suggestion"].iloc[0].startswith("Did you mean")


def test_summary_of_a_clean_file_and_an_empty_issue_table():
    result = _result(good_long_csv())
    assert summary_text(result) == "The file passes: 10 rows ready."
    assert issues_frame(result).empty and rule_counts(result).empty
