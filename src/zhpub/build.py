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
import gc
import itertools
import logging
import multiprocessing
import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Review, review_project
from .content import load_project_glossary
from .knowledge.glossary import Glossary
from .knowledge.indicators import to_csv
from .errors import Location, ProblemsError, ZhpubError, write_file
from .editions import revisions_json
from .export import corrections_json, document_json, dumps, glossary_json, indicators_json
from .model import Document
from .pipeline import with_variants
from .render.citation import citation_files
from .corpus.project import write_corpus_data
from .render.pdf import edition_jobs, render_edition, reuse_edition


def publishable_documents(root: Path, names: list[str] | None = None, with_notes: bool = True) -> list[Document]:
    """The documents (all, or those named), if nothing blocks publishing them (see ``publishable``)."""
    return publishable(root, names, with_notes).docs


def publishable(root: Path, names: list[str] | None = None, with_notes: bool = True) -> Review:
    """The documents and the warnings about them. Refuses to go on if the policy that `zhpub check` applies
    (checks.review_project) finds any error; every document is checked first, so one run lists every problem."""
    review = review_project(root, names, with_notes)
    if review.fatal:  # no document could be looked at (a bad slug, a broken glossary)
        raise review.fatal
    if review.errors:
        raise ProblemsError(review.errors, "nothing was built; run `zhpub check`, add errata, garbled text is never published")
    return review


def document_data(doc: Document, site_url: str, variants: tuple[str, ...] = ()) -> dict[str, bytes]:
    """The data files of one document, by name; ``variants``: on-request variants its JSON carries too (hk)."""
    doc = with_variants(doc, variants)
    files = {name: text.encode("utf-8") for name, text in citation_files(doc, site_url).items()}  # CSL-JSON, BibTeX
    files[f"{doc.slug}.json"] = dumps(document_json(doc)).encode("utf-8")
    files[f"{doc.slug}.corrections.json"] = dumps(corrections_json(doc)).encode("utf-8")
    files[f"{doc.slug}.indicators.json"] = dumps(indicators_json(doc)).encode("utf-8")
    files[f"{doc.slug}.revisions.json"] = dumps(revisions_json(doc)).encode("utf-8")
    # with a BOM: spreadsheet programs read a UTF-8 CSV as a legacy code page without one
    files[f"{doc.slug}.indicators.csv"] = to_csv(doc.indicators).encode("utf-8-sig")
    return files


def document_data_folder(doc: Document, site_url: str, root: Path | None,
                         variants: tuple[str, ...] = ()) -> tuple[Path | None, bool]:
    """The build cache's folder of a document's data files (``document_data``), made now if missing, and whether it
    had to be made. The data files, the site's editions (their data/ folders) and `mkdocs serve` all take the
    files from here: serialised once per model, never once per variant. (None, True) without the cache."""
    from .cache import Cache, enabled, key

    if root is None or not doc.cache_key or not enabled():
        return None, True
    cache = Cache(root)
    product = key("data", doc.cache_key, site_url, *variants)
    name = doc.slug + "".join(f"+{v}" for v in variants)  # a project that publishes hk: its own entry
    folder = cache.get_tree("data-files", name, product)
    if folder is not None:
        return folder, False
    return cache.put_files("data-files", name, product, document_data(doc, site_url, variants)), True


def glossary_data_folder(docs: list[Document], glossary: Glossary, root: Path | None,
                         variants: tuple[str, ...] = ()) -> Path | None:
    """The build cache's folder of glossary.json (every term with its occurrences in every document), made now if
    missing: made once per change of a model or the glossary, and taken from here by build/data/ and every site
    edition's data/ alike (the same bytes). None without the cache."""
    from .cache import Cache, enabled, key, tree_bytes

    if root is None or not enabled() or not all(doc.cache_key for doc in docs):
        return None
    product = key("glossary-data", tree_bytes(root / "glossary"), repr(variants), *(doc.cache_key for doc in docs))
    cache = Cache(root)
    folder = cache.get_tree("data-files", "glossary.json", product)
    if folder is None:
        docs = [with_variants(doc, variants) for doc in docs]  # the on-request editions' occurrences too
        data = dumps(glossary_json(glossary, docs)).encode("utf-8")
        folder = cache.put_files("data-files", "glossary.json", product, {"glossary.json": data})
    return folder


