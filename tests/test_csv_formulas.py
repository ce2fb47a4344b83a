"""Formulas in partner data never run in a spreadsheet: every CSV the app hands out, and its `#` lines, go through
one writer that neutralises formula prefixes, real negative numbers kept as numbers (issue 19, item 6)."""

from __future__ import annotations

import ast
import io
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from components.csv_out import csv_text, header_line, safe_cell

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ['=HYPERLINK("http://x.example","click")', "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3+cmd|' /C calc'!A0",
           "\t=1+1", "\r=1+1", "\uff1d1+1"]


def _cells(text: str) -> list[str]:
    """Every cell of the CSV's table (after its `#` lines) as text."""
    table = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    return [*table.columns, *table.to_numpy().ravel().tolist()]


def _runs(cell: str) -> bool:
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\uff1d") and not _number(cell)


def _number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _assert_safe(text: str) -> None:
    assert not [c for c in _cells(text) if _runs(c)], text
    for line in (ln for ln in text.splitlines() if ln.startswith("#")):
        pieces = [p.strip(' "') for p in line.replace(";", ",").split(",")[1:]]
        assert not [p for p in pieces if _runs(p)], line


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_becomes_text(value):
    assert safe_cell(value) == "'" + value.replace("\r", "\n")  # a bare CR would start a new row


@pytest.mark.parametrize("value", ["-2.5", "-40", "+44 161 912 1212"[:3], "-1e-3", -2.5, -40, None, "", "-", "Persons",
                                   "E05015239", "2019/20"])
def test_numbers_and_plain_text_stay(value):
    assert safe_cell(value) == value


def test_negative_numbers_stay_numbers_in_the_table():
    frame = pd.DataFrame({"name": ["-3.5", "=1+1"], "value": [-40.25, 1.0]})
    table = pd.read_csv(io.StringIO(csv_text(frame)))
    assert table["value"].tolist() == [-40.25, 1.0] and table["name"].tolist() == ["-3.5", "'=1+1"]


def test_header_line_pieces_cannot_run():
    line = header_line('Source: Org, =HYPERLINK("x"); +cmd|x,"@SUM(1)", -2.5,\nsecond')
    assert "\n" not in line and line.startswith("# Source: Org, '=HYPERLINK")
    assert "; '+cmd|x" in line and ",\"'@SUM(1)\"" in line and ", -2.5" in line


def test_api_csv_body():
    from routes.api_support import csv_body

    frame = pd.DataFrame({"indicator_id": "x", "breakdown": HOSTILE, "value": -1.5 * np.arange(len(HOSTILE))})
    text = csv_body(frame, [f"Source: {HOSTILE[1]}, {HOSTILE[0]}"]).decode()
    _assert_safe(text)
    assert pd.read_csv(io.StringIO(text), comment="#")["value"].tolist() == (-1.5 * np.arange(len(HOSTILE))).tolist()
    _assert_safe(csv_body(frame).decode())


@pytest.fixture()
def client(dash_app, seeded_store):
    from routes.api import CACHE

    CACHE.clear()
    yield dash_app.server.test_client()
    CACHE.clear()


