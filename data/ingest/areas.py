"""Areas, their hierarchy and vintages, and simplified geometry, from the boundary files and lookups."""

from __future__ import annotations

import json

import pandas as pd
from shapely.geometry import mapping, shape

from data.ingest.context import IngestContext
from data.schema import ENGLAND, GREATER_MANCHESTER, LA_TIERS, TRAFFORD

SPATIAL = "tdl_spatial_data"
BOUNDARIES = {
    "ward_2023": f"{SPATIAL}/ward_2023_trafford_generalised.geojson",
    "ward_2022": f"{SPATIAL}/ward_2022_pre2023_trafford_generalised.geojson",
    "lsoa_2011": f"{SPATIAL}/lsoa_2011_trafford_generalised.geojson",
    "lsoa_2021": f"{SPATIAL}/lsoa_2021_trafford_generalised.geojson",
    "msoa_2011": f"{SPATIAL}/msoa_2011_trafford_generalised.geojson",
    "msoa_2021": f"{SPATIAL}/msoa_2021_trafford_generalised.geojson",
    "la": f"{SPATIAL}/local_authority_2023_gm_generalised.geojson",
    "combined_authority": f"{SPATIAL}/combined_authority_2023_gm_generalised.geojson",
}
LA_LISTS = [  # every English local authority, for comparator names
    ("tdl_open_data/deprivation/iod2025_local_authority_england.csv", "area_code", "area_name"),
    ("tdl_open_data/deprivation/iod2019_local_authority_england.csv", "lad19cd", "lad19nm"),
]
MSOA_NAMES = "tdl_covid19/msoa21_house_of_commons_library_names_england.csv"
LSOA11_WARD = f"{SPATIAL}/lookup_lsoa11_to_ward17_bestfit_gm.csv"
LSOA21_WARD22 = f"{SPATIAL}/lookup_lsoa21_to_ward22_bestfit_gm.csv"
OA11 = f"{SPATIAL}/lookup_oa11_lsoa11_msoa11_lad11_gm.csv"
OA21 = f"{SPATIAL}/lookup_oa21_lsoa21_msoa21_lad22_gm.csv"
SIMPLIFY_DEGREES = 0.00005  # about 4 m: invisible at ward zoom, trims the file sent to browsers
AREA_COLUMNS = ["area_code", "level", "area_name", "parent_code", "parent_level", "la_code", "ward_code",
                "ward_level", "msoa_code", "lon", "lat", "area_sqkm", "derived_parent", "tier"]


def with_tiers(areas: pd.DataFrame) -> pd.DataFrame:
    """Each local authority's tier (data.schema.LA_TIERS: county, district, unitary, ...); None at other levels."""
    tiers = areas["area_code"].str[:3].map(LA_TIERS).where(areas["level"] == "la")
    return areas.assign(tier=tiers.astype(object).where(tiers.notna(), None))


def _features(ctx: IngestContext, level: str) -> list[tuple[str, str, object]]:
    """(code, name, shapely geometry) for each feature of a level's boundary file."""
    gj = ctx.read_geojson(BOUNDARIES[level])
    return [(f["properties"]["area_code"], f["properties"]["area_name"], shape(f["geometry"])) for f in gj["features"]]


def _sqkm(geom) -> float:
    """Approximate area in square kilometres of a lon/lat geometry at Trafford's latitude."""
    return geom.area * 111.32 * 69.7  # km per degree of latitude, and of longitude at 53.4°N


def _best_fit(children: list, parents: list) -> dict[str, tuple[str, float]]:
    """Each child's parent by largest overlapping area, with the share of the child inside it."""
    out = {}
    for code, _, geom in children:
        shares = [(p_code, geom.intersection(p_geom).area / geom.area) for p_code, _, p_geom in parents
                  if geom.intersects(p_geom)]
        if shares:
            out[code] = max(shares, key=lambda s: s[1])
    return out


def _overlaps(old: list, new: list, min_share: float = 0.01) -> list[dict]:
    """Pairs of old and new areas that share at least `min_share` of the old area."""
    rows = []
    for o_code, _, o_geom in old:
        for n_code, _, n_geom in new:
            if o_geom.intersects(n_geom):
                share = o_geom.intersection(n_geom).area / o_geom.area
                if share >= min_share:
                    rows.append({"from_code": o_code, "to_code": n_code, "share_of_from": round(share, 4)})
    return rows


