"""Search quality: the query set of tests/data/search-queries.yaml typed into the built site in headless Chromium,
per variant; a query counts when one of its expected paragraphs is among the first three results.

    .venv/bin/python bench/search_quality.py        (after `make build`)
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_browser import CHROMIUM, FLAGS, QUERIES, QuietHandler, search  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = ROOT / "build" / "site"
    if not (site / "zh-Hans" / "index.html").exists():
        sys.exit("build the site first: make build")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for tag in ("zh-Hans", "zh-Hant"):
            page = browser.new_page()
            page.goto(f"{base}{tag}/zhenjiang-2022/index.html")
            by_script: dict[str, list[int]] = {}
            for q in QUERIES:
                top3 = [link.split("#")[1] for link in search(page, q["query"]) if "#" in link][:3]
                by_script.setdefault(q["script"], []).append(int(bool(set(top3) & set(q["expect"]))))
            total = sum(sum(v) for v in by_script.values())
            detail = ", ".join(f"{s} {sum(v)}/{len(v)}" for s, v in by_script.items())
            print(f"{tag}: {total}/{len(QUERIES)} queries find their paragraph in the top 3 ({detail})")
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
