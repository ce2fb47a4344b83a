"""The upload wizard's layout: four steps, each a labelled section; later steps appear once a file passes."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from analysis.disclosure import DEFAULT_THRESHOLD
from components import urls
from components.choropleth import choropleth_map
from components.ids import page_id
from components.upload_form import metadata_form
from config import tile_url
from data.schema import LEVELS, MAP_LEVELS
from pages._upload_data import DEFAULT_LICENCE
from sharing.parse import MAX_BYTES
from sharing.visibility import VISIBILITIES

P = "upload"
PARTS = ("mode", "existing", "existing-box", "new-box", "use", "choice", "choice-msg", "template-box",
         "template-level", "template-csv", "template-xlsx", "template-dl", "file", "sheet", "sheet-box", "token",
         "report", "report-btn", "report-dl", "proportions", "proportions-box", "step3", "step4", "level", "period", "threshold", "map", "geojson",
         "legend", "chart", "table", "sink", "visibility", "embargo", "embargo-box", "draft", "publish", "result")
ID = {k: page_id(P, k) for k in PARTS}
# a closed preview is laid out but invisible (out of the tab order and accessibility tree), so the map has a size
CLOSED = {"visibility": "hidden", "height": 0, "overflow": "hidden", "padding": 0, "margin": 0, "border": 0}
TEMPLATE_LEVELS = MAP_LEVELS


def field_id(key: str) -> str:
    """The id of a metadata field."""
    return page_id(P, f"meta-{key}")


def feedback_id(key: str) -> str:
    """The id of a metadata field's error slot."""
    return page_id(P, f"meta-{key}-error")


def _label(text: str, for_id: str) -> dbc.Label:
    return dbc.Label(text, html_for=for_id, className="fw-semibold small mb-1")


def signed_out() -> html.Div:
    """What visitors who may not upload see."""
    return html.Div([
        html.H1("Upload data", className="h2"),
        dbc.Alert(["Uploading is for signed-in partners. ",
                   html.A("Sign in", href=urls.login_url(urls.UPLOAD), className="alert-link"),
                   " with your partner account, or ask an administrator for one."], color="info"),
    ])


def not_allowed(role: str) -> html.Div:
    """What signed-in viewers see."""
    return html.Div([html.H1("Upload data", className="h2"),
                     dbc.Alert(f"Your account ({role}) may view shared data but not upload it; partners and "
                               "administrators can.", color="warning")])


def step_one(indicator_options: list[dict]) -> html.Section:
    """Choose an existing indicator or define a new one, then download its template."""
    return html.Section([
        html.H2("1. Choose the indicator", className="h4"),
        html.Fieldset([html.Legend("Upload for", className="visually-hidden"),
                       dbc.RadioItems(id=ID["mode"], value="existing", inline=True, className="mb-2",
                                      options=[{"label": "An existing indicator", "value": "existing"},
                                               {"label": "A new indicator", "value": "new"}])]),
        html.Div([_label("Indicator (type to search)", ID["existing"]),
                  dcc.Dropdown(id=ID["existing"], options=indicator_options, searchable=True, clearable=True,
                               placeholder="Search the catalogue…")], id=ID["existing-box"], className="mb-2"),
        html.Div(metadata_form(field_id, feedback_id, DEFAULT_LICENCE), id=ID["new-box"], hidden=True),
        dbc.Button("Use this indicator", id=ID["use"], color="primary", className="mt-1"),
        html.Div(id=ID["choice-msg"], className="mt-2", role="status", **{"aria-live": "polite"}),
        html.Div([
            html.P("Download a template with a row for each area of a level, then fill in the values "
                   "(or use your own file in the same shape, a wide table with one column per period, or a "
                   "Fingertips export).", className="mb-1"),
            dbc.Row([
                dbc.Col([_label("Areas in the template", ID["template-level"]),
                         dbc.Select(id=ID["template-level"], value="ward_2023",
                                    options=[{"label": LEVELS[lv], "value": lv} for lv in TEMPLATE_LEVELS])], md=4),
                dbc.Col([dbc.Button("Download template (CSV)", id=ID["template-csv"], color="secondary",
                                    className="me-2 mb-1"),
                         dbc.Button("Download template (Excel)", id=ID["template-xlsx"], color="secondary",
                                    className="mb-1")], md=8, className="d-flex align-items-end flex-wrap"),
            ], className="g-2"),
            dcc.Download(id=ID["template-dl"]),
        ], id=ID["template-box"], hidden=True, className="mt-2"),
        dcc.Store(id=ID["choice"]),
    ], className="explore-panel upload-step", **{"aria-label": "Choose the indicator"})


