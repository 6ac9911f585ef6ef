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

    root = copy_project(tmp_path_factory.mktemp("corpus"))
    for year in YEARS:
        folder = root / "content" / f"national-{year}"
        folder.mkdir()
        (folder / "source.txt").write_bytes((DATA / "national" / f"national-{year}.txt").read_bytes())
        (folder / "document.yaml").write_text(f"title: {year}年国务院政府工作报告\nseries: national\nyear: {year}\n", encoding="utf-8")
    build_all(root, {"data", "site"})
    return root


def page(project, path: str, tag: str = "zh-Hans") -> str:
    return (project / "build" / "site" / tag / path).read_text(encoding="utf-8")


def test_corpus_home_lists_series_by_year(project):
    html = page(project, "corpus/index.html")
    for year in YEARS:
        assert f'href="../national-{year}/index.html">{year}</a>' in html
    assert 'href="../zhenjiang-2022/index.html">2022</a>' in html
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
    assert 'id="gdp-growth-2023"' in html and "higher is better" in html


def test_charts_are_svg_made_at_build_time(project):
    svg = (project / "build" / "site" / "zh-Hans" / "corpus" / "national" / "charts" / "gdp-growth.svg").read_text(encoding="utf-8")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "script" not in svg
    circles = root.findall("{http://www.w3.org/2000/svg}circle")
    assert len(circles) == 2  # results for 2023 and 2024; 2025 has no next report yet
    assert 'src="charts/gdp-growth.svg"' in page(project, "corpus/national/ledger.html")


def test_comparison_pages_for_each_pair(project):
    for a, b in zip(YEARS, YEARS[1:]):
        html = page(project, f"corpus/national/{a}-{b}.html")
        assert "<ins>" in html and "<del>" in html
        assert f'href="../../national-{b}/index.html#s1"' in html
    html = page(project, "corpus/national/2024-2025.html")
    assert "两重" in html and "新三样" in html  # new and dropped terms, listed by reading (test_compare.py)


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
    before = view.locator("#pair-s2-s2 .zh-before").bounding_box()
    after = view.locator("#pair-s2-s2 .zh-after").bounding_box()
    if width >= 800:
        assert after["x"] > before["x"] + before["width"] - 1  # side by side
    else:
        assert after["y"] >= before["y"] + before["height"] - 1  # one above the other
    colour = view.evaluate("getComputedStyle(document.querySelector('.zh-after ins')).backgroundColor")
    assert colour != "rgba(0, 0, 0, 0)"
    view.close()


def test_terms_over_time_page(project):
    html = page(project, "corpus/national/terms.html")
    # 高质量发展 is in the glossary and in each of the three reports (counted here on the source files)
    counts = {y: (DATA / "national" / f"national-{y}.txt").read_text(encoding="utf-8").count("高质量发展") for y in YEARS}
    assert all(counts.values())
    assert 'href="../../glossary/index.html#gao-zhi-liang-fa-zhan"' in html
    svg = (project / "build" / "site" / "zh-Hans" / "corpus" / "national" / "terms" / "gao-zhi-liang-fa-zhan.svg").read_text(encoding="utf-8")
    assert len(ET.fromstring(svg).findall("{http://www.w3.org/2000/svg}rect")) == len(YEARS)
