"""/impact in a real browser: sign in, add an intervention through the form, see it marked on Explore's trend and
the area profile's sparkline; the page reads at phone width (axe: tests/browser/test_accessibility.py)."""

import time

import pytest

from tests.browser.seen import bring_into_view
from tests.conftest import TEST_ADMIN

pytestmark = pytest.mark.browser
AREA, LEVEL, INDICATOR = "E05000819", "ward_2022", "population_aged_65_plus"


def _sign_in(page, app_url):
    page.goto(app_url + "/login?next=/impact")
    page.fill("#username", TEST_ADMIN[0])
    page.fill("#password", TEST_ADMIN[1])
    page.click("button[type=submit]")
    page.wait_for_url("**/impact", timeout=15000)


def _choose(page, dropdown_id: str, text: str):
    """Pick an option of a dcc.Dropdown: open it, type to filter, click the match."""
    page.click(f"#{dropdown_id}")
    page.wait_for_function("document.activeElement && document.activeElement.classList.contains('dash-dropdown-search')")
    page.keyboard.type(text, delay=20)
    page.locator(".dash-options-list-option:visible", has_text=text).first.click()
    page.keyboard.press("Escape")


def test_add_an_intervention_and_see_it_marked_on_the_trends(page, app_url):
    title = f"Later-life wellbeing visits {int(time.time())}"
    _sign_in(page, app_url)
    page.wait_for_selector("#impact-title", timeout=20000)
    page.fill("#impact-title", title)
    page.fill("#impact-organisation", "Test partner")
    _choose(page, "impact-theme", "Population and age")
    _choose(page, "impact-areas", AREA)
    page.fill("#impact-start", "2019-01-01")
    page.fill("#impact-cost_total", "25000")
    _choose(page, "impact-increase", "Residents aged 65 and over (mid-year")
    page.click("#impact-save")
    page.wait_for_selector("#impact-status .alert-success", timeout=15000)
    page.wait_for_function(f"(document.querySelector('#impact-table')?.innerText ?? '').includes({title!r})", timeout=15000)

    page.goto(app_url + f"/explore?indicator={INDICATOR}&level={LEVEL}&areas={AREA}")
    bring_into_view(page, "#explore-trend")
    page.wait_for_function(f"""(() => {{ const g = document.querySelector('#explore-trend .js-plotly-plot');
        return g && g.layout && (g.layout.shapes || []).some(s => (s.name || '').includes({title!r})); }})()""",
                           timeout=15000)
    hover = page.evaluate("""Array.from(document.querySelector('#explore-trend .js-plotly-plot').data)
        .filter(t => t.name === 'Interventions').map(t => t.hovertext.join(' ')).join(' ')""")
    assert title in hover

    page.goto(app_url + f"/area/{AREA}?level={LEVEL}")
    page.wait_for_selector("img.sparkline", state="attached", timeout=20000)
    alts = page.evaluate("Array.from(document.querySelectorAll('img.sparkline')).map(i => i.alt + decodeURIComponent(i.src))")
    marked = [a for a in alts if title in a]
    assert marked and 'class="intervention"' in marked[0]
    assert page.console_errors == []


def test_signed_out_visitors_see_the_register_and_a_sign_in_link(page, app_url):
    page.goto(app_url + "/impact?intervention=example-bucklow-job-club&indicator=claimant_rate")
    page.wait_for_selector("#impact-table table", timeout=20000)
    assert page.locator("text=Sign in to add or edit").get_attribute("href") == "/login?next=/impact"
    assert page.locator("#impact-title").count() == 0
    assert "Example" in page.locator("#impact-table").inner_text()
    bring_into_view(page, "#impact-analysis")
    assert "Association, not proof" in page.locator("#impact-analysis").inner_text()


def test_impact_reads_at_phone_width(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url + "/impact")
    bring_into_view(page, "#impact-analysis")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
