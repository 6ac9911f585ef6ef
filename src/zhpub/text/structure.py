"""Structure: the canonical text (one block per paragraph) into title block, parts, sections, paragraphs, ids.

Numbering is the document's own: 一、 starts part N (id ``sN``), （M） starts section M of the current part
(``sN-M``), and paragraphs count from 1 inside their part or section (``sN-pK``, ``sN-M-pK``). Lines before the
salutation or the first part form the title block; paragraphs before part one are ``intro-pK``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chrome import SALUTATION_RE, SPEAKER_RE, SUBTITLE_RE

PART_RE = re.compile(r"^([一二三四五六七八九十]{1,3})、(.+)$")
SECTION_RE = re.compile(r"^（([一二三四五六七八九十]{1,3})）(.+)$")
# A run-in head: a short first sentence that names the paragraph's topic (积极扩大有效投资。).
# At most one comma, at most 18 Han characters: longer first sentences are topic sentences, not heads.
RUN_IN_RE = re.compile(r"^(?:——)?[^。！？：；，]{2,18}(?:，[^。！？：；，]{2,18})?。(?=.)")
RUN_IN_MAX_HAN = 18

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


def chinese_number(text: str) -> int:
    """一 .. 九十九 as an int."""
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0)
    return _DIGITS[text]


@dataclass
class RawBlock:
    id: str
    kind: str
    level: int
    text: str
    number: str
    parent: str
    lead: str
    offset: int  # offset of the block in the canonical text


def run_in_head(text: str) -> str:
    m = RUN_IN_RE.match(text)
    if not m:
        return ""
    han = sum(1 for c in m.group() if "\u4e00" <= c <= "\u9fff")
    return m.group() if han <= RUN_IN_MAX_HAN else ""


def structure(text: str) -> list[RawBlock]:
    blocks: list[RawBlock] = []
    offset = 0
    in_body = False
    part = 0
    parent = "intro"
    counter = 0
    title_counts: dict[str, int] = {}
    for chunk in text.split("\n\n"):
        start = offset
        offset += len(chunk) + 2
        if not chunk:
            continue
        if not in_body and (SALUTATION_RE.match(chunk) or PART_RE.match(chunk) or len(chunk) > 80):
            in_body = True
        if not in_body:
            kind = "subtitle" if SUBTITLE_RE.match(chunk) else "speaker" if SPEAKER_RE.match(chunk) else "title"
            title_counts[kind] = title_counts.get(kind, 0) + 1
            n = title_counts[kind]
            blocks.append(RawBlock(kind if n == 1 else f"{kind}-{n}", kind, 0, chunk, "", "", "", start))
            continue
        m = PART_RE.match(chunk)
        if m and len(chunk) <= 40:
            part = chinese_number(m.group(1))
            parent, counter = f"s{part}", 0
            blocks.append(RawBlock(parent, "part", 1, chunk, m.group(1), "", "", start))
            continue
        m = SECTION_RE.match(chunk)
        if m and len(chunk) <= 80:
            parent, counter = f"s{part}-{chinese_number(m.group(1))}", 0
            blocks.append(RawBlock(parent, "section", 2, chunk, m.group(1), f"s{part}", "", start))
            continue
        counter += 1
        kind = "salutation" if SALUTATION_RE.match(chunk) and len(chunk) <= 12 else "paragraph"
        lead = run_in_head(chunk) if kind == "paragraph" else ""
        blocks.append(RawBlock(f"{parent}-p{counter}", kind, 3, chunk, str(counter), parent, lead, start))
    return blocks
