"""The glossary: schema errors with file:line, matching in both scripts, every term used."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from zhpub.content import load_project_glossary
from zhpub.errors import ZhpubError
from zhpub.knowledge.glossary import Glossary, Term, find_hits, load_glossary, unused_terms

GOOD = """\
- headword: 放管服
  pinyin: fàng guǎn fú
  english: streamline administration, delegate power, improve regulation and services
  status: suggested
  category: national
  explanation:
    zh: 简政放权、放管结合、优化服务。
    en: Cutting red tape, combining delegation with regulation, improving services.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    """A glossary folder with the project's categories (glossary/categories.yaml) and one file of entries."""
    folder = tmp_path / "glossary"
    folder.mkdir(exist_ok=True)
    if not (folder / "categories.yaml").exists():
        shutil.copy(ROOT / "glossary" / "categories.yaml", folder / "categories.yaml")
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_project_glossary(ROOT)


def test_shipped_glossary_loads_and_covers_the_report(glossary, shipped_documents):
    assert len(glossary.terms) >= 60
    assert unused_terms(glossary, list(shipped_documents.values())) == []  # every term occurs in a shipped report
    categories = {t.category for t in glossary.terms}
    assert categories == set(glossary.categories) == {"national", "jiangsu", "zhenjiang", "brand", "policy"}
    assert {t.scope for t in glossary.terms if t.category == "jiangsu"} == {"province"}
    assert {t.place for t in glossary.terms if t.category == "zhenjiang"} == {"镇江市"}
    for needed in ("放管服", "双减", "四群八链", "两个确立", "六稳", "六保", "镇合意", "金山英才", "揭榜挂帅", "专精特新",
                   "三大攻坚战", "两个毫不动摇", "四个全面", "五位一体", "一国两制", "互联网+", "大众创业、万众创新"):
        assert any(t.headword == needed for t in glossary.terms), needed
    # official or well-known renderings say where they come from
    assert all(t.source.startswith(("https://", "http://")) for t in glossary.terms if t.status != "suggested")


def test_every_quoted_slogan_that_is_a_term_is_linked_where_it_stands(glossary, shipped):
    """Slogans stand in “…” in this genre: wherever a quoted span is a glossary form, that very span is a hit,
    in both scripts (the matcher, not a list of this report's quotes, is what is tested)."""
    import re

    forms = {f for t in glossary.terms for f in (t.headword, *t.aliases)}
    checked = 0
    for block in shipped.blocks:
        for m in re.finditer(r"“([^”]{2,12})”", block.text["hans"]):
            if m.group(1) not in forms:
                continue
            checked += 1
            for variant in ("hans", "hant"):
                spans = {(h.start, h.end) for h in shipped.glossary_hits if h.block == block.id and h.variant == variant}
                assert (m.start(1), m.end(1)) in spans, (block.id, variant, m.group(1))
    assert checked >= 10  # the report quotes many of its slogans


def test_hits_in_both_scripts_line_up(shipped):
    hans = [(h.block, h.start, h.end, h.term) for h in shipped.glossary_hits if h.variant == "hans"]
    hant = [(h.block, h.start, h.end, h.term) for h in shipped.glossary_hits if h.variant == "hant"]
    assert hans == hant and len(hans) >= 200
    block = shipped.block("s3-2-p5")
    hit = next(h for h in shipped.glossary_hits if h.term == "放管服" and h.variant == "hant")
    assert shipped.block(hit.block).text["hant"][hit.start : hit.end] == "放管服"
    assert any(h.block == block.id for h in shipped.glossary_hits if h.term == "营商环境" or h.term == "镇合意")


def test_longest_match_first_and_no_overlaps(shipped):
    by_block: dict[tuple[str, str], list] = {}
    for h in shipped.glossary_hits:
        by_block.setdefault((h.block, h.variant), []).append(h)
    for hits in by_block.values():
        hits.sort(key=lambda h: h.start)
        for a, b in zip(hits, hits[1:]):
            assert a.end <= b.start
    # 稳中求进工作总基调 is one hit (the alias), not 稳中求进 plus text
    s2p5 = [h.text for h in shipped.glossary_hits if h.block == "s2-p5" and h.variant == "hans"]
    assert "稳中求进工作总基调" in s2p5
    # 双减双控 (PM2.5 and ozone) is not the education policy 双减
    s34 = [h.term for h in shipped.glossary_hits if h.block == "s3-4-p4" and h.variant == "hans"]
    assert "双减" not in s34


