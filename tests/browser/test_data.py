"""Open data in a real browser: search the catalogue with a typo, open an indicator's page, and no serious
accessibility violations on either."""

from pathlib import Path

import pytest

from tests.browser.seen import bring_into_view

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def _serious_violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: `make test` runs `npm install` (node_modules/axe-core)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def test_search_with_a_typo_then_open_the_indicator(page, app_url):
    page.goto(app_url + "/data")
    page.wait_for_selector("#data-count", timeout=20000)
    page.locator("#data-q").focus()
    page.keyboard.type("obesty")  # a typo for obesity
    page.wait_for_function("(document.querySelector('#data-count')?.textContent ?? '').includes('obesty')", timeout=30000)
    page.wait_for_function("window.location.search === '?q=obesty'", timeout=5000)
    first = page.locator(".data-result h3 a").first
    assert "obes" in first.inner_text().lower()
    first.focus()
    page.keyboard.press("Enter")  # keyboard operable
    page.wait_for_selector("#about", timeout=20000)
    assert page.url.startswith(app_url + "/data/")
    assert "obes" in page.locator("h1").inner_text().lower()
    assert page.locator(".coverage-table tbody tr").count() >= 1
    assert page.locator("a[href*='/api/v1/downloads/']").count() >= 2
    assert page.console_errors == []


def test_a_shared_catalogue_link_reopens_the_filters(page, app_url):
    page.goto(app_url + "/data?q=claimant&level=ward_2023")
    page.wait_for_selector("#data-count", timeout=20000)
    assert page.locator("#data-q").input_value() == "claimant"
    assert "claimant" in page.locator("#data-count").inner_text()
    names = page.locator(".data-result h3").all_inner_texts()
    assert names and all("laimant" in n for n in names[:2])


def test_data_pages_have_no_serious_accessibility_violations(page, app_url):
    page.goto(app_url + "/data")
    page.wait_for_selector("#data-count", timeout=20000)
    assert _serious_violations(page) == []
    page.goto(app_url + "/data/claimant_rate")
    bring_into_view(page, "#data-indicator-trend", ".main-svg")
    assert _serious_violations(page) == []
