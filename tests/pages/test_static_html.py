"""Big static blocks as one component: the HTML written from a component tree escapes every text and attribute,
keeps in-app links and table classes, and refuses what it cannot draw."""

import dash_bootstrap_components as dbc
import pytest
from dash import dcc, html

from components.static_html import StaticHtml, static_html, to_html


def test_text_and_attributes_are_escaped():
    out = to_html(html.P(['<script>alert(1)</script> & "x"', html.A("a", href='/x?a=1&b="2"', title="<t>")],
                         className="c"))
    assert "<script>" not in out and "&lt;script&gt;" in out and "&amp; &#34;x&#34;" in out
    assert 'href="/x?a=1&amp;b=&#34;2&#34;"' in out and 'title="&lt;t&gt;"' in out and out.startswith('<p class="c">')


def test_react_names_become_html_attributes_and_dash_props_are_dropped():
    out = to_html(html.Td("v", colSpan=2, tabIndex="0", n_clicks=3, style={"maxWidth": "3rem"},
                          **{"data-label": "Value", "aria-label": "v"}))
    assert out.startswith("<td ") and out.endswith(">v</td>") and "n_clicks" not in out
    for attr in ('colspan="2"', 'tabindex="0"', 'style="max-width: 3rem"', 'data-label="Value"', 'aria-label="v"'):
        assert attr in out, attr


def test_links_keep_in_app_navigation_and_images_load_when_seen():
    assert to_html(dcc.Link("Altrincham", href="/area/E05015239")) == \
        '<a href="/area/E05015239" data-link="page">Altrincham</a>'
    img = to_html(html.Img(src="data:image/svg+xml,<svg/>", alt="a chart", className="sparkline"))
    assert img.startswith("<img ") and 'loading="lazy"' in img and 'alt="a chart"' in img and "</img>" not in img


def test_bootstrap_tables_keep_their_classes():
    out = to_html(dbc.Table(html.Tbody(html.Tr(html.Td(1))), size="sm", striped=True, hover=True, responsive=True,
                            className="t"))
    assert out == ('<div class="table-responsive"><table class="table t table-sm table-striped table-hover">'
                   "<tbody><tr><td>1</td></tr></tbody></table></div>")
    assert to_html([None, "a", 2, False]) == "a2"


def test_a_component_it_cannot_draw_is_refused():
    with pytest.raises(TypeError, match="Dropdown"):
        to_html(html.Div(dcc.Dropdown(options=[])))


def test_the_component_carries_the_markup_as_one_prop():
    c = static_html([html.Li("one"), html.Li("two")], tag="ul", className="list", id="x", **{"aria-label": "L"})
    assert isinstance(c, StaticHtml)
    data = c.to_plotly_json()
    assert data["namespace"] == "observatory_html" and data["type"] == "StaticHtml"
    assert data["props"] == {"html": "<li>one</li><li>two</li>", "id": "x", "className": "list", "tag": "ul",
                             "aria-label": "L"}


def test_a_lazy_fold_keeps_its_summary_first_and_its_body_as_children():
    from components.lazy_details import LazyDetails

    fold = LazyDetails([html.Summary("How"), dcc.Graph(figure={})], className="impact-method", id="m")
    data = fold.to_plotly_json()
    assert data["namespace"] == "observatory_html" and data["type"] == "LazyDetails"
    assert isinstance(data["props"]["children"][0], html.Summary) and data["props"]["className"] == "impact-method"


def test_script_addresses_are_dropped_like_dash_drops_them():
    from dash import html

    from components.static_html import to_html

    out = str(to_html(html.Div([html.A("x", href=" JavaScript:alert(1)"), html.A("y", href="/area/E05015253"),
                                html.A("z", href="https://www.ons.gov.uk/"), html.Img(src="data:image/svg+xml;x")])))
    assert "alert" not in out and 'href="/area/E05015253"' in out and 'href="https://www.ons.gov.uk/"' in out
    assert 'src="data:image/svg+xml;x"' in out
