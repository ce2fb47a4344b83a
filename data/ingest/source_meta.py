"""Publisher, licence and upstream commit of each raw file, from SOURCES.md and the folder it sits in."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

OGL = "Open Government Licence v3.0"
# Repositories with no stated data licence (SOURCES.md, "Licences in one paragraph"): the statistics are OGL at
# source, but the copy read here does not say so, and the store says exactly that.
CAVEAT_MARK = " at source (official statistics); the copy used here"
NO_DATA_LICENCE = ("Open Government Licence v3.0 at source (official statistics); the copy used here, from "
                   "Trafford Data Lab's {repo} repository, states no data licence (its only licence file, MIT, "
                   "covers code)")
NO_LICENCE_FILE = ("Open Government Licence v3.0 at source (official statistics); the copy used here, from "
                   "Trafford Data Lab's {repo} repository, carries no licence file at all")
# Folder -> (publisher, licence); modules may state a more exact publisher per indicator in the catalogue.
FOLDER_DEFAULTS = {
    "tdl_spatial_data": ("ONS Open Geography Portal", OGL),
    "tdl_council_open_data": ("Trafford Council", OGL),
    "tdl_open_data": ("Trafford Data Lab (official statistics)", OGL),
    "tdl_ward_data": ("Trafford Data Lab ward profiles (official statistics)", OGL),
    "tdl_trafford_themes": ("Trafford Council themes dashboard (official statistics)", OGL),
    "tdl_corporate_plan": ("Trafford Council corporate plan dashboard (official statistics)", OGL),
    "tdl_dashboard": ("Trafford Council corporate dashboard 2019/20 (official statistics)",
                      NO_DATA_LICENCE.format(repo="dashboard")),
    "tdl_analysis": ("MHCLG English Indices of Deprivation", OGL),
    "tdl_covid19": ("House of Commons Library", NO_DATA_LICENCE.format(repo="covid19")),
    "tdl_covid19_data": ("DWP, NHS Digital, ONS via Trafford Data Lab", NO_LICENCE_FILE.format(repo="covid19_data")),
    "tdl_opengovintelligence": ("DWP via Nomis", OGL),
    "tdl_parks": ("Trafford Council", "No licence stated"),
    "tdl_schools": ("Department for Education", NO_DATA_LICENCE.format(repo="schools")),
}
EXCEPTIONS = {
    "tdl_open_data/points/trafford_ev_charging_locations.csv": ("Open Charge Map", "CC BY-SA 4.0"),
    "tdl_open_data/points/trafford_allotments.csv": ("Trafford Council / OpenStreetMap", "OGL v3.0 and ODbL"),
    "tdl_open_data/road_casualties/stats19_road_casualties_gm_2019-2024jun.csv": (
        "Transport for Greater Manchester (STATS19)", "OS Free to Use Data licence"),
}
ROW = re.compile(r"^\| `data/raw/(?P<path>[^`]+)`[^|]*\| (?P<repo>\S+) `(?P<upstream>[^`]+)` @ `(?P<commit>[0-9a-f]{7,40})`")


@cache
def _sources_rows(raw: Path) -> dict[str, dict]:
    rows = {}
    doc = raw / "SOURCES.md"
    if doc.exists():
        for line in doc.read_text(encoding="utf-8").splitlines():
            m = ROW.match(line)
            if m:
                rows[m["path"]] = {"repository": m["repo"], "upstream_path": m["upstream"], "commit": m["commit"]}
    return rows


def caveated(licence: str) -> bool:
    """Whether a source's licence is one of the caveats above (no data licence stated where it was read)."""
    return CAVEAT_MARK in licence


def source_meta(raw: Path, rel: str) -> dict:
    """Publisher, licence, upstream repository, path and commit for one raw file."""
    publisher, licence = EXCEPTIONS.get(rel) or FOLDER_DEFAULTS.get(rel.split("/")[0], ("Unknown", "Unknown"))
    upstream = _sources_rows(raw).get(rel, {})
    return {"publisher": publisher, "licence": licence, "repository": upstream.get("repository"),
            "upstream_path": upstream.get("upstream_path"), "commit": upstream.get("commit")}
