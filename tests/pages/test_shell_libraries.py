"""The shell's page: no library a page may not draw with is loaded eagerly; the deferred ones stay servable."""

import json
import re

import pytest


@pytest.fixture()
def index(dash_app, seeded_store):
    """The HTML every page starts from, and a client that can fetch what it names."""
    client = dash_app.server.test_client()
    return client.get("/").get_data(as_text=True), client


def test_no_map_or_chart_library_is_a_script_tag(index):
    html, _ = index
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert scripts, "the index names no scripts"
    for library in ("dash_leaflet", "dash_extensions", "plotly"):
        eager = [s for s in scripts if library in s and "/assets/05_plotly_bundle.js" not in s]
        assert eager == [], f"{library} loads on every page: {eager}"


def test_deferred_libraries_are_named_and_served(index):
    html, client = index
    block = re.search(r'<script type="application/json" id="obs-deferred-libraries">(.*?)</script>', html)
    assert block, "no list of deferred libraries in the page"
    urls = json.loads(block.group(1))
    assert set(urls) == {"dash_leaflet", "dash_extensions"}
    for namespace, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert namespace in response.get_data(as_text=True)[:2000]  # the bundle names its window global


def test_loader_comes_before_the_renderer(index):
    """The stand-in namespaces must exist before Dash resolves the first component."""
    html, _ = index
    loader = html.index("/assets/01_deferred_libraries.js")
    assert html.index('id="obs-deferred-libraries"') < loader < html.index("dash_renderer")


def test_no_babel_polyfill(index):
    """core-js 2 (99 KB) is left out: modern browsers need none of it (deferred_libraries.drop_polyfill)."""
    html, _ = index
    assert "polyfill" not in html
