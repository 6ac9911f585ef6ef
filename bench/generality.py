"""Generality: clean texts (the shipped report's golden text, the US Constitution in Simplified, two fictional
reports) corrupted the way mirrors corrupt them (tests/corrupt.py), then normalised. Reports the character
error rate outside the garbled spans (target < 0.5%) and how many spans were repaired or reported.

    .venv/bin/python bench/generality.py [--seeds N]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import difflib  # noqa: E402

from corrupt import corrupt  # noqa: E402
from test_generality import CLEAN_TEXTS, _strip  # noqa: E402
from zhpub.errors import LineIndex  # noqa: E402
from zhpub.pipeline import build_document  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args()
    print(f"{'text':<22} {'chars':>7} {'CER outside spans':>18} {'spans':>6} {'repaired':>9} {'reported':>9} {'missed':>7}")
    for name in sorted(CLEAN_TEXTS):
        clean = CLEAN_TEXTS[name]()
        chars = errors = spans = repaired = reported = missed = 0
        for seed in range(args.seeds):
            scrape = corrupt(clean, seed=seed, spans=4)
            doc = build_document(name, scrape.text.encode("utf-8"), "x.txt")
            a, a_pos = _strip(clean)
            b, _ = _strip(doc.text("hans"))
            ranges = [(g.clean_start, g.clean_start + len(g.clean)) for g in scrape.garbled]
            touched = [False] * len(ranges)
            for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                if op == "equal":
                    continue
                lo = a_pos[i1] if i1 < len(a_pos) else len(clean)
                hi = a_pos[i2 - 1] + 1 if i2 > i1 else lo
                hit = [k for k, (s, e) in enumerate(ranges) if lo < e and s < max(hi, lo + 1)]
                for k in hit:
                    touched[k] = True
                if not hit:
                    errors += max(i2 - i1, j2 - j1)
            index = LineIndex(scrape.text)
            places = [(p.line, p.column) for p in doc.problems]
            for k, g in enumerate(scrape.garbled):
                spans += 1
                if not touched[k]:
                    repaired += 1
                elif any(index.place(g.start) <= p <= index.place(g.end - 1) for p in places):
                    reported += 1
                else:
                    missed += 1
            chars += len(a)
        print(f"{name:<22} {chars:>7} {errors / chars:>17.3%} {spans:>6} {repaired:>9} {reported:>9} {missed:>7}")


if __name__ == "__main__":
    main()
