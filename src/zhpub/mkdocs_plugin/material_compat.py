"""Every place zhpub relies on Material for MkDocs' internals, checked against the versions it was tested with.

Material 9.x is a theme plus plugins whose internals are not an API: the search worker's file name, the jieba
segmenter inside its search plugin, how its tooltips insert a title, which attributes its search parser reads.
They are all here, so a Material upgrade (or a move off Material, see README "Moving off Material") is a change
to this module only. ``check_material_version`` stops a build with a clear message outside the tested range.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
import types
from pathlib import Path
from types import MappingProxyType

from ..variants import DECLARED

TESTED_MATERIAL = ((9, 8, 0), (9, 9, 0))  # from, up to (excluded): the versions the browser tests ran on
# Material's translations (zh-Hans and zh-Hant-HK: hooks/overrides/partials/languages/, for <html lang>)
THEME_LANGUAGE = {v.code: v.theme_language for v in DECLARED}
PRELUDE_MARK = "/*zhpub-search-prelude*/"
PARAGRAPH_OPEN = re.compile(r'<p id="([a-z0-9-]+-p\d+)"')


class MaterialVersionError(RuntimeError):
    pass


def material_version() -> tuple[int, ...] | None:
    from importlib import metadata

    try:
        text = metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return None
    return tuple(int(x) for x in re.findall(r"\d+", text)[:3])


def check_material_version(theme_name: str) -> None:
    """A clear error when the theme is not Material, or a Material whose internals zhpub has not been tested on."""
    low, high = TESTED_MATERIAL
    tested = f"{'.'.join(map(str, low[:2]))}.x"
    if theme_name != "material":
        raise MaterialVersionError(f"zhpub needs the theme 'material' (Material for MkDocs {tested}), not {theme_name!r}")
    version = material_version()
    if version is None or not low <= version < high:
        found = ".".join(map(str, version)) if version else "not installed"
        raise MaterialVersionError(
            f"zhpub's search and tooltips use internals of Material for MkDocs {tested}; found {found}. "
            "Install the pinned version (pip install -c constraints.txt mkdocs-material), or check the internals "
            "listed in src/zhpub/mkdocs_plugin/material_compat.py against the new version and widen TESTED_MATERIAL.")


def tooltip_text(text: str) -> str:
    """Material's tooltips (feature content.tooltips) insert a title attribute's text as HTML: escape it once
    here, so that after the template's own escaping markup in the text stays text."""
    return html.escape(text, quote=False)


def exclude_from_section_entries(page_html: str) -> str:
    """Mark each paragraph ``data-search-exclude`` so Material's section entries do not repeat what zhpub indexes
    per paragraph. The value must be non-empty: Material strips data-search-* attributes only then."""
    return PARAGRAPH_OPEN.sub(r'<p id="\1" data-search-exclude="p"', page_html)


def index_text(escaped_text: str) -> str:
    """An entry's text as Material's search index holds it: an HTML paragraph (the text already escaped)."""
    return "<p>" + escaped_text + "</p>"


def segmenter():
    """Material's own Chinese segmentation of index text (jieba, when installed), or None."""
    try:
        from material.plugins.search.plugin import SearchIndex, jieba
    except ImportError:  # pragma: no cover
        return None
    if jieba is None:
        return None
    jieba.setLogLevel(logging.WARNING)  # not "Building prefix dict…" on every build
    # jieba keeps its dictionary cache in the system temp directory by default; a cache belongs in the
    # user's cache folder, so a build leaves nothing in /tmp
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhpub"
    cache.mkdir(parents=True, exist_ok=True)
    jieba.dt.tmp_dir = str(cache)
    if not jieba.dt.initialized and jieba.dt.dictionary == jieba.DEFAULT_DICT:
        # the same dictionary the converter to Traditional holds (its own segmenter, text.convert): one copy in
        # memory, not two (70 MB each); read-only here, so a word added to the search's would fail, not leak into
        # conversions. A dictionary set in mkdocs.yml (jieba_dict, jieba_dict_user) is loaded by Material as before.
        from ..text.convert import jieba_dictionary

        freq, jieba.dt.total = jieba_dictionary()
        jieba.dt.FREQ, jieba.dt.initialized = MappingProxyType(freq), True
    index = SearchIndex()
    return index._segment_chinese


