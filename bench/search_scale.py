"""Search at corpus scale: a generated N-document site (default 60) in headless Chromium, over loopback and from
file://. Per page kind: time from the page's load event to the first answer shown, bytes of search index the page
loaded before that answer, query latency once ready; medians of --runs fresh browser contexts. Also the index's
size on disk.

The corpus is the project's own documents (content/) plus copies of them under other slugs and series
(``<slug>-copy<k>`` in series ``<series>-copy<k>``, the same text and year): the search index grows as with real reports
of the same size, though the copies repeat each other's words.

    .venv/bin/python bench/search_scale.py                  generate and build (site only) a 60-document project
    .venv/bin/python bench/search_scale.py --docs 14 --keep /tmp/p     another size; keep the project
    .venv/bin/python bench/search_scale.py --site DIR       measure a site built elsewhere (e.g. by an older zhpub)

Pages measured: a document's full text (the header search box; from file:// too), the home page (header box),
and the corpus search page search.html (all documents, and restricted to one series).
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from axe_audit import CHROMIUM, FLAGS, SiteServer  # noqa: E402

PROJECT_PARTS = ("content", "glossary", "corpus", "hooks", "mkdocs.yml")  # what a build reads (tests/conftest.py)

QUERIES = ["发展", "营商环境", "高质量发展", "就业", "科技創新", "生态环境"]  # in every report of the genre

# In the page: type a query the way Material expects it (input + keyup) and wait for the answer; returns
# milliseconds since the load event and since the query was typed.
BOX = """async ([q, first]) => {
  const input = document.querySelector("input.md-search__input")
  const meta = () => document.querySelector(".md-search-result__meta")
  const done = () => /结果|結果/.test(meta().textContent)  // found n, or none
  if (!first) {
    input.value = ""; input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}))
    while (done()) await new Promise(r => setTimeout(r, 5))
  }
  const t0 = performance.now()
  input.focus(); input.value = q
  input.dispatchEvent(new Event("input", {bubbles: true}))
  input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true, key: "End"}))
  while (!done()) await new Promise(r => setTimeout(r, 5))
  return answered(t0)
}"""
CORPUS = """async ([q, first]) => {
  const input = document.getElementById("zh-cs-q"), status = document.getElementById("zh-cs-status")
  const done = () => /结果|結果/.test(status.textContent)  // found n, or none
  if (!first) { input.value = ""; document.getElementById("zh-corpus-search").requestSubmit(); while (done()) await new Promise(r => setTimeout(r, 5)) }
  const t0 = performance.now()
  input.value = q
  document.getElementById("zh-corpus-search").requestSubmit()
  while (!done()) await new Promise(r => setTimeout(r, 5))
  return answered(t0)
}"""
HELPER = """window.answered = (t0) => {
  const now = performance.now(), nav = performance.getEntriesByType("navigation")[0]
  return {since_load: now - nav.loadEventEnd, latency: now - t0}
}"""


def generate(source: Path, target: Path, count: int) -> Path:
    """A copy of the project ``source`` with ``count`` documents: its own, then copies in new series."""
    project = target
    project.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        if (source / name).is_dir():
            shutil.copytree(source / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif (source / name).is_file():
            shutil.copy(source / name, project / name)
    pool = sorted(p for p in (project / "content").iterdir() if (p / "document.yaml").exists())
    if not pool:
        sys.exit("no documents in content/")
    series_file = project / "corpus" / "series.yaml"
    series_file.parent.mkdir(exist_ok=True)
    extra, k, new_series = [], 0, set()
    while len(pool) + len(extra) < count:
        k += 1
        for original in pool:
            if len(pool) + len(extra) >= count:
                break
            copy = project / "content" / f"{original.name}-copy{k}"
            shutil.copytree(original, copy)
            (copy / "published-ids.jsonl").unlink(missing_ok=True)  # a new document: nothing published yet
            meta = (copy / "document.yaml").read_text(encoding="utf-8")
            own = re.search(r"(?m)^series:\s*(\S+)", meta)
            series = f"{own.group(1) if own else 'solo'}-copy{k}"  # one document a year in each series
            meta = re.sub(r"(?m)^series:.*\n?", "", meta).rstrip("\n") + f"\nseries: {series}\n"
            if not re.search(r"(?m)^(year|date):", meta):
                year = re.search(r"(19|20)\d\d", original.name)
                meta += f"year: {year.group(0) if year else 2000 + len(extra) % 20}\n"
            (copy / "document.yaml").write_text(meta, encoding="utf-8")
            extra.append(copy)
            new_series.add(series)
    with series_file.open("a", encoding="utf-8") as f:
        for sid in sorted(new_series):
            f.write(f"\n{sid}:\n  body: {{hans: 副本{sid}, hant: 副本{sid}, en: copy {sid}}}\n"
                    f"  report: {{hans: 报告, hant: 報告, en: report}}\n  scope: city\n")
    return project


def build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("zhpub")), "build", "--only", "site"], cwd=project, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def index_bytes(site: Path, urls: list[str]) -> int:
    """Bytes of the index files a page requested, read from disk (the same over http and from file://)."""
    total = 0
    for url in dict.fromkeys(u.split("?")[0] for u in urls):
        parts = unquote(urlsplit(url).path).split("/search/", 1)
        variant = parts[0].rstrip("/").rsplit("/", 1)[-1]
        path = site / variant / "search" / parts[1]
        total += path.stat().st_size if path.is_file() else 0
    return total


def measure(browser, site: Path, url: str, script: str, prepare=None) -> dict:
    context = browser.new_context()  # a fresh cache each run
    requested: list[str] = []
    context.on("request", lambda r: requested.append(r.url))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate(HELPER)
    if prepare:
        prepare(page)
    if script is BOX:
        page.click("input.md-search__input", timeout=300_000)  # a reader's click: Material opens the search panel
    first = page.evaluate(script, [QUERIES[0], True])
    before_answer = [u for u in requested if "/search/" in u]
    later = [page.evaluate(script, [q, False])["latency"] for q in QUERIES[1:]]
    context.close()
    return {"first": first["since_load"], "bytes": index_bytes(site, before_answer), "latency": statistics.median(later)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path, default=ROOT, help="the project whose documents are copied")
    parser.add_argument("--keep", type=Path, help="generate the project here and keep it")
    parser.add_argument("--site", type=Path, help="measure this built site (build/site) instead of generating one")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = None
    if args.site:
        site = args.site.resolve()
    else:
        target = args.keep or Path(tempfile.mkdtemp(prefix="zhpub-search-scale-")) / "project"
        tmp = None if args.keep else target.parent
        project = generate(args.project.resolve(), target, args.docs)
        print(f"built {args.docs} documents (site, both variants) in {build(project):.0f} s: {project}")
        site = project / "build" / "site"
    hans = site / "zh-Hans"
    slugs = sorted(p.name for p in hans.iterdir() if (p / "index.html").exists() and (p / "indicators.html").exists())
    doc = next((s for s in slugs if "copy" not in s and s.startswith("national")), slugs[0])
    search_dir = hans / "search"
    files = [p for p in search_dir.rglob("*") if p.is_file()]
    print(f"{len(slugs)} documents; zh-Hans search/: {sum(p.stat().st_size for p in files) / 1e6:.1f} MB in {len(files)} files;"
          f" largest {max(files, key=lambda p: p.stat().st_size).relative_to(search_dir)}"
          f" {max(p.stat().st_size for p in files) / 1e6:.2f} MB")
    has_corpus = (hans / "search.html").exists() and (search_dir / "corpus").is_dir()
    series = None
    if has_corpus:
        manifest = (search_dir / "corpus" / "manifest.js").read_text(encoding="utf-8")
        series = re.search(r'"series":"([^"]+)"', manifest).group(1)

    with SiteServer(site) as http_root, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        file_root = site.as_uri() + "/"
        cases = [
            (f"document page {doc}, search box, http", f"{http_root}zh-Hans/{doc}/index.html", BOX, None),
            (f"document page {doc}, search box, file://", f"{file_root}zh-Hans/{doc}/index.html", BOX, None),
            ("home page, search box, http", f"{http_root}zh-Hans/index.html", BOX, None),
        ]
        if has_corpus:
            restrict = lambda page: page.select_option("#zh-cs-series", series)  # noqa: E731
            cases += [
                ("corpus search page, all documents, http", f"{http_root}zh-Hans/search.html", CORPUS, None),
                (f"corpus search page, series {series}, http", f"{http_root}zh-Hans/search.html", CORPUS, restrict),
                ("corpus search page, all documents, file://", f"{file_root}zh-Hans/search.html", CORPUS, None),
            ]
        print(f"medians of {args.runs} runs; first query {QUERIES[0]!r}, latency over {len(QUERIES) - 1} more queries")
        print(f"{'page':58} {'answer after load':>18} {'index loaded':>13} {'query latency':>14}")
        for name, url, script, prepare in cases:
            runs = [measure(browser, site, url, script, prepare) for _ in range(args.runs)]
            first = statistics.median(r["first"] for r in runs)
            size = statistics.median(r["bytes"] for r in runs)
            latency = statistics.median(r["latency"] for r in runs)
            print(f"{name:58} {first / 1000:>16.2f} s {size / 1e6:>10.2f} MB {latency:>11.0f} ms")
        browser.close()
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
