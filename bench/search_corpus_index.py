"""The corpus search index (search.py, corpus_index) of a built site: CPU time cold, with every document's pieces
in the build cache, and after one changed paragraph of one document; the size of what it writes.

    .venv/bin/python bench/search_corpus_index.py PROJECT [--runs 5] [--old OLD/src/zhpub/mkdocs_plugin/search.py]

PROJECT is a project built with the build cache on (e.g. `bench/site_rebuild_profile.py --keep DIR`): the paragraphs
are the ones its last build indexed, read from its build cache (each page's ``paragraph-search`` product). The
timings run in this process (time.process_time), the cases interleaved, medians of --runs; the build cache of the
pieces is a temporary folder. ``--old``: another version of search.py (e.g. from `git show main:…`), timed on the
same paragraphs, in the same runs (the format before the pieces had no cache of its own, only a memo of each
paragraph's keys, given here warm).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pickle
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def paragraphs_of(project: Path, variant: str) -> dict[str, list[dict]]:
    from zhpub.cache import CACHE_DIR

    folder = project / CACHE_DIR / "paragraph-search" / variant
    found = {}
    for entry in sorted(folder.rglob("*")):
        if entry.is_file() and not entry.name.startswith("."):
            _, paragraphs = pickle.loads(entry.read_bytes())
            if paragraphs is not None:
                found[entry.parent.relative_to(folder).as_posix()] = paragraphs
    return found


def load_old(path: Path):
    spec = importlib.util.spec_from_file_location("zhpub.mkdocs_plugin.search_before", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def cpu(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--variant", default="hans")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--old", type=Path, help="another search.py to time beside this one")
    args = parser.parse_args()
    from zhpub.mkdocs_plugin import search
    from zhpub.mkdocs_plugin.plugin import PageProducts

    paragraphs = paragraphs_of(args.project.resolve(), args.variant)
    slugs = sorted({url.split("/", 1)[0] for url in paragraphs})
    documents = [search.SearchDocument(slug, slug, 2000, "", "") for slug in slugs]
    edited_url = next(url for url in sorted(paragraphs) if url.startswith(slugs[len(slugs) // 2] + "/") and paragraphs[url])
    edited = dict(paragraphs, **{edited_url: [dict(p, text=p["text"] + "、") if i == 0 else p
                                              for i, p in enumerate(paragraphs[edited_url])]})
    search.search_fold_table()  # made once per process, as in a build: not the index's cost
    old = load_old(args.old) if args.old else None
    memo = {p["text"]: search.corpus_keys(p["text"]) for ps in paragraphs.values() for p in ps}
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ZHPUB_CACHE"] = "1"
        for run in range(args.runs):
            products = PageProducts(Path(tmp) / str(run), args.variant)  # an empty build cache each run
            counts: list[Counter] = [Counter() for _ in range(3)]
            cases = [
                ("cold (every piece made)", lambda: search.corpus_index(documents, paragraphs, products=products, counts=counts[0])),
                ("no change (every piece reused)", lambda: search.corpus_index(documents, paragraphs, products=products, counts=counts[1])),
                ("one paragraph of one document changed", lambda: search.corpus_index(documents, edited, products=products, counts=counts[2])),
            ]
            if old:  # with its keys memo warm, as a build has it (the memo's own load not counted)
                cases.insert(0, ("before the pieces (global index, keys memo)", lambda: old.corpus_index(documents, paragraphs, memo.__getitem__)))
            for name, case in cases:
                times.setdefault(name, []).append(cpu(case))
            assert counts[1]["reused"] == len(slugs) and counts[2] == {"made": 1, "reused": len(slugs) - 1}, counts
    files = search.corpus_index(documents, paragraphs)
    shards = sorted(len(text.encode()) for name, text in files.items() if name.startswith("p"))
    print(f"{len(slugs)} documents, {sum(len(v) for v in paragraphs.values())} paragraphs ({args.variant}); "
          f"load average {os.getloadavg()[0]:.1f}; CPU time, medians of {args.runs}")
    for name, values in times.items():
        print(f"  {name:44s} {statistics.median(values):6.3f} s")
    print(f"  written: {len(files)} files, {sum(len(t.encode()) for t in files.values()) / 1e6:.1f} MB; "
          f"{len(shards)} posting shards, median {shards[len(shards) // 2] / 1e3:.0f} KB, largest {shards[-1] / 1e3:.0f} KB; "
          f"manifest {len(files['manifest.js'].encode()) / 1e3:.0f} KB")
    if old:
        before = old.corpus_index(documents, paragraphs)
        shards = sorted(len(text.encode()) for name, text in before.items() if name.startswith("p"))
        print(f"  before: {len(before)} files, {sum(len(t.encode()) for t in before.values()) / 1e6:.1f} MB; "
              f"{len(shards)} posting shards, median {shards[len(shards) // 2] / 1e3:.0f} KB, largest {shards[-1] / 1e3:.0f} KB")


if __name__ == "__main__":
    main()
