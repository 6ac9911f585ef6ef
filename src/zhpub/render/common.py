"""What every renderer shares: labels in both scripts (data/labels.yaml), citation labels, glossary runs in text.

No HTML here: the templates (templates.py) write all of it."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from markupsafe import escape

from ..text.convert import to_traditional
from ..knowledge.glossary import GlossaryHit, Term
from ..knowledge.indicators import Indicator
from ..model import LANG_TAGS, Block, Document
from ..variants import CANONICAL


def _load_labels() -> dict:
    import yaml

    return yaml.safe_load(resources.files("zhpub").joinpath("data/labels.yaml").read_text(encoding="utf-8"))


_LABELS = _load_labels()
LABELS: dict[str, str] = _LABELS["labels"]
TEXTS: dict[str, str | list[str]] = _LABELS["texts"]
RULE_EXPLANATIONS: dict[str, str] = _LABELS["rules"]


@functools.lru_cache(maxsize=None)
def label(key: str, variant: str) -> str:
    return in_variant(LABELS[key], variant)


def in_variant(text: str, variant: str) -> str:
    """zhpub's own Simplified prose in the variant's script (each derived edition by its own converter)."""
    return text if variant == CANONICAL or not text else to_traditional(text, variant)


def pick(texts: dict[str, str], variant: str) -> str:
    """A text given per script by hand ({hans: …, hant: …}): the variant's own, else derived from the Simplified
    (an on-request edition such as hk is never written by hand)."""
    return texts[variant] if variant in texts else in_variant(texts[CANONICAL], variant)


def indicator_name(ind: Indicator, variant: str) -> str:
    """What an indicator measures, in the variant's script (the model keeps hans and hant; others derived)."""
    return {"hans": ind.name, "hant": ind.name_hant}.get(variant) or in_variant(ind.name, variant)


def indicator_phrase(doc: Document, ind: Indicator, variant: str) -> str:
    """The words of the report the indicator was read from, in the variant's script: its span of the block's text
    in that script (every edition has the Simplified's offsets: conversion keeps lengths), as phrase_hant is."""
    if variant in ("hans", "hant"):
        return ind.phrase if variant == "hans" else ind.phrase_hant
    text, canonical = doc.block(ind.block).text[variant], doc.block(ind.block).text[CANONICAL]
    if len(text) == len(canonical) and canonical[ind.start : ind.end] == ind.phrase:
        return text[ind.start : ind.end]
    return in_variant(ind.phrase, variant)


def term_headword(term: Term, variant: str) -> str:
    """A glossary term as the variant writes it: the headword, its curated Traditional (hant), or for another
    Traditional edition the headword by that edition's converter, unless the curated Traditional corrects the
    converter (then the curated form, which the text has too)."""
    if variant == CANONICAL:
        return term.headword
    if variant == "hant" or term.traditional != to_traditional(term.headword, "hant"):
        return term.traditional
    return to_traditional(term.headword, variant)


def doc_text(doc: Document, text: str, variant: str) -> str:
    """A document's metadata (title, speaker, venue …) in the variant's script, converted as its text is: the
    protected names, and the speaker, who is a person, as names (于洪涛 -> 于洪濤, never 於洪濤)."""
    if variant == CANONICAL or not text:
        return text
    speaker = doc.meta.get("speaker")
    return to_traditional(text, variant, (*doc.names, *([speaker] if isinstance(speaker, str) and speaker else [])))


def meta_text(doc: Document, key: str, variant: str) -> str:
    return doc_text(doc, str(doc.meta.get(key) or ""), variant)


# Rules whose removed text a mirror injected (keyword spam, often obscene): the reading editions (site pages, PDF)
# give each change's place and length instead of the words; corrections.json in the data keeps them, so the source
# still rebuilds exactly from the text and the record.
WITHHELD_RULES = frozenset({"spam", "spam-glued"})


def shown_before(rule: str, before: str, variant: str) -> str:
    """What a reading edition shows of a change's removed text."""
    if rule in WITHHELD_RULES:
        return page_text("withheld_text", variant).format(n=len(before.strip()))
    return before


def page_text(key: str, variant: str):
    """A sentence (or list of sentences) of zhpub's own prose, in the variant's script."""
    text = _page_text(key, variant)
    return list(text) if isinstance(text, tuple) else text


@functools.lru_cache(maxsize=None)  # cite_label asks for the same few once per paragraph it names (the glossary page)
def _page_text(key: str, variant: str) -> str | tuple[str, ...]:
    text = TEXTS[key]
    return tuple(in_variant(t, variant) for t in text) if isinstance(text, list) else in_variant(text, variant)


