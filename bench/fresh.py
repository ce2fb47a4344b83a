"""A suite's timings from a fresh process that builds the app on a store, and where the real store is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def real_store() -> Path | None:
    """The real store (OBSERVATORY_STORE, else data/store), or None when it has not been built."""
    store = Path(os.environ.get("OBSERVATORY_STORE", ROOT / "data" / "store"))
    return store if (store / "VERSION").exists() else None


def run_worker(module: str, store: Path, reps: int, seed: int) -> dict:
    """The JSON line `python -m MODULE STORE REPS SEED` prints last (a fresh process: no cache of this one counts)."""
    env = dict(os.environ, OBSERVATORY_STORE=str(store))
    out = subprocess.run([sys.executable, "-m", module, str(store), str(reps), str(seed)], cwd=ROOT,
                         capture_output=True, text=True, timeout=1800, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"{module} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])
