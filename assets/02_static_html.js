/* StaticHtml (components/static_html.py): a long list or table drawn as ONE Dash component whose markup was built
   and escaped on the server, instead of thousands of components each drawn through React.

   Links marked data-link="page" (they were dcc.Link) navigate inside the app as dcc.Link does: the address changes
   and Dash draws the new page without reloading the shell. Modified clicks (new tab, download) are left alone. */
(function () {
  "use strict";
  if (!window.React) { return; }

  function followInApp(event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey ||
        event.altKey) { return; }
    const link = event.target.closest ? event.target.closest("a[data-link='page']") : null;
    if (!link || (link.target && link.target !== "_self")) { return; }
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) { return; }
    event.preventDefault();
    window.history.pushState({}, "", url.pathname + url.search + url.hash);
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  }

  function StaticHtml(props) {
    const attrs = { id: props.id, className: props.className, role: props.role, onClick: followInApp,
                    dangerouslySetInnerHTML: { __html: props.html || "" } };
    Object.keys(props).forEach(function (k) {
      if (k.indexOf("aria-") === 0 || k.indexOf("data-") === 0) { attrs[k] = props[k]; }
    });
    return window.React.createElement(props.tag || "div", attrs);
  }

  window.observatory_html = Object.assign({}, window.observatory_html, { StaticHtml: StaticHtml });
})();
