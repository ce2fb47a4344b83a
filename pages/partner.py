"""/partner: a signed-in user's batches (status, hash, who and when; publish and withdraw) and a batch's rows."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, callback, ctx, dcc, html, no_update

from accounts import current_user
from accounts.models import ROLE_NAMES
from analysis.disclosure import suppress
from components import urls
from components.ids import page_id
from data.schema import LEVELS
from pages._boundary import guarded
from pages._partner_view import P, batch_list, public_view, rows_figure, rows_table
from queries import QueryError
from queries.partner import partner_batch_rows, partner_batch_summary
from sharing.batches import BatchError, get_batch, list_batches
from sharing.publish import publish_in_background, withdraw_in_background
from sharing.visibility import can_manage, can_view, visible

dash.register_page(__name__, path=urls.PARTNER, name="Partner data", nav=False, title="Partner data · Trafford Data "
                   "Observatory")

ID = {k: page_id(P, k) for k in ("list", "message", "poll", "table", "chart")}


def _signed_out() -> html.Div:
    return html.Div([
        html.H1("Partner data", className="h2"),
        dbc.Alert(["Partners sign in to upload, publish and see their organisation's data. ",
                   html.A("Sign in", href=urls.login_url(urls.PARTNER), className="alert-link"), "."], color="info"),
        html.P("Everything on the public pages and the API needs no sign-in."),
    ])


def _pending(batches: list) -> bool:
    """Whether a rebuild is under way for one of them (poll until it ends)."""
    return any(b.status == "publishing" or (b.status == "withdrawn" and b.in_public_store) for b in batches)


def _list(user, selected: str | None = None) -> tuple[html.Div, bool]:
    batches = visible(user, list_batches())
    manageable = {b.batch_id for b in batches if can_manage(user, b)}
    return batch_list(batches, manageable, selected), not _pending(batches)


def _detail(user, batch_id: str) -> html.Div:
    """A batch's summary, chart and rows, or a clear reason it cannot be shown."""
    try:
        batch = get_batch(batch_id)
    except BatchError:
        batch = None
    if batch is None or not can_view(user, batch):  # the same answer: never confirm another's batch exists
        return dbc.Alert(f"No batch {str(batch_id)[:40]!r} that you may see.", color="warning")
    try:
        rows = partner_batch_rows(batch.folder)
        summary = partner_batch_summary(batch.folder, batch.suppress_below)
    except (QueryError, OSError) as err:
        return dbc.Alert(f"The rows of this batch cannot be read: {err}", color="danger")
    shown = suppress(rows, batch.suppress_below, value_is_count=batch.value_type == "count")
    first = summary.iloc[-1] if len(summary) else None
    figure = (rows_figure(rows, shown["suppressed"], first["indicator_id"], first["level"], first["period"])
              if first is not None else None)
    summary_rows = [html.Tr([html.Td(r.indicator_id), html.Td(LEVELS.get(r.level, r.level)), html.Td(r.period),
                             html.Td(f"{r.n_rows:,}"), html.Td(f"{r.n_values:,}"), html.Td(f"{r.n_small:,}")])
                    for r in summary.itertuples()]
    return html.Section([
        html.H2(f"Rows of {batch.filename}", className="h4 mt-4", id=page_id(P, "detail")),
        html.P([f"Batch {batch.batch_id}, shared by {batch.organisation}. Source: {batch.organisation} "
                f"(uploaded file, SHA-256 {batch.sha256[:12]}…). ",
                html.A("Download these rows (CSV)", href=urls.batch_file_url(batch.batch_id, "rows.csv")),
                " — the file names its source, licence and who may see it."], className="small"),
        dbc.Alert("Values are shown as uploaded. Rows marked \"Suppressed\" have a count under "
                  f"{batch.suppress_below}: the public never sees their value, count or interval.", color="light",
                  className="small"),
        html.Div(html.Table([
            html.Caption("Rows by indicator, level and period", style={"captionSide": "top"}),
            html.Thead(html.Tr([html.Th(t, scope="col") for t in ("Indicator", "Level", "Period", "Rows",
                                                                   "With a value", "Small counts")])),
            html.Tbody(summary_rows)], className="table table-sm"), className="table-responsive"),
        dcc.Graph(id=ID["chart"], figure=figure, config={"displaylogo": False}) if figure is not None else None,
        rows_table(rows, public_view(rows, shown["suppressed"], batch.suppress_below), ID["table"]),
    ])


@guarded("Partner data")
def layout(batch: str | None = None, **_query) -> html.Div:
    """The signed-in user's batches and, with ?batch=<id>, that batch's rows; signed out: a sign-in link."""
    user = current_user()
    if user is None:
        return _signed_out()
    listing, no_poll = _list(user, batch)
    upload = (html.A("Upload a file", href=urls.upload_url(), className="btn btn-primary btn-sm")
              if user.role in ("partner", "admin") else None)
    return html.Div([
        html.H1("Partner data", className="h2"),
        html.P([f"Signed in as {user.username} ({ROLE_NAMES[user.role]}, {user.organisation}). ", upload, " ",
                html.A("Sign out", href=urls.LOGOUT, className="btn btn-outline-dark btn-sm")],
               className="d-flex flex-wrap align-items-center gap-2"),
        html.P("Private and partner-shared batches never appear on the public pages or in the API; public ones join "
               "the public data when published (from their embargo date), with small counts suppressed.",
               className="text-muted small"),
        html.H2("Batches", className="h4 mt-3"),
        html.Div(id=ID["message"], role="status", **{"aria-live": "polite"}),
        dcc.Loading(html.Div(listing, id=ID["list"]), type="dot", delay_show=300),
        dcc.Interval(id=ID["poll"], interval=2500, disabled=no_poll),
        dcc.Loading(_detail(user, batch), type="default", delay_show=300) if batch else None,
    ])


@callback(Output(ID["message"], "children"), Output(ID["list"], "children", allow_duplicate=True),
          Output(ID["poll"], "disabled", allow_duplicate=True),
          Input({"type": f"{P}-publish", "batch": ALL}, "n_clicks"),
          Input({"type": f"{P}-withdraw", "batch": ALL}, "submit_n_clicks"),
          prevent_initial_call=True)
def act(_publish, _withdraw):
    """Publish or withdraw the clicked batch, re-checking the user's right to on the server."""
    trigger = ctx.triggered_id
    if not trigger or not ctx.triggered or not ctx.triggered[0]["value"]:
        return no_update, no_update, no_update  # a button that just appeared, not a click
    user = current_user()
    if user is None:
        return dbc.Alert("Your session has ended: sign in again.", color="warning"), no_update, no_update
    doing = publish_in_background if trigger["type"].endswith("publish") else withdraw_in_background
    result = doing(trigger["batch"], user)
    listing, no_poll = _list(user)
    colour = "danger" if not result.ok else "info" if result.status == "publishing" else "success"
    return dbc.Alert(result.message, color=colour, className="small"), listing, no_poll


@callback(Output(ID["list"], "children"), Output(ID["poll"], "disabled"), Input(ID["poll"], "n_intervals"),
          prevent_initial_call=True)
def poll(_n):
    """While a rebuild runs, refresh the list until its batch's status settles."""
    user = current_user()
    if user is None:
        return _signed_out(), True
    return _list(user)
