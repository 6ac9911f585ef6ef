"""The build cache: every product (a document's model, each PDF, each site variant) stored under a key made of
the content of everything it is made from and of the code's version, so a rebuild reuses what did not change and
can never serve a stale product.

- Where: ``.zhpub-cache/`` in the project (beside build/, not inside it: build/ is what gets published, and the
  cache is not output). Safe to delete at any time; the next build fills it again. ``ZHPUB_CACHE=0`` turns it off.
- Keys: SHA-256 over the inputs' bytes (never modification times, so a copied or checked-out project reuses its
  cache only where the content is the same) and ``code_version()``: the bytes of every file of the zhpub package
  (code, templates, CSS, data tables, schemas) and the versions of the libraries that shape the output.
- One entry per product: storing a product's new version removes its older ones, so the cache does not grow
  with every edit. Entries are written to a temporary name and renamed into place: a killed build leaves no
  half-written entry.
- Values are bytes (PDFs), pickles (document models, written and read only by this code, in the project's own
  folder) or folder trees (a site variant), the latter hard-linked into build/ (files there are never rewritten in
  place, see build.py).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import shutil
import sys
from collections.abc import Iterable
from importlib import metadata, resources
from pathlib import Path

CACHE_DIR = ".zhpub-cache"
LIBRARIES = ("mkdocs", "mkdocs-material", "weasyprint", "pydyf", "opencc", "jieba", "pypinyin", "markdown", "jinja2",
             "pyyaml", "charset-normalizer")  # their versions are part of every key: each can change the output


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the zhpub package's own files and of the library versions: any change to either invalidates
    every cached product."""
    return package_digest(Path(str(resources.files("zhpub"))))


def package_digest(package: Path) -> str:
    digest = hashlib.sha256(f"python {sys.version_info[:2]}".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def key(*parts: bytes | str) -> str:
    """The key of a product made from ``parts`` (each length-prefixed, so no two lists give the same key)."""
    digest = hashlib.sha256(code_version().encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(f"{len(data)}:".encode())
        digest.update(data)  # not concatenated: a page's HTML is not copied once more to be hashed
    return digest.hexdigest()


def tree_bytes(folder: Path, recursive: bool = True) -> bytes:
    """Names and contents of every file of a folder, in a fixed order (b'' when there is no such folder)."""
    if not folder.is_dir():
        return b""
    paths = folder.rglob("*") if recursive else folder.iterdir()
    parts = []
    for path in sorted(p for p in paths if p.is_file() and "__pycache__" not in p.parts):
        data = path.read_bytes()
        parts.append(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode() + data)
    return b"".join(parts)


def enabled() -> bool:
    return os.environ.get("ZHPUB_CACHE", "1") not in ("0", "off", "no")


class Cache:
    """Products of one project, by kind and name (e.g. ``pdf`` / ``zhenjiang-2022.zh-Hans``), each under its key."""

    def __init__(self, root: Path):
        self.folder = Path(root) / CACHE_DIR

    def _place(self, kind: str, name: str, product_key: str) -> Path:
        return self.folder / kind / name / product_key

    def has(self, kind: str, name: str, product_key: str) -> bool:
        return enabled() and self._place(kind, name, product_key).is_file()

    def get_bytes(self, kind: str, name: str, product_key: str) -> bytes | None:
        if not enabled():
            return None
        try:
            return self._place(kind, name, product_key).read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None

    def open_bytes(self, kind: str, name: str, product_key: str):
        """The stored bytes as an open binary file (None when missing): still readable when a newer version of the
        product replaces the entry before it is read."""
        if not enabled():
            return None
        try:
            return self._place(kind, name, product_key).open("rb")
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None

    def put_bytes(self, kind: str, name: str, product_key: str, data: bytes) -> None:
        if not enabled():
            return
        place = self._place(kind, name, product_key)
        place.parent.mkdir(parents=True, exist_ok=True)
        tmp = place.with_name(f".tmp-{os.getpid()}-{product_key}")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, place)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self._drop_others(place)

    def get_object(self, kind: str, name: str, product_key: str):
        data = self.get_bytes(kind, name, product_key)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # an entry from an incompatible interpreter: rebuild it
            return None

    def put_object(self, kind: str, name: str, product_key: str, value) -> None:
        if enabled():
            self.put_bytes(kind, name, product_key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def get_tree(self, kind: str, name: str, product_key: str) -> Path | None:
        place = self._place(kind, name, product_key)
        return place if enabled() and (place / ".complete").is_file() else None

    def put_tree(self, kind: str, name: str, product_key: str, source: Path) -> None:
        """Keep a copy of the folder ``source`` (hard links: build files are never rewritten in place)."""
        if not enabled():
            return
        place = self._place(kind, name, product_key)
        tmp = place.with_name(f".tmp-{os.getpid()}-{product_key}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, tmp, copy_function=link_or_copy)
        (tmp / ".complete").write_bytes(b"")
        shutil.rmtree(place, ignore_errors=True)
        os.replace(tmp, place)
        self._drop_others(place)

    def put_files(self, kind: str, name: str, product_key: str, files: dict[str, bytes]) -> Path | None:
        """Keep ``files`` (name -> bytes) as a folder entry; its place (None with the cache off). An entry already
        complete under the key is kept as it is (same key, same bytes): another process may be reading it."""
        if not enabled():
            return None
        place = self._place(kind, name, product_key)
        if (place / ".complete").is_file():
            return place
        tmp = place.with_name(f".tmp-{os.getpid()}-{product_key}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for file_name, data in files.items():
            (tmp / file_name).write_bytes(data)
        (tmp / ".complete").write_bytes(b"")
        if place.exists() and not (place / ".complete").is_file():  # left half-made by a killed build
            shutil.rmtree(place, ignore_errors=True)
        try:
            os.replace(tmp, place)
        except OSError:  # another process stored it first (a folder is not replaced when it holds files)
            shutil.rmtree(tmp, ignore_errors=True)
            if not (place / ".complete").is_file():
                raise
        self._drop_others(place)
        return place

    def _drop_others(self, place: Path) -> None:
        """Older versions of the product, and temporary entries of builds that were killed."""
        for other in place.parent.iterdir():
            if other != place and (not other.name.startswith(".tmp-") or not _alive(other.name.split("-")[1])):
                shutil.rmtree(other, ignore_errors=True) if other.is_dir() else other.unlink(missing_ok=True)


def _alive(pid: str) -> bool:
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(src, dst)


def copy_tree(source: Path, target: Path, skip: Iterable[str] = (".complete",), dirs_exist_ok: bool = False) -> None:
    """A cached folder into build/ staging (hard links)."""
    shutil.copytree(source, target, copy_function=link_or_copy, ignore=shutil.ignore_patterns(*skip),
                    dirs_exist_ok=dirs_exist_ok)
