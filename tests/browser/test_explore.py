"""Explore in a real browser: choose an indicator, click a ward, step the period, reopen a copied URL."""

import json
import re

import pytest

from tests.browser.seen import bring_into_view

pytestmark = pytest.mark.browser
START = "/explore?indicator=population_aged_65_plus&level=ward_2022&benchmark=la"


def _ready(page):
    page.wait_for_selector("path.leaflet-interactive", timeout=20000)
    bring_into_view(page, "#explore-ranking")  # drawn once a reader scrolls to them, as here
    bring_into_view(page, "#explore-trend")
    bring_into_view(page, "#explore-table", "tbody tr")
    page.wait_for_function("document.querySelectorAll('#explore-table tbody tr').length > 10", timeout=20000)


def test_click_a_ward_and_the_trend_ranking_and_table_follow(page, app_url):
    page.goto(app_url + START)
    _ready(page)
    page.locator("path.leaflet-interactive").nth(5).click()
    page.wait_for_function("document.querySelectorAll('#explore-selected .Select-value, #explore-selected "
                           "[class*=multi-value], #explore-selected .dash-dropdown-value').length > 0 || "
                           "window.location.search.includes('areas=')", timeout=10000)
    page.wait_for_function("window.location.search.includes('areas=E050008')", timeout=10000)
    code = re.search(r"areas=(E05\d{6})", page.url).group(1)
    # the table row of the selected ward is highlighted, the trend gains a line for it
    page.wait_for_function(f"""Array.from(document.querySelectorAll('#explore-table td')).some(td =>
        td.textContent === '{code}' && getComputedStyle(td).fontWeight >= 600)""", timeout=10000)
    page.wait_for_function("document.querySelectorAll('#explore-trend .scatterlayer .trace').length >= 4",
                           timeout=10000)
    assert page.console_errors == []


def test_choose_indicator_then_step_period(page, app_url):
    page.goto(app_url + START)
    _ready(page)
    title = page.locator("#explore-title").inner_text()
    assert title.endswith("2020")
    page.locator("#explore-period [role=slider]").first.focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("(document.querySelector('#explore-title')?.textContent ?? '').endsWith('2019')", timeout=10000)
    page.wait_for_function("window.location.search.includes('period=2019')", timeout=10000)
    page.go_back()
    page.wait_for_function("window.location.search.includes('period=2020')", timeout=10000)


def test_reopening_a_copied_url_restores_the_view(page, app_url):
    page.goto(app_url + START + "&period=2018&areas=E05000819,E05000824&classify=jenks")
    _ready(page)
    assert page.locator("#explore-title").inner_text().endswith("2018")
    assert "Natural breaks" in page.locator("#explore-legend").inner_text()
    bold = page.evaluate("""Array.from(document.querySelectorAll('#explore-table td'))
        .filter(td => getComputedStyle(td).fontWeight >= 600).map(td => td.textContent)""")
    assert "E05000819" in bold and "E05000824" in bold


def test_hostile_url_shows_notices_not_an_error(page, app_url):
    page.goto(app_url + "/explore?indicator=%3Cscript%3E&level=nope&period=1066&areas=DROP%20TABLE")
    page.wait_for_selector("#explore-notices .alert")
    text = page.locator("#explore-notices").inner_text()
    assert "Unknown indicator" in text and "Ignored area codes" in text
    _ready(page)


def test_hover_on_the_map_shows_in_ranking_and_table_and_back(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto(app_url + START)
    _ready(page)
    page.locator("path.leaflet-interactive").nth(3).hover()
    page.wait_for_function("document.querySelectorAll('tr.obs-hover').length === 1", timeout=5000)
    page.wait_for_function("document.querySelectorAll('#explore-ranking .hoverlayer .hovertext').length === 1",
                           timeout=5000)
    page.mouse.move(5, 5)
    page.locator("#explore-ranking").scroll_into_view_if_needed()
    box = page.locator("#explore-ranking .bars path").nth(2).bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] - 5)
    page.wait_for_function("""Array.from(document.querySelectorAll('path.leaflet-interactive'))
        .filter(p => p.getAttribute('stroke') === '#f47738').length === 1""", timeout=5000)
    assert page.console_errors == []


