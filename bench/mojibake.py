"""Mojibake reconstruction on spans made by the mirror's real byte mechanism (tests/corrupt.py: naive
bytes.replace on GBK, the mirror's decoder), over clean national reports and several seeds.

    .venv/bin/python bench/mojibake.py [--seeds 1 2 3] [--files national-2019.txt ...]

For every garbled run (characters the mirror's decoder did not read from exactly one page character, with
the page characters they stand for, tracked byte by byte through the generator): exact (applied automatically and
right), ranked first (reported, the right reading first), reported (reported, right reading not first),
wrong (applied automatically and wrong), missed (neither reconstructed nor with a lost-character marker).
It also prints the margins between the first two readings, split by whether the first was right, which is what
DECISIVE_MARGIN in zhpub.text.mojibake is chosen from.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from corrupt import mirror_scrape  # noqa: E402

from zhpub.text.chardata import ANNOTATION_RE, FULL_WIDTH_TO_ASCII, PINYIN_LETTERS, UNREADABLE_RE  # noqa: E402
from zhpub.text.mojibake import DECISIVE_MARGIN, find_reconstructions  # noqa: E402

VERBOSE = False
NATIONAL = ROOT / "tests" / "data" / "national"
if not NATIONAL.exists():
    NATIONAL = Path("/work/shared/input/national")


def normal(text: str) -> str:
    """Compare readings without the mirror's annotations, entities and punctuation width."""
    text = html.unescape(ANNOTATION_RE.sub("", text))
    text = re.sub(f"\\([{PINYIN_LETTERS}]*$", "", text)  # an annotation the span boundary cut in two
    return "".join(FULL_WIDTH_TO_ASCII.get(c, c) for c in text)


def evaluate(clean: str, seed: int, stats: dict, margins: list) -> None:
    scrape = mirror_scrape(clean, seed)
    text = scrape.text
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    recs = find_reconstructions(text)
    judged: set[int] = set()
    for run in scrape.runs:
        at, end = starts[run.line] + run.start, starts[run.line] + run.end
        rec = next((r for r in recs if r.start < end and at < r.end), None)
        if rec is None:
            span = text[at:end]
            marked = any(c in "?\ufffd" for c in span) or UNREADABLE_RE.search(span)
            stats["reported" if marked else "missed"] += 1
            if VERBOSE:
                print(f"  {'unreconstructed' if marked else 'MISSED'}: {text[max(0, at - 4):end + 4]!r} "
                      f"(truth {run.truth!r})", file=sys.stderr)
            continue
        if id(rec) in judged:
            continue  # one reconstruction covers several runs
        judged.add(id(rec))
        truth = normal(scrape.truth(rec.start, rec.end))
        first_right = normal(rec.candidates[0][0]) == truth
        if len(rec.candidates) > 1:
            margins.append((rec.candidates[0][1] - rec.candidates[1][1], first_right))
        if rec.applied:
            stats["exact" if first_right else "wrong"] += 1
            if not first_right:
                print(f"  wrong: {text[max(0, rec.start - 8):rec.end + 4]!r} -> {rec.candidates[0][0]!r}, "
                      f"truth {truth!r}", file=sys.stderr)
        elif first_right:
            stats["ranked first"] += 1
        else:
            stats["reported"] += 1
            if VERBOSE:
                print(f"  reported: {text[max(0, rec.start - 4):rec.end + 4]!r} truth {truth!r} "
                      f"first {[c for c, _ in rec.candidates[:3]]}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--files", nargs="+", default=None)
    parser.add_argument("-v", "--verbose", action="store_true", help="print each span not reconstructed")
    args = parser.parse_args()
    global VERBOSE
    VERBOSE = args.verbose
    files = [NATIONAL / f for f in args.files] if args.files else sorted(NATIONAL.glob("national-*.txt"))
    stats = {k: 0 for k in ("exact", "ranked first", "reported", "wrong", "missed")}
    margins: list[tuple[float, bool]] = []
    began = time.perf_counter()
    for path in files:
        clean = path.read_text(encoding="utf-8")
        for seed in args.seeds:
            evaluate(clean, seed, stats, margins)
    total = sum(stats.values())
    print(f"{len(files)} report(s) x seeds {args.seeds}: {total} garbled runs in {time.perf_counter() - began:.0f} s")
    for key, n in stats.items():
        print(f"  {key:13} {n:5}  {100 * n / max(1, total):5.1f} %")
    good = stats["exact"] + stats["ranked first"]
    print(f"  exact or right reading first: {100 * good / max(1, total):.1f} %  (DECISIVE_MARGIN {DECISIVE_MARGIN})")
    wrong_margins = sorted((m for m, right in margins if not right), reverse=True)
    print(f"  margins where the first reading is wrong, largest: {[round(m, 1) for m in wrong_margins[:5]]}")
    right = sorted(m for m, r in margins if r)
    for threshold in (2, 4, 6, 8, 10, 12):
        print(f"  margin >= {threshold:2}: right {sum(m >= threshold for m in right):4}, "
              f"wrong {sum(m >= threshold for m in wrong_margins):3}")


if __name__ == "__main__":
    main()
