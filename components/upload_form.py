"""The new-indicator metadata form: labelled fields, each with its error message, and what the fields mean."""

from __future__ import annotations

from collections.abc import Callable

import dash_bootstrap_components as dbc
from dash import html

from data.schema import POLARITIES, THEMES, VALUE_TYPES

POLARITY_LABELS = {"high_is_good": "Higher is better", "low_is_good": "Lower is better",
                   "no_judgement": "Neither (no judgement)"}
# (key, label, kind, help): kind is "text", "textarea" or a list of (value, label) options
FIELDS = [
    ("name", "Name", "text", "As people will read it, e.g. Households in fuel poverty."),
    ("id", "Identifier (optional)", "text", "Lower-case letters, digits and underscores; made from the name if empty."),
    ("definition", "Definition", "textarea", "What is counted, of whom, and how."),
    ("unit", "Unit", "text", "e.g. %, per 1,000 people, count, £."),
    ("value_type", "Value type", [(v, v.capitalize()) for v in VALUE_TYPES], "Percentages are checked to lie in 0-100."),
    ("polarity", "Polarity", [(k, POLARITY_LABELS[k]) for k in POLARITIES], "Whether a higher value is better."),
    ("theme", "Theme", list(THEMES.items()), "Where the indicator is listed."),
    ("publisher", "Source (publisher)", "text", "Who produced the figures, e.g. Trafford Council Housing Strategy."),
    ("licence", "Licence", "text", "Usually the Open Government Licence v3.0."),
    ("source_url", "Source link (optional)", "text", "A web page describing the data."),
]


def metadata_form(field_id: Callable[[str], str], feedback_id: Callable[[str], str], licence: str) -> html.Div:
    """Every metadata field with its label, help text and a slot for its error."""
    rows = []
    for key, label, kind, help_text in FIELDS:
        fid = field_id(key)
        common = {"id": fid}
        if kind == "textarea":
            control = dbc.Textarea(**common, rows=3, maxLength=2000)
        elif kind == "text":
            control = dbc.Input(**common, type="text", maxLength=200,
                                value=licence if key == "licence" else None)
        else:
            control = dbc.Select(**common, options=[{"label": lab, "value": v} for v, lab in kind],
                                 placeholder="Choose…")
        rows.append(dbc.Col([
            dbc.Label(label, html_for=fid, className="fw-semibold small mb-1"),
            control,
            html.Div(help_text, id=f"{fid}-help", className="form-text"),
            html.Div(id=feedback_id(key), className="upload-field-error", **{"aria-live": "polite"}),
        ], md=12 if kind == "textarea" else 6, className="mb-2"))
    return html.Div(dbc.Row(rows, className="g-2"), className="upload-meta-form")
