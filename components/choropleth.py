"""The choropleth: colours and tooltips per area (the GeoJSON hideout), its legend, and the map itself."""

from __future__ import annotations

import dash_leaflet as dl
import numpy as np
import pandas as pd
from dash import html
from dash_extensions.javascript import Namespace

from analysis.classify import assign, breaks
from components import urls
from components.colours import JUDGEMENT, JUDGEMENT_ORDER, NO_DATA, SEQUENTIAL
from components.format import format_interval, format_value
from components.judgement import LABELS

MAP_JS = Namespace("observatory", "map")
TRAFFORD_BOUNDS = [[53.355, -2.48], [53.482, -2.25]]
GM_BOUNDS = [[53.33, -2.73], [53.69, -1.91]]
CLASSIFY = {"quantiles": "Quantiles (equal counts)", "equal": "Equal intervals", "jenks": "Natural breaks (Jenks)",
            "significance": "Significance against the benchmark"}


def map_styling(rows: pd.DataFrame, method: str, unit: str, value_type: str, benchmark_name: str) -> tuple[dict, list]:
    """(hideout, legend items) for rows with area_code, area_name, value, lower_ci, upper_ci, judgement."""
    values = rows["value"].to_numpy(dtype=float)
    colours, legend = {}, []
    if method == "significance":
        for j in JUDGEMENT_ORDER:
            hit = (rows["judgement"] == j) & ~np.isnan(values)
            if hit.any():
                legend.append({"colour": JUDGEMENT[j], "label": LABELS[j] + ("" if j == "not_compared" else
                               f" {'to' if j == 'similar' else 'than'} {benchmark_name}"), "count": int(hit.sum())})
            for code in rows.loc[hit, "area_code"]:
                colours[code] = JUDGEMENT[j]
    else:
        edges = breaks(values, method, len(SEQUENTIAL))
        classes = assign(values, edges)
        palette = SEQUENTIAL if len(edges) - 1 >= len(SEQUENTIAL) else SEQUENTIAL[-(len(edges) - 1):] if edges else []
        for code, c in zip(rows["area_code"], classes, strict=True):
            if c >= 0:
                colours[code] = palette[c]
        for c in range(len(edges) - 1):
            label = f"{format_value(edges[c], unit, value_type)} to {format_value(edges[c + 1], unit, value_type)}"
            legend.append({"colour": palette[c], "label": label, "count": int((classes == c).sum())})
    missing = int(np.isnan(values).sum())
    if missing:
        suppressed = int(rows["suppressed"].fillna(False).astype(bool).sum()) if "suppressed" in rows else 0
        legend.append({"colour": NO_DATA, "label": "No data" + (f" ({suppressed} suppressed: too few events)" if suppressed
                       else ""), "count": missing, "dashed": True})
    labels = {r.area_code: _tooltip(r, unit, value_type, benchmark_name) for r in rows.itertuples()}
    return {"colours": colours, "labels": labels}, legend


def _tooltip(r, unit: str, value_type: str, benchmark_name: str) -> str:
    if pd.isna(r.value):
        flag = getattr(r, "suppressed", False)
        state = "suppressed (too few events)" if not pd.isna(flag) and bool(flag) else "no data"
        return f"<b>{r.area_name}</b><br>{state}"
    interval = format_interval(r.lower_ci, r.upper_ci, unit, value_type)
    verdict = LABELS.get(getattr(r, "judgement", "not_compared"), "")
    return f"<b>{r.area_name}</b><br>{format_value(r.value, unit, value_type)} {interval}<br>{verdict} ({benchmark_name})"


def legend(items: list[dict], title: str, note: str | None = None) -> html.Div:
    """The legend: a swatch, a range or judgement and how many areas, as a list screen readers can read; `note`
    says why the colours are not what was chosen."""
    if not items:
        return html.Div("No values to show for this choice.", className="obs-meta")
    return html.Div([
        html.Div(note, className="legend-note small mb-1", role="status") if note else None,
        html.Div(title, className="fw-semibold small"),
        html.Ul([html.Li([
            html.Span(className="legend-swatch" + (" legend-dashed" if i.get("dashed") else ""),
                      style={"backgroundColor": i["colour"]}),
            html.Span(f"{i['label']} ({i['count']})"),
        ]) for i in items], className="legend-list"),
    ], className="map-legend")


def points_layer_id(page: str, key: str) -> dict:
    """The pattern-matching id of one facility layer's GeoJSON."""
    return {"type": f"{page}-points", "key": key}


def choropleth_map(geojson_id: str, map_id: str, level: str, tile_url: str | None, point_layers: list,
                   layers_id: str, page: str) -> dl.Map:
    """A leaflet map: the level's boundaries (fetched once as a static file, restyled via hideout) and point
    layers, each fetched only when first ticked in the layer control (its url is set by a callback)."""
    base = [dl.TileLayer(url=tile_url, attribution="Map tiles")] if tile_url else []
    areas = dl.GeoJSON(id=geojson_id, url=urls.geometry_url(level), hideout={"colours": {}, "labels": {}, "selected": []},
                       style=MAP_JS("style"), onEachFeature=MAP_JS("tooltip"), zoomToBounds=False)
    overlays = [dl.Overlay(dl.GeoJSON(id=points_layer_id(page, key), pointToLayer=MAP_JS("point")), name=label,
                           checked=False) for key, label in point_layers]
    control = dl.LayersControl(overlays, id=layers_id, position="topright", overlays=[])
    return dl.Map([*base, areas, control] if overlays else [*base, areas],
                  id=map_id, bounds=GM_BOUNDS if level == "la" else TRAFFORD_BOUNDS, style={"height": "460px"},
                  attributionControl=True, scrollWheelZoom=False, keyboard=True, trackViewport=False)
