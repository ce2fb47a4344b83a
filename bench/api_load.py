"""Load test of the public API on loopback: N concurrent clients, a bounded number of requests, p50/p95/p99.

Serve the app first, e.g. (the 10-million-row benchmark store):

    OBSERVATORY_STORE=bench/out/store-10000000 .venv/bin/gunicorn -w 2 --no-control-socket -b 127.0.0.1:8071 wsgi:server
    .venv/bin/python -m bench.api_load --url http://127.0.0.1:8071 --clients 20 --requests 4000

Scenarios (--scenario, several allowed):
- `single`: one indicator at one level, page 1 (the same request again and again: what a popular dataset sees;
  after the first request it is served from the response cache);
- `pages`: the same indicator and level, a random page of every request (deep pages included);
- `varied`: a random indicator, one of its levels and a random page each time (mostly cold: the worst case).

Clients are split over a few processes (threads in one Python process would be held back by its GIL), each
sending `Accept-Encoding: gzip` unless --identity. Only loopback addresses are allowed.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import multiprocessing as mp
import random
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def _get(host: str, port: int, path: str, headers: dict[str, str], timeout: float = 30.0) -> tuple[int, int]:
    """One GET on a fresh connection (gunicorn's sync workers close each one): status and body bytes."""
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers)
        resp = conn.getresponse()
        return resp.status, len(resp.read())
    finally:
        conn.close()


def _json(host: str, port: int, path: str) -> dict:
    conn = http.client.HTTPConnection(host, port, timeout=120)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read()
        if resp.status != 200:
            raise SystemExit(f"{path}: HTTP {resp.status}: {body[:200]!r}")
        return json.loads(body)
    finally:
        conn.close()


def plan(host: str, port: int, scenario: str, n: int, page_size: int, seed: int,
         indicator: str | None, level: str | None) -> list[str]:
    """The request paths of a scenario (chosen up front, so every run of a seed sends the same requests)."""
    rng = random.Random(seed)
    catalogue = _json(host, port, "/api/v1/indicators")["indicators"]
    small = ("lsoa_2021", "lsoa_2011", "ward_2023", "ward_2022", "msoa_2021", "msoa_2011", "la")
    if indicator is None:  # the indicator with the most values at the smallest level any has
        best = max(catalogue, key=lambda r: (max((len(small) - small.index(lv) for lv in r["levels"] if lv in small),
                                                  default=0), r["n_values"]))
        indicator = best["id"]
    if level is None:
        levels = _json(host, port, f"/api/v1/indicators/{indicator}")["coverage"]
        level = max(levels, key=lambda c: c["n_rows"])["level"]
    if scenario == "single":
        return [_data_path(indicator, level, page_size)] * n
    if scenario == "pages":
        total = _json(host, port, f"/api/v1/data?indicator={indicator}&level={level}&page_size=1")["total"]
        pages = max(1, math.ceil(total / page_size))
        return [_data_path(indicator, level, page_size, rng.randint(1, pages)) for _ in range(n)]
    if scenario == "varied":
        paths = []
        coverage: dict[str, list[dict]] = {}
        for _ in range(n):
            row = rng.choice(catalogue)
            if row["id"] not in coverage:
                coverage[row["id"]] = _json(host, port, f"/api/v1/indicators/{row['id']}")["coverage"]
            c = rng.choice(coverage[row["id"]])
            pages = max(1, math.ceil(c["n_rows"] / page_size))
            paths.append(_data_path(row["id"], c["level"], page_size, rng.randint(1, pages)))
        return paths
    raise SystemExit(f"unknown scenario {scenario}")


def _data_path(indicator: str, level: str, page_size: int, page: int | None = None) -> str:
    query = {"indicator": indicator, "level": level, "page_size": page_size} | ({"page": page} if page else {})
    return "/api/v1/data?" + urlencode(query)


