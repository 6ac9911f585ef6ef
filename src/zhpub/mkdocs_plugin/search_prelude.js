/* zhpub: Chinese query rewriting, prepended to Material's search worker by the zhpub plugin (mkdocs_plugin/search.py).
 *
 * Material's worker (9.8.1) runs every Han run of the query through a greedy
 * segmenter that never tests substrings reaching the last character and then
 * appends "*" (OR + prefix). We rewrite each Han run of >= 2 chars into
 * required bigram terms "+A_B" that match the hidden "zt"/"zx" fields
 * written by the zhpub plugin (mkdocs_plugin/search.py). Each Han run inside such a term has length 1,
 * so Material's segmenter returns it unchanged, and "+" terms get no "*".
 * A single Han char is passed through (folded) and becomes Material's "X*".
 * Both sides fold Traditional/variant chars to Simplified with one table.
 */
(function () {
  var J = "_"
  var K = __T2S_KEYS__, V = __T2S_VALS__, T2S = new Map()
  var k = Array.from(K), v = Array.from(V)
  for (var i = 0; i < k.length; i++) T2S.set(k[i], v[i])
  function fold(s) {
    var o = ""
    for (var c of s) o += T2S.get(c) || c
    return o
  }

  var HAN = /([+-]?)(\p{sc=Han}+)/gu
  var phrases = []                       /* folded Han runs of the last query */

  function rewrite(q) {
    phrases = []
    return q.replace(HAN, function (_, mod, run) {
      var cs = Array.from(fold(run))
      phrases.push(cs.join(""))
      if (cs.length === 1) return mod + cs[0]
      var out = []
      for (var i = 0; i + 1 < cs.length; i++)
        out.push((mod || "+") + cs[i] + J + cs[i + 1])
      return " " + out.join(" ") + " "
    })
  }

  /* wrap folded-phrase occurrences in <mark>, on text outside of tags only;
     U+200B (jieba word breaks) inside a phrase is allowed */
  function mark(str) {
    if (typeof str !== "string" || !phrases.length) return str
    return str.split(/(<[^>]*>)/).map(function (seg, n) {
      if (n & 1 || !seg) return seg
      var chars = Array.from(seg), keep = [], folded = ""
      chars.forEach(function (c, i) {
        if (c !== "\u200b") { keep.push(i); folded += T2S.get(c) || c }
      })
      var fc = Array.from(folded), on = new Array(chars.length).fill(false)
      phrases.forEach(function (p) {
        var pc = Array.from(p), L = pc.length
        for (var i = 0; i + L <= fc.length; i++) {
          var ok = true
          for (var j = 0; j < L && ok; j++) ok = fc[i + j] === pc[j]
          if (ok) for (var j2 = keep[i]; j2 <= keep[i + L - 1]; j2++) on[j2] = true
        }
      })
      var out = "", open = false
      chars.forEach(function (c, i) {
        if (on[i] && !open) { out += "<mark>"; open = true }
        if (!on[i] && open) { out += "</mark>"; open = false }
        out += c
      })
      return out + (open ? "</mark>" : "")
    }).join("")
  }

  /* QUERY = 2: rewrite before Material's listener (registered later) runs */
  self.addEventListener("message", function (ev) {
    var m = ev.data
    if (m && m.type === 2 && typeof m.data === "string")
      m.data = rewrite(m.data)
  })

  /* RESULT = 3: add <mark> for phrase hits, turn "A_B" terms into "AB" */
  var post = self.postMessage
  self.postMessage = function (m) {
    if (m && m.type === 3 && m.data && m.data.items)
      m.data.items.forEach(function (group) {
        group.forEach(function (item) {
          if (!/<mark>/.test(item.title)) item.title = mark(item.title)
          if (!/<mark>/.test(item.text)) item.text = mark(item.text)
          var terms = {}
          Object.keys(item.terms || {}).forEach(function (t) {
            terms[t.split(J).join("")] = item.terms[t]
          })
          item.terms = terms
        })
      })
    return post.apply(self, arguments)
  }
})();
