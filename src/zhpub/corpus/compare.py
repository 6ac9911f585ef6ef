"""Year-to-year comparison of two consecutive reports of a series.

Parts, then the sections of each matched pair of parts, are aligned best pairs first (difflib ratio of headings,
character-bigram overlap of contents), so a section a report moved is still found; each aligned pair is diffed
sentence by sentence, keeping paragraph breaks, and, inside a replaced sentence, character by character (difflib;
Chinese has no spaces between words, so a character is the smallest unit the mark can carry without a segmenter).
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
SHARED_MIN = 4  # characters: the shortest wording a sentence without a counterpart is marked as sharing (两个字 are chance)
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
    def body_paragraphs(self) -> list[str]:
        return [p.text["hans"] for p in self.paragraphs]

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


def similarity(a: Unit, b: Unit, own: bool = False) -> float:
    """0.4 × heading likeness + 0.6 × bigram overlap of all the text under the unit (``own``: of its own paragraphs
    only, for a part whose sections are aligned on their own)."""
    strip = lambda h: re.sub(r"^[（(]?[一二三四五六七八九十]+[、）)]|\d{4}年", "", h)  # numbers and years differ every year
    heading = difflib.SequenceMatcher(None, strip(a.heading), strip(b.heading), autojunk=False).ratio()
    ba, bb = (_bigrams(a.body), _bigrams(b.body)) if own else (_bigrams(a.content), _bigrams(b.content))
    content = len(ba & bb) / len(ba | bb) if ba | bb else 0.0
    return 0.4 * heading + 0.6 * content


def align(a: list[Unit], b: list[Unit], own: bool = False) -> list[tuple[Unit | None, Unit | None, float]]:
    """Best pairs first (reports reorder their sections: 2025 moved consumption to the front), each unit used
    once, pairs below the threshold left unmatched; listed in the later report's order, a dropped unit after the
    unit it followed."""
    scored = sorted(((similarity(x, y, own), i, j) for i, x in enumerate(a) for j, y in enumerate(b)), key=lambda t: (-t[0], t[1], t[2]))
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
    op: str  # equal | insert | delete | shared-before | shared-after (wording of one side the other text has elsewhere)
    text: str


@dataclass(frozen=True)
class SentenceChange:
    op: str  # equal | insert | delete | replace
    before: str
    after: str
    marks: tuple[Piece, ...] = ()  # for replace: the characters kept, added and dropped
    new_paragraph: tuple[bool, bool] = (False, False)  # the sentence opens a paragraph (before, after)

    def side(self, which: str) -> list[Piece]:
        """One side's pieces ("before" or "after"), each equal (the other text has it too), delete or insert."""
        text = self.before if which == "before" else self.after
        own, other = ("delete", "after") if which == "before" else ("insert", "before")
        if not text:
            return []
        if not self.marks:
            return [Piece("equal" if self.op == "equal" else own, text)]
        keep = {"equal", own, f"shared-{which}"}
        return [Piece("equal" if p.op.startswith("shared") else p.op, p.text) for p in self.marks if p.op in keep]


def diff_text(before: str | list[str], after: str | list[str]) -> list[SentenceChange]:
    """Sentence-level diff of two texts (or two lists of paragraphs, whose breaks are kept on the changes); a
    replaced run is paired sentence by sentence and marked character by character."""
    a, fa = _split(before)
    b, fb = _split(after)
    out: list[SentenceChange] = []

    def change(op: str, i: int | None, j: int | None, marks: tuple[Piece, ...] = ()) -> SentenceChange:
        return SentenceChange(op, a[i] if i is not None else "", b[j] if j is not None else "", marks,
                              (i is not None and fa[i], j is not None and fb[j]))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out += [change("equal", i, j) for i, j in zip(range(i1, i2), range(j1, j2))]
        elif op == "delete":
            out += [change("delete", i, None) for i in range(i1, i2)]
        elif op == "insert":
            out += [change("insert", None, j) for j in range(j1, j2)]
        else:
            for i, j in _pair_sentences(a, b, range(i1, i2), range(j1, j2)):
                out.append(change("replace", i, j, tuple(char_marks(a[i], b[j]))) if i is not None and j is not None
                           else change("delete" if j is None else "insert", i, j))
    return _mark_shared(out, "".join(a), "".join(b))


