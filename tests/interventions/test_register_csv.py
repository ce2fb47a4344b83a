"""The register as CSV: export with source lines, import checked row by row, a round trip."""

from datetime import date

import pytest

from interventions import Catalogue, parse_fields
from interventions.csvio import export_csv, read_csv
from interventions.examples import example_interventions
from interventions.store import Register

CAT = Catalogue(indicators=frozenset({"claimant_rate", "smoking"}), areas=frozenset({"E05000824", "E08000009"}),
                themes=frozenset({"economy", "health"}))
HEAD = "intervention_id,title,organisation,service,theme,areas,start,end,cost_total,cost_per_year,indicators\n"


@pytest.fixture()
def reg(tmp_path, monkeypatch):
    monkeypatch.setenv("OBSERVATORY_EXAMPLES", "0")
    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    return Register()


def test_export_carries_source_licence_and_every_field():
    text = export_csv(list(example_interventions()), made=date(2026, 11, 25))
    lines = text.splitlines()
    assert lines[0].startswith("# Trafford Data Observatory: intervention register, exported 2026-11-25")
    assert any("Licence: Open Government Licence" in ln for ln in lines[:4])
    assert lines[3].startswith("intervention_id,title,organisation")
    assert "claimant_rate:decrease;claimant_count:decrease" in text and ",yes," in text


def test_export_then_import_round_trips(reg):
    fields, _ = parse_fields({"title": "=HYPERLINK(\"x\")", "organisation": "Org", "theme": "economy",
                              "areas": "E05000824;E08000009", "start": "2020-01-01", "end": "2021-12-31",
                              "cost_total": "1000.5", "indicators": "claimant_rate:decrease;smoking:increase"})
    reg.create(fields, "alice", CAT)
    text = export_csv(reg.current())
    assert "'=HYPERLINK" in text  # a spreadsheet will not run it as a formula
    records, errors = read_csv(text, CAT)
    assert errors == []
    (rec,) = records
    assert rec["areas"] == ["E05000824", "E08000009"] and rec["end"] == date(2021, 12, 31)
    assert rec["indicators"] == ["claimant_rate", "smoking"] and rec["directions"] == ["decrease", "increase"]
    assert rec["cost_total"] == 1000.5
    assert reg.import_rows(records, "bob", CAT) == (0, 1)  # its id is known: a new version, not a copy


def test_every_bad_row_is_named_and_nothing_is_returned_for_it():
    text = HEAD + (",Good,Org,,economy,E05000824,2020-01-01,,,,claimant_rate:decrease\n"
                   ",,Org,,economy,E05000824,2020-01-01,,,,claimant_rate:decrease\n"
                   ",Bad date,Org,,economy,E05000824,1st Jan,,,,claimant_rate:decrease\n"
                   ",Bad area,Org,,economy,DROP TABLE,2020-01-01,,,,claimant_rate:sideways\n")
    records, errors = read_csv(text, CAT)
    assert len(records) == 1
    assert errors[0].startswith("Row 3: Title is required")
    assert errors[1].startswith("Row 4:") and "not a date" in errors[1]
    assert errors[2].startswith("Row 5:") and "Unknown area codes" in errors[2] and "direction" in errors[2]


def test_a_file_without_the_columns_or_rows_says_so():
    assert "lacks the columns" in read_csv("a,b\n1,2\n", CAT)[1][0]
    assert "no interventions" in read_csv(HEAD, CAT)[1][0]
    assert "larger than" in read_csv("x" * 1_100_000, CAT)[1][0]


def test_shipped_examples_in_an_exported_file_are_not_imported():
    records, errors = read_csv(export_csv(list(example_interventions())), CAT)
    assert records == [] and errors == ["The file has no interventions to import."]