def test_api_csv_download_of_a_hostile_breakdown(client, monkeypatch):
    """Through the API itself: a partner's breakdown and area name reach the CSV as text, never as a formula."""
    import routes.api as api

    real = api.csv_body

    def hostile(frame, head=None):
        frame = frame.copy()
        if "breakdown" in frame:
            frame["breakdown"] = HOSTILE[0]
            frame["area_name"] = HOSTILE[1]
        return real(frame, [*(head or []), f"Name, {HOSTILE[2]}"])

    monkeypatch.setattr(api, "csv_body", hostile)
    ind = client.get("/api/v1/indicators").get_json()["indicators"][0]["id"]
    for url in (f"/api/v1/data?indicator={ind}&format=csv", f"/api/v1/downloads/{ind}.csv"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        _assert_safe(resp.get_data(as_text=True))


def test_explore_download():
    from components.explore_parts import download_rows

    rows = pd.DataFrame({"area_code": "E05015239", "area_name": HOSTILE, "value": -2.0, "judgement": "similar"})
    meta = {"name": HOSTILE[0], "unit": "%", "publisher": HOSTILE[1], "licence": HOSTILE[2]}
    state = SimpleNamespace(level="ward_2023", period="2024", breakdown=HOSTILE[3])
    _assert_safe(download_rows(rows, meta, state, -1.0, "Trafford"))


def test_compare_download():
    from components.compare_csv import csv_text as compare_csv

    cat = pd.DataFrame({"publisher": [HOSTILE[0]], "licence": ["OGL, " + HOSTILE[2]]}, index=["x"])
    _assert_safe(compare_csv(pd.DataFrame({"indicator": HOSTILE}), "Compare, " + HOSTILE[1], cat, ["x"], "b"))


def test_register_export():
    from dataclasses import replace

    from interventions.csvio import export_csv
    from interventions.examples import example_interventions

    item = replace(example_interventions()[0], title=HOSTILE[0], service=HOSTILE[1], changed_by=HOSTILE[2],
                   link=HOSTILE[0], description="-" + HOSTILE[2])
    _assert_safe(export_csv([item], made=date(2026, 1, 1)))


def test_validation_report_and_template():
    from sharing.parse import parse_upload
    from sharing.templates import template_csv
    from sharing.validate import validate
    from sharing.validation_report import report_csv
    from tests.fixtures.bad_uploads import HEADER, reference, reference_areas

    text = HEADER + "\n" + f'fuel_poverty_partner,E05015239,"{HOSTILE[0].replace(chr(34), chr(34) * 2)}",2024,' \
        f'"{HOSTILE[1]}",,,,,@SUM(1)\n'
    result = validate(parse_upload(text.encode(), "f.csv"), "fuel_poverty_partner", "percentage", reference())
    _assert_safe(report_csv(result, "=f.csv, " + HOSTILE[1], "fuel_poverty_partner"))
    areas = reference_areas()
    areas = areas[areas["level"] == "ward_2023"].assign(area_name=HOSTILE[1])
    meta = {"id": "x", "name": HOSTILE[0], "definition": "a, " + HOSTILE[2], "publisher": "p", "licence": "l"}
    _assert_safe(template_csv(meta, "ward_2023", areas))


def test_partner_rows_csv(dash_app, seeded_store, tmp_path, monkeypatch):
    from accounts.store import save_user
    from sharing.batches import create_batch
    from tests.accounts.conftest import sign_in

    monkeypatch.setenv("OBSERVATORY_STATE", str(tmp_path))
    save_user("pat", "Org", "partner", "pat-password-123")
    frame = pd.DataFrame({"indicator_id": "x_arrears", "area_code": ["E05015239", "E05015240"],
                          "area_name": [HOSTILE[0], HOSTILE[1]], "level": "ward_2023", "period": "2024/25",
                          "breakdown": ["@SUM(1)", "Persons"], "value": [-1.0, 10.0], "lower_ci": np.nan,
                          "upper_ci": np.nan, "numerator": [3.0, 30.0], "denominator": 300.0})
    batch = create_batch(frame, indicator_meta=None, organisation="Org", uploaded_by="pat", original=b"csv",
                         filename="x.csv", visibility="private", embargo=None)
    client = dash_app.server.test_client()
    assert sign_in(client, "pat", "pat-password-123").status_code == 303
    text = client.get(f"/partner/batches/{batch.batch_id}/rows.csv").get_data(as_text=True)
    _assert_safe(text)
    assert pd.read_csv(io.StringIO(text), comment="#")["value"].tolist() == [-1.0, 10.0]


def test_evidence_csv_rows(seeded_store, monkeypatch):
    from report import evidence
    from report.profile import load_profile
    from tests.fixtures.seeded_store import seeded_areas

    code = seeded_areas().query("level == 'ward_2023'")["area_code"].iloc[0]
    profile = load_profile(code)
    assert profile.rows, "the seeded ward has indicators"
    profile.rows[0] = {**profile.rows[0], "name": HOSTILE[0], "publisher": HOSTILE[1], "licence": HOSTILE[2]}
    _assert_safe(evidence.evidence_csv(profile, "http://x.example/"))


# every module that writes CSV for a person (not the build's own files, not tests)
WRITERS_ALLOWED = {"components/csv_out.py"}


def test_one_csv_writer():
    """No other module of the app writes CSV itself: csv.writer, DictWriter and DataFrame.to_csv live in one place."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in ("tests", "bench", "data", "scripts", ".venv", "node_modules") or str(rel) in WRITERS_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("to_csv", "writer", "DictWriter"):
                if node.attr != "writer" or (isinstance(node.value, ast.Name) and node.value.id == "csv"):
                    offenders.append(f"{rel}:{node.lineno} {node.attr}")
    assert offenders == []
