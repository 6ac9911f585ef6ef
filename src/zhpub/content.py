"""The content folder: content/<doc>/{source.txt, document.yaml, errata.yaml, indicators.yaml, published-ids.jsonl}.

``load_document`` is the one way to get a Document for a content folder; a bare scrape file (no folder) works
too, with metadata taken from the text itself.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
import re
import urllib.parse
from dataclasses import dataclass, field, replace
from pathlib import Path

from .text.errata import load_errata
from .knowledge.glossary import Glossary, find_hits, load_glossary
from .knowledge.indicators import indicators_for, load_corrections, load_names_en
from .knowledge.notes import load_notes
from .errors import Location, ZhpubError
from .manifest import align_blocks, align_indicators, read_manifest
from .model import Document
from .pipeline import build_document
from .schemas import validate
from .yamlio import Mapping, load_yaml, location

SOURCE = "source.txt"
METADATA = "document.yaml"
ERRATA = "errata.yaml"
MANIFEST = "published-ids.jsonl"
INDICATORS = "indicators.yaml"
GLOSSARY_NOTES = "glossary-notes.yaml"  # this document's own notes on glossary terms (knowledge/notes.py)

# document.yaml fields, with what each means: schemas/document.schema.json


@dataclass(frozen=True)
class ContentFolder:
    path: Path

    @property
    def slug(self) -> str:
        return self.path.name

    @property
    def source(self) -> Path:
        return self.path / SOURCE

    @property
    def metadata(self) -> Path:
        return self.path / METADATA

    @property
    def errata(self) -> Path:
        return self.path / ERRATA

    @property
    def manifest(self) -> Path:
        return self.path / MANIFEST

    @property
    def indicators(self) -> Path:
        return self.path / INDICATORS

    @property
    def root(self) -> Path:
        """The project root: content/<doc>/ lives two levels down."""
        return self.path.parent.parent


SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def find_documents(root: Path) -> list[ContentFolder]:
    content = root / "content"
    if not content.is_dir():
        raise ZhpubError("no content/ folder", Location(str(root)), "run zhpub from the project root")
    folders = [ContentFolder(p) for p in sorted(content.iterdir()) if (p / SOURCE).is_file()]
    for folder in folders:
        check_slug(folder)
    return folders


def check_slug(folder: ContentFolder) -> None:
    """The folder name becomes a path and part of every citation link."""
    if not SLUG_RE.match(folder.slug):
        raise ZhpubError(f"document folder name {folder.slug!r} is not a slug", Location(str(folder.path)),
                         "use lower-case ASCII letters, digits and hyphens (zhenjiang-2022)")


def resolve(root: Path, name: str) -> ContentFolder:
    """A document named by slug (content/<slug>) or by path to its folder."""
    for candidate in (Path(name), root / "content" / name):
        if (candidate / SOURCE).is_file():
            folder = ContentFolder(Path(os.path.normpath(candidate)))  # `content/doc/` names doc, not ''
            check_slug(folder)
            return folder
    raise ZhpubError(
        f"no document {name!r}",
        Location(str(root / "content" / name)),
        f"expected a folder with {SOURCE}; documents here: "
        + ", ".join(d.slug for d in find_documents(root)) if (root / "content").is_dir() else "",
    )


def load_metadata(path: Path) -> dict:
    if not path.exists():
        return {}
    data = load_yaml(path)
    validate("document", data, Location(str(path), 1))  # fields, types, no unknown keys: schemas/document.schema.json
    if data is None:
        return {}
    meta = dict(data)
    for key in URL_FIELDS:  # the schema's pattern says http(s); this also wants a host
        if key in meta:
            check_url(meta[key], location(path, data, key), key)
    if "names" in meta:  # each a name, or a name with its Traditional form: [(name, form) | name]
        meta["names"] = [next(iter(n.items())) if isinstance(n, Mapping) else n for n in meta["names"]]
    if "date" in meta:  # a real date, which a pattern cannot tell
        try:
            _dt.date.fromisoformat(meta["date"])
        except ValueError:
            raise ZhpubError("date must be YYYY-MM-DD", location(path, data, "date")) from None
    return meta


URL_FIELDS = ("source_url", "official_url", "archived_url")


def check_url(url: str, where: Location, key: str) -> None:
    """A source link is shown on pages and in PDFs and citations: only an absolute http(s) address with a host,
    without spaces, control characters, quotes or braces (a `javascript:` link would run in the reader's browser)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"[\s\x00-\x1f\x7f<>\"{}\\]", url):
        raise ZhpubError(f"{key} is not an http(s) address: {url!r}", where,
                         "give the full address, starting with https:// or http://")


def read_source(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ZhpubError("file not found", Location(str(path)), "check the path") from None
    except IsADirectoryError:
        raise ZhpubError("is a folder, not a file", Location(str(path)), f"give the file or a folder with {SOURCE}") from None
    except OSError as e:
        raise ZhpubError(f"cannot read the file ({e.strerror})", Location(str(path))) from None


def load_document(folder: ContentFolder, accept: frozenset[str] = frozenset(),
                  retire: tuple[tuple[str, str], ...] = ()) -> Document:
    """The document with its glossary hits and indicators (glossary from the project's glossary/ folder), its
    ids aligned with the published ones (``accept``/``retire``: decisions `zhpub ids` is about to record)."""
    return _load_cached(_Place(folder.path), _stamp(folder.path), _stamp(folder.root / "glossary"), accept, retire)


@dataclass(frozen=True)
class _Place:
    """A content folder as the in-memory cache knows it: by its resolved path, so that the CLI's ``content/<doc>``
    and the MkDocs plugin's absolute path are one entry (a build's workers, forked, find the models the build
    loaded); ``path`` as given is the one the model is made from."""

    path: Path = field(compare=False)
    resolved: Path = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "resolved", self.path.resolve())


def load_path(path: Path) -> Document:
    """A content folder, or a bare scrape file with no metadata."""
    if path.is_dir():
        if not (path / SOURCE).is_file():
            raise ZhpubError(f"no {SOURCE} in this folder", Location(str(path)), "give a scrape file or a content folder")
        return load_document(ContentFolder(path))
    data = read_source(path)
    return build_document(path.stem, data, str(path))


def _stamp(folder: Path) -> tuple:
    """Changes whenever a file of the folder changes, so `mkdocs serve` sees edits."""
    if not folder.is_dir():
        return ()
    return tuple((p.name, p.lstat().st_mtime_ns, p.lstat().st_size, p.is_symlink())
                 for p in sorted(folder.iterdir()) if p.is_file())


CONTENT_FILES = (SOURCE, METADATA, ERRATA, MANIFEST, INDICATORS)


def refuse_links(folder: ContentFolder) -> None:
    """A content file must be a file of the folder itself: a symbolic link could publish any file of the
    machine (/etc/passwd as source.txt) or let a build write through it."""
    for name in CONTENT_FILES:
        if (folder.path / name).is_symlink():
            raise ZhpubError(f"{name} is a symbolic link (to {os.readlink(folder.path / name)})",
                             Location(str(folder.path / name)), "copy the file into the folder instead")


@functools.lru_cache(maxsize=256)  # a corpus: every document of a build stays loaded (the stamps follow edits)
def _load_cached(place: _Place, stamp: tuple, glossary_stamp: tuple, accept: frozenset[str] = frozenset(),
                 retire: tuple[tuple[str, str], ...] = ()) -> Document:
    folder = ContentFolder(place.path)
    refuse_links(folder)
    if folder.path.parent.name != "content":  # a folder outside a project: no project cache to keep it in
        return _build(folder, accept, retire)
    from .cache import Cache

    cache = Cache(folder.root)
    product = document_key(folder, accept, retire)
    doc = cache.get_object("document", folder.slug, product)
    if doc is None:
        doc = _build(folder, accept, retire)
        doc.cache_key = product
        cache.put_object("document", folder.slug, product, doc)
    return doc


def document_key(folder: ContentFolder, accept: frozenset[str] = frozenset(),
                 retire: tuple[tuple[str, str], ...] = ()) -> str:
    """The cache key of a document's model: every file of its folder, the glossary folder (terms, indicator
    names), the id decisions being made, the folder's place and the code version (cache.py)."""
    from .cache import key, tree_bytes

    # the resolved path: the CLI names content/<doc> relative to the project, the MkDocs plugin absolute
    return key("document", str(folder.path.resolve()), tree_bytes(folder.path, recursive=False),
               tree_bytes(folder.root / "glossary", recursive=False), repr(sorted(accept)), repr(retire))


def is_cached(folder: ContentFolder) -> bool:
    from .cache import Cache

    return Cache(folder.root).has("document", folder.slug, document_key(folder))


def _build(folder: ContentFolder, accept: frozenset[str], retire: tuple[tuple[str, str], ...]) -> Document:
    meta = load_metadata(folder.metadata)
    errata = load_errata(folder.errata)
    names = tuple(meta.pop("names", ()))
    data = read_source(folder.source)
    doc = build_document(folder.slug, data, _display_path(folder), meta, errata, names)
    manifest = read_manifest(folder.manifest)
    # ids first: indicators.yaml, glossary hits and indicator ids all name blocks by their final id
    blocks = align_blocks(manifest, doc.blocks, folder.slug, set(accept), dict(retire))
    renamed = dict(zip(doc.ids, blocks.ids))
    for block, new_id in zip(doc.blocks, blocks.ids):
        block.id, block.parent = new_id, renamed.get(block.parent, block.parent)
    glossary = load_project_glossary(folder.root)
    doc.glossary_hits = find_hits(doc, glossary)
    if glossary.terms:  # a folder read outside a project (no glossary/) has no entries to attach notes to
        doc.glossary_notes = load_notes(folder.path / GLOSSARY_NOTES, {t.headword for t in glossary.terms},
                                        {h.term for h in doc.glossary_hits})
    rows = indicators_for(doc, load_corrections(folder.indicators), load_names_en(folder.root / NAMES_EN))
    retired_blocks = {**manifest.moved, **dict(retire)}
    indicators = align_indicators(manifest, rows, folder.slug, dict(retire), retired_blocks)
    doc.indicators = [replace(r, id=i) for r, i in zip(rows, indicators.ids)]
    doc.manifest = manifest
    doc.id_errors = blocks.errors + indicators.errors
    doc.id_changes = blocks.changes + indicators.changes
    return doc


def _display_path(folder: ContentFolder) -> str:
    """content/<doc>/source.txt when the folder sits in a project (so exports do not depend on where the
    project lies on disk), else the path as given."""
    if folder.path.parent.name == "content":
        return f"content/{folder.slug}/{SOURCE}"
    return str(folder.source)


NAMES_EN = Path("glossary") / "indicator-names.yaml"


def load_project_glossary(root: Path) -> Glossary:
    return _glossary_cached(root / "glossary", _stamp(root / "glossary"))


@functools.lru_cache(maxsize=4)
def _glossary_cached(folder: Path, stamp: tuple) -> Glossary:
    from .cache import Cache, key, tree_bytes

    if not folder.is_dir():
        return load_glossary(folder)
    cache = Cache(folder.parent)
    product = key("glossary", str(folder.resolve()), tree_bytes(folder, recursive=False))
    glossary = cache.get_object("glossary", "glossary", product)
    if glossary is None:
        glossary = load_glossary(folder)
        cache.put_object("glossary", "glossary", product, glossary)
    return glossary
