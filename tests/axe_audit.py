"""axe-core over every page type of the built site: shared by tests/test_a11y.py and bench/a11y_audit.py.

axe-core comes from npm at the exact version pinned in tests/a11y/package-lock.json (`npm ci` in tests/a11y, run
by `make setup`); the local axe.min.js is injected into each page, so nothing is fetched at test time.
"""

from __future__ import annotations

import functools
import http.server
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCRIPTS = ("zh-Hans", "zh-Hant")
DOC = "zhenjiang-2022"  # the shipped report
# A phone is a touch screen without hover (so hover-only styles do not apply), a desktop has a mouse.
VIEWPORTS = {
    "desktop": dict(viewport={"width": 1400, "height": 900}),
    "phone": dict(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True, device_scale_factor=2),
}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SiteServer:
    """build/site/ on a loopback port, for as long as the `with` block lasts."""

    def __init__(self, site: Path):
        handler = functools.partial(QuietHandler, directory=str(site))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_port}/"

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def open_search(page, query: str) -> None:
    """Open the search box and type a query the way a reader does; wait for the results list."""
    box = page.locator("input.md-search__input")
    magnifier = page.locator("label.md-header__button[for='__search']").first
    (magnifier if magnifier.is_visible() else box).click()  # phones show only the magnifier
    box.fill(query)
    page.keyboard.press("End")  # Material searches on keyup; Playwright inserts CJK text without one
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); return m && /结果|結果/.test(m.textContent) }",
        timeout=20000)


def _first_glossary_entry(page, base: str, tag: str) -> None:
    page.goto(f"{base}{tag}/glossary/index.html")
    href = page.eval_on_selector(".zh-glossary-index dd a[href^='#']", "a => a.getAttribute('href')")
    page.goto(f"{base}{tag}/glossary/index.html{href}")


ROOT_NONCE = "zhpub-audit"


def _root_page(page, base: str, tag: str) -> None:
    # The root page's inline script sends a reader on to their script before its body is even parsed. Serve the
    # page byte for byte but with a Content-Security-Policy that blocks that inline script (a reader without
    # JavaScript sees this page); axe is then injected under the policy's nonce (run_axe).
    def without_redirect(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers,
                                                  "content-security-policy": f"script-src 'nonce-{ROOT_NONCE}'"})

    page.route(base + "index.html", without_redirect)
    page.goto(base + "index.html")
    assert page.url == base + "index.html", page.url


def _search_results(page, base: str, tag: str) -> None:
    page.goto(f"{base}{tag}/{DOC}/index.html")
    open_search(page, "营商环境" if tag == "zh-Hans" else "營商環境")


def _corpus_search_results(page, base: str, tag: str) -> None:
    page.goto(f"{base}{tag}/search.html?query=" + ("营商环境" if tag == "zh-Hans" else "營商環境"))
    page.wait_for_selector(".zh-cs-result", timeout=20000)


@dataclass(frozen=True)
class PageType:
    name: str
    open: Callable  # (page, base, tag) -> None: leaves the page in the state to audit
    per_script: bool = True


def _goto(path: str) -> Callable:
    return lambda page, base, tag: page.goto(f"{base}{tag}/{path}")


PAGE_TYPES = [
    PageType("home", _goto("index.html")),
    PageType("document", _goto(f"{DOC}/index.html")),
    PageType("indicators", _goto(f"{DOC}/indicators.html")),
    PageType("corrections", _goto(f"{DOC}/corrections.html")),
    PageType("revisions", _goto(f"{DOC}/revisions.html")),
    PageType("glossary-index", _goto("glossary/index.html")),
    PageType("glossary-entry", _first_glossary_entry),
    PageType("how-to-cite", _goto("cite/index.html")),
    PageType("search-results", _search_results),
    PageType("corpus-search", _corpus_search_results),
    PageType("root", _root_page, per_script=False),
]


def cases() -> list[tuple[str, str, str]]:
    """(page type, script, viewport) for every audit: the root page has no script of its own."""
    out = []
    for pt in PAGE_TYPES:
        for tag in SCRIPTS if pt.per_script else ("-",):
            for vp in VIEWPORTS:
                out.append((pt.name, tag, vp))
    return out


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2 A/AA violations on the page as it is now: [{id, impact, nodes: [{target, summary}]}]."""
    if not AXE.exists():
        raise FileNotFoundError(f"{AXE} is missing: run `make setup` (npm ci in tests/a11y)")
    from playwright.sync_api import Error as PlaywrightError

    try:
        page.add_script_tag(path=str(AXE))
    except PlaywrightError:  # the root page's policy (see _root_page) blocks a script without its nonce
        page.evaluate("([src, nonce]) => { const s = document.createElement('script'); s.nonce = nonce;"
                      " s.textContent = src; document.head.appendChild(s) }", [AXE.read_text(encoding="utf-8"), ROOT_NONCE])
    return page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
        }""",
        TAGS,
    )


def audit(browser, base: str, name: str, tag: str, viewport: str) -> list[dict]:
    pt = next(p for p in PAGE_TYPES if p.name == name)
    context = browser.new_context(**VIEWPORTS[viewport])
    try:
        page = context.new_page()
        pt.open(page, base, tag)
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")
        # a tooltip fading in is half transparent: axe would measure its contrast mid-transition (flaky)
        page.evaluate("Promise.all(document.getAnimations().filter(a => a.effect && isFinite(a.effect.getComputedTiming()"
                      ".endTime)).map(a => a.finished.catch(() => null))).then(() => true)")
        return run_axe(page)
    finally:
        context.close()


def node_count(violations: list[dict]) -> int:
    return sum(len(v["nodes"]) for v in violations)
