"""Print HTML for the PDF edition of one variant, made from the Document model (never from the site).

A publication rather than a web page: cover, contents with page numbers, running header with the title and
current part, page numbers, paragraph ids in the margin (the same ids as the site, and each a named PDF
destination, so ``doc.pdf#s3-2-p4`` opens at the paragraph), glossary marks linked to the glossary appendix,
appendices (glossary, indicators, corrections) and a colophon.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from importlib import resources

from ..knowledge.glossary import Glossary, Term
from ..model import Document
from .common import (
    ascii_escape_invisible, cite_label, esc, in_variant, indicator_value, label, lang, marked_text,
)
from .site import RULE_EXPLANATIONS

FONTS = {  # named per script: a generic family picks Japanese glyph forms
    "hans": ("Noto Serif CJK SC", "Noto Sans CJK SC"),
    "hant": ("Noto Serif CJK TC", "Noto Sans CJK TC"),
}
PLACES_SHOWN = 40  # a rule with more changes lists its (before, after) pairs with counts; places are in the data


def stylesheet(variant: str) -> str:
    serif, sans = FONTS[variant]
    css = resources.files("zhpub").joinpath("data/print.css").read_text(encoding="utf-8")
    return css.replace("SERIF_FONT", serif).replace("SANS_FONT", sans)


def print_html(doc: Document, glossary: Glossary, variant: str, edition_date: str) -> str:
    v = variant
    t = lambda key: label(key, v)  # noqa: E731
    title = in_variant(doc.meta.get("title") or doc.meta.get("document_title") or doc.slug, v)
    terms = glossary.by_headword()
    used = [terms[h] for h in dict.fromkeys(h.term for h in doc.glossary_hits if h.variant == v)]
    used.sort(key=lambda term: list(terms).index(term.headword))
    m = doc.meta
    author = " ".join(x for x in (m.get("speaker_role", ""), m.get("speaker", "")) if x) or m.get("body", "")
    subject = " · ".join(x for x in (m.get("kind", ""), m.get("title_en", ""), m.get("venue", "")) if x)
    out = [
        "<!doctype html>",
        f'<html lang="{lang(v)}"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f'<meta name="author" content="{esc(in_variant(author, v))}">',
        f'<meta name="description" content="{esc(in_variant(subject, v))}">',
        f'<meta name="keywords" content="{esc(in_variant(m.get("kind", ""), v))}, {esc(doc.slug)}">',
        '<meta name="generator" content="zhpub">',
        f'<meta name="dcterms.created" content="{esc(m.get("date", edition_date))}">',
        f'<meta name="dcterms.modified" content="{esc(edition_date)}">',
        f"<style>{stylesheet(v)}</style></head><body>",
    ]
    # cover
    out.append('<section class="cover">')
    out.append(f'<p class="cover-kind">{esc(in_variant(m.get("body", ""), v))}</p>')
    out.append(f'<h1 class="cover-title" id="top">{esc(title)}</h1>')
    details = [(t("speaker"), author), (t("date"), m.get("date", "")), (t("venue"), m.get("venue", ""))]
    out.append('<dl class="cover-meta">' + "".join(
        f"<dt>{esc(k)}</dt><dd>{esc(in_variant(val, v))}</dd>" for k, val in details if val) + "</dl>")
    if m.get("title_en"):
        out.append(f'<p class="cover-en" lang="en">{esc(m["title_en"])}</p>')
    out.append("</section>")
    # contents
    out.append(f'<nav class="toc"><h2 class="toc-title">{esc(in_variant("目录", v))}</h2><ul>')
    for block in doc.blocks:
        if block.kind in ("part", "section"):
            out.append(f'<li class="toc-{block.kind}"><a href="#{block.id}">{esc(block.text[v])}</a></li>')
    for anchor, name in (("appendix-glossary", t("glossary")), ("appendix-indicators", t("indicators")),
                         ("appendix-corrections", t("corrections")), ("colophon", in_variant("版本说明", v))):
        out.append(f'<li class="toc-part toc-appendix"><a href="#{anchor}">{esc(name)}</a></li>')
    out.append("</ul></nav>")
    # text
    out.append(f'<main class="text" data-title="{esc(title)}">')
    hits = defaultdict(list)
    for hit in doc.glossary_hits:
        if hit.variant == v:
            hits[hit.block].append(hit)

    def link(term: Term) -> str:
        return f"#g-{term.slug}"

    for block in doc.blocks:
        text = block.text[v]
        if block.kind == "part":
            out.append(f'<h1 class="part" id="{block.id}">{esc(text)}</h1>')
        elif block.kind == "section":
            out.append(f'<h2 class="section" id="{block.id}">{esc(text)}</h2>')
        elif block.kind in ("title", "subtitle", "speaker"):
            out.append(f'<p class="{block.kind}" id="{block.id}">{esc(text)}</p>')
        else:
            lead = block.lead.get(v, "")
            body = marked_text(text, hits[block.id], terms, v, link).replace(' title="', ' data-title="')
            if lead and body.startswith(esc(lead)):
                body = f'<strong class="lead">{esc(lead)}</strong>{body[len(esc(lead)):]}'
            out.append(f'<p class="p" id="{block.id}"><span class="pid">{block.id}</span>{body}</p>')
    out.append("</main>")
    # appendices
    out.append(f'<section class="appendix" id="appendix-glossary"><h1 class="part">{esc(t("glossary"))}</h1>')
    for term in used:
        headword = term.headword if v == "hans" else term.traditional
        out.append(
            f'<div class="entry" id="g-{term.slug}"><p class="entry-head"><strong>{esc(headword)}</strong> '
            f'<span class="pinyin">{esc(term.pinyin)}</span> <span lang="en">{esc(term.english)}</span> '
            f'<span class="status">{esc(t(term.status))}</span></p>'
            f"<p>{esc(in_variant(term.explanation['zh'], v))}</p>"
            f'<p lang="en">{esc(term.explanation["en"])}</p></div>'
        )
    out.append("</section>")
    out.append(f'<section class="appendix" id="appendix-indicators"><h1 class="part">{esc(t("indicators"))}</h1>')
    out.append(f'<table class="indicators"><thead><tr><th>{esc(t("name"))}</th><th>{esc(t("value"))}</th>'
               f'<th>{esc(t("kind"))}</th><th>{esc(t("source_paragraph"))}</th></tr></thead><tbody>')
    for ind in doc.indicators:
        block = doc.block(ind.block)
        name = ind.name if v == "hans" else ind.name_hant
        out.append(
            f'<tr id="{ind.id}"><td>{esc(name)}<br><span class="en" lang="en">{esc(ind.name_en)}</span></td>'
            f'<td class="num">{esc(indicator_value(ind, v))}</td><td>{esc(t(ind.kind))} {esc(ind.period)}</td>'
            f'<td><a href="#{ind.block}">{esc(cite_label(doc, block, v))}</a></td></tr>'
        )
    out.append("</tbody></table></section>")
    out.append(corrections_appendix(doc, v))
    out.append(colophon(doc, v, edition_date))
    out.append("</body></html>")
    return "\n".join(out)


def corrections_appendix(doc: Document, v: str) -> str:
    t = lambda key: label(key, v)  # noqa: E731
    counts = Counter(c.rule for c in doc.changes)
    out = [f'<section class="appendix" id="appendix-corrections"><h1 class="part">{esc(t("corrections"))}</h1>',
           f"<p>{esc(in_variant('处理程序对抓取原文所做的全部改动，按规则分组。位置为原文的行:列。原文可由本文加上这份记录逐字还原。', v))}</p>",
           '<table class="rules"><tbody>']
    for rule, n in counts.items():
        out.append(f"<tr><td><code>{rule}</code></td><td>{esc(in_variant(RULE_EXPLANATIONS.get(rule, ''), v))}</td>"
                   f'<td class="num">{n}</td></tr>')
    out.append("</tbody></table>")
    errata = [c for c in doc.changes if c.rule == "errata"]
    if errata:
        out.append(f'<h2 class="section" id="appendix-errata">{esc(t("errata"))}</h2>')
        for c in errata:
            out.append(f'<div class="erratum"><p><code>{c.line}:{c.column}</code> '
                       f"<del>{esc(ascii_escape_invisible(c.before))}</del> → <ins>{esc(c.after)}</ins></p>"
                       f"<p>{esc(t('reason'))}：{esc(c.note)}</p></div>")
    groups: dict[str, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
    for c in doc.changes:
        groups[c.rule][(c.before, c.after)].append(c)
    for rule in counts:
        if rule == "errata":
            continue
        out.append(f'<h2 class="section" id="appendix-rule-{rule}"><code>{rule}</code></h2><p class="pairs">')
        pairs = sorted(groups[rule].items(), key=lambda kv: (-len(kv[1]), kv[0]))
        items = []
        for (before, after), changes in pairs:
            where = ("（" + "、".join(f"{c.line}:{c.column}" for c in changes) + "）") if counts[rule] <= PLACES_SHOWN else ""
            items.append(f'<span class="pair"><code>{esc(ascii_escape_invisible(before))}</code>→'
                         f"<code>{esc(ascii_escape_invisible(after))}</code>×{len(changes)}{esc(where)}</span>")
        out.append(" ".join(items) + "</p>")
    out.append("</section>")
    return "\n".join(out)


def colophon(doc: Document, v: str, edition_date: str) -> str:
    m = doc.meta
    counts = Counter(c.rule for c in doc.changes)
    lines = [
        ("来源", m.get("source_note", "")),
        ("镜像网站发布时间", m.get("mirror_published", "")),
        ("原文编码", m.get("encoding", "")),
        ("改动", f"共{len(doc.changes)}处：" + "，".join(f"{r} {n}" for r, n in counts.items())),
        ("繁体版", "由简体原文经 OpenCC s2tw 及本项目的词组修正表转换。" if v == "hant" else ""),
        ("版本日期", edition_date),
        ("许可", m.get("licence", "")),
    ]
    rows = "".join(f"<dt>{esc(in_variant(k, v))}</dt><dd>{esc(in_variant(val, v) if k != '来源' else val)}</dd>"
                   for k, val in lines if val)
    return (f'<section class="colophon" id="colophon"><h1 class="part">{esc(in_variant("版本说明", v))}</h1>'
            f"<dl>{rows}</dl><p>zhpub</p></section>")
