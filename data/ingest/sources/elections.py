"""Trafford Council borough elections 2016-2026: ward turnout and electorate from the candidate results.

The file has one row per candidate, each repeating its ward's ballots cast and electorate; this module keeps
one row per ward and election. Wards are routed to their vintage by code range (pre-2023 wards up to 2022,
May-2023 wards from 2023). By-elections and Westminster contests are left out and reported.
"""

from __future__ import annotations

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources._trafford_areas import ward_level
from data.schema import TRAFFORD

CATALOG = "elections"
RAW = "tdl_open_data/elections/trafford_council_election_results_2016-2026.csv"
BOROUGH = "DistrictAndBorough"
TURNOUT, ELECTORATE = "election_turnout", "electorate"
WARD_FIGURES = ["VotesCast", "EligibleElectorate", "PercentageTurnout"]
# The published turnout is rounded to 0.1, so a difference above this is an inconsistency, not rounding.
ROUNDING = 0.051
# Beyond this the ballots-cast cell is taken to be wrong and the published turnout is kept instead.
TYPO = 1.0
OUT_COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "level",
    "period",
    "breakdown",
    "value",
    "numerator",
    "denominator",
    "estimated",
    "source_path",
    "source_row",
]


def _contests(ctx: IngestContext, df: pd.DataFrame) -> pd.DataFrame:
    """Borough-election rows on Trafford wards; by-elections, Westminster and unknown areas reported."""
    df = df.assign(
        area_code=ctx.code(df["ElectoralAreaURI"].str.extract(r"([A-Z]\d{8})/?$")[0], RAW),
        period=df["ElectionDate"].str.extract(r"^(\d{4})-\d{2}-\d{2}$")[0],
    )
    df = df.assign(level=df["area_code"].map(ward_level))
    keep = (df["TypeofElection"] == BOROUGH) & df["level"].notna() & df["period"].notna()
    for (date, kind, code, label), rows in df[~keep].groupby(
        ["ElectionDate", "TypeofElection", "area_code", "ElectoralAreaLabel"], dropna=False
    ):
        if kind != BOROUGH:
            why = f"{kind} is not a borough election"
        elif pd.isna(code) or not isinstance(code, str) or ward_level(code) is None:
            why = f"area {code} is not a Trafford ward"
        else:
            why = f"election date {date!r} not understood"
        ctx.report.reject(
            RAW, int(rows["_row"].min()), f"{label} {date} ({len(rows)} candidate rows) left out: {why}"
        )
    return df[keep]


def _one_per_ward(ctx: IngestContext, df: pd.DataFrame) -> pd.DataFrame:
    """One row per ward and election: the ward figures every candidate repeats, inconsistencies reported."""
    for col in WARD_FIGURES:
        df[col] = ctx.numbers_checked(df, col, RAW)
    out = []
    for (period, _code), rows in df.groupby(["period", "area_code"], sort=True):
        first = rows.iloc[0]
        for col in WARD_FIGURES:
            values = rows[col].dropna().unique()
            if len(values) > 1:
                kept = rows[col].mode().iloc[0]
                ctx.report.fix(
                    RAW,
                    int(first["_row"]),
                    f"{first['ElectoralAreaLabel']} {period}: candidates "
                    f"disagree on {col} ({', '.join(f'{v:g}' for v in sorted(values))}); "
                    f"kept {kept:g}",
                )
                first[col] = kept
        out.append(first)
    return pd.DataFrame(out)


def _turnout(ctx: IngestContext, wards: pd.DataFrame) -> pd.DataFrame:
    """Turnout as ballots cast over electorate, checked against the published percentage."""
    ballots, electorate, published = (
        wards["VotesCast"],
        wards["EligibleElectorate"],
        wards["PercentageTurnout"],
    )
    computed = 100 * ballots / electorate
    gap = (computed - published).abs()
    typo = gap > TYPO
    for _, w in wards[(gap > ROUNDING) & ~typo].iterrows():
        ctx.report.fix(
            RAW,
            int(w["_row"]),
            f"{w['ElectoralAreaLabel']} {w['period']}: published turnout "
            f"{w['PercentageTurnout']:g}% vs ballots/electorate "
            f"{100 * w['VotesCast'] / w['EligibleElectorate']:.2f}%; kept the latter",
        )
    for _, w in wards[typo].iterrows():
        ctx.report.fix(
            RAW,
            int(w["_row"]),
            f"{w['ElectoralAreaLabel']} {w['period']}: ballots cast "
            f"{w['VotesCast']:g} give {100 * w['VotesCast'] / w['EligibleElectorate']:.1f}% "
            f"but published turnout is {w['PercentageTurnout']:g}%; kept the "
            "published turnout, ballots estimated from it",
        )
    ballots = ballots.mask(typo, (published * electorate / 100).round())
    value = (100 * ballots / electorate).mask(typo, published)
    missing = ballots.isna() | electorate.isna() | (electorate <= 0)
    for _, w in wards[missing].iterrows():
        ctx.report.reject(
            RAW, int(w["_row"]), f"{w['ElectoralAreaLabel']} {w['period']}: no ballots or electorate"
        )
    base = _base(wards)
    return base.assign(
        indicator_id=TURNOUT, value=value, numerator=ballots, denominator=electorate, estimated=typo
    )[~missing]


def _base(wards: pd.DataFrame) -> pd.DataFrame:
    """The area and period columns of the ward rows."""
    return pd.DataFrame(
        {
            "area_code": wards["area_code"],
            "area_name": wards["ElectoralAreaLabel"],
            "level": wards["level"],
            "period": wards["period"],
            "breakdown": "Persons",
            "source_path": RAW,
            "source_row": wards["_row"],
        }
    )


def _borough(ctx: IngestContext, turnout: pd.DataFrame) -> pd.DataFrame:
    """Trafford-wide turnout per election, where every ward of that vintage has a figure (derived)."""
    rows = []
    for period, t in turnout.groupby("period"):
        if t["area_code"].nunique() < 21:
            ctx.report.reject(
                RAW, None, f"{period}: only {t['area_code'].nunique()} wards; no borough turnout"
            )
            continue
        rows.append(
            {
                "indicator_id": TURNOUT,
                "area_code": TRAFFORD,
                "area_name": "Trafford",
                "level": "la",
                "period": period,
                "breakdown": "Persons",
                "numerator": t["numerator"].sum(),
                "denominator": t["denominator"].sum(),
                "estimated": bool(t["estimated"].any()),
                "source_path": RAW,
            }
        )
    out = pd.DataFrame(rows)
    if len(out):
        out["value"] = 100 * out["numerator"] / out["denominator"]
    return out


def load(ctx: IngestContext) -> pd.DataFrame:
    """Ward turnout and electorate for each borough election, and Trafford-wide turnout."""
    wards = _one_per_ward(ctx, _contests(ctx, ctx.read_csv(RAW)))
    turnout = _turnout(ctx, wards)
    electorate = _base(wards).assign(indicator_id=ELECTORATE, value=wards["EligibleElectorate"])
    electorate = electorate[electorate["value"].notna()]
    df = pd.concat([turnout, _borough(ctx, turnout), electorate], ignore_index=True).reindex(
        columns=OUT_COLUMNS
    )
    df["estimated"] = df["estimated"].fillna(False).astype(bool)
    df["source_row"] = pd.to_numeric(df["source_row"], errors="coerce").astype("Int64")
    return df
