"""The PDF editions: print HTML (print_html.py) rendered by WeasyPrint, fonts embedded."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

from ..errors import ZhpubError
from ..knowledge.glossary import Glossary
from ..model import LANG_TAGS, VARIANTS, Document
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


def edition_date(doc: Document) -> str:
    """The date a PDF carries: the document's own, never the clock's (so a PDF depends on its document only)."""
    return doc.meta.get("date") or "1970-01-01"


def write_pdfs(docs: list[Document], glossary: Glossary, out: Path, project_root: Path | None = None) -> list[Path]:
    """Both editions of every document; ``project_root`` is where template overrides may live."""
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
            HTML(string=html, base_url=str(out)).write_pdf(path)
            written.append(path)
    return written
