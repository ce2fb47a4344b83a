"""A helpful page for unknown addresses."""

import dash
from dash import html

from pages._boundary import guarded

dash.register_page(__name__, path="/404", name="Not found", nav=False)


@guarded("This page")
def layout(**_query):
    """Say the page does not exist and where to go."""
    return html.Div([html.H1("Page not found", className="h2"),
                     html.P(["There is no page at this address. Start from the ", html.A("home page", href="/"), "."])])
