"""Census 2021 source module: shares from category counts, GM derived, and the 1981-2021 series."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import census2021

DIR = "tdl_open_data/census2021"
TOPIC_HEADER = [
    "area_code",
    "area_name",
    "geography",
    "period",
    "indicator",
    "household_tenure",
    "measure",
    "unit",
    "value",
]
TENURE = [
    "Owned: Owns outright",
    "Owned: Owns with a mortgage or loan",
    "Shared ownership: Shared ownership",
    "Social rented: Rents from council or Local Authority",
    "Social rented: Other social rented",
    "Private rented: Private landlord or letting agency",
    "Private rented: Other private rented",
    "Lives rent free",
]
TENURE_UNITS = [10, 20, 1, 3, 2, 5, 1, 1]  # per district i, times i: 43 households per unit
GM = [f"E080000{i:02d}" for i in range(1, 11)]


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _tenure_rows(code: str, name: str, geography: str, values: list) -> list[list]:
    return [
        [
            code,
            name,
            geography,
            "2021-03-21",
            "Classification of households by tenure",
            cat,
            "Count",
            "Households",
            v,
        ]
        for cat, v in zip(TENURE, values, strict=True)
    ]


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    """A raw folder with tenure (ward, LA), density (LA, 1981-2021) and ages 1981-2021, with messy cells."""
    ward = _tenure_rows("E05000819", "Altrincham", "Electoral ward", [100, 200, 10, 30, 20, 50, 5, 5])
    ward.append(ward[0])  # an exact repeat
    # code and name swapped, and a thousands separator
    ward += _tenure_rows(
        "Ashton upon Mersey", "E05000820", "Electoral ward", ["1,000", 500, 0, 100, 100, 250, 25, 25]
    )
    ward += _tenure_rows("E05000821", "Bowdon", "Electoral ward", [1, 2, 3, "NA", 5, 6, 7, 8])
    ward += _tenure_rows("E05099999", "Elsewhere", "Electoral ward", [1] * 8)[:1]
    _write(tmp_path / DIR / "2021_household_tenure_ward_trafford.csv", TOPIC_HEADER, ward)

    la = []
    for i, code in enumerate(GM, start=1):
        la += _tenure_rows(
            "E0800009" if code == "E08000009" else code,
            f"District {i}",
            "Local authority",
            [u * i for u in TENURE_UNITS],
        )
    _write(tmp_path / DIR / "2021_household_tenure_la_gm.csv", TOPIC_HEADER, la)

    # District i: area 10*i sq km, residents 1000*i^2 (1981) and 1200*i^2 (2021), 10% aged 65+.
    dens_header = ["area_code", "area_name", "geography", "period", "indicator", "measure", "unit", "value"]
    _write(
        tmp_path / DIR / "2021_population_density_la_gm.csv",
        dens_header,
        [
            [
                c,
                f"District {i}",
                "Local authority",
                "2021-03-21",
                "Usual residents per square kilometre",
                "Count",
                "Persons",
                120 * i,
            ]
            for i, c in enumerate(GM, start=1)
        ],
    )
    long_rows, age_rows = [], []
    for i, c in enumerate(GM, start=1):
        for date, per_head in (("1981-04-05", 1000), ("2021-03-21", 1200)):
            pop = per_head * i * i
            long_rows.append(
                [
                    c,
                    f"District {i}",
                    "Local authority",
                    date,
                    "Usual resident population density",
                    "Rate",
                    "Number of usual residents per square kilometre",
                    pop / (10 * i),
                ]
            )
            for band, n in (
                ("All ages", pop),
                ("Aged 4 years and under", pop * 0.9),
                ("Aged 65 to 69 years", pop * 0.06),
                ("Aged 85 years and over", pop * 0.04),
            ):
                age_rows.append(
                    [
                        c,
                        f"District {i}",
                        "Local authority",
                        date,
                        "Usual resident population by sex and age group",
                        "Count",
                        "Usual residents",
                        "Persons",
                        band,
                        round(n),
                    ]
                )
    long_rows.append(["E08000001", "District 1", "Local authority", "1991", "x", "Rate", "x", "oops"])
    _write(tmp_path / DIR / "1981-2021_population_density_la_gm.csv", dens_header, long_rows)
    _write(
        tmp_path / DIR / "1981-2021_population_by_sex_and_age_group_la_gm.csv",
        dens_header[:7] + ["sex", "age_group", "value"],
        age_rows,
    )
    return tmp_path


def test_load_builds_shares_gm_and_long_series(raw: Path) -> None:
    ctx = IngestContext(raw)
    df = census2021.load(ctx)
    owner = df[df["indicator_id"] == "owner_occupied_households"].set_index("area_code")
    assert sorted(owner.index) == sorted(["E05000819", "E05000820", *GM, "E47000001"])
    assert owner.loc["E05000819", ["numerator", "denominator"]].tolist() == [300.0, 420.0]
    assert owner.loc["E05000820", ["numerator", "denominator"]].tolist() == [1500.0, 2000.0]
    assert owner.loc["E05000820", "value"] == pytest.approx(75.0)
    assert owner.loc["E05000819", "level"] == "ward_2022"
    assert owner.loc["E08000009", ["numerator", "denominator", "level"]].tolist() == [270.0, 387.0, "la"]
    assert owner.loc["E47000001", ["numerator", "denominator", "level"]].tolist() == [
        1650.0,
        2365.0,
        "combined_authority",
    ]
    social = df[(df["indicator_id"] == "social_rented_households") & (df["area_code"] == "E05000819")]
    private = df[(df["indicator_id"] == "private_rented_households") & (df["area_code"] == "E05000819")]
    assert social["numerator"].item() == 50.0 and private["numerator"].item() == 55.0
    assert set(df["period"]) == {"2021", "1981"}
    assert set(df["breakdown"]) == {"Persons"}

    density = df[df["indicator_id"] == "population_density"].set_index(["area_code", "period"])["value"]
    assert density[("E08000003", "2021")] == 360.0  # the 2021 file, not the 1981-2021 repeat
    assert density[("E08000003", "1981")] == pytest.approx(300.0)
    # GM = residents over summed area (1000 * 385 / 550), not the mean of the districts' densities (550).
    assert density[("E47000001", "1981")] == pytest.approx(700.0)
    assert density[("E47000001", "2021")] == pytest.approx(840.0)
    old = df[df["indicator_id"] == "population_aged_65_plus_census"].set_index(["area_code", "period"])
    assert old.loc[("E47000001", "1981"), "value"] == pytest.approx(10.0, abs=0.01)
    assert sorted(old.index.get_level_values("period").unique()) == ["1981", "2021"]

    fixes = [(f["file"].rsplit("/", 1)[-1], f["row"], f["reason"]) for f in ctx.report.fixes]
    ward_file = "2021_household_tenure_ward_trafford.csv"
    assert (
        ward_file,
        10,
        "repeated row (area_code=E05000819, category=Owned: Owns outright) dropped",
    ) in fixes
    assert any(f[0] == ward_file and "swapped" in f[2] for f in fixes)
    assert any(
        f[0] == "2021_household_tenure_la_gm.csv" and "E0800009 read as E08000009" in f[2] for f in fixes
    )
    assert any("2021 density (10 rows, rounded)" in f[2] for f in fixes)
    rejections = {
        (r["file"].rsplit("/", 1)[-1], r["row"], r["reason"])
        for r in ctx.report.rejections
        if "raw file missing" not in r["reason"]
    }
    assert rejections == {
        (ward_file, 27, "not a Trafford ward code: E05099999"),
        (
            ward_file,
            19,
            "E05000821 has 7 of 8 categories with a number; left out of this topic (its total "
            "would be wrong)",
        ),
        ("1981-2021_population_density_la_gm.csv", 22, "value is not a number: 'oops'"),
    }


@pytest.mark.integration
def test_real_census_files() -> None:
    raw = raw_dir()
    if not (raw / DIR).exists():
        pytest.skip("raw data folder not available")
    df = census2021.load(IngestContext(raw))
    shared = [
        "social_rented_households",
        "owner_occupied_households",
        "private_rented_households",
        "no_car_households",
        "no_qualifications",
        "level4_qualifications",
        "flat_households",
        "non_white_ethnic_groups",
        "bad_health",
        "unpaid_carers",
        "one_person_households",
        "economically_inactive",
        "unemployment_census",
        "disability",
    ]
    counts = df[df["period"] == "2021"].groupby(["indicator_id", "level"]).size()
    for ind in shared:
        assert counts[(ind, "ward_2022")] == 21
        assert counts[(ind, "lsoa_2021")] == 139
        assert counts[(ind, "msoa_2021")] == 28
        assert counts[(ind, "la")] == 10
        assert counts[(ind, "combined_authority")] == 1
    rows = df.set_index(["indicator_id", "area_code", "period", "breakdown"])
    # Altrincham tenure, checked by hand: (1705 + 1988) owned of 5607 households.
    alt = rows.loc[("owner_occupied_households", "E05000819", "2021", "Persons")]
    assert (alt["numerator"], alt["denominator"]) == (3693.0, 5607.0)
    # Trafford bad or very bad health: 8406 + 2522 of 235052 residents.
    assert rows.loc[("bad_health", "E08000009", "2021", "Persons"), "value"] == pytest.approx(
        4.6492, abs=1e-4
    )
    density = df[
        (df["indicator_id"] == "population_density") & (df["level"].isin(["la", "combined_authority"]))
    ]
    assert sorted(density["period"].unique()) == ["1981", "1991", "2001", "2011", "2021"]
    assert rows.loc[("population_density", "E08000009", "1981", "Persons"), "value"] == pytest.approx(
        2084.05, abs=0.01
    )
