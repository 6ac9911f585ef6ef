"""Where a site edition's MkDocs build spends its time after one changed document (cProfile, or CPU time per step).

    .venv/bin/python bench/site_rebuild_profile.py [--documents 20] [--edits 2] [--edit comma|title] [--top 25]
                                                   [--keep FOLDER] [--no-profile | --timed]

A generated project (bench/corpus_build.py's make_project: the shipped reports, then copies of them) is built once
(`zhpub build --only data --only site`, so every page's products are in the build cache); then, ``--edits`` times,
one document changes (a comma of its source.txt, or its title; each edit is undone by the next, so every round is
one changed document against the cache the round before left), `zhpub build --only data` makes its model again, and
each edition's MkDocs build (build.build_variant, as `zhpub build` runs it in a worker) is profiled in a fresh
process, followed by the copy of its output into the build cache (cache.put_tree, as build.build_site does). That
process first does what `zhpub build` does before it forks the edition's worker (not measured): it loads the
converters and the search's fold tables and reviews every document (build.publishable), whose models the worker
then has in memory (frozen out of the garbage collector's walks, as build.LazyPool does). Printed per edition: CPU
time, the cumulative time of the steps that matter (zhpub's page rendering, the page templates, search, writing),
and the functions with the most time of their own.

The profiler costs time of its own (the CPU time of a profiled run is three to five times an unprofiled one's, most
of it in code of many small calls): ``--no-profile`` prints each edition's CPU time alone, the figure to compare two
versions of the code by, and ``--timed`` that and the CPU time of each step (TIMED: the functions wrapped with a
timer, a few hundred calls, so the figures are the real ones; the wrapping imports their modules, MkDocs' and
Material's among them, before the build, so ``--timed``'s CPU leaves out those imports, which ``--no-profile``'s has).
``PYTHONPATH=<other checkout>/src`` measures another version of the code; ``--keep`` a project folder per version,
so each keeps its build cache between runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_build import ROOT, make_project  # noqa: E402

# (label, file suffix, function name[, caller's name]): cumulative times (only the calls from that caller, when one is
# named); indented rows are parts of the row above them
STEPS = [
    ("on_config: documents loaded, renderer made", "mkdocs_plugin/plugin.py", "on_config"),
    ("  publishable_documents (review + models)", "zhpub/build.py", "publishable_documents"),
    ("on_files: zhpub's pages and data files", "mkdocs_plugin/plugin.py", "on_files"),
    ("  SiteRenderer.pages (page bodies)", "render/site.py", "pages"),
    ("  SiteRenderer.heads", "render/site.py", "heads"),
    ("MkDocs: nav", "structure/nav.py", "get_navigation"),
    ("MkDocs: _populate_page (every page)", "commands/build.py", "_populate_page"),
    ("  zhpub on_page_content (toc, paragraph search)", "mkdocs_plugin/plugin.py", "on_page_content"),
    ("MkDocs: copy_static_files (assets, data/)", "structure/files.py", "copy_static_files"),
    ("MkDocs: _build_page (every page)", "commands/build.py", "_build_page"),
    ("  Material search add_entry_from_context", "material/plugins/search/plugin.py", "on_page_context"),
    ("  page template render", "jinja2/environment.py", "render", "_build_page"),
    ("  write_file", "mkdocs/utils/__init__.py", "write_file", "_build_page"),
    ("MkDocs: validate_anchor_links", "structure/pages.py", "validate_anchor_links"),
    ("on_post_build: Material search index", "material/plugins/search/plugin.py", "on_post_build"),
    ("on_post_build: offline plugin", "material/plugins/offline/plugin.py", "on_post_build"),
    ("on_post_build: zhpub (shards, corpus index, memo)", "mkdocs_plugin/plugin.py", "on_post_build"),
    ("  ParagraphSearch.post_build", "mkdocs_plugin/search.py", "post_build"),
    ("  Memo.save (segments)", "mkdocs_plugin/plugin.py", "save"),
    ("sitemap", "commands/build.py", "_build_theme_template"),
]

# --timed: the same steps by CPU time without the profiler (each function wrapped; a step's time includes the steps
# inside it); names missing from the code being measured are left out
TIMED = [
    ("on_config: documents loaded, renderer made", "zhpub.mkdocs_plugin.plugin:ZhpubPlugin.on_config"),
    ("  publishable (review + models)", "zhpub.build:publishable"),
    ("  SiteRenderer.nav", "zhpub.render.site:SiteRenderer.nav"),
    ("  PageProducts.memo (last build's results loaded)", "zhpub.mkdocs_plugin.plugin:PageProducts.memo"),
    ("  ParagraphSearch made", "zhpub.mkdocs_plugin.search:ParagraphSearch.__init__"),
    ("on_files: zhpub's pages and data files", "zhpub.mkdocs_plugin.plugin:ZhpubPlugin.on_files"),
    ("  SiteRenderer.pages (page bodies)", "zhpub.render.site:SiteRenderer.pages"),
    ("    glossary_page", "zhpub.render.site:SiteRenderer.glossary_page"),
    ("  SiteRenderer.data_files (corpus data)", "zhpub.render.site:SiteRenderer.data_files"),
    ("MkDocs: theme files listed", "mkdocs.structure.files:Files.add_files_from_theme"),
    ("MkDocs: _populate_page (every page)", "mkdocs.commands.build:_populate_page"),
    ("  Page.render (Markdown of nothing)", "mkdocs.structure.pages:Page.render"),
    ("  zhpub on_page_content (toc, paragraph search)", "zhpub.mkdocs_plugin.plugin:ZhpubPlugin.on_page_content"),
    ("    ParagraphSearch.page_content", "zhpub.mkdocs_plugin.search:ParagraphSearch.page_content"),
    ("MkDocs: copy_static_files (assets, data/)", "mkdocs.structure.files:Files.copy_static_files"),
    ("MkDocs: static templates (sitemap, 404)", "mkdocs.commands.build:_build_theme_template"),
    ("MkDocs: _build_page (every page)", "mkdocs.commands.build:_build_page"),
    ("  Material search on_page_context", "material.plugins.search.plugin:SearchPlugin.on_page_context"),
    ("  zhpub on_page_context", "zhpub.mkdocs_plugin.plugin:ZhpubPlugin.on_page_context"),
    ("    PageHTML.choose (page key)", "zhpub.mkdocs_plugin.plugin:PageHTML.choose"),
    ("  zhpub on_post_page", "zhpub.mkdocs_plugin.plugin:ZhpubPlugin.on_post_page"),
    ("  write_file", "mkdocs.utils:write_file"),
    ("on_post_build: Material search index", "material.plugins.search.plugin:SearchPlugin.on_post_build"),
    ("on_post_build: zhpub (shards, corpus index, memo)", "zhpub.mkdocs_plugin.plugin:ZhpubPlugin.on_post_build"),
    ("  ParagraphSearch.post_build", "zhpub.mkdocs_plugin.search:ParagraphSearch.post_build"),
    ("    corpus_index", "zhpub.mkdocs_plugin.search:corpus_index"),
]

TIME_STEPS = r"""
import functools, importlib, time
spent = {}
def timed(where):
    module_name, qualname = where.split(":")
    try:
        owner = importlib.import_module(module_name)
        *path, name = qualname.split(".")
        for part in path:
            owner = getattr(owner, part)
        function = getattr(owner, name)
    except (ImportError, AttributeError):
        return
    @functools.wraps(function)  # keeps MkDocs' event priority (a function attribute)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            total, calls = spent.get(where, (0.0, 0))
            spent[where] = (total + time.process_time() - start, calls + 1)
    setattr(owner, name, wrapper)
