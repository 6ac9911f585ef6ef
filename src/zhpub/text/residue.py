"""What must never be published: scan the final text for anything the stages left behind."""

from __future__ import annotations

import re

from ..changes import Finding
from .chardata import ENTITY_RE, HAN, LOWER_PINYIN_LETTERS as LOWER_PINYIN
from .chardata import UNREADABLE_RE as PRIVATE_USE_RE
CHECKS = (
    ("private-use", PRIVATE_USE_RE, "private-use or replacement character (mojibake)"),
    ("question-mark", re.compile(r"\?"), "ASCII question mark left in Chinese text (mojibake?)"),
    ("entity", ENTITY_RE, "HTML entity remnant"),
    ("pinyin", re.compile(rf".[(（][{LOWER_PINYIN}]{{1,7}}[)）]"), "pinyin annotation that is not a reading of its character"),
    ("ascii-punctuation", re.compile(rf"(?<=[{HAN}])[,;:!()](?=[{HAN}])"), "ASCII punctuation between Chinese characters"),
)


# One ASCII byte of the trail range (0x40-0x7E) alone between Han characters: a trail byte a misaligned GBK
# decoder left standing (退\ue184h境). Capital letters are left alone: reports grade and name things with them
# (D级危房, A股, B超); a capital trail byte with pinyin after it is caught by the pinyin check.
STRAY_BYTE_RE = re.compile(f"(?<=[{HAN}])[a-z@\\[\\\\\\]^_`{{|}}~](?=[{HAN}])")


PAIRS = {"[": "]", "{": "}"}
CLOSERS = {v: k for k, v in PAIRS.items()}


def _is_paired_bracket(text: str, at: int) -> bool:
    """A bracket whose partner stands on the same line is the text's own ([注释]), not a byte left standing."""
    char = text[at]
    if char in PAIRS:
        return PAIRS[char] in text[at + 1:].partition("\n")[0]  # the rest of its line
    if char in CLOSERS:
        return CLOSERS[char] in text[:at].rpartition("\n")[2]  # its line up to it
    return False


def residue(text: str) -> list[Finding]:
    found = []
    for rule, pattern, message in CHECKS:
        for m in pattern.finditer(text):
            found.append(Finding(f"residue-{rule}", m.start(), m.end(), m.group(), message))
    for m in STRAY_BYTE_RE.finditer(text):
        if _is_paired_bracket(text, m.start()):
            continue
        found.append(Finding("residue-stray-byte", m.start(), m.end(), m.group(),
                             "a single Latin letter or symbol between Chinese characters (a GBK byte left by mojibake?)"))
    return sorted(found, key=lambda f: f.start)
