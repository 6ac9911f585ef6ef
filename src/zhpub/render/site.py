"""Site pages (Markdown with HTML blocks) for one script variant, made from the Document model.

MkDocs knows nothing of these functions and they know nothing of MkDocs: hooks/ hands the strings to MkDocs as
generated pages. Page paths are the same in every variant; links inside HTML blocks are written as final
relative URLs (the site is built with ``use_directory_urls: false`` for file:// use).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from ..export import corrections_json, document_json, dumps, glossary_json, indicators_json
from ..knowledge.glossary import Glossary, Term
from ..knowledge.indicators import KINDS, to_csv
from ..model import Block, Document
from .common import (
    CATEGORY_LABELS, VARIANT_NAMES, ascii_escape_invisible, cite_label, esc, in_variant, indicator_value, label,
    lang, marked_text, title_attr,
)

RULE_EXPLANATIONS = {
    "byte-order-mark": "删除文件开头的字节顺序标记（不含文字）。",
    "line-endings": "统一换行符。",
    "errata": "人工勘误：规则无法恢复的乱码，按字节证据和上下文改正，理由见下。",
    "spam": "删除镜像网站注入的垃圾关键词行。",
    "chrome-breadcrumb": "删除网页导航路径。",
    "chrome-timestamp": "删除网页发布时间（作为元数据保留）。",
    "chrome-download-id": "删除网页元素编号。",
    "chrome-photo-caption": "删除图片说明及摄影署名。",
    "chrome-editor": "删除责任编辑署名。",
    "chrome-footer": "删除页脚链接。",
    "chrome-source": "删除来源、署名行。",
    "page-headline": "删除网页自加的标题和副题（作为元数据保留）。",
    "pinyin-annotation": "删除镜像网站插入在汉字后的拼音（仅当拼音确为该字读音）。",
    "mojibake-realign": "修复错位一个字节的GBK乱码：重新对齐字节，并由两端残留的拼音证实。",
    "entity-remnant": "把残留的HTML实体还原为字符。",
    "punctuation": "把中文语境中的半角标点改回全角。",
    "punctuation-dash": "删除破折号旁多余的连字符。",
    "traditional-to-simplified": "把镜像网站的繁体字改回原文的简体字（OpenCC tw2s）。",
    "layout": "统一段落间空行，删除行首行尾空白。",
    "layout-split-heading": "把与首段连排的小节标题拆开。",
}


# The report's own paragraphs rank first; the glossary and the indicator tables, which quote them, after. A
# glossary entry matches its term in title and text (boosts 1000 + 100), a paragraph only in text: hence so low.
GLOSSARY_BOOST = 0.001
INDICATORS_BOOST = 0.01


@dataclass(frozen=True)
class Page:
    path: str  # src path, e.g. "zhenjiang-2022/index.md"
    markdown: str


def html_path(src: str) -> str:
    return src[:-3] + ".html"


def rel(from_src: str, to: str) -> str:
    """Relative URL from the page at ``from_src`` to a site path (an .md page or any file), with #anchor."""
    target, _, anchor = to.partition("#")
    if target.endswith(".md"):
        target = html_path(target)
    url = posixpath.relpath(target, posixpath.dirname(from_src) or ".") if target else ""
    return url + (f"#{anchor}" if anchor else "")


def doc_page(slug: str) -> str:
    return f"{slug}/index.md"


def md_heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with an id: HTML-escaped, then Markdown's own escapable characters backslashed."""
    escaped = re.sub(r"([\\`*_{}\[\]()#+\-.!])", r"\\\1", esc(text))
    return f"{'#' * level} {escaped} {{ #{anchor} }}"


def front_matter(title: str, exclude_from_search: bool = False, search_boost: float | None = None) -> str:
    # Material prints page and nav titles unescaped (MkDocs' Jinja has no autoescape): escape them here.
    lines = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]  # JSON strings are YAML strings
    if exclude_from_search:
        lines += ["search:", "  exclude: true"]
    elif search_boost is not None:
        lines += ["search:", f"  boost: {search_boost}"]
    return "\n".join(lines + ["---", ""]) + "\n"


