"""Chinese search on Material for MkDocs: one entry per paragraph, and queries that work.

Material indexes one entry per heading section, and its client-side Chinese segmenter never looks up a query
term of its own full length (四群八链 becomes 四* and finds the heading （四）). So:

1. ``page_content``: every ``<p id="…-pN">`` becomes its own index entry (``page.html#s3-2-p4``); the
   paragraph is marked so Material's section entry does not repeat it.
2. ``post_build`` (after Material writes the index, before the offline plugin copies it): the paragraph
   entries are spliced in after their page, and every entry gets hidden fields ``zt``/``zx`` holding the Han
   bigrams of title and text (四群八链 -> 四_群 群_八 八_链 链), folded to Simplified so a query in either script
   finds both.
3. The search worker gets a prelude (``search_prelude.js``) that rewrites each Han run of a query into required
   bigrams (+四_群 +群_八 +八_链), folded the same way, and marks phrase hits in the results.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from ..text.convert import fold_table
from . import material_compat

JOIN = "_"  # not Han, not a separator: keeps a bigram one token
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
TAG = re.compile(r"<[^>]*>")
PARAGRAPH_ID = re.compile(r"^[a-z0-9-]+-p\d+$")
FOLD = str.maketrans(fold_table())


class _Paragraphs(HTMLParser):
    """<p id="…-pN"> texts (without the ¶/cite tools) and the heading they stand under."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.heading, self.heading_text, self.current, self.skip_depth, self.found = "", None, None, 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if self.skip_depth or "headerlink" in classes or "zh-tools" in classes:
            self.skip_depth += 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading_text = []
        elif tag == "p" and self.current is None and PARAGRAPH_ID.match(a.get("id") or ""):
            self.current = {"id": a["id"], "text": [], "heading": self.heading, "cite": a.get("data-cite", "")}

    def handle_endtag(self, tag):
        if self.skip_depth:
            self.skip_depth -= 1
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.heading_text is not None:
            self.heading, self.heading_text = "".join(self.heading_text).strip(), None
        elif tag == "p" and self.current is not None:
            self.found.append(self.current)
            self.current = None

    def handle_data(self, data):
        if self.skip_depth:
            return
        if self.heading_text is not None:
            self.heading_text.append(data)
        elif self.current is not None:
            self.current["text"].append(data)


def bigrams(text: str) -> str:
    """'四群八鏈' -> '四_群 群_八 八_链 链': folded Han bigrams plus each run's last character, deduplicated."""
    text = html.unescape(TAG.sub(" ", text)).replace("\u200b", "").translate(FOLD)
    keys: list[str] = []
    for run in HAN.findall(text):
        keys += [run[i] + JOIN + run[i + 1] for i in range(len(run) - 1)]
        keys.append(run[-1])
    return " ".join(dict.fromkeys(keys))


class ParagraphSearch:
    """The paragraph entries of one build (one per plugin instance: no state survives between builds)."""

    def __init__(self):
        self.entries: dict[str, list[dict]] = {}
        self._segment_chinese = material_compat.segmenter()

    def _segment(self, text: str) -> str:
        text = html.escape(text, quote=False)
        return self._segment_chinese(text) if self._segment_chinese else text

    def page_content(self, page_html: str, url: str, title: str) -> str:
        parser = _Paragraphs()
        parser.feed(page_html)
        parser.close()
        self.entries[url] = [
            {
                "location": f"{url}#{p['id']}",
                "title": self._segment(" ".join(x for x in (p["heading"] or title, p["cite"]) if x)),
                "text": material_compat.index_text(self._segment(re.sub(r"\s+", " ", "".join(p["text"])).strip())),
                "paragraph": True,
            }
            for p in parser.found
        ]
        return material_compat.exclude_from_section_entries(page_html)

    def post_build(self, site_dir: Path) -> None:
        path = material_compat.search_index_path(site_dir)
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        docs, done = [], set()
        entries = index["docs"]
        for i, entry in enumerate(entries):
            docs.append(entry)
            page = entry["location"].split("#")[0]
            following = entries[i + 1]["location"].split("#")[0] if i + 1 < len(entries) else None
            if following != page and page not in done:  # after the page's own entries: the page stays first
                done.add(page)
                docs += self.entries.get(page, [])
        for entry in docs:
            if not entry.pop("paragraph", False):  # a heading's words must not boost every paragraph under it
                entry["zt"] = bigrams(entry["title"])
            entry["zx"] = bigrams(entry["text"])
        index["docs"] = docs
        path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        table = fold_table()
        prelude = (resources.files("zhpub").joinpath("mkdocs_plugin/search_prelude.js").read_text(encoding="utf-8")
                   .replace("__T2S_KEYS__", json.dumps("".join(table), ensure_ascii=False))
                   .replace("__T2S_VALS__", json.dumps("".join(table.values()), ensure_ascii=False)))
        material_compat.install_worker_prelude(site_dir, prelude)
