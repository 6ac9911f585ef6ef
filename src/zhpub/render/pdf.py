"""The PDF editions: print HTML (print_html.py) rendered by WeasyPrint, fonts embedded.

Each edition is PDF/A-3a: tagged (so it is also the accessible edition: structure tree, reading order, /Lang),
sRGB output intent, XMP metadata naming the conformance, and the document's data attached as embedded files
(PDF/A-3 allows any file, each with an /AFRelationship): the scrape it was reconstructed from (Source), the JSON
model and the indicators CSV (Data), the corrections record (Supplement). A reader who has only the PDF has
everything needed to check it. Attachment dates are the edition's, so two builds are byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..errors import ZhpubError
from ..knowledge.glossary import Glossary
from ..export import corrections_json, document_json, dumps
from ..knowledge.indicators import to_csv
from ..model import LANG_TAGS, Document
from ..variants import DEFAULT, extras as on_request
from .citation import edition_date, edition_label
from .print_html import FONTS, print_html


def check_fonts(editions: tuple[str, ...] = DEFAULT) -> None:
    """A clear error, before rendering, when the CJK fonts of the editions are missing (WeasyPrint would
    substitute silently)."""
    if not shutil.which("fc-list"):
        raise ZhpubError("fontconfig (fc-list) not found", None, "install fontconfig and fonts-noto-cjk")
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    missing = sorted({f for v in editions for f in FONTS[v] if f not in families})
    if missing:
        raise ZhpubError(
            f"CJK fonts not found: {', '.join(missing)}", None,
            "install them: sudo apt-get install fonts-noto-cjk (make setup does it as root)",
        )


PDF_VARIANT = "pdf/a-3a"


def attachment_files(doc: Document, source: bytes | None) -> list[tuple[str, bytes, str, str]]:
    """(file name, bytes, AFRelationship, description) of what each PDF carries inside it."""
    files = [
        (f"{doc.slug}.json", dumps(document_json(doc)).encode("utf-8"), "Data",
         "The document model (zhpub.document/1): every block in both scripts, glossary hits, indicators, corrections"),
        (f"{doc.slug}.indicators.csv", ("\ufeff" + to_csv(doc.indicators)).encode("utf-8"), "Data",
         "Numeric targets and results, one row per indicator (UTF-8 with BOM)"),
        (f"{doc.slug}.corrections.json", dumps(corrections_json(doc)).encode("utf-8"), "Supplement",
         "Every correction made to the scrape: rule, place in the source, before, after, why"),
    ]
    if source is not None:
        files.insert(0, (f"{doc.slug}.source.txt", source, "Source",
                         f"The scrape this text was reconstructed from, byte for byte ({doc.meta.get('encoding', 'utf-8')})"))
    return files


def attachments(doc: Document, files: list[tuple[str, bytes, str, str]]) -> list:
    """WeasyPrint attachments of ``files`` (see attachment_files)."""
    from weasyprint import Attachment

    when = dt.datetime.fromisoformat(edition_date(doc))  # not the clock: byte-identical builds
    return [Attachment(file_obj=io.BytesIO(data), name=name, description=f"{description}. {edition_label(doc, 'hans')}",
                       relationship=relationship, created=when, modified=when)
            for name, data, relationship, description in files]


def unique_associated_files(document, pdf) -> None:
    """WeasyPrint 70 lists each attachment twice in the catalog's /AF (once from the EmbeddedFiles name tree, once
    from the file specification objects): keep each file specification once."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"][:] = list(dict.fromkeys(pdf.catalog["AF"]))


def serialise_once(pdf) -> None:
    """pydyf 0.13 serialises and deflates (at level 9) every object twice when the file has an /ID, which PDF/A
    requires: once to write it, once more to hash the whole file for the identifier. The objects are final when
    WeasyPrint calls the finisher, so each keeps the bytes it serialised to the first time: the file is
    byte-identical (tests/test_pdf.py) and one edition's write phase ~15 % shorter (README, PDF time)."""
    for obj in pdf.objects:
        if obj.free != "f":
            data = obj.data
            obj.__class__ = _serialised_class(type(obj))
            obj.__dict__["_serialised"] = data


_SERIALISED: dict[type, type] = {}


def _serialised_class(cls: type) -> type:
    """A subclass of a pydyf object class whose ``data`` is the bytes kept by serialise_once."""
    if cls not in _SERIALISED:
        _SERIALISED[cls] = type(f"Serialised{cls.__name__}", (cls,), {"data": property(lambda self: self.__dict__["_serialised"])})
    return _SERIALISED[cls]


def finish(document, pdf) -> None:
    """WeasyPrint's finisher: the last changes to the PDF objects, then each object's bytes kept once."""
    unique_associated_files(document, pdf)
    serialise_once(pdf)


def read_scrape(doc: Document, project_root: Path | None) -> bytes | None:
    """The raw source.txt of a document in a project (None for a bare scrape outside one)."""
    if project_root is None:
        return None
    path = project_root / doc.source_path
    return path.read_bytes() if path.is_file() else None


