"""No layout or callback swallows an exception: a broad except logs (or re-raises), every page layout goes through
the one boundary (pages/_boundary.py), and a failing layout logs its traceback and shows the friendly message."""

from __future__ import annotations

import ast
import json
import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("pages", "components", "report", "routes", "app.py")
BROAD = {"Exception", "BaseException"}
LOGS = {"exception", "error", "warning", "info", "log", "critical"}


def _is_broad(handler: ast.ExceptHandler) -> bool:
    t = handler.type
    names = [] if t is None else (t.elts if isinstance(t, ast.Tuple) else [t])
    return t is None or any(isinstance(n, ast.Name) and n.id in BROAD for n in names)


def _logs_or_raises(handler: ast.ExceptHandler) -> bool:
    for node in ast.walk(ast.Module(body=handler.body, type_ignores=[])):
        if isinstance(node, ast.Raise):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in LOGS:
            return True
    return False


def silent_handlers(path: Path) -> list[str]:
    """Each broad except in a file that neither logs nor re-raises, as 'file:line'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
    return [f"{where}:{h.lineno}" for h in ast.walk(tree)
            if isinstance(h, ast.ExceptHandler) and _is_broad(h) and not _logs_or_raises(h)]


def _sources() -> list[Path]:
    files = []
    for room in ROOMS:
        p = ROOT / room
        files += [p] if p.suffix == ".py" else sorted(p.rglob("*.py"))
    return files


def test_no_broad_except_is_silent():
    found = [hit for f in _sources() for hit in silent_handlers(f)]
    assert found == [], "log the traceback (or catch the error you expect):\n" + "\n".join(found)


@pytest.mark.parametrize("body", ["try:\n    f()\nexcept Exception:\n    pass\n",
                                  "try:\n    f()\nexcept:\n    x = 1\n",
                                  "try:\n    f()\nexcept (ValueError, Exception) as e:\n    return_alert(e)\n"])
def test_the_check_catches_a_silent_handler(tmp_path, body):
    (tmp_path / "bad.py").write_text(body)
    assert silent_handlers(tmp_path / "bad.py")


def test_narrow_and_logged_handlers_pass(tmp_path):
    (tmp_path / "ok.py").write_text("try:\n    f()\nexcept KeyError:\n    pass\n"
                                    "try:\n    f()\nexcept Exception:\n    log.exception('x')\n")
    assert silent_handlers(tmp_path / "ok.py") == []


def test_every_page_layout_goes_through_the_boundary():
    unguarded = []
    for path in sorted((ROOT / "pages").glob("[!_]*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and node.name == "layout":
                names = {ast.unparse(d).split("(")[0] for d in node.decorator_list}
                if "guarded" not in names:
                    unguarded.append(path.name)
    assert unguarded == []


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=str)


def test_a_failing_layout_logs_its_traceback_and_says_so_plainly(dash_app, seeded_store, monkeypatch, caplog):
    import pages.explore as explore
    from pages._boundary import FAULT

    def broken():
        raise RuntimeError("internal detail: /secret/path")

    monkeypatch.setattr(explore.queries, "indicators", broken)
    with caplog.at_level(logging.ERROR, logger="observatory.pages"):
        page = explore.layout(indicator="smoking")
    text = _text(page)
    assert FAULT in text and "secret" not in text  # the person sees the plain message, never internals
    record = next(r for r in caplog.records if r.name == "observatory.pages")
    assert record.levelno == logging.ERROR and record.exc_info and "internal detail" in str(record.exc_info[1])


def test_a_missing_store_is_said_in_words_without_a_traceback(dash_app, seeded_store, monkeypatch, caplog):
    import pages.home as home
    from queries.db import StoreMissing

    def missing(*_a, **_k):
        raise StoreMissing("No indicator store at /nowhere: run `make store`.")

    monkeypatch.setattr(home.queries, "area_latest", missing)
    with caplog.at_level(logging.WARNING, logger="observatory.pages"):
        text = _text(home.layout())
    assert "The indicator store is not available" in text and "make store" in text
    assert any(r.levelno == logging.WARNING and not r.exc_info for r in caplog.records)


def test_a_title_falls_back_and_logs(dash_app, seeded_store, monkeypatch, caplog):
    import pages.data_indicator as page

    monkeypatch.setattr(page.queries, "indicator", lambda _i: 1 / 0)
    with caplog.at_level(logging.ERROR, logger="observatory.pages"):
        assert page._title("smoking") == "Open data · Trafford Data Observatory"
    assert any(r.exc_info for r in caplog.records)
