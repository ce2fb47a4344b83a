"""Build the indicator store from the raw folder: read, validate, normalise, check, write, swap in."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data.ingest import normalise
from data.ingest.areas import build_areas, with_tiers
from data.ingest.catalog import indicators_table, load_catalog
from data.ingest.checks import run_checks
from data.ingest.context import IngestContext
from data.ingest.derive_wards import derive_ward_2023
from data.ingest.judgements import check_published
from data.ingest.points import build_points
from data.ingest.postcodes import build_postcodes, lsoa_wards_by_postcodes, weight_by_residents
from data.ingest.rate_counts import with_rate_counts
from data.ingest.releases import mark_releases
from data.ingest.sources import source_modules
from data.ingest.summaries import summary_tables
from data.ingest.writer import (
    content_hash,
    discard,
    new_version_dir,
    swap_in,
    write_by_area,
    write_partitioned,
    write_table,
    write_values,
)
from data.schema import (
    AREA_SORT,
    BY_AREA_BUCKET_CHARS,
    BY_AREA_ROW_GROUP,
    BY_AREA_SORT,
    VALUE_SORT,
    indicator_bucket,
)

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build did: whether it swapped in, its content hash and its report file."""

    ok: bool
    content_hash: str | None
    report_path: Path
    summary: dict


def build_store(raw: Path, store: Path, expect: dict | None = None, progress: Progress = lambda _: None,
                modules: list | None = None) -> BuildResult:
    """Build the whole store from `raw` into `store`; on any failed check the previous store is left as it was."""
    started = time.time()
    ctx = IngestContext(raw=raw)
    version = new_version_dir(store)
    report_path = store.parent / f"{store.name}-build_report.json"
    try:
        progress("areas and boundaries")
        areas, links, geometry = build_areas(ctx)
        postcodes, postcode_lookups = build_postcodes(ctx)
        areas = lsoa_wards_by_postcodes(areas, postcode_lookups, ctx)
        progress("facility points")
        points = build_points(ctx)
        modules = source_modules() if modules is None else modules
        catalog = load_catalog([m.CATALOG for m in modules])
        frames = []
        for module in modules:
            progress(f"indicators: {module.__name__.rsplit('.', 1)[-1]}")
            frames.append(normalise.conform(module.load(ctx), module.__name__))
        progress("validating and computing intervals")
        values = pd.concat(frames, ignore_index=True) if frames else normalise.empty_values()
        values, areas = normalise.check_keys(values, catalog, areas, ctx.report)
        areas = with_tiers(areas)  # counties kept as comparators only
        values, periods = normalise.attach_periods(values, ctx.report)
        values = with_rate_counts(values, ctx.report)  # before deriving: carried counts carry on to 2023 wards
        postcode_lookups = weight_by_residents(postcodes, postcode_lookups, values, ctx.report)
        values = derive_ward_2023(values, catalog, postcode_lookups, ctx.report)
        values = normalise.add_intervals(values, catalog, ctx.report)
        values = normalise.drop_empty(values, ctx.report)
        values = normalise.drop_duplicates(values, ctx.report)
        values = normalise.finish(values, areas)
        check_published(values, catalog, ctx.report)  # publisher's judgements against polarity and own intervals
        values = mark_releases(values)  # series joining dashboard releases say which value is from which
        sources = pd.DataFrame(sorted(ctx.sources.values(), key=lambda s: s["source_path"]))
        indicators = indicators_table(catalog, values, sources)  # methods and licences as the rows say
        tables = {"values": values, "indicators": indicators, "areas": areas, "area_links": links,
                  "periods": periods, "points": points, "sources": sources, **summary_tables(values),
                  "postcodes": postcodes, "postcode_lookups": postcode_lookups}
        progress("checking")
        run_checks(tables, geometry, catalog, ctx.report, expect or {})
        digest = content_hash(tables, geometry)
        ctx.report.summary = {
            "content_hash": digest, "raw": str(raw), "seconds": round(time.time() - started, 1),
            "rows": {name: len(t) for name, t in tables.items()},
            "indicators": len(indicators), "themes": int(indicators["theme"].nunique()) if len(indicators) else 0,
            "fixes": len(ctx.report.fixes), "rejections": len(ctx.report.rejections),
            "failed_checks": len(ctx.report.failed_checks),
        }
        if ctx.report.failed_checks:
            raise BuildFailed("; ".join(f"{c['check']}: {c['detail']}" for c in ctx.report.failed_checks))
        progress("writing parquet")
        _write(version, tables, geometry, digest)
        ctx.report.write(version / "build_report.json")
        swap_in(store, version)
        ctx.report.write(report_path)
        return BuildResult(True, digest, report_path, ctx.report.summary)
    except Exception as err:
        discard(version)
        ctx.report.summary.setdefault("error", f"{type(err).__name__}: {err}")
        ctx.report.write(report_path)
        if isinstance(err, BuildFailed):
            return BuildResult(False, None, report_path, ctx.report.summary)
        raise


class BuildFailed(RuntimeError):
    """The build's checks failed; nothing was swapped in."""


def _write(version: Path, tables: dict[str, pd.DataFrame], geometry: dict, digest: str) -> None:
    """Every table as parquet (values and latest partitioned by level), geometry as GeoJSON per level."""
    write_values(tables["values"], version / "values", VALUE_SORT, VALUE_SORT[:4], indicator_bucket)
    write_by_area(tables["values"], version / "values_by_area", BY_AREA_SORT, BY_AREA_ROW_GROUP, BY_AREA_BUCKET_CHARS)
    write_partitioned(tables["latest"], version / "latest", "level", ["area_code", "indicator_id", "breakdown"])
    write_table(tables["areas"].sort_values(AREA_SORT, ignore_index=True), version / "areas.parquet")
    for name in ("indicators", "area_links", "periods", "points", "sources", "stats", "coverage"):
        write_table(tables[name], version / f"{name}.parquet")
    for name in ("postcodes", "postcode_lookups"):  # optional: fixture stores are written without them
        if name in tables:
            write_table(tables[name], version / f"{name}.parquet")
    (version / "geometry").mkdir()
    for level, collection in geometry.items():
        (version / "geometry" / f"{level}.geojson").write_text(json.dumps(collection, separators=(",", ":")))
    (version / "VERSION").write_text(digest + "\n")
