"""Whether the store needs rebuilding: missing, or older than the raw data or the ingest code."""

from __future__ import annotations

from pathlib import Path

CODE_DIRS = [Path(__file__).resolve().parent, Path(__file__).resolve().parents[1] / "catalog",
             Path(__file__).resolve().parents[2] / "analysis"]


def _newest(paths: list[Path]) -> float:
    return max((f.stat().st_mtime for p in paths for f in p.rglob("*") if f.is_file()), default=0.0)


def is_stale(raw: Path, store: Path) -> bool:
    """True when the store has no VERSION file or anything it was built from is newer."""
    version = store / "VERSION"
    if not version.exists():
        return True
    built = version.stat().st_mtime
    if _newest([raw, *CODE_DIRS]) > built:
        return True
    from data.ingest.sources.partner_batches import public_batches_changed  # the partner batches manifest

    return public_batches_changed(store)
