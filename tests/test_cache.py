"""The build cache (cache.py): a rebuild reuses what did not change, and every kind of input that changes a
product makes that product again (never a stale one)."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from zhpub import cache
from zhpub.build import BuildReport, build_all

SLUG = "zhenjiang-2022"
DATA = Path("build") / "data" / f"{SLUG}.json"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, parts: set[str]) -> BuildReport:
    report = BuildReport()
    build_all(project, parts, report=report, jobs=1)
    return report


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_no_op_rebuild_reuses_every_product_and_gives_the_same_bytes(project):
    first = build(project, {"data", "site"})
    assert f"data/{SLUG}.*" in first.built and "site/zh-Hans/" in first.built and first.reused == []
    before = files(project / "build")
    again = build(project, {"data", "site"})
    assert again.built == [] and sorted(again.reused) == sorted(first.built)
    assert files(project / "build") == before


# Each input kind of a document's model. Never stale: after the edit, what the cached build serves is what a build
# from scratch makes; and the export made from the model changed (the glossary's English is not in the model's
# export, but the model is made again: its hits depend on the glossary).
MODEL_INPUTS = [
    ("source", f"content/{SLUG}/source.txt", "責(zé)任編輯:龔逍遙", "責(zé)任編輯:龔逍"),  # the scrape (a chrome line)
    ("document YAML", f"content/{SLUG}/document.yaml", "title: ", "title: 新"),
    ("errata", f"content/{SLUG}/errata.yaml", 'reason: "', 'reason: "复核 '),
    ("glossary", "glossary/national.yaml", "english: streamline administration", "english: streamline admin"),
]


@pytest.mark.parametrize("kind, name, old, new", MODEL_INPUTS, ids=[k for k, *_ in MODEL_INPUTS])
def test_changing_an_input_of_the_model_rebuilds_its_products(project, monkeypatch, kind, name, old, new):
    build(project, {"data", "site"})
    before = files(project / "build")
    edit(project / name, old, new)
    report = build(project, {"data", "site"})
    assert f"data/{SLUG}.*" in report.built, kind
    cached = files(project / "build")
    if kind != "glossary":
        assert cached[f"data/{SLUG}.json"] != before[f"data/{SLUG}.json"], kind
    else:
        assert b"streamline admin, delegate" in cached["data/glossary.json"]
        page = f"site/zh-Hant/{SLUG}/index.html"  # the glossed terms' tooltips
        assert b"streamline admin, delegate" in cached[page] and b"streamline admin, delegate" not in before[page]
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    shutil.rmtree(project / "build")
    build(project, {"data", "site"})
    assert files(project / "build") == cached, kind


def test_the_cache_can_be_turned_off(project, monkeypatch):
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    build(project, {"data"})
    assert not (project / cache.CACHE_DIR).exists()
    assert build(project, {"data"}).reused == []


def test_a_site_template_change_rebuilds_the_site(project):
    build(project, {"site"})
    page = project / "build" / "site" / "zh-Hant" / SLUG / "index.html"
    before = page.read_bytes()
    overrides = project / "hooks" / "overrides" / "zhpub" / "fragments"
    overrides.mkdir(parents=True, exist_ok=True)
    (overrides / "meta.html").write_text(
        '{% macro meta_list(rows, class) %}<ul class="cache-test-{{ class }}">{% for k, v in rows %}<li>{{ k }}={{ v }}</li>'
        "{% endfor %}</ul>{% endmacro %}", encoding="utf-8")
    report = build(project, {"site"})
    assert "site/zh-Hant/" in report.built
    assert page.read_bytes() != before and b"cache-test-zh-docmeta" in page.read_bytes()


def test_a_new_code_version_rebuilds_everything(project, monkeypatch):
    build(project, {"data"})
    monkeypatch.setattr(cache, "code_version", lambda: "another version of zhpub")
    report = build(project, {"data"})
    assert report.reused == [] and f"data/{SLUG}.*" in report.built


def test_the_code_version_follows_every_file_of_the_package(tmp_path):
    package = Path(cache.__file__).parent
    copy = tmp_path / "zhpub"
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    digest = cache.package_digest(copy)
    assert cache.package_digest(copy) == digest  # stable
    css = copy / "data" / "print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* a change to the PDF's style */\n", encoding="utf-8")
    assert cache.package_digest(copy) != digest
    (copy / "data" / "print.css").write_bytes((package / "data" / "print.css").read_bytes())
    assert cache.package_digest(copy) == digest
    template = copy / "render" / "templates" / "print" / "document.html"
    template.write_text(template.read_text(encoding="utf-8").replace("<main", "<main data-x", 1), encoding="utf-8")
    assert cache.package_digest(copy) != digest


@pytest.mark.slow
def test_a_pdf_edition_is_rendered_again_when_its_glossary_or_template_changes(project):
    from zhpub.content import ContentFolder, load_document, load_project_glossary
    from zhpub.render.pdf import edition_jobs, render_edition

    def job():
        doc = load_document(ContentFolder(project / "content" / SLUG))
        jobs = edition_jobs([doc], load_project_glossary(project), project / "out", project)
        return next(j for j in jobs if j.variant == "hant")

    first = job()
    assert render_edition(first) is True
    pdf = first.path.read_bytes()
    assert render_edition(job()) is False and first.path.read_bytes() == pdf  # reused, same bytes
    edit(project / "glossary" / "national.yaml", "english: streamline administration", "english: streamline admin")
    glossary_changed = job()
    assert render_edition(glossary_changed) is True
    pdf = glossary_changed.path.read_bytes()
    overrides = project / "hooks" / "overrides" / "zhpub" / "print"
    overrides.mkdir(parents=True)
    template = (Path(cache.__file__).parent / "render" / "templates" / "print" / "document.html").read_text(encoding="utf-8")
    (overrides / "document.html").write_text(template.replace("<p>zhpub</p>", "<p>zhpub cache test</p>"), encoding="utf-8")
    changed = job()
    assert render_edition(changed) is True
    assert changed.path.read_bytes() != pdf


def test_a_killed_build_leaves_no_half_written_cache_entry(project):
    store = cache.Cache(project)
    store.put_bytes("pdf", "x", "k1", b"one")
    store.put_bytes("pdf", "x", "k2", b"two")  # a product's new version replaces the old one
    assert store.get_bytes("pdf", "x", "k1") is None and store.get_bytes("pdf", "x", "k2") == b"two"
    assert sorted(p.name for p in (project / cache.CACHE_DIR / "pdf" / "x").iterdir()) == ["k2"]


def test_a_failed_manifest_write_leaves_no_temporary_file(tmp_path, monkeypatch, shipped):
    from zhpub.manifest import read_manifest, recorded, write_manifest

    folder = tmp_path / "content" / SLUG
    shutil.copytree(ROOT / "content" / SLUG, folder)
    manifest = recorded(shipped)
    manifest.path = folder / "published-ids.jsonl"
    before = manifest.path.read_bytes()

    def interrupted(self, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_manifest(manifest)
    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == []
    assert manifest.path.read_bytes() == before and read_manifest(manifest.path).ids


def entry_files(project: Path, kind: str) -> dict[str, tuple[str, int]]:
    """The build cache's per-page products of one kind: page (variant/address) -> (key, inode of the entry file)."""
    folder = project / cache.CACHE_DIR / kind
    return {p.parent.relative_to(folder).as_posix(): (p.name, p.stat().st_ino) for p in folder.rglob("*")
            if p.is_file() and not p.name.startswith(".")}


