/* zhpub: the search box of a page loads only that page's index shard (src/zhpub/mkdocs_plugin/search.py): a
 * document's pages search the document, the other pages the site's own pages. Loaded in <head>, before Material's
 * bundle asks for search/search_index.json (over http, by XMLHttpRequest) or reads __index (from file://, after
 * loading search_index.js, which takes window.__zhpubIndex). Also puts a link to the corpus search, carrying the
 * query, above the box's results. */
(function () {
  "use strict";
  var me = document.currentScript;
  var json = me.getAttribute("data-json"), script = me.getAttribute("data-js");
  var all = me.getAttribute("data-all"), label = me.getAttribute("data-label");
  if (location.protocol === "file:") {
    /* parser-inserted, so it has run before the bundle (at the end of <body>) looks for the index */
    if (/^[\w./-]+$/.test(script)) document.write('<script src="' + script + '"><\/script>');
  } else {
    var open = XMLHttpRequest.prototype.open;
    XMLHttpRequest.prototype.open = function (method, url) {
      var args = Array.prototype.slice.call(arguments);
      if (/(^|\/)search\/search_index\.json$/.test(String(url))) args[1] = json;
      return open.apply(this, args);
    };
  }
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("input.md-search__input");
    var wrap = document.querySelector(".md-search__scrollwrap");
    if (!input || !wrap || !all) return;
    var p = document.createElement("p"), a = document.createElement("a");
    p.className = "zh-search-all";
    a.textContent = label;
    a.href = all;
    p.appendChild(a);
    wrap.insertBefore(p, wrap.firstChild);
    function update() {
      var q = input.value.trim();
      a.href = all + (q ? "?query=" + encodeURIComponent(q) : "");
    }
    input.addEventListener("input", update);
    input.addEventListener("keyup", update);
  });
})();
