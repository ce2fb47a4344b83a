/* Upload wizard: give dcc.Upload's file input a name (it has none), so screen readers and keyboard users know it. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  observatory_upload: {
    label: function (id) {
      var tries = 0;
      (function name() {
        var input = document.querySelector("#" + id + " input[type=file]");
        if (input) {
          input.setAttribute("aria-label", "Choose a CSV or Excel file to upload");
          input.id = id + "-input";
        } else if (tries++ < 50) {
          setTimeout(name, 100);
        }
      })();
      return "";
    },
  },
});