class SiteRenderer:
    def __init__(self, docs: list[Document], glossary: Glossary, variant: str, site_url: str = ""):
        self.docs = docs
        self.glossary = glossary
        self.variant = variant
        self.terms = glossary.by_headword()
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""

    # -- helpers ----------------------------------------------------------------------------------------

    def t(self, key: str) -> str:
        return label(key, self.variant)

    def v(self, text: str) -> str:
        return in_variant(text, self.variant)

    def title(self, doc: Document) -> str:
        return self.v(doc.meta.get("title") or doc.meta.get("document_title") or doc.slug)

    def pdf(self, from_src: str, doc: Document, variant: str) -> str:
        depth = from_src.count("/") + 1  # the variant site sits in build/site/<lang>/
        return "../" * depth + f"pdf/{doc.slug}.{lang(variant)}.pdf"

    # -- pages ------------------------------------------------------------------------------------------

    def pages(self) -> list[Page]:
        pages = [self.home(), self.glossary_page(), self.cite_page()]
        for doc in self.docs:
            pages += [self.document(doc), self.indicators(doc), self.corrections(doc)]
        return pages

    def data_files(self) -> dict[str, str]:
        files = {"data/glossary.json": dumps(glossary_json(self.glossary, self.docs))}
        for doc in self.docs:
            files[f"data/{doc.slug}.json"] = dumps(document_json(doc))
            files[f"data/{doc.slug}.corrections.json"] = dumps(corrections_json(doc))
            files[f"data/{doc.slug}.indicators.json"] = dumps(indicators_json(doc))
            files[f"data/{doc.slug}.indicators.csv"] = "\ufeff" + to_csv(doc.indicators)
        return files

    def nav(self) -> list:
        nav: list = [{self.t("documents"): "index.md"}]
        for doc in self.docs:
            nav.append({esc(self.title(doc)): [
                {self.t("full_text"): doc_page(doc.slug)},
                {self.t("indicators"): f"{doc.slug}/indicators.md"},
                {self.t("corrections"): f"{doc.slug}/corrections.md"},
            ]})
        nav += [{self.t("glossary"): "glossary/index.md"}, {self.t("cite"): "cite/index.md"}]
        return nav

    def home(self) -> Page:
        src = "index.md"
        out = [front_matter(self.t("site")), f"# {self.t('site')}\n"]
        intro = ("镜像网站转载的政府工作报告常被转成繁体、插入拼音、混入垃圾文字和乱码。本站恢复原文的简体文本，"
                 "由此生成繁体版，每一处改动都有记录；每个标题和段落都有固定的引用锚点。")
        out.append(f'<p class="zh-intro">{esc(self.v(intro))}</p>\n')
        for doc in self.docs:
            out.append('<section class="zh-doc-card">')
            out.append(f'<h2 id="{esc(doc.slug)}"><a href="{rel(src, doc_page(doc.slug))}">{esc(self.title(doc))}</a></h2>')
            out.append(self._meta_list(doc))
            out.append(self._doc_links(src, doc))
            out.append("</section>\n")
        return Page(src, "\n".join(out))

    def _meta_list(self, doc: Document) -> str:
        m = doc.meta
        rows = [("speaker", " ".join(x for x in (m.get("speaker_role", ""), m.get("speaker", "")) if x)),
                ("date", m.get("date", "")), ("venue", m.get("venue", ""))]
        items = "".join(f"<dt>{esc(self.t(k))}</dt><dd>{esc(self.v(v))}</dd>" for k, v in rows if v)
        return f'<dl class="zh-docmeta">{items}</dl>'

    def _doc_links(self, src: str, doc: Document) -> str:
        links = [
            (rel(src, doc_page(doc.slug)), self.t("full_text")),
            (rel(src, f"{doc.slug}/indicators.md"), self.t("indicators")),
            (rel(src, f"{doc.slug}/corrections.md"), self.t("corrections")),
            (self.pdf(src, doc, "hans"), f"{self.t('pdf')}（{VARIANT_NAMES['hans']}）"),
            (self.pdf(src, doc, "hant"), f"{self.t('pdf')}（{VARIANT_NAMES['hant']}）"),
        ]
        items = "".join(f'<li><a href="{esc(u)}">{esc(t)}</a></li>' for u, t in links)
        return f'<ul class="zh-doclinks">{items}</ul>'

    def document(self, doc: Document) -> Page:
        src = doc_page(doc.slug)
        title = self.title(doc)
        page_url = f"{self.site_url}{lang(self.variant)}/{doc.slug}/" if self.site_url else ""
        out = [front_matter(title), f"# {esc(title)} {{ #top }}\n"]
        out.append(self._meta_list(doc))
        out.append(self._doc_links(src, doc) + "\n")
        out.append(f'<div id="zh-doc" hidden data-title="《{esc(title)}》" data-url="{esc(page_url)}" '
                   f'data-copy="{esc(self.t("copy_citation"))}" data-copied="{esc(self.t("copied"))}"></div>\n')
        hits = defaultdict(list)
        for hit in doc.glossary_hits:
            if hit.variant == self.variant:
                hits[hit.block].append(hit)
        callouts = defaultdict(list)
        for ind in doc.indicators:
            callouts[ind.block].append(ind)
        for block in doc.blocks:
            out.append(self._block(src, doc, block, hits[block.id], callouts[block.id]))
        return Page(src, "\n".join(out))

    def _block(self, src: str, doc: Document, block: Block, hits: list, indicators: list) -> str:
        text = block.text[self.variant]
        if block.kind == "part":
            return md_heading(2, text, block.id) + "\n"
        if block.kind == "section":
            return md_heading(3, text, block.id) + "\n"
        if block.kind in ("title", "subtitle", "speaker"):
            return f'<p id="{block.id}" class="zh-{block.kind}">{esc(text)}</p>\n'

        def link(term: Term) -> str:
            return rel(src, f"glossary/index.md#{term.slug}")

        lead = block.lead.get(self.variant, "")
        if lead:
            first = [h for h in hits if h.end <= len(lead)]
            rest = [h for h in hits if h.start >= len(lead)]
            shifted = [type(h)(h.term, h.block, h.variant, h.start - len(lead), h.end - len(lead), h.text) for h in rest]
            body = (f'<strong class="zh-lead">{marked_text(lead, first, self.terms, self.variant, link)}</strong>'
                    + marked_text(text[len(lead):], shifted, self.terms, self.variant, link))
        else:
            body = marked_text(text, hits, self.terms, self.variant, link)
        cite = cite_label(doc, block, self.variant)
        tools = (f'<span class="zh-tools"><a class="zh-pilcrow" href="#{block.id}" '
                 f'title="{title_attr(self.t("paragraph_link"))}" aria-label="{esc(self.t("paragraph_link"))}">¶</a>'
                 f'<button class="zh-cite" type="button" data-cite="{esc(cite)}">{esc(self.t("copy_citation"))}</button></span>')
        para = f'<p id="{block.id}" class="zh-p" data-cite="{esc(cite)}" data-n="{esc(block.number)}">{body}{tools}</p>'
        if not indicators:
            return f'<div class="zh-para">{para}</div>\n'
        chips = "".join(self._callout(src, doc, ind) for ind in indicators)
        # data-search-exclude: the call-outs repeat the paragraph's figures; they must not make every heading
        # above them a search hit (Material drops the attribute from the output)
        return (f'<div class="zh-para zh-has-callouts">{para}<aside class="zh-callouts" data-search-exclude="callouts" '
                f'aria-label="{esc(self.t("indicators"))}">{chips}</aside></div>\n')

    def _callout(self, src: str, doc: Document, ind) -> str:
        name = ind.name if self.variant == "hans" else ind.name_hant
        tip = f"{ind.name_en}: {ind.phrase if self.variant == 'hans' else ind.phrase_hant}"
        return (f'<a class="zh-callout zh-{ind.kind}" id="callout-{ind.id}" '
                f'href="{rel(src, f"{doc.slug}/indicators.md#{ind.id}")}" title="{title_attr(tip)}">'
                f'<span class="zh-callout-value">{esc(indicator_value(ind, self.variant))}</span>'
                f'<span class="zh-callout-name">{esc(name)}</span>'
                f'<span class="zh-callout-en" lang="en">{esc(ind.name_en)}</span>'
                f'<span class="zh-callout-kind">{esc(self.t(ind.kind))} {esc(ind.period)}</span></a>')

    def indicators(self, doc: Document) -> Page:
        src = f"{doc.slug}/indicators.md"
        title = f"{self.t('indicators')} · {self.title(doc)}"
        out = [front_matter(title, search_boost=INDICATORS_BOOST), f"# {esc(title)}\n"]
        downloads = [(f"data/{doc.slug}.indicators.csv", "CSV"), (f"data/{doc.slug}.indicators.json", "JSON")]
        items = "".join(f'<li><a href="{rel(src, p)}" download>{esc(n)}</a></li>' for p, n in downloads)
        out.append(f'<p class="zh-downloads">{esc(self.t("data"))}：</p><ul class="zh-downloads">{items}</ul>\n')
        for kind in KINDS:
            rows = [i for i in doc.indicators if i.kind == kind]
            if not rows:
                continue
            out.append(md_heading(2, f"{self.t(kind)}（{rows[0].period}）", f"kind-{kind}") + "\n")
            head = "".join(f"<th>{esc(self.t(k))}</th>" for k in ("name", "value", "source_paragraph"))
            body = []
            for ind in rows:
                block = doc.block(ind.block)
                name = ind.name if self.variant == "hans" else ind.name_hant
                phrase = ind.phrase if self.variant == "hans" else ind.phrase_hant
                override = (f'<br><small class="zh-override">{esc(self.t("override"))}：{esc(ind.override)}</small>'
                            if ind.override else "")
                body.append(
                    f'<tr id="{ind.id}"><td><span class="zh-ind-name">{esc(name)}</span><br>'
                    f'<small lang="en">{esc(ind.name_en)}</small></td>'
                    f'<td class="zh-num">{esc(indicator_value(ind, self.variant))}</td>'
                    f'<td><a href="{rel(src, doc_page(doc.slug) + "#" + ind.block)}">{esc(cite_label(doc, block, self.variant))}</a> '
                    f'<a class="zh-back" href="{rel(src, doc_page(doc.slug) + "#callout-" + ind.id)}" '
                    f'title="{title_attr(self.t("back_to_text"))}">↩</a><br><small>“{esc(phrase)}”</small>{override}</td></tr>'
                )
            out.append(f'<table class="zh-indicators"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>\n')
        return Page(src, "\n".join(out))

    def corrections(self, doc: Document) -> Page:
        src = f"{doc.slug}/corrections.md"
        title = f"{self.t('corrections')} · {self.title(doc)}"
        out = [front_matter(title, exclude_from_search=True), f"# {esc(title)}\n"]
        intro = ("下表列出处理程序对抓取原文所做的全部改动：规则、在原文中的位置（行:列）、原文和改后的文字。"
                 "原文可以由本站文本加上这份记录逐字还原。完整记录另有JSON下载。")
        out.append(f"<p>{esc(self.v(intro))}</p>")
        out.append(f'<ul class="zh-downloads"><li><a href="{rel(src, f"data/{doc.slug}.corrections.json")}" download>JSON</a></li></ul>\n')
        counts = Counter(c.rule for c in doc.changes)
        rows = "".join(
            f'<tr><td><a href="#rule-{r}"><code>{r}</code></a></td><td>{esc(self.v(RULE_EXPLANATIONS.get(r, "")))}</td>'
            f'<td class="zh-num">{n}</td></tr>'
            for r, n in counts.items()
        )
        out.append(f'<table><thead><tr><th>{esc(self.t("rule"))}</th><th></th><th>{esc(self.t("count"))}</th></tr></thead>'
                   f"<tbody>{rows}</tbody></table>\n")
        errata = [c for c in doc.changes if c.rule == "errata"]
        if errata:
            out.append(md_heading(2, self.t("errata"), "errata") + "\n")
            for c in errata:
                out.append(
                    f'<div class="zh-erratum"><p><code>{c.line}:{c.column}</code> '
                    f'<del>{esc(ascii_escape_invisible(c.before))}</del> → <ins>{esc(c.after)}</ins></p>'
                    f"<p>{esc(self.t('reason'))}：{esc(c.note)}</p></div>\n"
                )
        groups: dict[str, dict[tuple[str, str, str], list]] = defaultdict(lambda: defaultdict(list))
        for c in doc.changes:
            groups[c.rule][(c.before, c.after, c.note if c.rule not in ("pinyin-annotation",) else "")].append(c)
        for rule in counts:
            out.append(md_heading(2, rule, f"rule-{rule}") + "\n")
            out.append(f"<p>{esc(self.v(RULE_EXPLANATIONS.get(rule, '')))}</p>")
            rows = []
            for (before, after, _note), changes in sorted(groups[rule].items(), key=lambda kv: (-len(kv[1]), kv[0])):
                places = ", ".join(f"{c.line}:{c.column}" for c in changes)
                rows.append(f"<tr><td><code>{esc(ascii_escape_invisible(before))}</code></td>"
                            f"<td><code>{esc(ascii_escape_invisible(after))}</code></td>"
                            f'<td class="zh-num">{len(changes)}</td><td class="zh-places">{esc(places)}</td></tr>')
            out.append(f'<details{" open" if len(rows) <= 20 else ""}><summary>{len(rows)} × </summary><table class="zh-changes">'
                       f"<thead><tr><th>{esc(self.t('before'))}</th><th>{esc(self.t('after'))}</th>"
                       f"<th>{esc(self.t('count'))}</th><th>{esc(self.t('places'))}</th></tr></thead>"
                       f"<tbody>{''.join(rows)}</tbody></table></details>\n")
        return Page(src, "\n".join(out))

    def glossary_page(self) -> Page:
        src = "glossary/index.md"
        title = self.t("glossary")
        out = [front_matter(title, search_boost=GLOSSARY_BOOST), f"# {esc(title)}\n"]
        intro = "报告中的口号、以数字概括的提法（如“六稳”“四个意识”）、项目和品牌名称：拼音、英文译名、解释，以及在报告中的每一处出现。"
        out.append(f"<p>{esc(self.v(intro))}</p>\n")
        occurrences = defaultdict(list)
        for doc in self.docs:
            for hit in doc.glossary_hits:
                if hit.variant == self.variant:
                    occurrences[hit.term].append((doc, hit))
        by_slug = {t.headword: t.slug for t in self.glossary.terms}
        index = []  # the index: every headword, by category, linked to its entry
        for category in CATEGORY_LABELS:
            terms = [t for t in self.glossary.terms if t.category == category]
            if terms:
                links = " · ".join(f'<a href="#{t.slug}">{esc(t.headword if self.variant == "hans" else t.traditional)}</a>'
                                 for t in terms)
                index.append(f'<dt><a href="#category-{category}">{esc(self.t(category))}</a></dt><dd>{links}</dd>')
        out.append(f'<dl class="zh-glossary-index">{"".join(index)}</dl>\n')
        for category in CATEGORY_LABELS:
            terms = [t for t in self.glossary.terms if t.category == category]
            if not terms:
                continue
            out.append(md_heading(2, self.t(category), f"category-{category}") + "\n")
            for term in terms:
                out.append(self._entry(src, term, occurrences[term.headword], by_slug))
        return Page(src, "\n".join(out))

    def _entry(self, src: str, term: Term, occurrences: list, by_slug: dict[str, str]) -> str:
        headword = term.headword if self.variant == "hans" else term.traditional
        parts = [f'<section class="zh-entry" id="{term.slug}">',
                 f'<h3 id="term-{term.slug}" class="zh-entry-head">{esc(headword)} '
                 f'<span class="zh-pinyin" lang="zh-Latn-pinyin">{esc(term.pinyin)}</span></h3>']
        status = esc(self.t(term.status))
        source = f' · <a href="{esc(term.source)}" rel="noopener">{esc(self.t("source"))}</a>' if term.source else ""
        parts.append(f'<p class="zh-english"><span lang="en">{esc(term.english)}</span> '
                     f'<small class="zh-status zh-status-{term.status}">{status}{source}</small></p>')
        parts.append(f"<p>{esc(self.v(term.explanation['zh']))}</p>")
        parts.append(f'<p lang="en">{esc(term.explanation["en"])}</p>')
        if term.components:
            items = "".join(f'<li>{esc(self.v(c["zh"]))} — <span lang="en">{esc(c["en"])}</span></li>' for c in term.components)
            parts.append(f'<p class="zh-label">{esc(self.t("components"))}</p><ol>{items}</ol>')
        if term.aliases:
            parts.append(f'<p class="zh-label">{esc(self.t("aliases"))}：{esc("、".join(self.v(a) for a in term.aliases))}</p>')
        if term.related:
            links = "、".join(f'<a href="#{by_slug[r]}">{esc(self.v(r))}</a>' for r in term.related if r in by_slug)
            parts.append(f'<p class="zh-label">{esc(self.t("related"))}：{links}</p>')
        if term.note or term.confidence:
            note = " ".join(x for x in (f"{self.t('confidence')}: {term.confidence}." if term.confidence else "", term.note) if x)
            parts.append(f'<p class="zh-note"><small>{esc(self.t("note"))}：<span lang="en">{esc(note)}</span></small></p>')
        if occurrences:
            items = []
            for doc, hit in occurrences:
                block = doc.block(hit.block)
                text = block.text[self.variant]
                before = text[max(0, hit.start - 14) : hit.start]
                after = text[hit.end : hit.end + 14]
                items.append(
                    f'<li><a href="{rel(src, doc_page(doc.slug) + "#" + hit.block)}">{esc(cite_label(doc, block, self.variant))}</a> '
                    f'<q>…{esc(before)}<mark>{esc(hit.text)}</mark>{esc(after)}…</q></li>'
                )
            parts.append(f'<details class="zh-occurrences"{" open" if len(items) <= 6 else ""}><summary>{esc(self.t("occurrences"))}（{len(items)}）</summary>'
                         f'<ul>{"".join(items)}</ul></details>')
        parts.append("</section>\n")
        return "".join(parts)

    def cite_page(self) -> Page:
        src = "cite/index.md"
        title = self.t("cite")
        example_doc = self.docs[0] if self.docs else None
        out = [front_matter(title), f"# {esc(title)}\n"]
        text = [
            "每个标题和段落都有一个固定的锚点，简体版、繁体版和PDF离线版完全相同，发布后永不改变。",
            "锚点按报告自己的编号构成：s3 是第三部分，s3-2 是第三部分第（二）节，s3-2-p4 是该节第4段；"
            "第一部分之前的段落是 intro-p1、intro-p2……；指标的锚点是 ind-段落锚点-序号。",
            "把鼠标移到段落上，点击“¶”得到本段链接，点击“复制引用”复制标题、段落位置和链接。",
            "PDF离线版同样支持这些锚点，例如 文件名.pdf#s3-2-p4。",
        ]
        for paragraph in text:
            out.append(f"<p>{esc(self.v(paragraph))}</p>\n")
        if example_doc:
            block = next((b for b in example_doc.blocks if b.id == "s3-2-p4"), None) or next(
                b for b in example_doc.blocks if b.kind == "paragraph")
            cite = f"《{self.title(example_doc)}》{cite_label(example_doc, block, self.variant)}"
            link = rel(src, doc_page(example_doc.slug) + "#" + block.id)
            out.append(f'<p class="zh-example">{esc(cite)} <a href="{link}">…/{lang(self.variant)}/{example_doc.slug}/#{block.id}</a></p>\n')
        return Page(src, "\n".join(out))


def root_page(docs: list[Document]) -> str:
    """build/site/index.html: sends a reader to their script, with links to both."""
    links = " · ".join(
        f'<a href="{tag}/index.html" hreflang="{tag}" lang="{tag}">{name}</a>'
        for tag, name in (("zh-Hans", "简体中文"), ("zh-Hant", "繁體中文"))
    )
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府工作报告 · 政府工作報告</title>
<link rel="alternate" hreflang="zh-Hans" href="zh-Hans/index.html">
<link rel="alternate" hreflang="zh-Hant" href="zh-Hant/index.html">
<style>body{{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:4rem auto;max-width:30rem;line-height:1.8;text-align:center}}a{{margin:0 .5rem}}</style>
<script>
(function () {{
  var langs = (navigator.languages || [navigator.language || ""]).map(function (l) {{ return l.toLowerCase() }});
  var hant = langs.length && /^zh-(hant|tw|hk|mo)/.test(langs[0]);
  location.replace((hant ? "zh-Hant" : "zh-Hans") + "/index.html" + location.hash);
}})();
</script>
</head>
<body>
<p>{links}</p>
</body>
</html>
"""
