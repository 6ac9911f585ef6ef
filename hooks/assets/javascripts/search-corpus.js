/* zhpub: search across the corpus, paragraph by paragraph (the page search.html).
 *
 * The index (search/corpus/, written by src/zhpub/mkdocs_plugin/search.py, corpus_index) is loaded on demand as
 * scripts, so it works from file:// as over http: manifest.js (documents with their first entry number, paragraph
 * lengths, the fold table), then one posting shard per query key (p<n>.js: per document, its keys' postings in its
 * own entry numbers; merged here), then the text chunks of the results shown (t-<slug>-<n>.js).
 * Keys are the same as the index's: Han text folded to Simplified (so either script finds both), bigrams of each
 * Han run, a lone Han character as itself, Latin and number tokens lowercased. Every key is required; the ranking
 * is BM25 over the keys of each paragraph. Results are written as text nodes: no index text becomes markup.
 */
(function () {
  "use strict";
  var form = document.getElementById("zh-corpus-search");
  if (!form) return;
  var base = form.getAttribute("data-index");
  var input = document.getElementById("zh-cs-q");
  var seriesSelect = document.getElementById("zh-cs-series");
  var yearSelect = document.getElementById("zh-cs-year");
  var status = document.getElementById("zh-cs-status");
  var list = document.getElementById("zh-cs-results");
  var more = document.getElementById("zh-cs-more");
  var PAGE = 10, K1 = 1.2, B = 0.75, J = "_";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]+/gu;
  var LATIN = /[0-9a-z][0-9a-z.%]*[0-9a-z%]|[0-9a-z]/g;  /* search.py: LATIN */

  var files = {}, waiting = {};
  window.__zhpubCorpus = function (name, data) {
    files[name] = data;
    (waiting[name] || []).forEach(function (w) { w[0](data); });
    delete waiting[name];
  };
  function load(name) {
    if (name in files) return Promise.resolve(files[name]);
    return new Promise(function (resolve, reject) {
      if (waiting[name]) { waiting[name].push([resolve, reject]); return; }
      waiting[name] = [[resolve, reject]];
      var s = document.createElement("script");
      s.src = base + name + ".js";
      s.onerror = function () {
        (waiting[name] || []).forEach(function (w) { w[1](new Error("cannot load " + s.src)); });
        delete waiting[name];
      };
      document.head.appendChild(s);
    });
  }

  var manifest = null;
  function setup() {
    return load("manifest").then(function (m) {
      if (manifest) return manifest;
      var t2s = new Map(), k = Array.from(m.fold[0]), v = Array.from(m.fold[1]);
      for (var i = 0; i < k.length; i++) t2s.set(k[i], v[i]);
      m.t2s = t2s;
      m.len = m.lengths ? m.lengths.split(",").map(function (x) { return parseInt(x, 36); }) : [];
      m.avg = m.len.reduce(function (a, b) { return a + b; }, 0) / Math.max(1, m.len.length);
      manifest = m;
      return m;
    });
  }
  function fold(s) {
    var o = "";
    for (var c of s) o += manifest.t2s.get(c) || c;
    return o;
  }
  function hash(key) {  /* search.py: key_hash */
    var h = 0;
    for (var c of key) h = (Math.imul(h, 31) + c.codePointAt(0)) >>> 0;
    return h;
  }
  function queryKeys(q) {
    var folded = fold(q.replace(/\u200b/g, "")).toLowerCase(), keys = [], phrases = [];
    (folded.match(HAN) || []).forEach(function (run) {
      var cs = Array.from(run);
      phrases.push(run);
      if (cs.length === 1) keys.push(cs[0]);
      for (var i = 0; i + 1 < cs.length; i++) keys.push(cs[i] + J + cs[i + 1]);
    });
    (folded.replace(HAN, " ").match(LATIN) || []).forEach(function (t) { keys.push(t); phrases.push(t); });
    return { keys: Array.from(new Set(keys)), phrases: phrases };
  }
  function decode(s) {
    var out = [], n = 0;
    s.split(",").forEach(function (d) { n += parseInt(d, 36); out.push(n); });
    return out;
  }
  var own = Object.prototype.hasOwnProperty;
  /* a key's entry numbers across the corpus: each document's piece of the shard, from the document's first entry */
  function postings(shard, key) {
    var ids = [];
    manifest.docs.forEach(function (d) {
      var piece = own.call(shard, d.slug) ? shard[d.slug] : null;
      if (piece && own.call(piece, key)) decode(piece[key]).forEach(function (n) { ids.push(d.first + n); });
    });
    return ids;
  }
  function chunkOf(n) {  /* search.py: text_chunk_name; [script name, index in it] */
    var d = docOf(n), local = n - d.first;
    return ["t-" + d.slug + "-" + Math.floor(local / manifest.chunk), local % manifest.chunk];
  }
  function docOf(n) {
    var docs = manifest.docs, lo = 0, hi = docs.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (docs[mid].first <= n) lo = mid; else hi = mid - 1;
    }
    return docs[lo];
  }

  /* the ranked entry numbers for a query within the chosen series and year */
  function rank(q, series, year) {
    var parsed = queryKeys(q);
    if (!parsed.keys.length) return Promise.resolve({ hits: [], phrases: [] });
    var names = parsed.keys.map(function (k) { return "p" + (hash(k) % manifest.shards); });
    return Promise.all(names.map(load)).then(function (shards) {
      var lists = [];
      for (var i = 0; i < parsed.keys.length; i++) {
        var ids = postings(shards[i], parsed.keys[i]);
        if (!ids.length) return { hits: [], phrases: parsed.phrases };
        lists.push({ key: parsed.keys[i], ids: ids });
      }
      lists.sort(function (a, b) { return a.ids.length - b.ids.length; });
      var ranges = manifest.docs.filter(function (d) {
        return (!series || d.series === series) && (!year || String(d.year) === year);
      });
      var allowed = function (n) {
        for (var r = 0; r < ranges.length; r++) if (n >= ranges[r].first && n < ranges[r].first + ranges[r].count) return true;
        return false;
      };
      var candidates = lists[0].ids.filter(allowed);
      var sets = lists.slice(1).map(function (l) { return new Set(l.ids); });
      candidates = candidates.filter(function (n) { return sets.every(function (s) { return s.has(n); }); });
      var N = manifest.len.length;
      var idf = lists.map(function (l) { return Math.log(1 + (N - l.ids.length + 0.5) / (l.ids.length + 0.5)); });
      var hits = candidates.map(function (n) {
        var norm = 1 + K1 * (1 - B + B * manifest.len[n] / manifest.avg), score = 0;
        for (var i = 0; i < idf.length; i++) score += idf[i] * (K1 + 1) / norm;
        return { n: n, score: score };
      });
      hits.sort(function (a, b) { return b.score - a.score || a.n - b.n; });
      return { hits: hits, phrases: parsed.phrases };
    });
  }

  /* text with each folded occurrence of a phrase in <mark>, as DOM nodes; around the first hit when long */
  function snippet(text, phrases) {
    var chars = Array.from(text), folded = Array.from(fold(text).toLowerCase()), on = new Array(chars.length).fill(false);
    phrases.forEach(function (p) {
      var pc = Array.from(p);
      for (var i = 0; i + pc.length <= folded.length; i++) {
        var ok = true;
        for (var j = 0; j < pc.length && ok; j++) ok = folded[i + j] === pc[j];
        if (ok) for (var j2 = 0; j2 < pc.length; j2++) on[i + j2] = true;
      }
    });
    var start = 0, end = chars.length, first = on.indexOf(true), WIDE = 160;
    if (chars.length > WIDE) {
      start = Math.max(0, (first < 0 ? 0 : first) - 40);
      end = Math.min(chars.length, start + WIDE);
    }
    var frag = document.createDocumentFragment(), run = "", marked = false;
    function flush() {
      if (!run) return;
      if (marked) { var m = document.createElement("mark"); m.textContent = run; frag.appendChild(m); }
      else frag.appendChild(document.createTextNode(run));
      run = "";
    }
    if (start > 0) frag.appendChild(document.createTextNode("…"));
    for (var i = start; i < end; i++) {
      if (on[i] !== marked) { flush(); marked = on[i]; }
      run += chars[i];
    }
    flush();
    if (end < chars.length) frag.appendChild(document.createTextNode("…"));
    return frag;
  }

  var current = null;
  function show(result, from) {
    var shown = result.hits.slice(from, from + PAGE);
    var chunks = Array.from(new Set(shown.map(function (h) { return chunkOf(h.n)[0]; })));
    return Promise.all(chunks.map(load)).then(function () {
      if (current !== result) return;  /* a newer query has started */
      shown.forEach(function (h) {
        var at = chunkOf(h.n), entry = files[at[0]][at[1]], doc = docOf(h.n);
        var li = document.createElement("li"), a = document.createElement("a"), head = document.createElement("span");
        li.className = "zh-cs-result";
        a.className = "zh-cs-link";
        a.setAttribute("href", entry[0]);
        var title = document.createElement("span");
        title.className = "zh-cs-doc";
        title.textContent = doc.title;
        var year = document.createElement("span");
        year.className = "zh-cs-year";
        year.textContent = doc.year ? String(doc.year) : "";
        head.className = "zh-cs-where";
        head.textContent = entry[1];
        var id = document.createElement("code");
        id.className = "zh-cs-id";
        id.textContent = "#" + entry[0].split("#")[1];
        a.appendChild(title);
        a.appendChild(document.createTextNode(" "));
        a.appendChild(year);
        li.appendChild(a);
        var where = document.createElement("div");
        where.className = "zh-cs-meta";
        where.appendChild(head);
        where.appendChild(document.createTextNode(" "));
        where.appendChild(id);
        li.appendChild(where);
        var p = document.createElement("p");
        p.className = "zh-cs-text";
        p.appendChild(snippet(entry[2], result.phrases));
        li.appendChild(p);
        list.appendChild(li);
      });
      more.hidden = from + PAGE >= result.hits.length;
      more.onclick = function () { show(result, from + PAGE); };
    });
  }

  function run() {
    var q = input.value.trim(), series = seriesSelect.value, year = yearSelect.value;
    var token = {};
    current = token;
    if (!q) {
      list.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    if (!manifest) status.textContent = form.getAttribute("data-loading");
    return setup().then(function () { return rank(q, series, year); }).then(function (result) {
      if (current !== token) return;
      current = result;
      list.textContent = "";
      var said = result.hits.length
        ? form.getAttribute("data-results").replace("{n}", result.hits.length)
        : form.getAttribute("data-none");
      return show(result, 0).then(function () {  /* announced once the results are there */
        if (current === result) status.textContent = said;
      });
    }).catch(function (e) {
      if (current === token) status.textContent = String(e.message || e);
    });
  }

  function remember() {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set("query", input.value.trim());
    if (seriesSelect.value) params.set("series", seriesSelect.value);
    if (yearSelect.value) params.set("year", yearSelect.value);
    try { history.replaceState(null, "", "?" + params.toString()); } catch (e) { /* file:// may refuse */ }
  }

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { remember(); run(); }, 80);
  });
  [seriesSelect, yearSelect].forEach(function (s) { s.addEventListener("change", function () { remember(); run(); }); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); remember(); run(); });

  var params = new URLSearchParams(location.search);
  if (params.get("query")) input.value = params.get("query");
  if (params.get("series")) seriesSelect.value = params.get("series");
  if (params.get("year")) yearSelect.value = params.get("year");
  if (input.value) run();
  setup().catch(function () {});  /* the manifest, so the first answer needs only its keys' shards */
})();
