"""Corpus pages in a built site: a project of the Zhenjiang report and three national reports (2023–2025),
checked in the HTML and in a real browser at desktop and phone widths."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest

from conftest import DATA, copy_project

pytestmark = pytest.mark.slow
YEARS = (2023, 2024, 2025)
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from zhpub.build import build_all

    root = copy_project(tmp_path_factory.mktemp("corpus"), ("zhenjiang-2022", *(f"national-{year}" for year in YEARS)))
    build_all(root, {"data", "site"})
    return root


def page(project, path: str, tag: str = "zh-Hans") -> str:
    return (project / "build" / "site" / tag / path).read_text(encoding="utf-8")


def test_corpus_home_lists_series_by_year(project):
    import re

    html = page(project, "corpus/index.html")
    for year in YEARS:
        assert re.search(rf'href="../national-{year}/index.html" title="[^"]+">{year}</a>', html)
    assert re.search(r'href="../zhenjiang-2022/index.html" title="[^"]+">2022</a>', html)
    # one column a year of the corpus (2022–2025): Zhenjiang has three empty years, the State Council one
    row = html[html.index('id="series-zhenjiang"'):html.index("</tr>", html.index('id="series-zhenjiang"'))]
    assert row.count('class="zh-none"') == 3 and "共 1 份报告" in row
    assert "国务院" in html and "镇江市人民政府" in html
    assert "國務院" in page(project, "corpus/index.html", "zh-Hant")


def test_ledger_exports_and_page(project):
    data = project / "build" / "data"
    rows = json.loads((data / "ledger-national.json").read_text(encoding="utf-8"))["rows"]
    gdp = {r["year"]: r for r in rows if r["measure"] == "gdp-growth"}
    assert gdp[2023]["verdict"] == "met" and gdp[2024]["verdict"] == "met" and gdp[2025]["verdict"] == "pending"
    assert gdp[2023]["target"]["doc"] == "national-2023" and gdp[2023]["result"]["doc"] == "national-2024"
    table = list(csv.DictReader(io.StringIO((data / "ledger-national.csv").read_text(encoding="utf-8-sig"))))
    assert len(table) == len(rows) and {r["verdict"] for r in table} <= {"met", "close", "missed", "not reported", "no target", "pending"}
    html = page(project, "corpus/national/ledger.html")
    # each side links to its paragraph, in this script and the other
    target = gdp[2023]["target"]
    assert f'href="../../national-2023/index.html#{target["block"]}"' in html
    assert f'href="../../../zh-Hant/national-2023/index.html#{target["block"]}"' in html
    assert 'id="gdp-growth-2023"' in html and "越高越好" in html and "higher is better" not in html  # the page's script


SVG = "{http://www.w3.org/2000/svg}"


def test_charts_are_svg_made_at_build_time(project):
    svg = (project / "build" / "site" / "zh-Hans" / "corpus" / "national" / "charts" / "gdp-growth.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and "script" not in svg
    legend = set(root.find(f"{SVG}g[@class='zh-legend']").iter())
    markers = [e for e in root.iter() if "zh-result" in e.get("class", "") and e not in legend]
    assert len(markers) == 2  # results for 2023 and 2024; 2025 has no next report yet
    assert len([e for e in root.iter(f"{SVG}rect") if e.get("class") == "zh-target"]) == 3  # a target each year
    # an accessible name and description (the data in words), a legend and the unit on the axis, in this script
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find(f"{SVG}title").text.startswith("国内生产总值增长（%）")
    desc = root.find(f"{SVG}desc").text
    rows = {r["year"]: r for r in json.loads((project / "build" / "data" / "ledger-national.json").read_text(encoding="utf-8"))["rows"]
            if r["measure"] == "gdp-growth"}
    for year, row in rows.items():
        assert f"{year}：目标 {row['target']['text']['hans']}" in desc
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"目标", "完成", "接近", "未完成", "未设目标", "%", "2023", "2025"} <= set(texts)
    assert all(t.get("fill", root.get("fill")) == "#1a1a1a" for t in root.iter(f"{SVG}text"))  # dark ink on white
    hant = ET.fromstring((project / "build" / "site" / "zh-Hant" / "corpus" / "national" / "charts" / "gdp-growth.svg").read_text(encoding="utf-8"))
    assert hant.find(f"{SVG}title").text.startswith("國內生產總值增長") and "未設目標" in [t.text for t in hant.iter(f"{SVG}text")]
    assert 'src="charts/gdp-growth.svg"' in page(project, "corpus/national/ledger.html")


def test_ledger_is_one_table_with_hedges_and_both_scripts(project):
    """Every row of the ledger export is one row of the page's table, with its measure, year and verdict as data
    (for the filter), its hedges shown beside the phrase and each side linked to its paragraph in both scripts."""
    rows = json.loads((project / "build" / "data" / "ledger-national.json").read_text(encoding="utf-8"))["rows"]
    for tag, other in (("zh-Hans", "zh-Hant"), ("zh-Hant", "zh-Hans")):
        html = page(project, "corpus/national/ledger.html", tag)
        body = html[html.index('id="ledger-table"'):html.index("</table>", html.index('id="ledger-table"'))]
        assert body.count("<tr id=") == len(rows)
        for r in rows:
            assert f'<tr id="{r["measure"]}-{r["year"]}" class="zh-verdict-{r["verdict"].replace(" ", "-")}" data-measure="{r["measure"]}" data-year="{r["year"]}" data-verdict="{r["verdict"]}">' in body
            for side in (r["target"], r["result"]):
                if side:
                    assert f'href="../../../{other}/{side["doc"]}/index.html#{side["block"]}" hreflang="{other}"' in body
        gdp = next(r for r in rows if r["measure"] == "gdp-growth" and r["year"] == 2024)
        assert gdp["target"]["hedge"] == "左右"
        row = body[body.index('<tr id="gdp-growth-2024"'):body.index("</tr>", body.index('<tr id="gdp-growth-2024"'))]
        assert '<span class="zh-hedge"' in row and ">左右</span>" in row
        # the rule in the page's script, with the figures of the data's (English) rule
        rule = row[row.index("<small>", row.index('class="zh-verdict"')) + 7:row.index("</small>", row.index('class="zh-verdict"'))]
        assert rule.replace("&gt;", ">") == f"越高越好：{'结' if tag == 'zh-Hans' else '結'}果 {gdp['result']['value']:g}，下限 {gdp['target']['value']:g} → 完成"
        assert gdp["rule"] == f"higher is better: result {gdp['result']['value']:g} against floor {gdp['target']['value']:g} → met"
        # without script the form is hidden: the page is the full table
        assert '<form class="zh-ledger-filter" id="ledger-filter" data-table="ledger-table"' in html and "hidden><fieldset>" in html


def test_comparison_pages_for_each_pair(project):
    for a, b in zip(YEARS, YEARS[1:]):
        html = page(project, f"corpus/national/{a}-{b}.html")
        assert "<ins>" in html and "<del>" in html
        assert f'href="../../national-{b}/index.html#s1"' in html
    html = page(project, "corpus/national/2024-2025.html")
    assert "两重" in html and "新三样" in html  # new and dropped terms, listed by reading (test_compare.py)


def side_text(html: str, pair: str, side: str) -> str:
    """The text of one side of a section pair on a comparison page, tags dropped (the marks are tags)."""
    import re

    section = html[html.index(f'id="{pair}"'):html.index("</section>", html.index(f'id="{pair}"'))]
    cells = re.findall(rf'<div class="zh-{side}" data-year="\d+">(.*?)</div>', section)[1:]  # [0] is the heading
    return re.sub(r"<[^>]+>", "", "".join(cells))


def pair_ids(html: str) -> list[str]:
    import re

    return re.findall(r'<section class="zh-pair zh-pair-level-\d" id="([^"]+)"', html)


@pytest.mark.parametrize("tag,script", [("zh-Hans", "hans"), ("zh-Hant", "hant")])
def test_comparison_marks_rebuild_both_texts_in_both_scripts(project, tag, script):
    """Every aligned part and section shows the whole own text of both years, in the page's script, nothing lost
    or doubled; both scripts have the same sections with the same ids (pair-<earlier id>-<later id>)."""
    import html as htmllib

    other = "zh-Hant" if tag == "zh-Hans" else "zh-Hans"
    page_html = page(project, "corpus/national/2024-2025.html", tag)
    ids = pair_ids(page_html)
    assert len(ids) > 10 and ids == pair_ids(page(project, "corpus/national/2024-2025.html", other))
    docs = {y: json.loads((project / "build" / "data" / f"national-{y}.json").read_text(encoding="utf-8")) for y in (2024, 2025)}
    for pair in ids:
        rest = pair[len("pair-"):]
        for side, year in (("before", 2024), ("after", 2025)):
            heads = sorted((b["id"] for b in docs[year]["blocks"] if b["kind"] in ("part", "section")), key=len, reverse=True)
            block = next((h for h in heads if (rest.startswith(h + "-") if side == "before" else rest.endswith("-" + h))), None)
            want = "".join(b["text"][script] for b in docs[year]["blocks"]
                           if block and b.get("parent") == block and b["kind"] == "paragraph")
            assert htmllib.unescape(side_text(page_html, pair, side)) == want, (pair, side)


def test_previous_and_next_report_links(project):
    html = page(project, "national-2024/index.html")
    assert 'class="zh-prev" rel="prev" href="../national-2023/index.html"' in html
    assert 'class="zh-next" rel="next" href="../national-2025/index.html"' in html
    assert 'href="../corpus/national/2023-2024.html"' in html
    assert 'class="zh-prev"' not in page(project, "national-2023/index.html")


@pytest.mark.parametrize("width", [390, 1280])
def test_corpus_pages_in_a_browser(project, browser, width, tmp_path):
    site = project / "build" / "site" / "zh-Hans"
    view = browser.new_page(viewport={"width": width, "height": 900})
    for path in ("corpus/index.html", "corpus/national/ledger.html", "corpus/national/2024-2025.html"):
        view.goto((site / path).as_uri())
        assert view.evaluate("document.documentElement.scrollWidth") <= width, path
        view.screenshot(path=str(tmp_path / f"{path.replace('/', '-')}-{width}.png"))
    view.goto((site / "corpus/national/ledger.html").as_uri())
    assert view.evaluate("document.querySelector('img[src=\"charts/gdp-growth.svg\"]').naturalWidth") > 0  # the chart loads offline
    view.goto((site / "corpus/national/2024-2025.html").as_uri() + "#pair-s2-s2")
    row = view.locator("#pair-s2-s2 .zh-row-replace").first  # a reworded sentence: both years in one row
    before, after = row.locator(".zh-before").bounding_box(), row.locator(".zh-after").bounding_box()
    if width >= 800:
        assert after["x"] > before["x"] + before["width"] - 1  # side by side
    else:
        assert after["y"] >= before["y"] + before["height"] - 1  # the earlier year above the later
        # a kept run is shown once on a phone, and each side says its year
        assert not view.locator("#pair-s2-s2 .zh-row-equal .zh-before").first.is_visible()
        label = view.evaluate("getComputedStyle(document.querySelector('#pair-s2-s2 .zh-row-replace .zh-after'), '::before').content")
        assert label == '"2025　"'
    colour = view.evaluate("getComputedStyle(document.querySelector('.zh-after ins')).backgroundColor")
    assert colour != "rgba(0, 0, 0, 0)"
    view.close()


def visible_rows(view) -> list[dict]:
    return view.eval_on_selector_all("#ledger-table tbody tr", "rs => rs.filter(r => r.offsetParent !== null).map(r => ({...r.dataset}))")


@pytest.mark.parametrize("width", [390, 1280])
def test_ledger_filter_in_a_browser(project, browser, width):
    """From file://, no server: the filter shows the rows of one measure, year or verdict and keeps the choice in the
    address (a filtered view can be linked, and survives the script switch); without script, the full table."""
    rows = json.loads((project / "build" / "data" / "ledger-national.json").read_text(encoding="utf-8"))["rows"]
    url = (project / "build" / "site" / "zh-Hans" / "corpus" / "national" / "ledger.html").as_uri()
    view = browser.new_page(viewport={"width": width, "height": 900})
    view.goto(url)
    assert view.locator("#ledger-filter").is_visible() and len(visible_rows(view)) == len(rows)
    view.select_option("#ledger-filter select[name=measure]", "gdp-growth")
    shown = visible_rows(view)
    assert [(r["measure"], int(r["year"])) for r in shown] == [("gdp-growth", r["year"]) for r in rows if r["measure"] == "gdp-growth"]
    assert view.locator("#ledger-filter output").inner_text() == f"显示 {len(shown)} 行，共 {len(rows)} 行"
    assert "?measure=gdp-growth" in view.url
    view.select_option("#ledger-filter select[name=measure]", "")
    view.select_option("#ledger-filter select[name=verdict]", "met")
    assert {r["verdict"] for r in visible_rows(view)} == {"met"}
    assert len(visible_rows(view)) == sum(r["verdict"] == "met" for r in rows)
    view.click("#ledger-filter button[type=reset]")
    view.wait_for_function(f"document.querySelectorAll('#ledger-table tbody tr:not([hidden])').length === {len(rows)}")
    # a linked filtered view, and the script switch keeps the filter
    view.goto(url + "?year=2024")
    assert {r["year"] for r in visible_rows(view)} == {"2024"} and view.input_value("select[name=year]") == "2024"
    assert view.evaluate("document.documentElement.scrollWidth") <= width
    if width >= 1280:  # the language menu sits in the header on a desktop
        view.hover(".md-header__option .md-select")
        view.click("a.md-select__link[hreflang='zh-Hant']")
        view.wait_for_url("**/zh-Hant/corpus/national/ledger.html?year=2024")
        assert {r["year"] for r in visible_rows(view)} == {"2024"}
    view.close()
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 900})
    plain = context.new_page()
    plain.goto(url + "?measure=cpi")
    assert not plain.locator("#ledger-filter").is_visible() and len(visible_rows(plain)) == len(rows)
    context.close()


def test_terms_over_time_page(project):
    html = page(project, "corpus/national/terms.html")
    # 高质量发展 is in the glossary and in each of the three reports (counted here on the source files)
    counts = {y: (DATA / "national" / f"national-{y}.txt").read_text(encoding="utf-8").count("高质量发展") for y in YEARS}
    assert all(counts.values())
    assert 'href="../../glossary/index.html#gao-zhi-liang-fa-zhan"' in html
    svg = (project / "build" / "site" / "zh-Hans" / "corpus" / "national" / "terms" / "gao-zhi-liang-fa-zhan.svg").read_text(encoding="utf-8")
    assert len(ET.fromstring(svg).findall("{http://www.w3.org/2000/svg}rect")) == len(YEARS)


AXE_PAGES = ["corpus/index.html", "corpus/national/index.html", "corpus/national/ledger.html",
             "corpus/national/2024-2025.html", "corpus/national/terms.html"]


AXE_CASES = [(path, tag, "desktop") for path in AXE_PAGES for tag in ("zh-Hans", "zh-Hant")] + [
    (path, "zh-Hant", "phone") for path in AXE_PAGES[:4]]


@pytest.mark.parametrize("path,tag,viewport", AXE_CASES)
def test_corpus_pages_pass_axe(project, browser, path, tag, viewport):
    from axe_audit import VIEWPORTS, run_axe
    from test_a11y import describe

    context = browser.new_context(**VIEWPORTS[viewport])
    view = context.new_page()
    view.goto((project / "build" / "site" / tag / path).as_uri())
    violations = run_axe(view)
    context.close()
    assert violations == [], f"{path} {tag} {viewport}:\n{describe(violations)}"


@pytest.mark.parametrize("path", AXE_PAGES)
def test_corpus_pages_fit_a_phone(project, browser, path):
    """On a 390 px phone neither the page nor a table in it scrolls sideways: wide tables become cards."""
    view = browser.new_page(viewport={"width": 390, "height": 844})
    view.goto((project / "build" / "site" / "zh-Hant" / path).as_uri())
    page_width, wide = view.evaluate("""() => [document.documentElement.scrollWidth,
        Array.from(document.querySelectorAll('.zh-table-wrap')).filter(w => w.scrollWidth > w.clientWidth + 1)
             .map(w => w.querySelector('table').className + ' ' + w.scrollWidth + '>' + w.clientWidth)]""")
    view.close()
    assert page_width <= 390 and wide == [], (path, page_width, wide)


@pytest.mark.parametrize("width", [390, 1280])
def test_previous_and_next_keep_to_the_series_in_a_browser(project, browser, width):
    """From a report, next and previous lead to the same body's reports year by year, ending at the series' ends;
    the Zhenjiang report, alone in its series, has neither. Each report page links its year's ledger rows."""
    site = project / "build" / "site" / "zh-Hans"
    view = browser.new_page(viewport={"width": width, "height": 900})
    view.goto((site / "national-2023" / "index.html").as_uri())
    assert view.locator("nav.zh-neighbours a.zh-prev").count() == 0
    seen = ["national-2023"]
    while view.locator("nav.zh-neighbours a.zh-next").count():
        view.click("nav.zh-neighbours a.zh-next")
        view.wait_for_load_state("load")
        seen.append(view.url.split("/")[-2])
    assert seen == [f"national-{y}" for y in YEARS]
    view.click("nav.zh-neighbours a.zh-prev")
    view.wait_for_load_state("load")
    assert view.url.endswith("/national-2024/index.html")
    view.click("nav.zh-neighbours a.zh-ledger")
    view.wait_for_function("() => { const o = document.querySelector('#ledger-filter output'); return !!o && o.textContent !== '' }")  # the filter ran
    assert view.url.endswith("/corpus/national/ledger.html?year=2024#ledger")
    assert {r["year"] for r in visible_rows(view)} == {"2024"}
    view.goto((site / "zhenjiang-2022" / "index.html").as_uri())
    assert view.locator("nav.zh-neighbours a.zh-prev, nav.zh-neighbours a.zh-next").count() == 0
    view.close()


