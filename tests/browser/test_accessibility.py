"""axe-core (npm package, injected into the page) finds no serious or critical violations."""

from pathlib import Path

import pytest

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
