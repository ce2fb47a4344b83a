"""The whole observatory as one file: a zip of the parquet store with a README of its schema, built once per version."""

from __future__ import annotations

import os
import tempfile
import threading
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from fileio import atomic_path
from queries import db
from queries.opendata import store_version

SPEED_COPY = "values_by_area"
TABLE_DOCS = {
    "values": "Every value: one row per indicator, area, period and breakdown. Partitioned by level "
              "(`values/level=<level>/part-<i00..i15>.parquet`, split by indicator; the `level` column comes from the folder name) and sorted "
              "by indicator, period and area.",
    "latest": "Each area's latest value of every indicator (partitioned by level like `values`).",
    "indicators": "The catalogue: one row per indicator with its definition, unit, polarity, interval method, "
                  "publisher, licence, source URL and coverage.",
    "areas": "Every area: code, name, level and parent (LSOA -> ward -> Trafford -> Greater Manchester -> England).",
    "area_links": "Overlaps between area vintages (pre-2023 -> 2023 wards, LSOA 2011 -> 2021).",
    "periods": "Every period label with its start and end dates and type.",
    "stats": "Per indicator, level, period and breakdown: n, min, quartiles, max and mean (the spine charts).",
    "coverage": "Per indicator: each level, period and breakdown it has, the period's start and how many areas have "
                "a row (sorted by indicator).",
    "points": "Facilities (libraries, schools, ...): category, name, address, lon/lat and source.",
    "sources": "Every raw file the store was built from: publisher, licence, upstream repository, commit, SHA-256.",
}
COLUMN_DOCS = {
    "indicator_id": "indicator key (see indicators)", "level": "area level key", "area_code": "ONS GSS code",
    "area_name": "area name", "period": "canonical period label (see periods)", "breakdown": "sex, band, ... "
    "(`Persons` when not broken down)", "value": "the figure (NULL when suppressed or missing)",
    "lower_ci": "lower 95% confidence limit", "upper_ci": "upper 95% confidence limit",
    "lower_ci_998": "lower 99.8% limit", "upper_ci_998": "upper 99.8% limit", "numerator": "count behind the value",
    "denominator": "population behind the value", "suppressed": "value withheld by the publisher",
    "estimated": "value estimated", "provisional": "value provisional", "period_start": "first day of the period",
    "period_end": "last day of the period", "source_path": "raw file the row came from (see sources)",
    "trafford_value": "Trafford's value in the same period (latest)", "trafford_lower": "its lower 95% limit",
    "trafford_upper": "its upper 95% limit", "gm_value": "Greater Manchester's value in the same period (latest)",
    "gm_lower": "its lower 95% limit", "gm_upper": "its upper 95% limit",
    "england_value": "England's value in the same period (latest)", "england_lower": "its lower 95% limit",
    "england_upper": "its upper 95% limit",
    "name": "name", "theme": "theme key", "theme_name": "theme", "definition": "what is measured",
    "unit": "unit shown", "value_type": "kind of value", "multiplier": "scale (100 for percentages)",
    "polarity": "high_is_good, low_is_good or no_judgement", "ci_method": "how intervals were made",
    "publisher": "publisher", "licence": "licence", "source_url": "publisher's page", "notes": "notes",
    "plain": "the figure in everyday words ({value} or {number} marks where it goes, {where} where the place goes)",
    "levels": "levels with data", "periods": "periods with data", "latest_period": "latest period",
    "data_date": "end of the latest period", "parent_code": "parent area code", "parent_level": "parent's level",
    "n_areas": "areas with a row (NULL values counted)",
}
LICENCE = ("Contains public sector information licensed under the Open Government Licence v3.0, except where a "
           "row's indicator or source says otherwise (see `indicators.licence` and `sources.licence`). Boundaries: "
           "contains National Statistics and OS data © Crown copyright and database right.")
_lock = threading.Lock()


def export_dir() -> Path:
    """Where built exports are kept (OBSERVATORY_EXPORTS, else a folder in the system temp dir)."""
    return Path(os.environ.get("OBSERVATORY_EXPORTS") or Path(tempfile.gettempdir()) / "observatory-exports")