def search_index_path(site_dir: Path) -> Path:
    return site_dir / "search" / "search_index.json"


def offline_index_path(site_dir: Path) -> Path:
    """The script Material's offline plugin makes of the index; Material reads its ``__index`` on file:// pages."""
    return site_dir / "search" / "search_index.js"


def install_worker_prelude(site_dir: Path, prelude: str) -> None:
    """Put ``prelude`` before the code of Material's search worker (once: `mkdocs serve` rebuilds in place)."""
    workers = list((site_dir / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise MaterialVersionError(f"zhpub search: expected one Material search worker, found {workers}; "
                                   "Material's layout changed: update src/zhpub/mkdocs_plugin/material_compat.py")
    code = workers[0].read_text(encoding="utf-8")
    if not code.startswith(PRELUDE_MARK):
        workers[0].write_text(PRELUDE_MARK + prelude + "\n" + code, encoding="utf-8")


# Material's search plugin (9.8), SearchPlugin.on_page_context: after indexing a page it removes the attributes that
# steer the index, re.sub(r"\s?data-search-\w+=\"[^\"]+\"", "", page.content)
MATERIAL_STRIP = r"\s?data-search-\w+=\"[^\"]+\""
SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="[^"]+"')


def strip_search_attributes(page_html: str) -> str:
    """What Material's pattern (MATERIAL_STRIP) removes, found from the attribute's literal start: that pattern's
    optional leading space makes Python's regex engine try it at every character of the page (0.24 s an edition at
    60 documents, zhpub's paragraph marks being most of what it removes). The same result: a match takes the one
    space before the attribute when that space is not part of the match before it."""
    parts, end = [], 0
    for match in SEARCH_ATTRIBUTE.finditer(page_html):
        start = match.start()
        if start > end and page_html[start - 1].isspace():  # \s of a str pattern is str.isspace
            start -= 1
        parts.append(page_html[end:start])
        end = match.end()
    if not parts:
        return page_html
    parts.append(page_html[end:])
    return "".join(parts)


def faster_page_context(plugins) -> bool:
    """Run Material's search on_page_context as it is (index the page, then strip its search attributes) with the
    stripping done by ``strip_search_attributes``: the handler MkDocs registered for the search plugin is replaced
    in place (same priority, same plugin name in MkDocs' messages). False, and nothing changed, when the search
    plugin or its handler is not the one this was written for."""
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:  # pragma: no cover
        return False
    search = plugins.get("material/search")
    events = getattr(plugins, "events", {}).get("page_context", [])
    for at, method in enumerate(events):
        if getattr(method, "__self__", None) is search and getattr(method, "__func__", None) is SearchPlugin.on_page_context:
            def on_page_context(context, *, page, config, nav):
                if not search.config.enabled:
                    return
                search.search_index.add_entry_from_context(page)
                page.content = strip_search_attributes(page.content)

            on_page_context.mkdocs_priority = getattr(method, "mkdocs_priority", 0)
            events[at] = on_page_context
            origins = getattr(plugins, "_event_origins", None)
            if isinstance(origins, dict) and method in origins:
                origins[on_page_context] = origins[method]
            return True
    return False


def reuse_page_entries(plugins, products, memoise=None) -> bool:
    """Let Material's search index take a page's entries from ``products`` (plugin.PageProducts) when nothing they are
    made from changed: the page's HTML, address, title, front matter, table of contents and the search plugin's
    options (Material's and jieba's versions are in every key, cache.py); ``memoise`` wraps its segmenter (a pure
    function of the text), so a changed page's unchanged sections are not cut again. Material makes them in
    ``SearchIndex.add_entry_from_context`` (9.8): parse the page into sections and segment each with jieba, the most
    costly step of a page after zhpub's own. False when the search plugin is not there or not enabled."""
    search = plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if index is None or not hasattr(index, "add_entry_from_context"):
        return False
    made_by = index.add_entry_from_context
    options = repr(sorted((k, repr(v)) for k, v in dict(search.config).items()))
    if memoise is not None and hasattr(index, "_segment_chinese"):  # jieba's cuts of a text seen in the last build
        index._segment_chinese = memoise(index._segment_chinese)

    def toc(items) -> str:
        return repr([(a.id, a.title, a.level, toc(a.children)) for a in items])

    def add_entry_from_context(page):
        parts = (page.title or "", page.content or "", repr(sorted((k, repr(v)) for k, v in page.meta.items())),
                 toc(page.toc), options)
        entries, product = products.get("material-search", page.url, *parts)
        if entries is not None:
            index.entries.extend(entries)
            return
        start = len(index.entries)
        made_by(page)
        products.put("material-search", page.url, product, index.entries[start:])

    index.add_entry_from_context = add_entry_from_context
    return True


# -- A page's finished HTML, reused (plugin.PageHTML) -----------------------------------------------------------------
# MkDocs (1.6) renders each page with ``env.get_template(page.meta.get("template", "main.html")).render(context)``
# (mkdocs.commands.build._build_page), the context made by ``get_context`` with these names, and then whatever the
# plugins' on_page_context adds. The page's output is a function of that context and of the theme's templates; the
# digests below cover all of it, so a page whose digest did not change may be given its last output.
MKDOCS_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                            "build_date_utc", "config", "page"})
NOT_PAGE_INPUTS = frozenset({"site_dir"})  # where the output goes (a build's staging folder), not what it holds
REUSED_PAGE_TEMPLATE = "zhpub/reused-page.html"
DISPATCH_TEMPLATE = "zhpub/page.html"


