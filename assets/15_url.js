/* The one script that writes a page's state to the address bar. Each page keeps its query string in a dcc.Store
   (built by components/urls.py); these clientside callbacks mirror it without Dash's own navigation event, so the
   page is not rebuilt. The first state a page writes replaces the address it was opened with (Back then leaves
   the page instead of stepping to the same view); later ones are history steps, so back and forward work. */
(function () {
  let written = null; // the path whose first state has been written
  function sync(query, replaceOnly) {
    if (query === undefined || query === null) { return window.dash_clientside.no_update; }
    const path = window.location.pathname;
    const want = query ? "?" + query : "";
    const first = written !== path;
    written = path;
    if (want !== window.location.search) {
      const target = path + want + window.location.hash;
      if (replaceOnly || first) { window.history.replaceState({}, "", target); }
      else { window.history.pushState({}, "", target); }
    }
    return "";
  }
  // Explore's selection changes in the browser alone: its state takes the selected areas from there
  function withAreas(query, areas) {
    if (query === undefined || query === null) { return query; }
    const params = new URLSearchParams(query);
    if (areas && areas.length) { params.set("areas", areas.join(",")); } else { params.delete("areas"); }
    return params.toString();
  }
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    observatory_url: {
      push: function (query) { return sync(query, false); },
      // typing a search should not fill the history with every keystroke
      replace: function (query) { return sync(query, true); },
      push_with_areas: function (query, areas) { return sync(withAreas(query, areas), false); },
    },
  });
})();
