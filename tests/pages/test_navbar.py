"""The navbar's callbacks belong to the shell: app.create_app registers them, no page import does (issue 18)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_shell_registers_the_navbar_search_and_account_link(dash_app):
    outputs = " ".join(dash_app.callback_map)
    for output in ("area-search-results.children", "area-search-go.href", "nav-account.children"):
        assert output in outputs


def test_no_page_is_imported_for_its_side_effects():
    """`import pages._x  # noqa: F401` (a module imported only to register callbacks) is the shell's job now."""
    found = [f"{p.relative_to(ROOT)}: {line.strip()}" for p in (ROOT / "pages").glob("*.py")
             for line in p.read_text(encoding="utf-8").splitlines()
             if line.startswith(("import pages.", "from pages")) and "F401" in line]
    assert found == []
