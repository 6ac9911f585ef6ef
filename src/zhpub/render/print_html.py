"""Print HTML for the PDF edition of one variant (templates/print/), made from the Document model (never from the site).

A publication rather than a web page: cover, contents with page numbers, running header with the title and
current part, page numbers, paragraph ids in the margin (the same ids as the site, and each a named PDF
destination, so ``doc.pdf#s3-2-p4`` opens at the paragraph), glossary marks linked to the glossary appendix,
appendices (glossary, indicators, corrections) and a colophon.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from ..knowledge.glossary import Glossary, chinese_in_english
from ..model import Document
from ..variants import BY_CODE, DECLARED
from .common import (
    LABELS, RULE_EXPLANATIONS, TEXTS, ascii_escape_invisible, cite_label, doc_text, in_variant, indicator_name,
    indicator_value, label, lang, meta_text, page_text, paragraph_segments, shown_before, term_headword,
)
from .citation import edition_label
from .templates import render

FONTS = {v.code: v.print_fonts for v in DECLARED}  # named per script: a generic family picks Japanese glyph forms
ATTACHED = ("source.txt", "json", "indicators.csv", "corrections.json")  # what pdf.attachment_files embeds
PLACES_SHOWN = 40  # a rule with more changes lists its (before, after) pairs with counts; places are in the data


def stylesheet(variant: str) -> str:
    serif, sans = FONTS[variant]
    css = resources.files("zhpub").joinpath("data/print.css").read_text(encoding="utf-8")
    return css.replace("SERIF_FONT", serif).replace("SANS_FONT", sans)


def print_html(doc: Document, glossary: Glossary, variant: str, edition_date: str,
               project_root: Path | str | None = None) -> str:
    v = variant
    t = {key: label(key, v) for key in LABELS}
    texts = {key: page_text(key, v) for key in TEXTS}
    title = doc_text(doc, doc.meta.get("title") or doc.meta.get("document_title") or doc.slug, v)
    terms = glossary.english_in(v).by_headword()  # Chinese quoted in the English glosses in this script too
    used = [terms[h] for h in dict.fromkeys(h.term for h in doc.glossary_hits if h.variant == v)]
    used.sort(key=lambda term: list(terms).index(term.headword))
    m = doc.meta
    author = " ".join(x for x in (m.get("speaker_role", ""), m.get("speaker", "")) if x) or m.get("body", "")
    subject = " · ".join(x for x in (m.get("kind", ""), m.get("title_en", ""), m.get("venue", "")) if x)
    details = [(t["speaker"], author), (t["date"], m.get("date", "")), (t["venue"], m.get("venue", ""))]
    hits = defaultdict(list)
    for hit in doc.glossary_hits:
        if hit.variant == v:
            hits[hit.block].append(hit)
    # a retired id (manifest: OLD -> NEW) stays a named destination, at its successor: doc.pdf#OLD keeps opening
    retired = defaultdict(list)
    for old, new in sorted(doc.manifest.moved.items() if doc.manifest else ()):
        retired[new].append(old)
    blocks = []
    for block in doc.blocks:
        item = {"id": block.id, "kind": block.kind, "text": block.text[v], "retired": retired.get(block.id, [])}
        if block.kind not in ("part", "section", "title", "subtitle", "speaker"):
            item["lead"], item["rest"] = paragraph_segments(block.text[v], block.lead.get(v, ""), hits[block.id], terms)
        blocks.append(item)
    indicators = [{
        "id": ind.id, "block": ind.block, "retired": retired.get(ind.id, []), "name": indicator_name(ind, v), "name_en": ind.name_en,
        "value": indicator_value(ind, v), "kind_label": t[ind.kind], "period": ind.period,
        "cite": cite_label(doc, doc.block(ind.block), v),
    } for ind in doc.indicators]
    return render(
        "print/document.html", project_root, t=t, texts=texts, lang=lang(v), title=title, slug=doc.slug,
        author=doc_text(doc, author, v), subject=doc_text(doc, subject, v), kind=meta_text(doc, "kind", v),
        created=m.get("date", edition_date), edition_date=edition_date, stylesheet=Markup(stylesheet(v)),
        body=meta_text(doc, "body", v), cover_meta=[(k, doc_text(doc, val, v)) for k, val in details if val],
        title_en=m.get("title_en", ""), headings=[b for b in blocks if b["kind"] in ("part", "section")],
        appendices=[("appendix-glossary", t["glossary"]), ("appendix-indicators", t["indicators"]),
                    ("appendix-corrections", t["corrections"]), ("colophon", texts["colophon"])],
        blocks=blocks, glossary_href=lambda term: f"#g-{term.slug}",
        terms=[{"slug": term.slug, "headword": term_headword(term, v), "pinyin": term.pinyin,
                "english": term.english, "status_label": t[term.status],
                "explanation_zh": in_variant(term.explanation["zh"], v), "explanation_en": term.explanation["en"],
                # what this report does with the term (its glossary-notes.yaml), after the shared explanation
                "note_zh": in_variant(doc.glossary_notes.get(term.headword, {}).get("zh", ""), v),
                "note_en": chinese_in_english(doc.glossary_notes.get(term.headword, {}).get("en", ""), v)}
               for term in used],
        indicators=indicators, rules=_rules(doc, v), errata=[c for c in doc.changes if c.rule == "errata"],
        colophon=_colophon(doc, v, edition_date),
    )


def _rules(doc: Document, v: str) -> list[dict]:
    """Every rule with its count and its distinct (before, after) pairs with their counts, places (line:column)
    listed when the rule changed few spans. The pairs of a rule are one run of text: thousands of separately
    styled inline boxes made this appendix the slowest part of the PDF to lay out (bench/pdf_speed.py), and every
    single change is in the attached corrections.json."""
    counts = Counter(c.rule for c in doc.changes)
    groups: dict[str, dict[tuple[str, str], list]] = defaultdict(lambda: defaultdict(list))
    for c in doc.changes:
        groups[c.rule][(c.before, c.after)].append(c)
    rules = []
    for rule, n in counts.items():
        pairs = sorted(groups[rule].items(), key=lambda kv: (-len(kv[1]), kv[0]))
        shown = []
        for (before, after), changes in pairs:
            places = ("（" + "、".join(f"{c.line}:{c.column}" for c in changes) + "）") if n <= PLACES_SHOWN else ""
            before = shown_before(rule, before, v)
            shown.append(f"{ascii_escape_invisible(before) or '∅'}→{ascii_escape_invisible(after) or '∅'}"
                         f"×{len(changes)}{places}")
        rules.append({"name": rule, "count": n, "explanation": in_variant(RULE_EXPLANATIONS.get(rule, ""), v),
                      "distinct": len(pairs), "pairs_text": "　".join(shown)})
    return rules


def _colophon(doc: Document, v: str, edition_date: str) -> list[tuple[str, str]]:
    m = doc.meta
    counts = Counter(c.rule for c in doc.changes)
    changes = page_text("colophon_changes_count", "hans").format(n=len(doc.changes)) + "，".join(f"{r} {n}" for r, n in counts.items())
    lines = [
        ("colophon_source", m.get("source_note", ""), False),  # English, as written
        ("colophon_source_url", m.get("source_url", ""), False),
        ("colophon_official_url", m.get("official_url", ""), False),
        ("colophon_archived_url", m.get("archived_url", ""), False),
        ("colophon_mirror_published", m.get("mirror_published", ""), True),
        ("colophon_encoding", m.get("encoding", ""), True),
        ("colophon_changes", changes, True),
        ("colophon_traditional", TEXTS["colophon_traditional_note"].format(opencc=BY_CODE[v].opencc) if BY_CODE[v].opencc else "", True),
        ("colophon_edition_date", edition_date, True),
        ("colophon_edition", edition_label(doc, v), False),
        ("colophon_attachments", "、".join(f"{doc.slug}.{x}" for x in ATTACHED), False),
        ("colophon_licence", m.get("licence", ""), True),
    ]
    return [(page_text(key, v), in_variant(value, v) if convert else value) for key, value, convert in lines if value]
