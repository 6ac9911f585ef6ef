"""The Hong Kong edition (``variants: [hans, hant, hk]`` in mkdocs.yml), built on request: a third site edition with
the same pages and ids, a script switch offering all three, its own search, PDFs and data. One small document (the
Zhenjiang report and its series), so the test builds three editions of one report, not the whole corpus."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

TAGS = ("zh-Hans", "zh-Hant", "zh-Hant-HK")
SLUG = "zhenjiang-2022"
# Words of the report whose Taiwan and Hong Kong standard glyphs differ, written by reading (Taiwan's 國字標準字體 /
# Hong Kong's 常用字字形表), not taken from the converter: Simplified, Taiwan, Hong Kong
GLYPHS = [("着力", "著力", "着力"), ("应税销售", "應稅銷售", "應税銷售"), ("四群八链", "四群八鏈", "四羣八鏈"),
          ("公共卫生", "公共衛生", "公共衞生")]


def with_hong_kong(project: Path) -> Path:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = "      variant: !ENV [ZHPUB_VARIANT, hans]\n"
    assert line in text
    config.write_text(text.replace(line, line + "      variants: [hans, hant, hk]\n"), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    from zhpub.build import build_all

    project = with_hong_kong(copy_project(tmp_path_factory.mktemp("hk")))
    build_all(project, {"data", "pdf", "site"}, jobs=2)
    return project


@pytest.fixture(scope="module")
def site(project) -> Path:
    return project / "build" / "site"


@pytest.fixture(scope="module")
def base(site):
    """The three-edition site on a loopback port."""
    from axe_audit import SiteServer

    with SiteServer(site) as url:
        yield url


class Page:
    """The parts of a built page these tests read: ids, <html lang>, hreflang alternates, the switch's links."""

    def __init__(self, path: Path):
        self.text = path.read_text(encoding="utf-8")
        self.lang = re.search(r'<html lang="([^"]+)"', self.text).group(1)
        self.ids = set(re.findall(r'\sid="([^"]+)"', self.text))
        self.alternates = dict((lang, href) for href, lang in re.findall(
            r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', self.text))
        self.switch = re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" class="md-select__link">\s*([^<]*?)\s*</a>',
                                 self.text)

    def paragraph(self, block_id: str) -> str:
        """The text of one block (tags dropped, entities read)."""
        m = re.search(rf'<(p|h[1-6])[^>]* id="{re.escape(block_id)}"[^>]*>(.*?)</\1>', self.text, re.S)
        assert m, block_id
        return html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))


def pages(root: Path) -> set[Path]:
    return {p.relative_to(root) for p in root.rglob("*.html")}


def test_every_page_of_the_document_and_the_corpus_is_in_each_edition_with_the_same_ids(site):
    hans, hant, hk = (pages(site / tag) for tag in TAGS)
    assert hk == hans == hant
    assert {Path(SLUG) / f"{name}.html" for name in ("index", "indicators", "corrections", "revisions")} <= hk
    assert Path("corpus/index.html") in hk and Path("glossary/index.html") in hk and Path("search.html") in hk
    for rel in sorted(hk):
        ids = [Page(site / tag / rel).ids for tag in TAGS]
        assert ids[0] == ids[1] == ids[2], rel
    assert {"s3-2-p4", "s1-p2", "callout-ind-s3-p3-1"} <= Page(site / "zh-Hant-HK" / SLUG / "index.html").ids


def test_lang_hreflang_and_a_switch_that_offers_all_three(site):
    for tag in TAGS:
        page = Page(site / tag / SLUG / "index.html")
        assert page.lang == tag
        assert set(page.alternates) == set(TAGS)
        assert all(page.alternates[t].endswith(f"{t}/index.html") for t in TAGS)
        assert [(lang, name) for _, lang, name in page.switch] == [
            ("zh-Hans", "简体"), ("zh-Hant", "台灣繁體"), ("zh-Hant-HK", "香港繁體")]
    root = (site / "index.html").read_text(encoding="utf-8")
    assert all(f'<a href="{t}/index.html" hreflang="{t}" lang="{t}">' in root for t in TAGS)
    assert "繁體中文（香港）" in root and "繁體中文（台灣）" in root


