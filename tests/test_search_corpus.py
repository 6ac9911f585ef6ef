"""Search across the corpus (search.html) and the per-document index shards, in a real browser.

A project of two documents in two series (the shipped Zhenjiang report and the Qinghe county fixture), site only.
What each query should find is read from the built pages' paragraphs in the browser (the DOM), not from the index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA, copy_project

QINGHE = "qinghe-county-2023"
SHIPPED = "zhenjiang-2022"


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    from zhpub.build import build_all

    project = copy_project(tmp_path_factory.mktemp("search-corpus"))
    for folder in (project / "content").iterdir():  # only the documents this test needs
        if folder.name != SHIPPED:
            shutil.rmtree(folder)
    qinghe = project / "content" / QINGHE
    qinghe.mkdir()
    (qinghe / "source.txt").write_bytes((DATA / "fixtures" / f"{QINGHE}.clean.txt").read_bytes())
    (qinghe / "document.yaml").write_text("title: 2023年清河县政府工作报告\nseries: qinghe\nyear: 2023\n", encoding="utf-8")
    with (project / "corpus" / "series.yaml").open("a", encoding="utf-8") as f:
        f.write("\nqinghe:\n  body: {hans: 清河县人民政府, hant: 清河縣人民政府, en: Qinghe County People's Government}\n"
                "  report: {hans: 清河县政府工作报告, hant: 清河縣政府工作報告, en: Report on the Work of the Qinghe County Government}\n"
                "  scope: county\n")
    build_all(project, {"site"})
    return project / "build" / "site"


@pytest.fixture(scope="module")
def corpus_base(corpus_site):
    from axe_audit import SiteServer

    with SiteServer(corpus_site) as url:
        yield url


def paragraphs_with(page, url: str, phrase: str) -> set[str]:
    """Ids of the paragraphs of the page at ``url`` whose visible text contains ``phrase``."""
    page.goto(url)
    return set(page.eval_on_selector_all(
        "article p[id*='-p']", "(ps, phrase) => ps.filter(p => p.textContent.includes(phrase)).map(p => p.id)", phrase))


def corpus_search(page, query: str) -> list[dict]:
    """Type the query into the corpus search form and press Enter; the results as shown."""
    box = page.get_by_label({"zh-Hans": "检索词", "zh-Hant": "檢索詞"}[page.evaluate("document.documentElement.lang")])
    box.fill(query)
    # the last query's answer stays in the status until this one's is there: forget it, so the wait is for this one
    page.evaluate("document.getElementById('zh-cs-status').textContent = ''")
    box.press("Enter")
    page.wait_for_function("() => /结果|結果/.test(document.getElementById('zh-cs-status').textContent)", timeout=60000)
    page.wait_for_function("() => !document.getElementById('zh-cs-more').hidden || document.querySelectorAll('.zh-cs-result').length < 10")
    return page.eval_on_selector_all(".zh-cs-result", """els => els.map(li => ({
        href: li.querySelector("a.zh-cs-link").getAttribute("href"),
        doc: li.querySelector(".zh-cs-doc").textContent, year: li.querySelector(".zh-cs-year").textContent,
        id: li.querySelector(".zh-cs-id").textContent, text: li.querySelector(".zh-cs-text").textContent,
        marks: Array.from(li.querySelectorAll("mark")).map(m => m.textContent)}))""")


def all_results(page, query: str) -> list[dict]:
    results = corpus_search(page, query)
    while page.is_visible("#zh-cs-more"):
        count = len(results)
        page.click("#zh-cs-more")
        page.wait_for_function(f"() => document.querySelectorAll('.zh-cs-result').length > {count}")
        results = page.eval_on_selector_all(".zh-cs-result a.zh-cs-link", "els => els.map(a => ({href: a.getAttribute('href')}))")
    return results


@pytest.mark.parametrize("tag,query,shown", [("zh-Hans", "专精特新", "专精特新"), ("zh-Hant", "专精特新", "專精特新")])
def test_corpus_search_finds_the_paragraphs_of_every_document_with_title_and_year(browser, corpus_base, tag, query, shown):
    page = browser.new_page()
    expected = {(slug, pid) for slug in (SHIPPED, QINGHE)
                for pid in paragraphs_with(page, f"{corpus_base}{tag}/{slug}/index.html", shown)}
    assert {slug for slug, _ in expected} == {SHIPPED, QINGHE}  # the phrase is in both reports
    page.goto(f"{corpus_base}{tag}/search.html")
    found = {(r["href"].split("/")[0], r["href"].split("#")[1]) for r in all_results(page, query)}  # either script
    assert expected <= found
    page.goto(f"{corpus_base}{tag}/search.html?query={query}")  # the header box's link lands here
    results = corpus_search(page, query)
    titles = {SHIPPED: {"zh-Hans": "2022年镇江市政府工作报告", "zh-Hant": "2022年鎮江市政府工作報告"}[tag],
              QINGHE: {"zh-Hans": "2023年清河县政府工作报告", "zh-Hant": "2023年清河縣政府工作報告"}[tag]}
    for r in results:
        slug = r["href"].split("/")[0]
        assert r["doc"] == titles[slug] and r["year"] == slug[-4:], r
        assert r["id"] == "#" + r["href"].split("#")[1]
        assert shown in r["marks"], r  # the phrase is marked in the page's script
    page.close()


@pytest.mark.parametrize("query,shown", [("６.５％", "6.5%"), ("6.5%", "6.5%")])
def test_full_width_and_ascii_figures_find_each_other(browser, corpus_base, query, shown):
    """Official text writes figures both ways (5.2％ and 5.2%): the corpus search folds full-width forms to ASCII in
    the index and the query, so either finds both, and marks the figure as the page writes it."""
    page = browser.new_page()
    expected = {(QINGHE, pid) for pid in paragraphs_with(page, f"{corpus_base}zh-Hans/{QINGHE}/index.html", shown)}
    assert expected
    page.goto(f"{corpus_base}zh-Hans/search.html")
    results = [r for r in all_results(page, query) if r["href"].startswith(QINGHE)]
    assert expected <= {(QINGHE, r["href"].split("#")[1]) for r in results}
    assert shown in corpus_search(page, query)[0]["marks"]
    page.close()


def test_corpus_search_restricted_to_a_series_or_a_year_by_keyboard(browser, corpus_base):
    page = browser.new_page()
    page.goto(f"{corpus_base}zh-Hans/search.html")
    everywhere = {r["href"].split("/")[0] for r in corpus_search(page, "高质量发展")}
    assert everywhere == {SHIPPED, QINGHE}
    series = page.get_by_label("系列")
    series.focus()
    options = page.eval_on_selector_all("#zh-cs-series option", "os => os.map(o => o.value)")
    for _ in range(options.index("qinghe")):
        page.keyboard.press("ArrowDown")  # a closed <select> changes with the arrow keys
    assert series.input_value() == "qinghe"
    page.wait_for_function("() => document.querySelectorAll('.zh-cs-result').length > 0 && "
                           "[...document.querySelectorAll('.zh-cs-link')].every(a => a.getAttribute('href').startsWith('qinghe-'))")
    assert "series=qinghe" in page.url  # the restriction is in the address, to share
    page.get_by_label("年份").select_option("2022")
    page.wait_for_function("() => document.getElementById('zh-cs-status').textContent === '没有找到结果'")
    series.select_option("")
    page.wait_for_function("() => document.querySelectorAll('.zh-cs-result').length > 0 && "
                           f"[...document.querySelectorAll('.zh-cs-link')].every(a => a.getAttribute('href').startsWith('{SHIPPED}/'))")
    page.close()


def test_a_document_page_from_file_url_searches_its_own_shard(browser, corpus_site):
    """From file:// the header box answers from the document's own index (no other document's), and its link to the
    corpus search carries the query there, where the corpus index works from file:// too."""
    from test_browser import search

    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto((corpus_site / "zh-Hans" / SHIPPED / "index.html").as_uri())
    links = search(page, "四群八链")
    assert any(link.endswith("#s1-p2") for link in links)
    assert [link for link in links if f"/zh-Hans/{SHIPPED}/" not in link] == []  # its pages only
    index = [u.split("/search/", 1)[1] for u in requests if "/search/" in u]
    assert f"shards/{SHIPPED}.js" in index and not any(QINGHE in u or "site." in u for u in index), index
    assert sum((corpus_site / "zh-Hans" / "search" / u).stat().st_size for u in set(index)) < 2_000_000
    page.click(".zh-search-all a")
    page.wait_for_url("**/zh-Hans/search.html?query=*")
    page.wait_for_selector(".zh-cs-result")
    assert page.input_value("#zh-cs-q") == "四群八链"
    hrefs = page.eval_on_selector_all("a.zh-cs-link", "els => els.map(a => a.getAttribute('href'))")
    assert f"{SHIPPED}/index.html#s1-p2" in hrefs
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
    context.close()


