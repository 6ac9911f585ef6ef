"""The one Jinja environment every page zhpub writes comes from: autoescaping, strict, with overrides.

Templates live in ``render/templates/`` (``site/`` pages for MkDocs, ``print/`` the PDF edition's HTML, ``root.html``
and ``fragments/`` shared by site and PDF). Lookup order as in Pelican and Material: a project's
``hooks/overrides/zhpub/`` first (same file names), then the built-in ones, so a project can restyle a fragment
without forking zhpub.

Untrusted text (scrape or YAML) reaches HTML only here, escaped by autoescape. Site pages are Markdown whose body
is HTML blocks Markdown leaves alone; the only text Markdown reads is a heading the table of contents needs, and
``md_heading`` escapes that for HTML and for Markdown (inline syntax, ``{ attr_list }``) both.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote

from jinja2 import ChoiceLoader, Environment, FileSystemBytecodeCache, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..mkdocs_plugin.material_compat import tooltip_text
from .common import ascii_escape_invisible

OVERRIDES = Path("hooks") / "overrides" / "zhpub"  # relative to the project root
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")  # Python-Markdown's escapable characters
URL_SCHEMES = ("http://", "https://")


def md_heading(text: object) -> Markup:
    """Heading text that Markdown prints literally: HTML-escaped, then every character Markdown (or attr_list)
    could read as syntax backslashed; a line break would end the heading, so it becomes a character reference."""
    escaped = MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(text)))
    return Markup(escaped.replace("\r", "&#13;").replace("\n", "&#10;"))


def tooltip(text: object) -> Markup:
    """A title attribute whose text Material's tooltip inserts as HTML: escaped twice, so markup stays text."""
    return escape(tooltip_text(str(text)))


def http_url(url: object) -> str:
    """Only http(s) addresses become links (content checks refuse others; this is the second lock)."""
    url = str(url)
    if not url.lower().startswith(URL_SCHEMES):
        raise ValueError(f"not an http(s) URL: {url!r}")
    return url


def readable_url(url: object) -> str:
    """An address as a reader reads it: percent-escapes of UTF-8 decoded (zh.wikisource.org/wiki/2024年…), for the
    link's text only (the href keeps the address as given). Escapes that are not UTF-8 stay as they are; a decoded
    character that is invisible or a control would be shown as its escape instead, so the text never hides them."""
    text = str(url)
    try:
        decoded = unquote(text, errors="strict")
    except UnicodeDecodeError:
        return text
    return text if any(unicodedata.category(c) in ("Cc", "Cf", "Zs", "Zl", "Zp") for c in decoded) else decoded


def front_matter_string(text: object) -> Markup:
    """A YAML (JSON) string of HTML-escaped text: MkDocs' theme prints page titles without escaping them."""
    return Markup(json.dumps(str(escape(text)), ensure_ascii=False))


def overrides_stamp(project_root: str | None) -> tuple:
    """The override templates there are (name, size, modification time): a new environment when one is added,
    removed or edited (Jinja's own reload check would keep serving a built-in template it loaded before an
    override of it appeared, e.g. under `mkdocs serve` or in a test)."""
    folder = Path(project_root) / OVERRIDES if project_root else None
    if folder is None or not folder.is_dir():
        return ()
    return tuple((p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                 for p in sorted(folder.rglob("*")) if p.is_file())


def environment(project_root: str | None = None) -> Environment:
    return _environment(project_root, overrides_stamp(project_root))


@functools.lru_cache(maxsize=16)
def _environment(project_root: str | None, stamp: tuple) -> Environment:
    loaders = []
    if project_root and (Path(project_root) / OVERRIDES).is_dir():
        loaders.append(FileSystemLoader(str(Path(project_root) / OVERRIDES)))
    loaders.append(PackageLoader("zhpub", "render/templates"))
    env = Environment(
        loader=ChoiceLoader(loaders),
        bytecode_cache=bytecode_cache(project_root),
        autoescape=True,  # every template, whatever its extension: site pages are Markdown made of HTML blocks
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md_heading=md_heading, tooltip=tooltip, http_url=http_url, readable_url=readable_url,
                       front_matter_string=front_matter_string,
                       show_invisible=ascii_escape_invisible)
    return env


def bytecode_cache(project_root: str | Path | None) -> FileSystemBytecodeCache | None:
    """Compiled templates kept in the project's build cache (cache.py): every build process (the two site variants,
    the PDF workers) compiled the same sixty templates again (zhpub's, and Material's through the plugin's on_env). Jinja keys an entry by the template's name and checks
    its source's checksum, so an edited template or override is compiled again, never served stale."""
    from ..cache import CACHE_DIR, enabled

    if not project_root or not enabled():
        return None
    folder = Path(project_root) / CACHE_DIR / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def render(name: str, project_root: str | Path | None = None, **context) -> str:
    return environment(str(project_root) if project_root else None).get_template(name).render(**context)
