"""Share of extracted indicator names a reader would accept, on a seeded sample, judged by reading.

Two sets. "national": the 13 shipped State Council reports (content/national-YYYY/, no hand corrections), the
text the naming rules are tuned on. "heldout": the 2026 provincial report parts in bench/data/heldout/*-2026.txt
(SOURCES.tsv), which the rules were never written from; each file is built as a document (year 2026) by the
pipeline, as `zhpub build` would, and its indicators extracted the same way. Rows are what the rules give
(`indicators.extract`), before any hand correction.

Sample. Each row's place (document, block, where its figure ends) is ranked by sha256(seed, place); the --size
lowest ranks of each set are the sample. The rank does not depend on the name, so after a change to the naming
rules the same figures are sampled (a row the rules now drop leaves the sample and the next rank comes in); a rerun
asks only for rows whose (document, block, phrase, name) is not judged yet.

Judging, by reading the sentence (bench/data/indicator_names_answers.tsv): `ok` when the name is the name of what
the figure measures as a reader would accept it in a table of targets and results (a short, plain name is fine;
it need not repeat the sentence's qualifiers); otherwise `no` and the better name, or `no` and `-` when the sentence
gives the figure no name (it is not an indicator one could table). The figure is the share of `ok`, with Wilson's
95 % interval.

    .venv/bin/python bench/indicator_names.py             # figures for both sets; fails if rows are not judged
    .venv/bin/python bench/indicator_names.py --missing   # the rows to judge (lines to complete and append)
    .venv/bin/python bench/indicator_names.py -v          # also every row judged `no`
"""

from __future__ import annotations

import argparse
import hashlib
import math
import sys
from pathlib import Path

from zhpub.content import ContentFolder, load_document
from zhpub.knowledge.indicators import extract
from zhpub.pipeline import build_document

ROOT = Path(__file__).resolve().parents[1]
# the 2026 reports only: round 12's files (r12-national-YEAR.txt) are the State Council's reports of 1959-2005, for the converter
HELD_OUT = sorted((ROOT / "bench" / "data" / "heldout").glob("*-2026.txt"))
ANSWERS = ROOT / "bench" / "data" / "indicator_names_answers.tsv"
CONTEXT = 30  # characters of the sentence either side of the phrase, shown for judging


def national():
    for path in sorted((ROOT / "content").glob("national-*")):
        yield load_document(ContentFolder(path))


def held_out():
    for path in HELD_OUT:
        yield build_document(path.stem, path.read_bytes(), str(path), {"year": 2026})


def rows_of(docs) -> list[tuple[str, str, str, str, str, str]]:
    """(document, block, phrase, name, figure, context) of every row the rules give."""
    out = []
    for doc in docs:
        for r in extract(doc):
            text = doc.block(r.block).text["hans"]
            context = text[max(0, r.start - CONTEXT) : r.start] + "【" + r.phrase + "】" + text[r.end : r.end + CONTEXT]
            out.append((doc.slug, r.block, r.phrase, r.name, f"{r.value_text}{r.unit}", context, r.end))
    return out


def sample(rows, seed: int, size: int):
    def rank(row):
        return hashlib.sha256(f"{seed}\t{row[0]}\t{row[1]}\t{row[6]}\t{row[4]}".encode()).hexdigest()

    return sorted(sorted(rows, key=rank)[:size], key=lambda r: (r[0], r[1], r[6]))


def read_answers() -> dict[tuple[str, str, str, str], tuple[str, str]]:
    found = {}
    if ANSWERS.exists():
        for n, line in enumerate(ANSWERS.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) < 6 or cells[4] not in ("ok", "no"):
                sys.exit(f"{ANSWERS}:{n}: want document, block, phrase, name, ok|no, better name (or -)")
            found[tuple(cells[:4])] = (cells[4], cells[5])
    return found


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if not n:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--size", type=int, default=120, help="rows sampled from each set")
    parser.add_argument("--missing", action="store_true", help="print the rows not judged yet, and stop")
    parser.add_argument("-v", action="store_true", help="list the rows judged `no`")
    parser.add_argument("--set", choices=("national", "heldout"), action="append", help="only this set (repeatable)")
    args = parser.parse_args()
    answers = read_answers()
    missing = []
    figures = []
    for name, docs in (("national", national), ("heldout", held_out)):
        if args.set and name not in args.set:
            continue
        rows = rows_of(docs())
        picked = sample(rows, args.seed, args.size)
        judged = [(r, answers.get(r[:4])) for r in picked]
        missing += ["\t".join((*r[:4], "?", "?", f"# {r[4]} · {r[5]}")) for r, a in judged if a is None]
        figures.append((name, rows, judged))
    if args.missing or missing:
        print("\n".join(missing))
        if not args.missing:
            sys.exit(f"{len(missing)} sampled rows are not judged yet ({ANSWERS.name}): --missing lists them")
        return
    for name, rows, judged in figures:
        ok = sum(a[0] == "ok" for _, a in judged)
        nameless = sum(a == ("no", "-") for _, a in judged)
        low, high = wilson(ok, len(judged))
        print(f"{name}: {len(rows)} rows from {len({r[0] for r in rows})} documents; sample of {len(judged)} (seed "
              f"{args.seed}): {ok} names acceptable = {100 * ok / len(judged):.1f} % (Wilson 95 %: {100 * low:.1f}-"
              f"{100 * high:.1f} %); {len(judged) - ok} not, {nameless} of them with no name in the sentence")
        if args.v:
            for r, a in judged:
                if a[0] == "no":
                    print(f"  {r[0]} {r[1]}: {r[3]!r} -> {a[1]!r} | {r[5]}")


if __name__ == "__main__":
    main()