# The corpus index's format, without a browser: every file is the documents' pieces joined (search.py, corpus_index)

def _script_data(text: str):
    import json

    assert text.startswith("__zhpubCorpus(") and text.endswith(")\n")
    name, _, data = text[len("__zhpubCorpus("):-2].partition(",")
    return json.loads(name), json.loads(data)


def read_corpus_index(files: dict[str, str]) -> tuple[dict, dict[str, list[int]], list[list]]:
    """What search-corpus.js makes of the index: the manifest, each key's entry numbers across the corpus (every
    document's piece of the key's shard, from the document's first entry number) and the entries' [link, heading,
    text] by entry number."""
    from zhpub.mkdocs_plugin.search import key_hash

    name, manifest = _script_data(files["manifest.js"])
    assert name == "manifest"
    postings: dict[str, list[int]] = {}
    for n in range(manifest["shards"]):
        name, shard = _script_data(files[f"p{n}.js"])
        assert name == f"p{n}"
        for doc in manifest["docs"]:
            for key, deltas in shard.get(doc["slug"], {}).items():
                assert key_hash(key) % manifest["shards"] == n, key  # where the client looks for it
                local = list(__import__("itertools").accumulate(int(d, 36) for d in deltas.split(",")))
                assert local == sorted(set(local)) and 0 <= local[0] and local[-1] < doc["count"], (key, doc["slug"])
                postings.setdefault(key, []).extend(doc["first"] + i for i in local)
    texts = []
    for doc in manifest["docs"]:
        assert doc["first"] == len(texts)
        for c in range(0, doc["count"], manifest["chunk"]):
            name, chunk = _script_data(files[f"t-{doc['slug']}-{c // manifest['chunk']}.js"])
            texts += chunk
        assert len(texts) == doc["first"] + doc["count"]
    return manifest, postings, texts