@pytest.mark.parametrize("path", ["corpus/index.html", "corpus/national/index.html", "corpus/national/ledger.html#cpi",
                                  "corpus/national/2024-2025.html#pair-s3-7-s3-7", "corpus/national/terms.html"])
def test_script_switch_keeps_the_place_on_corpus_pages(project, browser, path):
    """Every corpus page exists in both scripts at the same path with the same ids; the switch keeps the anchor."""
    import re

    hans, hant = (page(project, path.split("#")[0], tag) for tag in ("zh-Hans", "zh-Hant"))
    assert re.findall(r'\bid="([^"]+)"', hans) == re.findall(r'\bid="([^"]+)"', hant)
    view = browser.new_page(viewport={"width": 1280, "height": 900})
    view.goto((project / "build" / "site" / "zh-Hans").as_uri() + "/" + path)
    view.hover(".md-header__option .md-select")
    view.click("a.md-select__link[hreflang='zh-Hant']")
    view.wait_for_url("**/zh-Hant/" + path)
    assert view.evaluate("document.documentElement.lang") == "zh-Hant"
    view.close()


def test_series_page_lists_reports_with_comparisons_and_ledger_rows(project):
    for tag, title in (("zh-Hans", "年国务院政府工作报告"), ("zh-Hant", "年國務院政府工作報告")):
        html = page(project, "corpus/national/index.html", tag)
        for k, year in enumerate(YEARS):
            row = html[html.index(f'<tr id="y{year}">'):html.index("</tr>", html.index(f'<tr id="y{year}">'))]
            assert f'href="../../national-{year}/index.html">{year}{title}</a>' in row
            assert (f'href="{YEARS[k - 1]}-{year}.html"' in row) == (k > 0)  # the comparison with the year before
            assert f'href="ledger.html?year={year}#ledger"' in row  # every year of the three sets targets


