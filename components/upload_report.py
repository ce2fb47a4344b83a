"""The validation report on the page: the outcome, counts per rule, and the first issues with suggestions."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

SEVERITY = {"error": ("✖ Error", "upload-sev upload-sev-error"), "warning": ("⚠ Warning", "upload-sev upload-sev-warning")}


def severity_badge(severity: str) -> html.Span:
    """A symbol and word, so the colour is never the only cue."""
    text, cls = SEVERITY.get(severity, (severity, "upload-sev"))
    return html.Span(text, className=cls)


def rule_table(counts: pd.DataFrame) -> dbc.Table:
    """Issues grouped by rule: what, how bad, how many, first row."""
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Problem", "Severity", "Rows", "First row")]))
    body = html.Tbody([html.Tr([html.Td(r["title"]), html.Td(severity_badge(r["severity"])),
                                html.Td(f"{int(r['count']):,}"), html.Td(str(int(r["first_row"])))])
                       for r in counts.to_dict("records")])
    return dbc.Table([html.Caption("Problems by kind"), head, body], size="sm", bordered=False, striped=True,
                     responsive=True, className="upload-rules caption-top")


def issue_table(issues: pd.DataFrame, limit: int) -> html.Div:
    """The first `limit` issues: row, column, value, severity, message and suggestion."""
    shown = issues.head(limit)
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Row", "Column", "Value", "Severity", "Problem",
                                                                   "Suggestion")]))
    body = html.Tbody([html.Tr([html.Td(str(r["row"])), html.Td(r["column"]), html.Td(html.Code(r["value"])
                                if r["value"] else "—"), html.Td(severity_badge(r["severity"])),
                                html.Td(r["message"]), html.Td(r["suggestion"], className="upload-suggestion")])
                       for r in shown.to_dict("records")])
    more = (f"Showing the first {limit:,} of {len(issues):,} issues; the report download has them all."
            if len(issues) > limit else f"All {len(issues):,} issue{'s' * (len(issues) != 1)}.")
    return html.Div([
        dbc.Table([html.Caption(more), head, body], size="sm", striped=True, responsive=True,
                  className="upload-issues caption-top"),
    ])


def report_view(summary: str, ok: bool, description: str, notes: list[str], counts: pd.DataFrame,
                issues: pd.DataFrame, download_button, limit: int = 50) -> html.Div:
    """The whole report: outcome (word and symbol), what was read, counts per rule, the issues, the download."""
    outcome = dbc.Alert([html.Strong("✔ Passed. " if ok else "✖ Not yet. "), summary],
                        color="success" if ok else "danger", className="mb-2")
    parts = [outcome, html.P(description, className="mb-1")]
    parts += [html.P(n, className="small mb-1") for n in notes]
    if not issues.empty:
        parts += [rule_table(counts), issue_table(issues, limit)]
    parts.append(download_button)
    return html.Div(parts, role="status", **{"aria-live": "polite"})


def upload_failed(message: str) -> dbc.Alert:
    """A file that could not be read at all."""
    return html.Div(dbc.Alert([html.Strong("✖ The file could not be read. "), message], color="danger"),
                    role="status")
