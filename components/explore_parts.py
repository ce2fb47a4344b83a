"""Explore's smaller pieces: slider marks, table columns and rows, the metadata panel and the CSV text."""

from __future__ import annotations

from datetime import date

import pandas as pd
from dash import html

from components.csv_out import csv_text
from components.format import format_interval, format_value
from components.judgement import LABELS, judgement_badge
from data.schema import LEVELS

HOW_JUDGED = {
    "wilson": "Each area's 95% confidence interval (Wilson score method, from its numerator and denominator) is "
              "compared with the benchmark's value: if the interval includes it the area is similar; otherwise it is "
              "significantly better or worse (higher or lower where no judgement is made).",
    "byars": "Each area's 95% confidence interval (exact Poisson below 10 events, Byar's method from 10) is compared "
             "with the benchmark's value: if the interval includes it the area is similar; otherwise it is "
             "significantly better or worse.",
    "source": "Each area's 95% confidence interval, as published by the source, is compared with the benchmark's "
              "value: if the interval includes it the area is similar; otherwise it is significantly better or worse.",
    "none": "No confidence intervals exist for this indicator, so areas are not judged better or worse than the "
            "benchmark; the map can colour them by value instead.",
}


def period_marks(periods: list[str]) -> dict:
    """Slider marks: every period when few, otherwise evenly spread (about eight short labels or four long ones
    such as "Jan 2015", so they never overlap), always the last and never one crowding it."""
    if not periods:
        return {}
    most = 8 if max(len(p) for p in periods) <= 6 else 4
    step = max(1, -(-len(periods) // most))
    last = len(periods) - 1
    keep = {i for i in range(0, len(periods), step) if i == last or last - i >= max(step, 2) or step == 1} | {last}
    return {i: {"label": p, "style": {"fontSize": "0.75rem"}} for i, p in enumerate(periods) if i in keep}


def table_columns() -> list[dict]:
    """The table's columns."""
    names = [("area_name", "Area"), ("area_code", "Code"), ("value", "Value"), ("interval", "95% interval"),
             ("numerator", "Numerator"), ("denominator", "Denominator"), ("judgement", "Compared with benchmark"),
             ("rank", "Rank")]
    numeric = {"value", "numerator", "denominator", "rank"}
    return [{"name": n, "id": i, "type": "numeric" if i in numeric else "text"} for i, n in names]


def _flag(x) -> bool:
    """A flag cell as a bool: missing (an area with no row at all) is False."""
    return not pd.isna(x) and bool(x)


def table_records(rows: pd.DataFrame, meta: dict) -> list[dict]:
    """Table rows: suppressed and missing values shown as such, never as zero."""
    out = []
    for r in rows.itertuples():
        missing = pd.isna(r.value)
        out.append({
            "area_name": r.area_name, "area_code": r.area_code,
            "value": None if missing else round(float(r.value), 3),
            "interval": ("suppressed" if _flag(getattr(r, "suppressed", False)) else "no data") if missing
            else format_interval(r.lower_ci, r.upper_ci, meta["unit"], meta["value_type"])
            + (" (estimated)" if isinstance(getattr(r, "derivation", None), str) else ""),
            "numerator": None if pd.isna(r.numerator) else float(r.numerator),
            "denominator": None if pd.isna(r.denominator) else float(r.denominator),
            "judgement": LABELS.get(r.judgement, ""), "rank": None if pd.isna(r.rank) else int(r.rank),
        })
    return out


def metadata_panel(meta: dict, state, bench: float | None, bench_name: str) -> html.Div:
    """Definition, source, licence, date and how the judgement was made."""
    link = html.A("source page", href=meta["source_url"]) if meta.get("source_url") else None
    return html.Div([
        html.H2(meta["name"]),
        html.P(meta["definition"]),
        html.Dl([
            html.Dt("Unit"), html.Dd(f"{meta['unit']} ({meta['value_type']})"),
            html.Dt("Polarity"), html.Dd({"high_is_good": "Higher is better", "low_is_good": "Lower is better"}
                                         .get(meta["polarity"], "No judgement of better or worse")),
            html.Dt("Source"), html.Dd([meta["publisher"], " ", link] if link else meta["publisher"]),
            html.Dt("Licence"), html.Dd(meta["licence"]),
            html.Dt("Period shown"), html.Dd(f"{state.period} (latest available: {meta['latest_period']})"),
            html.Dt(f"Benchmark: {bench_name}"), html.Dd(format_value(bench, meta["unit"], meta["value_type"])
                                                         if bench is not None else "no value for this period"),
        ], className="small"),
        html.H3("How this was judged", className="h6"),
        html.P(HOW_JUDGED.get(meta["ci_method"], HOW_JUDGED["none"]), className="small"),
        html.P(["Legend: ", *[judgement_badge(j) for j in ("better", "similar", "worse", "not_compared")]],
               className="small d-flex flex-wrap gap-1 align-items-center"),
        _series_notes(meta.get("notes") or ""),
    ])


def _series_notes(notes: str):
    """The source's notes: short ones shown, long ones (how a series was stitched together) folded away, so the
    panel leads with what the figure means rather than a wall of method."""
    if len(notes) <= 240:
        return html.P(notes, className="small obs-meta")
    return html.Details([html.Summary("How this series was put together", className="small"),
                         html.P(notes, className="small obs-meta mt-1")], className="mb-2")


def download_rows(rows: pd.DataFrame, meta: dict, state, bench: float | None, bench_name: str) -> str:
    """CSV of the view, headed by lines naming the indicator, source, licence, period and date made."""
    head = [f"{meta['name']} ({meta['unit']}), {LEVELS[state.level]}, {state.period}, {state.breakdown}",
            f"Source: {meta['publisher']}. Licence: {meta['licence']}.",
            f"Benchmark: {bench_name} = {'' if bench is None else bench}. Made {date.today().isoformat()} "
            "by the Trafford Data Observatory."]
    cols = ["area_code", "area_name", "value", "lower_ci", "upper_ci", "numerator", "denominator", "suppressed",
            "judgement", "rank", "estimated", "derivation"]
    if "derivation" in rows and rows["derivation"].notna().any():
        head.append("Rows with a derivation are estimates made by the observatory, not published figures: "
                    + "; ".join(sorted(rows["derivation"].dropna().unique())))
    return csv_text(rows.reindex(columns=cols), head)
