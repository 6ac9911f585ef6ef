"""Wrong characters per 10,000 in the Traditional edition of the 13 State Council reports, and the converter's speed.

Method. The reports (tests/data/national/) are normalised by the pipeline to their canonical Simplified text and
converted paragraph by paragraph, as a build does, by "before" (OpenCC s2tw over the whole paragraph with the
override phrases it had, bench/data/s2t-overrides-before.tsv: the converter before word boundaries) and "after" (zhpub's ``to_traditional``). Only a
one-to-many character can come out wrong: a Simplified character that OpenCC's own character table (STCharacters)
maps to more than one Traditional character (发 -> 發 or 髮). Every occurrence of one is judged, by reading:

- where the two converters differ, the occurrence in context (bench/data/convert_accuracy_answers.tsv);
- where they agree, inside a word of two or more characters (as the converter cuts it): the word's Traditional form,
  read once for all its occurrences (bench/data/convert_word_review.tsv: word, form, "ok" or the right form);
- where they agree on a character standing as a word of its own (干, 只, 系: the neighbours decide), the occurrence
  in context (the answers file again).

The figure is the wrong characters per 10,000 Han characters of the reports, for each converter. A seeded sample of the
occurrences of each one-to-many character, also read in context (answers file), gives an estimate of its own and checks
the word review: a word form right in most places but wrong in some would show there. It is drawn from the Simplified
text (so the same whatever the converters do) round by round: for each round of held-out files (the rN- of a file's
name; files without one are round 1) and for the national reports as one set, a fresh random.Random(seed) draws up to
--per-char occurrences of each character, characters in code-point order, from that round's files in the run. A
round's draws therefore depend on its own files only: adding a round never moves (and so never un-reviews) an earlier
round's, and `--held-out 'rN-*'` draws exactly the occurrences that the run over all rounds draws in round N (a glob
over part of a round draws that part's own sample).
Speed: both converters over the 13 reports' paragraphs, fastest of --repeat runs, MB of UTF-8 Simplified text per
second, dictionaries loaded before timing. The shipped Zhenjiang report's changed characters are listed to read too.

    .venv/bin/python bench/convert_accuracy.py            # figures; fails if something is not reviewed yet
    .venv/bin/python bench/convert_accuracy.py --missing  # what needs reviewing: occurrences, then word forms
    .venv/bin/python bench/convert_accuracy.py --held-out [GLOB]  # the same on bench/data/heldout/ (SOURCES.tsv): text
                      # the converter was not tuned on, its own answers and word forms; GLOB 'r2-*' for round 2 only
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import opencc

from zhpub.pipeline import normalise_text
from zhpub.text.convert import _SHARE, _custom_converter, _word_converter, to_traditional

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "tests" / "data" / "national").glob("national-*.txt"))
HELD_OUT_DIR = ROOT / "bench" / "data" / "heldout"
HELD_OUT_ANSWERS = ROOT / "bench" / "data" / "convert_heldout_answers.tsv"
HELD_OUT_WORDS = ROOT / "bench" / "data" / "convert_heldout_words.tsv"  # forms not in WORDS
ZHENJIANG = ROOT / "content" / "zhenjiang-2022" / "source.txt"
ANSWERS = ROOT / "bench" / "data" / "convert_accuracy_answers.tsv"
WORDS = ROOT / "bench" / "data" / "convert_word_review.tsv"
CONTEXT = 8  # Simplified characters either side that identify an occurrence in the answer file
NAMES = ("before", "after")


def one_to_many() -> dict[str, str]:
    """Simplified character -> its Traditional candidates, from OpenCC's installed character table."""
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


def paragraphs(reports: list[Path]) -> list[tuple[str, str]]:
    """(report year, or the file's name for held-out text; paragraph of canonical Simplified text)."""
    out = []
    for path in reports:
        text = normalise_text(path.read_bytes(), str(path)).text
        year = path.stem.split("-")[1] if path.stem.startswith("national-") else path.stem
        out += [(year, line) for line in text.split("\n") if line.strip()]
    return out


