"""Speed of the conversion to Traditional (MB/s) on the 13 State Council reports, and proof that it gives what the
word-by-word path gives.

Method. The reports (tests/data/national/) are normalised by the pipeline to their canonical Simplified text and
converted paragraph by paragraph, as a build does (``to_traditional`` per block), by:

- ``words``: ``WordConverter.convert_by_words``, jieba over every stretch of the text (the converter as issue 15
  first shipped it, 0.54 MB/s);
- ``zhpub``: ``WordConverter.convert``, what ``to_traditional`` runs: jieba only on the stretches between separators
  where an entry whose reading depends on the cut occurs;
- ``to_traditional``: the whole call a build makes per block: ``zhpub`` and the place abbreviations
  (data/s2t-place-characters.tsv: 秦沈高速 -> 秦瀋高速), without a document's protected names;
- ``opencc``: OpenCC's s2tw alone over each paragraph, for reference (no word boundaries, no sense rules).

Each is timed in CPU time of this process (``time.process_time``: user + sys, so the load of other processes
counts little), over all paragraphs, --repeat times, the three interleaved; the median counts. MB are of UTF-8
Simplified text. Dictionaries and jieba are loaded before timing (their load time is printed apart). The run
fails if ``zhpub`` and ``words`` differ on any paragraph, in either variant.

    .venv/bin/python bench/convert_speed.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import opencc

from zhpub.pipeline import normalise_text
from zhpub.text.convert import VARIANTS, _tokenizer, _word_converter, to_traditional

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "tests" / "data" / "national").glob("national-*.txt"))


def paragraphs() -> list[str]:
    out = []
    for path in REPORTS:
        text = normalise_text(path.read_bytes(), str(path)).text
        out += [line for line in text.split("\n") if line.strip()]
    return out


def cpu_seconds(convert, paras: list[str]) -> float:
    start = time.process_time()
    for para in paras:
        convert(para)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each converter; the median counts")
    args = parser.parse_args()

    paras = paragraphs()
    size_mb = sum(len(p.encode("utf-8")) for p in paras) / 1e6
    start = time.process_time()
    _tokenizer()
    jieba_load = time.process_time() - start
    loads = {}
    for variant in VARIANTS:
        start = time.process_time()
        _word_converter(variant)
        loads[variant] = time.process_time() - start

    for variant in VARIANTS:
        converter = _word_converter(variant)
        differ = [p for p in paras if converter.convert(p) != converter.convert_by_words(p)]
        if differ:
            sys.exit(f"{variant}: {len(differ)} paragraphs convert differently, the first: {differ[0][:60]}")

    converter = _word_converter("hant")
    plain = opencc.OpenCC("s2tw")
    functions = {"words": converter.convert_by_words, "zhpub": converter.convert, "to_traditional": to_traditional,
                 "opencc": plain.convert}
    runs = {name: [] for name in functions}
    for _ in range(args.repeat):
        for name, convert in functions.items():
            runs[name].append(cpu_seconds(convert, paras))

    print(f"{len(REPORTS)} reports, {len(paras)} paragraphs, {size_mb:.3f} MB of UTF-8 Simplified text; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"loading (CPU s): jieba {jieba_load:.2f}, " + ", ".join(f"{v} converter {s:.2f}" for v, s in loads.items()))
    print(f"identical output: zhpub == words on every paragraph, in {', '.join(VARIANTS)}")
    for name, seconds in runs.items():
        median = statistics.median(seconds)
        print(f"{name:>14}: {size_mb / median:5.2f} MB/s  (median of {args.repeat} runs, {median:.3f} CPU s; "
              f"runs {', '.join(f'{s:.3f}' for s in seconds)})")
    print(f"zhpub / words: {statistics.median(runs['words']) / statistics.median(runs['zhpub']):.1f}x faster")


if __name__ == "__main__":
    main()