def only_post_page_handler(plugins, handler) -> bool:
    """Whether ``handler`` (a bound on_post_page) is the only one MkDocs runs on each page's output (a project's
    hooks are plugins too): then what a page's entry holds is what MkDocs writes."""
    return list(plugins.events["post_page"]) == [handler]


class SkippedPages(logging.Filter):
    """MkDocs (1.6, mkdocs.commands.build._build_page) writes nothing for a page whose output is empty and says so at
    INFO ("Page skipped: 'src'. Generated empty output."): not said of the pages the plugin copied from the cache."""

    LOGGER = "mkdocs.commands.build"

    def __init__(self, copied: set[str]):
        super().__init__()
        self.copied = copied

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not message.startswith("Page skipped: '"):
            return True
        return message[len("Page skipped: '"):].split("'. ", 1)[0] not in self.copied


def quiet_skipped_pages(copied: set[str]) -> SkippedPages:
    """Install a SkippedPages filter for the src paths in ``copied`` (filled as pages are copied); remove it with
    ``logging.getLogger(SkippedPages.LOGGER).removeFilter``."""
    found = SkippedPages(copied)
    logging.getLogger(SkippedPages.LOGGER).addFilter(found)
    return found


class UnstableInput(ValueError):
    """A template input that has no stable form across builds (an object known only by its address)."""


@functools.lru_cache(maxsize=1)
def _mkdocs_types() -> tuple[type, ...]:
    """MkDocs' classes ``stable`` names by what they show (imported once: stable runs a hundred times a page)."""
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure import StructureItem
    from mkdocs.structure.files import File
    from mkdocs.structure.toc import AnchorLink

    return BasePlugin, StructureItem, File, AnchorLink