def _before_overrides() -> tuple[tuple[str, str], ...]:
    lines = (ROOT / "bench" / "data" / "s2t-overrides-before.tsv").read_text(encoding="utf-8").splitlines()
    return tuple(sorted(tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#")))


def before(text: str) -> str:
    return _custom_converter("s2tw", _before_overrides()).convert(text)


def after(text: str) -> str:
    return to_traditional(text, "hant")


def occurrence(para: str, i: int) -> str:
    return para[max(0, i - CONTEXT) : i] + "[" + para[i] + "]" + para[i + 1 : i + 1 + CONTEXT]


def read_tsv(path: Path) -> dict[tuple[str, str], str]:
    found = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                a, b, verdict = line.split("\t")[:3]
                found[(a, b)] = verdict
    return found


def sample_round(name: str) -> str:
    """The held-out round a file belongs to, from its name (r12-national-1959 -> r12; round 1's files have no prefix)."""
    prefix = name.split("-")[0]
    return prefix if re.fullmatch(r"r[0-9]+", prefix) else "r1"


def han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def zhenjiang_changes() -> list[str]:
    text = normalise_text(ZHENJIANG.read_bytes(), str(ZHENJIANG)).text
    out = []
    for para in text.split("\n"):
        old, new = before(para), after(para)
        out += [f"{occurrence(para, i)} {old[i]} -> {new[i]}" for i in range(len(para)) if old[i] != new[i]]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-char", type=int, default=8, help="sampled occurrences per one-to-many character")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=3, help="speed runs; the fastest counts")
    parser.add_argument("--missing", action="store_true", help="print what is not reviewed yet, and stop")
    parser.add_argument("--held-out", nargs="?", const="*.txt", metavar="GLOB",
                        help="bench/data/heldout/ (the files matching GLOB) instead of the national reports")
    args = parser.parse_args()
    reports, answers_file, words_files = REPORTS, ANSWERS, (WORDS,)
    if args.held_out:
        reports = sorted(HELD_OUT_DIR.glob(args.held_out))
        answers_file, words_files = HELD_OUT_ANSWERS, (WORDS, HELD_OUT_WORDS)

    table = one_to_many()
    paras = paragraphs(reports)
    converted = {"before": [before(p) for _, p in paras], "after": [after(p) for _, p in paras]}
    answers, word_review = read_tsv(answers_file), {k: v for f in words_files for k, v in read_tsv(f).items()}
    words = _word_converter("hant")
    missing_occurrences: dict[str, None] = {}
    missing_words: collections.Counter[tuple[str, str]] = collections.Counter()

    def answer(k: int, i: int) -> str | None:
        year, para = paras[k]
        right = answers.get((year, occurrence(para, i)))
        if right is None:
            line = f"{year}\t{occurrence(para, i)}\t{converted['after'][k][i]}\t(before: {converted['before'][k][i]})"
            missing_occurrences[line] = None
        return right

    wrong = {name: [] for name in NAMES}
    counts = collections.Counter()
    judged: dict[tuple[int, int], bool] = {}
    han_chars = 0
    for k, (year, para) in enumerate(paras):
        han_chars += sum(map(han, para))
        start = 0
        for unit in words.units(para):
            form = converted["after"][k][start : start + len(unit)]
            for i in range(start, start + len(unit)):
                if para[i] not in table:
                    continue
                counts["one-to-many"] += 1
                if converted["before"][k][i] != converted["after"][k][i]:
                    counts["changed"] += 1
                    right = answer(k, i)
                    verdicts = {name: right and converted[name][k][i] in right.split("|") for name in NAMES}
                elif len(unit) == 1:
                    counts["word of its own"] += 1
                    right = answer(k, i)
                    verdicts = dict.fromkeys(NAMES, right and converted["after"][k][i] in right.split("|"))
                else:
                    counts["in a reviewed word"] += 1
                    verdict = word_review.get((unit, form))
                    if verdict is None:
                        missing_words[(unit, form)] += 1
                    ok = verdict == "ok" or (verdict is not None and verdict[i - start] == form[i - start])
                    verdicts = dict.fromkeys(NAMES, ok)
                judged[(k, i)] = bool(verdicts["after"])
                for name in NAMES:
                    if not verdicts[name]:
                        wrong[name].append(f"{year} {occurrence(para, i)} {converted[name][k][i]}")
            start += len(unit)

    # the seeded sample: drawn round by round from all occurrences of each character, whatever the converters make
    # of them, so that adding a round's files leaves every other round's draws where they were
    occurrences: dict[tuple[str, str], list[tuple[int, int]]] = collections.defaultdict(list)
    for k, (file, para) in enumerate(paras):
        group = sample_round(file) if args.held_out else "national"
        for i, char in enumerate(para):
            if char in table:
                occurrences[(group, char)].append((k, i))
    sample = []
    for group in sorted({group for group, _ in occurrences}):
        rng = random.Random(args.seed)
        for key in sorted(key for key in occurrences if key[0] == group):
            sample += sorted(rng.sample(occurrences[key], min(args.per_char, len(occurrences[key]))))
    sample_key = {(k, i): key for key, places in occurrences.items() for k, i in places}
    sample_wrong = {name: collections.Counter() for name in NAMES}
    disagreements = []
    for k, i in sample:
        right = answer(k, i)
        if right is None:
            continue
        for name in NAMES:
            if converted[name][k][i] not in right.split("|"):
                sample_wrong[name][sample_key[(k, i)]] += 1
        if (converted["after"][k][i] in right.split("|")) == (judged[(k, i)] is False):
            disagreements.append(f"{paras[k][0]} {occurrence(paras[k][1], i)}: in context {right}, "
                                 f"judged {'right' if judged[(k, i)] else 'wrong'}")
    sample_sizes = collections.Counter(sample_key[place] for place in sample)

    if args.missing or missing_occurrences or missing_words:
        print("\n".join(missing_occurrences))
        print("\n".join(f"{unit}\t{form}\t?\t({n} occurrences)" for (unit, form), n in sorted(missing_words.items())))
        if not args.missing:
            sys.exit(f"{len(missing_occurrences)} occurrences ({answers_file.name}) and {len(missing_words)} word "
                     f"forms ({words_files[-1].name}) are not reviewed yet: --missing lists them")
        return

    print(f"{len(reports)} reports, {len(paras)} paragraphs, {han_chars} Han characters; {len(table)} one-to-many "
          f"characters in OpenCC's table, {counts['one-to-many']} occurrences in the reports, every one judged:")
    print(f"  {counts['changed']} where the converters differ, read in context; {counts['word of its own']} standing "
          f"as a word of their own, read in context; {counts['in a reviewed word']} inside {len(word_review)} reviewed "
          "word forms")
    for name in NAMES:
        print(f"{name}: {len(wrong[name])} wrong characters, {len(wrong[name]) / han_chars * 1e4:.2f} per 10,000 Han "
              "characters")
    rounds = len({group for group, _ in occurrences})
    drawn = f"each of {rounds} rounds" if args.held_out and rounds > 1 else "its round" if args.held_out else "the reports"
    print(f"seeded sample (seed {args.seed}, up to {args.per_char} of each character's occurrences in {drawn}, "
          f"{len(sample)} read in context), as an estimate on its own:")
    for name in NAMES:
        estimate = sum(len(occurrences[key]) * n / sample_sizes[key] for key, n in sample_wrong[name].items())
        by_char = collections.Counter()
        for (_, char), n in sample_wrong[name].items():
            by_char[char] += n
        print(f"  {name}: about {estimate:.1f} wrong characters, {estimate / han_chars * 1e4:.2f} per 10,000 "
              f"({sum(by_char.values())} wrong in the sample: {dict(sorted(by_char.items()))})")
    print(f"  {len(disagreements)} sampled occurrences where reading in context and the judgment above disagree")
    for line in disagreements:
        print(f"  {line}")
    for name in NAMES:
        for line in wrong[name]:
            print(f"  wrong {name}: {line}")
    if args.held_out:
        return
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
