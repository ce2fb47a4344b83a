"""Issue 19's real partner files and item 10, rebuilt in code: financial years, title rows, IMD domains as breakdowns,
proportions, total rows, ONS headers, code-and-name cells, old wards after May 2023, odd counts and encodings."""

from __future__ import annotations

import io
import random

import openpyxl
import pytest

from sharing.parse import UploadError, canonical_column, parse_upload
from sharing.validate import Reference, validate
from tests.fixtures.bad_uploads import HEADER, WARDS_2022, WARDS_2023, reference_areas

IND = "flytipping_partner"


def ref(breakdowns=None, period_types=frozenset(), value_range=None) -> Reference:
    # only what is asked is passed: the same test then runs on the code before the fixes (docs/security-evidence.md)
    extra = {k: v for k, v in (("breakdowns", breakdowns), ("period_types", frozenset(period_types))) if v}
    return Reference(reference_areas(), value_range, **extra)


def check(text: str | bytes, value_type="count", reference=None, name="upload.csv", multiplier=None, **kw):
    content = text.encode() if isinstance(text, str) else text
    return validate(parse_upload(content, name), IND, value_type, reference or ref(), multiplier, **kw)


def rows(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def rules(result) -> dict:
    out = {}
    for i in result.issues:
        out.setdefault(i.rule, []).append(i)
    return out


def title_row_workbook() -> bytes:
    """DEFRA's fly-tipping workbook in small: a notes sheet, then a data sheet with title rows, a wide table of
    financial years spelt 2010-11, a total row and a footnote."""
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "Notes"
    notes.append(["Fly-tipping incidents and actions taken in England"])
    notes.append(["This workbook holds the local authority figures."])
    ws = book.create_sheet("LA_incidents")
    ws.append(["Table 1: Fly-tipping incidents by local authority, 2010-11 to 2012-13"])
    ws.append(["Source: Department for Environment, Food & Rural Affairs"])
    ws.append([])
    ws.append(["LA code", "LA Name", "2010-11", "2011-12", "2012-13"])
    ws.append(["E08000009", "Trafford", 1104, 1210, 1302])
    ws.append(["E08000003", "Manchester", 20400, 21010, 19876])
    ws.append(["Total", None, 21504, 22220, 21178])
    ws.append(["Figures are provisional and may be revised at the next release of the series."])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


# Financial years (high: they corrupted a public series)

def test_financial_year_spellings_all_become_the_stores_2012_13():
    text = rows(*(f"{IND},{code},,{p},{100 + i},,,,," for i, (code, p) in
                  enumerate(zip(list(WARDS_2023)[:5], ["2012-13", "2012/13", "2012-2013", "FY2012/13", "FY 2012-13"], strict=True))))
    result = check(text, reference=ref(period_types={"financial_year"}))
    assert result.ok, [i.message for i in result.issues]
    assert set(result.frame["period"]) == {"2012/13"}


def test_2010_11_and_2011_12_are_financial_years_not_november_and_december():
    result = check(rows(f"{IND},E05015239,,2010-11,5,,,,,", f"{IND},E05015239,,2011-12,6,,,,,"))
    assert result.ok and result.frame["period"].tolist() == ["2010/11", "2011/12"]


def test_title_row_workbook_of_financial_years_reads_the_right_sheet_row_and_periods():
    data = title_row_workbook()
    parsed = parse_upload(data, "flytipping.xlsx")
    assert parsed.sheet == "LA_incidents" and parsed.header_row == 4 and parsed.shape == "wide"
    said = " ".join(parsed.notes)
    assert "Row 4 of sheet 'LA_incidents' was read as the header" in said and "Table 1: Fly-tipping" in said
    assert "'Notes'" in said and "Row 8" in said  # the notes sheet passed over, the footnote passed over
    result = validate(parsed, IND, "count", ref(period_types={"financial_year"}))
    assert result.ok, [i.message for i in result.errors]
    assert sorted(set(result.frame["period"])) == ["2010/11", "2011/12", "2012/13"]
    assert len(result.frame) == 6  # Trafford and Manchester; the total row left out
    totals = rules(result)["total_rows"]
    assert len(totals) == 1 and "look like total rows" in totals[0].message and totals[0].row == 7


def test_a_period_with_two_readings_is_asked_about_naming_the_value_and_the_choices():
    monthly = ref(period_types={"month"})
    result = check(rows(*(f"{IND},{c},,2010-11,5,,,,," for c in list(WARDS_2023)[:4])), reference=monthly)
    issues = rules(result)["ambiguous_period"]
    assert not result.ok and len(issues) == 1  # once for the value, saying its rows
    msg = issues[0].message
    assert "'2010-11'" in msg and "financial year 2010/11" in msg and "November 2010" in msg and "4 rows" in msg
    day = rules(check(rows(f"{IND},E05015239,,03/04/2021,5,,,,,")))["ambiguous_period"][0].message
    assert "3 April 2021" in day and "4 March 2021" in day


@pytest.mark.parametrize("period", ["2099", "1066"])
def test_years_out_of_range_are_refused_with_the_range(period):
    issue = rules(check(rows(f"{IND},E05015239,,{period},5,,,,,")))["bad_period"][0]
    assert f"'{period}' is outside the years the observatory takes (1970 to" in issue.message


# Breakdowns must be ones the indicator defines

IMD_DOMAINS = ["Income", "Employment", "Education, Skills and Training", "Health Deprivation and Disability",
               "Crime", "Barriers to Housing and Services", "Living Environment", "IDACI", "IDAOPI", "IMD"]


def test_imd_domains_as_breakdowns_of_the_imd_score_are_refused_once_per_domain():
    lines = [f"{IND},{code},,2019,{10 + j},,,,,{domain}" for code in WARDS_2023 for j, domain in
             enumerate(IMD_DOMAINS)]
    result = check(rows(*lines), value_type="score", reference=ref(breakdowns=frozenset({"Persons"})))
    issues = rules(result)["unknown_breakdown"]
    assert not result.ok and len(issues) == len(IMD_DOMAINS)
    assert "'Income' is not a breakdown this indicator has (it has: Persons)" in issues[0].message
    assert "separate indicators" in issues[0].suggestion and "new indicator" in issues[0].suggestion


def test_a_new_indicator_may_define_its_breakdowns():
    result = check(rows(f"{IND},E05015239,,2019,10,,,,,Male", f"{IND},E05015239,,2019,11,,,,,Female"))
    assert result.ok and set(result.frame["breakdown"]) == {"Male", "Female"}


# Proportions for a percentage indicator

def test_proportions_for_a_percentage_indicator_are_refused_or_converted_when_confirmed():
    values = [0.014, 0.2, 0.443]
    text = rows(*(f"{IND},{c},,2023,{v},{v - 0.01:.3f},{v + 0.01:.3f},,," for c, v in zip(list(WARDS_2023)[:3], values, strict=True)))
    refused = check(text, value_type="percentage", multiplier=100, reference=ref(value_range=(1.4, 44.3)))
    issue = rules(refused)["looks_like_proportion"][0]
    assert not refused.ok and issue.severity == "error" and "0.014 to 0.443" in issue.message
    converted = check(text, value_type="percentage", multiplier=100, reference=ref(value_range=(1.4, 44.3)),
                      convert_proportions=True)
    assert converted.ok and converted.frame["value"].tolist() == pytest.approx([1.4, 20.0, 44.3])
    assert converted.frame["lower_ci"].tolist() == pytest.approx([0.4, 19.0, 43.3])
    assert any("multiplied by 100" in n for n in converted.notes)


# Wards, totals, headers and cells

def test_pre_2023_ward_codes_for_a_period_after_may_2023_are_refused():
    result = check(rows(*(f"{IND},{c},,2024,5,,,,," for c in WARDS_2022)))
    assert not result.ok, "old wards after May 2023 accepted silently"
    issues = rules(result)["old_ward_after_change"]
    assert not result.ok and len(issues) == len(WARDS_2022)
    assert "before the May 2023 boundary change" in issues[0].message and "E05015239" in issues[0].suggestion
    assert check(rows(*(f"{IND},{c},,2022,5,,,,," for c in WARDS_2022))).ok  # before the change: fine


def test_total_rows_are_reported_once_not_as_an_error_per_cell():
    lines = ["Ward code,Ward name,2021,2022,2023"] + [f"{c},{n},1,2,3" for c, n in WARDS_2023.items()]
    lines += ["Total,,9,18,27", "Trafford total,,9,18,27", "Grand total,,9,18,27"]
    result = check("\n".join(lines) + "\n")
    assert result.ok and [i.rule for i in result.issues] == ["total_rows"]
    assert "3 rows" in result.issues[0].message


@pytest.mark.parametrize(("header", "column"), [
    ("lsoa11cd", "area_code"), ("LSOA21CD", "area_code"), ("wd23cd", "area_code"), ("WD23NM", "area_name"),
    ("LA code", "area_code"), ("LA Name", "area_name"), ("LAD19CD", "area_code"), ("msoa21nm", "area_name"),
    ("LSOA code (2011)", "area_code"), ("LSOA name (2011)", "area_name"),
    ("Local Authority District code (2019)", "area_code"), ("Indicator name", None), ("Postcode", None)])
def test_ons_headers_are_recognised(header, column):
    assert canonical_column(header) == column


def test_a_cell_holding_code_and_name_uses_the_code():
    result = check("wd23cd,period,value\nE05015244 - Bucklow-St Martins,2023,5\nE05015239: Altrincham,2023,6\n")
    assert result.ok and result.frame["area_code"].tolist() == ["E05015244", "E05015239"]
    assert any("'E05015244 - Bucklow-St Martins'" in n and "the code was used" in n for n in result.notes)


# Item 10: counts, long breakdowns, encodings, random bytes

def test_non_whole_counts_are_refused():
    result = check(rows(f"{IND},E05015239,,2023,5.5,,,,,", f"{IND},E05015240,,2023,5,,,2.5,10,"))
    assert not result.ok, "non-whole counts accepted silently"
    found = {(i.row, i.column) for i in rules(result)["not_whole_count"]}
    assert not result.ok and found == {(2, "value"), (3, "numerator")}
    assert "not a whole number" in rules(result)["not_whole_count"][0].message


def test_a_50000_character_breakdown_is_refused():
    result = check(rows(f"{IND},E05015239,,2023,5,,,,," + "x" * 50_000))
    assert not result.ok, "a 50,000-character breakdown accepted silently"
    issue = rules(result)["breakdown_too_long"][0]
    assert not result.ok and "50,000 characters" in issue.message and "at most 100" in issue.message
    assert len(issue.value) < 100


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_csv_with_or_without_bom_is_read(encoding):
    text = "area_code,area_name,period,value\nE05015241,Bowdon – £,2023,5\n"
    parsed = parse_upload(text.encode(encoding), "unicode.csv")  # 'utf-16' writes a BOM; -le and -be do not
    assert parsed.frame.iloc[0]["area_name"] == "Bowdon – £" and parsed.frame.iloc[0]["area_code"] == "E05015241"
    assert any("UTF-16" in n for n in parsed.notes)


@pytest.mark.parametrize("zeros", [True, False])
def test_random_bytes_are_not_called_empty(zeros):
    rng = random.Random(19)
    data = bytes(rng.randrange(0 if zeros else 1, 256) for _ in range(20_000))
    with pytest.raises(UploadError, match="does not look like a CSV file or a spreadsheet") as err:
        parse_upload(data, "data.csv")
    assert "empty" not in str(err.value)


def test_an_old_ward_among_new_wards_is_said_once():
    result = check(rows(f"{IND},E05015239,,2024,5,,,,,", f"{IND},E05015240,,2024,6,,,,,", f"{IND},E05000825,,2024,7,,,,,"))
    assert [i.rule for i in result.errors] == ["mixed_vintage"]


def test_the_report_says_how_financial_years_were_read():
    result = check(rows(f"{IND},E05015239,,2010-11,5,,,,,", f"{IND},E05015239,,2012/13,6,,,,,"))
    said = " ".join(result.notes)
    assert "'2010-11' as the financial year 2010/11 (April 2010 to March 2011)" in said and "'2012/13'" not in said
