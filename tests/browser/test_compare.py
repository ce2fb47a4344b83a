"""Compare in a real browser: sort the grid, follow a cell into Explore, switch views, accessibility and phone width."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.seen import bring_into_view
from tests.browser.test_accessibility import serious_violations

pytestmark = pytest.mark.browser
LSOA_GRID = "/compare?theme=population&level=lsoa_2021"


def _grid_ready(page):
    page.wait_for_function("document.querySelectorAll('#compare-grid-body .cmp-grid tbody tr').length > 3",
                           timeout=20000)


def _choose(page, dropdown_id: str, text: str):
    """Pick an option of a dcc.Dropdown: open it from the keyboard, type to filter, choose the match."""
    page.focus(f"#{dropdown_id}")
    page.keyboard.press("Enter")
    search = page.locator(".dash-dropdown-search:visible").first
    search.wait_for(timeout=10000)
    search.fill(text)
    page.locator(".dash-options-list-option:visible", has_text=text).first.click()
    page.keyboard.press("Escape")


def _sorted_row_values(page) -> list[float]:
    """The numbers of the grid row marked '(sorted)', left to right (areas only, missing values skipped)."""
    texts = page.evaluate("""Array.from(document.querySelectorAll('#compare-grid-body tbody tr'))
        .filter(tr => tr.querySelector('th').textContent.includes('(sorted)'))
        .map(tr => Array.from(tr.querySelectorAll('td.cmp-cell')).map(td => td.textContent))[0] || []""")
    return [float(m.group(0).replace(",", "")) for t in texts if (m := re.match(r"[\d,.]+", t))]


def test_sort_the_grid_then_follow_a_cell_into_explore(page, app_url):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(app_url + LSOA_GRID)
    _grid_ready(page)
    cells = page.locator("#compare-grid-body td.cmp-cell").count()
    assert cells >= 7 * 139  # every LSOA (how fast is `make bench`'s to judge: a wall clock here races the machine)
    _choose(page, "compare-sort", "Residents aged 65 and over (mid-year")
    page.wait_for_function("window.location.search.includes('sort=population_aged_65_plus')", timeout=15000)
    page.wait_for_function("""Array.from(document.querySelectorAll('#compare-grid-body tbody th'))
        .some(th => th.textContent.includes('(sorted)'))""", timeout=15000)
    values = _sorted_row_values(page)
    assert len(values) > 100 and values == sorted(values, reverse=True)
    _choose(page, "compare-order", "Lowest value first")
    page.wait_for_function("window.location.search.includes('order=asc')", timeout=15000)
    page.wait_for_function("""(() => { const tr = Array.from(document.querySelectorAll('#compare-grid-body tbody tr'))
        .find(tr => tr.querySelector('th').textContent.includes('(sorted)'));
        if (!tr) { return false; }  // the grid is being replaced
        const v = Array.from(tr.querySelectorAll('td.cmp-cell')).map(td => parseFloat(td.textContent));
        return v[0] <= v[v.length - 1]; })()""", timeout=15000)
    values = _sorted_row_values(page)
    assert values == sorted(values)
    link = page.locator("#compare-grid-body tbody tr", has_text="(sorted)").locator("td.cmp-cell a").first
    href = link.get_attribute("href")
    link.focus()
    page.keyboard.press("Enter")  # a cell is a link: the keyboard follows it too
    page.wait_for_url("**/explore?**", timeout=15000)
    params = parse_qs(urlparse(href).query)
    assert params["indicator"] == ["population_aged_65_plus"] and params["level"] == ["lsoa_2021"]
    code = params["areas"][0]
    page.wait_for_function(f"window.location.search.includes('areas={code}')", timeout=15000)
    page.wait_for_function("document.querySelector('#explore-title') && document.querySelector('#explore-title')"
                           ".textContent.startsWith('Residents aged 65 and over')", timeout=20000)
    assert page.console_errors == []


def test_switch_views_and_reopen_a_copied_url(page, app_url):
    page.goto(app_url + "/compare?theme=health&level=ward_2022")
    _grid_ready(page)
    page.locator("#compare-view").get_by_text("Two indicators", exact=True).click()
    page.wait_for_function("window.location.search.includes('view=scatter')", timeout=15000)
    bring_into_view(page, "#compare-scatter-body")
    assert "R² =" in page.locator("#compare-scatter-body").inner_text()
    with page.expect_download(timeout=15000) as download:
        page.click("#compare-scatter-csv")
    text = open(download.value.path(), encoding="utf-8").read()
    assert text.startswith("# Compare:") and "Licence" in text.splitlines()[1] and "area_code" in text
    assert page.locator("#compare-grid-section").is_hidden()
    _choose(page, "compare-areas", "Altrincham")
    page.wait_for_function("window.location.search.includes('areas=E05000819')", timeout=15000)
    page.locator("#compare-view").get_by_text("Side by side", exact=True).click()
    page.wait_for_selector("#compare-side-body .alert", timeout=15000)  # one area: asks for a second
    url = page.url
    page.goto(url)
    page.wait_for_selector("#compare-side-body .alert", timeout=20000)
    assert page.locator("#compare-view input:checked").get_attribute("value") == "side"
    assert page.console_errors == []


def test_compare_has_no_serious_accessibility_violations(page, app_url):
    for view in ("grid", "scatter", "inequality", "similar"):
        page.goto(app_url + f"/compare?view={view}&areas=E05000819,E05000820")
        page.wait_for_function(f"document.querySelector('#compare-{view}-body') && "
                               f"(document.querySelector('#compare-{view}-body')?.children.length ?? 0) > 0", timeout=20000)
        # wait for what axe checks, not for a while: every dropdown drawn and its focus target no longer hidden
        page.wait_for_function("""document.querySelectorAll('#compare-theme, #compare-level').length === 2 &&
            document.querySelectorAll('.dash-dropdown-focus-target[aria-hidden]').length === 0""", timeout=20000)
        assert serious_violations(page) == [], view


def test_compare_reads_at_phone_width(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url + LSOA_GRID)
    _grid_ready(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # the grid scrolls inside its own box, the page does not


def test_ward_grid_has_colour_where_nothing_is_judged(page, app_url):
    page.goto(app_url + "/compare?theme=health&level=ward_2023&benchmark=la")
    _grid_ready(page)
    shaded = page.locator("#compare-grid-body td.cmp-cell.cmp-q").count()
    plain = page.locator("#compare-grid-body td.cmp-cell.judgement-not_compared").count()
    assert shaded > 21 and shaded > plain  # unjudged cells show their fifth, not white
    label = page.locator("#compare-grid-body td.cmp-q a").first.get_attribute("aria-label")
    assert "fifth of wards" in label and "not tested" in label
    assert page.console_errors == []