def _paragraphs(slug: str, text: str, pages=("index.html", "appendix.html")) -> dict[str, list[dict]]:
    """A document's paragraphs from a real report's lines, over two pages."""
    lines = [line.strip() for line in text.splitlines() if len(line.strip()) > 20]
    half = len(lines) // 2
    return {f"{slug}/{page}": [{"id": f"s{i // 7}-p{i % 7}", "heading": f"{slug} {page} {i // 7}", "text": line}
                               for i, line in enumerate(part)]
            for page, part in zip(pages, (lines[:half], lines[half:]))}


@pytest.fixture(scope="module")
def corpus_texts():
    from conftest import ROOT

    texts = {slug: (ROOT / "content" / slug / "source.txt").read_text(encoding="utf-8")
             for slug in ("national-2013", "national-2014", SHIPPED)}
    texts[QINGHE] = (DATA / "fixtures" / f"{QINGHE}.clean.txt").read_text(encoding="utf-8")
    return texts


def _documents(slugs):
    from zhpub.mkdocs_plugin.search import SearchDocument

    return [SearchDocument(slug, f"title {slug}", 2000 + i, "s" if i % 2 else "", "series" if i % 2 else "")
            for i, slug in enumerate(slugs)]


def test_a_query_without_the_quotation_marks_finds_the_text_with_them(browser, corpus_base):
    """Reports quote slogans (深化“放管服”改革) and a reader types 放管服改革: quotation marks between two Han
    characters do not cut the index's bigrams, so the query finds those paragraphs (it found nothing before)."""
    page = browser.new_page()
    expected = {(SHIPPED, pid) for pid in paragraphs_with(page, f"{corpus_base}zh-Hans/{SHIPPED}/index.html", "“放管服”改革")}
    assert expected
    page.goto(f"{corpus_base}zh-Hans/search.html")
    found = {(r["href"].split("/")[0], r["href"].split("#")[1]) for r in all_results(page, "放管服改革")}
    assert expected <= found
    page.close()


