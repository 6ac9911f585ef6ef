"""The MkDocs plugin: the Document model in, generated pages out; Chinese paragraph search on top.

Configured in mkdocs.yml (``plugins: - zhpub: {variant: !ENV [ZHPUB_VARIANT, hans]}``). Everything a reader sees
(page text, links, ids, glossary, indicators) comes from zhpub.render; this module only hands it to MkDocs, and
keeps what one build needs on the plugin instance (MkDocs makes a new one for every configuration it loads).
"""

from __future__ import annotations

import datetime as dt
import html as html_module
import logging
import os
import re
import shutil
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader
from markdown.extensions.toc import nest_toc_tokens
from markupsafe import Markup

from mkdocs.config import base, config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from ..build import document_data, document_data_folder, glossary_data_folder, publishable_documents
from ..cache import Cache, enabled, key
from ..content import load_project_glossary
from ..corpus.series import SERIES_FILE, load_series
from ..knowledge.indicators import document_year
from ..model import LANG_TAGS
from ..pipeline import with_variants
from ..render.common import label, pick
from ..variants import BY_CODE, DEFAULT, extras, names, published
from ..render.site import SiteRenderer
from ..render.templates import bytecode_cache, render
from . import material_compat
from .search import ParagraphSearch, SearchDocument, shard_folders, shard_of

SEARCH_PAGE = "search.md"  # search across the corpus (search.py's corpus index)
SEARCH_CSS = "stylesheets/search.css"  # in the assets folder (hooks/assets)
VARIANT_CSS = "stylesheets/zhpub-variants.css"  # written by the plugin when an on-request edition is published
log = logging.getLogger("mkdocs.plugins.zhpub")


def variant_stylesheet(editions: tuple[str, ...]) -> str:
    """The font stack of each on-request edition (zhpub.css names those of the default two), from the declarations:
    zh-Hant-HK is :lang(zh-Hant) too, and this rule, as specific, comes after zhpub.css's."""
    rules = [f":root:lang({BY_CODE[v].tag}) {{\n  --md-text-font: {BY_CODE[v].web_fonts};\n}}\n"
             for v in editions if BY_CODE[v].on_request]
    return "/* Fonts named per script, for the editions published on request (zhpub.variants). */\n" + "".join(rules)


class ZhpubConfig(base.Config):
    variant = config_options.Choice(tuple(BY_CODE), default="hans")
    """The script of this build: hans (Simplified, the canonical text), hant (Traditional) or hk (Hong Kong glyphs)."""
    assets = config_options.Type(str, default="hooks/assets")
    """Stylesheets and scripts copied into the site (relative to mkdocs.yml)."""
    variants = config_options.ListOfItems(config_options.Choice(tuple(BY_CODE)), default=list(DEFAULT))
    """The editions the project publishes (zhpub.variants): hans and hant always; hk (Traditional, Hong Kong glyphs)
    on request: its own site edition, PDFs and its text in the data."""
    paragraph_search = config_options.Type(bool, default=True)
    """One search entry per paragraph, and Han bigram matching (see search.py)."""


