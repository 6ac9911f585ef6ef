"""Stage: drop the pinyin that mirror sites insert after characters, e.g. 鎮(zhèn)江 -> 鎮江.

An annotation is removed only when the pinyin is a valid reading of the character before it, in either script
(pypinyin's heteronyms of the character and of its Simplified and Traditional counterparts: pypinyin lists only
jī for 績 while 绩 is jì; unmarked pinyin counts as the neutral tone of a reading, as in 們(men)). Anything else in
parentheses stays: real parentheses such as 药品(耗材) or (一), and pinyin after a non-Han letter, which is
evidence for the mojibake stage.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, pinyin

from ..changes import Change, Stage, apply_changes
from .chardata import ANNOTATION_RE, HAN_RE
from .convert import to_simplified, to_traditional

__all__ = ["ANNOTATION_RE", "drop_annotations", "is_reading", "plain", "readings"]


def plain(syllable: str) -> str:
    """A syllable without tone marks, lower case (ü kept)."""
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    stripped = "".join(c for c in decomposed if c not in "\u0300\u0301\u0304\u030c")
    return unicodedata.normalize("NFC", stripped)


@functools.lru_cache(maxsize=None)
def _own_readings(char: str) -> frozenset[str]:
    found = pinyin(char, style=Style.TONE, heteronym=True, errors="ignore")
    return frozenset(found[0]) if found else frozenset()


@functools.lru_cache(maxsize=None)
def readings(char: str) -> frozenset[str]:
    """Every reading of a Han character or of its Simplified/Traditional counterparts, with tone marks (empty
    for anything else). A mirror annotates the Traditional character with the reading of the Simplified one
    it converted from, and pypinyin's lists of the two differ (績: jī; 绩: jì)."""
    if not HAN_RE.fullmatch(char):
        return frozenset()
    forms = {char}
    for form in (to_simplified(char), to_traditional(char, "hant")):
        if len(form) == 1 and HAN_RE.fullmatch(form):
            forms.add(form)
    return frozenset().union(*(_own_readings(form) for form in sorted(forms)))


@functools.lru_cache(maxsize=65536)
def is_reading(char: str, syllable: str) -> bool:
    syllable = unicodedata.normalize("NFC", syllable.lower()).replace("v", "ü")
    known = readings(char)
    if syllable in known:
        return True
    if syllable == plain(syllable):  # no tone mark: neutral tone of any reading
        return syllable in {plain(r) for r in known}
    return False


def drop_annotations(text: str) -> Stage:
    changes = []
    for m in ANNOTATION_RE.finditer(text):
        if m.start() == 0:
            continue
        char = text[m.start() - 1]
        if is_reading(char, m.group(1)):
            changes.append(Change("pinyin-annotation", m.start(), m.end(), m.group(), "", f"{m.group(1)} is a reading of {char}"))
    return Stage("pinyin", apply_changes(text, changes), changes)
