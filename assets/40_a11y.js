/* Accessibility patches for Dash 4 widgets:
   - a dropdown's keyboard focus target is an aria-hidden input that takes Tab focus (axe: aria-hidden-focus),
     so screen readers meet a hidden element. It is made right as React creates it (below: the aria-hidden
     React sets is replaced by a named combobox), so no moment exists in which a check can see it wrong; once
     on the page it is named by its field's label and current value;
   - slider thumbs get the name of their field's label;
   - DataTable pager buttons (icons only) get names. */
(function () {
  const FOCUS_TARGET = "dash-dropdown-focus-target";
  const setAttribute = Element.prototype.setAttribute;
  // React builds the input as class, tabindex, readonly, aria-hidden: the class is there when aria-hidden comes
  Element.prototype.setAttribute = function (name, value) {
    if (name === "aria-hidden" && this.classList && this.classList.contains(FOCUS_TARGET)) {
      setAttribute.call(this, "role", "combobox");
      setAttribute.call(this, "aria-haspopup", "listbox");
      setAttribute.call(this, "aria-expanded", "false");
      if (!this.hasAttribute("aria-labelledby")) { setAttribute.call(this, "aria-label", "Choose an option"); }
      return undefined;
    }
    return setAttribute.call(this, name, value);
  };

  const PAGER = { "first-page": "First page", "previous-page": "Previous page", "next-page": "Next page",
                  "last-page": "Last page" };

  function labelId(controlId) {
    const label = document.querySelector('label[for="' + controlId + '"]');
    if (!label) { return null; }
    if (!label.id) { label.id = controlId + "-label"; }
    return label.id;
  }

  function patch() {
    document.querySelectorAll(".dash-dropdown-focus-target:not([aria-labelledby]), "
                              + ".dash-dropdown-focus-target[aria-hidden]").forEach(function (input) {
      const button = input.parentElement && input.parentElement.querySelector("button.dash-dropdown");
      if (!button || !button.id) { return; }
      const ids = [labelId(button.id), button.id + "-value"].filter(Boolean).join(" ");
      input.removeAttribute("aria-hidden");
      input.setAttribute("role", "combobox");
      input.setAttribute("aria-labelledby", ids);
      input.setAttribute("aria-haspopup", "listbox");
      input.setAttribute("aria-expanded", button.getAttribute("aria-expanded") || "false");
    });
    document.querySelectorAll(".dash-slider-thumb:not([aria-label])").forEach(function (thumb) {
      const host = thumb.closest("[id]");
      const id = host && labelId(host.id);
      const text = id ? document.getElementById(id).textContent : "Value";
      thumb.setAttribute("aria-label", text);
    });
    Object.keys(PAGER).forEach(function (cls) {
      document.querySelectorAll("button." + cls + ":not([aria-label])").forEach(function (b) {
        b.setAttribute("aria-label", PAGER[cls]);
      });
    });
  }

  let queued = false;
  new MutationObserver(function () {
    if (!queued) { queued = true; requestAnimationFrame(function () { queued = false; patch(); }); }
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", patch);
})();
