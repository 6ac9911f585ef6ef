"""Site pages (front matter and an HTML body, from templates/site/) for one script variant, made from the Document model.

MkDocs knows nothing of these functions and they know nothing of MkDocs: the plugin hands the strings to MkDocs as
generated pages, whose bodies MkDocs takes as they are (no Markdown conversion: the headings are written as the toc
extension would, and the plugin reads the table of contents off them). Page paths are the same in every variant; links inside HTML blocks are written as final
relative URLs (the site is built with ``use_directory_urls: false`` for file:// use).
"""

from __future__ import annotations

import functools
import posixpath
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..editions import marks, redirects, revisions
from ..export import dumps, glossary_json
from ..knowledge.glossary import Glossary, Term, chinese_in_english
from ..knowledge.indicators import KINDS
from ..model import Block, Document
from ..variants import BY_CODE, DEFAULT, names, published
from .common import (
    LABELS, RULE_EXPLANATIONS, cite_label, doc_text, esc, in_variant, indicator_name, indicator_phrase,
    indicator_value, label, lang, meta_text, page_text, paragraph_segments, pick, shown_before, term_headword,
)
from . import citation
from .templates import OVERRIDES, render

# The report's own paragraphs rank first; the glossary and the indicator tables, which quote them, after. A
# glossary entry matches its term in title and text (boosts 1000 + 100), a paragraph only in text: hence so low.
GLOSSARY_BOOST = 0.001
INDICATORS_BOOST = 0.01


@dataclass(frozen=True)
class Page:
    path: str  # src path, e.g. "zhenjiang-2022/index.md"
    markdown: str  # front matter (title, search options), then the body: HTML only, headings included


def html_path(src: str) -> str:
    return src[:-3] + ".html"


def rel(from_src: str, to: str) -> str:
    """Relative URL from the page at ``from_src`` to a site path (an .md page or any file), with #anchor."""
    target, _, anchor = to.partition("#")
    if target.endswith(".md"):
        target = html_path(target)
    url = _relative(target, posixpath.dirname(from_src) or ".") if target else ""
    return url + (f"#{anchor}" if anchor else "")


# a page links to the same few pages at many anchors: the relative path of each pair is made once (relpath is slow)
_relative = functools.lru_cache(maxsize=8192)(posixpath.relpath)


def doc_page(slug: str) -> str:
    return f"{slug}/index.md"


DEFAULT_PERMALINK = ("¶", "Permanent link")  # mkdocs.yml's toc options (the plugin passes what the project sets)