def esc(text: object) -> str:
    """HTML-escaped text, for the few strings MkDocs' theme prints unescaped (page and nav titles)."""
    return str(escape(str(text)))


def lang(variant: str) -> str:
    return LANG_TAGS[variant]


def cite_label(doc: Document, block: Block, variant: str) -> str:
    """三（二）第4段, 第一部分第2段, 开头第2段: the block's place in the document's own numbering."""
    chain = []
    parent = block.parent if block.kind in ("paragraph", "salutation") else block.id
    while parent and parent != "intro":
        b = doc.block(parent)
        chain.append(b)
        parent = b.parent
    chain.reverse()
    paragraph = label("paragraph_n", variant).format(n=block.number) if block.kind in ("paragraph", "salutation") else ""
    if not chain:
        return label("intro", variant) + paragraph
    if len(chain) == 1:  # a part: 第一部分 (三 alone would not read as a place)
        return page_text("part_n", variant).format(n=chain[0].number) + paragraph
    return chain[0].number + "".join(f"（{b.number}）" for b in chain[1:]) + paragraph


@dataclass(frozen=True)
class Segment:
    """A run of paragraph text; ``term`` when the run is a glossary hit (the templates mark it)."""

    text: str
    term: Term | None = None


def glossary_segments(text: str, hits: Iterable[GlossaryHit], terms: dict[str, Term], offset: int = 0) -> list[Segment]:
    """``text`` cut into plain runs and glossary hits (hit offsets counted from ``offset`` in the block)."""
    out, pos = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        start, end = hit.start - offset, hit.end - offset
        out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], terms[hit.term]))
        pos = end
    out.append(Segment(text[pos:]))
    return out


def paragraph_segments(text: str, lead: str, hits: list[GlossaryHit], terms: dict[str, Term]):
    """(lead runs, rest runs): the paragraph's bold lead sentence and the rest, each with its glossary hits."""
    if not lead:
        return [], glossary_segments(text, hits, terms)
    first = [h for h in hits if h.end <= len(lead)]
    rest = [h for h in hits if h.start >= len(lead)]
    return glossary_segments(lead, first, terms), glossary_segments(text[len(lead):], rest, terms, len(lead))


# Comparisons the figure says by itself: 达到4763亿元 reads as 4763亿元; the others stay (增长5.5%, 超过1200亿元).
SILENT_COMPARISONS = ("达到", "达", "排名", "翻番", "实现", "跃居")


def indicator_value(ind: Indicator, variant: str) -> str:
    """5.5%以上, 1.9∶1, 第3位, 翻番: the figure as a reader says it."""
    if ind.unit == "rank":
        text = f"第{ind.value_text if ind.value_text.isdigit() else ind.value}位"
    elif ind.unit == "ratio":
        text = ind.value_text
    elif ind.unit == "倍" and ind.value_text == "翻番":
        text = "翻番"
    else:
        text = f"{ind.value_text}{ind.unit}"
    hedges = ind.hedge.split("+") if ind.hedge else []
    # the verb, unless the figure says it by itself or the name already does (引进培养大专以上人才)
    if ind.comparison not in SILENT_COMPARISONS and ind.unit != "rank" and not ind.name.startswith(ind.comparison):
        text = ind.comparison.removeprefix("年均").removeprefix("累计").removeprefix("同比") + text
    opening = ("近", "超", "约", "上", "预计", "力争", "力促")  # 上千万: "over", before the figure like 超
    before = "".join(h for h in hedges if h in opening)
    after = "".join(h for h in hedges if h not in opening)
    if "余" in after:  # 3.9万余人: 余 follows the magnitude (万, 亿), not the number
        after = after.replace("余", "")
        magnitude = re.match(r"万亿|亿|万", ind.unit)
        at = text.find(ind.unit) + (len(magnitude.group()) if magnitude else 0)
        text = text[:at] + "余" + text[at:]
    return in_variant(before + text + after, variant)


def ascii_escape_invisible(text: str) -> str:
    """Private-use and control characters shown as \\uXXXX, so a reader sees what the scrape contained."""
    return re.sub(r"[\ue000-\uf8ff\ufffd\u0000-\u0008\u000b-\u001f\u00a0\u200b\ufeff]",
                  lambda m: f"\\u{ord(m.group()):04x}", text).replace("\n", "⏎")
