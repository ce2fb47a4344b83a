"""Ward indicator history (Trafford Data Lab ward profiles, all published versions) as ward time series.

The cleaning (code vintages, period spellings, measures, de-duplication) lives in `_ward_history`; this
module emits the indicators it owns there and reports the history indicators left out on purpose or unknown.
The deprivation, house prices and road casualties modules emit the history's IoD, house price and KSI rows.
Census 2021 shares on May-2023 wards get the counts the file publishes beside them (`_census_bestfit`).
"""

from __future__ import annotations

import pandas as pd

from data.ingest.context import IngestContext
from data.ingest.sources._census_bestfit import with_bestfit_counts
from data.ingest.sources._ward_history import HISTORY, READ_BY, SPECS, history_rows, read_history, skip_reason

CATALOG = "ward_history"
OWNER = "ward_history"


def _report_left_out(ctx: IngestContext, raw: pd.DataFrame) -> None:
    """One rejection line per history indicator that no module takes, with the reason."""
    for indicator, group in raw[~raw["indicator"].isin(SPECS)].groupby("indicator"):
        rows, periods = group["_row"], sorted(group["period"].unique())
        if indicator in READ_BY:  # read by that module from this file: kept or reported there
            ctx.report.fix(HISTORY, int(rows.min()), f"indicator {indicator!r} ({len(rows)} rows) is read by the "
                           f"{READ_BY[indicator]} module, which keeps or reports each row")
            continue
        why = skip_reason(indicator) or "not mapped to a store indicator (new in the source?)"
        ctx.report.reject(HISTORY, int(rows.min()), f"indicator {indicator!r} left out ({len(rows)} rows, "
                          f"periods {', '.join(periods)}): {why}")


def load(ctx: IngestContext) -> pd.DataFrame:
    """Ward rows of the history indicators this module owns."""
    raw = read_history(ctx)
    _report_left_out(ctx, raw)
    return with_bestfit_counts(ctx, raw, history_rows(ctx, OWNER, raw))
