/* LazyDetails (components/lazy_details.py): a <details> that draws its summary (first child) at once and the
   rest only once it is first opened, so a folded chart costs nothing until someone asks for it. */
(function () {
  "use strict";
  if (!window.React) { return; }
  const React = window.React;

  function LazyDetails(props) {
    const [seen, setSeen] = React.useState(!!props.open);
    const kids = React.Children.toArray(props.children);
    const attrs = { id: props.id, className: props.className, open: props.open || undefined,
                    onToggle: function (event) { if (event.currentTarget.open) { setSeen(true); } } };
    Object.keys(props).forEach(function (k) {
      if (k.indexOf("aria-") === 0 || k.indexOf("data-") === 0) { attrs[k] = props[k]; }
    });
    return React.createElement("details", attrs, kids[0], seen ? kids.slice(1) : null);
  }

  window.observatory_html = Object.assign({}, window.observatory_html, { LazyDetails: LazyDetails });
})();
