"""Templates: one row per area of a level, notes as '#' lines, and a filled-in template validates."""

from __future__ import annotations

import io

import pandas as pd

from sharing.parse import LONG_COLUMNS, parse_upload
from sharing.templates import template_csv, template_xlsx
from sharing.validate import validate
from tests.fixtures.bad_uploads import reference, reference_areas

META = {"id": "fuel_poverty_partner", "name": "Households in fuel poverty", "unit": "%", "value_type": "percentage",
        "definition": "Households whose energy costs leave them below the poverty line.",
        "publisher": "Trafford Council", "licence": "Open Government Licence v3.0"}


def wards() -> pd.DataFrame:
    a = reference_areas()
    return a[a["level"] == "ward_2023"]


def test_csv_template_has_notes_columns_and_a_row_per_area():
    text = template_csv(META, "ward_2023", wards(), period="2024")
    notes = [line for line in text.splitlines() if line.startswith("#")]
    assert "Households in fuel poverty (%; percentage), Wards (2023)" in notes[0]
    assert any("Licence: Open Government Licence v3.0" in n for n in notes)
    frame = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(LONG_COLUMNS)
    assert len(frame) == len(wards()) and set(frame["period"]) == {"2024"} and set(frame["breakdown"]) == {"Persons"}
    assert frame["area_name"].tolist() == sorted(frame["area_name"])


def test_empty_template_uploads_as_missing_values_then_filled_passes():
    text = template_csv(META, "ward_2023", wards(), period="2024")
    empty = validate(parse_upload(text.encode(), "t.csv"), META["id"], "percentage", reference())
    assert {i.rule for i in empty.issues} == {"missing_value"}
    filled = "\n".join(line.replace(",2024,,", ",2024,12.5,") for line in text.splitlines())
    result = validate(parse_upload(filled.encode(), "t.csv"), META["id"], "percentage", reference())
    assert result.ok and not result.issues and len(result.frame) == len(wards())


def test_excel_template_reads_back_from_its_first_sheet():
    data = template_xlsx(META, "ward_2023", wards(), period="2024")
    parsed = parse_upload(data, "template.xlsx")
    assert parsed.sheets == ["data", "notes"] and parsed.sheet == "data" and parsed.shape == "long"
    assert len(parsed.frame) == len(wards()) and parsed.frame["source_row"].iloc[0] == 2
