/* Component libraries that only some pages draw with (the map's dash-leaflet) are not loaded by every page:
   deferred_libraries.py leaves their bundles out and names their URLs in #obs-deferred-libraries. Each such
   namespace here is a stand-in whose components fetch the bundle on first render, then draw the real one.

   The stand-ins stay what Dash resolves even after the bundle has run (its `window.NS = ...` is caught by a
   setter), so a component drawn before the load is never swapped for another type and remounted later. */
(function () {
  const block = document.getElementById("obs-deferred-libraries");
  if (!block || !window.React) { return; }
  const urls = JSON.parse(block.textContent);

  /* dash-leaflet's GeoJSON styles the features it fetches (from `url`) with the hideout it had when the fetch
     began, and ignores hideout changes that land during the fetch: a choropleth whose colours arrive then stays
     grey. So it gets a view of the hideout that reads the newest value: a new view whenever the hideout
     changes (so a change after the fetch still restyles), each reading the latest, whenever it is read. */
  function useLiveHideout(hideout) {
    const latest = React.useRef(hideout);
    latest.current = hideout;
    const live = hideout !== null && typeof hideout === "object" && !Array.isArray(hideout);
    return React.useMemo(function () {
      if (!live) { return hideout; }
      return new Proxy({}, {
        get: function (target, key) { const h = latest.current; return h && typeof h === "object" ? h[key] : undefined; },
        has: function (target, key) { const h = latest.current; return !!h && typeof h === "object" && key in h; },
        ownKeys: function () { const h = latest.current; return h && typeof h === "object" ? Reflect.ownKeys(h) : []; },
        getOwnPropertyDescriptor: function (target, key) {
          const h = latest.current;
          if (!h || typeof h !== "object" || !(key in h)) { return undefined; }
          return { value: h[key], writable: true, enumerable: true, configurable: true };
        },
      });
    }, [hideout]);  // eslint-disable-line react-hooks/exhaustive-deps
  }

  /* Dash hands a component its children as wrappers holding the children's layout as it was when the parent
     last rendered. A stand-in that drew an empty box while its library loaded passes on children made then, so a
     callback that set a child's props meanwhile (the choropleth's colours) would be lost: each child is given
     its layout as the store holds it now. */
  function freshChild(child) {
    const api = window.dash_component_api;
    if (!React.isValidElement(child) || !child.props || !Array.isArray(child.props.componentPath)
        || !("_passedComponent" in child.props) || !api || !api.getLayout) { return child; }
    const now = api.getLayout(child.props.componentPath);
    return now && now !== child.props._passedComponent ? React.cloneElement(child, { _passedComponent: now }) : child;
  }
  function freshChildren(children) {
    if (!Array.isArray(children)) { return freshChild(children); }
    const fresh = children.map(freshChild);
    return fresh.some(function (c, i) { return c !== children[i]; }) ? fresh : children;
  }

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
        const hideout = useLiveHideout(props.hideout);
        React.useEffect(function () {
          if (component) { return undefined; }
          let live = true;
          load().then(function (ns) { if (live) { setComponent(function () { return ns[type]; }); } });
          return function () { live = false; };
        }, [component]);
        // until the bundle runs, an empty box holding the component's id and class keeps the layout in place
        if (component) {
          const changed = {};
          if (hideout !== props.hideout) { changed.hideout = hideout; }
          const children = freshChildren(props.children);
          if (children !== props.children) { changed.children = children; }
          return React.createElement(component, Object.keys(changed).length ? Object.assign({}, props, changed) : props);
        }
        return React.createElement("div", { id: typeof props.id === "string" ? props.id : undefined,
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
