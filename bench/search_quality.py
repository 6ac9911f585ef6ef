"""Search quality: the query set of tests/data/search-queries.yaml typed into the built site in headless Chromium,
per variant; a query counts when one of its expected paragraphs is among the first three results. Twice: in the
search box of the report's page (which searches that report's index shard), and on the corpus search page
(search.html) restricted to the report's series.

    .venv/bin/python bench/search_quality.py [SITE]       (after `make build`; SITE defaults to build/site)
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from axe_audit import CHROMIUM, FLAGS, QuietHandler  # noqa: E402
from test_browser import QUERIES, search  # noqa: E402
from test_search_corpus import corpus_search  # noqa: E402

import yaml  # noqa: E402

SLUG = "zhenjiang-2022"


def report(name: str, answers: list) -> None:
    by_script: dict[str, list[int]] = {}
    for q, links in answers:
        top3 = [link.split("#")[1] for link in links if "#" in link][:3]
        by_script.setdefault(q["script"], []).append(int(bool(set(top3) & set(q["expect"]))))
    total = sum(sum(v) for v in by_script.values())
    detail = ", ".join(f"{s} {sum(v)}/{len(v)}" for s, v in by_script.items())
    print(f"{name}: {total}/{len(QUERIES)} queries find their paragraph in the top 3 ({detail})")


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "build" / "site"
    if not (site / "zh-Hans" / "index.html").exists():
        sys.exit("build the site first: make build")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        series = (yaml.safe_load((ROOT / "content" / SLUG / "document.yaml").read_text(encoding="utf-8")) or {}).get("series")
        for tag in ("zh-Hans", "zh-Hant"):
            page = browser.new_page()
            page.goto(f"{base}{tag}/{SLUG}/index.html")
            report(f"{tag} search box", [(q, search(page, q["query"])) for q in QUERIES])
            if series and (site / tag / "search.html").exists():
                page.goto(f"{base}{tag}/search.html")
                page.select_option("#zh-cs-series", series)
                found = [(q, [r["href"] for r in corpus_search(page, q["query"])]) for q in QUERIES]
                report(f"{tag} corpus search, series {series}", found)
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