def build_areas(ctx: IngestContext) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, dict]]:
    """The areas table, the area_links table (vintage overlaps, derived lookups) and GeoJSON per level."""
    feats = {level: _features(ctx, level) for level in BOUNDARIES}
    rows: list[dict] = []

    def add(code, level, name, parent=None, parent_level=None, geom=None, **extra):
        c = geom.representative_point() if geom is not None else None
        rows.append({"area_code": code, "level": level, "area_name": name, "parent_code": parent,
                     "parent_level": parent_level, "lon": round(c.x, 5) if c else None,
                     "lat": round(c.y, 5) if c else None, "area_sqkm": round(_sqkm(geom), 3) if geom else None,
                     **extra})

    add(ENGLAND, "england", "England")
    for code, name, geom in feats["combined_authority"]:
        add(code, "combined_authority", name, ENGLAND, "england", geom)
    gm_las = {code for code, _, _ in feats["la"]}
    for code, name, geom in feats["la"]:
        add(code, "la", name, GREATER_MANCHESTER, "combined_authority", geom, la_code=code)
    for rel, code_col, name_col in LA_LISTS:
        las = ctx.read_csv(rel)[[code_col, name_col]].drop_duplicates(code_col)
        for code, name in las.itertuples(index=False):
            if code not in gm_las and code not in {r["area_code"] for r in rows if r["level"] == "la"}:
                add(code, "la", name, ENGLAND, "england", la_code=code)

    for level in ("ward_2022", "ward_2023"):
        for code, name, geom in feats[level]:
            add(code, level, name, TRAFFORD, "la", geom, la_code=TRAFFORD)

    msoa_names = ctx.read_csv(MSOA_NAMES).set_index("msoa21cd")["msoa21hclnm"].to_dict()
    for level in ("msoa_2011", "msoa_2021"):
        for code, name, geom in feats[level]:
            friendly = msoa_names.get(code)
            add(code, level, f"{friendly} ({name})" if friendly else name, TRAFFORD, "la", geom, la_code=TRAFFORD)

    _add_lsoas(ctx, feats, add)
    areas = pd.DataFrame(rows).reindex(columns=AREA_COLUMNS)
    areas["derived_parent"] = areas["derived_parent"].fillna(False).astype(bool)

    links = _vintage_links(feats)
    geometry = {level: _geojson(feats[level]) for level in feats}
    return areas, links, geometry


def _add_lsoas(ctx: IngestContext, feats: dict, add) -> None:
    """LSOAs with their MSOA and best-fit ward: 2011 from the ONS-based lookup, 2021 to 2023 wards derived."""
    oa11 = ctx.read_csv(OA11).drop_duplicates("lsoa11cd").set_index("lsoa11cd")["msoa11cd"].to_dict()
    oa21 = ctx.read_csv(OA21).drop_duplicates("lsoa21cd").set_index("lsoa21cd")["msoa21cd"].to_dict()
    ward11 = ctx.read_csv(LSOA11_WARD).set_index("lsoa11cd")["wd17cd"].to_dict()
    ward22 = ctx.read_csv(LSOA21_WARD22).set_index("lsoa21cd")["wd22cd"].to_dict()
    # The sources have no LSOA 2021 -> May-2023 ward lookup: derive it by largest overlap of the boundaries.
    ward23 = _best_fit(feats["lsoa_2021"], feats["ward_2023"])
    split = [c for c, (_, share) in ward23.items() if share < 0.9]
    if split:
        ctx.report.fix(BOUNDARIES["lsoa_2021"], None,
                       f"LSOA 2021 -> 2023 ward lookup derived by largest overlap; {len(split)} LSOAs straddle a "
                       f"ward boundary by more than 10% of their area: {', '.join(sorted(split))}")
    for code, name, geom in feats["lsoa_2011"]:
        add(code, "lsoa_2011", name, ward11.get(code), "ward_2022", geom, la_code=TRAFFORD,
            ward_code=ward11.get(code), ward_level="ward_2022", msoa_code=oa11.get(code))
    for code, name, geom in feats["lsoa_2021"]:
        w23 = ward23.get(code, (None, 0))[0]
        add(code, "lsoa_2021", name, w23, "ward_2023", geom, la_code=TRAFFORD, ward_code=ward22.get(code),
            ward_level="ward_2022", msoa_code=oa21.get(code), derived_parent=True)


def _vintage_links(feats: dict) -> pd.DataFrame:
    """Which area of an old vintage overlaps which of the new, and by how much."""
    pairs = [("ward_2022", "ward_2023"), ("lsoa_2011", "lsoa_2021"), ("msoa_2011", "msoa_2021")]
    rows = []
    for old, new in pairs:
        for link in _overlaps(feats[old], feats[new]):
            rows.append({**link, "from_level": old, "to_level": new, "relation": "succeeded_by", "derived": True})
    for link in _best_fit(feats["lsoa_2021"], feats["ward_2023"]).items():
        code, (ward, share) = link
        rows.append({"from_code": code, "to_code": ward, "share_of_from": round(share, 4), "from_level": "lsoa_2021",
                     "to_level": "ward_2023", "relation": "best_fit_ward", "derived": True})
    return pd.DataFrame(rows)


def _geojson(features: list) -> dict:
    """A simplified FeatureCollection with code and name only, coordinates rounded to about 1 m."""
    out = []
    for code, name, geom in features:
        simple = geom.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
        out.append({"type": "Feature", "id": code, "properties": {"area_code": code, "area_name": name},
                    "geometry": json.loads(json.dumps(mapping(simple), default=float), parse_float=lambda s: round(float(s), 5))})
    return {"type": "FeatureCollection", "features": out}