def test_glossary_entry_shows_the_term_across_the_series(project):
    """The glossary entry of a term the national reports use says, per series, its first and last year and its
    count, with the per-year chart, linked to the series' terms page (both scripts, same anchors)."""
    import re

    counts = {y: (DATA / "national" / f"national-{y}.txt").read_text(encoding="utf-8").count("高质量发展") for y in YEARS}
    for tag, label in (("zh-Hans", "2023–2025年出现"), ("zh-Hant", "2023–2025年出現")):
        html = page(project, "glossary/index.html", tag)
        entry = html[html.index('id="gao-zhi-liang-fa-zhan"'):html.index("</section>", html.index('id="gao-zhi-liang-fa-zhan"'))]
        line = re.search(r'<p class="zh-term-timeline"><a href="../corpus/national/terms.html#term-gao-zhi-liang-fa-zhan">[^<]+</a>：([^<]+) '
                         r'<img src="../corpus/national/terms/gao-zhi-liang-fa-zhan.svg" alt="([^"]+)"', entry)
        assert line and line.group(1).startswith(label)
        total = int(re.search(r"共(\d+)次", line.group(1)).group(1))
        per_year = dict(map(int, m) for m in re.findall(r"(\d{4})年(\d+)次", line.group(2)))
        assert sorted(per_year) == list(YEARS) and sum(per_year.values()) == total
        assert all(0 < n <= counts[y] for y, n in per_year.items())  # hits never exceed the text's occurrences
        assert 'id="term-gao-zhi-liang-fa-zhan"' in page(project, "corpus/national/terms.html", tag)