def write_data(docs: Iterable[Document], glossary: Glossary, out: Path, site_url: str = "", root: Path | None = None,
               report: "BuildReport | None" = None, variants: tuple[str, ...] = ()) -> None:
    """Every document's data files (from the cache, under the model's key, when the project has one), then the
    glossary's, which depends on every document."""
    from .cache import copy_tree

    out.mkdir(parents=True, exist_ok=True)
    docs = list(docs)
    for doc in docs:
        folder, built = document_data_folder(doc, site_url, root, variants)
        if report:
            report.done("built" if built else "reused", f"data/{doc.slug}.*")
        if folder is not None:  # hard links: files in build/ are never rewritten in place
            copy_tree(folder, out, dirs_exist_ok=True)
        else:
            for name, data in document_data(doc, site_url, variants).items():
                (out / name).write_bytes(data)
    folder = glossary_data_folder(docs, glossary, root, variants)
    if folder is not None:
        copy_tree(folder, out, dirs_exist_ok=True)
    else:
        docs = [with_variants(doc, variants) for doc in docs]  # the on-request editions' occurrences too (as the site's)
        write_file(out / "glossary.json", dumps(glossary_json(glossary, docs)), "utf-8")


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
    config = _mkdocs_yaml(root)
    if "INHERIT" in config:  # a configuration built from another: let MkDocs resolve it
        from mkdocs.config import load_config

        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        return load_config(str(root / "mkdocs.yml")).site_url or ""
    url = config.get("site_url") or ""
    return url if not url or url.endswith("/") else url + "/"  # as MkDocs normalises it (a folder address)


def configured_variants(root: Path) -> tuple[str, ...]:
    """The on-request variants mkdocs.yml's zhpub plugin asks for (``variants: [hans, hant, hk]``); () by default."""
    from .variants import extras

    return extras(configured_editions(root))


def configured_editions(root: Path) -> tuple[str, ...]:
    """Every edition the project publishes (zhpub.variants): the default ones, and those mkdocs.yml's zhpub plugin
    asks for with ``variants: [hans, hant, hk]``. Each is a site edition, a PDF of every document and its text in the
    data; the build's jobs and cache entries are per edition."""
    from .variants import BY_CODE, DEFAULT, published

    if not (root / "mkdocs.yml").is_file():
        return DEFAULT
    plugins = _mkdocs_yaml(root).get("plugins") or []
    settings = next((p["zhpub"] for p in plugins if isinstance(p, dict) and "zhpub" in p), None) or {}
    wanted = settings.get("variants") or []
    unknown = [v for v in wanted if v not in BY_CODE] if isinstance(wanted, list) else [wanted]
    if unknown:
        raise ZhpubError(f"zhpub plugin: unknown variant {unknown[0]!r}", Location(str(root / "mkdocs.yml")),
                         f"write variants: as a list of {', '.join(BY_CODE)}")
    return tuple(v.code for v in published(wanted))


def _mkdocs_yaml(root: Path) -> dict:
    """mkdocs.yml as YAML, MkDocs' ``!ENV`` tags resolved and its other tags read as nothing."""
    import yaml

    class EnvLoader(yaml.SafeLoader):  # MkDocs' `!ENV VAR` / `!ENV [VAR, ..., default]`
        pass

    def env(loader, node):
        names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
        *variables, default = names if len(names) > 1 else (*names, None)
        return next((os.environ[v] for v in variables if v in os.environ), default)

    EnvLoader.add_constructor("!ENV", env)
    EnvLoader.add_multi_constructor("!", lambda loader, suffix, node: None)  # other tags (!relative …): not site_url
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=EnvLoader) or {}


