/* Charts here are bars and lines only, so graphs load plotly.js's basic bundle (1.2 MB, served from
   assets/vendor) instead of the full 4.8 MB one; dcc.Graph fetches whatever this URL names, on first use. */
(function () {
  const url = "/assets/vendor/plotly-basic-4.1.1.min.js";
  Object.defineProperty(window, "_dashPlotlyJSURL", { get: function () { return url; }, set: function () {},
                                                      configurable: true });
})();
