"""Postcode lookups from two tiny editions written in code: shares both ways, the LSOA's ward by postcodes."""

from __future__ import annotations

import pandas as pd
import pytest

from data.ingest.areas import AREA_COLUMNS
from data.ingest.context import IngestContext
from data.ingest.postcodes import (
    EDITION_2022,
    EDITION_2025,
    build_postcodes,
    lsoa_wards_by_postcodes,
    weight_by_residents,
)

HEADER = "postcode,ward_code,ward_name,msoa_code,msoa_hcl_name,lsoa_code,lsoa_name,locality,la_code,la_name,lon,lat\n"
# (postcode, ward, LSOA): LSOA A split 2:1 between new wards X and Y; old ward P -> X (2) and Y (1), Q -> Y (1)
OLD = [("M33 7AA", "P", "A"), ("M33 7AB", "P", "A"), ("m337ac", "P", "A"), ("M33 7AD", "Q", "B"),
       ("M33 7ZZ", "Q", "B")]  # withdrawn before the new edition
NEW = [("M33 7AA", "X", "A"), ("M33 7AB", "X", "A"), ("M33 7AC", "Y", "A"), ("M33 7AD", "Y", "B"),
       ("M33 9AA", "Y", "B"), ("not a pc", "Y", "B")]  # new since the old edition; junk


def _write(path, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(f"{p},{w},,M,,{lsoa},,,E08000009,Trafford,-2.3,53.4\n" for p, w, lsoa in rows))


@pytest.fixture()
def built(tmp_path):
    _write(tmp_path / EDITION_2022, OLD)
    _write(tmp_path / EDITION_2025, NEW)
    ctx = IngestContext(raw=tmp_path)
    return ctx, *build_postcodes(ctx)


def test_postcodes_table_has_both_editions(built):
    ctx, postcodes, _ = built
    assert list(postcodes["postcode"]) == ["M33 7AA", "M33 7AB", "M33 7AC", "M33 7AD", "M33 7ZZ", "M33 9AA"]
    row = postcodes.set_index("postcode").loc["M33 7ZZ"]
    assert row["in_2022_edition"] and not row["in_2025_edition"] and pd.isna(row["ward_2023"])
    assert postcodes.set_index("postcode").loc["M33 9AA", "ward_2022"] is pd.NA
    assert any("not a postcode" in r["reason"] for r in ctx.report.rejections)


def _pairs(lookups, from_level, to_level):
    sel = lookups[(lookups["from_level"] == from_level) & (lookups["to_level"] == to_level)]
    return {(r.from_code, r.to_code): (r.postcodes, round(r.share_of_from, 3)) for r in sel.itertuples()}


def test_lsoa_shares_and_ward_crosswalk(built):
    ctx, _, lookups = built
    assert _pairs(lookups, "lsoa_2021", "ward_2023") == {("A", "X"): (2, 0.667), ("A", "Y"): (1, 0.333),
                                                         ("B", "Y"): (2, 1.0)}
    # the crosswalk counts only postcodes in both editions
    assert _pairs(lookups, "ward_2022", "ward_2023") == {("P", "X"): (2, 0.667), ("P", "Y"): (1, 0.333),
                                                         ("Q", "Y"): (1, 1.0)}
    assert any("addresses, not residents" in f["reason"] for f in ctx.report.fixes)


def test_lsoa_takes_the_ward_with_most_postcodes(built):
    ctx, _, lookups = built
    areas = pd.DataFrame([{"area_code": "A", "level": "lsoa_2021", "parent_code": "Y", "parent_level": "ward_2023"},
                          {"area_code": "B", "level": "lsoa_2021", "parent_code": "Y", "parent_level": "ward_2023"}]).reindex(columns=AREA_COLUMNS)
    out = lsoa_wards_by_postcodes(areas, lookups, ctx)
    assert list(out["parent_code"]) == ["X", "Y"]
    check = ctx.report.checks[-1]
    assert check["passed"] and "1 of 2 agree" in check["detail"] and "A" in check["detail"]


def test_no_postcode_files_gives_empty_tables(tmp_path):
    postcodes, lookups = build_postcodes(IngestContext(raw=tmp_path))
    assert postcodes.empty and lookups.empty


def test_old_wards_and_msoas_are_apportioned_by_residents(built):
    ctx, postcodes, lookups = built
    # every postcode of one LSOA carries the same residents, so within LSOA A (P's only LSOA) the shares stay
    # 2:1; the earliest population is used, the LSOA lookup is untouched and the report says what weighs
    values = pd.DataFrame({"level": "lsoa_2021", "indicator_id": "population_total", "breakdown": "Persons",
                           "estimated": False, "area_code": ["A", "B", "A"], "period": ["2022", "2022", "2024"],
                           "period_start": pd.to_datetime(["2022-01-01", "2022-01-01", "2024-01-01"]),
                           "value": [300.0, 500.0, 900.0]})
    weighted = weight_by_residents(postcodes, lookups, values, ctx.report)
    assert _pairs(weighted, "ward_2022", "ward_2023") == {("P", "X"): (2, 0.667), ("P", "Y"): (1, 0.333),
                                                          ("Q", "Y"): (1, 1.0)}
    row = weighted[(weighted["from_level"] == "ward_2022")].iloc[0]
    assert "by residents" in row["weight"] and "mid-2022" in row["weight"]
    assert _pairs(weighted, "lsoa_2021", "ward_2023") == _pairs(lookups, "lsoa_2021", "ward_2023")
    assert any("by residents' shares" in f["reason"] for f in ctx.report.fixes)


def test_residents_move_the_shares_where_lsoas_differ_in_size(tmp_path):
    # old ward P holds LSOA A (1 postcode, 1,000 residents) and LSOA B (1 postcode, 100 residents);
    # A's postcode is in new ward X, B's in Y: by postcodes P splits half and half, by residents 10 to 1
    _write(tmp_path / EDITION_2022, [("M33 7AA", "P", "A"), ("M33 7AB", "P", "B")])
    _write(tmp_path / EDITION_2025, [("M33 7AA", "X", "A"), ("M33 7AB", "Y", "B")])
    ctx = IngestContext(raw=tmp_path)
    postcodes, lookups = build_postcodes(ctx)
    assert _pairs(lookups, "ward_2022", "ward_2023") == {("P", "X"): (1, 0.5), ("P", "Y"): (1, 0.5)}
    values = pd.DataFrame({"level": "lsoa_2021", "indicator_id": "population_total", "breakdown": "Persons",
                           "estimated": False, "area_code": ["A", "B"], "period": "2022",
                           "period_start": pd.to_datetime("2022-01-01"), "value": [1000.0, 100.0]})
    weighted = weight_by_residents(postcodes, lookups, values, ctx.report)
    assert _pairs(weighted, "ward_2022", "ward_2023") == {("P", "X"): (1, 0.909), ("P", "Y"): (1, 0.091)}
    # no population: the postcode shares stay, and the report says why
    kept = weight_by_residents(postcodes, lookups, values[values["area_code"] == "A"], ctx.report)
    assert _pairs(kept, "ward_2022", "ward_2023") == {("P", "X"): (1, 0.5), ("P", "Y"): (1, 0.5)}
    assert any("kept by postcodes" in f["reason"] for f in ctx.report.fixes)
