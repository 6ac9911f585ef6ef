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


def residue(text: str) -> list[Finding]:
    found = []
    for rule, pattern, message in CHECKS:
        for m in pattern.finditer(text):
            found.append(Finding(f"residue-{rule}", m.start(), m.end(), m.group(), message))
    return sorted(found, key=lambda f: f.start)
