"""Air-quality readings at Trafford's automatic monitoring stations, as borough rows (groups I, J, K).

The files give annual mean NO2 / PM10 per station, not per area. Each station becomes a breakdown of
Trafford (E08000009), labelled by its name and code; the borough value ("Persons") is the plain mean of
the stations, written only for periods in which every station of the file's network has a reading, so that
a station going offline does not shift the mean.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from data.ingest.sources._la_series import Tables, concat, periods, report_rows, round_sig
from data.schema import TRAFFORD

# Station codes (Air Quality England / Defra) and names; the 2019/20 dashboard calls Moss Park "Trafford".
STATIONS = {"TRAF": "Trafford Moss Park", "TRF2": "Trafford A56", "TRF3": "Trafford Wellacre Academy"}


def station_label(code: str) -> str:
    """The breakdown label of a station, e.g. 'Trafford A56 (TRF2)'."""
    return f"{STATIONS[code]} ({code})"


def station_rows(tables: Tables, indicator_id: str, rel: str, spell: Callable[[str], str],
                 network: tuple[str, ...], code_col: str = "station_code") -> pd.DataFrame:
    """Per-station rows of one file as breakdowns of Trafford, plus the network mean where complete."""
    ctx = tables.ctx
    df = tables.get(rel)
    codes = df[code_col].str.upper()
    unknown = ~codes.isin(network)
    if unknown.any():
        report_rows(ctx, rel, df.loc[unknown, "_row"], f"{indicator_id}: station outside the network {network}")
    df, codes = df[~unknown], codes[~unknown]
    rows = pd.DataFrame({
        "indicator_id": indicator_id,
        "area_code": TRAFFORD,
        "area_name": "Trafford",
        "level": "la",
        "period": periods(ctx, df, rel, spell),
        "breakdown": codes.map(station_label),
        "value": round_sig(ctx.numbers_checked(df, "value", rel)),
        "source_path": rel,
        "source_row": df["_row"].astype(int),
        "_station": codes,
    })
    rows = rows[rows["period"].notna()]
    return concat([rows.drop(columns="_station"), _means(ctx, rows, rel, network)])


def _means(ctx, rows: pd.DataFrame, rel: str, network: tuple[str, ...]) -> pd.DataFrame:
    """The mean over the network for each period in which every station has a value."""
    out = []
    for period, g in rows.groupby("period", sort=False):
        have = set(g.loc[g["value"].notna(), "_station"])
        missing = [s for s in network if s not in have]
        if missing:
            ctx.report.fix(rel, None, f"{g['indicator_id'].iat[0]} {period}: no borough mean, no reading at "
                           + ", ".join(missing))
            continue
        out.append({**g.iloc[0][["indicator_id", "area_code", "area_name", "level", "source_path"]].to_dict(),
                    "period": period, "breakdown": "Persons",
                    "value": round(float(g.loc[g["_station"].isin(network), "value"].mean()), 2)})
    return pd.DataFrame(out)
