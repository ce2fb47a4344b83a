/* Make an area: the LSOAs chosen are filled; each LSOA's name shows on hover. */
window.observatory_custom = Object.assign({}, window.observatory_custom, {
  picker: {
    style: function (feature, context) {
      const chosen = ((context && context.hideout) || {}).selected || [];
      const mine = chosen.indexOf(feature.properties.area_code) >= 0;
      return { fillColor: mine ? "#045a8d" : "#ffffff", fillOpacity: mine ? 0.75 : 0.35,
               color: mine ? "#0b0c0c" : "#505a5f", weight: mine ? 2 : 0.8 };
    },
    tooltip: function (feature, layer) {
      layer.bindTooltip(feature.properties.area_name + " (" + feature.properties.area_code + ")", { sticky: true });
    },
  },
});