def test_matching_is_text_only():
    from zhpub.model import Block, Document

    term = Term("双减", "雙減", "shuāng jiǎn", "double reduction", "suggested", "national", {"zh": "x", "en": "y"})
    doc = Document("d", {}, [Block("s1", "part", 1, {"hans": "双减", "hant": "雙減"}),
                             Block("s1-p1", "paragraph", 3, {"hans": "抓好“双减”工作", "hant": "抓好“雙減”工作"})], [], [])
    hits = find_hits(doc, Glossary([term]))
    assert [(h.block, h.variant, h.start) for h in hits] == [("s1-p1", "hans", 3), ("s1-p1", "hant", 3)]


@pytest.mark.parametrize(
    "name,text,message",
    [
        ("national.yaml", GOOD.replace("  pinyin: fàng guǎn fú\n", ""), "national.yaml:1: lacks 'pinyin'"),
        ("national.yaml", GOOD.replace("category: national", "category: nationwide"), "national.yaml:5: unknown category 'nationwide'"),
        ("national.yaml", GOOD.replace("status: suggested", "status: official"), "national.yaml:4: status official needs a source URL"),
        ("national.yaml", GOOD.replace("fàng guǎn fú", "fàng guǎn"), "national.yaml:2: pinyin has 2 syllables for 3 characters"),
        ("national.yaml", GOOD + "  colour: red\n", "national.yaml:9: unknown field 'colour'"),
        ("national.yaml", GOOD.replace("    en: Cutting", "   en: Cutting"), "national.yaml:8:"),
        ("national.yaml", GOOD + GOOD.replace("\n", "\n", 1), "duplicate term '放管服'"),
        ("policy.yaml", GOOD.replace("category: national", "category: national"), "policy.yaml:5: category 'national' in policy.yaml"),
        ("misc.yaml", GOOD, "unknown glossary file misc.yaml"),
    ],
)
def test_schema_errors_name_file_and_line(tmp_path, name, text, message):
    folder = write(tmp_path, name, text)
    with pytest.raises(ZhpubError) as error:
        load_glossary(folder)
    assert message in str(error.value), str(error.value)


ZHEJIANG_TERM = """\
- headword: 最多跑一次
  pinyin: zuì duō pǎo yí cì
  english: at most one trip
  status: suggested
  category: zhejiang
  explanation:
    zh: 浙江省2016年起推行的政务服务改革，群众和企业办一件事最多跑一次。
    en: Zhejiang's government services reform from 2016, under which a citizen or firm visits an office at most once per matter.
"""
ZHEJIANG_CATEGORY = """
zhejiang:
  label: {hans: 浙江省提法, hant: 浙江省提法, en: Zhejiang provincial slogans}
  scope: province
  place: {hans: 浙江省, hant: 浙江省, en: Zhejiang Province}
"""


def test_a_new_province_is_data_not_code(tmp_path, shipped):
    """A province's glossary needs its file and a line in categories.yaml, no code: its terms carry its scope and
    place, and the glossary page lists it under its own label, in both scripts."""
    from zhpub.render.site import SiteRenderer

    folder = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", folder)  # the project's glossary (the shipped report's hits need it) …
    (folder / "zhejiang.yaml").write_text(ZHEJIANG_TERM, encoding="utf-8")  # … and a new province's file
    with pytest.raises(ZhpubError) as error:  # not declared yet: the error says where to declare it
        load_glossary(folder)
    assert "unknown glossary file zhejiang.yaml" in str(error.value) and "categories.yaml" in str(error.value)
    with (folder / "categories.yaml").open("a", encoding="utf-8") as f:
        f.write(ZHEJIANG_CATEGORY)
    glossary = load_glossary(folder)
    term = glossary.by_headword()["最多跑一次"]
    assert (term.category, term.scope, term.place) == ("zhejiang", "province", "浙江省")
    assert list(glossary.categories)[-1] == "zhejiang" and glossary.categories["zhejiang"].place["en"] == "Zhejiang Province"
    for variant in ("hans", "hant"):
        page = {p.path: p.markdown for p in SiteRenderer([shipped], glossary, variant).pages()}["glossary/index.md"]
        assert "浙江省提法" in page and "#category-zhejiang" in page and "#zui-duo-pao-yi-ci" in page


