"""`zhpub build` at corpus scale: a full build, a no-op rebuild and a rebuild after one document changed.

    .venv/bin/python bench/corpus_build.py [--sizes 5 60] [--no-pdf] [--jobs N]

The corpus is generated: a temporary project with the first N reports shipped in content/ (by slug), then copies
of those reports under other slugs (`<slug>-copy-NN`, their `series:` line dropped so no series has two reports of
one year) until there are N documents. Each build runs `zhpub build -q` in a fresh process (all cores, the default);
reported per build: wall time, CPU time (user + sys of zhpub and every worker process), peak memory of the
largest single process (ru_maxrss) and of the whole process tree, sampled every 0.2 s from /proc: the sum of VmRSS
(pages the forked workers share with the parent count once per process, so this overstates the tree) and the sum of
Pss (each shared page divided among the processes that share it: what the tree takes from the machine), and the cost
per document; a rebuild's share of the full build by CPU time (the machine is shared: wall time is noisy) and by
wall time. Two one-changed rebuilds: "one title" edits one copy's document.yaml title (its model, data, PDFs and
both site variants are made again: every page lists every title; the other documents' models, data and PDFs come from
the cache), then "one comma" changes one comma of another copy's source.txt (a body edit: that document's model, data,
PDFs, pages and search entries, and whatever quotes its text).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_project(folder: Path, n: int) -> list[str]:
    """A project of exactly ``n`` documents: the first ``n`` shipped reports (sorted by slug), then copies of them
    under other slugs, their `series:` line dropped (a series holds one report a year)."""
    for name in ("glossary", "corpus", "hooks"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shipped = sorted(p for p in (ROOT / "content").iterdir() if (p / "source.txt").is_file())[:n]
    (folder / "content").mkdir()
    for original in shipped:
        shutil.copytree(original, folder / "content" / original.name)
    slugs = [p.name for p in shipped]
    copy = 0
    while len(slugs) < n:
        original = shipped[copy % len(shipped)]
        slug = f"{original.name}-copy-{copy // len(shipped) + 1:02d}"
        shutil.copytree(original, folder / "content" / slug)
        meta = folder / "content" / slug / "document.yaml"
        meta.write_text(re.sub(r"(?m)^series:.*\n", "", meta.read_text(encoding="utf-8")), encoding="utf-8")
        slugs.append(slug)
        copy += 1
    return slugs


def edit_one_comma(source: Path) -> None:
    """A body edit: the first comma of the text's second half becomes an enumeration comma (，-> 、), one character of
    one paragraph."""
    text = source.read_text(encoding="utf-8")
    at = text.index("，", len(text) // 2)
    source.write_text(text[:at] + "、" + text[at + 1:], encoding="utf-8")


def _pss(pid: int) -> int:
    """Proportional set size of one process, KiB (0 once it has ended)."""
    try:
        m = re.search(r"^Pss:\s+(\d+)", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.M)
    except OSError:
        return 0
    return int(m.group(1)) if m else 0


def tree_memory(root_pid: int) -> tuple[int, int]:
    """(sum of VmRSS, sum of Pss) of a process and all its descendants, in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/status"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        ppid = int(re.search(r"PPid:\s+(\d+)", text).group(1))
        m = re.search(r"VmRSS:\s+(\d+)", text)
        rss[pid] = int(m.group(1)) if m else 0
        children.setdefault(ppid, []).append(pid)
    total = pss = 0
    todo = [root_pid]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        pss += _pss(pid)
        todo.extend(children.get(pid, []))
    return total, pss


def measure(folder: Path, parts: list[str], jobs: int | None) -> dict:
    args = [sys.executable, "-m", "zhpub", "build", "-q"] + [a for p in parts for a in ("--only", p)]
    if jobs:
        args += ["--jobs", str(jobs)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=folder, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = peak_pss = 0

    def sample():
        nonlocal peak_tree, peak_pss
        while process.poll() is None:
            rss, pss = tree_memory(process.pid)
            peak_tree, peak_pss = max(peak_tree, rss), max(peak_pss, pss)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    sampler.join()
    wall = time.perf_counter() - start
    if process.returncode:
        raise SystemExit(err.decode())
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak_process_mb": after.ru_maxrss / 1024, "peak_tree_mb": peak_tree / 1024,
            "peak_pss_mb": peak_pss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 60])
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--jobs", type=int)
    args = parser.parse_args()
    parts = ["data", "site"] + ([] if args.no_pdf else ["pdf"])
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; parts: {', '.join(parts)}")
    print("documents  build        wall s   CPU s   wall/doc  CPU/doc  peak process MB (max so far)  peak tree MB: RSS  PSS")
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            slugs = make_project(folder, n)
            rows = [("full", measure(folder, parts, args.jobs))]
            rows.append(("no-op", measure(folder, parts, args.jobs)))
            meta = folder / "content" / slugs[-1] / "document.yaml"
            meta.write_text(meta.read_text(encoding="utf-8").replace("title: ", "title: 修订 ", 1), encoding="utf-8")
            rows.append(("one title", measure(folder, parts, args.jobs)))
            edit_one_comma(folder / "content" / slugs[-2] / "source.txt")
            rows.append(("one comma", measure(folder, parts, args.jobs)))
            full = rows[0][1]
            for name, r in rows:
                print(f"{len(slugs):9d}  {name:11s} {r['wall']:7.1f} {r['cpu']:7.1f}  {r['wall'] / len(slugs):8.2f} "
                      f"{r['cpu'] / len(slugs):8.2f}  {r['peak_process_mb']:28.0f}  {r['peak_tree_mb']:17.0f} {r['peak_pss_mb']:4.0f}"
                      + ("" if name == "full" else f"   = {r['cpu'] / full['cpu']:.1%} of the full build's CPU time"
                                                   f" ({r['wall'] / full['wall']:.1%} of its wall time),"
                                                   f" {r['cpu'] / (full['cpu'] / len(slugs)):.1f} documents' worth by CPU"
                                                   f" ({r['wall'] / (full['wall'] / len(slugs)):.1f} by wall)"))


if __name__ == "__main__":
    main()
