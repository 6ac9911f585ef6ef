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
from pathlib import Path

from ..errors import ZhpubError
from ..knowledge.glossary import Glossary
from ..export import corrections_json, document_json, dumps
from ..knowledge.indicators import to_csv
from ..model import LANG_TAGS, VARIANTS, Document
from .citation import edition_date, edition_label
from .print_html import FONTS, print_html


def check_fonts() -> None:
    """A clear error, before rendering, when the CJK fonts are missing (WeasyPrint would substitute silently)."""
    if not shutil.which("fc-list"):
        raise ZhpubError("fontconfig (fc-list) not found", None, "install fontconfig and fonts-noto-cjk")
    families = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=False).stdout
    missing = sorted({f for pair in FONTS.values() for f in pair if f not in families})
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


def attachments(doc: Document, source: bytes | None) -> list:
    from weasyprint import Attachment

    when = dt.datetime.fromisoformat(edition_date(doc))  # not the clock: byte-identical builds
    return [Attachment(file_obj=io.BytesIO(data), name=name, description=f"{description}. {edition_label(doc, 'hans')}",
                       relationship=relationship, created=when, modified=when)
            for name, data, relationship, description in attachment_files(doc, source)]


def unique_associated_files(document, pdf) -> None:
    """WeasyPrint 70 lists each attachment twice in the catalog's /AF (once from the EmbeddedFiles name tree, once
    from the file specification objects): keep each file specification once."""
    if "AF" in pdf.catalog:
        pdf.catalog["AF"][:] = list(dict.fromkeys(pdf.catalog["AF"]))


def read_scrape(doc: Document, project_root: Path | None) -> bytes | None:
    """The raw source.txt of a document in a project (None for a bare scrape outside one)."""
    if project_root is None:
        return None
    path = project_root / doc.source_path
    return path.read_bytes() if path.is_file() else None


def write_pdfs(docs: list[Document], glossary: Glossary, out: Path, project_root: Path | None = None,
               pdf_variant: str | None = PDF_VARIANT) -> list[Path]:
    """Both editions of every document; ``project_root`` is where template overrides and the scrapes live.
    ``pdf_variant=None`` (plain, untagged PDF without attachments) is only for bench/pdf_speed.py's comparison."""
    from weasyprint import HTML

    check_fonts()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for doc in docs:
        for variant in VARIANTS:
            path = out / f"{doc.slug}.{LANG_TAGS[variant]}.pdf"
            html = print_html(doc, glossary, variant, edition_date(doc), project_root)
            archival = {"pdf_variant": pdf_variant, "attachments": attachments(doc, read_scrape(doc, project_root)),
                        "finisher": unique_associated_files}
            HTML(string=html, base_url=str(out)).write_pdf(path, **(archival if pdf_variant else {}))
            written.append(path)
    return written
