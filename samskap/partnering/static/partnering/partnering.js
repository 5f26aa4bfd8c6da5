// One-to-one meetings: the print button of the print view (no inline handlers: CSP).
document.addEventListener("click", function (event) {
  var target = event.target.closest("[data-print]");
  if (target) { window.print(); }
});
