"""Chinese typography of the PDF edition, measured: how ragged the right edge of the body text is, and how many
lines start with closing punctuation (W3C clreq forbids both), for WeasyPrint with the remedies it accepts and
for headless Chromium printing the same print HTML.

    .venv/bin/python bench/typography.py [--variant hans|hant] [--no-chromium] [--png DIR]

Measured on the report's own text pages (from the page of the first part to the page before the appendices), from
poppler's `pdftotext -bbox-layout` (an independent reader of the PDF, not the renderer): for every line of a
paragraph but its last ("full lines"), the gap between the line's right end and the text column's right edge
(page width less the right margin), in pt. A justified setting has gaps of 0 except where a line ends in punctuation
whose glyph has its blank half on the right; a ragged one has gaps up to a character's width (10.5 pt).
Also: Chromium against WeasyPrint on render time, named destinations, outline entries and tags.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CLOSING = set("，。、；：？！）》」』”’〉】〕")  # may not start a line (clreq: 行首禁则)
OPENING = set("（《「『“‘〈【〔")  # may not end a line
PUNCT = CLOSING | OPENING

REMEDIES = {
    "as shipped (text-align: justify)": "",
    "text-align: left": "p.p { text-align: left; }",
    "justify + text-justify: inter-character": "p.p { text-align: justify; text-justify: inter-character; }",
    "justify + line-break: strict": "p.p { text-align: justify; line-break: strict; }",
    "justify + halt on adjacent punctuation": "p.p .halt { font-feature-settings: 'halt'; }",
    "justify + hanging-punctuation": "p.p { hanging-punctuation: allow-end last; }",
}


def halt_adjacent(html: str) -> str:
    """Wrap each full-width punctuation mark that is followed by another in <span class=halt> (clreq 3.1.6: of two
    adjacent marks, one is set half width). Only inside paragraph text, never inside tags."""
    marks = re.escape("".join(sorted(PUNCT)))

    def inside_text(m: re.Match) -> str:
        return re.sub(f"([{marks}])(?=[{marks}])", r'<span class="halt">\1</span>', m.group())

    return re.sub(r">[^<]+<", inside_text, html)


class Lines(HTMLParser):
    """Lines of `pdftotext -bbox-layout` output: (page, flow, xMin, xMax, text). Poppler makes each line of this
    text a block of its own and a paragraph's lines one flow."""

    def __init__(self):
        super().__init__()
        self.lines: list[list] = []
        self.page = self.block = 0
        self._line = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.page += 1
        elif tag == "flow":
            self.block += 1
        elif tag == "line":
            self._line = [self.page, self.block, float(a["xmin"]), float(a["xmax"]), ""]

    def handle_data(self, data):
        if self._line is not None and data.strip():
            self._line[4] += data.strip()

    def handle_endtag(self, tag):
        if tag == "line" and self._line is not None:
            self.lines.append(self._line)
            self._line = None


