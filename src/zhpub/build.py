"""`zhpub build`: the whole of build/ is written to a staging folder and swapped into place in one step.

- Staging: ``.build-staging-<pid>`` beside build/ (same file system, so the swap is a rename). Parts not being
  rebuilt (``--only``, ``zhpub pdf DOC``) are hard-linked from the current build: files are never rewritten in
  place, so a link is as good as a copy and costs nothing.
- The swap: ``renameat2(RENAME_EXCHANGE)`` trades the staging folder and build/ atomically (the first build is
  one plain rename); the old tree, now under the staging name, is then deleted. A reader or a kill at any
  instant sees build/ wholly old or wholly new. build/ stays a real folder (no symlinks for deploy tools to
  trip on). Where the file system cannot exchange (EINVAL), two renames are the fallback, and the gap between
  them is the only moment without build/.
- A lock (``flock`` on the project folder itself, so no lock file is left behind) refuses a second build of
  the same project while one runs; under the lock, staging folders left by killed builds are removed.

A failed build leaves the previous output untouched: no half-written site, PDF or data file.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

from .checks import Review, review_project
from .content import load_project_glossary
from .knowledge.glossary import Glossary
from .knowledge.indicators import to_csv
from .errors import Location, ProblemsError, ZhpubError, write_file
from .editions import revisions_json
from .export import corrections_json, document_json, dumps, glossary_json, indicators_json
from .model import Document
from .render.citation import citation_files
from .corpus.project import write_corpus_data
from .render.pdf import write_pdfs


def publishable_documents(root: Path, names: list[str] | None = None) -> list[Document]:
    """The documents (all, or those named), if nothing blocks publishing them (see ``publishable``)."""
    return publishable(root, names).docs


def publishable(root: Path, names: list[str] | None = None) -> Review:
    """The documents and the warnings about them. Refuses to go on if the policy that `zhpub check` applies
    (checks.review_project) finds any error; every document is checked first, so one run lists every problem."""
    review = review_project(root, names)
    if review.fatal:  # no document could be looked at (a bad slug, a broken glossary)
        raise review.fatal
    if review.errors:
        raise ProblemsError(review.errors, "nothing was built; run `zhpub check`, add errata, garbled text is never published")
    return review


def write_data(docs: Iterable[Document], glossary: Glossary, out: Path, site_url: str = "") -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        for name, text in citation_files(doc, site_url).items():  # CSL-JSON and BibTeX
            write_file(out / name, text, "utf-8")
        write_file(out / f"{doc.slug}.json", dumps(document_json(doc)), "utf-8")
        write_file(out / f"{doc.slug}.corrections.json", dumps(corrections_json(doc)), "utf-8")
        write_file(out / f"{doc.slug}.indicators.json", dumps(indicators_json(doc)), "utf-8")
        write_file(out / f"{doc.slug}.revisions.json", dumps(revisions_json(doc)), "utf-8")
        # with a BOM: spreadsheet programs read a UTF-8 CSV as a legacy code page without one
        write_file(out / f"{doc.slug}.indicators.csv", to_csv(doc.indicators), "utf-8-sig")
    write_file(out / "glossary.json", dumps(glossary_json(glossary, list(docs))), "utf-8")


STAGING_PREFIX = ".build-staging-"
_RENAME_EXCHANGE = 2  # linux/fs.h


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock, or say that another build has it."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ZhpubError(
                "another zhpub build is running in this project", Location(str(root)),
                "wait for it to finish; two builds would overwrite each other's output",
            ) from None
        yield
    finally:
        os.close(fd)  # releases the lock (so does the process's death)


def remove_stale_staging(root: Path) -> list[Path]:
    """Staging folders of builds that were killed (only called under the lock: none of them is live)."""
    stale = sorted(p for p in root.iterdir() if p.name.startswith(STAGING_PREFIX))
    for path in stale:
        shutil.rmtree(path)
    return stale


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2). False if this system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # pragma: no cover - file system without it
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap_into_place(staging: Path, build: Path) -> None:
    """Make ``staging`` the new build/ in one step; the old build/ is deleted afterwards."""
    if not build.exists():
        os.rename(staging, build)
        return
    if not exchange(staging, build):  # pragma: no cover - see the module docstring
        old = staging.with_name(staging.name + "-old")
        os.rename(build, old)
        os.rename(staging, build)
        staging = old
    shutil.rmtree(staging)  # now holds the old build


def keep_part(build: Path, staging: Path, name: str) -> None:
    """Carry a part that is not rebuilt into the new build (hard links: nothing is rewritten in place)."""
    if (build / name).is_dir() and not (staging / name).exists():
        shutil.copytree(build / name, staging / name, copy_function=os.link)


def configured_site_url(root: Path) -> str:
    """mkdocs.yml's site_url ('' when unset or without a site), so build/data/ cites the same addresses as the site."""
    if not (root / "mkdocs.yml").is_file():
        return ""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(root / "mkdocs.yml")).site_url or ""


