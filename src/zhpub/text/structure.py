"""Structure: the canonical text (one block per paragraph) into title block, parts, sections, paragraphs, ids.

Numbering is the document's own: 一、 starts part N (id ``sN``), （M） starts section M of the current part
(``sN-M``), and paragraphs count from 1 inside their part or section (``sN-pK``, ``sN-M-pK``). Lines before the
salutation or the first part form the title block; paragraphs before part one are ``intro-pK``.

Reports of the genre vary, so the parser reads what a block *is*, not where one report put it:
- an unnumbered head (a short line with no sentence punctuation, such as 2023年工作回顾) is a part when the
  report numbers no parts, else a section of the current part; unnumbered parts count in order (``sN``);
- back matter after the speech (名词解释, 注释, 附件, 附录, 说明, or a numbered list that restarts at 一、, such as
  十件民生实事) is a part of its own with ids that cannot clash with the body's: ``notes`` with one entry per
  paragraph (``notes-N``), ``annex-N`` with its sections and paragraphs (``annex-N-M``, ``annex-N-pK``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .chardata import HAN, HAN_RE
from .chrome import SALUTATION_RE, SPEAKER_RE, SUBTITLE_RE

PART_RE = re.compile(r"^([一二三四五六七八九十]{1,3})、(.+)$")
SECTION_RE = re.compile(r"^（([一二三四五六七八九十]{1,3})）(.+)$")
# A run-in head: a short first sentence that names the paragraph's topic (积极扩大有效投资。).
# At most one comma, at most 18 Han characters: longer first sentences are topic sentences, not heads.
RUN_IN_RE = re.compile(r"^(?:——)?[^。！？：；，]{2,18}(?:，[^。！？：；，]{2,18})?。(?=.)")
RUN_IN_MAX_HAN = 18

# 附件 / 附件一 / 附件2：…; 名词解释; 注释; 说明 — a short heading line of its own.
BACK_MATTER_RE = re.compile(
    r"^(?:(?P<annex>附件|附录|附表)\s*(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})?(?=[\s：:]|$)\s*[：:]?\s*[^。！？]{0,30}"
    r"|(?:名词解释|名词注释|名词解读|注释|注解|说明|注)\s*(?:[：:]\s*[^。！？]{0,30})?)$"
)
BACK_MATTER_MAX = 40
# An unnumbered head: a short line of Han text (digits allowed: 2023年工作回顾) with no sentence punctuation.
UNNUMBERED_HEAD_RE = re.compile(f"^[{HAN}0-9０-９“”《》、·\u3000]{{4,30}}$")
# 1．term：explanation / （1）term：… / ①term：… / 【term】… : an entry of a report's own 名词解释.
NOTE_ENTRY_RE = re.compile(
    r"^(?:[（(]?\d{1,3}[)）．.、]|[①-⑳]|[（(]?[一二三四五六七八九十]{1,3}[)）、])?\s*"
    r"(?:【(?P<bracketed>[^】]{1,24})】|(?P<term>[^：:。，]{1,24})[：:])\s*(?P<explanation>.+)$"
)

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


def _digits(text: str) -> int:
    return int(text) if text.isdigit() else chinese_number(text)


def is_unnumbered_head(chunk: str) -> bool:
    return bool(UNNUMBERED_HEAD_RE.match(chunk)) and not SALUTATION_RE.match(chunk) and len(HAN_RE.findall(chunk)) >= 4


def note_entry(text: str) -> tuple[str, str] | None:
    """(term, explanation) of a 名词解释 entry, or None when the paragraph does not read as one."""
    m = NOTE_ENTRY_RE.match(text)
    if not m:
        return None
    term = (m.group("bracketed") or m.group("term")).strip()
    return (term, m.group("explanation").strip()) if term and not SALUTATION_RE.match(term) else None


def structure(text: str) -> list[RawBlock]:
    chunks: list[tuple[int, str]] = []
    offset = 0
    for chunk in text.split("\n\n"):
        if chunk:
            chunks.append((offset, chunk))
        offset += len(chunk) + 2
    numbered_parts = any(PART_RE.match(c) and len(c) <= 40 for _, c in chunks)

    blocks: list[RawBlock] = []
    in_body = False
    part = 0  # number of the current part (its own, or its place among unnumbered parts)
    part_id = ""  # id of the current part: "s3", "notes", "annex-1"
    section = 0
    parent = "intro"
    counter = 0
    back: str = ""  # "" in the body; "notes" or "annex" in back matter
    annexes = 0
    notes_parts = 0
    title_counts: dict[str, int] = {}

    def open_part(block_id: str, kind_number: str, chunk: str, start: int) -> None:
        nonlocal part_id, parent, counter, section
        part_id, parent, counter, section = block_id, block_id, 0, 0
        blocks.append(RawBlock(block_id, "part", 1, chunk, kind_number, "", "", start))

    def open_back_matter(kind: str, number: str, chunk: str | None, start: int) -> None:
        nonlocal back, annexes, notes_parts, part_id, parent, counter, section
        back = kind
        if kind == "annex":
            annexes = max(annexes + 1, _digits(number) if number else 0)
            block_id = f"annex-{annexes}"
        else:
            notes_parts += 1
            block_id = "notes" if notes_parts == 1 else f"notes{notes_parts}"
        if chunk is None:  # a numbered list with no heading of its own
            part_id, parent, counter, section = block_id, block_id, 0, 0
        else:
            open_part(block_id, number, chunk, start)

    for start, chunk in chunks:
        if not in_body and (SALUTATION_RE.match(chunk) or PART_RE.match(chunk) or len(chunk) > 80):
            in_body = True
        if not in_body:
            kind = "subtitle" if SUBTITLE_RE.match(chunk) else "speaker" if SPEAKER_RE.match(chunk) else "title"
            title_counts[kind] = title_counts.get(kind, 0) + 1
            n = title_counts[kind]
            blocks.append(RawBlock(kind if n == 1 else f"{kind}-{n}", kind, 0, chunk, "", "", "", start))
            continue
        body_started = part > 0 or counter >= 3 or back
        m = BACK_MATTER_RE.match(chunk)
        if m and len(chunk) <= BACK_MATTER_MAX and body_started:
            open_back_matter("annex" if m.group("annex") else "notes", m.group("n") or "", chunk, start)
            continue
        m = PART_RE.match(chunk)
        if m and len(chunk) <= 40:
            number = chinese_number(m.group(1))
            if back:  # a numbered item of an annex
                section, counter = number, 0
                parent = f"{part_id}-{number}"
                blocks.append(RawBlock(parent, "section", 2, chunk, m.group(1), part_id, "", start))
                continue
            if number == 1 and part >= 2:  # the numbering restarts: an appended list (十件民生实事 …)
                last = blocks[-1] if blocks else None
                heading = last if last and last.kind in ("paragraph", "section") and not last.number.strip("0123456789") \
                    and is_unnumbered_head(last.text) else None
                if heading:  # its title stood just before it, taken for a head of the last part
                    blocks.pop()
                    open_back_matter("annex", "", heading.text, heading.offset)
                else:
                    open_back_matter("annex", "", None, start)
                section, counter = number, 0
                parent = f"{part_id}-{number}"
                blocks.append(RawBlock(parent, "section", 2, chunk, m.group(1), part_id, "", start))
                continue
            part = number
            open_part(f"s{part}", m.group(1), chunk, start)
            continue
        m = SECTION_RE.match(chunk)
        if m and len(chunk) <= 80:
            section = chinese_number(m.group(1))
            owner = part_id or f"s{part}"
            parent, counter = f"{owner}-{section}", 0
            blocks.append(RawBlock(parent, "section", 2, chunk, m.group(1), owner, "", start))
            continue
        if not back and is_unnumbered_head(chunk) and not numbered_parts:
            part += 1
            open_part(f"s{part}", "", chunk, start)
            continue
        if not back and is_unnumbered_head(chunk) and part_id:
            section += 1
            parent, counter = f"{part_id}-{section}", 0
            blocks.append(RawBlock(parent, "section", 2, chunk, "", part_id, "", start))
            continue
        counter += 1
        if back == "notes" and parent == part_id:  # an entry of the report's own notes: notes-3
            blocks.append(RawBlock(f"{parent}-{counter}", "paragraph", 3, chunk, str(counter), parent, "", start))
            continue
        kind = "salutation" if SALUTATION_RE.match(chunk) and len(chunk) <= 12 else "paragraph"
        lead = run_in_head(chunk) if kind == "paragraph" else ""
        blocks.append(RawBlock(f"{parent}-p{counter}", kind, 3, chunk, str(counter), parent, lead, start))
    return blocks