def text_pages(pdf: Path, first_heading: str, appendix_heading: str) -> tuple[int, int]:
    """1-based first and last page of the report's text: the pages of destinations s1 and appendix-glossary, or
    (a PDF without named destinations) the first page with the first part's heading and the page before the
    one whose first lines hold the appendix's heading."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    dests = reader.named_destinations
    if "s1" in dests and "appendix-glossary" in dests:
        return (reader.get_destination_page_number(dests["s1"]) + 1,
                reader.get_destination_page_number(dests["appendix-glossary"]))
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    first = next(i for i, text in enumerate(pages) if i > 1 and first_heading in text.replace(" ", ""))

    def lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    appendix = next(i for i, text in enumerate(pages) if i > first and appendix_heading in lines(text)[:3])
    return first + 1, appendix


def measure(pdf: Path, left: float, edge: float, headings: tuple[str, str]) -> dict:
    first, last = text_pages(pdf, *headings)
    out = subprocess.run(["pdftotext", "-bbox-layout", "-f", str(first), "-l", str(last), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    parser = Lines()
    parser.feed(out)
    # body text starts at the margin or at the 2em indent: not the ids in the margin, not centred title lines
    body = [line for line in parser.lines if left - 1 <= line[2] <= left + 22 and len(line[4]) >= 3]
    by_block: dict[tuple, list] = {}
    for line in body:
        by_block.setdefault((line[0], line[1]), []).append(line)
    full = [line for lines in by_block.values() if len(lines) >= 2 for line in lines[:-1]]
    gaps = sorted(edge - line[3] for line in full)
    return {
        "pages": f"{first}-{last}", "full_lines": len(full),
        "gap_mean": statistics.fmean(gaps), "gap_p95": gaps[int(len(gaps) * .95)], "gap_max": gaps[-1],
        "flush": sum(g <= 0.5 for g in gaps) / len(gaps),
        # a paragraph's first line may start with ——; only lines the engine broke count
        "closing_at_start": sum(line[4][0] in CLOSING for lines in by_block.values() for line in lines[1:]),
        "opening_at_end": sum(line[4][-1] in OPENING for lines in by_block.values() for line in lines[:-1]),
    }


def structure(pdf: Path) -> dict:
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]

    def count(items) -> int:
        return sum(count(i) if isinstance(i, list) else 1 for i in items)

    return {"pages": len(reader.pages), "named_destinations": len(reader.named_destinations),
            "outline": count(reader.outline), "tagged": "/StructTreeRoot" in root, "bytes": pdf.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variant", default="hans", choices=("hans", "hant"))
    parser.add_argument("--no-chromium", action="store_true")
    parser.add_argument("--only", help="run only the settings whose name contains this (e.g. Chromium)")
    parser.add_argument("--png", type=Path, help="write page images (pdftoppm) of one text page per setting here")
    args = parser.parse_args()

    from weasyprint import CSS, HTML

    from zhpub.build import publishable_documents
    from zhpub.content import load_project_glossary
    from zhpub.render.citation import edition_date
    from zhpub.render.common import label
    from zhpub.render.pdf import PDF_VARIANT
    from zhpub.render.print_html import print_html

    doc = publishable_documents(ROOT)[0]
    html = print_html(doc, load_project_glossary(ROOT), args.variant, edition_date(doc), ROOT)
    left = 28 / 25.4 * 72  # the page's left margin (print.css), pt
    edge = 595.276 - 20 / 25.4 * 72  # A4 less the right margin
    headings = (doc.block("s1").text[args.variant], label("glossary", args.variant))
    print(f"{'setting':58} {'s':>5} {'lines':>5} {'gap mean':>8} {'p95':>5} {'max':>5} {'flush':>6} "
          f"{'，at start':>9} {'（at end':>8} | {'pages':>5} {'dests':>5} {'outline':>7} {'tags':>4} {'text':>6}",
          flush=True)

    def report(name, seconds, pdf, n):
        m, s = measure(pdf, left, edge, headings), structure(pdf)
        print(f"{name:58} {seconds:5.1f} {m['full_lines']:5d} {m['gap_mean']:8.2f} {m['gap_p95']:5.1f} "
              f"{m['gap_max']:5.1f} {m['flush']:6.0%} {m['closing_at_start']:9d} {m['opening_at_end']:8d} | "
              f"{s['pages']:5d} {s['named_destinations']:5d} {s['outline']:7d} {'yes' if s['tagged'] else 'no':>4}"
              f" {m['pages']:>6}", flush=True)
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            page = int(m["pages"].split("-")[0]) + 1
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), str(pdf),
                            str(args.png / f"{n}")], check=True)
            print(f"  {args.png}/{n}-{page}.png", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        for n, (name, css) in enumerate(REMEDIES.items()):
            if args.only and args.only not in name:
                continue
            pdf = Path(tmp) / f"{n}.pdf"
            source = halt_adjacent(html) if "halt" in name else html
            start = time.perf_counter()
            HTML(string=source, base_url=tmp).write_pdf(pdf, stylesheets=[CSS(string=css)] if css else None,
                                                        pdf_variant=PDF_VARIANT)
            report(f"WeasyPrint: {name}", time.perf_counter() - start, pdf, n)
        if not args.no_chromium and (not args.only or args.only in "Chromium"):
            from playwright.sync_api import sync_playwright

            pdf = Path(tmp) / "chromium.pdf"
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                page = browser.new_page()
                start = time.perf_counter()
                page.set_content(html)
                page.pdf(path=str(pdf), prefer_css_page_size=True, tagged=True, outline=True)
                seconds = time.perf_counter() - start
                browser.close()
            report("Chromium page.pdf (same HTML, tagged, outline)", seconds, pdf, "chromium")


if __name__ == "__main__":
    main()