for where in sys.argv[5].split(","):
    timed(where)
"""

PROFILE_ONE = r"""
import cProfile, os, pstats, resource, sys, time
from pathlib import Path
from zhpub.build import build_variant, publishable, shared_by_workers, site_key
from zhpub.cache import Cache
from zhpub.model import LANG_TAGS
os.chdir(sys.argv[1])  # `zhpub build` runs in the project with the root "." (the models' in-memory cache is by path)
root, out, variant, stats_file = Path("."), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
# what `zhpub build` does before it forks the edition's worker, not part of an edition: the converters and fold
# tables (shared_by_workers), and the review of every document (build_all), whose models the worker inherits
# (frozen: the worker's collections do not walk them)
shared_by_workers(root)()
publishable(root)
import zhpub.build
if hasattr(zhpub.build, "load_site_engine"):  # MkDocs set up before the fork, by the code that does so
    zhpub.build.load_site_engine(root)
import gc  # and, as build.LazyPool does before it forks the workers, what is loaded is frozen out of collections
gc.collect()
gc.freeze()
# CPU time when the machine is shared (ZHPUB_PROFILE_CPU=1; each call then costs more, which inflates small
# functions), else the profiler's own clock
profiling = stats_file not in ("-", "timed")
if stats_file == "timed":
    exec(sys.argv[6])  # TIME_STEPS: wraps the functions named in sys.argv[5]
profile = cProfile.Profile(time.process_time) if os.environ.get("ZHPUB_PROFILE_CPU") else cProfile.Profile()
start = resource.getrusage(resource.RUSAGE_SELF)
if profiling:
    profile.enable()
problem = build_variant(root, out, variant)
if profiling:
    profile.disable()
mid = resource.getrusage(resource.RUSAGE_SELF)
if problem:
    raise SystemExit(str(problem))
Cache(root).put_tree("site", LANG_TAGS[variant], site_key(root, variant), out / LANG_TAGS[variant])
end = resource.getrusage(resource.RUSAGE_SELF)
if profiling:
    profile.dump_stats(stats_file)