class _MkDocsProblems(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def site_key(root: Path, variant: str) -> str:
    """The cache key of one site variant: everything the MkDocs build reads (mkdocs.yml, content/, glossary/,
    corpus/, hooks/), the variant, a caller's SOURCE_DATE_EPOCH, and the code version (cache.py)."""
    from .cache import key, tree_bytes

    epoch = "" if os.environ.get("ZHPUB_SET_EPOCH") else os.environ.get("SOURCE_DATE_EPOCH", "")
    config = (root / "mkdocs.yml").read_bytes() if (root / "mkdocs.yml").is_file() else b""
    return key("site", variant, epoch, config, *(tree_bytes(root / name) for name in ("content", "glossary", "corpus", "hooks")))


def build_variant(root: Path, out: Path, variant: str) -> tuple | None:
    """One MkDocs build (run in a worker process: the variant is chosen through the environment). None, or why
    it failed as (message, location, hint) of a ZhpubError (picklable, to cross back from the worker)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .model import LANG_TAGS

    saved = os.environ.get("ZHPUB_VARIANT")
    reasons = _MkDocsProblems()  # MkDocs logs why it aborts (a config error, strict warnings); the error says so
    logging.getLogger("mkdocs").addHandler(reasons)
    try:
        os.environ["ZHPUB_VARIANT"] = variant  # mkdocs.yml: the zhpub plugin's `variant: !ENV ZHPUB_VARIANT`
        try:
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(out / LANG_TAGS[variant]))
            mkdocs_build(config)
        except MkDocsException as e:  # strict mode turns warnings into this
            why = "; ".join(reasons.messages) or str(e)
            return f"MkDocs failed for {LANG_TAGS[variant]}: {why}", Location(str(root / "mkdocs.yml")), ""
        except ZhpubError as e:  # the plugin's (a ZhpubError names file:line): it goes up to the caller as it is
            return e.message, e.location, e.hint
        return None
    finally:
        logging.getLogger("mkdocs").removeHandler(reasons)
        if saved is None:
            os.environ.pop("ZHPUB_VARIANT", None)
        else:
            os.environ["ZHPUB_VARIANT"] = saved


def load_site_engine(root: Path) -> None:
    """MkDocs, Material and the plugins imported and set up once (mkdocs.yml read, the theme's environment made) in
    the build, before the site editions' workers are forked from it: each worker would do it again (0.6 s of CPU an
    edition). Nothing is built; a broken configuration is the editions' own build's to report."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    quiet = logging.getLogger("mkdocs")
    was = quiet.disabled
    quiet.disabled = True  # its warnings are said once, by the editions' builds
    try:
        from mkdocs.config import load_config

        load_config(str(root / "mkdocs.yml")).theme.get_env()
    except Exception:  # noqa: BLE001 - reported by the build that follows
        pass
    finally:
        quiet.disabled = was


def build_site(root: Path, out: Path, docs: list[Document], pool: Executor | None = None,
               report: "BuildReport | None" = None) -> None:
    """Every published edition with MkDocs (mkdocs.yml and its zhpub plugin), each reused from the cache when
    nothing it reads changed, in parallel when given a pool; then the root page that picks a script."""
    from .cache import Cache, copy_tree
    from .model import LANG_TAGS
    from .render.site import root_page

    report = report or BuildReport()
    cache = Cache(root)
    editions = configured_editions(root)
    todo = {}
    for variant in editions:
        product = site_key(root, variant)
        cached = cache.get_tree("site", LANG_TAGS[variant], product)
        if cached is not None:
            copy_tree(cached, out / LANG_TAGS[variant])
            report.done("reused", f"site/{LANG_TAGS[variant]}/")
        else:
            todo[variant] = product
    if pool is not None and len(todo) > 1:
        load_site_engine(root)  # before the workers are forked (LazyPool forks them at the first job)
        # the comparisons of reports first, as jobs of their own: every edition's pages need them, and each edition's
        # process would otherwise make every missing one itself
        from .corpus.project import comparisons_to_make, store_comparison

        for future in as_completed([pool.submit(store_comparison, root, a, b) for a, b in comparisons_to_make(root, docs)]):
            future.result()
        futures = {pool.submit(build_variant, root, out, v): v for v in todo}
        outcome = {futures[f]: f.result() for f in as_completed(futures)}
    else:
        outcome = {v: build_variant(root, out, v) for v in todo}
    for variant, product in todo.items():
        if outcome[variant] is not None:
            raise ZhpubError(*outcome[variant])
        cache.put_tree("site", LANG_TAGS[variant], product, out / LANG_TAGS[variant])
        report.done("built", f"site/{LANG_TAGS[variant]}/")
    write_file(out / "index.html", root_page(docs, root, editions), "utf-8")


@dataclass
class BuildReport:
    """What a build made and what it took from the cache; on a terminal it says so as it goes (``live``)."""
    live: bool = False
    built: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def say(self, text: str) -> None:
        if self.live:
            print(f"zhpub: {text}", file=sys.stderr, flush=True)

    def done(self, how: str, what: str, step: str = "") -> None:
        (self.built if how == "built" else self.reused).append(what)
        self.say(f"{step}{what} {how}")

    def summary(self, where: Path) -> str:
        seconds = time.perf_counter() - self.started
        return (f"zhpub build: {len(self.built)} built, {len(self.reused)} reused from the cache, in {seconds:.1f} s;"
                f" output in {where}/")


def worker_count() -> int:
    """Processes to use: ZHPUB_JOBS, else every core this process may run on."""
    if os.environ.get("ZHPUB_JOBS", "").isdigit():
        return max(1, int(os.environ["ZHPUB_JOBS"]))
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class LazyPool(Executor):
    """A process pool that starts its processes at the first job: a build with nothing to share out (a no-op,
    `--only data` without the cache) starts none. ``prepare`` runs in this process before its workers are forked:
    what it loads, every worker shares (copy-on-write) instead of loading its own. ``restart`` ends the workers
    between steps of a build, so that what one step left in a worker's memory (WeasyPrint's fonts and layout, the
    text pipeline's tables) does not stay there while the next runs; the next job forks fresh ones."""

    def __init__(self, jobs: int, prepare: Callable[[], None] | None = None):
        self.jobs = jobs
        self.prepare = prepare
        self._frozen = False
        self._pool: ProcessPoolExecutor | None = None

    def submit(self, fn, /, *args, **kwargs):
        if self._pool is None:
            # forked (no start-up cost, and the workers' CPU time is counted in this process's children) unless the
            # caller runs other threads (a test's browser): a forked child would inherit their locks
            method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() else "forkserver"
            if method == "fork" and self.prepare is not None:  # a forkserver's workers share nothing with this process
                self.prepare()
                gc.collect()
                # while the workers live, no collection here or in them writes to the objects they share (their gc
                # headers), which would copy the pages; unfrozen when they end, so nothing here is kept for good
                gc.freeze()
                self._frozen = True
            self._pool = ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context(method),
                                             initializer=_die_with_parent)
        return self._pool.submit(fn, *args, **kwargs)

    def restart(self) -> None:
        self.shutdown()
        self._pool = None

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait, cancel_futures=cancel_futures)
        if self._frozen:
            gc.unfreeze()
            self._frozen = False


