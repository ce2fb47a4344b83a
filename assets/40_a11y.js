/* Accessibility patches for Dash 4 widgets, applied to whatever is on the page as it changes:
   - a dropdown's keyboard focus target is an aria-hidden input, so screen readers meet an unnamed, hidden
     element; expose it as a combobox named by the field's label and current value;
   - slider thumbs get the name of their field's label;
   - DataTable pager buttons (icons only) get names. */
(function () {
  const PAGER = { "first-page": "First page", "previous-page": "Previous page", "next-page": "Next page",
                  "last-page": "Last page" };

  function labelId(controlId) {
    const label = document.querySelector('label[for="' + controlId + '"]');
    if (!label) { return null; }
    if (!label.id) { label.id = controlId + "-label"; }
    return label.id;
  }

  function patch() {
    document.querySelectorAll(".dash-dropdown-focus-target[aria-hidden]").forEach(function (input) {
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
