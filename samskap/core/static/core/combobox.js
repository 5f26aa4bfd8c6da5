/* Searchable selects (samskap/core/widgets.py): the WAI-ARIA combobox pattern (an input with role=combobox,
   a listbox of options grouped by type, aria-activedescendant) over a <select> that keeps working where this
   script does not run. htmx fetches the options from the field's read-only GET endpoint as the user types.
   The chosen values go in hidden inputs named like the <select>, so the form posts the same as before.
   Keys: Down/Up move through the options (Down opens the list), Enter picks, Escape closes (or clears). */
(function () {
  "use strict";
  var DELAY = 200;

  function format(text, values) {
    return (text || "").replace(/\{(\w+)\}/g, function (match, key) { return key in values ? values[key] : match; });
  }

  function setup(root) {
    if (root.hasAttribute("data-combobox-ready") || typeof htmx === "undefined") { return; }
    var select = root.querySelector("select");
    var ui = root.querySelector(".combobox-ui");
    if (!select || !ui) { return; }
    root.setAttribute("data-combobox-ready", "");
    var input = ui.querySelector("[role=combobox]");
    var listbox = ui.querySelector("[role=listbox]");
    var status = ui.querySelector("[role=status]");
    var chips = ui.querySelector(".combobox-chips");
    var multiple = root.hasAttribute("data-multiple");
    var single = multiple ? null : ui.querySelector("input[type=hidden]");
    var url = root.getAttribute("data-options-url");
    var name = select.name;
    var id = select.id;
    var label = id ? document.querySelector('label[for="' + CSS.escape(id) + '"]') : null;

    /* The combobox takes the select's place: its id (so the label names it), its description and state. */
    ["aria-describedby", "aria-invalid"].forEach(function (attr) {
      if (select.hasAttribute(attr)) { input.setAttribute(attr, select.getAttribute(attr)); }
    });
    if (select.required) { input.setAttribute("aria-required", "true"); }
    select.remove();  // (a disabled one would still make Designsystemet's .ds-field look disabled)
    input.id = id;
    if (label) {
      var named = label.textContent.replace("*", "").trim();
      listbox.setAttribute("aria-label", named);
      if (chips) { chips.setAttribute("aria-label", named + ": " + chips.getAttribute("aria-label")); }
    }
    ui.querySelectorAll("input[type=hidden]").forEach(function (hidden) { hidden.disabled = false; });
    ui.hidden = false;

    var timer = null;
    var active = -1;
    var wanted = null;  // which option to make active when the options arrive: "first" or "last"
    var chosenLabel = input.value;

    function choices() {
      return Array.prototype.slice.call(listbox.querySelectorAll("[role=option]:not([aria-disabled=true])"));
    }
    function chosenValues() {
      if (!multiple) { return single.value ? [single.value] : []; }
      return Array.prototype.map.call(chips.querySelectorAll("input[type=hidden]"), function (h) { return h.value; });
    }
    function isOpen() { return !listbox.hidden; }
    function open() {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      listbox.scrollIntoView({block: "nearest"});
    }
    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      setActive(-1);
    }
    function setActive(index) {
      var list = choices();
      list.forEach(function (option) { option.setAttribute("aria-selected", "false"); option.classList.remove("is-active"); });
      if (index < 0 || list.length === 0) {
        active = -1;
        input.removeAttribute("aria-activedescendant");
        return;
      }
      active = (index + list.length) % list.length;
      var option = list[active];
      option.setAttribute("aria-selected", "true");
      option.classList.add("is-active");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({block: "nearest"});
    }
    function loaded() {
      var taken = chosenValues();
      listbox.querySelectorAll("[role=option]").forEach(function (option, index) {
        option.id = listbox.id + "-" + index;
        if (multiple && option.hasAttribute("data-value") && taken.indexOf(option.getAttribute("data-value")) >= 0) {
          option.setAttribute("aria-disabled", "true");
          option.classList.add("is-chosen");
        }
      });
      var count = choices().length;
      status.textContent = count === 0 ? root.getAttribute("data-text-none")
        : count === 1 ? root.getAttribute("data-text-one") : format(root.getAttribute("data-text-count"), {count: count});
      if (document.activeElement !== input) { return; }
      open();
      setActive(wanted === "first" ? 0 : wanted === "last" ? count - 1 : -1);
      wanted = null;
    }
    function load() {
      window.clearTimeout(timer);
      htmx.ajax("GET", url, {source: input, target: listbox, swap: "innerHTML", values: {q: input.value}})
        .then(loaded, function () { /* aborted by a newer request */ });
    }

    function chip(value, text) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ds-chip";
      button.setAttribute("data-removable", "true");
      button.setAttribute("data-value", value);
      button.setAttribute("aria-label", format(root.getAttribute("data-text-remove"), {label: text}));
      button.textContent = text;
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = name;
      hidden.value = value;
      item.appendChild(button);
      item.appendChild(hidden);
      chips.appendChild(item);
    }
    function pick(option) {
      var value = option.getAttribute("data-value");
      var text = option.textContent.trim();
      if (multiple) {
        if (chosenValues().indexOf(value) < 0) { chip(value, text); }
        input.value = "";
      } else {
        single.value = value;
        input.value = text;
        chosenLabel = text;
      }
      status.textContent = format(root.getAttribute("data-text-added"), {label: text});
      close();
      input.focus();
    }
    function clear() {
      input.value = "";
      if (!multiple) { single.value = ""; chosenLabel = ""; }
    }

    input.addEventListener("input", function () {
      if (!multiple && input.value.trim() === "") { single.value = ""; chosenLabel = ""; }
      window.clearTimeout(timer);
      timer = window.setTimeout(load, DELAY);
    });
    input.addEventListener("click", function () { if (!isOpen()) { load(); } });
    input.addEventListener("keydown", function (event) {
      if (event.altKey && event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (isOpen() && !event.altKey) { setActive(active + 1); } else { wanted = event.altKey ? null : "first"; load(); }
          break;
        case "ArrowUp":
          event.preventDefault();
          if (isOpen()) { setActive(active - 1); } else { wanted = "last"; load(); }
          break;
        case "Enter":
          if (!isOpen()) { return; }  // a closed list: Enter submits the form as usual
          event.preventDefault();
          if (active >= 0) { pick(choices()[active]); } else { close(); }
          break;
        case "Escape":
          if (isOpen()) { close(); } else if (input.value) { clear(); } else { return; }
          event.preventDefault();
          event.stopPropagation();
          break;
        case "Tab":
          close();
          break;
      }
    });
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });  // keep the focus
    listbox.addEventListener("click", function (event) {
      var option = event.target instanceof Element ? event.target.closest("[role=option]") : null;
      if (option && option.getAttribute("aria-disabled") !== "true") { pick(option); }
    });
    root.addEventListener("focusout", function () {
      window.setTimeout(function () {
        if (root.contains(document.activeElement)) { return; }
        close();
        if (!multiple && input.value !== chosenLabel) {
          if (input.value.trim() === "") { clear(); } else { input.value = chosenLabel; }
        }
      }, 0);
    });
    if (chips) {
      chips.addEventListener("click", function (event) {
        var button = event.target instanceof Element ? event.target.closest("button[data-value]") : null;
        if (!button) { return; }
        var item = button.closest("li");
        var next = item.nextElementSibling || item.previousElementSibling;
        status.textContent = format(root.getAttribute("data-text-removed"), {label: button.textContent.trim()});
        item.remove();
        (next ? next.querySelector("button") : input).focus();
      });
    }
  }

  function init(element) {
    if (element.matches && element.matches("[data-combobox]")) { setup(element); }
    if (element.querySelectorAll) { element.querySelectorAll("[data-combobox]").forEach(setup); }
  }
  if (typeof htmx !== "undefined") { htmx.onLoad(init); }
})();
