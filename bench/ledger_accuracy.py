"""The shipped national series' target ledger (content/national-YYYY/) against the table read by hand
(tests/data/national-ledger.expected.yaml).

    .venv/bin/python bench/ledger_accuracy.py [-v]

Prints rows found with the right verdict (and the same figure) of all rows; -v lists each wrong row.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_ledger import READING, national_docs, shared  # noqa: E402  (the test's own reading and loader)

from zhpub.corpus.ledger import ledger  # noqa: E402
from zhpub.corpus.measures import load_measures  # noqa: E402
from zhpub.corpus.series import build_corpus, load_series  # noqa: E402


def main() -> None:
    corpus = build_corpus(national_docs(), load_series(ROOT / "corpus" / "series.yaml"))
    rows = ledger(corpus.series["national"], load_measures(ROOT / "corpus" / "measures.yaml"))
    got = {(r.year, r.measure.id): r for r in rows}
    right = 0
    for row in READING:
        found = got.get((row["year"], row["measure"]))
        same = found is not None and found.verdict == row["verdict"]
        for side, text in ((found and found.target, row["target"]), (found and found.result, row["result"])):
            if same and text:
                same = (side is not None and side.indicator.value_text in text and shared(side.indicator.phrase, text) >= 4
                        or side is None and found.said is not None and shared(found.said.sentence, text) >= 8)
            elif same and not text:
                same = side is None
        right += same
        if not same and "-v" in sys.argv:
            print(f"  wrong: {row['year']} {row['measure']}: read {row['verdict']!r}, zhpub {found.verdict if found else None!r}"
                  f" ({found.rule if found else 'no row'})")
    extra = [r for r in rows if (r.year, r.measure.id) not in {(x["year"], x["measure"]) for x in READING}]
    print(f"national ledger: {right}/{len(READING)} rows with the right verdict ({100 * right / len(READING):.1f} %);"
          f" {len(extra)} rows the reading has not (2025 targets pending: {sum(r.verdict == 'pending' for r in extra)})")


if __name__ == "__main__":
    main()
