"""Stage: the canonical layout. One block per line, blocks separated by one blank line, no stray spaces.

A numbered section heading that runs on into its first paragraph, as in
"（一）千方百计挖掘内需潜力，努力保持经济平稳发展。把扩大内需作为……", is split after the heading sentence so
that the heading and the paragraph get their own ids.
"""

from __future__ import annotations

import re

from ..changes import Change, Stage, apply_changes

BLANK = " \t\u00a0\u3000\u200b\ufeff"
SECTION_RUN_ON_RE = re.compile(r"^（[一二三四五六七八九十]{1,3}）[^。\n]{2,60}。(?P<gap>[ \t\u00a0\u3000]*)(?=[^\n])")


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
        m = SECTION_RUN_ON_RE.match(stripped)
        if m:
            at = body_start + m.start("gap")
            changes.append(Change("layout-split-heading", at, at + len(m.group("gap")), m.group("gap"), "\n\n",
                                  "section heading runs on into its first paragraph"))
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
