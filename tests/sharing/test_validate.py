"""Validation rule by rule on real-looking bad files: row numbers as the partner sees them, suggestions, blocking."""

from __future__ import annotations

import pytest

from sharing.parse import parse_upload
from sharing.validate import parse_number, validate
from tests.fixtures.bad_uploads import HEADER, bad_long_csv, good_long_csv, reference, wide_csv, xlsx_bytes

IND = "fuel_poverty_partner"


def check(text: str, value_type: str = "percentage", multiplier: float | None = None, value_range=(5.0, 30.0)):
    return validate(parse_upload(text.encode(), "upload.csv"), IND, value_type, reference(value_range), multiplier)


def rows(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def by_rule(result):
    return {i.rule: i for i in result.issues}


def test_a_clean_file_passes_with_the_output_columns():
    result = check(good_long_csv())
    assert result.ok and not result.issues
    f = result.frame
    assert list(f.columns) == ["indicator_id", "area_code", "area_name", "level", "period", "breakdown", "value",
                               "lower_ci", "upper_ci", "numerator", "denominator"]
    assert len(f) == 10 and set(f["level"]) == {"ward_2023"} and set(f["breakdown"]) == {"Persons"}
    assert str(f["value"].dtype) == "float64" and str(f["area_code"].dtype) == "string"


def test_every_rule_of_the_bad_file_on_its_own_line():
    result = check(bad_long_csv())
    assert not result.ok and result.frame.empty  # nothing is passed on until the file passes
    found = {(i.row, i.rule) for i in result.issues}
    assert found == {(3, "unknown_area"), (4, "bad_period"), (5, "not_numeric"), (6, "negative_count"),
                     (7, "numerator_above_denominator"), (8, "duplicate"), (9, "out_of_range"),
                     (10, "ci_not_bracketing"), (11, "mixed_vintage"), (12, "far_outside_range")}
    severity = {i.rule: i.severity for i in result.issues}
    assert severity["far_outside_range"] == "warning" and severity["unknown_area"] == "error"


def test_unknown_code_suggests_the_code_within_two_edits():
    issue = by_rule(check(rows(f"{IND},E05015293,Altrincham,2023,10,,,,,")))["unknown_area"]
    assert issue.column == "area_code" and issue.value == "E05015293"
    assert "E05015239 (Altrincham, Wards (2023))" in issue.suggestion


def test_unknown_code_with_nothing_close_suggests_the_named_area():
    issue = by_rule(check(rows(f"{IND},E05099999,Bowdon,2023,10,,,,,")))["unknown_area"]
    assert "Bowdon is E05015241" in issue.suggestion


def test_a_name_in_the_code_column_is_matched():
    issue = by_rule(check(rows(f"{IND},Flixton,,2023,10,,,,,")))["not_area_code"]
    assert "E05015246" in issue.suggestion


def test_pre_2023_ward_among_may_2023_wards_names_the_vintage_and_the_new_code():
    issue = by_rule(check(rows(f"{IND},E05015239,Altrincham,2024,10,,,,,", f"{IND},E05015240,,2024,11,,,,,",
                               f"{IND},E05000821,Bowdon,2024,12,,,,,")))["mixed_vintage"]
    assert issue.row == 4
    assert "Wards (pre-2023)" in issue.message and "E05015241 (Bowdon, Wards (2023))" in issue.suggestion


def test_2011_lsoa_among_2021_lsoas():
    result = check(rows(f"{IND},E01034000,,2022,10,,,,,", f"{IND},E01034001,,2022,11,,,,,",
                        f"{IND},E01006185,,2022,12,,,,,"))
    issue = by_rule(result)["mixed_vintage"]
    assert issue.row == 4 and "LSOAs (2011)" in issue.message and "LSOAs (2021)" in issue.message


def test_codes_unchanged_across_lsoa_vintages_take_the_period_date_or_the_others():
    result = check(rows(f"{IND},E01006074,,2019,10,,,,,", f"{IND},E01006074,,2022,10,,,,,",
                        f"{IND},E01006075,,2022,10,,,,,", f"{IND},E01034000,,2022,10,,,,,"))
    assert result.ok
    levels = dict(zip(result.frame["period"], result.frame["level"], strict=False))
    assert levels == {"2019": "lsoa_2011", "2022": "lsoa_2021"}


def test_each_vintage_in_its_own_period_is_fine():
    result = check(rows(f"{IND},E05000819,,2021,10,,,,,", f"{IND},E05015239,,2024,10,,,,,"))
    assert result.ok and dict(zip(result.frame["period"], result.frame["level"], strict=True)) == \
        {"2021": "ward_2022", "2024": "ward_2023"}


def test_regions_are_left_out_with_a_warning():
    result = check(rows(f"{IND},E12000002,North West,2023,10,,,,,", f"{IND},E05015239,,2023,10,,,,,"))
    assert result.ok and len(result.frame) == 1
    assert by_rule(result)["area_not_held"].severity == "warning"


def test_name_that_does_not_match_the_code_is_a_warning():
    result = check(rows(f"{IND},E05015239,Bowdon,2023,10,,,,,"))
    assert result.ok and by_rule(result)["name_mismatch"].message == "E05015239 is Altrincham, not Bowdon."
    assert result.frame["area_name"].tolist() == ["Altrincham"]


@pytest.mark.parametrize("period", ["2023/24/25", "sometime", "2023-13", "Q5 2023", "2021 - 19"])
def test_unparseable_periods(period):
    issue = by_rule(check(rows(f"{IND},E05015239,,{period},10,,,,,")))["bad_period"]
    assert issue.value == period and "2021/22" in issue.suggestion


def test_periods_become_canonical_labels():
    result = check(rows(f"{IND},E05015239,,2021-22,10,,,,,", f"{IND},E05015240,,Apr 2022,10,,,,,",
                        f"{IND},E05015241,,2020 Q1,10,,,,,"))
    assert not [i for i in result.issues if i.rule == "bad_period"]


@pytest.mark.parametrize(("cell", "expected"), [("1,234", 1234.0), ("1,234.5", 1234.5), ("12.5%", 12.5),
                                               ("£1,200", 1200.0), (" 7 ", 7.0), ("NA", None), (":", None),
                                               ("[c]", None), ("", None), ("-3", -3.0), ("1e3", 1000.0)])
def test_numbers_as_published(cell, expected):
    assert parse_number(cell) == (expected, None)


def test_comma_decimals_are_explained():
    issue = by_rule(check(rows(f"{IND},E05015239,,2023,\"12,5\",,,,,")))["not_numeric"]
    assert "comma for decimals" in issue.message


def test_suppressed_markers_are_kept_as_missing_with_a_warning():
    result = check(rows(f"{IND},E05015239,,2023,*,,,3,900,", f"{IND},E05015240,,2023,11,,,110,1000,"))
    assert result.ok and by_rule(result)["missing_value"].severity == "warning"
    assert result.frame["value"].isna().sum() == 1


def test_negative_value_of_a_count_indicator():
    issue = by_rule(check(rows(f"{IND},E05015239,,2023,-5,,,,,"), value_type="count", value_range=None))
    assert issue["negative_count"].row == 2


def test_negative_rate_and_proportion_ranges():
    assert "out_of_range" in by_rule(check(rows(f"{IND},E05015239,,2023,-0.5,,,,,"), value_type="rate"))
    assert "out_of_range" in by_rule(check(rows(f"{IND},E05015239,,2023,12,,,,,"), multiplier=1,
                                           value_range=None))
    assert check(rows(f"{IND},E05015239,,2023,0.12,,,,,"), multiplier=1, value_range=None).ok


def test_percentages_that_look_like_proportions_are_refused_until_the_partner_confirms():
    # issue 19: proportions (0.014-0.443) uploaded to a percentage indicator passed with one warning
    result = check(rows(*(f"{IND},{c},,2023,0.{i + 1},,,,," for i, c in
                          enumerate(["E05015239", "E05015240", "E05015241"]))), value_range=None)
    issue = by_rule(result)["looks_like_proportion"]
    assert not result.ok and issue.row == 1 and issue.severity == "error" and "My values are proportions" in \
        issue.suggestion


def test_interval_with_one_limit_is_a_warning_and_dropped():
    result = check(rows(f"{IND},E05015239,,2023,10,8,,,,"))
    assert result.ok and by_rule(result)["ci_incomplete"].severity == "warning"
    assert result.frame["lower_ci"].isna().all()


def test_interval_with_swapped_limits():
    assert "ci_not_bracketing" in by_rule(check(rows(f"{IND},E05015239,,2023,10,12,8,,,")))


def test_rows_of_another_indicator():
    issue = by_rule(check(rows("smoking_prevalence,E05015239,,2023,10,,,,,")))["other_indicator"]
    assert "smoking_prevalence" in issue.message


def test_duplicates_name_the_first_row_but_breakdowns_are_distinct():
    result = check(rows(f"{IND},E05015239,,2023,10,,,,,Male", f"{IND},E05015239,,2023,11,,,,,Female",
                        f"{IND},E05015239,,2023,12,,,,,male"))
    issue = by_rule(result)["duplicate"]
    assert issue.row == 4 and "row 2" in issue.message


def test_missing_required_column_blocks_at_the_header():
    result = validate(parse_upload(b"area_code,value\nE05015239,4\n", "x.csv"), IND, "percentage", reference())
    assert not result.ok and [(i.row, i.rule, i.column) for i in result.issues] == [(1, "missing_column", "period")]


def test_wide_file_issues_name_the_period_column():
    text = wide_csv().replace("1302", "lots")
    result = validate(parse_upload(text.encode(), "wide.csv"), IND, "count", reference(None))
    issue = by_rule(result)["not_numeric"]
    assert (issue.row, issue.column, issue.value) == (4, "2022/23", "lots")


def test_wide_file_passes_with_thousands_separators():
    result = validate(parse_upload(wide_csv().encode(), "wide.csv"), IND, "count", reference(None))
    assert result.ok and result.frame["value"].iloc[0] == 1200.0 and set(result.frame["level"]) == {"ward_2022"}


def test_excel_rows_are_numbered_as_in_excel():
    data = xlsx_bytes(bad_long_csv())
    result = validate(parse_upload(data, "bad.xlsx"), IND, "percentage", reference())
    assert (3, "unknown_area") in {(i.row, i.rule) for i in result.issues}


def test_hostile_cells_are_only_text():
    result = check(rows(f"{IND},=cmd|' /C calc'!A0,<script>alert(1)</script>,2023,'; DROP TABLE values;--,,,,,"))
    assert not result.ok and {i.rule for i in result.errors} >= {"not_area_code", "not_numeric"}


def test_ten_thousand_rows_validate_quickly():
    import time

    lines = [f"{IND},E05015239,,{1990 + i // 400}-{i % 12 + 1:02d},10,,,,,{i}" for i in range(10_000)]
    start = time.process_time()  # the work done, not the wall clock: a busy machine must not fail it
    result = check(rows(*lines))
    took = time.process_time() - start
    assert result.ok and len(result.frame) == 10_000
    assert took < 5, took
