/* Home: the ward map's style, its names on hover and a click that opens the ward's profile. */
window.observatory_home = Object.assign({}, window.observatory_home, {
  wards: {
    style: function () {
      return { fillColor: "#bdc9e1", fillOpacity: 0.55, color: "#1d4f91", weight: 1.2 };
    },
    hover: function () {
      return { fillColor: "#045a8d", fillOpacity: 0.8, weight: 2.5 };
    },
    bind: function (feature, layer) {
      const p = feature.properties;
      layer.bindTooltip(p.area_name, { sticky: true });
      layer.on("click", function () { window.location.assign("/area/" + encodeURIComponent(p.area_code)); });
    },
  },
});
