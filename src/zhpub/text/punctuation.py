"""Stage: ASCII punctuation that a mirror flattened back to full width, where the context is Chinese.

A mark is Chinese when a neighbour (spaces skipped) is a Han character or Chinese punctuation; numbers, times,
percentages, ratios (1.9∶1), decimals and URLs keep their ASCII marks because both neighbours are ASCII.
Parentheses are converted as a pair when what they enclose, or what stands next to them, is Chinese.
"""

from __future__ import annotations

import re

from ..changes import Change, Stage, apply_changes
from .chardata import ASCII_TO_FULL_WIDTH as FULL_WIDTH
from .chardata import CHINESE_CONTEXT_RE as CJK
from .chardata import HAN, HAN_RE

# Words that make a clause a question; a "?" is a question mark only in such a clause (see is_question_mark).
QUESTION_WORDS = re.compile(r"吗|嗎|呢|什么|什麼|怎么|怎麼|怎样|怎樣|如何|为什么|為什麼|为何|為何|哪|谁|誰|多少|是否|难道|難道")
QUESTION_FOLLOWERS = "”’」』）》"


def is_question_mark(text: str, i: int) -> bool:
    """A "?" that is a flattened "？": after a Han character, before Han, a closing mark or the line end, closing
    a clause with a question word. Anything else may be a lost character (年均增?.5%, ?基): it is not converted,
    and the mojibake stage and the residue check report it. Work reports ask few questions; this errs on the
    side of reporting."""
    if text[i] != "?":
        return False
    before, after = text[max(0, i - 1) : i], text[i + 1 : i + 2]
    if not (before and HAN_RE.match(before)):
        return False
    if after and not (after == "\n" or HAN_RE.match(after) or after in QUESTION_FOLLOWERS):
        return False
    clause = re.split(r"[。！？；!;\n]", text[max(0, i - 40) : i])[-1]
    return bool(QUESTION_WORDS.search(clause))


def _neighbour(text: str, i: int, step: int) -> str:
    j = i + step
    while 0 <= j < len(text) and text[j] in " \t\u00a0":
        j += step
    return text[j] if 0 <= j < len(text) and text[j] != "\n" else ""


def _chinese_context(text: str, i: int) -> bool:
    return any(CJK.match(c) for c in (_neighbour(text, i, -1), _neighbour(text, i, 1)) if c)


def fix_punctuation(text: str) -> Stage:
    changes: list[Change] = []
    convert: set[int] = set()

    # Parentheses, as pairs (innermost first), within one line.
    stack: list[int] = []
    for m in re.finditer(r"[()\n]", text):
        i, c = m.start(), m.group()
        if c == "\n":
            stack.clear()
        elif c == "(":
            stack.append(i)
        elif stack:
            j = stack.pop()
            inner = text[j + 1 : i]
            if CJK.search(inner) or _chinese_context(text, j) or _chinese_context(text, i):
                convert.update((j, i))
    for m in re.finditer(r"[,:;?!]", text):
        if m.group() == "?" and not is_question_mark(text, m.start()):
            continue  # possibly a lost character: never made into punctuation
        if _chinese_context(text, m.start()):
            convert.add(m.start())
    for i in sorted(convert):
        changes.append(Change("punctuation", i, i + 1, text[i], FULL_WIDTH[text[i]], "full-width in Chinese text"))

    # "-——": a stray hyphen at a dash; "--" between Chinese words: a flattened dash.
    for m in re.finditer(r"-+(?=——)|(?<=——)-+", text):
        changes.append(Change("punctuation-dash", m.start(), m.end(), m.group(), "", "stray hyphen at a dash"))
    for m in re.finditer(rf"(?<=[{HAN}])--(?=[{HAN}“])", text):
        changes.append(Change("punctuation-dash", m.start(), m.end(), m.group(), "——", "flattened dash"))

    # Straight double quotes in Chinese text, paired within a line.
    for line in re.finditer(r"[^\n]+", text):
        quotes = [m.start() + line.start() for m in re.finditer('"', line.group())]
        if len(quotes) % 2 == 0:
            for opening, closing in zip(quotes[::2], quotes[1::2]):  # a pair turns together: "5G"基站 -> “5G”基站
                if _chinese_context(text, opening) or _chinese_context(text, closing):
                    changes.append(Change("punctuation", opening, opening + 1, '"', "“", "curly quotes in Chinese text"))
                    changes.append(Change("punctuation", closing, closing + 1, '"', "”", "curly quotes in Chinese text"))
    changes.sort(key=lambda c: c.start)
    return Stage("punctuation", apply_changes(text, changes), changes)
