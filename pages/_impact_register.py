"""/impact's register: the table with its theme filter, CSV export and import, and the add/edit form.

Every write re-checks the signed-in user inside the callback (never a flag from the browser), and passes that user
to the register, which lets a partner change only their own organisation's interventions.
"""

from __future__ import annotations

import base64
import binascii
import logging
from urllib.parse import parse_qs

import dash
import dash_bootstrap_components as dbc
from dash import ALL, Input, Output, State, callback, ctx, dcc, html

from accounts import can_edit_register, current_user
from components import urls
from components.ids import page_id
from components.impact_register import intervention_form, register_table, signin_prompt
from data.schema import LEVELS, SMALL_AREA_LEVELS, THEMES, TRAFFORD
from interventions import RegisterError, export_csv, parse_fields, read_csv, register, validate, who
from queries import catalog_cache
from queries.interventions import register_catalogue

log = logging.getLogger(__name__)
P = "impact"
FORM_FIELDS = ("title", "organisation", "service", "theme", "areas", "start", "end", "cost_total", "cost_per_year",
               "decrease", "increase", "description", "link")
ID = {k: page_id(P, k) for k in (*FORM_FIELDS, "theme-filter", "table", "version", "export", "download", "upload",
                                 "import-status", "save", "clear", "delete", "confirm", "status", "editing",
                                 "edit-target", "intervention")}
EDIT = "impact-edit"
REFUSED = "Only signed-in partners and administrators can change the register: sign in and try again."


def _edit_id(intervention_id: str) -> dict:
    return {"type": EDIT, "index": intervention_id}


def _names() -> tuple[dict, dict]:
    a = catalog_cache.areas()
    areas = dict(zip(a["area_code"], a["area_name"], strict=True))
    cat = catalog_cache.indicators()
    return areas, dict(zip(cat.index, cat["name"], strict=True))


def _editor():
    """The signed-in user if they may edit the register, else None."""
    user = current_user()
    return user if can_edit_register(user) else None


def table_for(items: list, theme: str | None):
    """The register table for a theme filter ('' or None: all)."""
    areas, inds = _names()
    shown = [i for i in items if not theme or i.theme == theme]
    return register_table(shown, areas, inds, THEMES, _editor() is not None, _edit_id)


def register_section(items: list, theme: str) -> html.Section:
    """The register: theme filter, export, import for editors, and the table."""
    editor = _editor()
    tools = [html.Button("Download the register (CSV)", id=ID["export"], n_clicks=0,
                         className="btn btn-primary btn-sm me-2"), dcc.Download(id=ID["download"])]
    importer = html.Div([
        dcc.Upload(html.Button("Import interventions from CSV", className="btn btn-outline-primary btn-sm",
                               type="button"), id=ID["upload"], accept=".csv,text/csv", multiple=False,
                   max_size=1_000_000),
        html.Div("Columns as in the download; each row is checked and nothing is saved unless every row is valid. "
                 "A row with a known intervention_id records a new version of it.", className="form-text"),
        html.Div(id=ID["import-status"], role="status", **{"aria-live": "polite"}),
    ], className="mt-2") if editor else None
    return html.Section([
        html.H2("The intervention register", className="h4", id="impact-register-heading"),
        dbc.Row([
            dbc.Col([dbc.Label("Theme", html_for=ID["theme-filter"], className="small fw-semibold mb-1"),
                     dcc.Dropdown(id=ID["theme-filter"], options=[{"label": v, "value": k} for k, v in THEMES.items()],
                                  value=theme or None, placeholder="All themes", clearable=True)], md=4),
            dbc.Col(tools, md=8, className="d-flex align-items-end justify-content-md-end mt-2"),
        ], className="g-2 mb-2"),
        dcc.Store(id=ID["version"], data=0),
        dcc.Loading(html.Div(table_for(items, theme), id=ID["table"])),
        importer,
    ], className="explore-panel", **{"aria-labelledby": "impact-register-heading"})


