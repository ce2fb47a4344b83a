"""The intervention register's pieces: the table, the add/edit form, the audit trail and the sign-in prompt.

Pure builders over register entries (interventions.Intervention) and lookup dicts; no I/O.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from components import urls
from components.format import format_value
from components.intervention_marks import period_text

ARROWS = {"decrease": "↓ expected to fall", "increase": "↑ expected to rise"}
ACTION_WORDS = {"create": "Added", "edit": "Edited", "delete": "Withdrawn", "shipped": "Shipped example"}


def example_badge() -> html.Span:
    """The 'Example' label (a word, not a colour) every shipped example carries."""
    return html.Span("Example", className="badge text-bg-warning border border-dark me-1",
                     title="A shipped, illustrative example: not a real scheme")


def money(value) -> str:
    """£ with separators, or '—' when not recorded."""
    return "—" if value is None else format_value(value, "£", "currency")


def _areas_text(codes, area_names: dict[str, str]) -> str:
    return ", ".join(area_names.get(c, c) for c in codes)


def _cell(label: str, children, cls: str = "") -> html.Td:
    """A cell labelled for the stacked phone layout (the area profile's table style)."""
    return html.Td(html.Div(children), className=cls, **{"data-label": label})


def _when(item) -> str:
    text = period_text({"start": item.start, "end": item.end}).replace("from ", "", 1)
    return text[:1].upper() + text[1:]


def register_table(items: list, area_names: dict[str, str], indicator_names: dict[str, str],
                   theme_names: dict[str, str], can_edit: bool, edit_id) -> html.Div:
    """Every intervention: title (Example badge), who, theme, areas, when, cost, indicators and actions.

    `edit_id(intervention_id)` gives the id of the row's Edit button (shown to editors, not for examples).
    """
    if not items:
        return html.P("No interventions in the register for this theme yet.", className="obs-meta")
    head = html.Thead(html.Tr([html.Th(h, scope="col") for h in (
        "Intervention", "Responsible", "Theme", "Areas", "When", "Cost", "Expected to move", "Open")]))
    rows = []
    for i in items:
        actions = [html.A("Analyse", href=urls.impact_url(intervention=i.intervention_id),
                          className="me-2", **{"aria-label": f"Analyse {i.label}"}),
                   html.A("History", href=urls.impact_url("history", intervention=i.intervention_id),
                          className="me-2", **{"aria-label": f"History of {i.label}"})]
        if can_edit and not i.example:
            actions.append(html.Button("Edit", id=edit_id(i.intervention_id), className="btn btn-link btn-sm p-0",
                                       n_clicks=0, **{"aria-label": f"Edit {i.label}"}))
        inds = html.Ul([html.Li(f"{indicator_names.get(ind, ind)} {ARROWS.get(d, '')}")
                        for ind, d in zip(i.indicators, i.directions, strict=False)], className="mb-0 ps-3")
        rows.append(html.Tr([
            html.Th([example_badge() if i.example else None,
                     html.A(i.title, href=i.link) if i.link else i.title], scope="row", className="ind-name"),
            _cell("Responsible", [i.organisation, html.Div(i.service, className="obs-meta small")]),
            _cell("Theme", theme_names.get(i.theme, i.theme)),
            _cell("Areas", _areas_text(i.areas, area_names)),
            _cell("When", _when(i)),
            _cell("Cost", [money(i.cost_total), html.Div(f"{money(i.cost_per_year)} a year", className="obs-meta small")
                           if i.cost_per_year is not None else None]),
            _cell("Expected to move", inds),
            _cell("Open", actions, "text-nowrap"),
        ]))
    return html.Div(dbc.Table([html.Caption("The intervention register", className="visually-hidden"), head,
                               html.Tbody(rows)], size="sm", hover=True, className="impact-register area-table mb-0"),
                    className="table-responsive", tabIndex="0", role="region",
                    **{"aria-label": "The intervention register (scrolls sideways on small screens)"})


def signin_prompt(next_path: str = urls.IMPACT) -> dbc.Alert:
    """What someone not signed in as a partner sees instead of the form."""
    return dbc.Alert([html.A("Sign in to add or edit", href=urls.login_url(next_path),
                             className="fw-semibold"),
                      " interventions (partner organisations and administrators). Anyone can read the register "
                      "and its analysis."], color="light", className="border")


def _field(label: str, control, help_text: str = "", width: int = 6) -> dbc.Col:
    hint_id = f"{control.id}-hint" if help_text else None
    return dbc.Col([dbc.Label(label, html_for=control.id, className="small fw-semibold mb-1"), control,
                    html.Div(help_text, id=hint_id, className="form-text") if help_text else None],
                   md=width, className="mb-2")


def intervention_form(ids: dict[str, str], theme_options: list[dict], area_options: list[dict],
                      indicator_options: list[dict], user_text: str) -> html.Section:
    """The add/edit form (Save records a new version; nothing is overwritten without a trace)."""
    return html.Section([
        html.H2("Add or edit an intervention", className="h4", id="impact-form-heading"),
        html.P([f"Signed in as {user_text}. ", "Every save is recorded with your name and the time; earlier "
                "versions stay in the history."], className="small obs-meta"),
        html.Div(id=ids["editing"], className="small mb-2", role="status"),
        dbc.Row([
            _field("Title", dcc.Input(id=ids["title"], type="text", maxLength=160, className="form-control",
                                      required=True), width=12),
            _field("Organisation", dcc.Input(id=ids["organisation"], type="text", maxLength=160,
                                             className="form-control"),
                   "Left empty: your own. Partners record and change only their own organisation's work."),
            _field("Service", dcc.Input(id=ids["service"], type="text", maxLength=160, className="form-control")),
            _field("Theme", dcc.Dropdown(id=ids["theme"], options=theme_options, clearable=False)),
            _field("Areas it covers", dcc.Dropdown(id=ids["areas"], options=area_options, multi=True,
                                                   placeholder="Type a ward, LSOA or Trafford"),
                   "Any level; several allowed. A Trafford-wide scheme covers every ward in it."),
            _field("Start date", dcc.Input(id=ids["start"], type="date", className="form-control"),
                   width=3),
            _field("End date (if it ended)", dcc.Input(id=ids["end"], type="date", className="form-control"),
                   width=3),
            _field("Total cost (£)", dcc.Input(id=ids["cost_total"], type="number", min=0, className="form-control"),
                   width=3),
            _field("Cost per year (£)", dcc.Input(id=ids["cost_per_year"], type="number", min=0,
                                                  className="form-control"), width=3),
            _field("Indicators expected to fall", dcc.Dropdown(id=ids["decrease"], options=indicator_options,
                                                               multi=True)),
            _field("Indicators expected to rise", dcc.Dropdown(id=ids["increase"], options=indicator_options,
                                                               multi=True)),
            _field("Description", dcc.Textarea(id=ids["description"], maxLength=4000, className="form-control",
                                               style={"minHeight": "5rem"}), width=12),
            _field("Link (a web page about it)", dcc.Input(id=ids["link"], type="url", maxLength=500,
                                                           className="form-control", placeholder="https://"),
                   width=12),
        ], className="g-2"),
        html.Div([
            html.Button("Save", id=ids["save"], n_clicks=0, className="btn btn-primary me-2"),
            html.Button("Clear the form", id=ids["clear"], n_clicks=0, className="btn btn-outline-secondary me-2"),
            html.Button("Withdraw this intervention", id=ids["delete"], n_clicks=0,
                        className="btn btn-outline-danger", disabled=True),
            dcc.ConfirmDialog(id=ids["confirm"], message="Withdraw this intervention? It leaves the register; "
                              "its history is kept."),
        ], className="mt-2"),
        html.Div(id=ids["status"], role="status", className="mt-2", **{"aria-live": "polite"}),
    ], className="explore-panel", **{"aria-labelledby": "impact-form-heading"})


def _changes(prev: dict | None, row: dict, labels: dict[str, str]) -> str:
    if prev is None:
        return ""
    diffs = [labels.get(k, k) for k in labels if prev.get(k) != row.get(k)]
    return ("Changed: " + ", ".join(diffs)) if diffs else "No field changed"


def history_table(rows: list[dict], title: str) -> html.Div:
    """The audit trail of one intervention: each version, who made it and when, and what changed."""
    if not rows:
        return html.P("No history for this intervention.", className="obs-meta")
    labels = {"title": "title", "organisation": "organisation", "service": "service", "theme": "theme",
              "areas": "areas", "start": "start", "end": "end", "cost_total": "total cost",
              "cost_per_year": "cost per year", "indicators": "indicators", "directions": "directions",
              "description": "description", "link": "link"}
    body, prev = [], None
    for r in rows:
        body.append(html.Tr([html.Td(str(r["version"])), html.Td(ACTION_WORDS.get(r["action"], r["action"])),
                             html.Td(r["changed_by"]), html.Td(str(r["changed_at"]).replace("T", " ")),
                             html.Td(r.get("title") or ""), html.Td(_changes(prev, r, labels))]))
        prev = r
    return html.Div(dbc.Table([
        html.Caption(f"History of {title}", className="visually-hidden"),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in ("Version", "Change", "By", "When (UTC)", "Title",
                                                               "What changed")])),
        html.Tbody(body)], size="sm", className="mb-0"), className="table-responsive", tabIndex="0", role="region",
        **{"aria-label": f"History of {title}"})
