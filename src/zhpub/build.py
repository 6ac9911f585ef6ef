"""`zhpub build`: everything under build/, written to a staging folder first and moved into place whole.

A failed build leaves the previous output untouched: no half-written site, PDF or data file.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .content import find_documents, load_document, load_project_glossary, resolve
from .knowledge.glossary import Glossary
from .knowledge.indicators import to_csv
from .errors import Location, ZhpubError
from .export import corrections_json, document_json, dumps, glossary_json, indicators_json
from .manifest import dropped_ids, read_manifest
from .model import Document
from .render.pdf import write_pdfs


def publishable_documents(root: Path, names: list[str] | None = None) -> list[Document]:
    """The documents (all, or those named), refusing any with unresolved corruption or a dropped published id."""
    docs = []
    for folder in [resolve(root, n) for n in names] if names else find_documents(root):
        doc = load_document(folder)
        if doc.problems:
            p = doc.problems[0]
            raise ZhpubError(
                f"{len(doc.problems)} unresolved problem(s), first: {p}",
                Location(doc.source_path, p.line, p.column),
                f"run `zhpub check {doc.slug}` and add errata; garbled text is never published",
            )
        dropped = dropped_ids(read_manifest(folder.manifest), doc.anchor_ids)
        if dropped:
            raise dropped[0]
        docs.append(doc)
    return docs


def write_data(docs: Iterable[Document], glossary: Glossary, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        (out / f"{doc.slug}.json").write_text(dumps(document_json(doc)), encoding="utf-8")
        (out / f"{doc.slug}.corrections.json").write_text(dumps(corrections_json(doc)), encoding="utf-8")
        (out / f"{doc.slug}.indicators.json").write_text(dumps(indicators_json(doc)), encoding="utf-8")
        # with a BOM: spreadsheet programs read a UTF-8 CSV as a legacy code page without one
        (out / f"{doc.slug}.indicators.csv").write_text(to_csv(doc.indicators), encoding="utf-8-sig")
    (out / "glossary.json").write_text(dumps(glossary_json(glossary, list(docs))), encoding="utf-8")


def replace_dir(staged: Path, target: Path) -> None:
    """Swap a fully built folder into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(staged, target)
    if old:
        shutil.rmtree(old)


def build_site(root: Path, out: Path, docs: list[Document]) -> None:
    """Both variants with MkDocs (mkdocs.yml, hooks/), then the root page that picks a script."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .model import LANG_TAGS, VARIANTS
    from .render.site import root_page

    saved = os.environ.get("ZHPUB_VARIANT")
    try:
        for variant in VARIANTS:
            os.environ["ZHPUB_VARIANT"] = variant
            config = load_config(str(root / "mkdocs.yml"), site_dir=str(out / LANG_TAGS[variant]))
            try:
                mkdocs_build(config)
            except MkDocsException as e:  # strict mode turns warnings into this
                raise ZhpubError(f"MkDocs failed for {LANG_TAGS[variant]}: {e}", Location(str(root / "mkdocs.yml"))) from None
    finally:
        if saved is None:
            os.environ.pop("ZHPUB_VARIANT", None)
        else:
            os.environ["ZHPUB_VARIANT"] = saved
    (out / "index.html").write_text(root_page(docs), encoding="utf-8")


def build_all(root: Path, parts: set[str], names: list[str] | None = None) -> None:
    """Build ``parts`` (data, pdf, site) into build/. Naming documents builds only those (PDF only)."""
    docs = publishable_documents(root, names)
    build = root / "build"
    build.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=build) as tmp:
        staging = Path(tmp)
        if "data" in parts:
            write_data(docs, load_project_glossary(root), staging / "data")
        if "pdf" in parts:
            if names and (build / "pdf").exists():  # keep the other documents' PDFs
                shutil.copytree(build / "pdf", staging / "pdf")
            write_pdfs(docs, load_project_glossary(root), staging / "pdf")
        if "site" in parts:
            build_site(root, staging / "site", docs)
            pdfs = staging / "pdf" if (staging / "pdf").exists() else build / "pdf"
            if pdfs.exists():  # the site links to the PDFs: a self-contained copy
                shutil.copytree(pdfs, staging / "site" / "pdf")
        for name in ("data", "pdf", "site"):
            if (staging / name).exists():
                replace_dir(staging / name, build / name)
