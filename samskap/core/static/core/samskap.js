/* Samskap's small enhancements (loaded with defer; the pages work without them).
   No inline scripts or handlers anywhere: the Content-Security-Policy forbids them. */
(function () {
  "use strict";

  /* Dropdown menus are <details data-menu>: Escape or a click outside closes them; one open at a time. */
  function menus() { return document.querySelectorAll("details[data-menu][open]"); }
  document.addEventListener("click", function (event) {
    menus().forEach(function (menu) {
      if (!menu.contains(event.target)) { menu.open = false; }
    });
  });
  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!(opened instanceof HTMLDetailsElement) || !opened.open || !opened.hasAttribute("data-menu")) { return; }
    menus().forEach(function (menu) { if (menu !== opened && !menu.contains(opened)) { menu.open = false; } });
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    menus().forEach(function (menu) {
      menu.open = false;
      if (menu.contains(document.activeElement)) { menu.querySelector("summary").focus(); }
    });
  });

  /* Print buttons: <button data-print>. */
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-print]") : null;
    if (button) { window.print(); }
  });

  /* An error summary takes the focus, so a screen reader reads it first (Designsystemet ErrorSummary). */
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector(".ds-error-summary[data-autofocus]");
    if (summary) { summary.focus(); }
  }
  document.addEventListener("DOMContentLoaded", function () { focusErrorSummary(document); });
  document.addEventListener("htmx:afterSettle", function (event) { focusErrorSummary(event.target); });

  /* A table wider than its .table-wrap scrolls inside it: the wrapper then takes the keyboard focus (so the
     arrow keys scroll it) and is a region named by the table's caption. Templates may set this themselves
     (tabindex on the wrapper); those are left alone. A table that fits is no extra tab stop. */
  var captionIds = 0;
  function scrollRegions() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") && !wrap.hasAttribute("data-scroll-region")) { return; }
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var caption = wrap.querySelector("caption");
      if (scrolls && caption && !wrap.hasAttribute("data-scroll-region")) {
        if (!caption.id) { captionIds += 1; caption.id = "table-caption-" + captionIds; }
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-labelledby", caption.id);
        wrap.setAttribute("data-scroll-region", "");
      } else if (!scrolls && wrap.hasAttribute("data-scroll-region")) {
        ["tabindex", "role", "aria-labelledby", "data-scroll-region"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }
  var resizeTimer = null;
  document.addEventListener("DOMContentLoaded", scrollRegions);
  document.addEventListener("htmx:afterSettle", scrollRegions);
  document.addEventListener("toggle", scrollRegions, true);  /* a table inside a <details> that opens */
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(scrollRegions, 100);
  });
})();
