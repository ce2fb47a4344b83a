/* Component libraries that only some pages draw with (the map's dash-leaflet) are not loaded by every page:
   deferred_libraries.py leaves their bundles out and names their URLs in #obs-deferred-libraries. Each such
   namespace here is a stand-in whose components fetch the bundle on first render, then draw the real one.

   The stand-ins stay what Dash resolves even after the bundle has run (its `window.NS = ...` is caught by a
   setter), so a component drawn before the load is never swapped for another type and remounted later. */
(function () {
  const block = document.getElementById("obs-deferred-libraries");
  if (!block || !window.React) { return; }
  const urls = JSON.parse(block.textContent);

  Object.keys(urls).forEach(function (namespace) {
    let real = null;
    let loading = null;
    const standIns = {};

    function load() {
      if (!loading) {
        loading = new Promise(function (resolve, reject) {
          const script = document.createElement("script");
          script.src = urls[namespace];
          script.onload = function () { real ? resolve(real) : reject(new Error(namespace + " did not load")); };
          script.onerror = function () { loading = null; reject(new Error(namespace + " could not be fetched")); };
          document.head.appendChild(script);
        });
      }
      return loading;
    }

    function standIn(type) {
      if (standIns[type]) { return standIns[type]; }
      function Deferred(props) {
        const [component, setComponent] = React.useState(function () { return real && real[type]; });
        React.useEffect(function () {
          if (component) { return undefined; }
          let live = true;
          load().then(function (ns) { if (live) { setComponent(function () { return ns[type]; }); } });
          return function () { live = false; };
        }, [component]);
        // until the bundle runs, an empty box holding the component's id and class keeps the layout in place
        return component ? React.createElement(component, props)
          : React.createElement("div", { id: typeof props.id === "string" ? props.id : undefined,
                                         className: props.className, style: props.style });
      }
      Deferred.displayName = namespace + "." + type;
      // Dash waits on this before applying callback outputs to the component: the bundle, then its own chunk
      Object.defineProperty(Deferred, "_dashprivate_isLazyComponentReady", {
        get: function () {
          if (real) { return real[type] && real[type]._dashprivate_isLazyComponentReady; }
          return load().then(function (ns) { return ns[type] && ns[type]._dashprivate_isLazyComponentReady; });
        },
      });
      standIns[type] = Deferred;
      return Deferred;
    }

    const proxy = new Proxy({}, {
      get: function (target, type) {
        if (typeof type !== "string" || type === "then") { return undefined; }
        if (real && !(type in real)) { return undefined; }
        return standIn(type);
      },
      has: function (target, type) { return real ? type in real : false; },
      ownKeys: function () { return real ? Object.keys(real) : []; },
      getOwnPropertyDescriptor: function (target, type) {
        if (!real || !(type in real)) { return undefined; }
        return { value: standIn(type), writable: true, enumerable: true, configurable: true };
      },
    });
    Object.defineProperty(window, namespace, {
      configurable: true,
      get: function () { return proxy; },
      // the bundle's first assignment is the library; later ones (dash-leaflet's LayersControl copies the
      // namespace and adds its own BaseLayer and Overlay) are merged in, skipping our own stand-ins
      set: function (value) {
        if (!real) { real = Object.assign({}, value); return; }
        Object.keys(value).forEach(function (type) {
          if (value[type] !== standIns[type]) { real[type] = value[type]; }
        });
      },
    });
  });
})();
