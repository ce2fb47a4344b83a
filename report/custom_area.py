"""A custom area (a named group of 2021 LSOAs) read as one area, so report.profile builds its profile, summary of
need and evidence pack exactly as for a ward: the LSOAs' counts summed (analysis.combine), ranked among Trafford's
2023 wards, compared with Trafford, Greater Manchester and England."""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass, field

import pandas as pd

from analysis.combine import LeftOut, combine_parts
from components import urls
from components.params import first
from data.schema import ENGLAND, GREATER_MANCHESTER, TRAFFORD
from queries import catalog_cache
from queries import custom_area as q
from queries.errors import QueryError
from report.profile import ALIASES, BENCHMARKS, AreaProfile, ProfileRequest, build_profile

LEVEL = "custom"  # the profile's level key: LEVEL_SINGULAR / LEVEL_PLURAL name it
MAX_NAME = 80
PREFIX = {"la": "trafford", "combined_authority": "gm", "england": "england"}
LATEST_COLUMNS = ["indicator_id", "breakdown", "period", "period_start", "value", "lower_ci", "upper_ci",
                  "lower_ci_998", "upper_ci_998", "numerator", "denominator", "suppressed", "name", "theme",
                  "theme_name", "unit", "value_type", "polarity", "ci_method", "publisher", "licence",
                  "trafford_value", "trafford_lower", "trafford_upper", "gm_value", "gm_lower", "gm_upper",
                  "england_value", "england_lower", "england_upper", "estimated", "derivation"]
ESTIMATED = "estimated, no interval"


def clean_name(name, codes: list[str]) -> str:
    """The area's name as given (printable characters, at most 80), or a plain default."""
    text = "" if name is None else str(name[0] if isinstance(name, list | tuple) and name else name)
    text = " ".join("".join(c for c in text if c.isprintable()).split())[:MAX_NAME]
    return text or f"Custom area of {len(codes)} LSOA{'s' if len(codes) != 1 else ''}"


def area_id(codes: list[str], name: str) -> str:
    """A short stable id of the LSOAs and name ('custom-' and 10 hex digits): the same area, the same id."""
    return "custom-" + hashlib.sha256(("|".join(codes) + "#" + name).encode()).hexdigest()[:10]


def custom_params(codes: list[str], name: str, benchmark: str = "england") -> dict:
    """The URL parameters of a custom area's pages: lsoa, name and a benchmark other than England."""
    return {"lsoa": list(codes), "name": name, "benchmark": benchmark if benchmark != "england" else None}


def custom_path(codes: list[str], name: str, benchmark: str = "england") -> str:
    """The custom area's profile address."""
    return urls.custom_area_url(**custom_params(codes, name, benchmark))


def _benchmark(asked) -> tuple[str, list[str]]:
    text = first(asked, limit=40).lower()
    key = ALIASES.get(text, text) or "england"
    if key not in BENCHMARKS:
        return "england", [f"Unknown benchmark “{text[:30]}”: comparing with England."]
    return key, []


