"""Links are built only by components/urls.py: no other source file spells an app path or a query string."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from components import urls

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("pages", "components", "report", "routes", "accounts", "sharing", "interventions", "app.py")
URL_MODULE = ROOT / "components" / "urls.py"
# the API's own OpenAPI document lists its routes relative to its server (a description, not links)
DESCRIPTIONS = {ROOT / "routes" / "openapi.py"}
PATHS = ("area", "explore", "compare", "data", "impact", "partner", "upload", "make-area", "geometry", "points",
         "login", "logout", "api")
ALTERNATIVES = "|".join(PATHS)
LOOKS_LIKE_URL = re.compile(rf"^(/({ALTERNATIVES})(\b|/|\?|$)|[?&][a-z_]+=)")
HREF_IN_TEXT = re.compile(rf"""(href|action)=["']/({ALTERNATIVES})\b""")


def _exempt_nodes(tree: ast.AST) -> set[int]:
    """Nodes that name a route rather than link to one: decorator arguments and str.startswith(...) tests."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for d in node.decorator_list:
                skip.update(id(n) for n in ast.walk(d))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in ("startswith", "endswith")):
            skip.update(id(n) for a in node.args for n in ast.walk(a))
    return skip


def built_urls(path: Path) -> list[str]:
    """Each string constant in a file (f-string pieces included, docstrings not) that spells an app path or a
    query parameter, as 'file:line: text'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _exempt_nodes(tree)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))  # a docstring may mention a path
    found = []
    for node in ast.walk(tree):
        if id(node) in skip or not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
            continue
        if LOOKS_LIKE_URL.match(node.value) or HREF_IN_TEXT.search(node.value):
            where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name
            hit = f"{where}:{node.lineno}: {node.value[:60]!r}"
            if hit not in found:
                found.append(hit)
    return found


def _sources() -> list[Path]:
    files = []
    for room in ROOMS:
        p = ROOT / room
        files += [p] if p.suffix == ".py" else sorted(p.rglob("*.py"))
    return [f for f in files if f != URL_MODULE and f not in DESCRIPTIONS]


def test_no_url_is_built_outside_the_url_module():
    found = [hit for f in _sources() for hit in built_urls(f)]
    assert found == [], "build these with components.urls:\n" + "\n".join(found)


@pytest.mark.parametrize("line", ['href = f"/area/{code}?level={level}"', 'x = "/explore?" + q',
                                  'x = "?indicator=" + i', 'x = "<a href=\'/partner\'>back</a>"'])
def test_the_check_catches_a_hand_built_link(tmp_path, line):
    (tmp_path / "bad.py").write_text(line + "\n")
    assert built_urls(tmp_path / "bad.py")


def test_route_definitions_are_not_links(tmp_path):
    (tmp_path / "ok.py").write_text('@bp.get("/area/<code>/evidence.pdf")\ndef f():\n'
                                    '    return request.path.startswith("/api/")\n')
    assert built_urls(tmp_path / "ok.py") == []


def test_urls_escape_and_leave_out_empty_values():
    assert urls.explore_url(indicator="smoking", level="ward_2023", areas=["E05000819", "E05000820"],
                            period="") == "/explore?indicator=smoking&level=ward_2023&areas=E05000819%2CE05000820"
    assert urls.area_url("E05015239") == "/area/E05015239"
    assert urls.area_url("E01006109", level="lsoa_2021") == "/area/E01006109?level=lsoa_2021"
    assert urls.custom_area_url(lsoa=["E01006109", "E01006110"], name="My area & more") == \
        "/area/custom?lsoa=E01006109,E01006110&name=My%20area%20%26%20more"
    assert urls.data_url("a/b") == "/data/a%2Fb"
    assert urls.impact_url(intervention="x y", fragment="history") == "/impact?intervention=x+y#history"
    assert urls.login_url("/private?x=1&y=2") == "/login?next=/private?x=1%26y=2"
    assert urls.api_url("data", indicator="{indicator_id}", template=True) == "/api/v1/data?indicator={indicator_id}"
    assert urls.download_url("smoking", "csv", level="la") == "/api/v1/downloads/smoking.csv?level=la"
    assert urls.link("/impact", {"comparators": ""}, keep_empty=("comparators",)) == "/impact?comparators="


def scripts_with_paths(folder: Path) -> list[str]:
    """Each quoted app path in the app's own scripts (assets/*.js, vendor libraries aside), as 'file:line: text'."""
    quoted = re.compile(rf"""["'`](/({ALTERNATIVES})(\b|/|\?))""")
    return [f"{p.name}:{n}: {line.strip()[:60]}" for p in sorted(folder.glob("*.js"))
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if quoted.search(line)]


def test_no_script_spells_an_app_path():
    """A script takes its addresses from the server (a data attribute written by components.urls), e.g. the home
    map's data-area-href (issue 18)."""
    assert scripts_with_paths(ROOT / "assets") == []


def test_the_script_check_catches_a_path(tmp_path):
    (tmp_path / "bad.js").write_text('location.assign("/area/" + code);\n')
    assert scripts_with_paths(tmp_path)


def test_an_area_address_template_has_a_slot_for_the_code():
    assert urls.area_url_template() == "/area/{code}"
    assert urls.area_url_template(level="lsoa_2021") == "/area/{code}?level=lsoa_2021"
