"""Elections source module: one turnout row per ward and borough election, by-elections left out."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from config import raw_dir
from data.ingest.context import IngestContext
from data.ingest.sources import elections

URI = "http://statistics.data.gov.uk/id/statistical-geography/"
HEADER = [
    "PublicationDate",
    "ElectionDate",
    "TypeofElection",
    "ElectoralAreaURI",
    "ElectoralAreaLabel",
    "CandidateSurname",
    "VotesWon",
    "Elected",
    "VotesCast",
    "EligibleElectorate",
    "PercentageTurnout",
]


def _candidate(date: str, kind: str, code: str, label: str, name: str, cast, electorate, turnout) -> list:
    return ["2024-05-10", date, kind, URI + code, label, name, 10, "NOT ELECTED", cast, electorate, turnout]


@pytest.fixture()
def raw(tmp_path: Path) -> Path:
    """A results file: a full 21-ward 2019 election, repeats, a typo, a by-election and Westminster."""
    rows = []
    for i in range(21):  # 2019: ward i has 100*(i+1) ballots of 1000*(i+1) electors
        code = f"E05000{819 + i}"
        for who in ("A", "B"):
            rows.append(
                _candidate(
                    "2019-05-02",
                    "DistrictAndBorough",
                    code,
                    f"Ward {i}",
                    who,
                    100 * (i + 1),
                    1000 * (i + 1),
                    10.0,
                )
            )
    rows += [
        _candidate("2021-05-06", "DistrictAndBorough", "E05000830", "Hale Barns", "A", 5300, 7503, 43.5),
        _candidate("2021-05-06", "DistrictAndBorough", "E05000830", "Hale Barns", "B", 5300, 7503, 43.5),
        _candidate(
            "2021-05-06", "DistrictAndBorough", "E05000820", "Ashton upon Mersey", "A", 3000, 7500, 40.0
        ),
        _candidate(
            "2021-05-06", "DistrictAndBorough", "E05000820", "Ashton upon Mersey", "B", 3000, 7500, 40.0
        ),
        _candidate(
            "2021-05-06", "DistrictAndBorough", "E05000820", "Ashton upon Mersey", "C", 3100, 7500, 40.0
        ),
        _candidate("2023-05-04", "DistrictAndBorough", "E05015259", "Urmston", "A", 3300, 8507, 38.9),
        _candidate(
            "2017-05-04", "DistrictAndBoroughByElection", "E05000822", "Broadheath", "A", "", "", 48.4
        ),
        _candidate(
            "2017-06-08", "Parliamentary", "E14000532", "Altrincham and Sale West", "A", 50000, 70000, 71.4
        ),
        _candidate("2022-05-05", "DistrictAndBorough", "E05099999", "Elsewhere", "A", 1, 2, 50.0),
    ]
    path = tmp_path / elections.RAW
    path.parent.mkdir(parents=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return tmp_path


def test_load_one_row_per_ward_and_election(raw: Path) -> None:
    ctx = IngestContext(raw)
    df = elections.load(ctx)
    turnout = df[df["indicator_id"] == "election_turnout"].set_index(["area_code", "period"])
    assert len(turnout) == 21 + 2 + 1 + 1  # 2019 wards, 2021 wards, 2023 ward, Trafford 2019
    assert turnout.loc[("E05000819", "2019"), ["level", "numerator", "denominator", "value"]].tolist() == [
        "ward_2022",
        100.0,
        1000.0,
        10.0,
    ]
    assert turnout.loc[("E08000009", "2019"), ["level", "numerator", "denominator"]].tolist() == [
        "la",
        23100.0,
        231000.0,
    ]
    hale = turnout.loc[("E05000830", "2021")]
    assert (hale["value"], hale["numerator"], bool(hale["estimated"])) == (43.5, 3264.0, True)
    assert turnout.loc[("E05000820", "2021"), "numerator"] == 3000.0  # the value most candidates give
    urmston = turnout.loc[("E05015259", "2023")]
    assert urmston["level"] == "ward_2023" and urmston["value"] == pytest.approx(100 * 3300 / 8507)
    electorate = df[df["indicator_id"] == "electorate"]
    assert len(electorate) == 24 and electorate["value"].sum() == 231000 + 7503 + 7500 + 8507
    assert set(df["period"]) == {"2019", "2021", "2023"}

    fixes = {(f["row"], f["reason"]) for f in ctx.report.fixes}
    assert fixes == {
        (46, "Ashton upon Mersey 2021: candidates disagree on VotesCast (3000, 3100); kept 3000"),
        (
            44,
            "Hale Barns 2021: ballots cast 5300 give 70.6% but published turnout is 43.5%; kept the published "
            "turnout, ballots estimated from it",
        ),
        (49, "Urmston 2023: published turnout 38.9% vs ballots/electorate 38.79%; kept the latter"),
    }
    rejections = {(r["row"], r["reason"]) for r in ctx.report.rejections}
    assert rejections == {
        (
            50,
            "Broadheath 2017-05-04 (1 candidate rows) left out: DistrictAndBoroughByElection is not a borough "
            "election",
        ),
        (
            51,
            "Altrincham and Sale West 2017-06-08 (1 candidate rows) left out: Parliamentary is not a borough "
            "election",
        ),
        (52, "Elsewhere 2022-05-05 (1 candidate rows) left out: area E05099999 is not a Trafford ward"),
        (None, "2021: only 2 wards; no borough turnout"),
        (None, "2023: only 1 wards; no borough turnout"),
    }


@pytest.mark.integration
def test_real_results_file() -> None:
    raw = raw_dir()
    if not (raw / elections.RAW).exists():
        pytest.skip("raw data folder not available")
    df = elections.load(IngestContext(raw))
    turnout = df[df["indicator_id"] == "election_turnout"]
    wards = turnout[turnout["level"] != "la"].groupby(["period", "level"]).size().to_dict()
    assert wards == {
        ("2016", "ward_2022"): 21,
        ("2018", "ward_2022"): 21,
        ("2019", "ward_2022"): 21,
        ("2021", "ward_2022"): 21,
        ("2022", "ward_2022"): 21,
        ("2023", "ward_2023"): 21,
        ("2024", "ward_2023"): 21,
        ("2026", "ward_2023"): 21,
    }
    rows = turnout.set_index(["area_code", "period"])
    # Altrincham 2016, checked by hand: 3288 ballots of 8472 electors (published 38.8%).
    assert rows.loc[("E05000819", "2016"), "value"] == pytest.approx(38.81, abs=0.01)
    assert rows.loc[("E05000830", "2021"), "value"] == 43.5
    assert len(rows.xs("E08000009", level="area_code")) == 8