@contextlib.contextmanager
def process_pool(jobs: int, prepare: Callable[[], None] | None = None) -> Iterator[LazyPool | None]:
    """A pool of ``jobs`` processes (none for one)."""
    if jobs <= 1:
        yield None
        return
    with LazyPool(jobs, prepare) as pool:
        yield pool


def shared_by_workers(root: Path) -> Callable[[], None]:
    """What a build's workers all use, loaded once before they are forked: the converters of the project's
    Traditional editions (jieba's dictionary, which the site search then uses too, and OpenCC's tables) and the
    site search's fold tables."""
    from .text.convert import preload

    def prepare() -> None:
        try:
            editions = configured_editions(root)
        except ZhpubError:  # the review says what is wrong with mkdocs.yml
            return
        preload(editions)
        from .mkdocs_plugin import search  # noqa: F401  its fold tables (0.3 s), made once for both site editions

    return prepare


def _die_with_parent() -> None:
    """A worker ends when the build that started it is killed (Linux: PR_SET_PDEATHSIG), instead of lingering
    with the build's output pipes open."""
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: the signal comes when the parent process ends
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return
    if os.getppid() == 1:  # the parent ended before the line above
        os._exit(1)


def _warm_document(path: str) -> bool:
    """Load one document into the cache in a worker process (errors are reported by the review in the caller).
    True if it had to be built."""
    from .content import ContentFolder, is_cached, load_document

    folder = ContentFolder(Path(path))
    if is_cached(folder):
        return False
    try:
        load_document(folder)
    except ZhpubError:
        pass
    return True


