"""The custom-area suite: a custom area's profile page (server time, p95 against 1.5 s) and its evidence pack PDF
(made afresh, against 6 s), on the real store with random groups of 2021 LSOAs.

    python -m bench.custom_suite STORE REPS SEED   -> one JSON line: {"profile_ms": [...], "pdf_ms": [...]}
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

from bench.fresh import real_store, run_worker

ROOT = Path(__file__).resolve().parents[1]
PROFILE_P95_MS = 1500  # issue 16: a custom area's profile in at most 1.5 s server time
PDF_MS = 6000  # issue 16: its evidence PDF in at most 6 s
PDF_REPS = 3


def time_custom(store: Path, reps: int, seed: int) -> dict:
    """Profile and PDF times in ms from a fresh process that builds the app on `store`."""
    return run_worker("bench.custom_suite", store, reps, seed)


def custom_suite(ctx):
    """A custom area's profile page and evidence PDF on the real store."""
    from bench.run import Check, SuiteResult, _median_p95

    res = SuiteResult("custom")
    store = real_store()
    if store is None:
        res.notes.append("custom areas not timed: no real store (make store)")
        return res
    got = time_custom(store, max(10, ctx.reps // 2), ctx.seed)
    res.data = got
    med, p95 = _median_p95(got["profile_ms"])
    res.checks.append(Check(f"custom area profile page: p95 (median {med:.0f} ms)", p95, "ms", PROFILE_P95_MS,
                            detail=f"{len(got['profile_ms'])} areas of 2 to 12 random 2021 LSOAs, server time"))
    res.checks.append(Check("custom area evidence PDF, made afresh: slowest", max(got["pdf_ms"]), "ms", PDF_MS,
                            detail=f"{len(got['pdf_ms'])} packs of four LSOAs (profile, HTML, weasyprint)"))
    return res


def main() -> None:
    """Time the profile page of random custom areas, then a few evidence PDFs made without the cache."""
    store, reps, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["OBSERVATORY_STORE"] = store
    from app import create_app

    create_app()
    import pages.area_custom as page
    from queries import custom_area as q
    from report.custom_area import load_custom
    from report.evidence import evidence_pdf_bytes

    rng = random.Random(seed)
    codes = q.all_lsoas()["area_code"].tolist()
    page.layout(lsoa=",".join(codes[:4]), name="warm-up")  # the first call opens the store and catalogue
    profile_ms = []
    for i in range(reps):
        chosen = rng.sample(codes, k=rng.randint(2, 12))
        t0 = time.perf_counter()
        page.layout(lsoa=",".join(chosen), name=f"Bench area {i}")
        profile_ms.append((time.perf_counter() - t0) * 1000)
    pdf_ms = []
    for i in range(PDF_REPS):
        chosen = rng.sample(codes, k=4)
        t0 = time.perf_counter()
        evidence_pdf_bytes(load_custom(",".join(chosen), f"Bench pack {i}"), "https://observatory.example")
        pdf_ms.append((time.perf_counter() - t0) * 1000)
    print(json.dumps({"profile_ms": profile_ms, "pdf_ms": pdf_ms}))


if __name__ == "__main__":
    main()
