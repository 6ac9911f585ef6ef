"""Stage: the canonical text is Simplified. Convert the mirror's Traditional with OpenCC (tw2s).

The mirror's Traditional is a naive character map of a Simplified original, with Simplified leftovers (低于,
示范); converting everything to Simplified removes both kinds of noise at once. Each changed run of
characters is recorded.
"""

from __future__ import annotations

import difflib

from ..changes import Change, Stage, apply_changes
from .convert import to_simplified


def to_canonical_simplified(text: str) -> Stage:
    converted = to_simplified(text)
    changes = diff_changes(text, converted, "traditional-to-simplified", "Traditional character, Simplified original")
    return Stage("script", converted, changes)


def diff_changes(before: str, after: str, rule: str, note: str) -> list[Change]:
    """The changes that turn ``before`` into ``after``, one per run of differing characters."""
    changes = []
    if len(before) == len(after):
        differ = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
        run_start = None
        for k, i in enumerate(differ):
            if run_start is None:
                run_start = i
            if k + 1 == len(differ) or differ[k + 1] != i + 1:
                changes.append(Change(rule, run_start, i + 1, before[run_start : i + 1], after[run_start : i + 1], note))
                run_start = None
    else:
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                changes.append(Change(rule, i1, i2, before[i1:i2], after[j1:j2], note))
    assert apply_changes(before, changes) == after
    return changes
