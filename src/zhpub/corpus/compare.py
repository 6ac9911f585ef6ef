"""Year-to-year comparison of two consecutive reports of a series.

Parts and sections are aligned in order (difflib ratio of headings, character-bigram overlap of contents; an
order-keeping alignment, so a section cannot jump over another), then each aligned pair is diffed sentence by
sentence and, inside a replaced sentence, character by character (difflib; Chinese has no spaces between words,
so a character is the smallest unit the mark can carry without a segmenter).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..knowledge.indicators import document_year
from ..model import Block, Document
from .terms import QUOTED, TITLED, _formulas

SENTENCE_END = re.compile(r"(?<=[。！？；])")
PROGRAMME = re.compile(r"(?:计划|工程|行动|战略|试点|专项|改革|示范区|规划|机制|制度)$")
MATCH_THRESHOLD = 0.18  # measured on the national pairs: reworded sections of the same topic score 0.2–0.3


@dataclass
class Unit:
    """A part or section: its own paragraphs (diffed) and all the paragraphs under it (for similarity)."""

    block: Block
    paragraphs: list[Block] = field(default_factory=list)
    under: list[Block] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return self.block.text["hans"]

    @property
    def body(self) -> str:
        return "".join(p.text["hans"] for p in self.paragraphs)

    @property
    def content(self) -> str:
        return "".join(p.text["hans"] for p in self.under)


def units(doc: Document, level: int, parent: str | None = None) -> list[Unit]:
    """Parts (level 1), or the sections (level 2) of one part."""
    out: list[Unit] = []
    current: Unit | None = None
    for b in doc.blocks:
        if b.kind in ("part", "section"):
            if b.level == level and (parent is None or b.parent == parent):
                current = Unit(b)
                out.append(current)
            elif b.level < level:
                current = None
            continue
        if current and b.kind == "paragraph":
            current.under.append(b)
            if b.parent == current.block.id:
                current.paragraphs.append(b)
    return out


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def similarity(a: Unit, b: Unit) -> float:
    strip = lambda h: re.sub(r"^[（(]?[一二三四五六七八九十]+[、）)]|\d{4}年", "", h)  # numbers and years differ every year
    heading = difflib.SequenceMatcher(None, strip(a.heading), strip(b.heading), autojunk=False).ratio()
    ba, bb = _bigrams(a.content), _bigrams(b.content)
    content = len(ba & bb) / len(ba | bb) if ba | bb else 0.0
    return 0.4 * heading + 0.6 * content


def align(a: list[Unit], b: list[Unit]) -> list[tuple[Unit | None, Unit | None, float]]:
    """Best pairs first (reports reorder their sections: 2025 moved consumption to the front), each unit used
    once, pairs below the threshold left unmatched; listed in the later report's order, a dropped unit after the
    unit it followed."""
    scored = sorted(((similarity(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)), key=lambda t: (-t[0], t[1], t[2]))
    match_of_b: dict[int, tuple[int, float]] = {}
    used_a: set[int] = set()
    for score, i, j in scored:
        if score < MATCH_THRESHOLD:
            break
        if i not in used_a and j not in match_of_b:
            used_a.add(i)
            match_of_b[j] = (i, score)
    out: list[tuple[Unit | None, Unit | None, float]] = []
    placed: set[int] = set()
    for j, y in enumerate(b):
        if j in match_of_b:
            i, score = match_of_b[j]
            out.append((a[i], y, score))
            placed.add(i)
            for k in range(i + 1, len(a)):  # dropped units that followed this one
                if k in used_a:
                    break
                if k not in placed:
                    out.append((a[k], None, 0.0))
                    placed.add(k)
        else:
            out.append((None, y, 0.0))
    return [(a[i], None, 0.0) for i in range(len(a)) if i not in placed] + out


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s]


@dataclass(frozen=True)
class Piece:
    op: str  # equal | insert | delete
    text: str


@dataclass(frozen=True)
class SentenceChange:
    op: str  # equal | insert | delete | replace
    before: str
    after: str
    marks: tuple[Piece, ...] = ()  # for replace: the characters kept, added and dropped


def diff_text(before: str, after: str) -> list[SentenceChange]:
    """Sentence-level diff; a replaced run is paired sentence by sentence and marked character by character."""
    a, b = sentences(before), sentences(after)
    out: list[SentenceChange] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [SentenceChange("equal", s, s) for s in a[i1:i2]]
        elif op == "delete":
            out += [SentenceChange("delete", s, "") for s in a[i1:i2]]
        elif op == "insert":
            out += [SentenceChange("insert", "", s) for s in b[j1:j2]]
        else:
            out += _pair_sentences(a[i1:i2], b[j1:j2])
    return out


def _pair_sentences(a: list[str], b: list[str]) -> list[SentenceChange]:
    out, j = [], 0
    for s in a:
        ratios = []
        for k, t in enumerate(b[j:], j):
            matcher = difflib.SequenceMatcher(None, s, t, autojunk=False)
            if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5:  # cheap upper bounds first
                ratios.append((matcher.ratio(), k))
        ratio, k = max(ratios, default=(0.0, -1))
        if ratio >= 0.5:
            out += [SentenceChange("insert", "", t) for t in b[j:k]]
            out.append(SentenceChange("replace", s, b[k], tuple(char_marks(s, b[k]))))
            j = k + 1
        else:
            out.append(SentenceChange("delete", s, ""))
    out += [SentenceChange("insert", "", t) for t in b[j:]]
    return out


def char_marks(before: str, after: str) -> list[Piece]:
    pieces = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(Piece("equal", before[i1:i2]))
        else:
            if i2 > i1:
                pieces.append(Piece("delete", before[i1:i2]))
            if j2 > j1:
                pieces.append(Piece("insert", after[j1:j2]))
    return pieces


@dataclass
class SectionPair:
    before: Unit | None
    after: Unit | None
    score: float
    changes: list[SentenceChange]


@dataclass
class Summary:
    new_terms: list[str]  # glossary terms, quoted slogans and formulas found only in the later report
    dropped_terms: list[str]
    new_programmes: list[str]  # names in 《》 or “” naming a plan, project, campaign … found only in the later report
    dropped_programmes: list[str]


@dataclass
class Comparison:
    before: Document
    after: Document
    sections: list[SectionPair]
    summary: Summary

    @property
    def years(self) -> tuple[int, int]:
        return document_year(self.before), document_year(self.after)


def _term_set(doc: Document) -> tuple[set[str], set[str]]:
    terms, programmes = {h.term for h in doc.glossary_hits if h.variant == "hans"}, set()
    for b in doc.blocks:
        text = b.text["hans"]
        for m in QUOTED.finditer(text):
            (programmes if PROGRAMME.search(m.group(1)) else terms).add(m.group(1))
        for m in TITLED.finditer(text):
            programmes.add(m.group(1))
        terms.update(_formulas(text))
    return terms, programmes


def summarise(before: Document, after: Document) -> Summary:
    ta, pa = _term_set(before)
    tb, pb = _term_set(after)
    return Summary(sorted(tb - ta), sorted(ta - tb), sorted(pb - pa), sorted(pa - pb))


def compare(before: Document, after: Document) -> Comparison:
    pairs: list[SectionPair] = []
    for pa, pb, score in align(units(before, 1), units(after, 1)):
        pairs.append(SectionPair(pa, pb, score, diff_text(pa.body if pa else "", pb.body if pb else "") if (pa or pb) else []))
        if pa and pb:  # the sections of matched parts, aligned in turn
            for sa, sb, s in align(units(before, 2, pa.block.id), units(after, 2, pb.block.id)):
                pairs.append(SectionPair(sa, sb, s, diff_text(sa.body if sa else "", sb.body if sb else "")))
    return Comparison(before, after, pairs, summarise(before, after))