def test_hong_kong_glyphs_where_hong_kong_and_taiwan_differ(site, project):
    data = json.loads((project / "build" / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    hk_page, tw_page = (Page(site / tag / SLUG / "index.html") for tag in ("zh-Hant-HK", "zh-Hant"))
    for hans, taiwan, hong_kong in GLYPHS:
        block = next(b for b in data["blocks"] if b["kind"] == "paragraph" and hans in b["text"]["hans"])
        assert hong_kong in hk_page.paragraph(block["id"]) and taiwan not in hk_page.paragraph(block["id"]), hans
        assert taiwan in tw_page.paragraph(block["id"]) and hong_kong not in tw_page.paragraph(block["id"]), hans
    # the edition's own words (labels) in Hong Kong glyphs too, and the PDF links name all three
    hk_home = (site / "zh-Hant-HK" / "index.html").read_text(encoding="utf-8")
    assert [name for name in re.findall(r"PDF[^<（]*（([^<）]+)）", hk_home)][:3] == ["简体", "台灣繁體", "香港繁體"]
    assert f'href="../pdf/{SLUG}.zh-Hant-HK.pdf"' in hk_home


def test_glossary_and_indicators_in_the_hong_kong_edition(site):
    page = (site / "zh-Hant-HK" / SLUG / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="zh-term"[^>]*data-term="si-qun-ba-lian"[^>]*>四羣八鏈</a>', page)
    glossary = (site / "zh-Hant-HK" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "四羣八鏈" in glossary and "四群八鏈" not in glossary
    indicators = (site / "zh-Hant-HK" / SLUG / "indicators.html").read_text(encoding="utf-8")
    assert "應税銷售" in indicators and "應稅銷售" not in indicators


def test_the_hong_kong_search_index_holds_its_own_text(site):
    shard = json.loads((site / "zh-Hant-HK" / "search" / "shards" / f"{SLUG}.json").read_text(encoding="utf-8"))
    entries = {d["location"]: d for d in shard["docs"]}
    entry = entries[f"{SLUG}/index.html#s3-2-p4"]
    assert "园_区" in entry["zx"]  # folded to Simplified, so a query in any script finds it
    assert any("四羣八鏈" in d["text"].replace("\u200b", "") for d in shard["docs"])  # less jieba's word breaks
    assert not any("四群八鏈" in d["text"].replace("\u200b", "") for d in shard["docs"])


def test_the_hong_kong_pdf_and_data(project):
    from pypdf import PdfReader

    pdf = project / "build" / "pdf" / f"{SLUG}.zh-Hant-HK.pdf"
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant-HK"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.replace("\n", "")
    for _, taiwan, hong_kong in GLYPHS:
        assert hong_kong in text and taiwan not in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Serif-CJK-HK" in fonts and "Noto-Sans-CJK-HK" in fonts and "CJK-TC" not in fonts  # HK glyph shapes
    assert (project / "build" / "site" / "pdf" / pdf.name).is_file()
    data = json.loads((project / "build" / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert data["variants"] == ["hans", "hant", "hk"]
    assert {h["variant"] for h in data["glossary_hits"]} == {"hans", "hant", "hk"}
    csl = json.loads((project / "build" / "data" / f"{SLUG}.csl.json").read_text(encoding="utf-8"))
    assert [item["language"] for item in csl] == list(TAGS)
    glossary = json.loads((project / "build" / "data" / "glossary.json").read_text(encoding="utf-8"))
    assert {o["variant"] for t in glossary["terms"] for o in t["occurrences"]} == {"hans", "hant", "hk"}
    for tag in TAGS:  # each edition's data/ is build/data/'s
        for name in (f"{SLUG}.json", f"{SLUG}.csl.json", "glossary.json"):
            assert (project / "build" / "site" / tag / "data" / name).read_bytes() == \
                (project / "build" / "data" / name).read_bytes(), (tag, name)


def test_a_second_build_takes_all_three_editions_from_the_cache(project):
    from zhpub.build import BuildReport, build_all

    report = BuildReport()
    build_all(project, {"data", "pdf", "site"}, report=report, jobs=2)
    assert {f"site/{tag}/" for tag in TAGS} <= set(report.reused)
    assert f"pdf/{SLUG}.zh-Hant-HK.pdf" in report.reused and not [b for b in report.built if b.startswith(("site/", "pdf/"))]


@pytest.mark.slow
def test_three_edition_builds_are_byte_identical(project, tmp_path, monkeypatch):
    """Another build of the same project in another folder, serial and without the cache, gives the module's bytes
    (built by two processes, cache filled): the third edition's jobs and cache entries change nothing in build/."""
    from zhpub.build import build_all

    again = with_hong_kong(copy_project(tmp_path / "again"))
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    build_all(again, {"data", "pdf", "site"}, jobs=1)
    first, second = ({p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}
                     for root in (project / "build", again / "build"))
    assert Path(f"site/zh-Hant-HK/{SLUG}/index.html") in first and Path(f"pdf/{SLUG}.zh-Hant-HK.pdf") in first
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_a_variant_that_is_not_published_is_a_clear_error(tmp_path):
    project = copy_project(tmp_path / "p")
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "-q"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "ZHPUB_VARIANT": "hk"})
    assert result.returncode != 0 and "'hk' is not published" in result.stderr and "variants:" in result.stderr


@pytest.mark.parametrize("start,other", [("zh-Hant-HK", "zh-Hant"), ("zh-Hans", "zh-Hant-HK"), ("zh-Hant", "zh-Hant-HK")])
def test_the_switch_keeps_page_and_anchor_across_three_editions(browser, base, start, other):
    page = browser.new_page()
    page.goto(f"{base}{start}/{SLUG}/index.html#s3-2-p4")
    page.hover(".md-header__option .md-select")
    assert page.eval_on_selector_all("a.md-select__link", "els => els.map(e => e.hreflang)") == list(TAGS)
    page.click(f'a.md-select__link[hreflang="{other}"]')
    page.wait_for_url(f"{base}{other}/{SLUG}/index.html#s3-2-p4")
    assert page.eval_on_selector("html", "e => e.lang") == other
    assert page.text_content("#s3-2-p4").startswith("聚力推進園區整合")
    page.close()


def test_search_in_the_hong_kong_edition(browser, base, project):
    from test_browser import search

    page = browser.new_page()
    page.goto(f"{base}zh-Hant-HK/{SLUG}/index.html")
    links = search(page, "四羣八鏈")  # a query in the edition's own glyphs
    assert any(link.endswith(("#s1-p2", "#s3-2-p3")) for link in links[:6])
    marks = page.eval_on_selector_all(".md-search-result mark", "els => els.map(e => e.textContent)")
    assert "四羣八鏈" in [m.replace("\u200b", "") for m in marks]
    # the same word in the edition's glyphs and in Simplified finds the same paragraphs (the index is folded)
    hong_kong, simplified = search(page, "應税銷售"), search(page, "应税销售")
    page.close()
    paragraphs = [link.split("#")[1] for link in hong_kong if "#" in link]
    assert hong_kong[:4] == simplified[:4] and paragraphs, hong_kong
    data = json.loads((project / "build" / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    first = next(b for b in data["blocks"] if b["id"] == paragraphs[0])
    assert "應税銷售" in first["text"]["hk"], (paragraphs, hong_kong)


@pytest.mark.parametrize("name", ["home", "document", "indicators", "corrections", "revisions", "glossary-index",
                                  "glossary-entry", "how-to-cite", "search-results", "corpus-search", "root"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_wcag_a_or_aa_violation_in_the_hong_kong_edition(browser, base, name, viewport):
    from axe_audit import audit
    from test_a11y import describe

    violations = audit(browser, base, name, "zh-Hant-HK", viewport)
    assert violations == [], f"{name} zh-Hant-HK {viewport}:\n{describe(violations)}"


@pytest.mark.parametrize("locale,tag", [("zh-HK", "zh-Hant-HK"), ("zh-MO", "zh-Hant-HK"), ("zh-TW", "zh-Hant"),
                                        ("zh-CN", "zh-Hans")])
def test_the_root_page_sends_a_hong_kong_reader_to_the_hong_kong_edition(browser, base, locale, tag):
    context = browser.new_context(locale=locale)
    page = context.new_page()
    page.goto(f"{base}index.html#s3-2-p4")
    page.wait_for_url(f"{base}{tag}/index.html#s3-2-p4")
    context.close()


def test_mkdocs_build_strict_of_the_hong_kong_edition_has_no_warnings(tmp_path):
    project = with_hong_kong(copy_project(tmp_path / "p"))
    result = subprocess.run([str(Path(sys.executable).parent / "mkdocs"), "build", "--strict"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "ZHPUB_VARIANT": "hk", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (project / "build" / "site" / "zh-Hant-HK" / SLUG / "index.html").is_file()


# Characters Hong Kong's standard always writes otherwise than Taiwan's (稅/税, 戶/户, 脫/脱, 說/説, 衛/衞): written by
# reading the two standards, for pages too long to pick words from
TAIWAN_ONLY, HONG_KONG_ONLY = "稅戶脫說衛", "税户脱説衞"


@pytest.fixture(scope="module")
def series_site(tmp_path_factory) -> Path:
    """Two consecutive national reports (the shortest pair) in three editions: a comparison page and a ledger."""
    from zhpub.build import build_all

    project = with_hong_kong(copy_project(tmp_path_factory.mktemp("hk-series"), ("national-2020", "national-2021")))
    build_all(project, {"site"}, jobs=2)
    return project / "build" / "site"


def test_comparison_and_ledger_pages_in_the_hong_kong_edition(series_site):
    for page in ("corpus/national/2020-2021.html", "corpus/national/ledger.html", "corpus/national/index.html"):
        ids = [Page(series_site / tag / page).ids for tag in TAGS]
        assert ids[0] == ids[1] == ids[2], page
    comparison = {tag: Page(series_site / tag / "corpus/national/2020-2021.html").text for tag in TAGS}
    for char in TAIWAN_ONLY:
        assert char not in comparison["zh-Hant-HK"]
    for char in HONG_KONG_ONLY:
        assert char not in comparison["zh-Hant"]
    assert sum(comparison["zh-Hant-HK"].count(c) for c in HONG_KONG_ONLY) > 10
    ledger = Page(series_site / "zh-Hant-HK" / "corpus/national/ledger.html").text
    assert not set(TAIWAN_ONLY) & set(ledger)
    # a quoted figure links to the same paragraph in the Simplified edition, as the Taiwan edition's does
    assert 'hreflang="zh-Hans"' in ledger and "../../../zh-Hans/national-2021/index.html#" in ledger