class ZhpubPlugin(BasePlugin[ZhpubConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.renderer: SiteRenderer | None = None
        self.search: ParagraphSearch | None = None
        self.root: Path | None = None
        self.heads: dict[str, str] = {}
        self.generated_pages: set[str] = set()  # src paths of the pages made by zhpub.render (bodies are HTML)
        self.bodies: dict[str, str] = {}  # src path -> HTML body, between on_page_markdown and on_page_content
        self.page_html: PageHTML | None = None  # each page's finished HTML from the build cache (None: cache off)
        self.skipped: logging.Filter | None = None  # MkDocs' notes on the pages copied from the cache, held back

    @event_priority(100)  # before Material's search plugin reads the theme language
    def on_config(self, config):
        try:
            material_compat.check_material_version(config.theme.name)
        except material_compat.MaterialVersionError as e:
            raise PluginError(str(e)) from None
        variant = self.config.variant
        self.root = Path(config.config_file_path).parent
        editions = tuple(v.code for v in published(self.config.variants))
        if variant not in editions:
            raise PluginError(f"zhpub: the variant {variant!r} is not published: add it to the zhpub plugin's variants: "
                              f"in mkdocs.yml (now {', '.join(editions)})")
        self.extras = extras(editions)  # the on-request editions every document's data carries (hk)
        # a ZhpubError names file:line; it goes up to the caller as it is. Notes (warnings) are zhpub check's to print
        docs = publishable_documents(self.root, with_notes=False)
        if self.extras:  # their text and glossary hits, derived from the canonical text (pipeline.py): the hk pages
            docs = [with_variants(doc, self.extras) for doc in docs]  # and every edition's data/glossary.json need them
        glossary = load_project_glossary(self.root)
        site_root = config.site_url or ""  # the address of build/site/, which holds both variants
        serving = site_root.startswith(f"http://{config.dev_addr.host}:{config.dev_addr.port}/")  # mkdocs serve
        self.renderer = SiteRenderer(docs, glossary, variant, "" if serving else site_root, self.root,
                                     permalink=heading_permalink(config), editions=editions)
        self.products = PageProducts(self.root, variant)
        self.page_html = PageHTML(self.products) if enabled() else None
        self.segments = self.products.memo("segments")  # jieba's cuts of each text, Material's and zhpub's entries
        self.memos = [self.segments]
        self.search = (ParagraphSearch(self._search_documents(docs), self.products, self.segments.wrap, self._memoise)
                       if self.config.paragraph_search else None)
        if site_root and not serving:
            config.site_url = f"{site_root.rstrip('/')}/{LANG_TAGS[variant]}/"  # canonical links, sitemap, 404.html

        config.theme["language"] = BY_CODE[variant].theme_language
        site_dir = Path(config.site_dir)
        if site_dir.name in LANG_TAGS.values():  # build/site/zh-Hans -> zh-Hant, zh-Hant-HK: sibling builds, same paths
            config.site_dir = str(site_dir.parent / LANG_TAGS[variant])  # (`mkdocs serve` uses a temporary dir)
        config.site_name = label("site", variant)
        config.nav = self.renderer.nav()
        if self.search is not None:
            config.nav.append({label("search_all", variant): SEARCH_PAGE})
            if SEARCH_CSS not in config.extra_css:
                config.extra_css.append(SEARCH_CSS)
        shown = names(BY_CODE[v] for v in editions)  # the script switch: every published edition
        config.extra["alternate"] = [
            {"name": shown[v], "link": f"../{LANG_TAGS[v]}/index.html", "lang": LANG_TAGS[v]} for v in editions
        ]
        if len(editions) > len(DEFAULT) and VARIANT_CSS not in config.extra_css:  # fonts of the regional editions
            config.extra_css.append(VARIANT_CSS)
        # Reproducible output: MkDocs stamps the sitemap with the build date; use the newest document date instead
        # (unless the caller set one). Recomputed on every build, so `mkdocs serve` follows date edits.
        dates = [d.meta["date"] for d in docs if d.meta.get("date")]
        if dates and ("SOURCE_DATE_EPOCH" not in os.environ or os.environ.get("ZHPUB_SET_EPOCH")):
            newest = dt.datetime.fromisoformat(max(dates)).replace(tzinfo=dt.timezone.utc)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(newest.timestamp()))
            os.environ["ZHPUB_SET_EPOCH"] = "1"  # ours to update on the next build
        return config

    def on_files(self, files: Files, config) -> Files:
        """Only generated files: the pages and data of every document, and our assets. (content/ holds sources.)"""
        # after MkDocs emptied site_dir (a clean build) or kept it (--dirty: the last build's links into the cache)
        own_copies(Path(config.site_dir))
        docs_dir = Path(config.docs_dir).resolve()
        generated = Files([f for f in files if not _inside(f.abs_src_path, docs_dir)])  # keep the theme's assets
        self.heads = self.renderer.heads()
        # a document's own pages from the build cache when nothing they are made from changed (cache off: made)
        pages = self.renderer.pages(reuse=self.products.reuse("site-pages") if enabled() else None)
        for page in pages:
            generated.append(File.generated(config, page.path, content=page.markdown))
        self.generated_pages = {page.path for page in pages} | {SEARCH_PAGE}
        glossary_folder = glossary_data_folder(self.renderer.docs, self.renderer.loaded_glossary, self.root, self.extras)
        for path, text in self.renderer.data_files(documents=False, glossary=glossary_folder is None).items():
            generated.append(File.generated(config, path, content=text))
        if glossary_folder is not None:  # made once for build/data/ and every edition (build.glossary_data_folder)
            generated.append(self._cached_file(config, "data/glossary.json", glossary_folder / "glossary.json"))
        for doc in self.renderer.docs:  # each document's data files, serialised once (build/data/ has the same)
            folder, _ = document_data_folder(doc, self.renderer.site_url, self.root, self.extras)
            if folder is not None:  # the cached files: nothing is serialised or held in memory
                for path in sorted(folder.iterdir()):
                    if not path.name.startswith("."):
                        generated.append(self._cached_file(config, f"data/{path.name}", path))
            else:
                for name, data in document_data(doc, self.renderer.site_url, self.extras).items():
                    generated.append(File.generated(config, f"data/{name}", content=data))
        if self.search is not None:
            generated.append(File.generated(config, SEARCH_PAGE, content=self._search_page()))
            self.search.folders = shard_folders([p.path for p in pages], {d.slug for d in self.search.documents})
        if VARIANT_CSS in config.extra_css:
            generated.append(File.generated(config, VARIANT_CSS, content=variant_stylesheet(self.renderer.editions)))
        assets = self.root / self.config.assets
        for asset in sorted(assets.rglob("*")):
            if asset.is_file():
                generated.append(File.generated(config, asset.relative_to(assets).as_posix(), abs_src_path=str(asset)))
        return generated

    @staticmethod
    def _cached_file(config, dest: str, entry: Path) -> File:
        """A file of the build cache, put in site_dir as a hard link (entries are never rewritten in place); MkDocs,
        finding the same file there, copies nothing (mkdocs.utils.copy_file's SameFileError). Where no link can be
        made (`mkdocs serve`'s temporary folder on another file system) MkDocs copies it."""
        target = Path(config.site_dir) / dest
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not (target.exists() and os.path.samefile(target, entry)):  # a dirty build's site_dir has it
                target.unlink(missing_ok=True)
                os.link(entry, target)
        except OSError:
            pass
        return File.generated(config, dest, abs_src_path=str(entry))

    def on_env(self, env, config, files):
        """The theme's compiled templates from the build cache too (a new process compiled Material's forty again)."""
        if env.bytecode_cache is None:
            env.bytecode_cache = bytecode_cache(self.root)
        if self.page_html is not None:  # the page template that either renders the theme's or gives the stored page
            env.loader = ChoiceLoader([DictLoader(PageHTML.TEMPLATES), env.loader])
            self.page_html.env = env  # its globals and filters are in every page's key
        return env

    @event_priority(-100)  # after Material's search plugin made its index (on_config)
    def on_pre_build(self, config):
        material_compat.reuse_page_entries(config.plugins, self.products, self.segments.wrap)
        material_compat.faster_page_context(config.plugins)
        if not config.site_url:  # no 404 page without an address (on_post_build): not rendered with the whole nav either
            config.theme.static_templates.discard("404.html")
        if self.page_html is not None:  # every plugin is loaded: whether another one changes a page's output
            self.page_html.copies_output = material_compat.only_post_page_handler(config.plugins, self.on_post_page)
            if self.page_html.copies_output:
                self.skipped = material_compat.quiet_skipped_pages(self.page_html.copied_pages)

    @event_priority(-100)  # after every other plugin's: the context is complete, Material's search has read the page
    def on_page_context(self, context, page, config, nav):
        """Citation meta tags and JSON-LD for the page's <head> (hooks/overrides/main.html prints them); then the
        page's last output when nothing it is made from changed (PageHTML), else the theme's template."""
        context["zhpub_head"] = self.heads.get(page.file.src_uri, "")
        if self.search is not None:  # the index shard the page's search box loads (search-shard.js)
            context["zhpub_search_shard"] = shard_of(page.url, self.search.folders)
            context["zhpub_search_all"] = label("search_all", self.config.variant)
        return self.page_html.choose(context, page, config, nav) if self.page_html is not None else context

    @event_priority(100)  # before other plugins change the output: they do the same to a reused page
    def on_post_page(self, output, page, config):
        return self.page_html.keep(page, output) if self.page_html is not None else output

    @event_priority(-100)  # after any other plugin: what MkDocs converts is then nothing
    def on_page_markdown(self, markdown, page, config, files):
        """zhpub's pages are HTML already (render/site.py): keep the body, so Python-Markdown converts nothing."""
        if self.page_html is not None:  # its template is chosen at on_page_context, when all its inputs are known
            self.page_html.dispatch(page)
        if page.file.src_uri not in self.generated_pages:
            return markdown
        self.bodies[page.file.src_uri] = markdown
        return ""

    @event_priority(100)  # first: the page's own HTML back in place, before any other plugin sees the content
    def on_page_content(self, html, page, config, files):
        body = self.bodies.pop(page.file.src_uri, None)
        if body is not None:
            page.toc = get_toc(toc_tokens(body, toc_depth(config)))
            html = body.strip("\n").replace(TOC_MARK, "")
        if self.search is None or (page.meta.get("search") or {}).get("exclude"):
            return html
        return self.search.page_content(html, page.url, page.title)

    def on_build_error(self, error):
        self._end_pages()

    def _end_pages(self) -> None:
        if self.skipped is not None:
            logging.getLogger(self.skipped.LOGGER).removeFilter(self.skipped)
            self.skipped = None
        if self.page_html is not None:
            self.page_html.close()

    def _memoise(self, name: str, function):
        """``function`` (pure, of one text) with the results of the last build (plugin.Memo, saved at on_post_build)."""
        memo = self.products.memo(f"search-{name}")
        self.memos.append(memo)
        return memo.wrap(function)

    def _search_documents(self, docs) -> list[SearchDocument]:
        series = load_series(self.root / SERIES_FILE)
        variant = self.config.variant
        found = []
        for doc in docs:
            sid = doc.meta.get("series") or ""
            name = pick(series[sid].body, variant) if sid in series else ""
            found.append(SearchDocument(doc.slug, self.renderer.title(doc), document_year(doc), sid, name))
        return found

    def _search_page(self) -> str:
        documents = self.search.documents
        series = sorted({(d.series, d.series_label) for d in documents if d.series})
        labels = {key: label(key, self.config.variant) for key in (
            "search_all", "search_query", "search_series", "search_year", "search_any", "search_submit",
            "search_results", "search_none", "search_more", "search_loading", "search_hint")}
        return render("site/search.md", self.root, title=labels["search_all"], t=labels, exclude_from_search=True,
                      permalink=self.renderer.permalink,
                      search_boost=None, series=series, years=sorted({d.year for d in documents if d.year}, reverse=True))

    # Material's search writes the index at 0; the offline plugin copies it into a script at -100; zhpub shards it
    # after both (and writes the offline script itself)
    @event_priority(-110)
    def on_post_build(self, config):
        if self.search is not None:
            self.search.post_build(Path(config.site_dir))
            counts = self.search.corpus_counts
            log.info(f"zhpub: corpus index: {counts['made']} documents' pieces made, {counts['reused']} reused from the "
                     "build cache")
        for memo in self.memos:
            memo.save()
        self._end_pages()
        if self.page_html is not None:
            log.info(f"zhpub: {self.page_html.rendered} pages rendered, {self.page_html.reused} reused from the build cache")
        # MkDocs writes 404.html with root-absolute links, right only when site_url names the deployment address;
        # without one it would be a page of broken links (and file:// readers never see a 404).
        if not config.site_url:
            (Path(config.site_dir) / "404.html").unlink(missing_ok=True)


class PageProducts:
    """What one site variant makes per page (search entries), kept in the project's build cache (cache.py) under a
    key of everything it is made from, so a page that did not change costs almost nothing on the next build or
    `mkdocs serve` refresh; ZHPUB_CACHE=0 keeps nothing."""

    def __init__(self, root: Path, variant: str):
        self.cache = Cache(root)
        self.variant = variant

    def get(self, kind: str, url: str, *parts: str):
        """(the stored product or None, its key)."""
        product = key(kind, self.variant, url, *parts)
        return self.cache.get_object(kind, f"{self.variant}/{url}", product), product

    def put(self, kind: str, url: str, product: str, value) -> None:
        self.cache.put_object(kind, f"{self.variant}/{url}", product, value)

    def reuse(self, kind: str):
        """``reuse(name, inputs, make)``: the product stored under ``inputs``' key, else ``make()``, stored."""
        def reuse(name: str, inputs, make):
            stored, product = self.get(kind, name, *inputs)
            if stored is None:
                stored = make()
                self.put(kind, name, product, stored)
            return stored
        return reuse

    def memo(self, kind: str) -> "Memo":
        """A function's results of the variant's last build (one entry, under the code version), for this build."""
        product = key(kind, self.variant)
        return Memo(self, kind, product, self.cache.get_object(kind, self.variant, product) or {})


class PageHTML:
    """Each page's finished HTML (the theme's template rendered with the page's context, before other plugins'
    on_post_page) kept in the build cache under a key of everything that output is made from
    (material_compat.site_render_inputs and page_render_inputs: the configuration, the navigation, the theme's
    templates, and the page's body, table of contents, title, front matter, addresses, neighbours and what plugins
    add to its context), so a page whose inputs did not change is not rendered again. A body edit renders the edited
    document's pages and those quoting it; a title edit every page (each page's navigation lists every title).

    MkDocs picks the template before on_page_context: each page's template is ``DISPATCH``, which extends the
    template the page asked for, or ``REUSED``, which prints the stored page, as ``choose`` decides. The entry holds
    the bytes MkDocs writes (UTF-8, a lone surrogate as a character reference); when no other plugin changes a
    page's output (``copies_output``), a reused page's entry is copied into site_dir as it is, and MkDocs is given
    nothing to write: the page is neither decoded, encoded, printed through the template nor written."""

    DISPATCH = material_compat.DISPATCH_TEMPLATE
    REUSED = material_compat.REUSED_PAGE_TEMPLATE
    TEMPLATES = {DISPATCH: "{% extends zhpub_page_template %}", REUSED: "{{ zhpub_reused_page }}"}

    def __init__(self, products: PageProducts):
        self.products = products
        self.site: str | None = None  # the site-wide inputs' key part, made at the first page; "" if unstable
        self.templates: dict[str, str] = {}  # src path -> the template the page asked for
        self.pending: dict[str, str] = {}  # src path -> key, pages rendered in this build, stored at on_post_page
        self.copies_output = False  # a reused page's entry is copied into site_dir (set at on_pre_build)
        self.copying: dict[str, object] = {}  # src path -> its open entry, between on_page_context and on_post_page
        self.copied_pages: set[str] = set()  # src paths of the pages copied, whose empty output MkDocs reports
        self.rendered = self.reused = 0
        self.env = None  # the Jinja environment (on_env)

    def dispatch(self, page) -> None:
        self.templates[page.file.src_uri] = page.meta.get("template", "main.html")
        page.meta["template"] = self.DISPATCH

    def choose(self, context, page, config, nav):
        src = page.file.src_uri
        if src not in self.templates:  # a page whose front matter MkDocs read without us: leave it be
            return context
        context["zhpub_page_template"] = self.templates[src]
        if self.site is None:
            try:
                self.site = key(*material_compat.site_render_inputs(config, nav, context["pages"], self.env))
            except material_compat.UnstableInput as e:
                log.info(f"zhpub: pages are rendered without the build cache: {e}")
                self.site = ""
        try:
            product = self.site and key("page-html", self.products.variant, self.site, *material_compat.page_render_inputs(context, page))
        except material_compat.UnstableInput:
            product = ""
        stored = self.products.cache.open_bytes("page-html", self._name(page), product) if product else None
        if stored is not None:
            context["zhpub_page_template"] = self.REUSED
            if self.copies_output:  # copied at on_post_page
                self.copying[src] = stored
                context["zhpub_reused_page"] = ""
            else:
                with stored:
                    context["zhpub_reused_page"] = Markup(stored.read().decode("utf-8"))
            self.reused += 1
        else:
            if product:
                self.pending[src] = product
            self.rendered += 1
        return context

    def keep(self, page, output: str) -> str:
        """The page's output for MkDocs to write: a rendered page's is stored; a copied page's entry is put in
        site_dir here (a hard link: entries are never rewritten in place), and MkDocs gets nothing to write."""
        src = page.file.src_uri
        target = page.file.abs_dest_path
        if os.path.isfile(target) and os.stat(target).st_nlink > 1:  # a dirty build's site_dir: a cache entry's link,
            os.unlink(target)  # which MkDocs must not write through
        stored = self.copying.pop(src, None)
        if stored is not None:
            with stored:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                try:
                    os.link(stored.name, target)
                except OSError:  # another file system (`mkdocs serve`'s temporary folder), or the entry was replaced
                    with open(target, "wb") as copy:
                        shutil.copyfileobj(stored, copy, 1 << 20)
            self.copied_pages.add(src)
            return ""
        product = self.pending.pop(src, None)
        if product:  # what MkDocs writes (mkdocs.commands.build._build_page)
            self.products.cache.put_bytes("page-html", self._name(page), product, output.encode("utf-8", "xmlcharrefreplace"))
        return output

    def close(self) -> None:
        for stored in self.copying.values():  # a page whose build failed between on_page_context and on_post_page
            stored.close()
        self.copying.clear()
        self.copied_pages.clear()

    def _name(self, page) -> str:
        return f"{self.products.variant}/{page.url}"


class Memo:
    """Results of a pure function by argument (jieba's segmentation of a text): the last build's are looked up, this
    build's are kept (those of texts no page has any more are dropped, so it does not grow)."""

    def __init__(self, products: PageProducts, kind: str, product: str, known: dict):
        self.products, self.kind, self.product, self.known, self.used = products, kind, product, known, {}

    def wrap(self, function):
        def memoised(text):
            if text not in self.used:
                self.used[text] = self.known[text] if text in self.known else function(text)
            return self.used[text]
        return memoised

    def save(self) -> None:
        if self.used != self.known:
            self.products.cache.put_object(self.kind, self.products.variant, self.product, self.used)


def own_copies(folder: Path) -> None:
    """Every file of ``folder`` that is a hard link (a reused page or data file shares its bytes with a build-cache
    entry) replaced by a copy of its own, so that MkDocs and the plugins, writing their files in place, can never write
    through into the cache. A clean build empties site_dir instead, which unlinks."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and path.stat().st_nlink > 1:
            copy = path.with_name(f".{path.name}.own")
            shutil.copy2(path, copy)
            os.replace(copy, path)


def heading_permalink(config) -> tuple[str, str] | None:
    """The ¶ link the toc extension of mkdocs.yml puts on headings, as (symbol, title); None when it puts none."""
    if not {"toc", "markdown.extensions.toc"} & {str(e) for e in config.markdown_extensions}:
        return None
    options = (config.mdx_configs or {}).get("toc", {})
    symbol = options.get("permalink", False)
    if symbol in (False, None):
        return None
    return ("\u00b6" if symbol is True else str(symbol)), options.get("permalink_title", "Permanent link")  # True: ¶


def toc_depth(config) -> int:
    """The deepest heading level in the table of contents (toc's ``toc_depth``: 3, or "2-3" for its range's end)."""
    depth = (config.mdx_configs or {}).get("toc", {}).get("toc_depth", 6)
    return int(str(depth).rsplit("-", 1)[-1])


TOC_MARK = " data-zh-toc"  # on the headings of site/macros.html: those, not the other <h2>s of a page, make the toc
# the opening tag's end of a marked heading, then its text (escaped: no tag inside, the ¶ link follows it)
MARKED_HEADING = re.compile(r'h([1-6]) id="([^"]*)"' + TOC_MARK + r'>([^<]*)')


def toc_tokens(page_html: str, depth: int = 3) -> list[dict]:
    """The table of contents of a page zhpub wrote, as the toc extension gives it to MkDocs: the marked headings to
    ``depth``, their text as HTML, nested by level (toc's own nest_toc_tokens). Found by their mark, not by parsing
    the whole page (a document page is most of a build's HTML)."""
    flat = []
    for level, ident, text in MARKED_HEADING.findall(page_html):
        if int(level) <= depth:
            name = html_module.escape(html_module.unescape(text).strip(), quote=False)  # as toc writes it
            flat.append({"level": int(level), "id": html_module.unescape(ident), "name": name, "html": name,
                         "data-toc-label": ""})
    return nest_toc_tokens(flat)


def _inside(path: str | None, folder: Path) -> bool:
    return bool(path) and Path(path).resolve().is_relative_to(folder)
