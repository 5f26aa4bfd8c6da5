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
})();