def _area_options() -> list[dict]:
    a = catalog_cache.areas()
    keep = a[a["level"].isin(SMALL_AREA_LEVELS) | ((a["area_code"] == TRAFFORD) & (a["level"] == "la"))]
    order = {lv: i for i, lv in enumerate(["la", *SMALL_AREA_LEVELS])}
    keep = keep.assign(o=keep["level"].map(order)).sort_values(["o", "area_name"]).drop_duplicates("area_code")
    return [{"label": f"{r.area_name} ({LEVELS[r.level]}, {r.area_code})", "value": r.area_code}
            for r in keep.itertuples()]


def form_section():
    """The add/edit form for editors; a sign-in link for everyone else."""
    user = _editor()
    if user is None:
        return html.Section([html.H2("Add or edit an intervention", className="h4"), signin_prompt(urls.IMPACT)],
                            className="explore-panel")
    cat = catalog_cache.indicators().sort_values("name")
    indicators = [{"label": f"{r.name} ({r.unit})", "value": r.indicator_id} for r in cat.itertuples()]
    return html.Div([
        intervention_form(ID, [{"label": v, "value": k} for k, v in THEMES.items()], _area_options(), indicators,
                          who(user)),
        dcc.Store(id=ID["edit-target"], data=None),
    ])


@callback(Output(ID["table"], "children"), Output(page_id(P, "state"), "data", allow_duplicate=True),
          Input(ID["theme-filter"], "value"), Input(ID["version"], "data"), State(page_id(P, "state"), "data"),
          prevent_initial_call=True)
def refresh_table(theme, _version, query):
    """The table after a filter change or a write; the theme goes into the URL."""
    params = {k: v[0] for k, v in parse_qs(query or "", keep_blank_values=True).items() if k != "theme"}
    return table_for(register().current(), theme), urls.query({"theme": theme, **params},
                                                              keep_empty=tuple(params))


@callback(Output(ID["intervention"], "options"), Input(ID["version"], "data"), prevent_initial_call=True)
def refresh_choices(_version):
    """The analysis list of interventions after a write."""
    return [{"label": i.label, "value": i.intervention_id} for i in register().current()]


@callback(Output(ID["download"], "data"), Input(ID["export"], "n_clicks"), prevent_initial_call=True)
def download_register(_clicks):
    """The whole current register as CSV with source and licence lines."""
    return dcc.send_string(export_csv(register().current()), filename="trafford-interventions.csv")


@callback(Output(ID["import-status"], "children"), Output(ID["version"], "data", allow_duplicate=True),
          Input(ID["upload"], "contents"), State(ID["upload"], "filename"), State(ID["version"], "data"),
          prevent_initial_call=True)
def import_csv(contents, filename, version):
    """Check every row of an uploaded CSV; save them all, or none with each row's problems listed."""
    user = _editor()
    if user is None:
        return dbc.Alert(REFUSED, color="danger"), dash.no_update
    try:
        text = base64.b64decode(str(contents).split(",", 1)[1]).decode("utf-8-sig")
    except (IndexError, ValueError, binascii.Error, UnicodeDecodeError):
        return dbc.Alert("The file could not be read as UTF-8 CSV text.", color="danger"), dash.no_update
    records, errors = read_csv(text, register_catalogue())
    if errors:
        return dbc.Alert([html.P(f"Nothing was imported from {str(filename)[:80]}: fix these rows and try again.",
                                 className="mb-1"), html.Ul([html.Li(e) for e in errors[:50]], className="mb-0")],
                         color="danger"), dash.no_update
    try:
        created, edited = register().import_rows(records, user, register_catalogue())
    except RegisterError as err:
        return dbc.Alert([html.Ul([html.Li(e) for e in err.errors[:50]])], color="danger"), dash.no_update
    return (dbc.Alert(f"Imported {created} new and {edited} changed interventions from {str(filename)[:80]}.",
                      color="success"), (version or 0) + 1)


@callback(Output(ID["confirm"], "displayed"), Input(ID["delete"], "n_clicks"), prevent_initial_call=True)
def ask_delete(n):
    """Confirm before withdrawing."""
    return bool(n)


def _empty_form() -> list:
    return [None] * len(FORM_FIELDS)