def warm_documents(root: Path, names: list[str] | None, pool: Executor | None, report: BuildReport) -> None:
    """Build the document models that are not cached yet in parallel (the review then reads them from the cache)."""
    from .cache import enabled
    from .content import find_documents, is_cached, resolve

    if pool is None or not enabled():  # without the cache a worker's model could not reach this process
        return
    try:
        folders = [resolve(root, n) for n in names] if names else find_documents(root)
    except ZhpubError:
        return  # the review reports it
    folders = [f for f in folders if f.path.parent.name == "content" and not is_cached(f)]
    futures = {pool.submit(_warm_document, str(f.path)): f for f in folders}
    for n, future in enumerate(as_completed(futures), 1):
        future.result()
        report.say(f"[{n}/{len(folders)}] document {futures[future].slug} read")


def write_pdfs_parallel(docs: list[Document], glossary: Glossary, out: Path, root: Path, pool: Executor | None,
                        report: BuildReport) -> None:
    jobs = edition_jobs(docs, glossary, out, root, editions=configured_editions(root))
    if pool is None:
        outcomes = ((job, render_edition(job)) for job in jobs)
    else:  # the cached ones here: no worker is started for them
        reused, todo = [], []
        for job in jobs:
            (reused if reuse_edition(job) else todo).append(job)
        futures = {pool.submit(render_edition, job): job for job in todo}
        outcomes = itertools.chain(((job, False) for job in reused),
                                   ((futures[f], f.result()) for f in as_completed(futures)))
    for n, (job, rendered) in enumerate(outcomes, 1):
        report.done("built" if rendered else "reused", f"pdf/{job.path.name}", f"[{n}/{len(jobs)}] ")


def build_all(root: Path, parts: set[str], names: list[str] | None = None, report: BuildReport | None = None,
              jobs: int | None = None) -> list[str]:
    """Build ``parts`` (data, pdf, site) into build/. Naming documents builds only those (PDF only).
    Products whose inputs did not change come from the cache (cache.py); documents, PDFs and site variants are
    made by ``jobs`` processes (default: one per core). Returns the warnings (see checks.py), which do not stop a build."""
    report = report or BuildReport()
    build = root / "build"
    with process_pool(jobs or worker_count(), shared_by_workers(root)) as pool:
        warm_documents(root, names, pool, report)
        if pool is not None:
            pool.restart()
        review = publishable(root, names)
        docs = review.docs
        report.say(f"{len(docs)} document(s) ready")
        with build_lock(root):
            remove_stale_staging(root)
            staging = root / f"{STAGING_PREFIX}{os.getpid()}"
            staging.mkdir()
            try:
                if "data" in parts:
                    write_data(docs, load_project_glossary(root), staging / "data", configured_site_url(root), root, report,
                               configured_variants(root))
                    write_corpus_data(root, docs, staging / "data")
                if "pdf" in parts:
                    if names:  # keep the other documents' PDFs
                        keep_part(build, staging, "pdf")
                    report.say("rendering PDFs")
                    write_pdfs_parallel(docs, load_project_glossary(root), staging / "pdf", root, pool, report)
                    if pool is not None:
                        pool.restart()
                if "site" in parts:
                    report.say(f"building the site ({', '.join(configured_editions(root))})")
                    build_site(root, staging / "site", docs, pool, report)
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
