"""Estimate the mutation score from a random sample of the mutants, when the full run (`make mutation`) is too
long for the time at hand (4 500 mutants at 2–15 s each on two cores is two to three hours).

The sample is stratified: the same fraction of each module's mutants, drawn with a fixed seed from the sorted
names, so a module's figure means the same thing in every run and the total weighs modules as the full run does.
Killing the survivors of one sample and then measuring that same sample again overstates the gain (the tests were
written against exactly those mutants); measure "after" on a fresh seed.

    .venv/bin/python bench/mutation_sample.py --fraction 0.2 --seed 1   # generate, run the sample, print the table
    .venv/bin/python bench/mutation_sample.py --fraction 0.2 --seed 1 --no-run   # the table of a sample run before

The score is mutation_score.py's: killed (and timed out) over killed + survived + no test; the 95 % interval is
Wilson's, for the sample as a draw from the module's mutants.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

ROOT = Path(__file__).resolve().parents[1]


def mutant_names(root: Path) -> dict[str, list[str]]:
    """Every mutant's name by module, from the .meta files mutmut writes when it generates the mutants."""
    by_module = {}
    for meta in sorted((root / "mutants" / "src").rglob("*.py.meta")):
        names = sorted(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
        if names:
            by_module[meta.relative_to(root / "mutants" / "src").as_posix().removesuffix(".meta")] = names
    return by_module


def stratified_sample(by_module: dict[str, list[str]], fraction: float, seed: int) -> dict[str, list[str]]:
    """The first ``fraction`` of each module's mutants in one seeded shuffle: a smaller fraction of the same seed is
    part of a larger one, so a run cut short for time still leaves a sample of every module."""
    sample = {}
    for module, names in by_module.items():
        order = names[:]
        random.Random(f"{seed}:{module}").shuffle(order)
        sample[module] = sorted(order[:max(1, round(fraction * len(names)))])
    return sample


def results(root: Path) -> dict[str, int | None]:
    codes = {}
    for meta in (root / "mutants" / "src").rglob("*.py.meta"):
        codes.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return codes


def wilson(killed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return (0.0, 0.0)
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def table(sample: dict[str, list[str]], codes: dict[str, int | None], mutants_per_module: dict[str, int]) -> str:
    lines = [f"{'module':30} {'mutants':>7} {'sample':>6} {'killed':>6} {'survived':>8} {'no test':>7} {'unrun':>5} "
             f"{'score':>6}  95 % interval"]
    total: Counter = Counter()
    survivors = []
    for module, names in sample.items():
        counts = Counter(status_by_exit_code[codes.get(n)] for n in names)
        total.update(counts)
        survivors += [n for n in names if status_by_exit_code[codes.get(n)] in ("survived", "no tests")]
        lines.append(row(module, mutants_per_module[module], len(names), counts))
    lines.append(row("total", sum(mutants_per_module.values()), sum(map(len, sample.values())), total))
    lines.append("")
    lines.append("survivors and mutants no test reaches (`mutmut show NAME` prints the change):")
    lines += [f"  {n}" for n in survivors]
    return "\n".join(lines)


def row(name: str, mutants: int, drawn: int, counts: Counter) -> str:
    killed = counts["killed"] + counts["timeout"]
    judged = killed + counts["survived"] + counts["no tests"]
    score = f"{100 * killed / judged:.1f}%" if judged else "-"
    low, high = wilson(killed, judged)
    interval = f"{100 * low:.1f}–{100 * high:.1f}%" if judged else ""
    return (f"{name:30} {mutants:7} {drawn:6} {killed:6} {counts['survived']:8} {counts['no tests']:7} "
            f"{counts['not checked']:5} {score:>6}  {interval}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fraction", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-run", action="store_true", help="only print the table of results already in mutants/")
    parser.add_argument("--max-children", type=int, default=2)
    args = parser.parse_args()
    mutmut = [str(Path(sys.executable).with_name("mutmut"))]
    by_module = mutant_names(ROOT)
    if not by_module:
        if args.no_run:
            print("no mutants/ here: run without --no-run first", file=sys.stderr)
            return 1
        # generate the mutants and the test stats by running one mutant (a name that matches nothing is refused)
        subprocess.run(["nice", "-n", "19"] + mutmut + ["run", "zhpub.text.residue.x_residue__mutmut_1"], cwd=ROOT,
                       check=True)
        by_module = mutant_names(ROOT)
    sample = stratified_sample(by_module, args.fraction, args.seed)
    if not args.no_run:
        done = results(ROOT)
        names = [n for names in sample.values() for n in names if done.get(n) is None]  # a result is kept
        subprocess.run(["nice", "-n", "19"] + mutmut + ["run", "--max-children", str(args.max_children)] + names,
                       cwd=ROOT, check=True)
    print(f"sample: {args.fraction:.0%} of each module's mutants, seed {args.seed}")
    print(table(sample, results(ROOT), {m: len(n) for m, n in by_module.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
