from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
SHIPPED = ROOT / "content" / "zhenjiang-2022"

sys.path.insert(0, str(ROOT / "tests"))  # corrupt.py and other test helpers


@pytest.fixture(scope="session")
def shipped():
    from zhpub.content import ContentFolder, load_document

    return load_document(ContentFolder(SHIPPED))


@pytest.fixture(scope="session")
def shipped_documents():
    """Every shipped document (content/<slug>/), loaded once, by slug: tests about the shipped content."""
    from zhpub.content import ContentFolder, find_documents, load_document

    return {folder.slug: load_document(folder) for folder in find_documents(ROOT)}


def child_env(**extra: str) -> dict[str, str]:
    """The environment for a zhpub child process. During mutation testing's coverage pass (`make mutation`:
    MUTANT_UNDER_TEST=stats) a child cannot record its calls (mutmut's state lives in the parent), so it runs the
    plain code; a mutant under test is passed on, so the child runs the mutant as the parent does."""
    env = dict(os.environ, **extra)
    if env.get("MUTANT_UNDER_TEST") == "stats":
        del env["MUTANT_UNDER_TEST"]
    return env


def copy_project(target: Path, documents: tuple[str, ...] | None = (SHIPPED.name,)) -> Path:
    """A copy of what a build reads (content, glossary, corpus, hooks, mkdocs.yml), to build or break in isolation.

    ``documents``: the content folders to copy (slugs); by default only the Zhenjiang report, so a test about
    behaviour builds one document, not the whole shipped corpus; ``None`` copies every shipped document."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    for name in ("glossary", "corpus", "hooks"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    slugs = sorted(p.name for p in (ROOT / "content").iterdir() if p.is_dir()) if documents is None else documents
    (target / "content").mkdir()
    for slug in slugs:
        shutil.copytree(ROOT / "content" / slug, target / "content" / slug)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The whole shipped project (every document of content/) built once (data, PDFs, both site variants) into a
    temporary copy, by two processes (test_site.py checks a serial build without the cache gives the same bytes).
    Tests find documents in it by slug."""
    from zhpub.build import build_all

    project = copy_project(tmp_path_factory.mktemp("project"), documents=None)
    build_all(project, {"data", "pdf", "site"}, jobs=2)
    return project / "build"


@pytest.fixture(scope="session")
def base(built):
    """The built site on a loopback port: one server for every browser test module."""
    from axe_audit import SiteServer

    with SiteServer(built / "site") as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright (never a downloaded browser), one for the whole run."""
    from axe_audit import CHROMIUM, FLAGS
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()
