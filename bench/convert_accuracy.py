"""Wrong characters per 10,000 in the Traditional edition of the 13 State Council reports, and the converter's speed.

Method. The reports (tests/data/national/) are normalised by the pipeline to their canonical Simplified text and
converted paragraph by paragraph, as a build does. Only a one-to-many character can come out wrong: a Simplified
character that OpenCC's own character table (STCharacters) maps to more than one Traditional character (发 -> 發 or
髮). For each such character, a seeded sample of its occurrences (up to --per-char, drawn with random.Random(seed)
from all its occurrences in the 13 reports) is compared with the answer file bench/data/convert_accuracy_answers.tsv,
where each sampled occurrence has the right Traditional character (Taiwan standard), written by reading it in context.
A character's wrong rate in its sample times its number of occurrences estimates its wrong characters; their sum
over all one-to-many characters, per 10,000 Han characters of the reports, is the figure. "before" is OpenCC s2tw
over the whole paragraph with the project's override phrases (the converter before word boundaries); "after" is
zhpub's ``to_traditional``. Speed: both converters over the 13 reports' paragraphs, fastest of --repeat runs, MB of
UTF-8 Simplified text per second (dictionaries loaded before timing).

    .venv/bin/python bench/convert_accuracy.py            # figures; fails if a sampled occurrence has no answer
    .venv/bin/python bench/convert_accuracy.py --missing  # the sampled occurrences that need an answer, to review
"""

from __future__ import annotations

import argparse
import collections
import random
import sys
import time
from pathlib import Path

from zhpub.pipeline import normalise_text
from zhpub.text.convert import _SHARE, _custom_converter, overrides, to_traditional

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "tests" / "data" / "national").glob("national-*.txt"))
ZHENJIANG = ROOT / "content" / "zhenjiang-2022" / "source.txt"
ANSWERS = ROOT / "bench" / "data" / "convert_accuracy_answers.tsv"
CONTEXT = 8  # Simplified characters either side that identify an occurrence in the answer file


def one_to_many() -> dict[str, str]:
    """Simplified character -> its Traditional candidates, from OpenCC's installed character table."""
    import subprocess

    import opencc

    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    dumped = subprocess.run(
        [str(tool), "-i", str(_SHARE / "STCharacters.ocd2"), "-o", "/dev/stdout", "-f", "ocd2", "-t", "text"],
        check=True, capture_output=True,
    ).stdout.decode("utf-8")
    table = {}
    for line in dumped.splitlines():
        char, candidates = line.split("\t")
        if len(candidates.split(" ")) > 1:
            table[char] = candidates.replace(" ", "")
    return table


def paragraphs() -> list[tuple[str, str]]:
    """(report year, paragraph of canonical Simplified text)."""
    out = []
    for path in REPORTS:
        text = normalise_text(path.read_bytes(), str(path)).text
        year = path.stem.split("-")[1]
        out += [(year, line) for line in text.split("\n") if line.strip()]
    return out


def zhenjiang_changes() -> list[str]:
    """The shipped Zhenjiang report's characters that the two converters give differently (to read too)."""
    text = normalise_text(ZHENJIANG.read_bytes(), str(ZHENJIANG)).text
    out = []
    for para in text.split("\n"):
        old, new = before(para), after(para)
        out += [f"{occurrence('zhenjiang', para, i)} {old[i]} -> {new[i]}" for i in range(len(para)) if old[i] != new[i]]
    return out


def before(text: str) -> str:
    return _custom_converter("s2tw", tuple(sorted(overrides().items()))).convert(text)


def after(text: str) -> str:
    return to_traditional(text, "hant")


def read_answers() -> dict[tuple[str, str], str]:
    answers = {}
    if ANSWERS.exists():
        for line in ANSWERS.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                year, context, right = line.split("\t")[:3]
                answers[(year, context)] = right
    return answers


