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

At corpus scale one index for every page does not work: Material loads it whole before the box answers (measured:
12.7 MB and 4.5 s at 50 documents). So the index is cut into shards (``search/shards/<key>.json``, and ``.js`` for
file://): a document's pages search that document, every other page the site's own pages (corpus, glossary,
home); ``search-shard.js`` points Material's index request at the page's shard. Search across the corpus is a
page of its own (``search.html``, ``corpus_index``) whose index is an inverted index of the same folded keys,
split into posting shards and text chunks that are loaded on demand as scripts (so it works from file:// too).
Every file of it is the documents' pieces joined (each made from one document's paragraphs alone and kept in the
build cache), so one changed document costs its own pieces, not the corpus's.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from ..text.chardata import FULL_WIDTH_FORMS
from ..text.convert import fold_table
from . import material_compat

JOIN = "_"  # not Han, not a separator: keeps a bigram one token
HAN_CHARS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CHARS}]+")
TAG = re.compile(r"<[^>]*>")
PARAGRAPH_ID = re.compile(r"^[a-z0-9-]+-p\d+$")


han_fold_table = functools.lru_cache(maxsize=1)(fold_table)  # read only; made once, not at each use (0.1 s)


@functools.lru_cache(maxsize=1)  # read only: the index and the query's fold tables are made from it
def search_fold_table() -> dict[str, str]:
    """What the corpus search folds in the index and the query alike: Traditional and variant Han characters to
    Simplified, full-width ASCII forms to ASCII (5.2％ and 5.2% are one key)."""
    return dict(sorted({**han_fold_table(), **FULL_WIDTH_FORMS}.items()))


FOLD = str.maketrans(search_fold_table())


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
    return " ".join(_han_keys(html.unescape(TAG.sub(" ", text)).replace("\u200b", "").translate(FOLD)))


def _han_keys(folded: str) -> list[str]:
    keys: list[str] = []
    for run in HAN.findall(folded):
        keys += [run[i] + JOIN + run[i + 1] for i in range(len(run) - 1)]
        keys.append(run[-1])
    return list(dict.fromkeys(keys))


SITE_SHARD = "site"  # the shard of the pages at the root and of folders of one page (home, glossary, cite)
LATIN = re.compile(r"[0-9a-z][0-9a-z.%]*[0-9a-z%]|[0-9a-z]")  # 5.5%, pm2.5, gdp: one key each (search-corpus.js too)


@dataclass(frozen=True)
class SearchDocument:
    """What a corpus search result shows of its document (in the build's script) and what it can be restricted by."""

    slug: str
    title: str
    year: int
    series: str  # series id, "" when the document belongs to none
    series_label: str


def shard_of(url: str, folders: set[str]) -> str:
    """A page's index shard: its top-level folder when that is a shard (a document's, the corpus pages'), else the
    site shard."""
    head = url.split("/", 1)[0] if "/" in url else ""
    return head if head in folders else SITE_SHARD


def shard_folders(page_paths: list[str], slugs: set[str]) -> set[str]:
    """The folders whose pages search only each other: every document's, and any other holding several pages (the
    corpus pages at 60 documents are half the site's index)."""
    counts = Counter(path.split("/", 1)[0] for path in page_paths if "/" in path)
    return (slugs | {folder for folder, n in counts.items() if n > 1}) - {SITE_SHARD, "search"}


# Quotation and title marks between two Han characters: a reader types 放管服改革 for “放管服”改革
INNER_QUOTES = re.compile(f"(?<=[{HAN_CHARS}])[\u201c\u201d\u2018\u2019\u300c-\u300f\u3008-\u300b\"']+(?=[{HAN_CHARS}])")


def corpus_keys(text: str) -> list[str]:
    """The keys the corpus index files a paragraph (plain text) under: its folded Han bigrams and run ends (as
    ``bigrams``; quotation marks between two Han characters do not cut the run, so a query without them finds the
    text with them), every Han character once (a one-character query), and Latin/number tokens lowercased."""
    folded = text.replace("\u200b", "").translate(FOLD)
    keys = _han_keys(INNER_QUOTES.sub("", folded))
    keys += [c for run in HAN.findall(folded) for c in run]
    keys += LATIN.findall(folded.lower())
    return list(dict.fromkeys(keys))


