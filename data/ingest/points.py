"""Facility points (schools, GPs, libraries...) with category, name and location, from CSV and GeoJSON files."""

from __future__ import annotations

import pandas as pd
from shapely.geometry import shape

from data.ingest.context import IngestContext

P = "tdl_open_data/points"
# (category key, label, file, name column); lon/lat columns are found by name.
POINT_FILES = [
    ("schools", "Schools and colleges", "tdl_schools/trafford_schools_2024.csv", "name"),
    ("gp_practices", "GP practices", f"{P}/trafford_general_practices.csv", "name"),
    ("pharmacies", "Pharmacies", f"{P}/trafford_pharmacies.geojson", "pharmacy_name"),
    ("dentists", "Dentists", f"{P}/trafford_dentists.csv", "name"),
    ("hospitals", "Hospitals", f"{P}/trafford_hospitals.geojson", "DISTNAME"),
    ("care_homes", "Care homes", f"{P}/trafford_care_homes.csv", "name"),
    ("libraries", "Libraries", f"{P}/trafford_libraries.csv", "name"),
    ("leisure_centres", "Leisure centres", "tdl_council_open_data/trafford_leisure_centres.csv", "name"),
    ("sports_facilities", "Sports facilities", f"{P}/trafford_sports_facilities.csv", "site_name"),
    ("community_hubs", "Community hubs", "tdl_council_open_data/trafford_community_hubs.csv", "community_hub"),
    ("childrens_centres", "Children's centres", f"{P}/trafford_childrens_centres.csv", "name"),
    ("parks", "Parks", "tdl_parks/trafford_parks_facilities.csv", "name"),
    ("green_flag_parks", "Green Flag parks", f"{P}/trafford_green_flag_parks.csv", "name"),
    ("green_spaces", "Green spaces", f"{P}/trafford_greenspace_sites.geojson", "site_name"),
    ("allotments", "Allotments", f"{P}/trafford_allotments.csv", "name"),
    ("food_banks", "Food banks", f"{P}/trafford_food_banks.geojson", "Name"),
    ("jobcentres", "Jobcentre Plus", f"{P}/trafford_jobcentreplus.csv", "name"),
    ("polling_stations", "Polling stations (2022)", "tdl_open_data/elections/trafford_polling_stations_2022.csv", "name"),
    ("metrolink_stops", "Metrolink stops", f"{P}/trafford_metrolink_stops.csv", "name"),
    ("train_stations", "Train stations", f"{P}/trafford_train_stations.csv", "name"),
    ("ev_chargers", "EV charging points", f"{P}/trafford_ev_charging_locations.csv", "name"),
    ("defibrillators", "Defibrillators", f"{P}/trafford_defibrillators.csv", "Location"),
    ("fast_food", "Fast food outlets", f"{P}/trafford_fast_food_outlets.csv", "name"),
    ("gambling_premises", "Gambling premises", f"{P}/trafford_gambling_premises.csv", "name"),
    ("fire_stations", "Fire stations", f"{P}/trafford_fire_stations.geojson", "DISTNAME"),
    ("post_offices", "Post offices", f"{P}/trafford_post_offices.geojson", "DISTNAME"),
    ("places_of_worship", "Places of worship", f"{P}/trafford_places_of_worship.geojson", "DISTNAME"),
    ("town_centres", "Town centres", "tdl_spatial_data/trafford_town_centres.csv", "name"),
]
LON_NAMES = ("lon", "long", "longitude")
LAT_NAMES = ("lat", "latitude")
# Trafford's bounding box with a margin: a point outside it has its coordinates wrong or swapped.
BOX = (-2.60, 53.33, -2.20, 53.50)


def _column(columns, names) -> str | None:
    lowered = {c.lower(): c for c in columns}
    return next((lowered[n] for n in names if n in lowered), None)


def _csv_points(ctx: IngestContext, rel: str, name_col: str) -> pd.DataFrame:
    df = ctx.read_csv(rel)
    if "area_code" in df.columns:  # some files carry the mistyped Trafford code E0800009
        df["area_code"] = ctx.code(df["area_code"], rel)
    lon, lat = _column(df.columns, LON_NAMES), _column(df.columns, LAT_NAMES)
    address = _column(df.columns, ("address", "street", "address1"))
    return pd.DataFrame({
        "name": df[name_col], "lon": ctx.number(df[lon]), "lat": ctx.number(df[lat]),
        "address": df[address] if address else None, "postcode": df.get("postcode", df.get("Postcode")),
        "area_code": df.get("area_code"),
        "_row": df["_row"],
    })


def _geojson_points(ctx: IngestContext, rel: str, name_col: str) -> pd.DataFrame:
    rows = []
    for i, f in enumerate(ctx.read_geojson(rel)["features"]):
        pt = shape(f["geometry"]).representative_point()  # buildings and sites are polygons: use a point inside
        props = f["properties"]
        rows.append({"name": props.get(name_col) or props.get("site_type"), "lon": pt.x, "lat": pt.y,
                     "address": props.get("address") or props.get("Address"),
                     "postcode": props.get("postcode") or props.get("Postcode"), "_row": i + 1})
    return pd.DataFrame(rows)


def build_points(ctx: IngestContext) -> pd.DataFrame:
    """Every facility point with category, label, name, address, lon/lat and its source file."""
    frames = []
    for key, label, rel, name_col in POINT_FILES:
        df = _geojson_points(ctx, rel, name_col) if rel.endswith(".geojson") else _csv_points(ctx, rel, name_col)
        swapped = df["lon"].between(BOX[1], BOX[3]) & df["lat"].between(BOX[0], BOX[2])
        if swapped.any():
            df.loc[swapped, ["lon", "lat"]] = df.loc[swapped, ["lat", "lon"]].to_numpy()
            ctx.report.fix(rel, None, f"longitude and latitude swapped in {int(swapped.sum())} rows; swapped back")
        bad = df["lon"].isna() | df["lat"].isna() | ~df["lon"].between(BOX[0], BOX[2]) | ~df["lat"].between(BOX[1], BOX[3])
        for row in df.loc[bad, "_row"]:
            ctx.report.reject(rel, int(row), "no usable location inside Trafford")
        df = df.loc[~bad].assign(category=key, category_label=label, source_path=rel)
        df["name"] = df["name"].fillna(label).astype(str)
        frames.append(df.drop(columns="_row"))
    points = pd.concat(frames, ignore_index=True)
    points["point_id"] = points["category"] + "-" + points.groupby("category").cumcount().astype(str)
    return points[["point_id", "category", "category_label", "name", "address", "postcode", "area_code", "lon", "lat",
                   "source_path"]]