cpu = lambda a, b: (b.ru_utime - a.ru_utime) + (b.ru_stime - a.ru_stime)
print(f"{cpu(start, mid):.2f} {cpu(mid, end):.2f}")
if stats_file == "timed":
    for where, (total, calls) in spent.items():
        print(f"{where} {total:.3f} {calls}")
"""


def run(args: list[str], cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout


def edit(folder: Path, slug: str, kind: str, undo: bool) -> None:
    if kind == "title":
        meta = folder / "content" / slug / "document.yaml"
        text = meta.read_text(encoding="utf-8")
        meta.write_text(text.replace("title: 修订 ", "title: ", 1) if undo else text.replace("title: ", "title: 修订 ", 1),
                        encoding="utf-8")
        return
    source = folder / "content" / slug / "source.txt"
    text = source.read_text(encoding="utf-8")
    old, new = ("、", "，") if undo else ("，", "、")
    at = text.index(old, len(text) // 2)
    source.write_text(text[:at] + new + text[at + 1:], encoding="utf-8")


def report(stats_file: str, cpu: float, put_tree: float, top: int) -> None:
    import pstats

    stats = pstats.Stats(stats_file)
    table = stats.stats  # (file, line, name) -> (primitive calls, calls, own time, cumulative time, callers)
    print(f"  CPU {cpu:.2f} s in build_variant (profiled), then cache.put_tree {put_tree:.2f} s")
    for label, suffix, name, *caller in STEPS:
        found = [(v[3], v[1]) if not caller else (sum(c[3] for k, c in v[4].items() if k[2] == caller[0]),
                                                  sum(c[1] for k, c in v[4].items() if k[2] == caller[0]))
                 for (f, _, n), v in table.items() if f.endswith(suffix) and n == name]
        if found:
            cumulative = max(t for t, _ in found)  # recursive functions appear once with their outer time
            calls = sum(c for _, c in found)
            print(f"  {label:52s} {cumulative:7.2f} s  ({calls} calls)")
    print(f"  -- most time of their own (top {top}):")
    own = sorted(table.items(), key=lambda kv: -kv[1][2])[:top]
    for (f, line, name), v in own:
        print(f"     {v[2]:7.2f} s own {v[3]:7.2f} s cum  {v[1]:8d}  {Path(f).name}:{line} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument("--edits", type=int, default=2)
    parser.add_argument("--edit", choices=("comma", "title"), default="comma")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--keep", type=Path, help="build the project here and keep it (default: a temporary folder)")
    parser.add_argument("--no-profile", action="store_true", help="each edition's CPU time only, without the profiler")
    parser.add_argument("--timed", action="store_true", help="each edition's CPU time and its steps' (TIMED), without "
                                                             "the profiler")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = (args.keep or Path(tmp)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        listed = folder / ".slugs"  # make_project's order (a kept project is profiled again with the same edit)
        if not listed.is_file():
            listed.write_text("\n".join(make_project(folder, args.documents)), encoding="utf-8")
        slugs = listed.read_text(encoding="utf-8").split("\n")
        zhpub = [sys.executable, "-m", "zhpub", "build", "-q"]
        run(zhpub + ["--only", "data", "--only", "site"], folder)
        from zhpub.build import configured_editions

        print(f"{len(slugs)} documents; load average {os.getloadavg()[0]:.1f}; edit: {args.edit} of {slugs[-2]}")
        for round_ in range(args.edits):
            edit(folder, slugs[-2], args.edit, undo=round_ % 2 == 1)
            run(zhpub + ["--only", "data"], folder)
            for variant in configured_editions(folder):
                stats_file = "-" if args.no_profile else "timed" if args.timed else str(folder / f".profile-{variant}")
                out = folder / ".profile-site"
                lines = run([sys.executable, "-c", PROFILE_ONE, str(folder), str(out), variant, stats_file,
                             ",".join(w for _, w in TIMED), TIME_STEPS], folder).splitlines()
                cpu, put_tree = map(float, lines[0].split())
                if args.timed:
                    print(f"round {round_ + 1}, edition {variant} (load average {os.getloadavg()[0]:.1f}):")
                    print(f"  CPU {cpu:.2f} s in build_variant, then cache.put_tree {put_tree:.2f} s")
                    spent = {where: (float(t), int(n)) for where, t, n in (line.rsplit(" ", 2) for line in lines[1:])}
                    for label, where in TIMED:
                        if where in spent:
                            print(f"  {label:52s} {spent[where][0]:7.2f} s  ({spent[where][1]} calls)")
                    continue
                if args.no_profile:
                    print(f"round {round_ + 1}, edition {variant}: CPU {cpu:.2f} s in build_variant, then cache.put_tree "
                          f"{put_tree:.2f} s (load average {os.getloadavg()[0]:.1f})")
                    continue
                print(f"round {round_ + 1}, edition {variant} (load average {os.getloadavg()[0]:.1f}):")
                report(stats_file, cpu, put_tree, args.top)


if __name__ == "__main__":
    main()
