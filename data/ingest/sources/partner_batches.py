"""Partners' published batches: the rows of every published, public, embargo-passed batch, disclosure-controlled.

Reads config.state_dir()/batches/ (see sharing/batches.py). Private and partner-shared batches, drafts,
withdrawn and failed batches, and public batches still under embargo never reach the public store. Counts below
each batch's threshold, and the rates built on them, are blanked and flagged suppressed here, so nothing the
public sees carries them. A batch that brings a new indicator adds its metadata to the catalogue: CATALOG then names
a YAML file written into the batches folder at import (an absolute path, which load_catalog's `dir / name`
keeps as it is); with none, data/catalog/partner_batches.yaml (an empty list).

OBSERVATORY_PUBLISHING_BATCH names the batch a publish is building in (its status is still "publishing");
OBSERVATORY_PUBLISH_CRASH=1 makes load() fail (=kill: kills the process), so tests can show that a crash
mid-publish leaves the store whole.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis.disclosure import suppress
from config import state_dir
from data.ingest.catalog import plain_ok
from data.ingest.context import IngestContext
from data.schema import CATALOG_FIELDS, CI_METHODS, POLARITIES, THEMES, VALUE_TYPES

CATALOG_DIR = Path(__file__).resolve().parents[2] / "catalog"
NUMBERS = ("value", "lower_ci", "upper_ci", "numerator", "denominator")


def _batches_dir() -> Path:
    return state_dir() / "batches"


def _manifest() -> list[dict]:
    try:
        return json.loads((_batches_dir() / "manifest.json").read_text(encoding="utf-8"))["batches"]
    except FileNotFoundError:
        return []


def included(today: dt.date | None = None) -> list[dict]:
    """The manifest rows whose data belong in the public store now."""
    today = today or dt.datetime.now(dt.UTC).date()
    publishing = os.environ.get("OBSERVATORY_PUBLISHING_BATCH")
    out = []
    for b in _manifest():
        live = b["status"] == "published" or (b["status"] == "publishing" and b["batch_id"] == publishing)
        embargo_ok = not b.get("embargo") or dt.date.fromisoformat(b["embargo"]) <= today
        if live and b["visibility"] == "public" and embargo_ok:
            out.append(b)
    return out


def _official_ids() -> set[str]:
    """Indicator ids the other modules' catalogue files declare (a batch may not redeclare them)."""
    ids: set[str] = set()
    for path in CATALOG_DIR.glob("*.yaml"):
        if path.stem == "partner_batches":
            continue
        ids |= {e.get("id") for e in yaml.safe_load(path.read_text(encoding="utf-8")) or []}
    return ids


def catalog_entry(meta: dict, batch: dict) -> dict:
    """A batch's new-indicator metadata as a catalogue entry, with safe defaults and the sharer named."""
    entry = {f: meta.get(f) for f in CATALOG_FIELDS}
    entry["name"] = entry["name"] or meta["id"].replace("_", " ").capitalize()
    entry["publisher"] = entry["publisher"] or meta.get("source") or batch["organisation"]
    entry["licence"] = entry["licence"] or "Licence not stated"
    entry["multiplier"] = entry["multiplier"] or 1
    for field, allowed, default in (("theme", THEMES, "community_safety"), ("value_type", VALUE_TYPES, "other"),
                                    ("polarity", POLARITIES, "no_judgement"), ("ci_method", CI_METHODS, "none")):
        if entry[field] not in allowed:
            entry[field] = default
    entry["definition"] = entry["definition"] or entry["name"]
    entry["unit"] = entry["unit"] or "count"
    entry["plain"] = entry["plain"] if plain_ok(entry["plain"]) else None  # a malformed phrase must not stop the build
    shared = f"Shared by {batch['organisation']} (batch {batch['batch_id']}, file sha256 {batch['sha256'][:12]})."
    entry["notes"] = f"{entry['notes']} {shared}" if entry.get("notes") else shared
    return entry


def _write_catalog() -> str:
    """The CATALOG name: "partner_batches" (an empty list) when no included batch brings a new indicator, else the
    path, without .yaml, of a file listing them written into the batches folder."""
    official, entries = _official_ids(), {}
    for b in included():
        path = _batches_dir() / b["batch_id"] / "indicator.json"
        if path.exists():
            meta = json.loads(path.read_text(encoding="utf-8"))
            if meta.get("id") and meta["id"] not in official:
                entries[meta["id"]] = catalog_entry(meta, b)  # the newest batch's metadata wins
    if not entries:
        return "partner_batches"
    target = _batches_dir() / "catalog.yaml"
    text = yaml.safe_dump(list(entries.values()), sort_keys=False, allow_unicode=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return str(target.with_suffix(""))


def load(ctx: IngestContext) -> pd.DataFrame:
    """Every included batch's rows, suppressed where counts are small, each naming its batch as the source."""
    crash = os.environ.get("OBSERVATORY_PUBLISH_CRASH")
    if crash == "1":
        raise RuntimeError("crash injected mid-publish (OBSERVATORY_PUBLISH_CRASH=1)")
    if crash == "kill":  # a hard stop (power cut, OOM kill): no exception handler, no clean-up runs
        os.kill(os.getpid(), signal.SIGKILL)
    frames = []
    for b in included():
        rows = pd.read_parquet(_batches_dir() / b["batch_id"] / "rows.parquet")
        for col in NUMBERS:
            rows[col] = pd.to_numeric(rows[col], errors="coerce").astype(float)
        rows = suppress(rows, int(b["suppress_below"]), value_is_count=b.get("value_type") == "count")
        source_path = f"partner_batches/{b['batch_id']}/{b['filename']}"
        meta_path = _batches_dir() / b["batch_id"] / "indicator.json"
        licence = (json.loads(meta_path.read_text()).get("licence") if meta_path.exists() else None)
        ctx.sources[source_path] = {"source_path": source_path, "sha256": b["sha256"], "publisher": b["organisation"],
                                    "licence": licence or "As the indicator's catalogue entry states",
                                    "repository": None, "upstream_path": None, "commit": None, "rows": len(rows)}
        # NaN limits: the build computes them by the catalogue's ci_method where counts are given
        frames.append(rows.assign(source_path=source_path, source_row=np.arange(2, len(rows) + 2)))
        n = int(rows["suppressed"].sum())
        if n:
            ctx.report.fix(source_path, None, f"{n} rows suppressed: counts below {b['suppress_below']}")
    if not frames:
        return pd.DataFrame(columns=["indicator_id", "area_code", "level", "period", "value", "source_path"])
    return pd.concat(frames, ignore_index=True)


CATALOG = _write_catalog()


def public_batches_changed(store: Path) -> bool:
    """Whether the batches the public store should hold (published, public, past embargo) differ from those it
    holds: a publish, a withdrawal or an embargo date passing makes the store stale."""
    want = {f"partner_batches/{b['batch_id']}/{b['filename']}" for b in included()}
    try:
        held = pd.read_parquet(store / "sources.parquet", columns=["source_path"])["source_path"]
    except (FileNotFoundError, OSError, KeyError, ValueError):
        return bool(want)
    return want != {p for p in held.astype(str) if p.startswith("partner_batches/")}
