/* Home: the ward map's style, its names on hover and a click that opens the ward's profile (its address comes from
   the server: the figure's data-area-href, written by components/urls.area_url_template, with {code} to fill in). */
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
      layer.on("click", function (e) {
        const target = e.originalEvent && e.originalEvent.target;
        const holder = (target && target.closest && target.closest("[data-area-href]")) ||
          document.querySelector("[data-area-href]");
        if (holder) {
          window.location.assign(holder.dataset.areaHref.replace("{code}", encodeURIComponent(p.area_code)));
        }
      });
    },
  },
});
