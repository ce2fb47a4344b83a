"""The evidence pack of an area: a printable A4 PDF (weasyprint, charts as SVG data-URI images, offline) and the same
content as CSV, cached per (store version, area, level, benchmark, site address)."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from functools import cache
from html import escape
from html import unescape as html_unescape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from analysis.judgement import number_text
from components.area_profile import (
    VINTAGE_LABEL,
    fmt,
    parent_label,
    rank_text,
    short_unit,
    sparkline_for,
    spine_for,
)
from components.csv_out import csv_text
from components.format import format_interval, format_value
from components.judgement import LABELS
from components.svg_charts import compare_bars_svg, decile_bars_svg, locator_svg, svg_data_uri
from data.schema import LEVEL_PLURAL
from fileio import atomic_write
from queries import geometry
from queries.errors import QueryError
from queries.store_cache import store_cached
from report.profile import AreaProfile, ProfileRequest

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_VERSION = "3"  # bump when the layout changes, so cached packs are made again
NEED_KINDS = ("worse", "getting_worse", "worst_quarter")
CI_TEXT = {"wilson": "95% interval: Wilson score method.", "byars": "95% interval: exact Poisson (under 10 events) "
           "or Byar's method.", "source": "95% interval as published by the source.",
           "none": "No confidence interval: not judged for significance."}


def cache_dir() -> Path:
    """Where made PDFs are kept (shared by the app's workers; OBSERVATORY_CACHE to move it)."""
    root = os.environ.get("OBSERVATORY_CACHE") or os.path.join(tempfile.gettempdir(), "observatory-cache")
    return Path(root) / "evidence"


@cache
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["svg_img"] = svg_img
    return env


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_SIZE = re.compile(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"')


def svg_img(svg: str | None) -> Markup:
    """An inline chart as an <img> of a data URI, its title the alt text: weasyprint parses an image with a fast
    XML parser once, while inline SVG goes through its HTML parser and CSS cascade element by element (about a
    fifth of a pack's time)."""
    if not svg:
        return Markup("")
    title = _TITLE.search(svg)
    size = _SIZE.search(svg)
    dims = f' width="{size.group(1)}" height="{size.group(2)}"' if size else ""
    alt = html_unescape(title.group(1)) if title else ""
    return Markup(f'<img src="{svg_data_uri(svg)}" alt="{escape(alt)}"{dims}>')


def permanent_link(profile: AreaProfile, base_url: str) -> str:
    """The live page's address for this area, level and benchmark."""
    return base_url.rstrip("/") + profile.path


def citation(profile: AreaProfile, url: str) -> str:
    """A suggested citation line."""
    return (f"Trafford Data Observatory ({profile.made.year}). {profile.name} ({profile.level_label}, {profile.code}): "
            f"area profile and evidence pack, compared with {profile.benchmark_name}. Data version "
            f"{profile.version[:12]}. {url} (accessed {profile.made.strftime('%-d %B %Y')}).")


def _link_sentences(profile: AreaProfile) -> list[str]:
    out = []
    for r in profile.links.itertuples():
        vintage = VINTAGE_LABEL.get(r.other_level, r.other_level)
        known = r.share_of_from == r.share_of_from  # not NaN
        if r.direction == "succeeds":
            share = f" ({r.share_of_from:.0%} of that area lies in this one)" if known else ""
        else:
            share = f" ({r.share_of_from:.0%} of this area lies in it)" if known else ""
        out.append(f"Overlaps {r.other_name} ({vintage}, {r.other_code}){share}.")
    for lv in profile.other_levels:
        out.append(f"The code {profile.code} also stands for a {VINTAGE_LABEL.get(lv, lv)}, with its own profile.")
    return out


def _locator(profile: AreaProfile) -> tuple[str | None, str]:
    if getattr(profile, "lsoa_codes", None):  # a custom area (report.custom_area)
        return _custom_maps(tuple(profile.lsoa_codes), profile.name)[0], "Trafford's LSOAs"
    if profile.level in ("england", "region", "combined_authority"):
        return None, ""
    try:
        gj = geometry.level_geometry(profile.level)
    except QueryError:  # no boundaries stored for this level: the pack goes without a map
        return None, ""
    if not any(f.get("properties", {}).get("area_code") == profile.code for f in gj.get("features", [])):
        return None, ""
    caption = "the local authorities of Greater Manchester" if profile.level == "la" else \
        f"Trafford's {LEVEL_PLURAL.get(profile.level, 'areas')}"
    return locator_svg(gj, profile.code, f"Map: {profile.name} among {caption}", 230, 190), caption


@store_cached(maxsize=16)
def _custom_maps(lsoa_codes: tuple[str, ...], name: str) -> tuple[str | None, str | None]:
    """A custom area's LSOAs among Trafford's, and a closer map of them with the LSOAs around them."""
    try:
        gj = geometry.level_geometry("lsoa_2021")
    except QueryError:  # no boundaries stored: the pack goes without maps
        return None, None
    codes = set(lsoa_codes)
    whole = locator_svg(gj, codes, f"Map: {name} among Trafford's LSOAs", 230, 190)
    boxes = {f["properties"].get("area_code"): _bbox(f.get("geometry")) for f in gj.get("features", [])}
    mine = [b for c, b in boxes.items() if c in codes and b]
    if not mine:
        return whole, None
    x0, y0 = min(b[0] for b in mine), min(b[1] for b in mine)
    x1, y1 = max(b[2] for b in mine), max(b[3] for b in mine)
    pad_x, pad_y = (x1 - x0) * 0.25 + 0.003, (y1 - y0) * 0.25 + 0.002
    near = [f for f in gj["features"] if (b := boxes.get(f["properties"].get("area_code"))) and b[0] < x1 + pad_x
            and b[2] > x0 - pad_x and b[1] < y1 + pad_y and b[3] > y0 - pad_y]
    close = locator_svg({"type": "FeatureCollection", "features": near}, codes,
                        f"Map: the {len(codes)} LSOAs of {name}", 480, 340)
    return whole, close


def _bbox(geom) -> tuple[float, float, float, float] | None:
    pts = []
    coords = (geom or {}).get("coordinates") or []
    stack = [coords]
    while stack:
        c = stack.pop()
        if c and isinstance(c[0], int | float):
            pts.append(c)
        else:
            stack.extend(c)
    if not pts:
        return None
    return min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts)


def _custom_view(profile) -> dict | None:
    """What the pack prints about a custom area's LSOAs, or None for any other area."""
    if not getattr(profile, "lsoa_codes", None):
        return None
    lsoas = [{"area_code": r.area_code, "area_name": r.area_name,
              "ward_name": r.ward_name if isinstance(r.ward_name, str) else "—"} for r in profile.lsoas.itertuples()]
    return {"lsoas": lsoas, "estimated": profile.estimated, "left_out": profile.left_out,
            "map": _custom_maps(tuple(profile.lsoa_codes), profile.name)[1]}


def pack_rows(profile: AreaProfile) -> list[dict]:
    """The profile's rows with the text and charts the pack prints, numbered for the sources table."""
    plural = LEVEL_PLURAL.get(profile.level, "areas")
    refs: dict[str, int] = {}
    out = []
    for r in profile.rows:
        judgement = LABELS.get(r["judgement"], "○ Not compared") if r.get("tested", True) else "Not tested"
        out.append({**r, "ref": refs.setdefault(r["indicator_id"], len(refs) + 1),
                    "value_text": "suppressed" if r["value"] is None and r["suppressed"] else fmt(r["value"], r),
                    "interval": format_interval(r["lower"], r["upper"], short_unit(r["unit"]), r["value_type"]),
                    "trafford_text": fmt(r["trafford"], r), "gm_text": fmt(r["gm"], r),
                    "england_text": fmt(r["england"], r), "judgement_text": judgement,
                    "rank_text": r.get("rank_text") or rank_text(r["rank"], r["rank_n"], r["polarity"]),
                    "trend_text": r["trend_label"] if r["trend_tested"] else
                    ("One period only" if len(r["series"]) < 2 else "No trend test"),
                    "points": sum(1 for _, _, v in r["series"] if v is not None),
                    "spark": sparkline_for(r, profile.name, 64, 18, marks=profile.marks.get(r["indicator_id"])),
                    "spine": spine_for(r, profile.name, plural, profile.benchmark_name, 64, 16)})
    return out


def pack_sources(rows: list[dict]) -> list[dict]:
    """One entry per indicator (its breakdowns together): source, licence, period and how it was judged."""
    out: dict[int, dict] = {}
    for r in rows:
        entry = out.setdefault(r["ref"], {"ref": r["ref"], "name": r["name"], "publisher": r["publisher"],
                                          "source_url": r["source_url"], "licence": r["licence"], "periods": [],
                                          "method": CI_TEXT.get(r["ci_method"], ""), "notes": [], "seen": set()})
        if r["period"] not in entry["periods"]:
            entry["periods"].append(r["period"])
        for text in (r["explanation"], r["trend_explanation"]):
            if text and text not in entry["seen"]:  # breakdowns usually share the same sentence: say it once
                entry["seen"].add(text)
                entry["notes"].append((f"{r['breakdown']}: " if r["breakdown"] != "Persons" else "") + text)
    return list(out.values())


def summary_items(profile: AreaProfile) -> list[dict]:
    """The quotable summary's sentences, each need and strength with a small chart of the area beside Trafford
    and England."""
    out = []
    for line in profile.summary():
        r = line.row
        chart = None
        if line.kind != "worsening":
            bars = [(profile.name, r["value"], number_text(r["value"], r["value_type"], r["unit"]))]
            bars += [(name, r[key], number_text(r[key], r["value_type"], r["unit"])) for key, name in (("trafford", "Trafford"), ("england", "England"))
                     if name != profile.name and r.get(key) is not None]
            if len(bars) > 1 and all(v is None or v >= 0 for _, v, _ in bars):
                chart = compare_bars_svg(bars, f"{r['label']}: " + ", ".join(f"{n} {t}" for n, _, t in bars))
        out.append({"kind": line.kind, "text": line.text, "chart": chart})
    return out


def imd_line(profile: AreaProfile) -> tuple[str, str | None]:
    """One line of deprivation from the area's Index of Multiple Deprivation score, and the edition it is from."""
    r = next((x for x in profile.rows if x["indicator_id"] == "imd_score" and x["breakdown"] == "Persons"
              and x["value"] is not None), None)
    if r is None:
        return "", None
    text = f"Index of Multiple Deprivation {r['period']}: score {fmt(r['value'], r)} (higher is more deprived)"
    if r.get("rank_text") and profile.level in ("ward_2023", "ward_2022"):
        text += f", the {r['rank_text'].replace(' of ', ' of Trafford' + chr(39) + 's ', 1)}"
    if r.get("trafford") is not None and profile.name != "Trafford":
        text += f"; Trafford {fmt(r['trafford'], r)}"
    return text + ".", str(r["period"])


def evidence_html(profile: AreaProfile, base_url: str) -> str:
    """The pack as one self-contained HTML document (inline CSS, charts as data: URIs, no external references)."""
    url = permanent_link(profile, base_url)
    rows = pack_rows(profile)
    by_key = {(r["indicator_id"], r["breakdown"]): r for r in rows}
    themes = [(k, n, [by_key[(r["indicator_id"], r["breakdown"])] for r in rs]) for k, n, rs in profile.themes]
    counts = profile.decile_counts()
    deciles, decile_gap = None, ""
    imd, edition = imd_line(profile)
    periods = profile.deciles["period"].dropna() if len(profile.deciles) else []
    decile_edition = str(periods.iloc[0]) if len(periods) else None
    if len(profile.deciles) and (edition is None or decile_edition == edition):  # one IMD edition throughout
        deciles = decile_bars_svg(counts, f"{profile.name}: LSOAs by national IMD decile", 330, 130)
    elif len(profile.deciles):
        decile_gap = (f"The store's LSOA deciles are from IMD {decile_edition}, a different edition from the "
                      f"{edition} figures in this pack, so they are left out.")
    locator, caption = _locator(profile)
    p = profile
    parents = [{**a, "name": parent_label(a), "best_fit": False} for a in p.parents]
    p_view = {**p.__dict__, "rows": rows, "parents": parents}
    return _env().get_template("evidence.html").render(
        p=p_view, css=(TEMPLATES / "evidence.css").read_text(encoding="utf-8"),
        population=format_value(p.population["value"], "count", "count") if p.population else "",
        themes=themes, sources=pack_sources(rows), needs=p.needs(None), need_kinds=NEED_KINDS,
        level_plural=LEVEL_PLURAL.get(p.level, "areas"), summary=summary_items(p), imd=imd, decile_gap=decile_gap,
        how_judged=p.how_judged(), judged=sum(1 for r in rows if r.get("tested")),
        links=_link_sentences(p), deciles=deciles, decile_counts=counts, locator=locator, locator_caption=caption,
        made=p.made.strftime("%-d %B %Y"), made_iso=p.made.isoformat(), version=p.version[:12], url=url,
        citation=citation(p, url), custom=_custom_view(p))


def evidence_pdf_bytes(profile: AreaProfile, base_url: str) -> bytes:
    """The pack as an A4 PDF (weasyprint; no network: the HTML has no external references)."""
    from weasyprint import HTML

    return HTML(string=evidence_html(profile, base_url), base_url=str(TEMPLATES)).write_pdf()


@cache
def code_version() -> str:
    """A hash of the code that writes a pack (its sentences, charts and layout), so a change makes packs anew."""
    root = Path(__file__).resolve().parents[1]
    files = sorted([*root.joinpath("report").glob("*.py"), *TEMPLATES.glob("*"), root / "analysis" / "judgement.py",
                    root / "components" / "svg_charts.py", root / "components" / "area_profile.py"])
    digest = hashlib.sha256()
    for f in files:
        if f.is_file():
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def _key(code: str, level: str, benchmark: str, version: str, marks: dict, base_url: str) -> str:
    raw = "|".join([TEMPLATE_VERSION, code_version(), version, code, level, benchmark, base_url.rstrip("/"),
                    repr(sorted(marks.items()))])  # a register edit: a new pack
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def cache_path(profile: AreaProfile, base_url: str) -> Path:
    """Where the pack's PDF is kept once made."""
    return cache_dir() / (f"{profile.code}-"
                          f"{_key(profile.code, profile.level, profile.benchmark, profile.version, profile.marks, base_url)}"
                          ".pdf")


def cached_pdf(request: ProfileRequest, base_url: str) -> bytes | None:
    """The pack already made for a checked request, found without building the profile (which costs a second or
    more on a busy server); None when it has not been made."""
    from queries.profile import store_version
    from report.profile import intervention_marks

    key = _key(request.code, request.level, request.benchmark, store_version(),
               intervention_marks(request.code, request.level), base_url)
    try:
        return (cache_dir() / f"{request.code}-{key}.pdf").read_bytes()
    except OSError:
        return None


def evidence_pdf(profile: AreaProfile, base_url: str) -> bytes:
    """The pack's PDF, made once per (store version, area, level, benchmark, site) and then read from the cache."""
    path = cache_path(profile, base_url)
    try:
        return path.read_bytes()
    except OSError:
        pass
    pdf = evidence_pdf_bytes(profile, base_url)
    try:
        atomic_write(path, pdf)  # another worker never reads half a file
    except OSError:
        pass  # an unwritable cache only costs speed
    return pdf


def evidence_csv(profile: AreaProfile, base_url: str) -> str:
    """The pack's content as CSV: '#' lines (summary, context, link, citation) then one row per indicator."""
    url = permanent_link(profile, base_url)
    p = profile
    head = [f"Trafford Data Observatory: evidence pack for {p.name} ({p.level_label}, {p.code})",
            f"Made {p.made.isoformat()} from data version {p.version[:12]}. Live page: {url}",
            f"Suggested citation: {citation(p, url)}",
            f"Judgements compared with {p.benchmark_name} (95% intervals); licence: Open Government Licence v3.0 "
            "unless a row names another"]
    if p.population:
        head.append(f"Population: {p.population['value']:.0f} (mid-{p.population['period']} estimate)")
    head += [f"Summary ({line.kind}): {line.text}" for line in p.summary()]
    head += [f"Counts: {n.text}" for n in p.needs(None)]
    if len(p.deciles):
        counts = p.decile_counts()
        head.append("Deprivation: LSOAs by national IMD decile (1 = most deprived): "
                    + "; ".join(f"{d}: {counts[d]}" for d in range(1, 11)))
        head.append(f"Deprivation note: {p.decile_note}")
    head += [f"Boundaries: {s}" for s in _link_sentences(p)]
    if getattr(p, "lsoa_codes", None):  # a custom area: exactly what was counted
        head.append(f"Custom area of {len(p.lsoa_codes)} 2021 LSOAs: " + ", ".join(p.lsoa_codes))
        head += [f"Estimated, no interval: {name}" for name in p.estimated]
        head += [f"Left out: {x.indicator_id}: {x.reason}" for x in p.left_out]
    cols = ["theme", "indicator_id", "indicator", "breakdown", "unit", "polarity", "period", "value", "lower_ci",
            "upper_ci", "trafford", "greater_manchester", "england", "benchmark", "benchmark_value", "judgement",
            "how_judged", "rank", "rank_of", "trend", "trend_explanation", "level_n", "level_min", "level_q1",
            "level_median", "level_q3", "level_max", "publisher", "licence", "source_url", "comparator_used",
            "comparator_value", "judged_by", "gap", "gap_text", "rank_text", "derivation", "estimated_how"]
    rows = []
    for r in p.rows:
        st = r["stats"] or {}
        rows.append([r["theme_name"], r["indicator_id"], r["name"], r["breakdown"], r["unit"], r["polarity"],
                    r["period"], _csv_num(r["value"]), _csv_num(r["lower"]), _csv_num(r["upper"]),
                    _csv_num(r["trafford"]), _csv_num(r["gm"]), _csv_num(r["england"]), p.benchmark_name,
                    _csv_num(r["benchmark_value"]), r["judgement"], r["explanation"], r["rank"] or "",
                    r["rank_n"] or "", r["trend_label"], r["trend_explanation"], st.get("n", ""),
                    *[_csv_num(st.get(k)) for k in ("min", "q1", "median", "q3", "max")],
                    r["publisher"], r["licence"], r["source_url"] or "", r.get("comparator_used") or "",
                    _csv_num(r.get("comparator_value")), r.get("judged_source") or "", _csv_num(r.get("gap")),
                    r.get("gap_text") or "", r.get("rank_text") or "", r.get("derivation") or "",
                    r.get("derivation") or ""])
    return csv_text(head=head, rows=rows, columns=cols)


def _csv_num(x) -> str:
    if x is None or x != x:
        return ""
    return repr(round(float(x), 6))


def filename(profile, ext: str, name: str | None = None) -> str:
    """A download name such as 'evidence-pack_altrincham_E05015239_england.pdf' (a profile, or a request and the
    area's name)."""
    slug = "".join(c if c.isalnum() else "-" for c in (name or profile.name).lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    return f"evidence-pack_{slug}_{profile.code}_{profile.benchmark}.{ext}"


__all__ = ["ProfileRequest", "citation", "evidence_csv", "evidence_html", "evidence_pdf", "evidence_pdf_bytes",
           "filename", "permanent_link"]
