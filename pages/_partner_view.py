"""Builders for /partner: batch cards with status words, a batch's summary, chart and rows (no I/O here)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dash_table, dcc, html

from components import urls
from components.figures import empty_figure
from components.format import format_value
from data.schema import LEVELS

P = "partner"
# the word and symbol carry the meaning; the colour only repeats it
STATUS = {"draft": ("✎ Draft", "secondary"), "publishing": ("⟳ Publishing… (about 20 to 40 s)", "primary"),
          "published": ("✓ Published", "success"), "withdrawn": ("✕ Withdrawn", "dark"),
          "failed": ("⚠ Failed", "danger")}
VISIBILITY = {"private": "Private to {org}", "partners": "Shared with signed-in partners", "public": "Public"}


def status_badge(status: str) -> dbc.Badge:
    """The batch's status as a word with a symbol."""
    text, colour = STATUS.get(status, (status, "secondary"))
    return dbc.Badge(text, color=colour, className="partner-status", text_color="white" if colour != "light" else None)


def visibility_text(batch) -> str:
    """Who may see the batch, in words."""
    text = VISIBILITY.get(batch.visibility, batch.visibility).format(org=batch.organisation)
    if batch.visibility == "public" and batch.embargo:
        text += f" from {batch.embargo} (embargo)"
    if batch.visibility == "public":
        text += "; in the public data now" if batch.in_public_store else "; not in the public data yet"
    return text


def _fact(label: str, value) -> list:
    return [html.Dt(label, className="col-sm-4 col-lg-3"), html.Dd(value, className="col-sm-8 col-lg-9 mb-1")]


def batch_card(batch, manageable: bool, selected: bool) -> html.Li:
    """One batch: file, indicator, who and when, visibility, hash, status and message, then its actions."""
    actions = [dcc.Link("View rows" + (" (shown below)" if selected else ""), href=urls.partner_url(batch.batch_id),
                        className="btn btn-outline-primary btn-sm"),
               html.A("Original file", href=urls.batch_file_url(batch.batch_id, "original"),
                      className="btn btn-outline-secondary btn-sm")]
    if manageable and batch.status in ("draft", "failed"):
        actions.append(dbc.Button("Publish", id={"type": f"{P}-publish", "batch": batch.batch_id}, size="sm",
                                  color="primary"))
    if manageable and batch.status not in ("withdrawn", "publishing"):
        actions.append(dcc.ConfirmDialogProvider(
            dbc.Button("Withdraw", size="sm", color="danger", outline=True),
            id={"type": f"{P}-withdraw", "batch": batch.batch_id},
            message=f"Withdraw {batch.filename}? Its rows leave every view (the public data are rebuilt if they "
                    "hold them). The record and the original file are kept."))
    facts = [
        *_fact("Indicator", ", ".join(batch.indicator_ids) + (" (new indicator)" if batch.new_indicator else "")),
        *_fact("Organisation", batch.organisation),
        *_fact("Uploaded", f"{batch.uploaded_at.replace('T', ' ').replace('+00:00', ' UTC')} by {batch.uploaded_by}"),
        *_fact("Visibility", visibility_text(batch)),
        *_fact("Rows", f"{batch.rows:,}; counts under {batch.suppress_below} suppressed in public"),
        *_fact("File SHA-256", html.Code(batch.sha256, className="partner-hash text-body text-break")),
    ]
    if batch.published_at:
        facts += _fact("Published", f"{batch.published_at.replace('T', ' ').replace('+00:00', ' UTC')} by "
                                    f"{batch.published_by}")
    if batch.withdrawn_at:
        facts += _fact("Withdrawn", f"{batch.withdrawn_at.replace('T', ' ').replace('+00:00', ' UTC')} by "
                                    f"{batch.withdrawn_by}")
    return html.Li(dbc.Card(dbc.CardBody([
        html.Div([html.H3(batch.filename, className="h6 mb-0 me-2 text-break"), status_badge(batch.status)],
                 className="d-flex flex-wrap align-items-center gap-2 mb-2"),
        html.P(batch.message, className="small mb-2") if batch.message else None,
        html.Dl(facts, className="row small mb-2"),
        html.Div(actions, className="d-flex flex-wrap gap-2"),
    ]), className="mb-2" + (" border-primary" if selected else "")), className="list-unstyled")


