"""The built site, read as files: same pages and ids in both scripts, every link resolves, nothing unsafe."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import copy_project


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.lang = ""
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates.append((a["hreflang"], a["href"]))
        for key in ("href", "src"):
            if a.get(key) and tag in ("a", "link", "script", "img"):
                self.links.append(a[key])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(built) -> Path:
    return built / "site"


def html_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_both_variants_have_the_same_pages_and_ids(site):
    hans = {p.relative_to(site / "zh-Hans") for p in html_files(site / "zh-Hans")}
    hant = {p.relative_to(site / "zh-Hant") for p in html_files(site / "zh-Hant")}
    assert hans == hant and Path("zhenjiang-2022/index.html") in hans
    for rel in hans:
        a, b = parse(site / "zh-Hans" / rel), parse(site / "zh-Hant" / rel)
        # Material's own ids are positional and identical; ours come from the model
        assert a.ids == b.ids, rel
    text = parse(site / "zh-Hans" / "zhenjiang-2022" / "index.html").ids
    assert {"s1", "s3-2", "s3-2-p4", "intro-p2", "callout-ind-s3-p3-1"} <= text


def test_html_lang_and_hreflang_alternates(site):
    for tag in ("zh-Hans", "zh-Hant"):
        page = parse(site / tag / "zhenjiang-2022" / "index.html")
        assert page.lang == tag
        assert {h for h, _ in page.alternates} == {"zh-Hans", "zh-Hant"}
        assert dict(page.alternates)["zh-Hant"].endswith("zh-Hant/index.html")


def test_every_internal_link_and_fragment_resolves(site):
    """A link checker over the whole built site (both variants and the root page)."""
    pages = {p: parse(p) for p in html_files(site)}
    broken = []
    checked = 0
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue  # external links (glossary sources) are not ours to check here
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            checked += 1
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {link} (missing file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{path.relative_to(site)}: {link} (missing #{parts.fragment})")
    assert broken == []
    assert checked > 2000


def test_every_model_id_is_an_anchor_in_both_variants(site, shipped):
    for tag in ("zh-Hans", "zh-Hant"):
        ids = parse(site / tag / "zhenjiang-2022" / "index.html").ids
        assert set(shipped.ids) <= ids
        table = parse(site / tag / "zhenjiang-2022" / "indicators.html").ids
        assert {i.id for i in shipped.indicators} <= table


def test_no_request_leaves_the_site(site):
    """No Google Fonts, CDN or API call in any page or script we ship."""
    for path in html_files(site):
        text = path.read_text(encoding="utf-8")
        for host in ("fonts.googleapis", "fonts.gstatic", "unpkg.com", "cdn.jsdelivr", "api.github.com"):
            assert host not in text, (path, host)
    worker = next((site / "zh-Hans" / "assets" / "javascripts" / "workers").glob("search.*.min.js")).read_text()
    assert worker.startswith("/*zhpub-search-prelude*/")


def test_search_index_has_paragraph_entries_with_folded_bigrams(site):
    """A document's pages search the document's own shard (paragraph entries, folded bigrams); the site's index
    holds the other pages; from file:// Material's offline script takes the shard the page loaded."""
    import json

    for tag in ("zh-Hans", "zh-Hant"):
        shard = json.loads((site / tag / "search" / "shards" / "zhenjiang-2022.json").read_text(encoding="utf-8"))
        entries = {d["location"]: d for d in shard["docs"]}
        entry = entries["zhenjiang-2022/index.html#s3-2-p4"]
        assert "园_区" in entry["zx"]  # folded to Simplified in both variants
        assert "zhenjiang-2022/corrections.html" not in {l.split("#")[0] for l in entries}
        assert {l.split("/")[0] for l in entries} == {"zhenjiang-2022"}
        assert shard["config"]["fields"]["zx"] == {"boost": 1}
        script = (site / tag / "search" / "shards" / "zhenjiang-2022.js").read_text(encoding="utf-8")
        assert json.loads(script.removeprefix("var __zhpubIndex = ")) == shard
        site_index = json.loads((site / tag / "search" / "search_index.json").read_text(encoding="utf-8"))
        pages = {d["location"].split("#")[0] for d in site_index["docs"]}
        assert "glossary/index.html" in pages and not any(p.startswith(("zhenjiang-2022/", "corpus/")) for p in pages)
        corpus = json.loads((site / tag / "search" / "shards" / "corpus.json").read_text(encoding="utf-8"))
        assert {d["location"].split("/")[0] for d in corpus["docs"]} == {"corpus"}  # a folder of several pages
    offline = (site / "zh-Hans" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert offline.startswith("var __index = window.__zhpubIndex ||")
    page = (site / "zh-Hans" / "zhenjiang-2022" / "index.html").read_text(encoding="utf-8")
    assert 'data-json="../search/shards/zhenjiang-2022.json"' in page
    home = (site / "zh-Hans" / "index.html").read_text(encoding="utf-8")
    assert 'data-json="search/shards/site.json"' in home


def test_glossary_text_is_escaped_never_markup(tmp_path):
    """HTML in a glossary field reaches the reader as text: in the page, in the tooltip title, in the PDF."""
    from zhpub.build import build_all

    project = copy_project(tmp_path / "p")
    path = project / "glossary" / "national.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("english: streamline administration", "english: <img src=x onerror=alert(1)> streamline administration", 1)
    assert "<img" in text
    path.write_text(text, encoding="utf-8")
    build_all(project, {"site"})
    page = (project / "build" / "site" / "zh-Hans" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    doc = (project / "build" / "site" / "zh-Hans" / "zhenjiang-2022" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in doc and "&amp;lt;img src=x" in doc  # title attribute: escaped twice for Material's tooltip


def test_mkdocs_build_strict_has_no_warnings(tmp_path):
    project = copy_project(tmp_path / "p")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", ZHPUB_VARIANT="hant")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (project / "build" / "site" / "zh-Hant" / "zhenjiang-2022" / "index.html").exists()


@pytest.mark.slow
def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    """Two builds of the same project in two folders give the same bytes, the first in parallel (one process per
    core, filling the cache), the second serial and without the cache: parallelism and the cache change nothing
    in build/. The project is a city report and two consecutive national ones (the shortest pair), so the corpus
    (series, ledger, comparison, terms pages and data) is in it too."""
    from zhpub.build import build_all

    documents = ("zhenjiang-2022", "national-2020", "national-2021")
    builds = []
    for name, jobs in (("first", 2), ("again", 1)):
        project = copy_project(tmp_path / name, documents)
        if jobs == 1:
            monkeypatch.setenv("ZHPUB_CACHE", "0")
        build_all(project, {"data", "pdf", "site"}, jobs=jobs)
        builds.append({p.relative_to(project / "build"): p.read_bytes() for p in (project / "build").rglob("*") if p.is_file()})
    first, second = builds
    assert Path("site/zh-Hans/corpus/national/2020-2021.html") in first
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


class TableOfContents(HTMLParser):
    """Material's table of contents of a page (the secondary navigation): (href, text) in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.entries, self.current = 0, [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "nav" and ("md-nav--secondary" in (a.get("class") or "").split() or self.depth):
            self.depth += 1
        elif self.depth and tag == "a":
            self.current = [a.get("href", ""), ""]

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1
        elif tag == "a" and self.current is not None:
            self.entries.append((self.current[0], self.current[1].strip()))
            self.current = None

    def handle_data(self, data):
        if self.current is not None:
            self.current[1] += data


def test_the_table_of_contents_lists_every_part_and_section_in_the_page_script(site, shipped):
    # the pages reach MkDocs as HTML; the table of contents is read off zhpub's own headings (plugin.toc_tokens)
    for variant, tag in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
        toc = TableOfContents()
        toc.feed((site / tag / shipped.slug / "index.html").read_text(encoding="utf-8"))
        expected = [(f"#{b.id}", b.text[variant]) for b in shipped.blocks if b.kind in ("part", "section")]
        assert toc.entries == expected, tag
        assert len(expected) > 10
