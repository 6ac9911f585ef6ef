"""Stage: find mojibake, repair what the bytes prove, report the rest.

The mojibake in Chinese mirror copies comes from GBK text decoded one byte out of step: the lead byte of a
character is lost (shown as ``?``), every following pair of bytes straddles two characters (yielding rare
characters, private-use code points, full-width symbols that were later flattened to ASCII), and the last
trail byte stands alone as an ASCII letter. Pinyin annotations inserted by the mirror survive around the span.

    確??諝夂退\ue184h(huán)境     bytes  ?? D59A E2BA CDCB AEAD 68
                                  realigned ?? | BF D5 | 9A E2 | BA CD | CB AE | AD 68  ->  ?空氣和水環

Re-encoding the span and pairing the bytes one step later gives the original characters back. A repair is
applied automatically only when it is proven: every realigned character is a common one, the pinyin after
the stray letter is a reading of the realigned last character, and the lost first character is pinned down
by the pinyin that followed it. Anything else is reported with the realigned reading as a hint, so a curator
can write an erratum. HTML entity remnants (``ldquo;``) are decoded.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass

from ..changes import Change, Finding, Stage, apply_changes
from .convert import to_simplified
from .chardata import ANNOTATION_RE as ANNOTATION_AT_RE
from .chardata import ANNOTATION_REMNANT_RE as REMNANT_RE
from .chardata import ASCII_TO_FULL_WIDTH as FLATTENED
from .chardata import CJK_PUNCTUATION, ENTITY_RE, HAN_RE
from .chardata import LOSS_MARKERS as LOST
from .chardata import UNREADABLE_RE as PRIVATE_USE_RE
from .pinyin import is_reading
MAX_SPAN = 60  # characters; misaligned runs in practice are a few words long


@functools.lru_cache(maxsize=None)
def is_common(char: str) -> bool:
    """A character an ordinary Chinese text uses: its Simplified form is in GB2312, or it is CJK punctuation."""
    if char in CJK_PUNCTUATION:
        return True
    if not HAN_RE.fullmatch(char):
        return False
    try:
        to_simplified(char).encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _gbk_bytes(char: str) -> bytes | None:
    """The two GBK bytes of a character as the misaligned decoder produced it (None if not double-byte)."""
    char = FLATTENED.get(char, char)
    try:
        data = char.encode("gb18030")
    except UnicodeEncodeError:
        return None
    return data if len(data) == 2 else None


@dataclass
class Realignment:
    start: int
    end: int
    text: str  # the realigned text, first character included only if resolved
    lost_first: bool  # the first character could not be pinned down
    hint: str  # human-readable realigned reading, with □ for a lost character


def realign_at(text: str, i: int) -> Realignment | None:
    """Try to read the span starting at a lost-byte marker ``text[i]`` as GBK misaligned by one byte."""
    pos = i + 1
    lost_reading = None
    m = REMNANT_RE.match(text, pos)
    if m:
        lost_reading = m.group()[:-1]
        pos = m.end()
    data = bytearray()
    readings_after: list[tuple[int, str]] = []  # (index of realigned char, pinyin) evidence
    while pos < len(text) and pos - i <= MAX_SPAN:
        char = text[pos]
        if char.isascii() and 0x40 <= ord(char) <= 0x7E and char not in "()":
            data.append(ord(char))  # the stray trail byte closes the span
            pos += 1
            break
        two = _gbk_bytes(char)
        if two is None:
            return None
        data += two
        pos += 1
        m = ANNOTATION_AT_RE.match(text, pos)
        if m:  # an annotation inside the span: skip it, it is the mirror's, not part of the bytes
            pos = m.end()
    else:
        return None
    if len(data) < 3 or len(data) % 2 == 0:
        return None
    try:
        rest = bytes(data[1:]).decode("gbk")
    except UnicodeDecodeError:
        return None
    if len(rest) != (len(data) - 1) // 2 or not all(is_common(c) for c in rest):
        return None
    m = ANNOTATION_AT_RE.match(text, pos)
    if m:
        if not is_reading(rest[-1], m.group(1)):
            return None
        readings_after.append((len(rest), m.group(1)))
        pos = m.end()

    first = None
    if lost_reading:
        candidates = set()
        for lead in range(0x81, 0xFF):
            try:
                char = bytes([lead, data[0]]).decode("gbk")
            except UnicodeDecodeError:
                continue
            if is_reading(char, lost_reading):
                candidates.add(char)
        if len(candidates) == 1:
            first = candidates.pop()
    if first:
        return Realignment(i, pos, first + rest, False, first + rest)
    return Realignment(i, pos, rest, True, "□" + rest)


def _looks_garbled(span: str) -> bool:
    """The original (misaligned) reading of a span has something no clean text has."""
    return bool(PRIVATE_USE_RE.search(span)) or any(
        not is_common(c) for c in span if not c.isascii()
    ) or bool(re.search(r"[A-Za-z]\(", span))


def repair_mojibake(text: str) -> Stage:
    changes: list[Change] = []
    findings: list[Finding] = []
    covered = 0
    for m in re.finditer(rf"[{LOST}]+", text):
        if m.start() < covered:
            continue
        # The first "?" is the lost byte; a second one is a flattened "？" inside the misaligned pairs.
        r = realign_at(text, m.start()) if m.end() - m.start() <= 2 else None
        if r and _looks_garbled(text[r.start : r.end]):
            if not r.lost_first:
                changes.append(
                    Change("mojibake-realign", r.start, r.end, text[r.start : r.end], r.text,
                           "GBK bytes misaligned by one; realigned and confirmed by the pinyin around the span")
                )
            else:
                findings.append(Finding("mojibake", r.start, r.end, text[r.start : r.end],
                                        f"GBK bytes misaligned by one: the span reads “{r.hint}” once realigned, "
                                        "but its first character is lost"))
            covered = r.end
            continue
        end = _garbled_extent(text, m.start(), m.end())
        if _is_question_mark(text, m.start(), m.end()):
            continue
        findings.append(Finding("mojibake", m.start(), end, text[m.start() : end], "unreadable characters"))
        covered = end

    for m in PRIVATE_USE_RE.finditer(text):
        if not any(f.start <= m.start() < f.end for f in findings) and not any(
            c.start <= m.start() < c.end for c in changes
        ):
            findings.append(Finding("mojibake", m.start(), m.end(), m.group(), "private-use character"))

    for m in ENTITY_RE.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in changes):
            continue
        name = m.group(1)
        decoded = html.unescape(f"&{name};")
        if decoded != f"&{name};" and _next_to_cjk(text, m.start(), m.end()):
            changes.append(Change("entity-remnant", m.start(), m.end(), m.group(), decoded,
                                  f"HTML entity &{name}; left as text by the scraper"))
    changes.sort(key=lambda c: c.start)
    return Stage("mojibake", apply_changes(text, changes), changes, sorted(findings, key=lambda f: f.start))


def _next_to_cjk(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 1) : start] + text[end : end + 1]
    return any(not c.isascii() for c in around) or start == 0


def _garbled_extent(text: str, start: int, end: int) -> int:
    """Extend an unreadable run over following rare or private-use characters and entity remnants."""
    pos = end
    while pos < len(text):
        m = ENTITY_RE.match(text, pos)
        if m:
            pos = m.end()
            continue
        c = text[pos]
        if c in LOST or PRIVATE_USE_RE.match(c) or (HAN_RE.match(c) and not is_common(c)):
            pos += 1
            continue
        break
    return pos


def _is_question_mark(text: str, start: int, end: int) -> bool:
    """A single "?" after a sentence, with ordinary text around it: a flattened "？", not mojibake."""
    if end - start != 1 or text[start] != "?":
        return False
    before, after = text[max(0, start - 4) : start], text[end : end + 4]
    return bool(before) and HAN_RE.match(before[-1]) is not None and all(
        is_common(c) or c.isascii() or c.isspace() for c in before + after
    ) and not REMNANT_RE.match(text, end)
