"""axe-core (npm package, injected into the page) finds no serious or critical violations."""

from pathlib import Path

import pytest

from tests.browser.seen import bring_into_view

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def serious_violations(page) -> list[str]:
    """The ids and targets of serious or critical axe violations on the current page."""
    if not AXE.exists():
        pytest.fail("axe-core is not installed: `make test` runs `npm install` (node_modules/axe-core)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def test_home_has_no_serious_accessibility_violations(page, app_url):
    page.goto(app_url + "/")
    page.wait_for_selector(".headline-card")
    assert serious_violations(page) == []


def test_explore_has_no_serious_accessibility_violations(page, app_url):
    page.goto(app_url + "/explore?indicator=population_aged_65_plus&level=ward_2022&areas=E05000819")
    page.wait_for_selector("path.leaflet-interactive")
    for box in ("#explore-ranking", "#explore-trend"):
        bring_into_view(page, box)  # axe reads the charts and the table as drawn, not their waiting boxes
    bring_into_view(page, "#explore-table", "tbody tr")
    page.wait_for_function("document.querySelectorAll('#explore-table tbody tr').length > 10")
    assert serious_violations(page) == []


def test_explore_reads_at_phone_width(page, app_url):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(app_url + "/explore?indicator=population_aged_65_plus&level=ward_2022")
    page.wait_for_selector("path.leaflet-interactive")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # nothing wider than the screen: no sideways scrolling


def test_impact_has_no_serious_accessibility_violations(page, app_url):
    page.goto(app_url + "/impact")
    bring_into_view(page, "#impact-analysis")
    assert serious_violations(page) == []
