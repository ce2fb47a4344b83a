"""The open data pages: the catalogue and an indicator's page build for typical and hostile URLs; callbacks as
plain functions on the seeded store."""

import html
import json

import pytest


@pytest.fixture()
def pages(dash_app, seeded_store):
    import pages.data as catalogue
    import pages.data_indicator as indicator

    return catalogue, indicator


def _text(component) -> str:
    """Everything the component says, the catalogue's server-built HTML unescaped (components.static_html)."""
    return html.unescape(json.dumps(component.to_plotly_json(), default=str))


def test_catalogue_lists_every_indicator_with_its_facts(pages):
    catalogue, _ = pages
    text = _text(catalogue.layout())
    for words in ("Adults who smoke", "Green space", "Total population", "3 indicators", "Open Government Licence",
                  "/data/smoking", "/api/v1/downloads/smoking.csv", "/explore?indicator=smoking&level=ward_2023",
                  "2019 to 2023 (5 periods)", "observatory.zip", "curl -s", "pd.read_csv", "/api/v1/openapi.json"):
        assert words in text, words


def test_catalogue_search_and_filters_from_the_url(pages):
    catalogue, _ = pages
    text = _text(catalogue.layout(q="smokng"))
    assert "1 indicator matching" in text and "Adults who smoke" in text and "Green space" not in text
    text = _text(catalogue.layout(theme="environment", level="ward_2023", source="Test publisher"))
    assert "1 indicator" in text and "Green space" in text


def test_hostile_catalogue_url_is_ignored_with_a_notice(pages):
    catalogue, _ = pages
    text = _text(catalogue.layout(theme="<script>", level="' OR 1=1", licence="x" * 500, q="%' --"))
    assert "Ignored theme" in text and "Ignored level" in text and "Ignored licence" in text
    assert "No indicators found" in text


def test_update_results_callback(pages):
    catalogue, _ = pages
    results, query = catalogue.update_results("green", "environment", None, None, None)
    assert "Green space" in _text(results) and query == "q=green&theme=environment"
    results, query = catalogue.update_results("", None, "lsoa_2021", None, None)
    assert "No indicators found" in _text(results) and query == "level=lsoa_2021"


def test_indicator_page_has_definition_method_source_coverage_chart_and_downloads(pages):
    _, page = pages
    text = _text(page.layout(indicator="smoking"))
    for words in ("Adults who smoke", "Share of adults who smoke.", "Wilson score", "Lower is better",
                  "Test publisher", "Open Government Licence v3.0", "Wards (2023)", "2019 to 2023 (5 periods)",
                  "/explore?indicator=smoking&level=ward_2023", "/api/v1/downloads/smoking.csv?level=ward_2023",
                  "/api/v1/downloads/smoking.parquet", "data-indicator-trend", "Coverage by level and period"):
        assert words in text, words


def test_trafford_series_is_drawn_with_its_comparators(pages):
    _, page = pages
    series, pairs, breakdown = page.trafford_series("green_space")
    assert pairs == [("E08000009", "la"), ("E47000001", "combined_authority"), ("E92000001", "england")]
    assert breakdown == "Persons" and len(series) == 15
    fig = page.series_figure(series, pairs, {"name": "Green space", "unit": "%", "value_type": "percentage"},
                             breakdown).to_dict()
    trafford = [t for t in fig["data"] if t.get("name") == "Trafford"]
    assert trafford and trafford[0]["line"]["dash"] == "solid"


def test_unknown_indicator_page_says_so(pages):
    _, page = pages
    for bad in ("nope", "../../etc/passwd", "<script>alert(1)</script>", None):
        text = _text(page.layout(indicator=bad))
        assert "Indicator not found" in text and "/data" in text
    assert page._title(indicator="smoking").startswith("Adults who smoke")
    assert page._title(indicator="nope") == "Open data · Trafford Data Observatory"