def step_two() -> html.Section:
    """Upload the file (drag or keyboard) and read the validation report."""
    return html.Section([
        html.H2("2. Upload your file", className="h4"),
        html.P(f"CSV (UTF-8, UTF-16 or Windows encoding) or Excel (.xlsx), up to {MAX_BYTES // (1024 * 1024)} MB. "
               "Nothing is saved or published until the file passes and you choose to.", className="mb-2"),
        dcc.Upload(id=ID["file"], multiple=False, accept=".csv,.txt,.xlsx,.xlsm",
                   children=html.Div(["Drag a file here, or ", html.Span("choose a file", className="upload-link"),
                                      " (or Tab to it and press Enter)"]),
                   className="upload-drop", className_active="upload-drop-active"),
        html.Div([_label("Sheet", ID["sheet"]), dbc.Select(id=ID["sheet"], options=[], placeholder="Choose a sheet…")],
                 id=ID["sheet-box"], hidden=True, className="mt-2", style={"maxWidth": "20rem"}),
        html.Div(dbc.Checkbox(id=ID["proportions"], value=False,
                              label="My values are proportions (0 to 1): multiply them by 100 to make percentages"),
                 id=ID["proportions-box"], hidden=True, className="mt-2"),
        dcc.Loading(html.Div(id=ID["report"], className="mt-3"), type="default"),
        dbc.Button("Download the full report (CSV)", id=ID["report-btn"], color="secondary", size="sm",
                   className="mt-1", style={"display": "none"}),
        dcc.Download(id=ID["report-dl"]),
        dcc.Store(id=ID["token"]),
        html.Div(id=ID["sink"], hidden=True),
    ], className="explore-panel upload-step", **{"aria-label": "Upload your file"})


def step_three() -> html.Section:
    """The map and chart of the rows as the public would see them, suppression applied."""
    return html.Section([
        html.H2("3. Preview", className="h4"),
        html.P("As the data would appear, with small counts suppressed.", className="mb-2"),
        dbc.Row([
            dbc.Col([_label("Areas", ID["level"]), dbc.Select(id=ID["level"], options=[])], md=4),
            dbc.Col([_label("Period", ID["period"]), dbc.Select(id=ID["period"], options=[])], md=4),
            dbc.Col([_label("Suppress counts under", ID["threshold"]),
                     dbc.Input(id=ID["threshold"], type="number", min=0, max=1000, step=1, value=DEFAULT_THRESHOLD),
                     html.Div("Counts below this, and the rates built on them, are hidden from the public.",
                              id=ID["threshold"] + "-help", className="form-text")], md=4),
        ], className="g-2 mb-2"),
        dbc.Row([
            dbc.Col([html.Div(preview_map("ward_2023"), id=ID["map"] + "-box"),
                     html.Div(id=ID["legend"], className="mt-2")], lg=6),
            dbc.Col(dcc.Loading(dcc.Graph(id=ID["chart"], config={"displaylogo": False})), lg=6),
        ]),
        dcc.Loading(html.Div(id=ID["table"], className="mt-2")),
    ], id=ID["step3"], style=CLOSED, className="explore-panel upload-step", **{"aria-label": "Preview"})


def preview_map(level: str):
    """The preview's map (its section is kept laid out while closed: leaflet measures its box when it starts)."""
    return choropleth_map(ID["geojson"], ID["map"], level, tile_url(), [], ID["map"] + "-layers", P)


def step_four() -> html.Section:
    """Who may see the data, then save as a draft or publish."""
    return html.Section([
        html.H2("4. Save or publish", className="h4"),
        dbc.Row([
            dbc.Col(html.Fieldset([html.Legend("Who may see it", className="fw-semibold small mb-1 fs-6"),
                                   dbc.RadioItems(id=ID["visibility"], value="private",
                                                  options=[{"label": v, "value": k} for k, v in VISIBILITIES.items()])]),
                    md=6),
            dbc.Col(html.Div([_label("Public from (embargo date; empty means at once)", ID["embargo"]),
                              dcc.DatePickerSingle(id=ID["embargo"], display_format="D MMM YYYY",
                                                   placeholder="Any date", clearable=True)],
                             id=ID["embargo-box"], hidden=True), md=6),
        ], className="g-2 mb-2"),
        dbc.Button("Save as draft", id=ID["draft"], color="secondary", className="me-2"),
        dbc.Button("Publish", id=ID["publish"], color="primary"),
        dcc.Loading(html.Div(id=ID["result"], className="mt-3", role="status", **{"aria-live": "polite"})),
    ], id=ID["step4"], hidden=True, className="explore-panel upload-step", **{"aria-label": "Save or publish"})


def wizard(user, indicator_options: list[dict]) -> html.Div:
    """The four steps for a signed-in partner."""
    return html.Div([
        html.H1("Upload data", className="h2"),
        html.P([f"Signed in as {user.username} ({user.organisation}). Uploads are kept for your organisation; "
                "see them on ", html.A("your data", href=urls.partner_url()), "."]),
        step_one(indicator_options), step_two(), step_three(), step_four(),
    ])