def _form_values(item) -> list:
    f = item.as_fields()
    dec = [i for i, d in zip(f["indicators"], f["directions"], strict=False) if d == "decrease"]
    inc = [i for i, d in zip(f["indicators"], f["directions"], strict=False) if d == "increase"]
    return [f["title"], f["organisation"], f["service"], f["theme"], f["areas"], f["start"], f["end"],
            f["cost_total"], f["cost_per_year"], dec, inc, f["description"], f["link"]]


@callback([Output(ID[k], "value") for k in FORM_FIELDS], Output(ID["edit-target"], "data"),
          Output(ID["editing"], "children"), Output(ID["delete"], "disabled"), Output(ID["status"], "children"),
          Output(ID["version"], "data", allow_duplicate=True),
          Input(ID["save"], "n_clicks"), Input(ID["clear"], "n_clicks"), Input({"type": EDIT, "index": ALL}, "n_clicks"),
          Input(ID["confirm"], "submit_n_clicks"),
          [State(ID[k], "value") for k in FORM_FIELDS], State(ID["edit-target"], "data"), State(ID["version"], "data"),
          prevent_initial_call=True)
def form_action(_save, _clear, _edits, _confirm, *rest):
    """Save (add or new version), clear, load an intervention for editing, or withdraw it."""
    values, target, version = list(rest[:len(FORM_FIELDS)]), rest[-2], rest[-1] or 0
    keep = [dash.no_update] * len(FORM_FIELDS)
    trigger = ctx.triggered_id
    if trigger == ID["clear"]:
        return *_empty_form(), None, "", True, "", dash.no_update
    user = _editor()
    if user is None:
        return *keep, dash.no_update, dash.no_update, dash.no_update, dbc.Alert(REFUSED, color="danger"), dash.no_update
    if isinstance(trigger, dict) and trigger.get("type") == EDIT:
        if not ctx.triggered or not ctx.triggered[0].get("value"):
            raise dash.exceptions.PreventUpdate  # the table was redrawn: new buttons, no click
        item = register().get(trigger["index"])
        if item is None or item.example:
            return (*keep, None, "", True, dbc.Alert("That intervention cannot be edited (an example, or withdrawn).",
                                                     color="warning"), dash.no_update)
        return (*_form_values(item), {"id": item.intervention_id, "version": item.version},
                f"Editing “{item.title}” (version {item.version}). Save records version {item.version + 1}.",
                False, "", dash.no_update)
    if trigger == ID["confirm"]:
        if not target:
            raise dash.exceptions.PreventUpdate
        try:
            register().delete(target["id"], user, expected_version=target.get("version"))
        except RegisterError as err:
            return *keep, dash.no_update, dash.no_update, dash.no_update, dbc.Alert(str(err), color="danger"), \
                dash.no_update
        return *_empty_form(), None, "", True, dbc.Alert("Withdrawn; its history is kept.", color="success"), version + 1
    raw = dict(zip(FORM_FIELDS, values, strict=True))
    if not user.is_admin and not (raw.get("organisation") or "").strip():
        raw["organisation"] = user.organisation  # a partner records their own organisation's work (issue 19 item 8)
    dec, inc = raw.pop("decrease") or [], raw.pop("increase") or []
    raw["indicators"] = [f"{i}:decrease" for i in dec] + [f"{i}:increase" for i in inc]
    fields, problems = parse_fields(raw)
    catalogue = register_catalogue()
    try:
        problems += [e for e in validate(fields, catalogue) if e not in problems]
        if problems:
            raise RegisterError("Not saved.", problems)
        if target:
            item = register().edit(target["id"], fields, user, catalogue, expected_version=target.get("version"))
            done = f"Saved version {item.version} of “{item.title}”."
        else:
            item = register().create(fields, user, catalogue)
            done = f"Added “{item.title}” to the register."
    except RegisterError as err:
        return (*keep, dash.no_update, dash.no_update, dash.no_update,
                dbc.Alert([html.P("Not saved: please fix these and save again.", className="mb-1"),
                           html.Ul([html.Li(e) for e in err.errors])], color="danger"), dash.no_update)
    return *_empty_form(), None, "", True, dbc.Alert([done, " ", dcc.Link(
        "Analyse it", href=urls.impact_url(intervention=item.intervention_id))], color="success"), version + 1
