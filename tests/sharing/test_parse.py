"""Parsing partner files: shapes, encodings, separators, blank lines, Excel sheets and files that cannot be read."""

from __future__ import annotations

import pytest

from sharing.parse import MAX_BYTES, UploadError, parse_upload
from tests.fixtures.bad_uploads import HEADER, fingertips_csv, good_long_csv, wide_csv, xlsx_bytes


def test_long_format_is_detected_with_file_row_numbers():
    p = parse_upload(good_long_csv().encode(), "rates.csv")
    assert p.shape == "long" and p.header_row == 1 and not p.missing
    assert len(p.frame) == 10
    assert p.frame["source_row"].tolist() == list(range(2, 12))
    assert "long format" in p.description


def test_blank_lines_comments_bom_and_trailing_spaces():
    text = "# made by a partner\n\n" + HEADER + "\n\n x,E05015239 ,Altrincham , 2023 , 10.5 ,,,,,\n\n"
    p = parse_upload(("\ufeff" + text).encode("utf-8"), "a.csv")
    row = p.frame.iloc[0]
    assert p.header_row == 3
    assert (row["area_code"], row["period"], row["value"], row["source_row"]) == ("E05015239", "2023", "10.5", 5)


def test_cp1252_file_is_read_and_noted():
    text = "area_code,area_name,period,value\nE05015241,Bowdon – ward £,2023,5\n"
    p = parse_upload(text.encode("cp1252"), "a.csv")
    assert p.encoding == "cp1252" and p.frame.iloc[0]["area_name"] == "Bowdon – ward £"
    assert any("Windows-1252" in n for n in p.notes)


def test_semicolon_separated_file():
    p = parse_upload(b"area_code;period;value\nE05015239;2023;4\n", "a.csv")
    assert p.shape == "long" and p.frame.iloc[0]["value"] == "4"


def test_wide_format_melts_period_columns_and_keeps_the_column_name():
    p = parse_upload(wide_csv().encode(), "wide.csv")
    assert p.shape == "wide" and len(p.frame) == 15
    first = p.frame.iloc[0]
    assert (first["area_code"], first["period"], first["value"], first["source_column"], first["source_row"]) == \
        ("E05000819", "2021/22", "1,200", "2021/22", 2)


def test_wide_quarters_and_years_as_headers():
    p = parse_upload(b"Code,Name,2020 Q1,2020 Q2\nE05015239,Altrincham,3,4\n", "w.csv")
    assert p.shape == "wide" and p.frame["period"].tolist() == ["2020 Q1", "2020 Q2"]


def test_fingertips_export_is_recognised():
    p = parse_upload(fingertips_csv().encode(), "fingertips.csv")
    assert p.shape == "fingertips" and "Fingertips" in p.description


def test_missing_required_columns_are_listed():
    p = parse_upload(b"area_code,area_name,value\nE05015239,Altrincham,4\n", "a.csv")
    assert p.missing == ["period"]


def test_excel_first_sheet_and_chosen_sheet():
    data = xlsx_bytes(good_long_csv(), sheet="values", first_sheet="read me")
    first = parse_upload(data, "book.xlsx")  # the notes sheet in front is passed over, and said
    assert first.sheets == ["read me", "values"] and first.sheet == "values" and len(first.frame) == 10
    assert any("'read me'" in n for n in first.notes)
    with pytest.raises(UploadError, match="No row of sheet .data. names the columns"):
        parse_upload(xlsx_bytes("notes\nRead me first\n"), "notes.xlsx")
    with pytest.raises(UploadError, match="sheet .read me.*sheets: read me, values"):
        parse_upload(data, "book.xlsx", sheet="read me")
    chosen = parse_upload(data, "book.xlsx", sheet="values")
    assert chosen.shape == "long" and len(chosen.frame) == 10 and chosen.frame["source_row"].iloc[0] == 2
    with pytest.raises(UploadError, match="no sheet 'other'"):
        parse_upload(data, "book.xlsx", sheet="other")


def test_excel_numbers_come_back_as_text_without_float_noise():
    from io import BytesIO

    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["area_code", "period", "value"])
    ws.append(["E05015239", 2023, 12.0])
    buf = BytesIO()
    book.save(buf)
    row = parse_upload(buf.getvalue(), "x.xlsx").frame.iloc[0]
    assert (row["period"], row["value"]) == ("2023", "12")


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"", "a.csv", "empty"),
    (b"\n\n  \n", "a.csv", "no rows"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "photo.csv", "binary"),
    (b"%PDF-1.7 \x00\x01", "report.pdf", "binary"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls", "97-2003"),
    (b"PK\x03\x04 this is not really a zip", "broken.xlsx", "cannot be opened"),
    (b"hello,world\n1,2\n", "a.csv", "No row of the file names the columns"),
])
def test_unreadable_files_give_a_clear_message(content, name, message):
    with pytest.raises(UploadError, match=message):
        parse_upload(content, name)


def test_size_limit():
    with pytest.raises(UploadError, match="limit is 20 MB"):
        parse_upload(b"a" * (MAX_BYTES + 1), "big.csv")