NAV_TREE = """() => {
  const title = li => (li.querySelector(':scope > .md-nav__link, :scope > .md-nav__container > .md-nav__link')
                       || {textContent: ''}).textContent.replace(/\\s+/g, ' ').trim();
  const walk = ul => [...ul.querySelectorAll(':scope > li.md-nav__item')].map(li => {
    const inner = li.querySelector(':scope > nav > ul.md-nav__list');
    return [title(li), inner ? walk(inner) : []];
  });
  return walk(document.querySelector('nav.md-nav--primary > ul.md-nav__list'));
}"""


@pytest.mark.parametrize("tag, body, title", [("zh-Hans", "国务院", "{}年国务院政府工作报告"),
                                               ("zh-Hant", "國務院", "{}年國務院政府工作報告")])
def test_navigation_lists_reports_under_their_series_by_year(project, browser, tag, body, title):
    """With a corpus, the sidebar groups each body's reports in its section, oldest first, beside the series'
    own pages, so it stays a few lines long however many reports there are; the report being read is open."""
    view = browser.new_page(viewport={"width": 1280, "height": 900})
    view.goto((project / "build" / "site" / tag / "national-2024" / "index.html").as_uri())
    tree = dict(view.evaluate(NAV_TREE))
    view.close()
    top = list(tree)
    assert not any(t.endswith(title.format("")[-6:]) for t in top), top  # no report at the top level
    national = [t for t, _ in tree[body]]
    reports = [t for t in national if t in {title.format(y) for y in YEARS}]
    assert reports == [title.format(y) for y in YEARS], national  # by year, all of them
    assert national.index(reports[-1]) < len(national) - 2  # the series' own pages (terms, ledger…) follow
    zhenjiang = next(v for t, v in tree.items() if t.startswith(("镇江", "鎮江")))
    assert [t for t, _ in zhenjiang][0].startswith("2022年")
    assert top.index(body) > top.index("历年报告" if tag == "zh-Hans" else "歷年報告")
