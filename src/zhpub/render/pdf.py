"""The PDF editions: print HTML (print_html.py) rendered by WeasyPrint, fonts embedded."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

from ..errors import ZhpubError
from ..glossary import Glossary
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


def edition_date(docs: list[Document]) -> str:
    """The date a PDF carries: from the content (the newest document), never from the clock."""
    return max((d.meta.get("date", "") for d in docs), default="") or "1970-01-01"


def write_pdfs(docs: list[Document], glossary: Glossary, out: Path) -> list[Path]:
    from weasyprint import HTML

    check_fonts()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    out.mkdir(parents=True, exist_ok=True)
    date = edition_date(docs)
    written = []
    for doc in docs:
        for variant in VARIANTS:
            path = out / f"{doc.slug}.{LANG_TAGS[variant]}.pdf"
            html = print_html(doc, glossary, variant, date)
            HTML(string=html, base_url=str(out)).write_pdf(path)
            written.append(path)
    return written
