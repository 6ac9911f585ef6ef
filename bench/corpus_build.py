"""Build time and peak memory as the corpus grows: a temporary project with the Zhenjiang report and the first
N national reports (tests/data/national/), `zhpub build` of data and both site variants (add --pdf for PDFs),
each build in a fresh process.

    .venv/bin/python bench/corpus_build.py [--sizes 1 4 8 13] [--pdf]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT / "tests" / "data" / "national"


def project(folder: Path, n: int) -> Path:
    for name in ("content", "glossary", "corpus", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    for path in sorted(NATIONAL.glob("national-*.txt"))[:n]:
        year = int(path.stem.split("-")[1])
        doc = folder / "content" / path.stem
        doc.mkdir()
        shutil.copy(path, doc / "source.txt")
        (doc / "document.yaml").write_text(f"title: {year}年国务院政府工作报告\nseries: national\nyear: {year}\n", encoding="utf-8")
    return folder


def measure(folder: Path, parts: list[str]) -> tuple[float, float]:
    """(seconds, peak MB) of one build in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    args = [sys.executable, "-m", "zhpub", "build"] + [a for p in parts for a in ("--only", p)]
    subprocess.run(args, cwd=folder, check=True, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # max over children so far, KiB
    return seconds, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 4, 8, 13])
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args()
    parts = ["data", "site"] + (["pdf"] if args.pdf else [])
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (figures scale with it)")
    print("documents  seconds  s/document  peak MB (max so far)")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            seconds, peak = measure(project(Path(tmp), n), parts)
        print(f"{n + 1:9d}  {seconds:7.1f}  {seconds / (n + 1):10.1f}  {peak:7.0f}")


if __name__ == "__main__":
    main()