def _mark_shared(changes: list[SentenceChange], before: str, after: str) -> list[SentenceChange]:
    """Wording a sentence shares with the other text outside its counterpart (a clause moved to another sentence,
    a phrase reworded around it) is marked kept, not added or dropped: the characters covered by a run of
    SHARED_MIN characters that the other text also has. Linear: a set of each text's n-grams."""
    grams = {"delete": _grams(after), "insert": _grams(before)}
    shared = {"delete": "shared-before", "insert": "shared-after"}
    out = []
    for c in changes:
        if c.op in ("delete", "insert"):
            text = c.before if c.op == "delete" else c.after
            c = SentenceChange(c.op, c.before, c.after, tuple(_shared(text, grams[c.op], c.op, shared[c.op])), c.new_paragraph)
        elif c.op == "replace":
            marks = []
            for piece in c.marks:
                marks += _shared(piece.text, grams[piece.op], piece.op, shared[piece.op]) if piece.op in grams else [piece]
            c = SentenceChange(c.op, c.before, c.after, tuple(marks), c.new_paragraph)
        out.append(c)
    return out


def _grams(text: str) -> set[str]:
    return {text[i : i + SHARED_MIN] for i in range(len(text) - SHARED_MIN + 1)}


def _shared(text: str, grams: set[str], op: str, kept_op: str) -> list[Piece]:
    kept = [False] * len(text)
    for i in range(len(text) - SHARED_MIN + 1):
        if text[i : i + SHARED_MIN] in grams:
            kept[i : i + SHARED_MIN] = [True] * SHARED_MIN
    pieces: list[Piece] = []
    for k, ch in enumerate(text):
        kind = kept_op if kept[k] else op
        if pieces and pieces[-1].op == kind:
            pieces[-1] = Piece(kind, pieces[-1].text + ch)
        else:
            pieces.append(Piece(kind, ch))
    return pieces


def _split(text: str | list[str]) -> tuple[list[str], list[bool]]:
    """(sentences, whether each opens a paragraph)."""
    paragraphs = [text] if isinstance(text, str) else text
    out, starts = [], []
    for paragraph in paragraphs:
        for k, sentence in enumerate(sentences(paragraph)):
            out.append(sentence)
            starts.append(k == 0)
    return out, starts


def _pair_sentences(a: list[str], b: list[str], ia: range, ib: range) -> list[tuple[int | None, int | None]]:
    """A replaced run: each earlier sentence paired with the first later one it resembles (ratio ≥ 0.5), in order;
    (i, None) dropped, (None, j) added."""
    out: list[tuple[int | None, int | None]] = []
    j = ib.start
    for i in ia:
        ratios = []
        for k in range(j, ib.stop):
            matcher = difflib.SequenceMatcher(None, a[i], b[k], autojunk=False)
            if matcher.real_quick_ratio() >= 0.5 and matcher.quick_ratio() >= 0.5:  # cheap upper bounds first
                ratios.append((matcher.ratio(), k))
        ratio, k = max(ratios, default=(0.0, -1))
        if ratio >= 0.5:
            out += [(None, t) for t in range(j, k)]
            out.append((i, k))
            j = k + 1
        else:
            out.append((i, None))
    out += [(None, t) for t in range(j, ib.stop)]
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
    def diff(a: Unit | None, b: Unit | None) -> list[SentenceChange]:
        return diff_text(a.body_paragraphs if a else [], b.body_paragraphs if b else [])

    pairs: list[SectionPair] = []
    for pa, pb, score in align(units(before, 1), units(after, 1)):
        pairs.append(SectionPair(pa, pb, score, diff(pa, pb)))
        if pa and pb:  # the sections of matched parts, aligned in turn
            for sa, sb, s in align(units(before, 2, pa.block.id), units(after, 2, pb.block.id)):
                pairs.append(SectionPair(sa, sb, s, diff(sa, sb)))
    return Comparison(before, after, pairs, summarise(before, after))