class SiteRenderer:
    def __init__(self, docs: list[Document], glossary: Glossary, variant: str, site_url: str = "",
                 project_root: Path | str | None = None, permalink: tuple[str, str] | None = DEFAULT_PERMALINK,
                 editions: tuple[str, ...] = DEFAULT):
        self.docs = docs
        self.editions = tuple(v.code for v in published(editions))  # every edition the site links to (PDFs, switch)
        self.edition_names = names(BY_CODE[v] for v in self.editions)
        self.permalink = permalink  # the ¶ link on every heading: (symbol, title), or None for none
        self.project_root = project_root  # where hooks/overrides/zhpub/ may override templates
        self.labels = {key: label(key, variant) for key in LABELS}
        self.loaded_glossary = glossary  # as loaded: the data files publish that, the same in every variant
        self.glossary = glossary.english_in(variant)  # Chinese quoted in the English glosses in this script too
        self.variant = variant
        self.terms = self.glossary.by_headword()
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self._titles: dict[str, str] = {}  # slug -> title in this script (``title``)

    # -- helpers ----------------------------------------------------------------------------------------

    def t(self, key: str) -> str:
        return label(key, self.variant)

    def v(self, text: str) -> str:
        return in_variant(text, self.variant)

    def title(self, doc: Document) -> str:
        """The document's title in the edition's script (converted once: the navigation, the search, the home, the
        glossary and the document's own pages all show it)."""
        if doc.slug not in self._titles:
            self._titles[doc.slug] = doc_text(doc, doc.meta.get("title") or doc.meta.get("document_title") or doc.slug,
                                              self.variant)
        return self._titles[doc.slug]

    def pdf(self, from_src: str, doc: Document, variant: str) -> str:
        depth = from_src.count("/") + 1  # the variant site sits in build/site/<lang>/
        return "../" * depth + f"pdf/{doc.slug}.{lang(variant)}.pdf"

    # -- pages ------------------------------------------------------------------------------------------

    def pages(self, reuse=None) -> list[Page]:
        """Every page. ``reuse(name, inputs, make)``, when given, may return a document's own pages as made before
        from the same ``inputs`` (``document_page_inputs``) instead of calling ``make`` (the plugin's build cache)."""
        pages = [self.home(), self.glossary_page(), self.cite_page()]
        for doc in self.docs:
            make = functools.partial(self.document_pages, doc)
            pages += make() if reuse is None or not doc.cache_key else reuse(doc.slug, self.document_page_inputs(doc), make)
        if self.corpus_pages:
            pages += self.corpus_pages.pages(reuse)
        return pages

    def document_pages(self, doc: Document) -> list[Page]:
        """A document's own pages: its text, indicators, corrections and revisions."""
        return [self.document(doc), self.indicators(doc), self.corrections(doc), self.revisions(doc)]

    def document_page_inputs(self, doc: Document) -> list[str | bytes]:
        """Everything a document's own pages are made from: what every page shares (``site_inputs``), its model (its
        cache key: its folder's files and the glossary folder; cache.py adds the code version), and the links to its
        series neighbours (the only part made from other documents: their years and the series, none of their
        text)."""
        neighbours = self.corpus_pages.neighbours(doc_page(doc.slug), doc) if self.corpus_pages else []
        return [*self.site_inputs, doc.cache_key, repr(neighbours)]

    @functools.cached_property
    def site_inputs(self) -> tuple[str | bytes, ...]:
        """What every page zhpub renders depends on besides its documents: the script, the site address, the
        published editions (the PDF links, the on-request editions' text), the heading links and the project's
        template overrides (the templates themselves, labels and code are in the build cache's code version)."""
        from ..cache import tree_bytes

        overrides = tree_bytes(Path(self.project_root) / OVERRIDES) if self.project_root else b""
        return self.variant, self.site_url, repr(self.editions), repr(self.permalink), overrides

    @functools.cached_property
    def corpus_pages(self):
        """The corpus pages, when the project describes series (corpus/series.yaml) and a document joins one."""
        from ..corpus.project import load_corpus
        from .corpus_pages import CorpusPages

        if not self.project_root:
            return None
        project = load_corpus(Path(self.project_root), self.docs)
        return CorpusPages(self, project) if project.corpus.series else None

    def data_files(self, documents: bool = True, glossary: bool = True) -> dict[str, str | bytes]:
        """The site's data/ folder: (``glossary``) the glossary's, the corpus' files and (``documents``) every
        document's, the same bytes as build/data/ (build.document_data, build.glossary_data_folder)."""
        from ..build import document_data

        files: dict[str, str | bytes] = {}
        if glossary:
            files["data/glossary.json"] = dumps(glossary_json(self.loaded_glossary, self.docs))
        if documents:
            for doc in self.docs:
                files.update((f"data/{name}", data) for name, data in document_data(doc, self.site_url).items())
        if self.corpus_pages:
            files.update(self.corpus_pages.data_files())
        return files

    def heads(self) -> dict[str, str]:
        """Extra <head> HTML per page (src path): citation meta tags and JSON-LD on each document page."""
        return {doc_page(doc.slug): render("site/head.html", self.project_root, head=citation.head(
            doc, self.variant, self.site_url, self.pdf(doc_page(doc.slug), doc, self.variant))) for doc in self.docs}

    def citation_data(self, src: str, doc: Document) -> dict:
        """The forms the copy-citation menu offers, as patterns (citation.py), and the machine-readable files."""
        forms = citation.patterns(doc, self.variant)
        return {"forms": [{"key": key, "label": self.t(f"cite_{key}"), "pattern": forms[key]} for key in forms],
                "url": citation.page_url(self.site_url, doc, self.variant),
                "downloads": [{"href": rel(src, f"data/{doc.slug}.csl.json"), "label": "CSL-JSON"},
                              {"href": rel(src, f"data/{doc.slug}.bib"), "label": "BibTeX"}]}

    def sources(self, doc: Document) -> list[tuple[str, str]]:
        """(label, URL) of the scraped page, the official original and an archived copy, those known."""
        return [(self.t(key), url) for key, url in citation.sources(doc).items()]

    def nav(self) -> list:
        nav: list = [{self.t("documents"): "index.md"}]
        grouped: set[str] = set()
        if self.corpus_pages:
            nav += self.corpus_pages.nav(self._doc_nav)
            grouped = self.corpus_pages.in_series()
        nav += [self._doc_nav(doc) for doc in self.docs if doc.slug not in grouped]
        nav += [{self.t("glossary"): "glossary/index.md"}, {self.t("cite"): "cite/index.md"}]
        return nav

    def _doc_nav(self, doc: Document) -> dict:
        return {esc(self.title(doc)): [
            {self.t("full_text"): doc_page(doc.slug)},
            {self.t("indicators"): f"{doc.slug}/indicators.md"},
            {self.t("corrections"): f"{doc.slug}/corrections.md"},
            {self.t("revisions"): f"{doc.slug}/revisions.md"},
        ]}

    def _page(self, template: str, src: str, title: str, exclude_from_search: bool = False,
              search_boost: float | None = None, **context) -> Page:
        markdown = render(template, self.project_root, t=self.labels, title=title, exclude_from_search=exclude_from_search,
                          search_boost=search_boost, permalink=self.permalink, **context)
        return Page(src, markdown)

    def _meta_rows(self, doc: Document) -> list[tuple[str, str]]:
        m = doc.meta
        rows = [("speaker", " ".join(x for x in (m.get("speaker_role", ""), m.get("speaker", "")) if x)),
                ("date", m.get("date", "")), ("venue", m.get("venue", ""))]
        return [(self.t(k), doc_text(doc, v, self.variant)) for k, v in rows if v]

    def _doc_links(self, src: str, doc: Document) -> list[tuple[str, str]]:
        return [
            (rel(src, doc_page(doc.slug)), self.t("full_text")),
            (rel(src, f"{doc.slug}/indicators.md"), self.t("indicators")),
            (rel(src, f"{doc.slug}/corrections.md"), self.t("corrections")),
            (rel(src, f"{doc.slug}/revisions.md"), self.t("revisions")),
        ] + [(self.pdf(src, doc, v), f"{self.t('pdf')}（{self.edition_names[v]}）") for v in self.editions]

    def home(self) -> Page:
        src = "index.md"
        docs = [{"slug": doc.slug, "href": rel(src, doc_page(doc.slug)), "title": self.title(doc),
                 "meta": self._meta_rows(doc), "links": self._doc_links(src, doc)} for doc in self.docs]
        return self._page("site/home.md", src, self.t("site"), intro=page_text("home_intro", self.variant), docs=docs)

    def document(self, doc: Document) -> Page:
        src = doc_page(doc.slug)
        page_url = f"{self.site_url}{lang(self.variant)}/{doc.slug}/" if self.site_url else ""
        hits = defaultdict(list)
        for hit in doc.glossary_hits:
            if hit.variant == self.variant:
                hits[hit.block].append(hit)
        callouts = defaultdict(list)
        for ind in doc.indicators:
            callouts[ind.block].append(self._callout(src, doc, ind))
        moved = defaultdict(list)  # a retired id keeps an anchor just before its successor
        for old, target in redirects(doc).items():
            if not old.startswith("ind-"):
                moved[target].append(old)
        blocks = []
        for block in doc.blocks:
            text = block.text[self.variant]
            item = {"id": block.id, "kind": block.kind, "text": text, "moved": moved[block.id]}
            if block.kind not in ("part", "section", "title", "subtitle", "speaker"):
                lead, rest = paragraph_segments(text, block.lead.get(self.variant, ""), hits[block.id], self.terms)
                item.update(lead=lead, rest=rest, cite=cite_label(doc, block, self.variant), number=block.number,
                            cite_en=citation.locator_en(block), callouts=callouts[block.id])
            blocks.append(item)
        return self._page("site/document.md", src, self.title(doc), meta=self._meta_rows(doc),
                          links=self._doc_links(src, doc), page_url=page_url, blocks=blocks,
                          citations=self.citation_data(src, doc), sources=self.sources(doc),
                          edition=citation.edition_label(doc, self.variant),
                          neighbours=self.corpus_pages.neighbours(src, doc) if self.corpus_pages else [],
                          glossary_href=lambda term: rel(src, f"glossary/index.md#{term.slug}"))

    def _callout(self, src: str, doc: Document, ind) -> dict:
        return {"id": ind.id, "kind": ind.kind, "href": rel(src, f"{doc.slug}/indicators.md#{ind.id}"),
                "tip": f"{ind.name_en}: {indicator_phrase(doc, ind, self.variant)}",
                "value": indicator_value(ind, self.variant), "name": indicator_name(ind, self.variant),
                "name_en": ind.name_en, "kind_label": self.t(ind.kind), "period": ind.period}

    def indicators(self, doc: Document) -> Page:
        src = f"{doc.slug}/indicators.md"
        downloads = [(rel(src, f"data/{doc.slug}.indicators.csv"), "CSV"), (rel(src, f"data/{doc.slug}.indicators.json"), "JSON")]
        groups = []
        for kind in KINDS:
            rows = [i for i in doc.indicators if i.kind == kind]
            if rows:
                groups.append({"kind": kind, "heading": f"{self.t(kind)}（{rows[0].period}）", "rows": [{
                    "id": ind.id, "name": indicator_name(ind, self.variant), "name_en": ind.name_en,
                    "value": indicator_value(ind, self.variant), "cite": cite_label(doc, doc.block(ind.block), self.variant),
                    "block_href": rel(src, doc_page(doc.slug) + "#" + ind.block),
                    "back_href": rel(src, doc_page(doc.slug) + "#callout-" + ind.id),
                    "phrase": indicator_phrase(doc, ind, self.variant), "override": ind.override,
                } for ind in rows]})
        indicator_ids = {i.id for i in doc.indicators}
        moved = [(old, f"#{target}" if target in indicator_ids else rel(src, doc_page(doc.slug) + "#" + target))
                 for old, target in redirects(doc).items() if old.startswith("ind-")]
        return self._page("site/indicators.md", src, f"{self.t('indicators')} · {self.title(doc)}",
                          search_boost=INDICATORS_BOOST, downloads=downloads, groups=groups, moved=moved)

    def revisions(self, doc: Document) -> Page:
        """What changed between editions, with the removed and added text marked."""
        src = f"{doc.slug}/revisions.md"
        editions = []
        for change in revisions(doc):
            if not editions or editions[-1]["n"] != change["edition"]:
                editions.append({"n": change["edition"], "changes": [], "recorded": True})
            edition = editions[-1]
            edition["recorded"] = edition["recorded"] and change["recorded"]
            edition["changes"].append({
                "kind": change["kind"], "id": change["id"], "target": change["target"],
                "href": rel(src, doc_page(doc.slug) + "#" + (change["target"] or change["id"])),
                "old": self.v(change["old"]), "new": self.v(change["new"]),
                "marks": marks(self.v(change["old"]), self.v(change["new"])) if change["kind"] == "revised" else [],
            })
        for edition in editions:
            edition["heading"] = self.t("edition_n").format(n=edition["n"]) + (
                "" if edition["recorded"] else f"（{self.t('not_recorded')}）")
        return self._page("site/revisions.md", src, f"{self.t('revisions')} · {self.title(doc)}",
                          exclude_from_search=True, intro=page_text("revisions_intro", self.variant),
                          first_edition=page_text("first_edition", self.variant),
                          json_href=rel(src, f"data/{doc.slug}.revisions.json"), editions=editions)

    def corrections(self, doc: Document) -> Page:
        src = f"{doc.slug}/corrections.md"
        counts = Counter(c.rule for c in doc.changes)
        groups: dict[str, dict[tuple[str, str, str], list]] = defaultdict(lambda: defaultdict(list))
        for c in doc.changes:
            groups[c.rule][(c.before, c.after, c.note if c.rule not in ("pinyin-annotation",) else "")].append(c)
        rules = [{
            "name": rule, "count": n, "explanation": self.v(RULE_EXPLANATIONS.get(rule, "")),
            "pairs": [{"before": shown_before(rule, before, self.variant), "after": after, "count": len(changes),
                       "places": ", ".join(f"{c.line}:{c.column}" for c in changes)}
                      for (before, after, _note), changes in sorted(groups[rule].items(), key=lambda kv: (-len(kv[1]), kv[0]))],
        } for rule, n in counts.items()]
        return self._page("site/corrections.md", src, f"{self.t('corrections')} · {self.title(doc)}",
                          exclude_from_search=True, intro=page_text("corrections_intro", self.variant),
                          json_href=rel(src, f"data/{doc.slug}.corrections.json"), rules=rules,
                          source_intro=page_text("corrections_source" if doc.meta.get("source_url") else
                                                 "corrections_source_unknown", self.variant),
                          source_path=doc.source_path, sources=self.sources(doc),
                          source_details=[(self.t(k), meta_text(doc, k, self.variant)) for k in ("mirror_published", "encoding")
                                          if doc.meta.get(k)] + [(self.t("edition"), citation.edition_label(doc, self.variant))],
                          errata=[c for c in doc.changes if c.rule == "errata"])

    def glossary_page(self) -> Page:
        src = "glossary/index.md"
        occurrences = defaultdict(list)
        for doc in self.docs:
            for hit in doc.glossary_hits:
                if hit.variant == self.variant:
                    occurrences[hit.term].append((doc, hit))
        by_slug = {t.headword: t.slug for t in self.glossary.terms}
        categories = []
        for category in self.glossary.categories.values():  # glossary/categories.yaml: its order, its labels
            terms = [t for t in self.glossary.terms if t.category == category.id]
            if terms:
                categories.append({"key": category.id, "label": pick(category.label, self.variant),
                                   "terms": [self._entry(src, t, occurrences[t.headword], by_slug) for t in terms]})
        return self._page("site/glossary.md", src, self.t("glossary"), search_boost=GLOSSARY_BOOST,
                          intro=page_text("glossary_intro", self.variant), categories=categories)

    def _entry(self, src: str, term: Term, occurrences: list, by_slug: dict[str, str]) -> dict:
        items = []
        for doc, hit in occurrences:
            block = doc.block(hit.block)
            text = block.text[self.variant]
            items.append({"href": rel(src, doc_page(doc.slug) + "#" + hit.block), "cite": cite_label(doc, block, self.variant),
                          "before": text[max(0, hit.start - 14) : hit.start], "text": hit.text,
                          "after": text[hit.end : hit.end + 14]})
        return {
            "slug": term.slug, "headword": term_headword(term, self.variant),
            "pinyin": term.pinyin, "english": term.english, "status": term.status, "status_label": self.t(term.status),
            "source": term.source, "explanation_zh": self.v(term.explanation["zh"]), "explanation_en": term.explanation["en"],
            "components": [(self.v(c["zh"]), c["en"]) for c in term.components],
            "aliases": [self.v(a) for a in term.aliases],
            "related": [(by_slug[r], self.v(r)) for r in term.related if r in by_slug],
            "confidence": term.confidence, "note": term.note, "occurrences": items,
            # the term across each series: first and last year, per-year chart (corpus/<series>/terms/<slug>.svg)
            "timelines": self.corpus_pages.term_timelines(src, term.headword) if self.corpus_pages else [],
            # each document's own note on the term (content/<doc>/glossary-notes.yaml), under its title
            "doc_notes": [(self.title(d), self.v(d.glossary_notes[term.headword]["zh"]),
                          chinese_in_english(d.glossary_notes[term.headword]["en"], self.variant))
                          for d in self.docs if term.headword in d.glossary_notes],
        }

    def cite_page(self) -> Page:
        src = "cite/index.md"
        example = None
        if self.docs:
            doc = self.docs[0]
            block = next((b for b in doc.blocks if b.id == "s3-2-p4"), None) or next(
                b for b in doc.blocks if b.kind == "paragraph")
            url = citation.page_url(self.site_url, doc, self.variant) or f"…/{lang(self.variant)}/{doc.slug}/"
            forms = citation.paragraph_citations(doc, block, self.variant, url, self.t("accessed"), "[date of access]")
            example = {"href": rel(src, doc_page(doc.slug) + "#" + block.id), "id": block.id,
                       "forms": [(self.t(f"cite_{key}"), text) for key, text in forms.items()],
                "downloads": [(rel(src, f"data/{doc.slug}.csl.json"), "CSL-JSON"), (rel(src, f"data/{doc.slug}.bib"), "BibTeX")]}
        return self._page("site/cite.md", src, self.t("cite"), paragraphs=page_text("cite_text", self.variant),
                          example=example)


def root_page(docs: list[Document], project_root: Path | str | None = None, editions: tuple[str, ...] = DEFAULT) -> str:
    """build/site/index.html: sends a reader to their script (by the browser's languages), with links to each."""
    variants = published(editions)
    long_names = names(variants, long=True)
    # the most regional edition first: zh-HK goes to Hong Kong's when it is published, else to Traditional's
    routes = [(v.browser_languages, v.tag) for v in reversed(variants) if v.browser_languages]
    return render("root.html", project_root, variants=[(v.tag, long_names[v.code]) for v in variants],
                  routes=routes, canonical=variants[0].tag)