def test_areas_can_be_selected_with_the_keyboard_alone(page, app_url):
    page.goto(app_url + START)
    _ready(page)
    page.focus("#explore-selected")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('dash-dropdown-search')")
    page.keyboard.type("Bowdon", delay=40)
    page.locator(".dash-options-list-option", has_text="Bowdon").first.wait_for(timeout=10000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    page.wait_for_function("window.location.search.includes('areas=E05000821')", timeout=10000)


def test_a_facility_layer_loads_only_when_ticked(page, app_url):
    requested = []
    page.on("request", lambda r: requested.append(r.url) if "/points/" in r.url else None)
    page.goto(app_url + START)
    _ready(page)
    assert requested == []  # nothing fetched for unticked layers
    page.hover(".leaflet-control-layers")
    page.get_by_label("Libraries").check()
    page.wait_for_function("document.querySelectorAll('path.leaflet-interactive').length > 21", timeout=10000)
    assert [u.rsplit("/", 1)[-1] for u in requested] == ["libraries.geojson"]


def _caused_by_a_click(body: str | None) -> bool:
    """Whether a callback request was set off by a selection: its changed inputs name the map or the selection."""
    changed = json.loads(body or "{}").get("changedPropIds") or []
    return any(p.startswith(("explore-selected.", "explore-geojson.")) for p in changed)


def test_a_click_is_one_round_trip_and_outlines_its_bar_in_the_browser(page, app_url):
    posts = []  # requests the click set off, told from the page's own first callbacks by what changed
    page.on("request", lambda r: posts.append(r.post_data) if "_dash-update-component" in r.url
            and _caused_by_a_click(r.post_data) else None)
    page.goto(app_url + START)
    _ready(page)
    assert posts == []
    page.locator("path.leaflet-interactive").nth(5).click()
    page.wait_for_function("window.location.search.includes('areas=E050008')", timeout=10000)
    code = re.search(r"areas=(E05\d{6})", page.url).group(1)
    page.wait_for_function(f"""(() => {{ const g = document.querySelector('#explore-ranking .js-plotly-plot');
        const i = Array.from(g.data[0].customdata).indexOf('{code}');
        return i >= 0 && g.data[0].marker.line.width[i] === 3; }})()""", timeout=10000)
    # the trend's answer has arrived: every request the click set off was sent with it, at the same moment
    page.wait_for_function("document.querySelector('#explore-profile-links a') !== null", timeout=10000)
    assert len(posts) == 1 and "explore-trend" in posts[0], posts
    assert page.console_errors == []


def test_shift_click_adds_and_a_ranking_bar_selects(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 1400})
    page.goto(app_url + START)
    _ready(page)
    paths = page.locator("path.leaflet-interactive")
    paths.nth(2).click()
    page.wait_for_function("(new URLSearchParams(location.search).get('areas') || '').split(',').length === 1")
    paths.nth(8).click(modifiers=["Shift"])
    page.wait_for_function("(new URLSearchParams(location.search).get('areas') || '').split(',').length === 2")
    page.locator("#explore-ranking").scroll_into_view_if_needed()
    free = page.evaluate("""(() => { const g = document.querySelector('#explore-ranking .js-plotly-plot');
        const chosen = new URLSearchParams(location.search).get('areas').split(',');
        return g.data[0].customdata.findIndex(c => !chosen.includes(c)); })()""")
    box = page.locator("#explore-ranking .bars path").nth(free).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] - 5)
    page.wait_for_function("(new URLSearchParams(location.search).get('areas') || '').split(',').length === 3")
    assert page.console_errors == []


def test_choosing_an_indicator_in_the_list_updates_every_view(page, app_url):
    page.goto(app_url + "/explore?indicator=bad_health&level=ward_2022")
    _ready(page)
    page.click("#explore-theme")
    page.locator(".dash-options-list-option", has_text="Population and age").click()
    page.click("#explore-indicator")
    page.fill(".dash-dropdown-search", "65 and over")
    page.locator(".dash-options-list-option", has_text="Residents aged 65 and over (mid-year").click()
    page.wait_for_function("window.location.search.includes('indicator=population_aged_65_plus')", timeout=15000)
    page.wait_for_function("(document.querySelector('#explore-title')?.textContent ?? '').startsWith('Residents aged 65')",
                           timeout=15000)
    assert "65" in page.locator("#explore-meta h2").inner_text()
    assert page.console_errors == []


def test_default_view_has_colours_and_a_theme_change_keeps_the_level(page, app_url):
    from tests.browser.test_compare import _choose

    page.goto(app_url + "/explore")
    _ready(page)
    fills = page.evaluate("""new Set(Array.from(document.querySelectorAll('path.leaflet-interactive'))
        .map(p => p.getAttribute('fill'))).size""")
    assert fills >= 3  # the default view opens on colours, not a white map
    assert "Wards (2023)" in page.locator("#explore-level").inner_text()
    legend = page.locator("#explore-legend").inner_text()
    box = page.locator("#explore-classify").inner_text()
    assert box.split(":")[0].split(" ")[0] in legend  # the colour box and the legend agree
    before = page.locator("#explore-indicator").inner_text()
    page.wait_for_function("window.location.search.includes('indicator=')", timeout=15000)
    indicator = re.search(r"indicator=([\w-]+)", page.url).group(1)
    theme = "Population and age" if "Population" not in page.locator("#explore-theme").inner_text() else "Housing"
    _choose(page, "explore-theme", theme)
    page.wait_for_function(f"(document.querySelector('#explore-indicator')?.innerText ?? {before!r}) !== {before!r}", timeout=15000)
    # the address follows the whole chain of the theme's change (indicator, then level, then the map): once it
    # names the new indicator, the level the chain settled on is in it too
    page.wait_for_function(f"!window.location.search.includes('indicator={indicator}')", timeout=15000)
    assert "Wards (2023)" in page.locator("#explore-level").inner_text()
    assert "level=ward_2023" in page.url
    assert page.console_errors == []


def test_default_map_is_coloured_on_a_cold_load(page, app_url):
    """The map's library loads on demand: the colours set while it loads still reach the map (not one grey)."""
    page.goto(app_url + "/explore")
    page.wait_for_selector("#explore-legend .legend-swatch", timeout=20000)
    swatches = page.evaluate("""Array.from(document.querySelectorAll('#explore-legend .legend-swatch'))
        .map(s => getComputedStyle(s).backgroundColor)""")
    assert len(set(swatches)) >= 3, swatches
    # the fills are the legend's colours: wait for at least three of them on the map, then compare the sets
    page.wait_for_function("""new Set(Array.from(document.querySelectorAll('path.leaflet-interactive'))
        .map(p => p.getAttribute('fill'))).size >= 3""", timeout=20000)
    fills = page.evaluate("""Array.from(new Set(Array.from(document.querySelectorAll('path.leaflet-interactive'))
        .map(p => { const d = document.createElement('i'); d.style.color = p.getAttribute('fill');
                    document.body.appendChild(d); const c = getComputedStyle(d).color; d.remove(); return c; })))""")
    assert set(fills) <= set(swatches) | {"rgb(217, 217, 217)"}, (fills, swatches)
    assert page.console_errors == []
