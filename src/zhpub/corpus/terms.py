"""Terms over time (glossary hits per document and year) and candidate terms the glossary lacks.

Candidates are the genre's ways of coining a term: a quoted slogan (“放管服”), a numbered formula (两个确立,
四个意识, 六稳, 三大攻坚战), a name in 《》 (《纲要草案》), and a report's own 名词解释 entries (which come with
their official explanation). They are ranked by how often they occur across the documents.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..knowledge.glossary import Glossary
from ..knowledge.indicators import document_year
from ..model import Document

QUOTED = re.compile(r"“([^“”，。；：]{2,14})”")
TITLED = re.compile(r"《([^《》]{2,30})》")
NUMERAL = "一二两三四五六七八九十"
# 两个确立, 四个意识, 三大攻坚战, 六稳, 六保, 四个全面: a count (not 一: 一个, 一大 are plain words), an optional
# 个/大/项/条, a short head
FORMULA = re.compile(rf"(?<![{NUMERAL}\d第])([二两三四五六七八九十]{{1,2}})(个|大|项|条|张)?([\u4e00-\u9fff]{{1,4}}?)(?=[，。、；：”）\s和与]|$)")
FORMULA_HEADS = re.compile(r"^(?:稳|保|确立|意识|自信|维护|全面|攻坚战|基本|优先|坚持|必须|务必|有利于|统筹|融合|转变|没有变)$")
PLAIN_HEADS = re.compile(r"方面|工作|召开|以上|左右|时期|年|月|日")
GLOSSARY_HEADING = re.compile(r"^(?:附[：:]?\s*)?名词解释$")
GLOSSARY_ENTRY = re.compile(r"^(?:\d+[.．、]\s*)?([^：:]{2,20})[：:](.{4,})$")


@dataclass
class Timeline:
    headword: str
    per_document: dict[str, int] = field(default_factory=dict)  # slug -> Simplified occurrences
    per_year: dict[int, int] = field(default_factory=dict)

    @property
    def first_year(self) -> int | None:
        return min(self.per_year) if self.per_year else None

    @property
    def last_year(self) -> int | None:
        return max(self.per_year) if self.per_year else None


def timelines(glossary: Glossary, docs: list[Document]) -> dict[str, Timeline]:
    out = {t.headword: Timeline(t.headword) for t in glossary.terms}
    for doc in docs:
        year = document_year(doc)
        for hit in doc.glossary_hits:
            if hit.variant != "hans" or hit.term not in out:
                continue
            line = out[hit.term]
            line.per_document[doc.slug] = line.per_document.get(doc.slug, 0) + 1
            if year:
                line.per_year[year] = line.per_year.get(year, 0) + 1
    return out


@dataclass(frozen=True)
class Candidate:
    text: str
    how: str  # quoted | formula | title | explained
    count: int
    documents: tuple[str, ...]
    explanation: str = ""  # from a report's 名词解释


def _formulas(text: str) -> list[str]:
    found = []
    for m in FORMULA.finditer(text):
        count, marker, head = m.groups()
        if marker == "大" and len(count) == 2:  # 十九大, 二十大: a party congress, not a formula
            continue
        if marker and len(head) <= 3 and not PLAIN_HEADS.search(head) or FORMULA_HEADS.match(head):
            found.append(m.group())
    return found


def terms_in(doc: Document) -> list[tuple[str, str]]:
    """(term, how) for every candidate occurrence in a document's paragraphs, in text order."""
    out = []
    for block in doc.blocks:
        if block.kind not in ("paragraph", "part", "section"):
            continue
        text = block.text["hans"]
        out += [(m.group(1), "quoted") for m in QUOTED.finditer(text) if not re.fullmatch(r"[\d.%]+", m.group(1))]
        out += [(m.group(1), "title") for m in TITLED.finditer(text)]
        out += [(f, "formula") for f in _formulas(text)]
    return out


def explained_terms(doc: Document) -> dict[str, str]:
    """A report's own 名词解释: term -> explanation, from the paragraphs after that heading."""
    out: dict[str, str] = {}
    inside = False
    for block in doc.blocks:
        text = block.text["hans"].strip()
        if GLOSSARY_HEADING.match(text):
            inside = True
            continue
        if inside:
            m = GLOSSARY_ENTRY.match(text)
            if not m:
                if block.kind in ("part", "section"):
                    break
                continue
            out[m.group(1).strip("“”")] = m.group(2).strip()
    return out


def candidates(glossary: Glossary, docs: list[Document], minimum: int = 1) -> list[Candidate]:
    """Candidate terms no glossary entry covers, most frequent first (then by text, for a stable order). A term
    found several ways (“四个全面” is quoted and a formula) is one candidate, counted by its most frequent way."""
    known = set()
    for t in glossary.terms:
        known.update((t.headword, *t.aliases))
    counts: dict[str, Counter[str]] = {}
    where: dict[str, set[str]] = {}
    explanations: dict[str, str] = {}
    for doc in docs:
        for term, how in terms_in(doc):
            counts.setdefault(term, Counter())[how] += 1
            where.setdefault(term, set()).add(doc.slug)
        for term, explanation in explained_terms(doc).items():
            explanations.setdefault(term, explanation)
            counts.setdefault(term, Counter())["explained"] += 0
            where.setdefault(term, set()).add(doc.slug)
    out = []
    for term, ways in counts.items():
        if term in known or any(term in k and len(k) - len(term) <= 2 for k in known if len(k) > len(term)):
            continue
        n = max(ways.values())
        if n < minimum and term not in explanations:
            continue
        how = "explained" if term in explanations else "+".join(sorted(w for w in ways if ways[w]))
        out.append(Candidate(term, how, n, tuple(sorted(where[term])), explanations.get(term, "")))
    return sorted(out, key=lambda c: (-c.count, c.text))