def han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def occurrence(year: str, para: str, i: int) -> str:
    return para[max(0, i - CONTEXT) : i] + "[" + para[i] + "]" + para[i + 1 : i + 1 + CONTEXT]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-char", type=int, default=8, help="sampled occurrences per one-to-many character")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3, help="speed runs; the fastest counts")
    parser.add_argument("--missing", action="store_true", help="print occurrences with no answer, and stop")
    args = parser.parse_args()

    table = one_to_many()
    paras = paragraphs()
    converted = {"before": [before(p) for _, p in paras], "after": [after(p) for _, p in paras]}
    answers = read_answers()
    missing: list[str] = []

    def judge(k: int, i: int) -> dict[str, bool] | None:
        """Whether each converter has the right character at paragraph k, position i (None: no answer yet)."""
        year, para = paras[k]
        right = answers.get((year, occurrence(year, para, i)))
        if right is None:
            missing.append(f"{year}\t{occurrence(year, para, i)}\t{converted['after'][k][i]}\t{converted['before'][k][i]}")
            return None
        return {name: converted[name][k][i] in right.split("|") for name in converted}

    # every place where the two converters differ is read (exhaustive); elsewhere a sample of each character
    changed: list[tuple[int, int]] = []
    agreeing: dict[str, list[tuple[int, int]]] = collections.defaultdict(list)
    han_chars = 0
    for k, (year, para) in enumerate(paras):
        for i, char in enumerate(para):
            han_chars += han(char)
            if converted["before"][k][i] != converted["after"][k][i]:
                changed.append((k, i))
            elif char in table:
                agreeing[char].append((k, i))
    changed_verdicts = [(k, i, judge(k, i)) for k, i in changed]
    rng = random.Random(args.seed)
    rows = []
    for char in sorted(agreeing):
        found = agreeing[char]
        sample = sorted(rng.sample(found, min(args.per_char, len(found))))
        verdicts = [(k, i, judge(k, i)) for k, i in sample]
        rows.append((char, len(found), verdicts))
    if args.missing or missing:
        print("\n".join(missing))
        if not args.missing:
            sys.exit(f"{len(missing)} occurrences have no answer in {ANSWERS}: review them (--missing)")
        return

    names = ("before", "after")
    print(f"{len(REPORTS)} reports, {len(paras)} paragraphs, {han_chars} Han characters, "
          f"{len(table)} one-to-many characters in OpenCC's table")
    print(f"changed by the new converter: {len(changed)} characters, all read: "
          + ", ".join(f"{name} right at {sum(v[name] for _, _, v in changed_verdicts)}" for name in names))
    sampled = sum(len(v) for _, _, v in rows)
    print(f"unchanged one-to-many occurrences: {sum(n for _, n, _ in rows)} of {len(rows)} characters; "
          f"sample up to {args.per_char} per character (seed {args.seed}): {sampled} read")
    estimate = {name: float(sum(not v[name] for _, _, v in changed_verdicts)) for name in names}
    print(f"{'char':4} {'unchanged':>9} {'sample':>6} {'wrong in sample':>15}")
    for char, count, verdicts in rows:
        wrong = sum(not v["after"] for _, _, v in verdicts)  # before == after on these
        for name in names:
            estimate[name] += count * wrong / len(verdicts)
        if wrong:
            print(f"{char:4} {count:9} {len(verdicts):6} {wrong:15}")
    for name in names:
        print(f"{name}: about {estimate[name]:.1f} wrong characters, {estimate[name] / han_chars * 1e4:.2f} per 10,000 "
              "Han characters")
    for k, i, verdict in changed_verdicts:
        for name in names:
            if not verdict[name]:
                print(f"  wrong {name}: {paras[k][0]} {occurrence(*paras[k], i)} {converted[name][k][i]}")
    for char, _, verdicts in rows:
        for k, i, verdict in verdicts:
            if not verdict["after"]:
                print(f"  wrong in both (sample): {paras[k][0]} {occurrence(*paras[k], i)} {converted['after'][k][i]}")

    print(f"Zhenjiang 2022 (shipped): {len(zj := zhenjiang_changes())} characters changed" + "".join(f"\n  {c}" for c in zj))
    size_mb = sum(len(p.encode("utf-8")) for _, p in paras) / 1e6
    for name, convert in (("before", before), ("after", after)):
        best = min(_timed(convert, paras) for _ in range(args.repeat))
        print(f"speed {name}: {size_mb / best:.2f} MB/s ({size_mb:.2f} MB in {best:.2f} s)")


def _timed(convert, paras) -> float:
    start = time.perf_counter()
    for _, para in paras:
        convert(para)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
