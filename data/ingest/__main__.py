"""Command line: `python -m data.ingest [--raw DIR] [--store DIR] [--if-stale]` builds the indicator store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from config import raw_dir, store_dir
from data.ingest.build import build_store
from data.ingest.checks import REAL_DATA_EXPECT
from data.ingest.sources import source_modules
from data.ingest.staleness import is_stale


def main(argv: list[str] | None = None) -> int:
    """Build the store, printing a progress bar and a one-line summary; exit 1 if the build failed."""
    parser = argparse.ArgumentParser(prog="python -m data.ingest", description=__doc__)
    parser.add_argument("--raw", type=Path, default=raw_dir(), help="raw data folder (OBSERVATORY_RAW)")
    parser.add_argument("--store", type=Path, default=store_dir(), help="store folder (OBSERVATORY_STORE)")
    parser.add_argument("--if-stale", action="store_true", help="build only if the store is missing or stale")
    parser.add_argument("--no-expect", action="store_true", help="skip the real-data count checks")
    args = parser.parse_args(argv)
    raw, store = args.raw.resolve(), args.store.absolute()
    if not raw.is_dir():
        print(f"Raw data folder not found: {raw}. Set OBSERVATORY_RAW or pass --raw.", file=sys.stderr)
        return 2
    if args.if_stale and not is_stale(raw, store):
        print(f"Store is up to date: {store}")
        return 0
    steps = tqdm(total=6 + len(source_modules()), desc="Building store", unit="step", bar_format="{l_bar}{bar:20}| {n_fmt}/{total_fmt} {postfix}")
    def progress(step: str) -> None:
        steps.set_postfix_str(step)
        steps.update(1)
    result = build_store(raw, store, expect=None if args.no_expect else REAL_DATA_EXPECT, progress=progress)
    steps.n = steps.total
    steps.close()
    s = result.summary
    if not result.ok:
        print(f"Build FAILED; the previous store is unchanged. {s.get('error')}\nReport: {result.report_path}",
              file=sys.stderr)
        return 1
    print(f"Store built at {store} in {s['seconds']} s: {s['indicators']} indicators, {s['themes']} themes, "
          f"{s['rows']['values']} values; {s['fixes']} fixes, {s['rejections']} rejections "
          f"(report: {result.report_path}); content hash {s['content_hash'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
