"""The indicator catalogue: the modules' YAML metadata, checked, then completed with coverage from the values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from data.ingest.normalise import interval_method
from data.ingest.source_meta import caveated
from data.schema import (
    CATALOG_FIELDS,
    CI_METHODS,
    LEVELS,
    PLAIN_SLOTS,
    PLAIN_WHERE,
    POLARITIES,
    THEMES,
    VALUE_TYPES,
)

CATALOG_DIR = Path(__file__).resolve().parents[1] / "catalog"
REQUIRED = ("id", "name", "theme", "definition", "unit", "value_type", "polarity", "ci_method", "publisher", "licence")


class CatalogError(ValueError):
    """A catalogue entry that is incomplete or contradicts another."""


def _check(entry: dict, where: str) -> dict:
    missing = [f for f in REQUIRED if not entry.get(f)]
    if missing:
        raise CatalogError(f"{where}: indicator {entry.get('id')!r} lacks {', '.join(missing)}")
    for field, allowed in (("theme", THEMES), ("value_type", VALUE_TYPES), ("polarity", POLARITIES),
                           ("ci_method", CI_METHODS)):
        if entry[field] not in allowed:
            raise CatalogError(f"{where}: indicator {entry['id']!r} has {field} {entry[field]!r}; "
                               f"expected one of {', '.join(allowed)}")
    plain = entry.get("plain")
    if plain is not None and not plain_ok(plain):
        raise CatalogError(f"{where}: indicator {entry['id']!r} has plain {plain!r}; expected words with one "
                           f"{' or '.join(PLAIN_SLOTS)} where the figure goes, at most one {PLAIN_WHERE} and no other braces")
    return {f: entry.get(f) for f in CATALOG_FIELDS} | {"multiplier": entry.get("multiplier") or 1}


def plain_ok(plain) -> bool:
    """Plain words with exactly one slot for the figure ({value} or {number}), at most one {where} for the place,
    and no other braces."""
    if not isinstance(plain, str) or plain.count(PLAIN_WHERE) > 1:
        return False
    slots = sum(plain.count(s) for s in PLAIN_SLOTS)
    rest = plain.replace(PLAIN_WHERE, "")
    for s in PLAIN_SLOTS:
        rest = rest.replace(s, "")
    return slots == 1 and "{" not in rest and "}" not in rest


def load_catalog(names: list[str], directory: Path | None = None) -> dict[str, dict]:
    """Indicator id -> metadata, from data/catalog/<name>.yaml for each source module's CATALOG name."""
    directory = directory or CATALOG_DIR
    catalog: dict[str, dict] = {}
    for name in names:
        path = directory / f"{name}.yaml"
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for entry in entries:
            meta = _check(entry, path.name)
            if meta["id"] in catalog:
                raise CatalogError(f"{path.name}: indicator {meta['id']!r} is declared twice")
            catalog[meta["id"]] = meta | {"catalog_file": path.name}
    return catalog


def indicators_table(catalog: dict, values: pd.DataFrame, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per indicator with values: metadata plus the levels, periods and breakdowns it has.

    What the rows say wins over the catalogue: ci_method is 'none' when no row carries limits (and the method
    the build used when the catalogue names none), rows_with_interval and share_with_interval say how many do,
    and the licence carries the caveat of any source read from a copy that states no data licence.
    """
    rows = []
    level_order = {lv: i for i, lv in enumerate(LEVELS)}
    licences = {} if sources is None or sources.empty else dict(zip(sources["source_path"], sources["licence"],
                                                                      strict=True))
    for ind, group in values.groupby("indicator_id", sort=True):
        meta = catalog[ind]
        periods = group.drop_duplicates("period").sort_values(["period_start", "period_end"])
        with_interval = int(group["lower_ci"].notna().sum())
        paths = sorted(group["source_path"].unique())
        rows.append({
            "indicator_id": ind, **{k: v for k, v in meta.items() if k not in ("id", "catalog_file")},
            "ci_method": _ci_method(meta, with_interval),
            "licence": _licence(meta["licence"], [licences.get(p) for p in paths]),
            "theme_name": THEMES[meta["theme"]],
            "levels": sorted(group["level"].unique(), key=level_order.get),
            "periods": periods["period"].tolist(),
            "breakdowns": sorted(group["breakdown"].unique()),
            "latest_period": periods["period"].iloc[-1],
            "first_period_start": periods["period_start"].iloc[0],
            "data_date": periods["period_end"].iloc[-1],
            "n_periods": len(periods),
            "n_values": len(group),
            "has_intervals": with_interval > 0,
            "rows_with_interval": with_interval,
            "share_with_interval": round(with_interval / len(group), 4),
            "sources": paths,
        })
    return pd.DataFrame(rows)


def _ci_method(meta: dict, with_interval: int) -> str:
    """The method the rows' limits come from: none without limits; by value type where the catalogue names none."""
    if with_interval == 0:
        return "none"
    if meta["ci_method"] == "none":
        return interval_method(meta) or "none"
    return meta["ci_method"]


def _licence(stated: str, source_licences: list[str | None]) -> str:
    """The catalogue's licence, or the caveat of the sources whose copy states no data licence (SOURCES.md)."""
    caveats = sorted({lic for lic in source_licences if lic and caveated(lic)})
    if not caveats:
        return stated
    if all(lic and caveated(lic) for lic in source_licences):
        return "; ".join(caveats)
    return f"{stated}; some rows: " + "; ".join(caveats)
