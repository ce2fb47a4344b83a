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
    },
    point: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 5, color: "#0b0c0c", weight: 1, fillColor: "#f47738", fillOpacity: 0.9 });
    },
  },
});
/* Remember whether Shift, Ctrl or Cmd was held on the last click, for "add to selection" on the map. */
document.addEventListener("mousedown", function (e) {
  window.__obsModifier = e.shiftKey || e.ctrlKey || e.metaKey;
}, true);
