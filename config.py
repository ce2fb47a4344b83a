"""Run-time settings read from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent


def raw_dir() -> Path:
    """The folder of raw source files (never copied into the repository)."""
    return Path(os.environ.get("OBSERVATORY_RAW", ROOT.parent / "shared" / "data" / "raw")).resolve()


def store_dir() -> Path:
    """The folder of the built parquet store."""
    # absolute, not resolve: the store is a symlink to its current version and must stay one
    return Path(os.environ.get("OBSERVATORY_STORE", ROOT / "data" / "store")).absolute()


def state_dir() -> Path:
    """The writable folder for what people add at run time (accounts, uploads, the intervention register)."""
    return Path(os.environ.get("OBSERVATORY_STATE", ROOT / "data" / "private")).absolute()


# said wherever a write to the state folder fails: what happened, that nothing changed, and what to do
STATE_UNWRITABLE = ("The server cannot save anything just now: its storage folder is not writable. Nothing was "
                    "changed. Try again later, or tell the observatory's administrator.")


def tile_url() -> str | None:
    """A basemap tile URL template, or None for boundaries only (the offline default)."""
    return os.environ.get("OBSERVATORY_TILES") or None


def examples_enabled() -> bool:
    """Whether the labelled example interventions are shown."""
    return os.environ.get("OBSERVATORY_EXAMPLES", "1") not in ("0", "false", "no")