def fonts_fingerprint() -> str:
    """Which font files the named families resolve to (path, size, modification time): part of every PDF's cache
    key, so installing other fonts renders the PDFs again."""
    lines = []
    for family in sorted({f for pair in FONTS.values() for f in pair}):
        for style in ("", ":bold"):
            found = subprocess.run(["fc-match", "-f", "%{file}:%{index}", family + style], capture_output=True,
                                   text=True, check=False).stdout
            path = Path(found.rsplit(":", 1)[0])
            stat = path.stat() if path.is_file() else None
            lines.append(f"{family}{style} {found} {stat.st_size if stat else '-'} {stat.st_mtime_ns if stat else '-'}")
    return "\n".join(lines)


@dataclass(frozen=True)
class EditionJob:
    """One PDF to make: what a worker process needs (all picklable)."""
    doc: Document
    glossary: Glossary
    variant: str
    path: Path
    project_root: Path | None
    pdf_variant: str | None
    fonts: str
    inputs: str  # a digest of the glossary folder and the project's template overrides (hooks/), which the edition shows
    extras: tuple[str, ...] = ()  # the on-request editions the project publishes: the attached model carries them


def render_edition(job: EditionJob) -> bool:
    """Write one PDF edition; True if it was rendered, False if the cache had it (its key: the print HTML, the
    attachments, the PDF profile, the fonts and the code version, see cache.py)."""
    if reuse_edition(job):
        return False
    doc, v = job.doc, job.variant
    from ..pipeline import with_variants

    doc = with_variants(doc, job.extras)  # the hk text and glossary hits, derived here in the worker
    html = print_html(doc, job.glossary, v, edition_date(doc), job.project_root)
    files = attachment_files(doc, read_scrape(doc, job.project_root)) if job.pdf_variant else []
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    archival = {"pdf_variant": job.pdf_variant, "attachments": attachments(doc, files), "finisher": finish}
    data = HTML(string=html, base_url=str(job.path.parent)).write_pdf(**(archival if job.pdf_variant else {}))
    write_bytes(job.path, data)
    cached = _cached(job)
    if cached:
        cached[0].put_bytes("pdf", *cached[1:], data)
    return True


def reuse_edition(job: EditionJob) -> bool:
    """Write the edition from the build cache if it is there (True); a build asks this before it hands the job to a
    worker process, so a build whose PDFs are all cached starts none."""
    cached = _cached(job)
    if cached is None:
        return False
    cache, name, product = cached
    data = cache.get_bytes("pdf", name, product)
    if data is None:
        return False
    write_bytes(job.path, data)
    return True


def _cached(job: EditionJob) -> tuple | None:
    """(the cache, the entry's name, its key) of an edition in a project, or None (a document outside one)."""
    from ..cache import Cache, key

    doc, v = job.doc, job.variant
    if job.project_root is None or not doc.cache_key:
        return None
    # the edition is made from the model (its key covers the scrape), the glossary and the templates
    product = key("pdf", doc.cache_key, v, str(job.pdf_variant), job.fonts, job.inputs, *job.extras)
    return Cache(job.project_root), f"{doc.slug}.{LANG_TAGS[v]}", product


def write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def edition_jobs(docs: list[Document], glossary: Glossary, out: Path, project_root: Path | None = None,
                 pdf_variant: str | None = PDF_VARIANT, editions: tuple[str, ...] = DEFAULT) -> list[EditionJob]:
    """One job per document and published edition (build.configured_editions)."""
    import hashlib

    from ..cache import tree_bytes

    check_fonts(editions)
    out.mkdir(parents=True, exist_ok=True)
    fonts = fonts_fingerprint()
    inputs = hashlib.sha256(tree_bytes(project_root / "glossary", recursive=False) + b"\0"
                            + tree_bytes(project_root / "hooks") if project_root is not None else b"").hexdigest()
    extras = on_request(editions)
    return [EditionJob(doc, glossary, variant, out / f"{doc.slug}.{LANG_TAGS[variant]}.pdf", project_root, pdf_variant,
                       fonts, inputs, extras) for doc in docs for variant in editions]


def write_pdfs(docs: list[Document], glossary: Glossary, out: Path, project_root: Path | None = None,
               pdf_variant: str | None = PDF_VARIANT, pool=None) -> list[Path]:
    """The default editions of every document; ``project_root`` is where template overrides, the scrapes and the cache
    live. ``pool`` (a concurrent.futures executor) renders the editions in parallel; the files are the same.
    ``pdf_variant=None`` (plain, untagged PDF without attachments) is only for bench/pdf_speed.py's comparison."""
    jobs = edition_jobs(docs, glossary, out, project_root, pdf_variant)
    list(pool.map(render_edition, jobs) if pool else map(render_edition, jobs))
    return [job.path for job in jobs]
