"""The arrows that must never exist between rooms, checked on every import in the source tree."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# (room, modules it must never import, why)
RULES = (
    ("components", ("queries", "data.ingest", "pages", "routes", "duckdb"), "components are pure builders: no I/O"),
    ("analysis", ("queries", "pages", "components", "routes", "data.ingest", "dash", "duckdb"),
     "analysis is pure numbers: an analyst imports it without the app"),
    ("queries", ("pages", "components", "routes", "report"), "queries return data; they know no page"),
    ("pages", ("data.ingest", "duckdb"), "pages never run the build or SQL themselves"),
    ("report", ("pages", "data.ingest", "duckdb"), "report assembles through queries and analysis"),
    ("routes", ("pages", "data.ingest", "duckdb"), "routes call the same queries as the pages"),
)


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def violations(root: Path, rules=RULES) -> list[str]:
    """Each forbidden import under `root` as 'file imports module (why)'."""
    found = []
    for room, forbidden, why in rules:
        for path in sorted((root / room).rglob("*.py")):
            for module in sorted(imported_modules(path)):
                if any(module == f or module.startswith(f + ".") for f in forbidden):
                    found.append(f"{path.relative_to(root)} imports {module} ({why})")
    return found


def test_no_room_imports_what_it_must_not():
    assert violations(ROOT) == []


@pytest.mark.parametrize("line", ["from queries.values import level_values", "import queries",
                                  "def f():\n    from queries import db\n    return db"])
def test_the_rule_catches_a_component_that_imports_queries(tmp_path, line):
    """A scratch tree with one offending component: the check must name it."""
    (tmp_path / "components").mkdir()
    (tmp_path / "components" / "bad.py").write_text(line + "\n")
    found = violations(tmp_path)
    assert found and all(f.startswith("components/bad.py imports queries") for f in found)


def test_only_queries_runs_sql():
    """duckdb is imported only by the query layer (and the build, tests and bench)."""
    allowed = ("queries", "data", "tests", "bench", ".venv", "node_modules")
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
                 if p.relative_to(ROOT).parts[0] not in allowed and "duckdb" in imported_modules(p)]
    assert offenders == []


def test_only_statedb_talks_to_the_state_database():
    """sqlite3 and psycopg are imported only by statedb (docs/state.md), and by tests."""
    allowed = ("statedb", "tests", "bench", ".venv", "node_modules")
    offenders = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py")
                 if p.relative_to(ROOT).parts[0] not in allowed
                 and {"sqlite3", "psycopg"} & {m.split(".")[0] for m in imported_modules(p)}]
    assert offenders == []


def test_the_intervention_register_has_one_way_in():
    """Outside interventions/ (and its tests) the register is reached through the package, `from interventions
    import register`, never through one of its modules (interventions.store, .csvio, .model, .examples)."""
    allowed = ("interventions", "tests", "bench", ".venv", "node_modules")
    offenders = [f"{p.relative_to(ROOT)} imports {m}" for p in sorted(ROOT.rglob("*.py"))
                 if p.relative_to(ROOT).parts[0] not in allowed
                 for m in sorted(imported_modules(p)) if m.startswith("interventions.")
                 and m.split(".")[1] in {"store", "csvio", "model", "examples"}]
    assert offenders == []
