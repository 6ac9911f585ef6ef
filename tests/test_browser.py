"""The site in a real browser (Playwright driving Debian's Chromium; no browser is ever downloaded)."""

from __future__ import annotations

import pytest
import yaml

from conftest import DATA

QUERIES = yaml.safe_load((DATA / "search-queries.yaml").read_text(encoding="utf-8"))
TITLE = {"zh-Hans": "《2022年镇江市政府工作报告》", "zh-Hant": "《2022年鎮江市政府工作報告》"}


@pytest.fixture(scope="module")
def zhenjiang_site(tmp_path_factory):
    """The Zhenjiang report's site alone: the query set is about that report, and in the shipped corpus the
    national reports (which share its ids, s3-2-p5 …, and many of its words) would fill the first results."""
    from axe_audit import SiteServer
    from conftest import copy_project
    from zhpub.build import build_all

    project = copy_project(tmp_path_factory.mktemp("zhenjiang-site"))
    build_all(project, {"site"})
    with SiteServer(project / "build" / "site") as url:
        yield url


def search(page, query: str) -> list[str]:
    """Type a query as a reader does and return the result links in display order."""
    box = page.locator("input.md-search__input")
    box.click()
    meta = "() => { const m = document.querySelector('.md-search-result__meta'); return m && /结果|結果/.test(m.textContent) }"
    box.fill("")
    page.keyboard.press("End")
    page.wait_for_function(f"() => !({meta})()")  # the last query's results are gone
    box.fill(query)
    page.keyboard.press("End")  # Material searches on keyup; Playwright inserts CJK text without one
    page.wait_for_function(meta, timeout=20000)
    return page.eval_on_selector_all(".md-search-result__list a.md-search-result__link", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-Hant"])
def test_search_query_set_finds_the_paragraph_in_the_top_3(browser, zhenjiang_site, tag):
    page = browser.new_page()
    page.goto(f"{zhenjiang_site}{tag}/zhenjiang-2022/index.html")
    misses = []
    for q in QUERIES:
        links = search(page, q["query"])
        top3 = [link.split("#")[1] for link in links if "#" in link][:3]
        if not set(top3) & set(q["expect"]):
            misses.append((q["query"], q["expect"], top3))
    page.close()
    found = len(QUERIES) - len(misses)
    assert len(QUERIES) >= 20
    assert found / len(QUERIES) >= 0.95, f"{found}/{len(QUERIES)} on {tag}; misses: {misses}"


def test_a_query_in_the_other_script_finds_the_passage(browser, zhenjiang_site):
    page = browser.new_page()
    page.goto(f"{zhenjiang_site}zh-Hans/zhenjiang-2022/index.html")
    assert any(link.endswith("#s3-2-p5") for link in search(page, "營商環境"))
    page.goto(f"{zhenjiang_site}zh-Hant/zhenjiang-2022/index.html")
    links = search(page, "四群八链")
    assert any(link.endswith(("#s1-p2", "#s3-2-p3")) for link in links[:6])
    marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    assert "四群八鏈" in [m.replace("\u200b", "") for m in marks]  # marked in the page's script (jieba breaks aside)
    page.close()


@pytest.mark.parametrize("start,other", [("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")])
def test_script_switch_keeps_page_and_anchor(browser, base, start, other):
    page = browser.new_page()
    page.goto(f"{base}{start}/zhenjiang-2022/index.html#s3-2-p4")
    page.hover(".md-header__option .md-select")
    page.click(f'a.md-select__link[hreflang="{other}"]')
    page.wait_for_url(f"{base}{other}/zhenjiang-2022/index.html#s3-2-p4")
    text = page.text_content("#s3-2-p4")
    assert text.startswith("聚力推進園區整合" if other == "zh-Hant" else "聚力推进园区整合")
    highlight = page.eval_on_selector("#s3-2-p4", "e => getComputedStyle(e).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")  # the cited paragraph is highlighted
    page.close()


def test_glossary_tooltip_and_backlinks(browser, base):
    page = browser.new_page()
    page.goto(f"{base}zh-Hans/zhenjiang-2022/index.html#s3-1-p2")
    term = page.locator('#s3-1-p2 a.zh-term[data-term="si-qun-ba-lian"]')
    term.hover()
    tooltip = page.locator(".md-tooltip2").first
    tooltip.wait_for(state="visible")
    assert "four clusters and eight chains" in tooltip.text_content()
    term.click()
    page.wait_for_url("**/glossary/index.html#si-qun-ba-lian")
    entry = page.locator("#si-qun-ba-lian")
    assert "sì qún bā liàn" in entry.text_content()
    backlinks = entry.locator(".zh-occurrences a")
    targets = [backlinks.nth(i).get_attribute("href") for i in range(backlinks.count())]
    # this report's occurrences, whatever other documents content/ holds
    assert {t.split("#")[1] for t in targets if "zhenjiang-2022/" in t} == {"s1-p2", "s1-p9", "s3-1-p2", "s3-2-p3", "s3-6-p3"}
    quotes = entry.locator(".zh-occurrences q mark").all_text_contents()
    assert quotes and all(q == "四群八链" for q in quotes)
    backlinks.first.click()
    page.wait_for_url("**/zhenjiang-2022/index.html#s1-p2")
    assert page.is_visible("#s1-p2")
    page.close()


def copy_form(page, paragraph: str, form: str) -> str:
    page.hover(f"#{paragraph}")
    page.click(f"#{paragraph} button.zh-cite")
    page.click(f'#{paragraph} .zh-cite-menu [data-form="{form}"]')
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-Hant"])
def test_copy_citation(browser, base, tag, shipped):
    from zhpub.render.citation import paragraph_citations

    variant = {"zh-Hans": "hans", "zh-Hant": "hant"}[tag]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{base}{tag}/zhenjiang-2022/index.html#s3-2-p4")
    today = page.evaluate("(() => { const d = new Date(); return d.getFullYear() + '-' + String(d.getMonth() + 1)"
                          ".padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); })()")
    expected = paragraph_citations(shipped, shipped.block("s3-2-p4"), variant, f"{base}{tag}/zhenjiang-2022/", today)
    page.hover("#s3-2-p4")
    button = page.locator("#s3-2-p4 button.zh-cite")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    items = page.locator("#s3-2-p4 .zh-cite-menu [role=menuitem]")
    assert items.count() == 5  # three forms, two downloads
    assert page.evaluate("document.activeElement.dataset.form") == "short"  # focus moves into the menu
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.form") == "gbt"
    page.keyboard.press("Escape")
    assert page.locator(".zh-cite-menu").count() == 0 and button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('zh-cite')")
    copied = copy_form(page, "s3-2-p4", "short")
    assert copied == expected["short"]
    assert copied.startswith(f"{TITLE[tag]}三（二）第4段（") and copied.endswith(f" {base}{tag}/zhenjiang-2022/#s3-2-p4")
    page.wait_for_function("document.getElementById('zh-status').textContent.length > 0")  # the live region
    assert page.locator("#zh-status").text_content() == (
        {"hans": "已复制引用（简短引用）：", "hant": "已複製引用（簡短引用）："}[variant] + copied)
    assert copy_form(page, "s3-2-p4", "gbt") == expected["gbt"]
    assert copy_form(page, "s3-2-p4", "chicago") == expected["chicago"]
    # arriving from a search result (?h=…) leaves no query string in the citation
    page.goto(f"{base}{tag}/zhenjiang-2022/index.html?h=园区#s3-2-p4")
    assert copy_form(page, "s3-2-p4", "short") == copied
    context.close()


def test_no_request_to_any_other_host(browser, base):
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    for path in ("index.html", "zh-Hans/index.html", "zh-Hans/zhenjiang-2022/index.html", "zh-Hans/glossary/index.html",
                 "zh-Hant/zhenjiang-2022/indicators.html"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    search(page, "放管服")
    outside = [u for u in requests if not u.startswith((base, "data:", "blob:", "about:"))]
    assert outside == [] and len(requests) > 20
    context.close()


def open_full_text(page, slug: str) -> None:
    """From the documents page, follow the 全文 link of the document ``slug`` (found by name, not by position)."""
    page.click(f'section.zh-doc-card:has(h2[id="{slug}"]) ul.zh-doclinks a:text-is("全文")')
    page.wait_for_url(f"**/zh-Hans/{slug}/index.html")


def test_the_site_works_from_file_urls(browser, built):
    root = (built / "site").as_uri() + "/"
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(root + "zh-Hans/index.html")
    open_full_text(page, "zhenjiang-2022")
    links = search(page, "四群八链")
    assert any(link.endswith("#s1-p2") for link in links)
    page.goto(root + "zh-Hans/zhenjiang-2022/index.html#s3-2-p4")
    page.hover(".md-header__option .md-select")
    page.click('a.md-select__link[hreflang="zh-Hant"]')
    page.wait_for_url(root + "zh-Hant/zhenjiang-2022/index.html#s3-2-p4")
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
    context.close()


@pytest.mark.parametrize("locale,tag", [("zh-TW", "zh-Hant"), ("zh-CN", "zh-Hans"), ("en-US", "zh-Hans")])
def test_root_page_sends_a_reader_to_their_script(browser, base, locale, tag):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(base + "index.html")
    page.wait_for_url(f"{base}{tag}/index.html")
    context.close()


@pytest.mark.parametrize("width", [375, 1400])
def test_layout_on_phone_and_desktop(browser, base, width, tmp_path):
    page = browser.new_page(viewport={"width": width, "height": 900})
    for path in ("zhenjiang-2022/index.html", "zhenjiang-2022/indicators.html", "glossary/index.html"):
        page.goto(f"{base}zh-Hans/{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    page.goto(f"{base}zh-Hans/zhenjiang-2022/index.html#s3-p3")
    para = page.locator("#s3-p3").bounding_box()
    callout = page.locator("#callout-ind-s3-p3-1").bounding_box()
    if width < 800:
        assert callout["y"] >= para["y"] + para["height"] - 1  # under the paragraph
    else:
        assert callout["x"] >= para["x"] + para["width"]  # beside it
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#s3-p3')).fontSize)")
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('#s3-p3')).lineHeight)")
    assert size >= 15 and line / size >= 1.7  # readable long Chinese text
    # Justified text, but a paragraph's last line is set tight: the ¶ and citation tools after the text must not
    # push onto a line of their own and leave the last line of text spread letter by letter
    spread = page.evaluate(LAST_LINE_WIDTHS)
    assert len(spread["checked"]) > 50
    assert not spread["stretched"], spread["stretched"][:5]
    page.screenshot(path=str(tmp_path / f"report-{width}.png"))
    page.close()


# For each paragraph of the page: how wide the Han characters of the last line of its text are set, in ems (ranges
# over the text nodes, the tools excluded). Set solid, a Han character is 1 em wide; on a line spread to the full
# width by justification every character takes its share of the extra space.
LAST_LINE_WIDTHS = """() => {
  const checked = [], stretched = [];
  for (const p of document.querySelectorAll('p.zh-p')) {
    const em = parseFloat(getComputedStyle(p).fontSize);
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {acceptNode: n =>
      n.parentElement.closest('.zh-tools') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    const boxes = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (!/[\u4e00-\u9fff]/.test(n.data[i])) continue;
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        const b = r.getBoundingClientRect();
        boxes.push({width: b.width / em, top: Math.round(b.top)});
      }
    }
    if (boxes.length < 4) continue;
    const last = boxes.filter(b => b.top === boxes[boxes.length - 1].top);
    const widest = Math.max(...last.map(b => b.width));
    checked.push(p.id);
    if (last.length > 1 && widest > 1.05) stretched.push([p.id, last.length, widest]);
  }
  return {checked, stretched};
}"""


def test_another_document_sorting_first_changes_nothing_for_the_shipped_one(browser, tmp_path):
    """A new document whose slug sorts before the shipped one: the documents page, its links and search still
    lead to the right report (only the site is built, to keep this short)."""
    from zhpub.build import build_all

    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    first = project / "content" / "aaa-qinghe-county-2023"
    first.mkdir()
    (first / "source.txt").write_bytes((DATA / "fixtures" / "qinghe-county-2023.clean.txt").read_bytes())
    build_all(project, {"site"})
    root = (project / "build" / "site").as_uri() + "/"
    page = browser.new_page()
    page.goto(root + "zh-Hans/index.html")
    cards = page.eval_on_selector_all("section.zh-doc-card h2", "els => els.map(e => e.id)")
    assert cards[0] == "aaa-qinghe-county-2023" and "zhenjiang-2022" in cards  # the new one really comes first
    open_full_text(page, "zhenjiang-2022")
    assert page.text_content("#s3-2-p4").startswith("聚力推进园区整合")
    links = search(page, "四群八链")
    assert any("/zhenjiang-2022/index.html" in link and link.endswith("#s1-p2") for link in links)
    page.goto(root + "zh-Hans/index.html")
    open_full_text(page, "aaa-qinghe-county-2023")
    assert "清河县" in page.text_content("article")
    page.close()
