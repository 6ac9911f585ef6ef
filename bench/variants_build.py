"""What the Hong Kong edition costs: `zhpub build` with the two default editions against the same project with
`variants: [hans, hant, hk]` (three site editions, three PDFs per document, hk in the data).

    .venv/bin/python bench/variants_build.py [--documents zhenjiang-2022 ...] [--repeat 2] [--jobs N]

Each build runs `zhpub build -q` in a fresh process on a fresh copy of the project (content/ of the named documents,
glossary/, corpus/, hooks/, mkdocs.yml) with the cache off (ZHPUB_CACHE=0: everything made from scratch), two-edition
and three-edition builds interleaved. Reported per build: wall time and CPU time (user + sys of zhpub and every worker
process, from RUSAGE_CHILDREN), and the three-to-two ratio of the medians; the load average is printed beside them
(the machine is shared: wall time is noisy, CPU time less so).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLUGIN_LINE = "      variant: !ENV [ZHPUB_VARIANT, hans]\n"


def make_project(folder: Path, documents: list[str], hong_kong: bool) -> Path:
    for name in ("glossary", "corpus", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "content").mkdir()
    for slug in documents:
        shutil.copytree(ROOT / "content" / slug, folder / "content" / slug)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if hong_kong:
        assert PLUGIN_LINE in config, "mkdocs.yml's zhpub plugin options moved: update PLUGIN_LINE"
        config = config.replace(PLUGIN_LINE, PLUGIN_LINE + "      variants: [hans, hant, hk]\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def timed_build(project: Path, jobs: int | None) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process tree) of one `zhpub build` from scratch."""
    env = dict(os.environ, ZHPUB_CACHE="0", NO_MKDOCS_2_WARNING="1")
    if jobs:
        env["ZHPUB_JOBS"] = str(jobs)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "zhpub"), "build", "-q"], cwd=project, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", nargs="+", default=["zhenjiang-2022"])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=None, help="ZHPUB_JOBS (default: every core)")
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"two": [], "three": []}
    with tempfile.TemporaryDirectory(prefix="zhpub-variants-") as tmp:
        for n in range(args.repeat):
            for name in ("two", "three"):  # interleaved: both see the same machine
                project = make_project(Path(tmp) / f"{name}-{n}", args.documents, name == "three")
                wall, cpu = timed_build(project, args.jobs)
                pdfs = len(list((project / "build" / "pdf").glob("*.pdf")))
                editions = sorted(p.name for p in (project / "build" / "site").iterdir() if p.name.startswith("zh-"))
                print(f"{name} editions ({', '.join(editions)}; {pdfs} PDFs): wall {wall:.1f} s, CPU {cpu:.1f} s, "
                      f"load {os.getloadavg()[0]:.1f}", flush=True)
                results[name].append((wall, cpu))
                shutil.rmtree(project)
    two_wall, two_cpu = (statistics.median(x[i] for x in results["two"]) for i in (0, 1))
    three_wall, three_cpu = (statistics.median(x[i] for x in results["three"]) for i in (0, 1))
    print(f"documents: {', '.join(args.documents)}; medians of {args.repeat}")
    print(f"two editions:   wall {two_wall:.1f} s, CPU {two_cpu:.1f} s")
    print(f"three editions: wall {three_wall:.1f} s, CPU {three_cpu:.1f} s")
    print(f"three / two: CPU {three_cpu / two_cpu:.2f}x, wall {three_wall / two_wall:.2f}x")


if __name__ == "__main__":
    main()
