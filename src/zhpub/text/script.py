"""Stage: the canonical text is Simplified. Convert the mirror's Traditional with OpenCC (tw2s).

The mirror's Traditional is a naive character map of a Simplified original, with Simplified leftovers (低于,
示范); converting everything to Simplified removes both kinds of noise at once. Each changed run of
characters is recorded.

A text that is Simplified already (a library's copy, the government's own page) is the original, not a mirror's:
there a character Simplified writes too (乾 of 乾县, 昇 of 昇腾, 著 of 显著) is the author's and stays; only a
character no Simplified text has (國, 這) is converted. Which kind a text is, its characters say: the share of
script-specific ones that are Simplified-only is 1.000 in each of the 13 national reports and the 61 held-out
provincial texts, 0.014 in the shipped mirror scrape and 0.001-0.012 in OpenCC's own Traditional test texts.
"""

from __future__ import annotations

import difflib

from ..changes import Change, Stage, apply_changes
from .convert import general_standard_kept, script_classes, to_simplified, written_in_simplified

# Above this share of Simplified-only characters (among the script-specific ones) a text is Simplified: a quote
# or a stray character in the other script does not make it a mirror's Traditional.
SIMPLIFIED_TEXT_SHARE = 0.9


def to_canonical_simplified(text: str) -> Stage:
    converted = to_simplified(text)
    if is_simplified_text(text):
        converted = keep_simplified_forms(text, converted)
    changes = diff_changes(text, converted, "traditional-to-simplified", "Traditional character, Simplified original")
    return Stage("script", converted, changes)


def is_simplified_text(text: str) -> bool:
    classes = script_classes()
    simplified = sum(c in classes.simplified_only for c in text)
    kept = general_standard_kept()  # in the Simplified standard too (苧): no sign of either script
    traditional = sum(c in classes.traditional_only and c not in kept for c in text)
    return simplified > 0 and simplified / (simplified + traditional) > SIMPLIFIED_TEXT_SHARE


def keep_simplified_forms(text: str, converted: str) -> str:
    """``converted`` with every character of ``text`` that Simplified writes too put back as it was written."""
    changes = []
    for change in diff_changes(text, converted, "", ""):
        if len(change.before) == len(change.after):
            change = change._replace(after="".join(
                b if written_in_simplified(b) else a for b, a in zip(change.before, change.after)))
        if change.after != change.before:
            changes.append(change)
    return apply_changes(text, changes)


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
