"""Generality: clean texts (the shipped report's golden text, the US Constitution in Simplified, two fictional
reports) corrupted the way mirrors corrupt them (tests/corrupt.py), then normalised. Reports the character
error rate outside the garbled spans (target < 0.5%) and how many spans were repaired or reported.

Then the 13 national reports (tests/data/national/, an online library's scrapes), clean and corrupted with
several seeds, against what was read off them by hand (tests/data/national/headings.yaml):
- CER outside garbled spans: edits (in characters, spaces ignored) between zhpub's text and the report's own
  text before the library's footer, outside the spans the generator garbled (target <= 0.1 %);
- heading precision and recall: parts and sections with the right level and text (target >= 98 %);
- spans: reconstructed exactly / reported as a problem / wrong (changed, not reported);
- lost characters published: in documents that would be published (no problem left), characters of wrong
  spans plus '?', U+FFFD and private-use characters that the report does not have (target 0).

    .venv/bin/python bench/generality.py [--seeds N] [--national-only]
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


def national(seeds: int) -> None:
    from national import REPORTS, body, compare, heading_scores, raw, unknown_characters

    print(f"\n{'national reports':<22} {'runs':>5} {'chars':>8} {'CER outside':>12} {'head P':>7} {'head R':>7} "
          f"{'spans':>6} {'exact':>6} {'reported':>9} {'wrong':>6} {'lost published':>15} {'refused':>8}")
    for label, seed_list in (("clean", [None]), (f"corrupted ({seeds} seeds)", list(range(seeds)))):
        runs = chars = errors = right = found = expected = spans = exact = reported = wrong = lost = refused = 0
        for name in REPORTS:
            clean, reference = raw(name), body(name)
            for seed in seed_list:
                if seed is None:
                    text, garbled = clean, []
                else:
                    scrape = corrupt(clean, seed=seed, spans=4)
                    text = scrape.text
                    garbled = [g for g in scrape.garbled if g.clean_start + len(g.clean) <= len(reference)]
                doc = build_document(name, text.encode("utf-8"), f"{name}.txt")
                output = doc.text("hans")
                ranges = [(g.clean_start, g.clean_start + len(g.clean)) for g in garbled]
                result = compare(reference, output, ranges)
                r, f, e = heading_scores(doc, name)
                index = LineIndex(text)
                places = [(p.line, p.column) for p in doc.problems]
                for k, g in enumerate(garbled):
                    if not result.touched[k]:
                        exact += 1
                    elif any(index.place(g.start) <= p <= index.place(g.end - 1) for p in places):
                        reported += 1
                    else:
                        wrong += 1
                        if not doc.problems:
                            lost += result.wrong_chars[k]
                if doc.problems:
                    refused += 1
                else:
                    lost += max(0, unknown_characters(output) - unknown_characters(reference))
                runs += 1
                chars += result.chars
                errors += result.errors_outside
                right, found, expected = right + r, found + f, expected + e
                spans += len(garbled)
        print(f"{label:<22} {runs:>5} {chars:>8} {errors / chars:>11.3%} {right / max(found, 1):>7.1%} "
              f"{right / max(expected, 1):>7.1%} {spans:>6} {exact:>6} {reported:>9} {wrong:>6} {lost:>15} {refused:>8}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--national-only", action="store_true", help="only the national reports")
    args = parser.parse_args()
    if not args.national_only:
        fixtures(args.seeds)
    national(args.seeds)


def fixtures(seeds: int) -> None:
    print(f"{'text':<22} {'chars':>7} {'CER outside spans':>18} {'spans':>6} {'repaired':>9} {'reported':>9} {'missed':>7}")
    for name in sorted(CLEAN_TEXTS):
        clean = CLEAN_TEXTS[name]()
        chars = errors = spans = repaired = reported = missed = 0
        for seed in range(seeds):
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
