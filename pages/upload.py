"""Upload: a partner chooses or defines an indicator, uploads a file, fixes it until it passes, previews, publishes."""

from __future__ import annotations

import base64
import binascii
import datetime as dt

import dash
import dash_bootstrap_components as dbc
from dash import ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, dcc, html
from dash.exceptions import MissingCallbackContextException, PreventUpdate

import queries
from accounts import can_upload, current_user
from analysis.disclosure import DEFAULT_THRESHOLD, suppress
from components import urls
from components.choropleth import GM_BOUNDS, TRAFFORD_BOUNDS, legend, map_styling
from components.figures import empty_figure
from components.upload_form import FIELDS
from components.upload_preview import preview_figure, preview_table
from components.upload_report import report_view, upload_failed
from data.schema import LEVELS, TRAFFORD
from pages import _upload_pending as pending
from pages._boundary import guarded
from pages._upload_data import ChoiceRefused, checked_choice, new_choice, preview_levels, validated
from pages._upload_layout import CLOSED, ID, feedback_id, field_id, not_allowed, signed_out, wizard
from sharing.parse import MAX_BYTES, UploadError
from sharing.templates import template_csv, template_xlsx
from sharing.validation_report import issues_frame, report_csv, rule_counts, summary_text

dash.register_page(__name__, path=urls.UPLOAD, name="Upload", title="Upload data · Trafford Data Observatory", nav=False,
                   order=90)

META_KEYS = [k for k, *_ in FIELDS]
REPORT_LIMIT = 50


def _trigger() -> str | None:
    """The id of the input that fired the running callback (None outside one: tests call callbacks directly)."""
    try:
        return ctx.triggered_id
    except MissingCallbackContextException:  # no callback context: tests call callbacks directly
        return None


def _user():
    """The signed-in user allowed to upload, checked on every callback (never trusted from the browser)."""
    user = current_user()
    return user if can_upload(user) else None


def _not_allowed(then: str = "") -> dbc.Alert:
    """Why this person cannot upload: signed out (the session ended), or signed in without the right."""
    user = current_user()
    if user is None:
        return dbc.Alert(f"Your session has ended: sign in again{then}.", color="warning")
    return dbc.Alert(f"You do not have permission to upload: your account ({user.username}) is a "
                     f"{getattr(user, 'role', 'viewer')}, and only partners and admins upload. Ask an admin of "
                     "the observatory to change your role.", color="danger")


def _choice(choice_data, user):
    """The indicator choice re-derived on the server (never the browser's unit, type or id): (choice, refusal)."""
    if not choice_data:
        return None, None
    try:
        return checked_choice(choice_data, user), None
    except ChoiceRefused as err:
        return None, str(err)


@guarded("Uploading")
def layout(**_query) -> html.Div:
    """The wizard for partners and admins; a sign-in link for everyone else."""
    user = current_user()
    if user is None:
        return signed_out()
    if not can_upload(user):
        return not_allowed(user.role)
    catalogue = queries.indicators()
    options = [{"label": f"{r.name} ({r.unit})", "value": r.indicator_id, "search": f"{r.name} {r.indicator_id}"}
               for r in catalogue.sort_values("name").itertuples()]
    return wizard(user, options)


@callback(Output(ID["existing-box"], "hidden"), Output(ID["new-box"], "hidden"), Input(ID["mode"], "value"))
def toggle_mode(mode):
    """Show the catalogue search or the metadata form."""
    return mode == "new", mode != "new"


@callback(Output(ID["choice"], "data"), Output(ID["choice-msg"], "children"), Output(ID["template-box"], "hidden"),
          *[Output(field_id(k), "invalid") for k in META_KEYS], *[Output(feedback_id(k), "children") for k in META_KEYS],
          Input(ID["use"], "n_clicks"), State(ID["mode"], "value"), State(ID["existing"], "value"),
          *[State(field_id(k), "value") for k in META_KEYS], prevent_initial_call=True)