@pytest.mark.parametrize(
    "text,message",
    [
        ("national:\n  label: {hans: 全国, hant: 全國, en: national}\n  scope: nation\n", "categories.yaml:3:"),
        ("city:\n  label: {hans: 市, hant: 市, en: city}\n  scope: city\n", "categories.yaml:3: category 'city' has scope city but no place"),
        ("national:\n  label: {hans: 全国, hant: 全國, en: national}\n  scope: national\n  within: 江苏省\n",
         "categories.yaml:4: category 'national' is national but names a place"),
        ("national:\n  label: {hans: 全国, en: national}\n  scope: national\n", "categories.yaml:2:"),
    ],
)
def test_category_errors_name_file_and_line(tmp_path, text, message):
    folder = write(tmp_path, "categories.yaml", text)
    (folder / "national.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        load_glossary(folder)
    assert message in str(error.value), str(error.value)


def test_duplicate_across_files(tmp_path):
    write(tmp_path, "national.yaml", GOOD)
    folder = write(tmp_path, "policy.yaml", GOOD.replace("category: national", "category: policy"))
    with pytest.raises(ZhpubError) as error:
        load_glossary(folder)
    assert "policy.yaml:1" in str(error.value) and "national.yaml:1" in str(error.value)


def test_html_in_fields_reaches_the_reader_as_text(tmp_path, shipped):
    """Markup in a glossary field is kept as text and escaped wherever it is shown: the glossary page, the
    tooltips in the report's text, the PDF's appendix (not just stored: the rendered output is checked)."""
    from zhpub.render.print_html import print_html
    from zhpub.render.site import SiteRenderer

    payload = "<script>alert(1)</script>"
    folder = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    national = folder / "national.yaml"
    text = national.read_text(encoding="utf-8")
    assert "english: streamline administration" in text
    national.write_text(text.replace("english: streamline administration", f"english: {payload} streamline administration", 1),
                        encoding="utf-8")
    glossary = load_glossary(folder)
    assert next(t for t in glossary.terms if t.headword == "放管服").english.startswith(payload)  # kept as written
    pages = {p.path: p.markdown for p in SiteRenderer([shipped], glossary, "hans").pages()}
    pdf = print_html(shipped, glossary, "hans", "2022-03-07")
    for where, html in (("glossary", pages["glossary/index.md"]), ("text", pages["zhenjiang-2022/index.md"]), ("pdf", pdf)):
        assert "<script>" not in html, where
        assert "&lt;script&gt;" in html or "&amp;lt;script&amp;gt;" in html, where


def test_check_reports_a_term_used_nowhere(tmp_path):
    from test_bad_input import zhpub

    from conftest import copy_project

    copy_project(tmp_path)  # the Zhenjiang report only: a behaviour test, not one about the shipped corpus
    extra = GOOD.replace("放管服", "放管用").replace("fàng guǎn fú", "fàng guǎn yòng")
    with (tmp_path / "glossary" / "national.yaml").open("a", encoding="utf-8") as f:
        f.write("\n" + extra)
    result = zhpub("check", cwd=tmp_path)
    assert result.returncode == 0  # a warning (README: what blocks a build): deleting a paragraph must not block one
    assert "zhpub: warning: " in result.stderr and "glossary term '放管用' occurs in no document" in result.stderr


def test_chinese_quoted_in_english_glosses_is_in_the_pages_script(glossary, shipped):
    """An English gloss that quotes Chinese (镇 stands for Zhenjiang; renderings of 强富美高 vary) shows it in
    Traditional on Traditional pages (glossary page, the tooltips in the text, the PDF appendix), while the data
    export keeps the glossary as written, the same file in both variants."""
    import re

    import opencc

    from zhpub.render.print_html import print_html
    from zhpub.render.site import SiteRenderer

    written = {t.headword: t for t in glossary.terms}
    assert "镇 stands for Zhenjiang" in written["镇合意"].explanation["en"]  # the shipped entries this test reads
    assert "强富美高" in written["经济强"].note
    to_tw = opencc.OpenCC("s2tw")
    pages = {}
    for variant in ("hans", "hant"):
        files = SiteRenderer([shipped], glossary, variant).pages()
        pages[variant] = {p.path: p.markdown for p in files}
    hant = pages["hant"]
    assert "鎮 stands for Zhenjiang" in hant["glossary/index.md"]
    assert "镇 stands for" not in hant["glossary/index.md"]
    assert "renderings of 強富美高 vary" in hant["glossary/index.md"]
    assert "鎮 stands for Zhenjiang" in hant["zhenjiang-2022/index.md"]  # the tooltip on 鎮合意 in the text
    assert "镇 stands for Zhenjiang" in pages["hans"]["glossary/index.md"]  # Simplified pages as written
    # nothing in English on a Traditional page is left in Simplified
    for path, html in hant.items():
        for span in re.findall(r'<(?:span|p|small)[^>]* lang="en"[^>]*>(.*?)</', html):
            assert to_tw.convert(span) == span, (path, span)
    pdf = print_html(shipped, glossary, "hant", "2022-03-07")
    assert "鎮 stands for Zhenjiang" in pdf and "镇 stands for" not in pdf