def _client_process(args: tuple) -> list[tuple[float, int, int]]:
    """One process of clients: threads sending its share of the paths; (seconds, status, bytes) per request."""
    host, port, paths, threads, headers = args
    chunks = [paths[i::threads] for i in range(threads)]

    def run(chunk: list[str]) -> list[tuple[float, int, int]]:
        out = []
        for path in chunk:
            start = time.perf_counter()
            try:
                status, size = _get(host, port, path, headers)
            except OSError:
                status, size = 0, 0
            out.append((time.perf_counter() - start, status, size))
        return out

    with ThreadPoolExecutor(threads) as pool:
        return [r for part in pool.map(run, chunks) for r in part]


def measure(host: str, port: int, paths: list[str], clients: int, processes: int, headers: dict) -> dict:
    """Send the paths with `clients` concurrent clients; throughput and latency percentiles."""
    processes = max(1, min(processes, clients))
    per = [clients // processes + (1 if i < clients % processes else 0) for i in range(processes)]
    shares, start = [], 0
    for k in per:  # each process gets paths in proportion to its clients
        n = round(len(paths) * k / clients)
        shares.append(paths[start:start + n])
        start += n
    shares[-1].extend(paths[start:])
    began = time.perf_counter()
    with mp.get_context("fork").Pool(processes) as pool:
        results = [r for part in pool.map(_client_process, [(host, port, s, k, headers)
                                                             for s, k in zip(shares, per, strict=True)]) for r in part]
    elapsed = time.perf_counter() - began
    times = sorted(r[0] * 1000 for r in results)
    statuses: dict[int, int] = {}
    for r in results:
        statuses[r[1]] = statuses.get(r[1], 0) + 1

    def pct(p: float) -> float:
        return times[min(len(times) - 1, max(0, math.ceil(p / 100 * len(times)) - 1))]

    return {"requests": len(results), "clients": clients, "seconds": round(elapsed, 2),
            "throughput_rps": round(len(results) / elapsed, 1), "p50_ms": round(pct(50), 1),
            "p95_ms": round(pct(95), 1), "p99_ms": round(pct(99), 1), "max_ms": round(times[-1], 1),
            "mean_ms": round(statistics.fmean(times), 1), "statuses": statuses,
            "mean_bytes": round(statistics.fmean(r[2] for r in results))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8071", help="the served app (loopback only)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="requests per scenario (bounded)")
    parser.add_argument("--processes", type=int, default=4, help="client processes the clients are split over")
    parser.add_argument("--scenario", action="append", choices=["single", "pages", "varied"])
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--indicator", help="for single and pages (default: the largest small-area indicator)")
    parser.add_argument("--level", help="for single and pages (default: the indicator's largest level)")
    parser.add_argument("--identity", action="store_true", help="do not ask for gzip")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    url = urlsplit(args.url)
    if url.hostname not in LOOPBACK:
        raise SystemExit(f"refusing to load-test {url.hostname}: loopback only")
    if not 1 <= args.requests <= 100_000 or not 1 <= args.clients <= 200:
        raise SystemExit("--requests must be 1..100000 and --clients 1..200")
    host, port = url.hostname, url.port or 80
    headers = {} if args.identity else {"Accept-Encoding": "gzip"}
    store = _json(host, port, "/api/v1/")["store_version"]
    figures = {"url": args.url, "store_version": store, "scenarios": {}}
    for scenario in args.scenario or ["single", "pages", "varied"]:
        paths = plan(host, port, scenario, args.requests, args.page_size, args.seed, args.indicator, args.level)
        result = measure(host, port, paths, args.clients, args.processes, headers)
        result["example"] = paths[0]
        figures["scenarios"][scenario] = result
        print(f"{scenario:7} {result['requests']:6} requests, {args.clients} clients: "
              f"{result['throughput_rps']:7.1f} req/s; p50 {result['p50_ms']:6.1f} ms, p95 {result['p95_ms']:6.1f} ms, "
              f"p99 {result['p99_ms']:6.1f} ms, max {result['max_ms']:6.1f} ms; statuses {result['statuses']}; "
              f"{result['mean_bytes']:,} bytes/response; e.g. {paths[0]}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(figures, f, indent=1)


if __name__ == "__main__":
    main()
