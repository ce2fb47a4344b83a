/* Area profiles: the locator map's style, and keyboard use of the navbar's area search results. */
window.observatory_area = Object.assign({}, window.observatory_area, {
  locator: {
    style: function (feature, context) {
      const hideout = (context && context.hideout) || {};
      const mine = hideout.codes ? hideout.codes.indexOf(feature.properties.area_code) >= 0
        : feature.properties.area_code === hideout.code;  // a custom area fills several LSOAs
      return { fillColor: mine ? "#045a8d" : "#f3f2f1", fillOpacity: mine ? 0.9 : 0.7,
               color: mine ? "#0b0c0c" : "#6f777b", weight: mine ? 2.5 : 0.8 };
    },
    tooltip: function (feature, layer) {
      layer.bindTooltip(feature.properties.area_name, { sticky: true });
    },
  },
});

/* ArrowDown from a search box moves to its first result; ArrowUp/ArrowDown move between results; Escape
   empties the box and returns to it. The results are plain links, so Tab and Enter work as usual too. */
document.addEventListener("keydown", function (e) {
  const box = e.target.closest && e.target.closest(".area-search, .area-missing-search");
  if (!box) { return; }
  const input = box.querySelector("input");
  const links = Array.prototype.slice.call(box.querySelectorAll("a.area-search-link"));
  const at = links.indexOf(document.activeElement);
  if (e.key === "ArrowDown" && links.length) {
    e.preventDefault();
    links[Math.min(at + 1, links.length - 1)].focus();
  } else if (e.key === "ArrowUp" && at >= 0) {
    e.preventDefault();
    if (at === 0) { input.focus(); } else { links[at - 1].focus(); }
  } else if (e.key === "Escape" && input) {
    const setter = Object.getOwnPropertyDescriptor(window.HTMLInputElement.prototype, "value").set;
    setter.call(input, "");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.focus();
  }
});

/* Following a result empties its search box, so the next page starts with a closed, empty search. */
document.addEventListener("click", function (e) {
  const link = e.target.closest && e.target.closest("a.area-search-link");
  const box = link && link.closest(".area-search");
  const input = box && box.querySelector("input");
  if (!input) { return; }
  setTimeout(function () {
    const setter = Object.getOwnPropertyDescriptor(window.HTMLInputElement.prototype, "value").set;
    setter.call(input, "");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.blur();
  }, 0);
});