def use_indicator(_clicks, mode, existing, *values):
    """Check the choice (and a new indicator's required fields) and keep it for the next steps."""
    none = [False] * len(META_KEYS), [None] * len(META_KEYS)
    if _user() is None:
        return None, _not_allowed(), True, *none[0], *none[1]
    if mode == "new":
        choice, errors = new_choice(dict(zip(META_KEYS, values, strict=True)))
        invalid = [k in errors for k in META_KEYS]
        messages = [errors.get(k) for k in META_KEYS]
        if choice is None:
            msg = dbc.Alert(f"✖ Fix the {len(errors)} field{'s' * (len(errors) != 1)} marked below.", color="danger")
            return None, msg, True, *invalid, *messages
    else:
        if not existing:
            return None, dbc.Alert("Choose an indicator from the list first.", color="warning"), True, *none[0], *none[1]
        try:
            choice = checked_choice({"id": existing}, _user())
        except ChoiceRefused as err:
            return None, dbc.Alert(str(err), color="warning"), True, *none[0], *none[1]
        invalid, messages = none
    text = (f"✔ Uploading for {'new indicator ' if choice.new_meta else ''}{choice.name} ({choice.unit}; "
            f"{choice.value_type}). Source: {choice.publisher}. Licence: {choice.licence}.")
    return choice.as_store(), dbc.Alert(text, color="success", className="py-2"), False, *invalid, *messages


@callback(Output(ID["template-dl"], "data"), Input(ID["template-csv"], "n_clicks"),
          Input(ID["template-xlsx"], "n_clicks"), State(ID["choice"], "data"), State(ID["template-level"], "value"),
          prevent_initial_call=True)
def download_template(_csv, _xlsx, choice_data, level):
    """The chosen indicator's template for a level, as CSV or Excel."""
    choice, _refused = _choice(choice_data, _user())
    if _user() is None or choice is None or level not in LEVELS:
        raise PreventUpdate
    meta = choice.new_meta or {"id": choice.id, **queries.indicator(choice.id)}
    areas = queries.areas_of_level(level)
    if level == "la":
        areas = areas[areas["area_code"] == TRAFFORD]
    name = f"{choice.id}_{level}_template"
    if _trigger() == ID["template-xlsx"]:
        return dcc.send_bytes(template_xlsx(meta, level, areas), filename=name + ".xlsx")
    return dcc.send_string(template_csv(meta, level, areas), filename=name + ".csv")


def _decode(contents: str) -> bytes:
    """The bytes of a dcc.Upload data URL."""
    try:
        _, data = contents.split(",", 1)
        return base64.b64decode(data, validate=False)
    except (ValueError, binascii.Error) as err:
        raise UploadError("The file did not arrive whole: upload it again.") from err


@callback(Output(ID["token"], "data"), Output(ID["report"], "children"), Output(ID["report-btn"], "style"),
          Output(ID["sheet"], "options"), Output(ID["sheet"], "value"), Output(ID["sheet-box"], "hidden"),
          Output(ID["step3"], "style"), Output(ID["step4"], "hidden"), Output(ID["level"], "options"),
          Output(ID["level"], "value"), Output(ID["result"], "children", allow_duplicate=True),
          Output(ID["proportions-box"], "hidden"),
          Input(ID["file"], "contents"), Input(ID["sheet"], "value"), Input(ID["choice"], "data"),
          State(ID["file"], "filename"), State(ID["token"], "data"), Input(ID["proportions"], "value"),
          prevent_initial_call=True)