class CustomArea:
    """A group of 2021 LSOAs read as one area (the source build_profile reads, as report.profile.StoreArea)."""

    def __init__(self, codes: list[str], name: str):
        self.codes, self._name = codes, name
        self.code = area_id(codes, name)
        catalogue = catalog_cache.indicators()
        values = q.lsoa_values(codes)
        pop = values[(values["indicator_id"] == "population_total") & (values["breakdown"] == "Persons")]
        self.rows, self.left_out = combine_parts(values, catalogue, codes, pop)
        self.catalogue = catalogue
        self._latest: pd.DataFrame | None = None

    def name(self) -> str:
        return self._name

    def series(self) -> pd.DataFrame:
        return self.rows.assign(suppressed=False)

    def _last(self) -> pd.DataFrame:
        """Each indicator and breakdown's latest combined period."""
        if self.rows.empty:
            return self.rows
        r = self.rows.sort_values(["period_start", "period_end"])
        return r.groupby(["indicator_id", "breakdown"], sort=False).tail(1).reset_index(drop=True)

    def latest(self) -> pd.DataFrame:
        if self._latest is not None:
            return self._latest
        last = self._last()
        if last.empty:
            self._latest = pd.DataFrame(columns=LATEST_COLUMNS)
            return self._latest
        meta = self.catalogue.reset_index(drop=True)[["indicator_id", "name", "theme", "theme_name", "unit",
                                                       "value_type", "polarity", "ci_method", "publisher", "licence"]]
        out = last.merge(meta, on="indicator_id", how="left")
        # the interval's method is the one the sums used (a percentage with counts gets Wilson's even where the
        # indicator's published figures carry none); estimates have none
        out["ci_method"] = [("wilson" if "Wilson" in d else "byars" if "Byar" in d else
                             ("byars" if ci == "byars" and not math.isnan(lo) else "none"))
                            for d, ci, lo in zip(out["derivation"], out["ci_method"], out["lower_ci"], strict=True)]
        bench = q.benchmark_values(sorted(out["indicator_id"].unique()))
        for level, prefix in PREFIX.items():
            b = bench[bench["level"] == level][["indicator_id", "breakdown", "period", "value", "lower_ci", "upper_ci"]]
            b = b.drop_duplicates(["indicator_id", "breakdown", "period"]).rename(columns={
                "value": f"{prefix}_value", "lower_ci": f"{prefix}_lower", "upper_ci": f"{prefix}_upper"})
            out = out.merge(b, on=["indicator_id", "breakdown", "period"], how="left")
        out["suppressed"] = False
        self._latest = out.reindex(columns=LATEST_COLUMNS)
        return self._latest

    def level_stats(self) -> pd.DataFrame:
        last = self.latest()
        if last.empty:
            return pd.DataFrame(columns=["indicator_id", "breakdown", "period", "n", "min", "q1", "median", "q3",
                                         "max", "mean"])
        stats = q.ward_stats(sorted(last["indicator_id"].unique()), sorted(last["period"].unique()))
        keys = last[["indicator_id", "breakdown", "period"]]
        return stats.merge(keys, on=["indicator_id", "breakdown", "period"], how="inner")

    def ranks(self) -> pd.DataFrame:
        """Where the area would rank among Trafford's 2023 wards (1 = best; highest where no judgement)."""
        last = self.latest()
        cols = ["indicator_id", "breakdown", "period", "rank", "n"]
        if last.empty:
            return pd.DataFrame(columns=cols)
        wards = q.ward_values(sorted(last["indicator_id"].unique()), sorted(last["period"].unique()))
        groups = {k: g["value"].to_numpy(dtype=float) for k, g in wards.groupby(["indicator_id", "breakdown", "period"])}
        out = []
        for r in last.itertuples():
            vals = groups.get((r.indicator_id, r.breakdown, r.period))
            if vals is None or not len(vals) or r.value is None or math.isnan(r.value):
                continue
            better = (vals < r.value).sum() if r.polarity == "low_is_good" else (vals > r.value).sum()
            out.append({"indicator_id": r.indicator_id, "breakdown": r.breakdown, "period": r.period,
                        "rank": int(better) + 1, "n": len(vals) + 1})
        return pd.DataFrame(out, columns=cols)

    def deciles(self) -> pd.DataFrame:
        return q.lsoa_deciles(self.codes)

    def links(self) -> pd.DataFrame:
        return pd.DataFrame(columns=["other_code", "other_level", "other_name", "direction", "share_of_from"])

    def children(self) -> pd.DataFrame:
        names = q.lsoa_names(self.codes)
        return names.assign(level=q.CUSTOM_LEVEL)[["area_code", "area_name", "level"]]

    def parents(self) -> list[dict]:
        names = {(TRAFFORD, "la"): "Trafford", (GREATER_MANCHESTER, "combined_authority"): "Greater Manchester",
                 (ENGLAND, "england"): "England"}
        return [{"code": c, "level": lv, "name": n, "best_fit": False} for (c, lv), n in names.items()]

    def other_levels(self) -> list[str]:
        return []

    def marks(self) -> dict:
        """Interventions covering any of the LSOAs (or an area containing one), by indicator."""
        try:
            from queries.interventions import covering, register

            items = register().current()
            seen: dict[str, list[dict]] = {}
            ids: set[tuple[str, str]] = set()
            for code in self.codes:
                for item in covering(code, q.CUSTOM_LEVEL, items=items):
                    for indicator in item.indicators:
                        if (indicator, item.intervention_id) not in ids:
                            ids.add((indicator, item.intervention_id))
                            seen.setdefault(indicator, []).append(item.mark())
            return seen
        except Exception:  # a damaged register must never cost the profile
            logging.getLogger(__name__).exception("intervention register unreadable")
            return {}


@dataclass
class CustomProfile(AreaProfile):
    """An AreaProfile of a custom area: its LSOAs, what was estimated and what left out, and its own address."""

    lsoas: pd.DataFrame = field(default_factory=pd.DataFrame)
    left_out: list[LeftOut] = field(default_factory=list)
    estimated: list[str] = field(default_factory=list)
    lsoa_codes: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return custom_path(self.lsoa_codes, self.name, self.benchmark)

    def params(self) -> dict:
        """The URL parameters of its pages and evidence files."""
        return custom_params(self.lsoa_codes, self.name, self.benchmark)


def parse_custom(lsoa, name=None, benchmark=None) -> tuple[list[str], str, ProfileRequest]:
    """(codes, name, request) for /area/custom?lsoa=&name=&benchmark=, or QueryError saying what is wrong."""
    raw = lsoa[0] if isinstance(lsoa, list | tuple) and len(lsoa) == 1 else lsoa
    codes = q.check_lsoas(raw if raw is not None else "")
    title = clean_name(name, codes)
    key, notices = _benchmark(benchmark)
    return codes, title, ProfileRequest(area_id(codes, title), LEVEL, key, notices)


def load_custom(lsoa, name=None, benchmark=None) -> CustomProfile:
    """The custom area's whole profile (QueryError for bad codes)."""
    codes, title, req = parse_custom(lsoa, name, benchmark)
    source = CustomArea(codes, title)
    base = build_profile(req, source)
    derivation = {(r.indicator_id, r.breakdown): (bool(r.estimated), r.derivation) for r in source.latest().itertuples()}
    estimated = []
    for row in base.rows:
        est, how = derivation.get((row["indicator_id"], row["breakdown"]), (False, ""))
        row["estimated"], row["derivation"] = est, how
        if est:  # said where the value is read, in the table, the summary and the pack
            row["label"] = f"{row['label']} ({ESTIMATED})"
            row["explanation"] = f"Estimated, no interval ({how.removeprefix('estimated: ')}): not tested. " \
                                 + row["explanation"]
            if row["name"] not in estimated:
                estimated.append(row["name"])
    names = {i: catalog_cache.indicators().loc[i, "name"] if i in catalog_cache.indicators().index else i
             for i in [x.indicator_id for x in source.left_out]}
    left = [LeftOut(names[x.indicator_id], x.reason) for x in source.left_out]
    return CustomProfile(**base.__dict__, lsoas=q.lsoa_names(codes), left_out=left, estimated=estimated,
                         lsoa_codes=codes)


__all__ = ["CustomArea", "CustomProfile", "QueryError", "area_id", "clean_name", "custom_params", "custom_path",
           "load_custom", "parse_custom"]