def stable(value, depth: int = 0) -> str:
    """A form of ``value`` that is the same in two builds exactly when the value is: Python literals as they are,
    mappings sorted, MkDocs' pages, sections and links by class, title and address (their content is hashed where
    it is the page's own), files by their paths in the site, other objects by their attributes."""
    if depth > 64:  # a structure that holds itself, or one too deep to be a template input
        raise UnstableInput(f"{type(value).__qualname__} is nested more than 64 deep")
    if isinstance(value, str):  # as it is, length first (a page's HTML: no escaped copy of it)
        return f"{type(value).__name__}{len(value)}:{value}"
    if value is None or isinstance(value, (int, float, bool, bytes)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(stable(v, depth + 1) for v in value) + "]"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(stable(v, depth + 1) for v in value)) + "}"
    BasePlugin, StructureItem, File, AnchorLink = _mkdocs_types()
    if isinstance(value, StructureItem):  # another page of the nav: what a template shows of it
        return f"{type(value).__name__}({value.title!r},{getattr(value, 'url', None)!r})"
    if isinstance(value, File):
        return f"File({value.src_uri!r},{value.dest_uri!r},{value.url!r})"
    if isinstance(value, AnchorLink):  # an entry of a table of contents, nested
        return f"A({stable({k: v for k, v in vars(value).items() if k != 'children'})},{stable(value.children, depth + 1)})"
    if isinstance(value, BasePlugin):
        return f"{type(value).__module__}.{type(value).__qualname__}({stable(dict(value.config), depth + 1)})"
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type)):
        # a module's function or class is its code (in the build cache's code version); a closure's captured values
        # are not, so a function made inside another has no stable form
        name = f"{value.__module__}.{value.__qualname__}"
        if "<locals>" in name or "<lambda>" in name:
            raise UnstableInput(f"{name} is made at run time")
        return name
    if isinstance(value, types.MethodType):  # a method and the object it is bound to (the theme's gettext)
        return f"{stable(value.__func__, depth + 1)}@{stable(value.__self__, depth + 1)}"
    if isinstance(value, functools.partial):
        return f"partial({stable(value.func, depth + 1)},{stable(value.args, depth + 1)},{stable(value.keywords, depth + 1)})"
    if hasattr(value, "items") and callable(value.items):  # dict, MkDocs' Config, Theme, Jinja's context
        items = sorted((stable(k, depth + 1), stable(v, depth + 1)) for k, v in value.items())
        return "{" + ",".join(f"{k}:{v}" for k, v in items) + "}"
    text = repr(value)
    if " at 0x" not in text:  # datetimes, named tuples, locales, enums: their repr says what they are
        return text
    if depth < 8 and hasattr(value, "__dict__"):
        return f"{type(value).__qualname__}{stable(vars(value), depth + 1)}"
    raise UnstableInput(f"{type(value).__qualname__} has no stable form")


def site_render_inputs(config, nav, pages, env=None) -> list[str | bytes]:
    """What every page's output depends on besides its own inputs (``page_render_inputs``): the configuration as
    the plugins left it (except site_dir), the navigation (each item's title, address and front matter: Material's
    nav shows a page's icon, subtitle and status from it), the list of pages, the project's theme templates
    (custom_dir; Material's and MkDocs' own are versioned in the build cache's code version) and the globals,
    filters and tests of the Jinja environment (a plugin may add its own in on_env). Raises UnstableInput when
    something in them has no stable form."""
    from mkdocs.structure.nav import Section
    from mkdocs.structure.pages import Page

    def item(node) -> str:
        if isinstance(node, Section):
            return f"S({node.title!r},[{','.join(item(c) for c in node.children)}])"
        if isinstance(node, Page):
            return f"P({node.title!r},{node.url!r},{node.is_index},{stable(node.meta)})"
        return stable(node)

    from ..cache import tree_bytes

    custom = config.theme.custom_dir
    return [stable({k: v for k, v in config.items() if k not in NOT_PAGE_INPUTS}),
            "[" + ",".join(item(n) for n in nav.items) + "]",
            stable([(f.src_uri, f.url, f.page.title if f.page else None) for f in pages]),
            tree_bytes(Path(custom)) if custom else b"",
            stable([dict(env.globals), dict(env.filters), dict(env.tests)]) if env is not None else ""]


def page_render_inputs(context, page) -> list[str]:
    """A page's own inputs to its output: every attribute of the page (title, content, table of contents, front
    matter, addresses, previous and next page…) and every value of the context that is not one of the site-wide
    ones (``site_render_inputs``): the page's base_url, its stylesheet and script addresses, what plugins added
    (zhpub's head and search shard). Raises UnstableInput as ``stable`` does."""
    extras = {k: v for k, v in context.items() if k not in MKDOCS_CONTEXT or k in ("base_url", "extra_css", "extra_javascript",
                                                                                    "build_date_utc", "mkdocs_version")}
    return [stable(vars(page)), stable(extras)]
