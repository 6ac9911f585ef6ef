/* zhpub reader tools: the script switch keeps the page and the #anchor; "copy citation" copies
 * a citation of the paragraph in the form the reader picks (short, GB/T 7714, Chicago). No network, works from file:// too. */
(function () {
  "use strict";

  /* Script switch: sibling builds zh-Hans/ and zh-Hant/ have the same paths and ids. Runs in the capture
     phase so Material's sitemap-based handler (which needs site_url and fails on file://) never fires. */
  document.addEventListener("click", function (ev) {
    if (ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var a = ev.target instanceof Element && ev.target.closest("a[hreflang].md-select__link");
    if (!a) return;
    var config = JSON.parse(document.getElementById("__config").textContent);
    var base = new URL(config.base, location.href).href;
    var here = location.href.split("?")[0].split("#")[0];
    if (here.indexOf(base) !== 0) return;
    ev.preventDefault();
    ev.stopPropagation();
    location.href = new URL(here.slice(base.length) + location.search + location.hash, a.href).href;  /* a filtered ledger keeps its filter */
  }, true);

  /* Citation forms come from zhpub (src/zhpub/render/citation.py) as patterns: literal text and slots for what
     only the browser knows (this page's address when the site has no site_url, today's date). This script only
     fills the slots, and copies. */
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"];

  function citationData() {
    var el = document.getElementById("zh-citations");
    return el ? JSON.parse(el.textContent) : null;
  }

  function pageAddress(data) {
    return (data && data.url) || (location.origin === "null" ? "file://" : location.origin) +
      location.pathname.replace(/index\.html$/, "");  /* no ?h=… from a search result */
  }

  function fill(pattern, values) {
    return pattern.map(function (part) { return typeof part === "string" ? part : values[part.slot]; }).join("");
  }

  function slotValues(button, data) {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return {
      url: pageAddress(data), id: button.closest("p[id]").id,
      locator: button.dataset.cite, locator_en: button.dataset.citeEn,
      accessed: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()),
      accessed_en: MONTHS[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear()
    };
  }

  function closeMenu(menu, focusButton) {
    var button = menu.previousElementSibling;
    menu.remove();
    if (button) {
      button.setAttribute("aria-expanded", "false");
      if (focusButton) button.focus();
    }
  }

  function openMenu(button) {
    var data = citationData();
    var doc = document.getElementById("zh-doc");
    var menu = document.createElement("span");
    menu.className = "zh-cite-menu";
    menu.setAttribute("role", "menu");
    menu.setAttribute("aria-label", doc ? doc.dataset.menu : "");
    data.forms.forEach(function (form) {
      var item = document.createElement("button");
      item.type = "button";
      item.className = "zh-cite-form";
      item.setAttribute("role", "menuitem");
      item.dataset.form = form.key;
      item.textContent = form.label;
      menu.appendChild(item);
    });
    data.downloads.forEach(function (file) {
      var link = document.createElement("a");
      link.href = file.href;
      link.setAttribute("download", "");
      link.setAttribute("role", "menuitem");
      link.className = "zh-cite-file";
      link.textContent = file.label;
      menu.appendChild(link);
    });
    button.after(menu);
    button.setAttribute("aria-expanded", "true");
    menu.querySelector("[role=menuitem]").focus();
  }

  document.addEventListener("keydown", function (ev) {
    var menu = ev.target instanceof Element && ev.target.closest(".zh-cite-menu");
    if (!menu) return;
    var items = Array.prototype.slice.call(menu.querySelectorAll("[role=menuitem]"));
    var at = items.indexOf(ev.target);
    if (ev.key === "Escape") { ev.preventDefault(); closeMenu(menu, true); }
    else if (ev.key === "ArrowDown") { ev.preventDefault(); items[(at + 1) % items.length].focus(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
    else if (ev.key === "Tab") { closeMenu(menu, false); }
  });

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    var area = document.createElement("textarea");  /* older browsers, plain http */
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  /* One polite live region per page: a screen reader hears what "copy citation" put on the clipboard. */
  var status = document.createElement("div");
  status.id = "zh-status";
  status.className = "zh-sr-only";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);

  function announce(text) {
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);  /* a change, even when the same text again */
  }

  /* Material's tooltips (shown on hover and on focus, tied to the mark by aria-describedby) carry a glossary
     term's English label and explanation: mark them lang="en" so a screen reader reads them in English. */
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      r.addedNodes.forEach(function (node) {
        if (!(node instanceof Element) || !node.classList.contains("md-tooltip2") || !node.id) return;
        var owner = document.querySelector('[aria-describedby="' + node.id + '"]');
        if (owner && owner.matches("a.zh-term")) node.setAttribute("lang", "en");
      });
    });
  }).observe(document.body, { childList: true });

  document.addEventListener("click", function (ev) {
    var target = ev.target instanceof Element ? ev.target : null;
    var open = document.querySelector(".zh-cite-menu");
    var form = target && target.closest("button.zh-cite-form");
    if (open && !(target && open.contains(target))) closeMenu(open, false);
    if (form) {
      var menu = form.closest(".zh-cite-menu");
      var button = menu.previousElementSibling;
      var data = citationData();
      var chosen = data.forms.filter(function (f) { return f.key === form.dataset.form; })[0];
      var text = fill(chosen.pattern, slotValues(button, data));
      var doc = document.getElementById("zh-doc");
      closeMenu(menu, true);
      copy(text).then(function () {
        announce((doc ? doc.dataset.copiedStatus + "（" + chosen.label + "）：" : "") + text);
        button.classList.add("zh-done");
        setTimeout(function () { button.classList.remove("zh-done"); }, 1500);
      }, function () {
        window.prompt("", text);  /* no clipboard: let the reader copy it by hand */
      });
      return;
    }
    var cite = target && target.closest("button.zh-cite");
    if (cite && cite !== (open && open.previousElementSibling)) openMenu(cite);
  });
})();

/* A retired paragraph id (published once, then deleted or replaced) keeps an empty anchor that names its
 * successor: open it, and the address moves on to the id in force. */
(function () {
  "use strict";
  function followMoved() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (el && el.dataset.movedTo) location.replace(new URL(el.dataset.movedTo, location.href).href);
  }
  followMoved();
  window.addEventListener("hashchange", followMoved);
})();

/* The target ledger's filter (by measure, year, verdict): the form is hidden in the HTML, so a reader without
 * script gets the full table and no dead controls. The choice is kept in the address (?measure=…&year=…), so a
 * filtered view can be linked; nothing is fetched, so it works from file:// too. */
(function () {
  "use strict";
  var form = document.querySelector("form.zh-ledger-filter");
  var table = form && document.getElementById(form.dataset.table);
  if (!table) return;
  var keys = ["measure", "year", "verdict"];
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var status = form.querySelector("output");
  var params = new URLSearchParams(location.search);
  keys.forEach(function (k) {
    var select = form.elements[k], wanted = params.get(k);
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) select.value = wanted;
  });
  function apply() {
    var shown = 0, query = new URLSearchParams();
    keys.forEach(function (k) { if (form.elements[k].value) query.set(k, form.elements[k].value); });
    rows.forEach(function (row) {
      var keep = keys.every(function (k) { return !form.elements[k].value || row.dataset[k] === form.elements[k].value; });
      row.hidden = !keep;
      if (keep) shown += 1;
    });
    status.textContent = form.dataset.shown.replace("{n}", shown).replace("{total}", rows.length);
    var search = query.toString();
    try {
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    } catch (e) { /* some browsers refuse to rewrite a file:// address: the filter still works */ }
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
