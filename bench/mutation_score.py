"""The mutation score per module, from the results `mutmut run` left in mutants/ (`make mutation` runs both).

Score = killed / (all mutants that were run or had no test): a mutant no fast test reaches counts as survived,
since nothing would catch that change. Timeouts count as killed (mutmut's convention: the mutant hung the code)
but are listed apart: on a loaded machine a slow test can time out too.

    .venv/bin/python bench/mutation_score.py [PROJECT]  # table per module and the total
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT  # a project folder where `mutmut run` ran
    metas = sorted((root / "mutants" / "src").rglob("*.py.meta"))
    if not metas:
        print("no results in mutants/: run `make mutation` first", file=sys.stderr)
        return 1
    total: Counter = Counter()
    print(f"{'module':36} {'mutants':>7} {'killed':>6} {'timeout':>7} {'survived':>8} {'no test':>7} {'unrun':>5} {'score':>6}")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        counts = Counter(status_by_exit_code[c] for c in codes.values())
        total.update(counts)
        print(row(meta.relative_to(root / "mutants" / "src").as_posix().removesuffix(".meta"), len(codes), counts))
    print(row("total", sum(total.values()), total))
    return 0


def row(name: str, n: int, counts: Counter) -> str:
    killed = counts["killed"] + counts["timeout"]
    judged = killed + counts["survived"] + counts["no tests"]
    score = f"{100 * killed / judged:.1f}%" if judged else "-"
    return (f"{name:36} {n:7} {counts['killed']:6} {counts['timeout']:7} {counts['survived']:8} {counts['no tests']:7} "
            f"{counts['not checked']:5} {score:>6}")


if __name__ == "__main__":
    sys.exit(main())