def key_hash(key: str) -> int:
    """The posting shard of a key: a 32-bit polynomial hash of its code points (search-corpus.js computes the same)."""
    h = 0
    for ch in key:
        h = (h * 31 + ord(ch)) & 0xFFFFFFFF
    return h


@functools.lru_cache(maxsize=65536)  # the deltas of a posting list are small numbers, the same ones again and again
def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def _script(name: str, data) -> str:
    """A JSONP-style file: scripts load from file:// where fetch() cannot."""
    return f"__zhpubCorpus({json.dumps(name)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'), sort_keys=True)})\n"


POSTING_SHARD_BYTES = 40_000  # the posting shards' target size: a query of n keys loads at most n of them
TEXT_CHUNK = 48  # paragraphs per text chunk: the results shown need the chunks they are in, nothing more


def posting_shard_count(total: int) -> int:
    """The number of posting shards for ``total`` bytes of postings: the smallest power of two that keeps a shard
    within POSTING_SHARD_BYTES. A power of two so that an edit rarely changes it (only when the corpus's postings
    cross a doubling): every document's shard pieces are made for one count (``CorpusPiece``)."""
    count = 1
    while count * POSTING_SHARD_BYTES < total:
        count *= 2
    return count


def text_chunk_name(slug: str, number: int) -> str:
    """The script of a document's entries number*TEXT_CHUNK...: named by the document (search-corpus.js: chunkOf)."""
    return f"t-{slug}-{number}"


