"""The Fingertips export: its columns map to long rows, Sex/Age/Category to the store's breakdowns."""

from __future__ import annotations

from sharing.fingertips import COLUMNS, breakdown, is_fingertips
from sharing.parse import parse_upload
from sharing.validate import validate
from tests.fixtures.bad_uploads import fingertips_csv, reference


def test_signature_needs_the_core_columns():
    assert is_fingertips(list(COLUMNS))
    assert is_fingertips([c.upper() for c in COLUMNS])
    assert not is_fingertips(["Area Code", "Time period", "Value"])


def test_breakdowns_follow_the_store_convention():
    assert breakdown("Persons", "All ages", "", "", ages_vary=False) == "Persons"
    assert breakdown("Female", "All ages", "", "", ages_vary=False) == "Female"
    assert breakdown("Persons", "All ages", "County & UA deprivation quintiles (IMD2019, 4/21 geog.)",
                     "Most deprived quintile (IMD2019)", ages_vary=False) == "Most deprived quintile"
    assert breakdown("Male", "65+ yrs", "", "", ages_vary=True) == "Male, 65+ yrs"
    assert breakdown("Persons", "65+ yrs", "", "", ages_vary=True) == "65+ yrs"


def test_export_validates_to_the_store_rows():
    parsed = parse_upload(fingertips_csv().encode(), "fingertips_export.csv")
    result = validate(parsed, "obesity_reception_partner", "percentage", reference())
    assert result.ok, result.issues
    f = result.frame
    # the region row is left out with a warning (the store holds no regions); England, Trafford and wards kept
    assert [i.rule for i in result.issues] == ["area_not_held"]
    assert result.issues[0].row == 3 and result.issues[0].column == "Area Code"
    assert set(f["level"]) == {"england", "ward_2023", "la"}
    assert set(f["breakdown"]) == {"Persons", "Male", "Most deprived quintile"}
    assert set(f["period"]) == {"2022/23 - 24/25"}
    alt = f[(f["area_code"] == "E05015239") & (f["breakdown"] == "Persons")].iloc[0]
    assert (alt["value"], alt["lower_ci"], alt["upper_ci"], alt["numerator"], alt["denominator"]) == \
        (3.0, 1.5, 4.5, 12.0, 400.0)


def test_several_indicators_in_one_export_are_refused():
    text = fingertips_csv()
    lines = text.splitlines()
    lines[-1] = lines[-1].replace("93088", "90323", 1)
    result = validate(parse_upload("\n".join(lines).encode(), "f.csv"), "x", "percentage", reference())
    assert not result.ok and result.errors[0].rule == "several_indicators"
    assert "90323" in result.errors[0].value


def test_issue_columns_use_the_fingertips_headers():
    text = fingertips_csv().replace(",3.0,1.5,4.5,", ",three,1.5,4.5,", 1)
    result = validate(parse_upload(text.encode(), "f.csv"), "x", "percentage", reference())
    bad = [i for i in result.errors if i.rule == "not_numeric"]
    assert bad and bad[0].column == "Value"