def test_one_changed_document_makes_only_its_pages_again_and_the_site_equals_a_cold_build(tmp_path, monkeypatch):
    other = "national-2013"
    project = copy_project(tmp_path / "project", (SLUG, other))
    build(project, {"data", "site"})
    shards = project / "build" / "site" / "zh-Hant" / "search" / "shards"
    before = {kind: entry_files(project, kind) for kind in ("paragraph-search", "material-search")}
    shard_before = {name: (shards / name).read_bytes() for name in (f"{SLUG}.json", f"{other}.json")}
    pages_before = entry_files(project, "page-html")
    edit(project / "content" / SLUG / "document.yaml", "title: ", "title: 修订 ")
    report = build(project, {"data", "site"})
    assert "site/zh-Hans/" in report.built and "site/zh-Hant/" in report.built
    pages_after = entry_files(project, "page-html")
    assert pages_after.keys() == pages_before.keys() and f"hans/{other}/index.html" in pages_after
    # every page's navigation lists every title: a title edit renders every page again
    assert all(pages_after[page][0] != pages_before[page][0] for page in pages_before)
    for kind, entries in before.items():
        after = entry_files(project, kind)
        assert after.keys() == entries.keys(), kind
        for page in (f"hant/{other}/index.html", f"hans/{other}/indicators.html"):
            assert after[page] == entries[page], (kind, page)  # reused: same key, the entry not written again
        assert after[f"hant/{SLUG}/index.html"][0] != entries[f"hant/{SLUG}/index.html"][0], kind  # its title changed
    assert "修_订" in (shards / f"{SLUG}.json").read_text(encoding="utf-8")  # the new title, as folded bigrams
    assert (shards / f"{SLUG}.json").read_bytes() != shard_before[f"{SLUG}.json"]
    assert (shards / f"{other}.json").read_bytes() == shard_before[f"{other}.json"]
    cached = files(project / "build")
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    shutil.rmtree(project / "build")
    build(project, {"data", "site"})
    assert files(project / "build") == cached


