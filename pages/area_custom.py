"""A custom area's profile, /area/custom?lsoa=CODE,CODE&name=...: the same page as any area's, for a group of LSOAs."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html

from accounts.sessions import current_user
from components import custom_area as custom_parts
from components import urls
from pages.area import profile_page
from queries.db import StoreMissing
from queries.errors import QueryError
from report.custom_area import custom_params, custom_path, load_custom
from sharing import saved_areas

# order: checked before /area/<code> (Dash matches pages in registry order; numbered pages come first)
dash.register_page(__name__, path=urls.CUSTOM_AREA, name="Custom area", nav=False, order=60,
                   title="Custom area · Trafford Data Observatory",
                   description="The profile of an area made of chosen LSOAs, with an evidence pack.")


def layout(lsoa=None, name=None, benchmark=None, **_query) -> html.Div:
    """The custom area's profile; a clear refusal for bad or missing codes; never raises."""
    try:
        profile = load_custom(lsoa, name, benchmark)
    except QueryError as err:
        return custom_parts.refused(str(err))
    except StoreMissing as err:
        return dbc.Alert(f"The indicator store is not available: {err}", color="danger")
    except Exception as err:  # the page must explain, never error
        return dbc.Alert(f"This profile could not be built: {err}", color="danger")
    codes = profile.lsoa_codes
    change = urls.make_area_url(lsoa=codes, name=profile.name)
    user = current_user()
    save = None
    if saved_areas.can_save(user):
        save = html.Div([dbc.Button(f"Save this area for {user.organisation}", id=SAVE, color="secondary", size="sm",
                                    n_clicks=0),
                         html.Div(id=SAVED, role="status", className="small mt-1")], className="mt-2")
    made_of = custom_parts.made_of_panel(profile, change, save)
    return profile_page(profile, "custom",
                        lambda benchmark=profile.benchmark: custom_params(codes, profile.name, benchmark),
                        {"lsoa": ",".join(codes), "name": profile.name, "benchmark": profile.benchmark},
                        extra=[made_of])


SAVE, SAVED = "custom-save", "custom-saved"


@callback(Output(SAVED, "children"), Input(SAVE, "n_clicks"), State("area-request", "data"),
          prevent_initial_call=True)
def save_area(_clicks, req):
    """Save the area under its name for the partner's organisation (a changed area is a new version)."""
    try:
        profile = load_custom(req["lsoa"], req.get("name"))
        record = saved_areas.save_area(current_user(), profile.lsoa_codes, profile.name)
    except (QueryError, PermissionError, KeyError, TypeError) as err:
        return f"Not saved: {err}"
    return html.Span([f"Saved as “{record['name']}”, version {record['version']}. ",
                      html.A("Its link", href=custom_path(record["lsoa"], record["name"])),
                      " always shows these LSOAs; your saved areas are listed on Make an area."])
