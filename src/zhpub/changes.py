"""The record of what the pipeline changed, and the arithmetic to replay or undo it.

Every text stage is a pure function ``text -> Stage(text, changes)``. A change says which rule fired,
where (offsets into the stage's *input*), what was there and what replaced it, and why. Changes of one
stage never overlap, so the stage's output is exactly ``apply_changes(input, changes)`` and the input is
exactly ``undo_changes(output, changes)``: nothing is lost silently.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple


class Change(NamedTuple):  # a tuple: the pipeline makes ~100k of these per MB
    rule: str
    start: int  # offset in the stage's input text
    end: int
    before: str
    after: str
    note: str = ""


@dataclass
class Stage:
    """What a stage returns: the new text, the changes that produced it, and anything it noticed."""

    name: str
    text: str
    changes: list[Change] = field(default_factory=list)
    findings: list["Finding"] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """Something a stage noticed but could not fix (e.g. an unresolved mojibake span).

    ``start``/``end`` are offsets into the stage's input text.
    """

    rule: str
    start: int
    end: int
    text: str
    message: str
    candidates: tuple[str, ...] = ()  # readings that would resolve it, best first (a curator may accept one)


def replace_spans(text: str, rule: str, spans: Iterable[tuple[int, int, str, str]]) -> list[Change]:
    """Changes for (start, end, replacement, note) spans of text, skipping no-op replacements."""
    return [
        Change(rule, start, end, text[start:end], after, note)
        for start, end, after, note in spans
        if text[start:end] != after
    ]


def _checked(changes: Sequence[Change]) -> Sequence[Change]:
    """The changes in text order; they must not overlap (stages emit them sorted, so this is one pass)."""
    if any(b.start < a.start for a, b in zip(changes, changes[1:])):
        changes = sorted(changes, key=lambda c: (c.start, c.end))
    for a, b in zip(changes, changes[1:]):
        if b.start < a.end:
            raise ValueError(f"overlapping changes: {a} and {b}")
    return changes


def apply_changes(text: str, changes: Sequence[Change]) -> str:
    out: list[str] = []
    pos = 0
    for change in _checked(changes):
        if change.end - change.start != len(change.before) or text[change.start : change.end] != change.before:
            raise ValueError(f"change does not match text at {change.start}: {change}")
        out.append(text[pos : change.start])
        out.append(change.after)
        pos = change.end
    out.append(text[pos:])
    return "".join(out)


def undo_changes(text: str, changes: Sequence[Change]) -> str:
    """The stage input, rebuilt from its output and its changes."""
    out: list[str] = []
    pos = 0  # position in output
    delta = 0  # output offset minus input offset so far
    for change in _checked(changes):
        out_start = change.start + delta
        out_end = out_start + len(change.after)
        if text[out_start:out_end] != change.after:
            raise ValueError(f"output does not contain the change at {out_start}: {change}")
        out.append(text[pos:out_start])
        out.append(change.before)
        pos = out_end
        delta += len(change.after) - len(change.before)
    out.append(text[pos:])
    return "".join(out)


class PositionMap:
    """Maps an offset in a stage's output back to the corresponding offset in its input."""

    def __init__(self, changes: Sequence[Change]):
        self._out_starts: list[int] = []
        self._spans: list[tuple[int, int, int, int]] = []  # (out_start, out_end, in_start, in_end)
        delta = 0
        for change in changes:  # a stage's changes: sorted and checked when the stage applied them
            out_start = change.start + delta
            self._out_starts.append(out_start)
            self._spans.append((out_start, out_start + len(change.after), change.start, change.end))
            delta += len(change.after) - len(change.before)

    def to_input(self, offset: int) -> int:
        i = bisect.bisect_right(self._out_starts, offset) - 1
        if i < 0:
            return offset
        out_start, out_end, in_start, in_end = self._spans[i]
        if offset < out_end:
            return in_start  # inside replaced text: the start of what it replaced
        return in_end + (offset - out_end)

    def to_input_many(self, offsets: Sequence[int]) -> list[int]:
        """``to_input`` for ascending offsets, in one linear sweep."""
        result = []
        i, n = -1, len(self._spans)
        starts = self._out_starts
        for offset in offsets:
            while i + 1 < n and starts[i + 1] <= offset:
                i += 1
            if i < 0:
                result.append(offset)
                continue
            out_start, out_end, in_start, in_end = self._spans[i]
            result.append(in_start if offset < out_end else in_end + (offset - out_end))
        return result