def receive_file(contents, sheet, choice_data, filename, token, proportions=False):
    """Keep the uploaded file server-side, validate it and show the report; the preview opens when it passes.
    A workbook that cannot be read keeps its sheet list on show; proportions for a percentage indicator ask for the
    partner's confirmation before they are multiplied by 100."""
    hide = {"display": "none"}
    closed = (CLOSED, True, [], None, None, True)
    user = _user()
    if user is None:
        return None, _not_allowed(), hide, [], None, True, \
            *closed
    choice, refused = _choice(choice_data, user)
    if _trigger() == ID["file"]:
        if not contents:
            raise PreventUpdate
        if len(contents) > MAX_BYTES * 4 // 3 + 1024:
            return None, upload_failed(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB: split it by period "
                                       "or area and upload the parts."), hide, [], None, True, *closed
        try:
            content = _decode(contents)
        except UploadError as err:
            return None, upload_failed(str(err)), hide, [], None, True, *closed
        try:
            token, sheet, proportions = pending.save(content, filename or "upload", user.username), None, False
        except pending.PendingError as err:
            return None, upload_failed(str(err)), hide, [], None, True, *closed
    if not token:
        raise PreventUpdate
    if refused:
        return token, upload_failed(refused), hide, [], None, True, *closed
    if choice is None:
        return token, dbc.Alert("File received. Choose the indicator in step 1 (and press 'Use this indicator') to "
                                "check it.", color="info"), hide, [], None, True, *closed
    try:
        content, name = pending.load(token, user.username)
        result = validated(token, content, name, sheet, choice, proportions)
    except pending.PendingError as err:
        return None, upload_failed(str(err)), hide, [], None, True, *closed
    except UploadError as err:
        options = [{"label": s, "value": s} for s in err.sheets]
        return token, upload_failed(str(err)), hide, options, sheet, len(options) < 2, *closed
    parsed = result.parsed
    sheets = [{"label": s, "value": s} for s in parsed.sheets]
    view = report_view(summary_text(result), result.ok, parsed.description, result.notes, rule_counts(result),
                       issues_frame(result), html.Span(), REPORT_LIMIT)
    btn = {} if result.issues else hide
    asks = not (proportions or any(i.rule == "looks_like_proportion" for i in result.issues))
    if not result.ok:
        return token, view, btn, sheets, parsed.sheet, len(sheets) < 2, *closed[:-1], asks
    levels = preview_levels(result.frame)
    options = [{"label": LEVELS[lv], "value": lv} for lv in levels]
    return (token, view, btn, sheets, parsed.sheet, len(sheets) < 2, {}, False, options,
            levels[0] if levels else None, None, asks)


@callback(Output(ID["report-dl"], "data"), Input(ID["report-btn"], "n_clicks"), State(ID["token"], "data"),
          State(ID["sheet"], "value"), State(ID["choice"], "data"), State(ID["proportions"], "value"),
          prevent_initial_call=True)
def download_report(_clicks, token, sheet, choice_data, proportions=False):
    """Every issue as CSV, headed by the file, outcome and date."""
    user = _user()
    choice = _choice(choice_data, user)[0]
    if user is None or choice is None or not token:
        raise PreventUpdate
    try:
        content, name = pending.load(token, user.username)
        result = validated(token, content, name, sheet, choice, proportions)
    except (pending.PendingError, UploadError):
        raise PreventUpdate from None
    stem = name.rsplit(".", 1)[0][:60] or "upload"
    return dcc.send_string(report_csv(result, name, choice.id), filename=f"{stem}_validation_report.csv")


def _threshold(value) -> int:
    """The suppression threshold from the form: a whole number 0 to 1000, else the default."""
    try:
        t = int(value)
    except (TypeError, ValueError):
        return DEFAULT_THRESHOLD
    return t if 0 <= t <= 1000 else DEFAULT_THRESHOLD


@callback(Output(ID["period"], "options"), Output(ID["period"], "value"), Output(ID["geojson"], "url"),
          Output(ID["geojson"], "hideout"), Output(ID["map"], "bounds"), Output(ID["legend"], "children"),
          Output(ID["chart"], "figure"), Output(ID["table"], "children"),
          Input(ID["level"], "value"), Input(ID["period"], "value"), Input(ID["threshold"], "value"),
          State(ID["token"], "data"), State(ID["sheet"], "value"), State(ID["choice"], "data"),
          State(ID["proportions"], "value"), prevent_initial_call=True)
def update_preview(level, period, threshold, token, sheet, choice_data, proportions=False):
    """The map, chart and table of one level and period, with counts under the threshold suppressed."""
    user = _user()
    choice = _choice(choice_data, user)[0]
    if user is None or choice is None or not token or level not in LEVELS:
        raise PreventUpdate
    try:
        content, name = pending.load(token, user.username)
        result = validated(token, content, name, sheet, choice, proportions)
    except (pending.PendingError, UploadError) as err:
        return [], None, dash.no_update, {}, dash.no_update, str(err), empty_figure(str(err)), None
    rows = result.frame[result.frame["level"] == level]
    periods = (rows.drop_duplicates("period").assign(_s=rows["period"].map(_period_start))
               .sort_values("_s")["period"].tolist())
    if period not in periods:
        period = periods[-1] if periods else None
    t = _threshold(threshold)
    rows = rows[(rows["period"] == period) & (rows["breakdown"] == "Persons")] if period else rows.iloc[0:0]
    if rows.empty and period:
        first = result.frame[(result.frame["level"] == level) & (result.frame["period"] == period)]
        rows = first[first["breakdown"] == first["breakdown"].iloc[0]]
    shown = suppress(rows, t, value_is_count=choice.value_type == "count").assign(judgement="not_compared")
    hideout, items = map_styling(shown, "quantiles", choice.unit, choice.value_type, "")
    title = f"{choice.name}, {LEVELS[level]}, {period}"
    return ([{"label": p, "value": p} for p in periods], period, urls.geometry_url(level),
            {**hideout, "selected": []}, GM_BOUNDS if level == "la" else TRAFFORD_BOUNDS,
            legend(items, "Coloured by value (quantiles)"), preview_figure(shown, choice.unit, choice.value_type,
                                                                           title, t),
            preview_table(shown, choice.unit, choice.value_type, t,
                          f"Source: {choice.publisher}. Licence: {choice.licence}. Period: {period}."))