def batch_list(batches: list, manageable: set[str], selected: str | None) -> html.Div:
    """Every batch the user may see, newest first, or a clear empty state."""
    if not batches:
        return dbc.Alert(["No batches yet. ", html.A("Upload a file", href=urls.upload_url()),
                          " to share data; drafts, published and withdrawn batches are listed here."], color="light")
    return html.Ul([batch_card(b, b.batch_id in manageable, b.batch_id == selected) for b in batches],
                   className="ps-0", **{"aria-label": "Batches"})


def public_view(rows: pd.DataFrame, suppressed: pd.Series, threshold: int) -> list[str]:
    """What the public would see of each row, in words."""
    return [f"Suppressed (count under {threshold})" if s else "Shown" for s in suppressed]


def rows_figure(rows: pd.DataFrame, suppressed: pd.Series, indicator: str, level: str, period: str,
                unit: str = "", value_type: str = "other") -> go.Figure:
    """One indicator, level and period of the batch as a ranked bar chart; suppressed areas named, not drawn."""
    pick = (rows["indicator_id"] == indicator) & (rows["level"] == level) & (rows["period"] == period)
    data = rows.loc[pick & ~suppressed].dropna(subset=["value"]).sort_values("value", ascending=False)
    hidden = int((pick & suppressed).sum())
    title = f"{indicator}, {LEVELS.get(level, level)}, {period}"
    if data.empty:
        return empty_figure("No values to draw for this indicator, level and period.")
    names = data["area_name"].fillna(data["area_code"])
    fig = go.Figure(go.Bar(x=names, y=data["value"], marker={"color": "#1d4f91"}, name=indicator,
                           hovertext=[f"<b>{n}</b><br>{format_value(v, unit, value_type)}"
                                      for n, v in zip(names, data["value"], strict=True)], hoverinfo="text"))
    note = f" · {hidden} area(s) suppressed in public (small counts)" if hidden else ""
    fig.update_layout(title={"text": title + note, "x": 0, "font": {"size": 14}}, height=360,
                      margin={"l": 60, "r": 20, "t": 50, "b": 40}, plot_bgcolor="#fff", paper_bgcolor="#fff")
    fig.update_xaxes(tickangle=-60, showticklabels=len(data) <= 40)
    fig.update_yaxes(title_text=unit, gridcolor="#e5e7ea")
    return fig


TABLE_COLUMNS = [("indicator_id", "Indicator"), ("area_code", "Area code"), ("area_name", "Area"), ("level", "Level"),
                 ("period", "Period"), ("breakdown", "Breakdown"), ("value", "Value"), ("lower_ci", "Lower 95%"),
                 ("upper_ci", "Upper 95%"), ("numerator", "Numerator"), ("denominator", "Denominator"),
                 ("public", "In public")]


def rows_table(rows: pd.DataFrame, public: list[str], table_id: str) -> dash_table.DataTable:
    """The batch's rows as uploaded, with what the public sees of each; paged, sortable, filterable."""
    numeric = ["value", "lower_ci", "upper_ci", "numerator", "denominator"]
    records = rows.assign(public=public).round({c: 4 for c in numeric}).to_dict("records")  # no float noise
    return dash_table.DataTable(
        id=table_id, data=records, page_size=20, sort_action="native",
        columns=[{"name": label, "id": col, "type": "numeric" if col in numeric else "text"}
                 for col, label in TABLE_COLUMNS],
        style_table={"overflowX": "auto"}, style_cell={"fontSize": ".85rem", "padding": "4px 8px", "textAlign": "left"},
        style_header={"fontWeight": "600"},
        style_cell_conditional=[{"if": {"column_id": c}, "textAlign": "right"} for c in numeric],
        style_data_conditional=[{"if": {"filter_query": '{public} contains "Suppressed"'},
                                 "backgroundColor": "#fff4e5"}],
    )
