/* Explore's clientside callbacks: selection from map, chart and table; map restyling (the URL: 15_url.js). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  observatory_explore: {
    select: function (mapClicks, rankClick, activeCell, mapFeature, tableRows, current) {
      const ctx = window.dash_clientside.callback_context;
      const trigger = ctx.triggered.length ? ctx.triggered[0].prop_id : "";
      let code = null;
      let add = false;
      if (trigger.indexOf("geojson") >= 0 && mapFeature) {
        code = mapFeature.properties.area_code;
        add = !!window.__obsModifier;
      } else if (trigger.indexOf("ranking") >= 0 && rankClick && rankClick.points.length) {
        code = rankClick.points[0].customdata;
        add = true;
      } else if (trigger.indexOf("table") >= 0 && activeCell && tableRows) {
        const row = tableRows[activeCell.row];
        code = row ? row.area_code : null;
        add = true;
      }
      if (!code) { return window.dash_clientside.no_update; }
      const now = (current || []).slice();
      const at = now.indexOf(code);
      if (add) {
        if (at >= 0) { now.splice(at, 1); } else { now.push(code); }
        return now.slice(0, 12);
      }
      return at >= 0 && now.length === 1 ? [] : [code];
    },
    // a change of selection outlines the chosen bars and table rows here, without a round trip (the server draws
    // the same outline when it redraws the ranking: components/figures.py, ranking_figure)
    highlight: function (selected, figure) {
      const chosen = new Set(selected || []);
      const rows = Array.from(chosen).map(function (code) {
        return { if: { filter_query: '{area_code} = "' + code + '"' }, backgroundColor: "#fff7bf", fontWeight: "600" };
      });
      const bars = figure && figure.data && figure.data[0];
      if (!bars || !bars.customdata || bars.type !== "bar") { return [window.dash_clientside.no_update, rows]; }
      const codes = Array.from(bars.customdata);
      const line = Object.assign({}, bars.marker.line, {
        color: codes.map(function (c) { return chosen.has(c) ? "#0b0c0c" : "#6f777b"; }),
        width: codes.map(function (c) { return chosen.has(c) ? 3 : 0.5; }),
      });
      const marker = Object.assign({}, bars.marker, { line: line });
      const data = [Object.assign({}, bars, { marker: marker })].concat(figure.data.slice(1));
      return [Object.assign({}, figure, { data: data }), rows];
    },
    hideout: function (data, selected, rankHover) {
      const ctx = window.dash_clientside.callback_context;
      const byHover = ctx.triggered.length && ctx.triggered[0].prop_id.indexOf("hoverData") >= 0;
      let hover = null;
      if (rankHover && rankHover.points && rankHover.points.length) { hover = rankHover.points[0].customdata; }
      // a hover the map itself started (through linkHover) must not restyle the map under the pointer
      if (byHover && hover && hover === window.__obsHoverFromMap) { return window.dash_clientside.no_update; }
      return Object.assign({}, data || {}, { selected: selected || [], hover: byHover ? hover : null });
    },
  },
});
