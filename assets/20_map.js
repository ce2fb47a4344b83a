/* Map styling functions referenced from Python via dash_extensions Namespace("observatory", "map"). */
window.observatory = Object.assign({}, window.observatory, {
  map: {
    style: function (feature, context) {
      const h = (context && context.hideout) || {};
      const code = feature.properties.area_code;
      const colour = (h.colours || {})[code];
      const selected = (h.selected || []).indexOf(code) >= 0;
      const hovered = h.hover === code;
      return {
        fillColor: colour || "#d9d9d9",
        fillOpacity: colour ? 0.85 : 0.55,
        color: selected ? "#0b0c0c" : hovered ? "#f47738" : "#505a5f",
        weight: selected ? 4 : hovered ? 3 : 1,
        dashArray: colour ? null : "4 3",
      };
    },
    tooltip: function (feature, layer, context) {
      const h = (context && context.hideout) || {};
      const label = (h.labels || {})[feature.properties.area_code] || feature.properties.area_name;
      layer.bindTooltip(label, { sticky: true });
      const code = feature.properties.area_code;
      layer.on("mouseover", function () { window.observatory.linkHover(code); });
      layer.on("mouseout", function () { window.observatory.linkHover(null); });
    },
    point: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 5, color: "#0b0c0c", weight: 1, fillColor: "#f47738", fillOpacity: 0.9 });
    },
  },
});
/* Show a map hover in the other views: the ranking's bar (plotly hover) and the table's row (a class). */
window.observatory.linkHover = function (code) {
  window.__obsHoverFromMap = code;
  document.querySelectorAll("tr.obs-hover").forEach(function (tr) { tr.classList.remove("obs-hover"); });
  const graph = document.querySelector("#explore-ranking .js-plotly-plot");
  if (!code) {
    if (graph && window.Plotly) { window.Plotly.Fx.unhover(graph); }
    return;
  }
  document.querySelectorAll('#explore-table td[data-dash-column="area_code"]').forEach(function (td) {
    if (td.textContent === code) { td.parentElement.classList.add("obs-hover"); }
  });
  if (graph && graph.data && graph.data.length && window.Plotly) {
    const index = (graph.data[0].customdata || []).indexOf(code);
    if (index >= 0) { window.Plotly.Fx.hover(graph, [{ curveNumber: 0, pointNumber: index }]); }
  }
};
/* Remember whether Shift, Ctrl or Cmd was held on the last click, for "add to selection" on the map. */
document.addEventListener("mousedown", function (e) {
  window.__obsModifier = e.shiftKey || e.ctrlKey || e.metaKey;
}, true);
