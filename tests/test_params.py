"""One way to read URL parameters (components/params.py), and the shared vocabulary written once (data/schema.py)."""

from __future__ import annotations

import re
from pathlib import Path

from components.params import Params, first

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("pages", "components", "report", "routes", "queries", "analysis", "accounts", "sharing", "interventions",
         "data")


def test_each_parameter_is_valid_invalid_with_a_notice_or_missing():
    p = Params({"view": "grid", "order": "sideways", "theme": "nonsense"})
    assert p.one("view", ("grid", "side"), "side", "bad view") == "grid"  # valid: kept
    assert p.one("order", ("asc", "desc"), "desc") == "desc"  # invalid, no notice: replaced silently
    assert p.one("theme", ("health",), "health", "No theme “{value:.4}”: showing {default}.") == "health"
    assert p.one("period", ("2020",), "2020", "never said", missing="latest") == "latest"  # missing
    assert p.notices == ["No theme “nons”: showing health."]


def test_a_notice_may_be_a_function_and_allowed_a_predicate():
    p = Params({"target": " e05015253 ", "level": "ward_1999"})
    assert p.one("target", re.compile(r"^E\d{8}$").match, "", upper=True) == "E05015253"
    p.one("level", ("la",), "la", lambda v: f"no {v}")
    assert p.notices == ["no ward_1999"]


def test_codes_drop_invalid_and_repeated_ones_and_keep_at_most_some():
    p = Params({"areas": "e05015253, E05015253,x1,E05015244,E05015245"})
    got = p.codes("areas", 2, "Ignored: {codes}.", "At most 2.")
    assert got == ["E05015253", "E05015244"]
    assert p.notices == ["Ignored: E05015253, X1.", "At most 2."]


def test_first_keeps_a_repeated_parameters_first_value_trimmed_and_cut():
    assert first(["  a ", "b"]) == "a" and first(None) == "" and first("x" * 500, limit=3) == "xxx"


def _source_files():
    for room in ROOMS:
        for path in (ROOT / room).rglob("*.py"):
            if "ingest" not in path.parts:  # the build names its raw files' levels itself
                yield path


def test_the_list_of_map_levels_and_the_benchmark_codes_are_written_once():
    """data.schema.MAP_LEVELS and its codes: a page that needs them imports them (issue 18)."""
    levels = re.compile(r'"ward_2023",\s*"ward_2022",\s*"lsoa_2021"')
    codes = re.compile(r'"(E08000009|E47000001|E92000001)"')
    found = [f"{path.relative_to(ROOT)}:{n}" for path in _source_files()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if (levels.search(line) or codes.search(line)) and path.relative_to(ROOT) != Path("data/schema.py")]
    assert found == []
