/* Open data catalogue: keep the search and filters in the URL, so a copied link reopens the same results. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  observatory_data: {
    replace_url: function (query) {
      if (query === undefined || query === null) { return window.dash_clientside.no_update; }
      const want = query ? "?" + query : "";
      if (window.location.pathname === "/data" && window.location.search !== want) {
        // replaceState: typing a search should not fill the history with every keystroke
        window.history.replaceState({}, "", "/data" + want);
      }
      return "";
    },
  },
});