def pages_rendered_and_reused(caplog) -> tuple[int, int]:
    """The plugin's count of the pages it rendered and those it took from the build cache, both editions."""
    counts = [re.search(r"(\d+) pages rendered, (\d+) reused", r.getMessage()) for r in caplog.records]
    counts = [tuple(map(int, m.groups())) for m in counts if m]
    assert len(counts) == 2, counts  # one line per edition
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def corpus_pieces_made_and_reused(caplog) -> tuple[int, int]:
    """The plugin's count of the documents whose corpus search index pieces it made and of those it took from the
    build cache, both editions."""
    counts = [re.search(r"corpus index: (\d+) documents' pieces made, (\d+) reused", r.getMessage())
              for r in caplog.records]
    counts = [tuple(map(int, m.groups())) for m in counts if m]
    assert len(counts) == 2, counts  # one line per edition
    return sum(c[0] for c in counts), sum(c[1] for c in counts)


def test_a_body_edit_renders_only_the_pages_showing_the_text_again_and_the_site_equals_a_cold_build(
        tmp_path, monkeypatch, caplog):
    other = "national-2013"
    project = copy_project(tmp_path / "project", (SLUG, other))
    build(project, {"data", "site"})
    before = entry_files(project, "page-html")
    bodies_before = entry_files(project, "site-pages")  # each document's own pages as zhpub renders them
    pieces_before = entry_files(project, "corpus-index")  # each document's pieces of the corpus search index
    corpus = project / "build" / "site" / "zh-Hant" / "search" / "corpus"
    chunks_before = {p.name: p.read_bytes() for p in corpus.glob("t-*.js")}
    assert {p for p in chunks_before if p.startswith(f"t-{SLUG}-")} and {p for p in chunks_before if p.startswith(f"t-{other}-")}
    assert {f"hans/{SLUG}/index.html", f"hant/{other}/corrections.html", "hant/glossary/index.html"} <= before.keys()
    source = project / "content" / other / "source.txt"
    text = source.read_text(encoding="utf-8")
    at = text.index("，", len(text) // 2)  # one comma of one paragraph of the body
    source.write_text(text[:at] + "、" + text[at + 1:], encoding="utf-8")
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.zhpub")
    report = build(project, {"data", "site"})
    assert "site/zh-Hans/" in report.built and "site/zh-Hant/" in report.built
    after = entry_files(project, "page-html")
    assert after.keys() == before.keys()
    rendered = {page for page in after if after[page] != before[page]}
    for variant in ("hans", "hant"):
        assert f"{variant}/{other}/index.html" in rendered  # the edited paragraph
        # the other document's pages and the home page show nothing of it: the same entry, not written again
        assert [p for p in rendered if p.startswith(f"{variant}/{SLUG}/") or p == f"{variant}/index.html"] == []
    assert len(rendered) < len(after) / 4
    bodies = entry_files(project, "site-pages")
    for variant in ("hans", "hant"):
        assert bodies[f"{variant}/{SLUG}"] == bodies_before[f"{variant}/{SLUG}"]
        assert bodies[f"{variant}/{other}"][0] != bodies_before[f"{variant}/{other}"][0]
    assert pages_rendered_and_reused(caplog) == (len(rendered), len(after) - len(rendered))
    # the corpus search index: the edited document's pieces made again, the other's taken from the build cache
    assert corpus_pieces_made_and_reused(caplog) == (2, 2)
    pieces = entry_files(project, "corpus-index")
    assert pieces.keys() == {f"{v}/{d}" for v in ("hans", "hant") for d in (SLUG, other)}
    for variant in ("hans", "hant"):
        assert pieces[f"{variant}/{SLUG}"] == pieces_before[f"{variant}/{SLUG}"]  # the same entry, not written again
        assert pieces[f"{variant}/{other}"][0] != pieces_before[f"{variant}/{other}"][0]
    chunks = {p.name: p.read_bytes() for p in corpus.glob("t-*.js")}
    assert chunks.keys() == chunks_before.keys()
    changed = [name for name in chunks if chunks[name] != chunks_before[name]]  # the edited paragraph's text chunk
    assert len(changed) == 1 and changed[0].startswith(f"t-{other}-"), changed
    assert chunks[changed[0]].decode().count("、") == chunks_before[changed[0]].decode().count("、") + 1
    cached = files(project / "build")
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    shutil.rmtree(project / "build")
    build(project, {"data", "site"})
    assert files(project / "build") == cached


# What the theme's templates make of every page besides its own inputs: a change to either renders every page again
SITE_INPUTS = [
    ("theme override", "hooks/overrides/main.html", "{% block extrahead %}{{ super() }}",
     '{% block extrahead %}{{ super() }}<meta name="cache-test" content="theme">'),
    ("mkdocs.yml", "mkdocs.yml", "strict: true\n", "strict: true\ncopyright: cache-test-copyright\n"),
]


@pytest.mark.parametrize("kind, name, old, new", SITE_INPUTS, ids=[k for k, *_ in SITE_INPUTS])
def test_a_change_to_the_theme_or_the_configuration_renders_every_page_again(project, monkeypatch, kind, name, old, new):
    build(project, {"site"})
    before = entry_files(project, "page-html")
    edit(project / name, old, new)
    build(project, {"site"})
    after = entry_files(project, "page-html")
    assert after.keys() == before.keys() and all(after[p][0] != before[p][0] for p in before), kind
    page = project / "build" / "site" / "zh-Hant" / SLUG / "indicators.html"
    assert b"cache-test" in page.read_bytes(), kind
    cached = files(project / "build")
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    shutil.rmtree(project / "build")
    build(project, {"site"})
    assert files(project / "build") == cached, kind


def _first(): return 1
def _second(): return 2


class _Greeter:
    def __init__(self, word): self.word = word
    def greet(self): return self.word


def test_stable_form_tells_template_inputs_apart_and_refuses_what_it_cannot_name():
    """A page's key (plugin.PageHTML) is made of these forms: two different callables, partials or bound objects
    must not share one (a stale page), and what has no form across builds (a closure, a cycle) is refused, so the
    page is rendered."""
    import functools

    from zhpub.mkdocs_plugin.material_compat import UnstableInput, stable

    assert stable(_first) != stable(_second) and stable(_first) == stable(_first)
    assert stable(functools.partial(_first, 1)) != stable(functools.partial(_first, 2))
    assert stable(_Greeter("a").greet) != stable(_Greeter("b").greet)
    assert stable({"b": 1, "a": [1, 2]}) == stable({"a": [1, 2], "b": 1})
    with pytest.raises(UnstableInput):
        stable(lambda: None)
    nested: list = []
    nested.append(nested)
    with pytest.raises(UnstableInput):
        stable(nested)


def edit_one_comma(project: Path, slug: str) -> None:
    """A body edit: a comma of the text's second half (full-width, or ASCII as a scrape may have it) becomes 、."""
    source = project / "content" / slug / "source.txt"
    text = source.read_text(encoding="utf-8")
    at = min(i for i in (text.find("，", len(text) // 2), text.find(",", len(text) // 2)) if i >= 0)
    source.write_text(text[:at] + "、" + text[at + 1:], encoding="utf-8")


def test_a_reused_page_is_its_stored_bytes_copied_and_mkdocs_reports_no_skipped_page(project, caplog):
    """With no other plugin changing pages' output, a reused page's entry holds the bytes MkDocs writes and is copied
    into the site as it is (plugin.PageHTML.keep); MkDocs, given nothing to write, does not report a skipped page."""
    build(project, {"site"})
    edit_one_comma(project, SLUG)
    caplog.set_level(logging.INFO)
    build(project, {"site"})
    rendered, reused = pages_rendered_and_reused(caplog)
    assert rendered and reused > rendered
    assert not [r for r in caplog.records if r.getMessage().startswith("Page skipped")]
    folder = project / cache.CACHE_DIR / "page-html"
    site = project / "build" / "site"
    pages = {p.parent.relative_to(folder).as_posix(): p for p in folder.rglob("*")
             if p.is_file() and not p.name.startswith(".")}
    assert len(pages) == rendered + reused
    for name, entry in pages.items():
        variant, url = name.split("/", 1)
        assert (site / {"hans": "zh-Hans", "hant": "zh-Hant"}[variant] / url).read_bytes() == entry.read_bytes(), name


STAMP_HOOK = '''def on_post_page(output, page, config):
    return output.replace("</body>", f"<!-- stamped {page.url} -->\\n</body>", 1)
'''


def test_a_plugin_that_changes_every_page_changes_the_reused_ones_too(project, monkeypatch, caplog):
    """Another on_post_page (a project's hook) sees each page's output, reused or rendered: the reused page is then
    printed through the template, not copied, and the site equals a cold build."""
    (project / "hooks" / "stamp_pages.py").write_text(STAMP_HOOK, encoding="utf-8")
    edit(project / "mkdocs.yml", "strict: true\n", "strict: true\nhooks:\n  - hooks/stamp_pages.py\n")
    build(project, {"site"})
    edit_one_comma(project, SLUG)
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.zhpub")
    build(project, {"site"})
    rendered, reused = pages_rendered_and_reused(caplog)
    assert rendered and reused > rendered
    site = project / "build" / "site"
    pages = sorted(site.glob("zh-Han*/**/*.html"))
    assert pages and all(b"<!-- stamped " in p.read_bytes() for p in pages if p.name != "404.html")
    assert (site / "zh-Hant" / SLUG / "indicators.html").read_bytes().count(b"<!-- stamped ") == 1
    cached = files(project / "build")
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    shutil.rmtree(project / "build")
    build(project, {"site"})
    assert files(project / "build") == cached


def test_a_model_is_one_object_by_relative_and_absolute_path_and_a_new_one_after_an_edit(project, monkeypatch):
    """`zhpub build` reads content/<doc> from the project, the MkDocs plugin by its absolute path: one entry of the
    in-memory cache (content._Place), so the site editions' workers, forked from the build, find the build's models
    instead of loading them again; an edit still gives a new model."""
    from zhpub.content import ContentFolder, load_document

    monkeypatch.chdir(project)
    relative = load_document(ContentFolder(Path("content") / SLUG))
    assert load_document(ContentFolder(project.resolve() / "content" / SLUG)) is relative
    edit(project / "content" / SLUG / "document.yaml", "title: ", "title: 修订 ")
    edited = load_document(ContentFolder(project / "content" / SLUG))
    assert edited is not relative and edited.meta["title"].startswith("修订 ")


def test_the_corpus_and_the_indicator_names_are_made_once_per_content_and_again_after_an_edit(project):
    """The review, the data and each site edition share one corpus (corpus.project.load_corpus: the same models and
    corpus/ files) and one reading of the indicator names (knowledge.indicators.load_names_en); a changed file, or
    other models, make them again."""
    from zhpub.build import publishable_documents
    from zhpub.corpus.project import load_corpus
    from zhpub.knowledge.indicators import load_names_en

    docs = publishable_documents(project, with_notes=False)
    corpus = load_corpus(project, docs)
    assert load_corpus(project, list(docs)) is corpus and corpus.corpus.series["zhenjiang"].years
    assert load_corpus(project, []) is not corpus and not load_corpus(project, []).corpus.series
    edit(project / "corpus" / "series.yaml", "body: {hans: 镇江市人民政府,", "body: {hans: 镇江市政府,")
    again = load_corpus(project, docs)
    assert again is not corpus and again.corpus.series["zhenjiang"].series.body["hans"] == "镇江市政府"

    path = project / "glossary" / "indicator-names.yaml"
    names = load_names_en(path)
    assert names["地区生产总值"] == "GDP (gross regional product)"
    names["地区生产总值"] = "changed by a caller"  # each caller gets its own dict
    assert load_names_en(path)["地区生产总值"] == "GDP (gross regional product)"
    edit(path, "地区生产总值: GDP (gross regional product)", "地区生产总值: gross regional product (GDP)")
    assert load_names_en(path)["地区生产总值"] == "gross regional product (GDP)"


def test_a_dirty_mkdocs_build_never_writes_through_a_reused_file_into_the_build_cache(project, monkeypatch):
    """A reused page or data file in site_dir is a hard link to its cache entry; `mkdocs build --dirty` keeps
    site_dir and writes its files in place (the cache off, every page): the entries must keep their bytes."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    build(project, {"site"})
    edit_one_comma(project, SLUG)
    build(project, {"site"})  # most pages are now links into the cache
    site = project / "build" / "site" / "zh-Hans"
    assert [p for p in site.rglob("*.html") if p.stat().st_nlink > 1]
    entries = {p: p.read_bytes() for p in (project / cache.CACHE_DIR).rglob("*") if p.is_file()}
    edit(project / "mkdocs.yml", "strict: true\n", "strict: true\ncopyright: dirty-build-copyright\n")
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    monkeypatch.chdir(project)
    mkdocs_build(load_config(str(project / "mkdocs.yml"), strict=False), dirty=True)
    assert "dirty-build-copyright" in (site / SLUG / "index.html").read_text(encoding="utf-8")
    changed = [p for p, data in entries.items() if p.is_file() and p.read_bytes() != data]
    assert changed == []