def _period_start(label: str):
    from data.periods import STORE, read_period

    return read_period(label, hint=STORE).start


@callback(Output(ID["embargo-box"], "hidden"), Input(ID["visibility"], "value"))
def toggle_embargo(visibility):
    """The embargo date matters only for public data."""
    return visibility != "public"


@callback(Output(ID["result"], "children"), Output(ID["draft"], "disabled"), Output(ID["publish"], "disabled"),
          Input(ID["draft"], "n_clicks"), Input(ID["publish"], "n_clicks"), State(ID["token"], "data"),
          State(ID["sheet"], "value"), State(ID["choice"], "data"), State(ID["visibility"], "value"),
          State(ID["embargo"], "date"), State(ID["threshold"], "value"), State(ID["proportions"], "value"),
          prevent_initial_call=True)
def save(_draft, _publish, token, sheet, choice_data, visibility, embargo, threshold, proportions=False):
    """Keep the file as a draft batch, and publish it when asked; the user is checked again here."""
    from sharing import batches

    user = _user()
    if user is None:
        return _not_allowed(", then upload the file again"), \
            False, False
    choice, refused = _choice(choice_data, user)
    if refused:
        return dbc.Alert(f"Nothing was saved: {refused}", color="danger"), False, False
    if choice is None or not token:
        return dbc.Alert("Choose the indicator and upload a file first.", color="warning"), False, False
    try:
        content, name = pending.load(token, user.username)
        result = validated(token, content, name, sheet, choice, proportions)
        when = dt.date.fromisoformat(embargo[:10]) if embargo and visibility == "public" else None
    except (pending.PendingError, UploadError, ValueError) as err:
        return dbc.Alert(f"Nothing was saved: {err}", color="danger"), False, False
    if not result.ok:
        return dbc.Alert("Nothing was saved: the file has errors (see step 2).", color="danger"), False, False
    meta = dict(choice.new_meta) if choice.new_meta else None
    if meta is not None and result.frame[["lower_ci", "upper_ci"]].notna().all(axis=1).any():
        meta["ci_method"] = "source"  # the partner gave the limits: shown as published
    try:
        batch = batches.create_batch(result.frame, indicator_meta=meta, organisation=user.organisation,
                                     uploaded_by=user.username, original=content, filename=name,
                                     visibility=visibility or "private", embargo=when,
                                     suppress_below=_threshold(threshold), value_type=choice.value_type)
    except (batches.BatchError, ValueError) as err:
        return dbc.Alert(f"Nothing was saved: {err}", color="danger"), False, False
    pending.discard(token)
    link = html.A("See it on your data page", href=urls.partner_url(), className="alert-link")
    saved = f"Saved as draft batch {batch.batch_id} ({batch.rows:,} rows, file SHA-256 {batch.sha256[:12]}…). "
    if _trigger() != ID["publish"]:
        return dbc.Alert(["✔ ", saved, link, "."], color="success"), True, True
    from sharing import publish as publishing

    run = getattr(publishing, "publish_in_background", publishing.publish)
    outcome = run(batch.batch_id, user)
    colour = "success" if outcome.ok else "danger"
    return dbc.Alert([("✔ " if outcome.ok else "✖ ") + saved, outcome.message, " ", link, "."], color=colour), \
        True, True


clientside_callback(ClientsideFunction("observatory_upload", "label"), Output(ID["sink"], "children"),
                    Input(ID["file"], "id"))
