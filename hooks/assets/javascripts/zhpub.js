/* zhpub reader tools: the script switch keeps the page and the #anchor; "copy citation" copies
 * 《title》三（二）第4段 + the paragraph's link. No network, works from file:// too. */
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
    location.href = new URL(here.slice(base.length) + location.hash, a.href).href;
  }, true);

  function citation(button) {
    var doc = document.getElementById("zh-doc");
    var p = button.closest("p[id]");
    var page = (doc && doc.dataset.url) || (location.origin === "null" ? "file://" : location.origin) +
      location.pathname.replace(/index\.html$/, "");  /* no ?h=… from a search result */
    return (doc ? doc.dataset.title : document.title) + button.dataset.cite + " " + page + "#" + p.id;
  }

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
    var button = ev.target instanceof Element && ev.target.closest("button.zh-cite");
    if (!button) return;
    var text = citation(button);
    var doc = document.getElementById("zh-doc");
    copy(text).then(function () {
      var label = button.textContent;
      button.textContent = doc ? doc.dataset.copied : "✓";
      button.classList.add("zh-done");
      announce((doc ? doc.dataset.copiedStatus + "：" : "") + text);
      setTimeout(function () { button.textContent = label; button.classList.remove("zh-done"); }, 1500);
    }, function () {
      window.prompt("", text);  /* no clipboard: let the reader copy it by hand */
    });
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