@dataclass
class CorpusPiece:
    """One document's part of the corpus index, made from its paragraphs alone (its entries numbered from 0), so
    that assembling the index is joining strings: its entries' key counts, its text chunk scripts, and for each
    posting shard its keys in it (``"slug":{"key":"deltas",…}``), cut for ``shard_count`` shards."""

    lengths: str  # each entry's key count (BM25's length), base 36, comma-separated
    size: int  # bytes of its postings: the corpus's sum chooses the shard count
    chunks: dict[str, str]  # text chunk file name -> its script
    shard_count: int = 0  # the shard count ``shards`` is cut for (0: not cut)
    shards: dict[int, str] = field(default_factory=dict)  # shard number -> the document's piece of it
    postings: dict[str, str] | None = field(default=None, compare=False)  # key -> deltas, while it is being made

    def cut(self, slug: str, shard_count: int) -> None:
        """The document's posting pieces for ``shard_count`` shards (``postings`` must be there)."""
        by_shard: dict[int, dict[str, str]] = defaultdict(dict)
        for key, deltas in self.postings.items():
            by_shard[key_hash(key) % shard_count][key] = deltas
        name = json.dumps(slug)
        self.shard_count = shard_count
        self.shards = {n: name + ":" + json.dumps(own, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
                       for n, own in sorted(by_shard.items())}

    def stored(self) -> "CorpusPiece":
        """What the build cache keeps: everything but the postings (the shard pieces hold them)."""
        return CorpusPiece(self.lengths, self.size, self.chunks, self.shard_count, self.shards)


def corpus_piece(slug: str, entries: list[dict], keys_of=corpus_keys) -> CorpusPiece:
    """A document's ``CorpusPiece`` (not yet cut into shards) from its entries ({"url", "id", "heading", "text"}, in
    the order of its entry numbers)."""
    postings: dict[str, list[int]] = defaultdict(list)
    lengths = []
    for number, entry in enumerate(entries):
        keys = keys_of(entry["text"])
        lengths.append(len(keys))
        for key in keys:
            postings[key].append(number)
    encoded = {key: ",".join(map(_base36, [numbers[0]] + [b - a for a, b in zip(numbers, numbers[1:])]))
               for key, numbers in postings.items()}
    chunks = {}
    for n in range(0, len(entries), TEXT_CHUNK):
        name = text_chunk_name(slug, n // TEXT_CHUNK)
        chunks[f"{name}.js"] = _script(name, [[e["url"] + "#" + e["id"], e["heading"], e["text"]]
                                              for e in entries[n:n + TEXT_CHUNK]])
    return CorpusPiece(",".join(map(_base36, lengths)), sum(len(k.encode()) + len(v) + 6 for k, v in encoded.items()),
                       chunks, postings=encoded)


def corpus_index(documents: list[SearchDocument], paragraphs: dict[str, list[dict]], keys_of=corpus_keys,
                 products=None, counts: Counter | None = None) -> dict[str, str]:
    """The corpus search index: file name (under search/corpus/) -> content. ``paragraphs``: page url -> its
    paragraphs ({"id", "heading", "text"}, text in the build's script), pages of documents only.

    Entries are numbered across the corpus, document after document (by slug), each document's pages by address.
    manifest.js holds the documents (each with its first entry number and count), each entry's key count (BM25's
    length) and the fold table; p<n>.js the postings of the keys that hash to n, one piece per document
    (``{"slug":{"key":"deltas"}}``: its own entry numbers, delta-coded in base 36; search-corpus.js adds the
    document's first entry number and merges the pieces at query time); t-<slug>-<n>.js the texts of a document's
    entries n*TEXT_CHUNK... A query loads the manifest, one posting shard per key, and the text chunks of the
    results shown. Every file is a document's pieces joined, so a document whose paragraphs did not change costs
    a look-up in the build cache: ``products`` (plugin.PageProducts) keeps each document's ``CorpusPiece`` under a
    key of its paragraphs (and the code version). ``counts``: pieces "made" and "reused", counted.
    """
    by_slug = {d.slug: d for d in documents}
    docs, pieces, first = [], {}, 0
    for slug in sorted(by_slug):
        entries = [dict(p, url=url) for url in sorted(u for u in paragraphs if u.split("/", 1)[0] == slug)
                   for p in paragraphs[url]]
        if not entries:
            continue
        inputs = [part for e in entries for part in (e["url"], e["id"], e["heading"], e["text"])]
        stored, product = products.get("corpus-index", slug, *inputs) if products else (None, "")
        pieces[slug] = (stored or corpus_piece(slug, entries, keys_of), entries, product, stored is not None)
        d = by_slug[slug]
        docs.append({"slug": slug, "title": d.title, "year": d.year, "series": d.series, "first": first,
                     "count": len(entries)})
        first += len(entries)
    shard_count = posting_shard_count(sum(piece.size for piece, *_ in pieces.values()))
    for slug, (piece, entries, product, reused) in pieces.items():
        if piece.shard_count != shard_count:  # made now, or stored for another shard count: cut (and kept)
            if piece.postings is None:
                piece.postings = corpus_piece(slug, entries, keys_of).postings
                reused = False
            piece.cut(slug, shard_count)
            if products:
                products.put("corpus-index", slug, product, piece.stored())
        if counts is not None:
            counts["reused" if reused else "made"] += 1
    series = sorted({(d.series, d.series_label) for d in documents if d.series})
    table = search_fold_table()
    manifest = {
        "docs": docs,
        "series": [{"id": sid, "label": name} for sid, name in series],
        "years": sorted({d.year for d in documents if d.year}, reverse=True),
        "lengths": ",".join(piece.lengths for piece, *_ in pieces.values()),
        "shards": shard_count,
        "chunk": TEXT_CHUNK,
        "fold": ["".join(table), "".join(table.values())],
    }
    files = {"manifest.js": _script("manifest", manifest)}
    for n in range(shard_count):
        own = [piece.shards[n] for piece, *_ in pieces.values() if n in piece.shards]
        files[f"p{n}.js"] = f"__zhpubCorpus({json.dumps(f'p{n}')},{{{','.join(own)}}})\n"
    for piece, *_ in pieces.values():
        files.update(piece.chunks)
    return files


class ParagraphSearch:
    """The paragraph entries of one build (one per plugin instance: no state survives between builds)."""

    def __init__(self, documents: list[SearchDocument] | None = None, products=None, memoise=None, memoise_keys=None):
        self.products = products  # plugin.PageProducts: a page's entries from the build cache when it did not change
        self.entries: dict[str, list[dict]] = {}
        self.paragraphs: dict[str, list[dict]] = {}  # page url -> paragraphs as text, for the corpus index
        self.documents = documents or []
        self.folders = {d.slug for d in self.documents}  # the shard folders (shard_folders), set by the plugin
        self._segment_chinese = material_compat.segmenter()
        if self._segment_chinese and memoise:  # plugin.Memo: a paragraph the last build cut is not cut again
            self._segment_chinese = memoise(self._segment_chinese)
        # the folded keys of each text (the hidden fields), from the last build's when it had them (the corpus index
        # keeps each document's pieces instead: it files only the paragraphs of a document that changed)
        self._bigrams = memoise_keys("bigrams", bigrams) if memoise_keys else bigrams
        self.corpus_counts: Counter = Counter()  # documents whose corpus index pieces were made, reused (logged)

    def _segment(self, text: str) -> str:
        text = html.escape(text, quote=False)
        return self._segment_chinese(text) if self._segment_chinese else text

    def page_content(self, page_html: str, url: str, title: str) -> str:
        document_page = url.split("/", 1)[0] in {d.slug for d in self.documents}
        stored, product = (self.products.get("paragraph-search", url, title, page_html, str(document_page))
                           if self.products else (None, ""))
        if stored is None:
            stored = self._page_entries(page_html, url, title, document_page)
            if self.products:
                self.products.put("paragraph-search", url, product, stored)
        self.entries[url], paragraphs = stored
        if paragraphs is not None:
            self.paragraphs[url] = paragraphs
        return material_compat.exclude_from_section_entries(page_html)

    def _page_entries(self, page_html: str, url: str, title: str, document_page: bool) -> tuple[list[dict], list | None]:
        """A page's paragraph entries (jieba-segmented, as Material holds text) and, on a document's page, its
        paragraphs as plain text for the corpus index."""
        parser = _Paragraphs()
        parser.feed(page_html)
        parser.close()
        paragraphs = [{"id": p["id"], "heading": p["heading"] or title,
                       "text": re.sub(r"\s+", " ", "".join(p["text"])).strip()} for p in parser.found] if document_page else None
        entries = [
            {
                "location": f"{url}#{p['id']}",
                "title": self._segment(" ".join(x for x in (p["heading"] or title, p["cite"]) if x)),
                "text": material_compat.index_text(self._segment(re.sub(r"\s+", " ", "".join(p["text"])).strip())),
                "paragraph": True,
            }
            for p in parser.found
        ]
        return entries, paragraphs

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
                entry["zt"] = self._bigrams(entry["title"])
            entry["zx"] = self._bigrams(entry["text"])
        shards: dict[str, list[dict]] = {SITE_SHARD: []}
        for entry in docs:
            shards.setdefault(shard_of(entry["location"], self.folders), []).append(entry)
        folder = site_dir / "search" / "shards"
        _clear(folder, "*.json", "*.js")
        for key in sorted(shards):
            data = json.dumps({"config": index["config"], "docs": shards[key]}, ensure_ascii=False, separators=(",", ":"))
            (folder / f"{key}.json").write_text(data, encoding="utf-8")
            (folder / f"{key}.js").write_text(f"var __zhpubIndex = {data}", encoding="utf-8")
        # A page without a shard of its own (none of zhpub's) gets the site's pages; from file://, the page has
        # loaded its shard as a script before Material reads __index (search-shard.js)
        site_index = json.dumps({"config": index["config"], "docs": shards[SITE_SHARD]}, ensure_ascii=False,
                                separators=(",", ":"))
        path.write_text(site_index, encoding="utf-8")
        empty = json.dumps({"config": index["config"], "docs": []}, ensure_ascii=False, separators=(",", ":"))
        material_compat.offline_index_path(site_dir).write_text(f"var __index = window.__zhpubIndex || {empty}",
                                                                encoding="utf-8")
        corpus = site_dir / "search" / "corpus"
        _clear(corpus, "*.js")
        for name, text in corpus_index(self.documents, self.paragraphs, corpus_keys, self.products,
                                         self.corpus_counts).items():
            (corpus / name).write_text(text, encoding="utf-8")
        table = han_fold_table()
        prelude = (resources.files("zhpub").joinpath("mkdocs_plugin/search_prelude.js").read_text(encoding="utf-8")
                   .replace("__T2S_KEYS__", json.dumps("".join(table), ensure_ascii=False))
                   .replace("__T2S_VALS__", json.dumps("".join(table.values()), ensure_ascii=False)))
        material_compat.install_worker_prelude(site_dir, prelude)


def _clear(folder: Path, *patterns: str) -> None:
    """An empty folder for this build's files (`mkdocs serve` rebuilds in place: no shard of a removed document stays)."""
    folder.mkdir(parents=True, exist_ok=True)
    for pattern in patterns:
        for old in folder.glob(pattern):
            old.unlink()
