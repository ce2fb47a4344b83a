"""Cell-level normalisation of messy raw input, each fix or rejection reported."""

import pandas as pd
import pytest

from data.ingest.context import IngestContext


@pytest.fixture()
def ctx(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "messy.csv").write_text(
        "area_code , area_name,value\r\n"
        "E08000009,Trafford,\"1,234\"\r\n"
        "Trafford,E08000009,NA\r\n"
        "E0800009,Trafford,:\r\n"
        "e11000001,Greater Manchester,*\r\n"
        "E92000001,England,12.5%\r\n"
        "E92000001,England,n/k\r\n", encoding="utf-8")
    return IngestContext(raw=tmp_path)


def test_read_csv_trims_headers_keeps_strings_and_numbers_rows(ctx):
    df = ctx.read_csv("t/messy.csv")
    assert list(df.columns) == ["_row", "area_code", "area_name", "value"]
    assert list(df["_row"]) == [2, 3, 4, 5, 6, 7]
    assert ctx.sources["t/messy.csv"]["rows"] == 6 and len(ctx.sources["t/messy.csv"]["sha256"]) == 64


def test_numbers_strip_separators_and_percent_and_na_tokens(ctx):
    df = ctx.read_csv("t/messy.csv")
    values = ctx.numbers_checked(df, "value", "t/messy.csv")
    assert values.iloc[0] == 1234 and values.iloc[4] == 12.5
    assert values.iloc[1:4].isna().all()
    assert ctx.report.rejections == [{"file": "t/messy.csv", "row": 7, "reason": "value is not a number: 'n/k'"}]


def test_swapped_code_and_name_are_swapped_back(ctx):
    df = ctx.unswap_code_name(ctx.read_csv("t/messy.csv"), "t/messy.csv")
    assert df.loc[1, "area_code"] == "E08000009" and df.loc[1, "area_name"] == "Trafford"
    assert "swapped in 1 rows" in ctx.report.fixes[0]["reason"]


def test_mistyped_and_alias_codes_are_normalised(ctx):
    df = ctx.read_csv("t/messy.csv")
    codes = ctx.code(df["area_code"], "t/messy.csv")
    assert codes.iloc[2] == "E08000009"  # E0800009, seven digits, in the sources
    assert codes.iloc[3] == "E47000001"  # the GM county code is the combined authority's area
    reasons = " ".join(f["reason"] for f in ctx.report.fixes)
    assert "mistyped code E0800009" in reasons and "E11000001 read as E47000001" in reasons


def test_missing_raw_file_is_a_clear_error(ctx):
    with pytest.raises(FileNotFoundError, match="raw file missing: nope.csv"):
        ctx.read_csv("nope.csv")


def test_number_of_empty_series():
    assert IngestContext(raw=None).number(pd.Series([], dtype="string")).empty
