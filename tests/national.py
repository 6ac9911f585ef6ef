"""The national reports (tests/data/national/) and what was read off them by hand, for tests and the bench.

``headings.yaml`` lists, per report, its headings (level 1 part, level 2 section) and where the furniture after
the speech begins; both were written by reading the reports, not by running zhpub. The scoring here compares
zhpub's output with that reading and with the report's own characters.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

NATIONAL = Path(__file__).resolve().parent / "data" / "national"
READING = yaml.safe_load((NATIONAL / "headings.yaml").read_text(encoding="utf-8"))
REPORTS = sorted(READING)


def raw(name: str) -> str:
    return (NATIONAL / f"{name}.txt").read_text(encoding="utf-8")


def body(name: str) -> str:
    """The report's text as delivered: everything before the furniture that follows the speech, without the
    lines read as furniture (a compiler's note)."""
    text = raw(name)
    text = text[: text.index(READING[name]["footer"])]
    furniture = set(READING[name].get("furniture", ()))
    # blanked, not dropped: offsets into the report (the corruption generator's spans) stay valid
    return "\n".join(" " * len(line) if line.strip() in furniture else line for line in text.split("\n"))


def expected_headings(name: str) -> list[tuple[int, str]]:
    return [(level, text) for level, text in READING[name]["headings"]]


def found_headings(doc) -> list[tuple[int, str]]:
    levels = {"part": 1, "section": 2}
    return [(levels[b.kind], b.text["hans"]) for b in doc.blocks if b.kind in levels]


def heading_scores(doc, name: str) -> tuple[int, int, int]:
    """(right, found, expected): headings zhpub found with the right level and text, of all it found and read."""
    expected, found = Counter(expected_headings(name)), Counter(found_headings(doc))
    return sum((expected & found).values()), sum(found.values()), sum(expected.values())


def visible(text: str) -> tuple[str, list[int]]:
    """The characters that are text (no spaces, no zero-width characters), with their offsets."""
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace() and unicodedata.category(c) != "Cf"]
    return "".join(c for _, c in kept), [i for i, _ in kept]


@dataclass
class Comparison:
    chars: int  # characters of the reference
    errors_outside: int  # edit operations (in characters) outside the garbled spans
    touched: list[bool]  # per span: the output differs from the reference inside it
    wrong_chars: list[int]  # per span: output characters that differ inside it


def compare(reference: str, output: str, spans: list[tuple[int, int]]) -> Comparison:
    """Align output with reference (spaces ignored); count differences outside and inside the given spans."""
    a, a_pos = visible(reference)
    b, _ = visible(output)
    touched = [False] * len(spans)
    wrong = [0] * len(spans)
    errors = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lo = a_pos[i1] if i1 < len(a_pos) else len(reference)
        hi = a_pos[i2 - 1] + 1 if i2 > i1 else lo
        hit = [k for k, (s, e) in enumerate(spans) if lo < e and s < max(hi, lo + 1)]
        for k in hit:
            touched[k] = True
            wrong[k] += j2 - j1
        if not hit:
            errors += max(i2 - i1, j2 - j1)
    return Comparison(len(a), errors, touched, wrong)


def unknown_characters(text: str) -> int:
    """Characters that stand for a lost one: '?'/'？' between Han, U+FFFD, private use."""
    count = 0
    for i, c in enumerate(text):
        if c == "\ufffd" or unicodedata.category(c) == "Co":
            count += 1
        elif c in "?？" and 0 < i < len(text) - 1 and all("\u4e00" <= x <= "\u9fff" for x in (text[i - 1], text[i + 1])):
            count += 1
    return count