def test_quotation_marks_between_han_characters_do_not_cut_the_corpus_keys():
    from zhpub.mkdocs_plugin.search import corpus_keys

    keys = corpus_keys("深化“放管服”改革，贯彻《条例》")
    assert {"化_放", "服_改", "彻_条", "放_管", "条_例"} <= set(keys)
    assert "例_" not in "".join(keys) and "革_贯" not in keys  # a comma still ends the run
    assert corpus_keys("“放管服”改革") == corpus_keys("放管服改革")


def test_the_corpus_index_numbers_every_paragraph_and_files_it_under_each_of_its_keys(corpus_texts):
    from zhpub.mkdocs_plugin.search import corpus_index, corpus_keys

    paragraphs = {url: ps for slug, text in corpus_texts.items() for url, ps in _paragraphs(slug, text).items()}
    paragraphs["corpus/index.html"] = []  # not a document's page: not in it
    files = corpus_index(_documents(sorted(corpus_texts, reverse=True)), paragraphs)
    manifest, postings, texts = read_corpus_index(files)
    # the reference: entries document by document (by slug), each document's pages by address
    entries = [(url, p) for url in sorted(u for u in paragraphs if u.split("/")[0] in corpus_texts) for p in paragraphs[url]]
    assert [d["slug"] for d in manifest["docs"]] == sorted(corpus_texts)
    assert texts == [[f"{url}#{p['id']}", p["heading"], p["text"]] for url, p in entries]
    expected: dict[str, list[int]] = {}
    for number, (_, p) in enumerate(entries):
        for key in corpus_keys(p["text"]):
            expected.setdefault(key, []).append(number)
    assert postings == expected
    assert [int(x, 36) for x in manifest["lengths"].split(",")] == [len(corpus_keys(p["text"])) for _, p in entries]
    assert manifest["shards"] > 1 and manifest["shards"] & (manifest["shards"] - 1) == 0  # a power of two
    sizes = [len(files[f"p{n}.js"].encode()) for n in range(manifest["shards"])]
    assert max(sizes) < 2.5 * 40_000, sizes  # the hash spreads the keys: no shard is many times the target


def test_a_changed_document_makes_only_its_own_pieces_and_the_index_equals_one_made_from_scratch(
        corpus_texts, tmp_path, monkeypatch):
    from collections import Counter

    from zhpub.mkdocs_plugin import search
    from zhpub.mkdocs_plugin.plugin import PageProducts

    monkeypatch.setenv("ZHPUB_CACHE", "1")
    products = PageProducts(tmp_path, "hans")
    slugs = sorted(corpus_texts)
    documents = _documents(slugs)
    paragraphs = {url: ps for slug in slugs for url, ps in _paragraphs(slug, corpus_texts[slug]).items()}

    def index(paragraphs, documents=documents):
        counts = Counter()
        files = search.corpus_index(documents, paragraphs, products=products, counts=counts)
        assert files == search.corpus_index(documents, paragraphs)  # what a build without the cache makes
        return files, counts

    first, counts = index(paragraphs)
    assert counts == {"made": len(slugs)}
    again, counts = index(paragraphs)
    assert again == first and counts == {"reused": len(slugs)}
    edited = dict(paragraphs)
    url = f"{QINGHE}/index.html"
    edited[url] = [dict(p, text=p["text"].replace("，", "、", 1)) if i == 3 else p for i, p in enumerate(paragraphs[url])]
    assert edited[url][3] != paragraphs[url][3]
    changed, counts = index(edited)
    assert counts == {"made": 1, "reused": len(slugs) - 1}
    assert changed != first
    assert {name for name in first if changed[name] != first[name]} <= (
        {"manifest.js"} | {f"t-{QINGHE}-0.js"} | {name for name in first if name.startswith("p")})
    # a corpus twice as large needs more shards: every document's pieces are cut again, and still equal a cold index
    more = dict(edited)
    for slug in slugs:
        more.update({url.replace(slug, f"{slug}-copy"): ps for url, ps in _paragraphs(slug, corpus_texts[slug]).items()})
    larger, counts = index(more, _documents(slugs + [f"{slug}-copy" for slug in slugs]))
    assert _script_data(larger["manifest.js"])[1]["shards"] > _script_data(changed["manifest.js"])[1]["shards"]
    assert counts == {"made": 2 * len(slugs)}