def observatory_zip() -> Path:
    """The path of the zip of the current store (built on first request for a store version, then reused)."""
    version = store_version()
    target = export_dir() / f"trafford-observatory-{version[:16]}.zip"
    if target.exists():
        return target
    with _lock:
        if target.exists():
            return target
        store = db.store_path()
        with atomic_path(target) as tmp:  # another worker never sees half a file
            with zipfile.ZipFile(tmp, "w") as zf:
                zf.writestr("README.md", readme(store, version), compress_type=zipfile.ZIP_DEFLATED)
                zf.writestr("load.sql", LOAD_SQL, compress_type=zipfile.ZIP_DEFLATED)
                for path in sorted(store.rglob("*")):
                    # values_by_area is the same rows sorted another way for speed: the download leaves it out
                    if path.is_file() and not path.name.startswith(".") and SPEED_COPY not in path.parts:
                        # parquet is compressed already: stored as is; JSON and GeoJSON deflated
                        kind = zipfile.ZIP_STORED if path.suffix == ".parquet" else zipfile.ZIP_DEFLATED
                        zf.write(path, path.relative_to(store).as_posix(), compress_type=kind)
    return target


LOAD_SQL = """-- Open the observatory in DuckDB: run `duckdb -init load.sql` in the unzipped folder.
CREATE VIEW values_t AS SELECT * FROM read_parquet('values/*/*.parquet', hive_partitioning = true);
CREATE VIEW latest_t AS SELECT * FROM read_parquet('latest/*/*.parquet', hive_partitioning = true);
CREATE VIEW indicators_t AS SELECT * FROM 'indicators.parquet';
CREATE VIEW areas_t AS SELECT * FROM 'areas.parquet';
CREATE VIEW area_links_t AS SELECT * FROM 'area_links.parquet';
CREATE VIEW periods_t AS SELECT * FROM 'periods.parquet';
CREATE VIEW stats_t AS SELECT * FROM 'stats.parquet';
CREATE VIEW coverage_t AS SELECT * FROM 'coverage.parquet';
CREATE VIEW points_t AS SELECT * FROM 'points.parquet';
CREATE VIEW sources_t AS SELECT * FROM 'sources.parquet';
"""


def readme(store: Path, version: str) -> str:
    """The README of an export: what each table holds, its columns and types, and how to read it."""
    lines = [
        "# Trafford Data Observatory: the whole store",
        "",
        f"Store version `{version}` (a content hash of the build), exported "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}. These are the files the website and the API read: "
        "every number they show can be reproduced from them.",
        "",
        "## Licence",
        "",
        LICENCE,
        "",
        "## Reading it",
        "",
        "```python",
        "import pandas as pd",
        "values = pd.read_parquet('values')            # every level; `level` from the folder names",
        "ind = pd.read_parquet('indicators.parquet')",
        "wards = values[(values.level == 'ward_2023') & (values.indicator_id == 'claimant_rate')]",
        "```",
        "",
        "```sh",
        "duckdb -init load.sql   # views values_t, indicators_t, areas_t, ... (see load.sql)",
        "```",
        "",
        "The statistics (intervals, significance, trends) are the `analysis` package of the observatory's "
        "source code (`from analysis.stats import proportion_ci, compare, recent_trend, ...`).",
        "",
        "## Tables",
    ]
    for name, doc in TABLE_DOCS.items():
        files = sorted((store / name).glob("*/*.parquet")) if (store / name).is_dir() else [store / f"{name}.parquet"]
        files = [f for f in files if f.exists()]
        if not files:
            continue
        import pyarrow.parquet as pq  # here, not at import: `import queries` stays quick to start

        rows = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
        schema = pq.read_schema(files[0])
        where = f"`{name}/level=<level>/part-*.parquet`" if (store / name).is_dir() else f"`{name}.parquet`"
        lines += ["", f"### {name}", "", doc, "", f"{where}: {rows:,} rows.", "", "| column | type | meaning |",
                  "|---|---|---|"]
        if (store / name).is_dir():
            lines.append("| level | string (from the folder) | area level key |")
        for field in schema:
            lines.append(f"| {field.name} | {field.type} | {COLUMN_DOCS.get(field.name, '')} |")
    lines += ["", "## Also here", "", "- `geometry/<level>.geojson`: simplified boundaries (lon/lat) per level.",
              "- `VERSION`: the content hash; `build_report.json`: every fix and rejection made while building.",
              "- `load.sql`: DuckDB views over the files.", ""]
    return "\n".join(lines)