class _MkDocsProblems(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(root: Path, out: Path, docs: list[Document]) -> None:
    """Both variants with MkDocs (mkdocs.yml and its zhpub plugin), then the root page that picks a script."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .model import LANG_TAGS, VARIANTS
    from .render.site import root_page

    saved = os.environ.get("ZHPUB_VARIANT")
    reasons = _MkDocsProblems()  # MkDocs logs why it aborts (a config error, strict warnings); the error says so
    logging.getLogger("mkdocs").addHandler(reasons)
    try:
        for variant in VARIANTS:
            os.environ["ZHPUB_VARIANT"] = variant  # mkdocs.yml: the zhpub plugin's `variant: !ENV ZHPUB_VARIANT`
            try:
                config = load_config(str(root / "mkdocs.yml"), site_dir=str(out / LANG_TAGS[variant]))
                mkdocs_build(config)
            except MkDocsException as e:  # strict mode turns warnings into this
                why = "; ".join(reasons.messages) or str(e)
                raise ZhpubError(f"MkDocs failed for {LANG_TAGS[variant]}: {why}", Location(str(root / "mkdocs.yml"))) from None
    finally:
        logging.getLogger("mkdocs").removeHandler(reasons)
        if saved is None:
            os.environ.pop("ZHPUB_VARIANT", None)
        else:
            os.environ["ZHPUB_VARIANT"] = saved
    write_file(out / "index.html", root_page(docs, root), "utf-8")


def build_all(root: Path, parts: set[str], names: list[str] | None = None) -> list[str]:
    """Build ``parts`` (data, pdf, site) into build/. Naming documents builds only those (PDF only).
    Returns the warnings (see checks.py), which do not stop a build."""
    review = publishable(root, names)
    docs = review.docs
    build = root / "build"
    with build_lock(root):
        remove_stale_staging(root)
        staging = root / f"{STAGING_PREFIX}{os.getpid()}"
        staging.mkdir()
        try:
            if "data" in parts:
                write_data(docs, load_project_glossary(root), staging / "data", configured_site_url(root))
                write_corpus_data(root, docs, staging / "data")
            if "pdf" in parts:
                if names:  # keep the other documents' PDFs
                    keep_part(build, staging, "pdf")
                write_pdfs(docs, load_project_glossary(root), staging / "pdf", root)
            if "site" in parts:
                build_site(root, staging / "site", docs)
            for name in ("data", "pdf", "site"):
                keep_part(build, staging, name)
            if "site" in parts or "pdf" in parts:  # the site links to the PDFs: a self-contained copy
                if (staging / "site").is_dir() and (staging / "pdf").is_dir():
                    shutil.rmtree(staging / "site" / "pdf", ignore_errors=True)
                    shutil.copytree(staging / "pdf", staging / "site" / "pdf", copy_function=os.link)
            swap_into_place(staging, build)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return review.notes
