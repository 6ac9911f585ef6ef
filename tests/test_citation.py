"""Citation forms of a paragraph of the shipped report (exact strings, reviewed by reading), the machine forms,
the sources in document.yaml, and the meta tags reference managers read on the built pages."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser

import pytest

from conftest import SHIPPED, copy_project
from zhpub.content import load_metadata
from zhpub.errors import ZhpubError
from zhpub.render import citation

URL = "https://example.org/zh-Hans/zhenjiang-2022/"


@pytest.fixture(scope="module")
def forms(shipped):
    block = shipped.block("s3-2-p4")
    return {v: citation.paragraph_citations(shipped, block, v, URL.replace("zh-Hans", {"hans": "zh-Hans", "hant": "zh-Hant"}[v]),
                                            "2026-12-01") for v in ("hans", "hant")}


def test_short_locator(forms, shipped):
    h = citation.edition_hash(shipped)
    assert forms["hans"]["short"] == (
        f"《2022年镇江市政府工作报告》三（二）第4段（校订本 2022-03-01 · {h}） https://example.org/zh-Hans/zhenjiang-2022/#s3-2-p4")
    assert forms["hant"]["short"] == (
        f"《2022年鎮江市政府工作報告》三（二）第4段（校訂本 2022-03-01 · {h}） https://example.org/zh-Hant/zhenjiang-2022/#s3-2-p4")


def test_gbt_7714(forms, shipped):
    h = citation.edition_hash(shipped)
    assert forms["hans"]["gbt"] == (
        f"徐曙海. 政府工作报告: 2022年3月1日在镇江市第九届人民代表大会第一次会议上[R/OL]. 校订本 {h}. "
        "(2022-03-01)[2026-12-01]. https://example.org/zh-Hans/zhenjiang-2022/#s3-2-p4.")
    assert forms["hant"]["gbt"] == (
        f"徐曙海. 政府工作報告: 2022年3月1日在鎮江市第九屆人民代表大會第一次會議上[R/OL]. 校訂本 {h}. "
        "(2022-03-01)[2026-12-01]. https://example.org/zh-Hant/zhenjiang-2022/#s3-2-p4.")


def test_chicago(forms, shipped):
    h = citation.edition_hash(shipped)
    assert forms["hans"]["chicago"] == (
        "Xu Shuhai. “政府工作报告” [Report on the Work of the Zhenjiang Municipal Government (2022)]. Speech, First "
        "Session of the Ninth Zhenjiang Municipal People's Congress, March 1, 2022. Part 3, section 2, paragraph 4. "
        f"zhpub edition of March 1, 2022, text {h}. Accessed December 1, 2026. "
        "https://example.org/zh-Hans/zhenjiang-2022/#s3-2-p4.")


def test_locators_of_other_places(shipped):
    assert citation.locator_en(shipped.block("intro-p2")) == "Opening, paragraph 2"
    assert citation.locator_en(shipped.block("s1-p2")) == "Part 1, paragraph 2"
    assert citation.locator_en(shipped.block("s3-2")) == "Part 3, section 2"
    assert citation.chinese_date("2022-03-01") == "2022年3月1日" and citation.english_date("2021-12-31") == "December 31, 2021"


def test_edition_hash_names_the_text(shipped):
    h = citation.edition_hash(shipped)
    assert re.fullmatch(r"[0-9a-f]{8}", h)
    changed = dataclasses.replace(shipped, blocks=list(shipped.blocks))
    b = changed.blocks[10]
    changed.blocks[10] = dataclasses.replace(b, text={**b.text, "hant": b.text["hant"] + "。"})  # one character, one script
    assert citation.edition_hash(changed) != h
    assert citation.edition_hash(dataclasses.replace(shipped, blocks=list(shipped.blocks))) == h


def test_patterns_hold_no_untrusted_slot(shipped):
    """A title that looks like a slot stays text: slots are objects, never parsed out of strings."""
    meta = {**shipped.meta, "title": '{"slot": "url"} {url}'}
    doc = dataclasses.replace(shipped, meta=meta)
    text = citation.paragraph_citations(doc, doc.block("s3-2-p4"), "hans", URL, "2026-12-01")["short"]
    assert text.startswith('《{"slot": "url"} {url}》三（二）第4段')


def test_csl_json(shipped):
    items = json.loads(citation.citation_files(shipped, "https://example.org/")["zhenjiang-2022.csl.json"])
    assert [i["id"] for i in items] == ["zhenjiang-2022-zh-Hans", "zhenjiang-2022-zh-Hant"]
    hans = items[0]
    assert hans == {
        "id": "zhenjiang-2022-zh-Hans", "type": "report", "title": "2022年镇江市政府工作报告",
        "author": [{"literal": "徐曙海"}], "issued": {"date-parts": [[2022, 3, 1]]}, "publisher": "镇江市人民政府",
        "event-title": "镇江市第九届人民代表大会第一次会议", "genre": "政府工作报告", "language": "zh-Hans",
        "version": f"2022-03-01 {citation.edition_hash(shipped)}", "URL": "https://example.org/zh-Hans/zhenjiang-2022/",
        "note": "English title: Report on the Work of the Zhenjiang Municipal Government (2022)\n"
                "Scraped from: http://m.dieyuxuan.com/2022/0307/1679849.shtml",
    }
    assert items[1]["title"] == "2022年鎮江市政府工作報告" and items[1]["publisher"] == "鎮江市人民政府"


def test_bibtex(shipped):
    bib = citation.citation_files(shipped, "https://example.org/")["zhenjiang-2022.bib"]
    assert bib.startswith(
        "@report{zhenjiang-2022-zh-Hans,\n"
        "  author = {{徐曙海}},\n"
        "  title = {2022年镇江市政府工作报告},\n"
        "  type = {政府工作报告},\n"
        "  institution = {镇江市人民政府},\n"
        "  eventtitle = {镇江市第九届人民代表大会第一次会议},\n"
        "  date = {2022-03-01},\n"
        "  langid = {zh-Hans},\n"
        f"  version = {{2022-03-01 {citation.edition_hash(shipped)}}},\n"
        "  url = {https://example.org/zh-Hans/zhenjiang-2022/},\n"
        "  note = {English title: Report on the Work of the Zhenjiang Municipal Government (2022); "
        "Scraped from: http://m.dieyuxuan.com/2022/0307/1679849.shtml}\n"
        "}\n\n@report{zhenjiang-2022-zh-Hant,\n")
    assert bib.count("@report{") == 2
    assert citation.bibtex_value("50% & {x}_1 \\") == r"50\% \& \{x\}\_1 \textbackslash{}"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/x", "https://", "https://a b/",
                                 "//example.org/x", "https://example.org/{x}", "data:text/html,<b>",
                                 "https://?q=no-host"])
def test_source_urls_must_be_http(tmp_path, url):
    path = tmp_path / "document.yaml"
    path.write_text(f"title: T\narchived_url: '{url}'\n", encoding="utf-8")
    with pytest.raises(ZhpubError) as e:
        load_metadata(path)
    # the schema's pattern (schemas/document.schema.json) or, for an address without a host, content.check_url
    assert "archived_url" in str(e.value) and "http(s)" in str(e.value) and f"{path}:2" in str(e.value)


def test_source_urls_accepted(tmp_path):
    path = tmp_path / "document.yaml"
    path.write_text("official_url: https://www.zhenjiang.gov.cn/a?b=1#c\n"
                    "archived_url: https://web.archive.org/web/20220307000000/http://example.org/x\n", encoding="utf-8")
    assert load_metadata(path)["archived_url"].startswith("https://web.archive.org/")


# --- the built site ---------------------------------------------------------------------------------------------

class HeadParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_ld = False
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self._in_head = True
        if tag == "meta" and self._in_head and a.get("name", "").startswith("citation_"):
            self.meta.append((a["name"], a.get("content", "")))
        self._in_ld = tag == "script" and a.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(data)


# Zotero's "Embedded Metadata" translator (zotero/translators, Embedded Metadata.js): HIGHWIRE_MAPPINGS reads
# citation_title, citation_date / citation_publication_date, citation_publisher, citation_technical_report_institution,
# citation_public_url, citation_language; addHighwireMetadata reads citation_author and citation_pdf_url; the item type
# is "report" when citation_technical_report_institution is present (and no citation_journal_title,
# citation_conference_title, citation_book_title or citation_dissertation_institution, which set other types).
ZOTERO_FIELDS = ("citation_title", "citation_author", "citation_date", "citation_publication_date", "citation_publisher",
                 "citation_technical_report_institution", "citation_language", "citation_pdf_url")
OTHER_TYPES = ("citation_journal_title", "citation_conference_title", "citation_conference", "citation_book_title",
               "citation_dissertation_institution")


def read_head(path):
    parser = HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("tag", ["zh-Hans", "zh-Hant"])
def test_meta_tags_zotero_reads(built, tag):
    head = read_head(built / "site" / tag / "zhenjiang-2022" / "index.html")
    meta = dict(head.meta)
    assert set(ZOTERO_FIELDS) <= set(meta) and not set(OTHER_TYPES) & set(meta)
    title = {"zh-Hans": "2022年镇江市政府工作报告", "zh-Hant": "2022年鎮江市政府工作報告"}[tag]
    assert meta["citation_title"] == title and meta["citation_author"] == "徐曙海"
    assert meta["citation_date"] == meta["citation_publication_date"] == "2022/03/01"
    assert meta["citation_language"] == tag
    pdf = (built / "site" / tag / "zhenjiang-2022" / meta["citation_pdf_url"]).resolve()
    assert pdf == (built / "site" / "pdf" / f"zhenjiang-2022.{tag}.pdf").resolve() and pdf.is_file()
    (ld,) = [json.loads(x) for x in head.json_ld]
    assert ld["@type"] == "Report" and ld["name"] == title and ld["inLanguage"] == tag
    assert ld["publisher"]["@type"] == "GovernmentOrganization" and ld["author"]["name"] == "徐曙海"
    assert ld["isBasedOn"] == ["http://m.dieyuxuan.com/2022/0307/1679849.shtml"]
    # other pages are not reports of their own
    assert read_head(built / "site" / tag / "glossary" / "index.html").meta == []


def test_meta_tags_with_site_url_and_archive(tmp_path):
    """With site_url set, the tags carry absolute addresses; an archived copy reaches page, JSON-LD and data."""
    from zhpub.build import build_all

    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://reports.example.org/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    meta = project / "content" / "zhenjiang-2022" / "document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "archived_url: https://web.archive.org/web/2022/http://e.org/r\n",
                    encoding="utf-8")
    build_all(project, {"data", "site"})
    page = project / "build" / "site" / "zh-Hant" / "zhenjiang-2022" / "index.html"
    head = read_head(page)
    meta = dict(head.meta)
    assert meta["citation_public_url"] == meta["citation_abstract_html_url"] == "https://reports.example.org/zh-Hant/zhenjiang-2022/"
    assert meta["citation_pdf_url"] == "https://reports.example.org/pdf/zhenjiang-2022.zh-Hant.pdf"
    (ld,) = [json.loads(x) for x in head.json_ld]
    assert ld["archivedAt"] == "https://web.archive.org/web/2022/http://e.org/r"
    html = page.read_text(encoding="utf-8")
    assert '<a href="https://web.archive.org/web/2022/http://e.org/r" rel="noopener">' in html
    items = json.loads((project / "build" / "data" / "zhenjiang-2022.csl.json").read_text(encoding="utf-8"))
    assert items[1]["URL"] == "https://reports.example.org/zh-Hant/zhenjiang-2022/"
    assert "Archived copy: https://web.archive.org/web/2022/http://e.org/r" in items[1]["note"]
    site_copy = project / "build" / "site" / "zh-Hant" / "data" / "zhenjiang-2022.csl.json"
    assert site_copy.read_text(encoding="utf-8") == (project / "build" / "data" / "zhenjiang-2022.csl.json").read_text(encoding="utf-8")


def test_citation_data_on_the_page_is_the_python_forms(built, shipped):
    html = (built / "site" / "zh-Hans" / "zhenjiang-2022" / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="zh-citations">(.*?)</script>', html, re.S).group(1))
    assert [f["key"] for f in data["forms"]] == ["short", "gbt", "chicago"]
    assert {f["key"]: f["pattern"] for f in data["forms"]} == json.loads(json.dumps(citation.patterns(shipped, "hans")))
    assert [d["label"] for d in data["downloads"]] == ["CSL-JSON", "BibTeX"]
    assert (built / "site" / "zh-Hans" / "data" / "zhenjiang-2022.bib").is_file()
    assert (built / "data" / "zhenjiang-2022.bib").read_text(encoding="utf-8") == citation.bibtex(shipped)


def test_sources_on_the_corrections_page(built):
    html = (built / "site" / "zh-Hans" / "zhenjiang-2022" / "corrections.html").read_text(encoding="utf-8")
    assert "本文由以下抓取文本重建：" in html and "<code>content/zhenjiang-2022/source.txt</code>" in html
    assert '<a href="http://m.dieyuxuan.com/2022/0307/1679849.shtml" rel="noopener">' in html
    assert "2022-03-07 04:23" in html


def test_shipped_metadata_loads():
    meta = load_metadata(SHIPPED / "document.yaml")
    assert meta["source_url"].startswith("http://") and "archived_url" not in meta  # none known: not invented
