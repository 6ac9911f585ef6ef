"""Normalisation speed: the shipped scrape repeated to ~0.25–2 MB, into both variants (Simplified canonical text,
its blocks, the Traditional edition, the corrections record placed in the source). Target: at least 1 MB of
source per second, and cost linear in size. (The repeated text numbers its parts again and again, so the id
uniqueness check of a real build is left out; everything else is what `build_document` does.)

    .venv/bin/python bench/normalise_speed.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from zhpub.content import load_metadata
from zhpub.text.convert import to_traditional
from zhpub.pipeline import _without_cyclic_gc, normalise_text, recorded_changes
from zhpub.text.structure import structure

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "content" / "zhenjiang-2022" / "source.txt"


def normalise(data: bytes, names: tuple[str, ...]) -> tuple[int, int]:
    with _without_cyclic_gc():
        result = normalise_text(data, "bench.txt")
        record = recorded_changes(result)
        blocks = structure(result.text)
        for block in blocks:
            to_traditional(block.text, "hant", names)
    return len(blocks), len(record)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the fastest counts")
    args = parser.parse_args()
    data = SOURCE.read_bytes()
    names = tuple(load_metadata(SOURCE.parent / "document.yaml").get("names", ()))
    normalise(data, names)  # converters and dictionaries load once

    print(f"{'size MB':>8} {'seconds':>8} {'MB/s':>6} {'s per MB':>9} {'blocks':>7} {'changes':>8}")
    per_mb = []
    for target in (0.25, 0.5, 1.0, 2.0):
        copies = max(1, round(target * 1e6 / (len(data) + 2)))
        big = (data + b"\n\n") * copies
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            blocks, changes = normalise(big, names)
            best = min(best, time.perf_counter() - start)
        mb = len(big) / 1e6
        per_mb.append(best / mb)
        print(f"{mb:8.2f} {best:8.2f} {mb / best:6.2f} {best / mb:9.3f} {blocks:7d} {changes:8d}")
    print(f"linearity: seconds per MB at 2 MB / at 0.25 MB = {per_mb[-1] / per_mb[0]:.2f} (1.00 = linear)")


if __name__ == "__main__":
    main()
