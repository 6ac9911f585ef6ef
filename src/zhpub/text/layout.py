"""Stages: lines rejoined into paragraphs, then the canonical layout (one block per line, one blank line
between blocks, no stray spaces).

``rejoin_lines`` undoes line breaks that are not paragraph breaks: a scraper that flattens HTML puts a break
around every inline element (``（PM\n2.5\n）``, ``国务院总理　\n李克强``), and a hard-wrapped file cuts every
paragraph at a fixed width. Which breaks are paragraph breaks is read from the document itself: where most
breaks between text lines are blank lines, a single break is inside a paragraph; where paragraphs are one line
each, only a break before a mark that cannot start a paragraph, or at the wrap width, is inside one.

``canonical_layout`` splits a numbered section heading that runs on into its first paragraph, as in
"（一）千方百计挖掘内需潜力，努力保持经济平稳发展。把扩大内需作为……", after the heading sentence, and a
salutation run into the first paragraph ("各位代表：现在，我代表……"), so that each gets its own id.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ..changes import Change, Stage, apply_changes
from .chardata import HAN, HAN_RE

# Spaces of every width (U+2000..U+200A: en, em, thin ...) and zero-width characters: none is text.
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
BLANK = " \t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000" + ZERO_WIDTH
SECTION_RUN_ON_RE = re.compile(r"^（[一二三四五六七八九十]{1,3}）[^。\n]{2,60}。(?P<gap>[ \t\u00a0\u3000]*)(?=[^\n])")
# "各位代表：现在，我代表……": the opening salutation and the first paragraph on one line (a "各位代表！"
# later in the speech opens its paragraph and stays in it).
SALUTATION_RUN_ON_RE = re.compile(r"^各位(?:代表|委员)[^，。：！\n]{0,12}：(?P<gap>[ \t\u00a0\u3000]*)(?=[^\n])")

# Marks that never start a paragraph: what follows a break before one of them continues the line before.
CONTINUES = set("，、。；：？！）》」』】〕”’…%％,.;:?!)]}")
# A line that is a heading or a salutation is a block of its own even without a blank line after it.
HEADING_LINE_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}[部章篇]分?"
    r"|各位(?:代表|委员))"
)
RUN_ONS = (
    ("layout-split-heading", SECTION_RUN_ON_RE, "section heading runs on into its first paragraph"),
    ("layout-split-salutation", SALUTATION_RUN_ON_RE, "salutation runs on into the first paragraph"),
)
# A title block's office without its name, the name alone, a subtitle's start and end.
OFFICE_ONLY_RE = re.compile(r"^(?:国务院)?(?:代理?|常务副|副)?(?:自治[区州县旗])?(?:[市省区县州旗盟]长|主席|主任|书记|总理)$")
NAME_RE = re.compile(f"^[{HAN}·](?:[\u3000 ]?[{HAN}·]){{1,4}}$")
SUBTITLE_START_RE = re.compile(r"^(?:——|—|--|－－)\s*\d{4}年")
SUBTITLE_ENDS = ("上", "上的讲话", "上的报告")
BLANK_SEPARATED_SHARE = 0.25  # of breaks between text lines that are blank lines: above it, single breaks are inline
MIN_BREAKS_FOR_STYLE = 10  # fewer breaks tell nothing about a document's style
WRAP_SHARE = 0.3  # of long lines that end at the same width: above it, the document is hard-wrapped


@dataclass(frozen=True)
class TextLine:
    start: int  # first non-blank character
    end: int  # after the last non-blank character
    text: str
    indent: str = ""  # the blank before it (a hard-wrapped paragraph's first line may be indented)

    @property
    def width(self) -> int:
        """Display width of the whole line, indentation included (what a hard wrap counts)."""
        return display_width(self.indent) + display_width(self.text)


def _text_lines(text: str) -> list[TextLine]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip(BLANK)
        if stripped:
            lead = len(raw) - len(raw.lstrip(BLANK))
            lines.append(TextLine(pos + lead, pos + lead + len(stripped), stripped, raw[:lead]))
        pos += len(raw) + 1
    return lines


def _is_single_break(gap: str) -> bool:
    """A break with no empty line in it (a line holding only zero-width characters is an element, not a gap)."""
    return all(any(c in ZERO_WIDTH for c in line) for line in gap.split("\n")[1:-1])


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap_width(lines: list[TextLine]) -> int | None:
    """The width a hard-wrapped document was cut at, if most long lines end exactly there."""
    widths = [line.width for line in lines if len(line.text) >= 20]
    if len(widths) < MIN_BREAKS_FOR_STYLE:
        return None
    width, count = Counter(widths).most_common(1)[0]
    near = sum(1 for w in widths if width - 2 <= w <= width)
    return width if near >= WRAP_SHARE * len(widths) and count >= 3 else None


def _joins(a: TextLine, b: TextLine, blank_separated: bool, wrap: int | None) -> bool:
    if HEADING_LINE_RE.match(b.text) or (b.text.startswith("——") and a.text != "——"):
        return False  # a heading, a salutation, a subtitle or a dash list item starts a block
    if b.text[0] in CONTINUES:
        return True
    if HEADING_LINE_RE.match(a.text) and (len(a.text) <= 40 or a.text[-1] in "。！？：；"):
        return False
    if blank_separated:
        return True
    # hard wraps: a line that reaches the wrap width goes on, unless the next line is indented (a new paragraph)
    return wrap is not None and a.width >= wrap - 2 and not b.indent.strip(ZERO_WIDTH)


def _join_with(a: str, b: str, gap: str) -> str:
    """What replaces a break inside a paragraph: nothing, or one ideographic space where the source spaced two
    Han words apart (an office and a name, 国务院总理　李强)."""
    spaced = any(c in gap and c not in ZERO_WIDTH for c in BLANK)
    han = all(HAN_RE.match(c) for c in (a[-1], b[0]))
    return "\u3000" if spaced and han else ""


def _title_block_joins(lines: list[TextLine]) -> dict[int, tuple[str, str]]:
    """Breaks inside a title-block entry, even across blank lines: an office alone on its line before the name
    (国务院总理 / 李强), a subtitle cut before the end of its venue (——2031年3月5日在……大会 / 第二次会议上).
    Keyed by the index of the line before the break: (replacement, why)."""
    joins = {}
    for i, (a, b) in enumerate(zip(lines, lines[1:])):
        if HEADING_LINE_RE.match(a.text) or len(a.text) > 60:
            break  # the body has begun
        if OFFICE_ONLY_RE.match(a.text) and NAME_RE.match(b.text):
            joins[i] = ("\u3000", "speaker's office and name on two lines")
        elif SUBTITLE_START_RE.match(a.text) and not a.text.endswith(SUBTITLE_ENDS) and b.text.endswith(SUBTITLE_ENDS) \
                and len(b.text) <= 30 and not b.text.startswith("——"):
            joins[i] = ("", "subtitle on two lines")
    return joins


def rejoin_lines(text: str) -> Stage:
    lines = _text_lines(text)
    gaps = [text[a.end : b.start] for a, b in zip(lines, lines[1:])]
    singles = [_is_single_break(g) for g in gaps]
    blank_separated = len(gaps) >= MIN_BREAKS_FOR_STYLE and singles.count(False) >= BLANK_SEPARATED_SHARE * len(gaps)
    wrap = wrap_width(lines)
    changes = []
    head = _title_block_joins(lines)
    for n, (a, b, gap, single) in enumerate(zip(lines, lines[1:], gaps, singles)):
        if n in head:
            changes.append(Change("layout-rejoin", a.end, b.start, gap, head[n][0], head[n][1]))
        elif single and _joins(a, b, blank_separated, wrap):
            why = "hard-wrapped line" if not blank_separated and b.text[0] not in CONTINUES else "line broken inside a paragraph"
            changes.append(Change("layout-rejoin", a.end, b.start, gap, _join_with(a.text, b.text, gap), why))
    return Stage("rejoin", apply_changes(text, changes), changes)


def canonical_layout(text: str) -> Stage:
    changes: list[Change] = []
    lines = text.split("\n")
    pos = 0
    blocks_started = False
    pending_gap = ""  # newlines and blank lines since the last block line
    gap_start = 0
    for n, line in enumerate(lines):
        end = pos + len(line)
        stripped = line.strip(BLANK)
        if not stripped:
            pending_gap += line + ("\n" if n < len(lines) - 1 else "")
            pos = end + 1
            continue
        # the gap before this block line: nothing at the start, exactly one blank line between blocks
        wanted = "\n\n" if blocks_started else ""
        lead = len(line) - len(line.lstrip(BLANK))
        gap_before = pending_gap + line[:lead]
        if gap_before != wanted:
            changes.append(Change("layout", gap_start, pos + lead, text[gap_start : pos + lead], wanted, "block separation"))
        blocks_started = True
        body_start = pos + lead
        for rule, pattern, why in RUN_ONS:
            m = pattern.match(stripped)
            if m:
                at = body_start + m.start("gap")
                changes.append(Change(rule, at, at + len(m.group("gap")), m.group("gap"), "\n\n", why))
        trail = len(line) - len(line.rstrip(BLANK))
        pending_gap = ""
        gap_start = end - trail
        if trail:
            pending_gap = line[len(line) - trail :]
        if n < len(lines) - 1:
            pending_gap += "\n"
        pos = end + 1
    if pending_gap:
        changes.append(Change("layout", gap_start, len(text), text[gap_start:], "", "trailing blank space"))
    return Stage("layout", apply_changes(text, changes), changes)
