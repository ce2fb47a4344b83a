/* Charts and data tables are drawn when they come into view, not when the page opens. Drawing a plotly chart takes
   a quarter of a second of the browser's time, loading plotly another, and a data table a tenth; on Explore and
   Impact they sit below the first screen, so drawing them at once held up a page the reader could not yet see.
   Until then each one's box keeps its height (nothing moves when it is drawn) and says what will be drawn there.
   Printing draws everything first. Browsers with no IntersectionObserver draw at once. */
(function () {
  "use strict";
  if (!window.React || typeof window.IntersectionObserver !== "function") { return; }
  const React = window.React;
  const MARGIN = "100px 0px";  // start drawing just before the box scrolls in, so it is there when it arrives
  const drawAll = new Set();   // each waiting box's "draw now", for printing

  window.addEventListener("beforeprint", function () { drawAll.forEach(function (draw) { draw(); }); });

  // what each waiting box says, and how tall it is: a chart's own height (plotly's default 450), a table's rows
  const WAITING = {
    Graph: { words: "Chart: drawn when scrolled into view", height: function (props) {
      const layout = props.figure && props.figure.layout;
      return (props.style && props.style.height) || (layout && layout.height) || 450;
    } },
    DataTable: { words: "Table: drawn when scrolled into view", height: function (props) {
      const all = (props.data || []).length;
      const rows = Math.min(all, props.page_size || 250);
      return 40 + 33 * rows + (all > rows ? 50 : 0);  // header, rows, pager
    } },
  };

  function lazy(Real, type) {
    function UntilSeen(props) {
      const [shown, setShown] = React.useState(false);
      const box = React.useRef(null);
      React.useEffect(function () {
        if (shown || !box.current) { return undefined; }
        const draw = function () { setShown(true); };
        const watch = new IntersectionObserver(function (entries) {
          if (entries.some(function (e) { return e.isIntersecting; })) { draw(); }
        }, { rootMargin: MARGIN });
        watch.observe(box.current);
        drawAll.add(draw);
        return function () { watch.disconnect(); drawAll.delete(draw); };
      }, [shown]);
      if (shown) { return React.createElement(Real, props); }
      return React.createElement("div", {
        id: typeof props.id === "string" ? props.id : undefined, ref: box, className: "obs-waiting-for-view",
        style: { minHeight: WAITING[type].height(props) },
      }, React.createElement("span", { className: "visually-hidden" }, WAITING[type].words));
    }
    // Dash reads the component's own flags (prop types, defaults, persistence, lazy readiness): the same ones
    Object.getOwnPropertyNames(Real).forEach(function (key) {
      if (!(key in UntilSeen) || key === "propTypes" || key === "defaultProps") {
        Object.defineProperty(UntilSeen, key, Object.getOwnPropertyDescriptor(Real, key));
      }
    });
    UntilSeen.displayName = type + "UntilSeen";
    return UntilSeen;
  }

  // the libraries' bundles run after the assets and assign their namespaces to window: each assignment is caught
  [["dash_core_components", "Graph"], ["dash_table", "DataTable"]].forEach(function (pair) {
    const name = pair[0], type = pair[1];
    let namespace;
    Object.defineProperty(window, name, {
      configurable: true,
      get: function () { return namespace; },
      set: function (value) {
        namespace = value && value[type] ? Object.assign({}, value, { [type]: lazy(value[type], type) }) : value;
      },
    });
  });
})();
