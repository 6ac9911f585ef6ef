"""Both PDF editions of a shipped report against WeasyPrint's own floor, measured side by side.

    .venv/bin/python bench/pdf_speed.py [--repeat 5] [--doc zhenjiang-2022]

Each measurement runs in a fresh process with the build cache off (ZHPUB_CACHE=0), alternating floor and
zhpub, and the median of the runs counts:
- floor: WeasyPrint rendering a plain A4 HTML of the same text (headings and paragraphs of both variants, no
  styling beyond the page size and the same Noto Serif CJK SC / TC font), untagged, no attachments;
- zhpub, serial: the archival editions exactly as `zhpub build` makes them (PDF/A-3a: tagged, attachments,
  cover, contents, appendices), one after the other in one process;
- zhpub, parallel: the same two editions through the build's process pool (one process per core).
CPU time (user + sys of the process and its children) is the fair comparison on a shared machine; wall time is
what a user waits. Also prints each edition's pages and size, and the time of the print HTML alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMON = """
import html, json, os, resource, sys, time
from pathlib import Path
from zhpub.build import publishable_documents
from zhpub.content import load_project_glossary
docs = publishable_documents(Path('.'), [sys.argv[2]])
glossary = load_project_glossary(Path('.'))
out = Path(sys.argv[1])
def usage():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
cpu, wall = usage(), time.perf_counter()
"""
FLOOR = COMMON + """
from weasyprint import HTML
from zhpub.render.print_html import FONTS
doc = docs[0]
paths = []
for v, tag in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
    body = "".join(f"<{ {'part': 'h1', 'section': 'h2'}.get(b.kind, 'p')}>{html.escape(b.text[v])}"
                   f"</{ {'part': 'h1', 'section': 'h2'}.get(b.kind, 'p')}>" for b in doc.blocks)
    page = (f'<!doctype html><html lang="{tag}"><head><meta charset="utf-8"><style>@page {{ size: A4 }} '
            f'html {{ font-family: "{FONTS[v][0]}" }}</style></head><body>{body}</body></html>')
    paths.append(out / f"floor.{tag}.pdf")
    HTML(string=page).write_pdf(paths[-1])
"""
ZHPUB = COMMON + """
from zhpub.render.pdf import write_pdfs
if sys.argv[3] == "parallel":
    from zhpub.build import process_pool, worker_count
    with process_pool(worker_count()) as pool:
        paths = write_pdfs(docs, glossary, out, Path('.'), pool=pool)
else:
    paths = write_pdfs(docs, glossary, out, Path('.'))
"""
END = """
cpu, wall = usage() - cpu, time.perf_counter() - wall
from pypdf import PdfReader
print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "files": {p.name: [p.stat().st_size, len(PdfReader(p).pages)] for p in paths}}))
"""
HTML_ONLY = """
import sys, time
from pathlib import Path
from zhpub.build import publishable_documents
from zhpub.content import load_project_glossary
from zhpub.render.citation import edition_date
from zhpub.render.print_html import print_html
doc = publishable_documents(Path('.'), [sys.argv[1]])[0]
glossary = load_project_glossary(Path('.'))
start = time.process_time()
for v in ("hans", "hant"):
    print_html(doc, glossary, v, edition_date(doc), Path('.'))
print(time.process_time() - start)
"""


def run(code: str, *args: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", code, tmp, *args], cwd=ROOT, check=True, capture_output=True,
                             text=True, env=dict(os.environ, ZHPUB_CACHE="0", NO_MKDOCS_2_WARNING="1"))
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--doc", default="zhenjiang-2022")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    runs: dict[str, list[dict]] = {"floor": [], "serial": [], "parallel": []}
    for _ in range(args.repeat):  # interleaved, so the machine's load falls alike on each
        runs["floor"].append(run(FLOOR + END, args.doc))
        runs["serial"].append(run(ZHPUB + END, args.doc, "serial"))
        runs["parallel"].append(run(ZHPUB + END, args.doc, "parallel"))
    med = {k: {m: statistics.median(r[m] for r in v) for m in ("cpu", "wall", "peak_mb")} for k, v in runs.items()}
    for name, label in (("floor", "WeasyPrint floor (plain A4 HTML, same text and fonts)"),
                        ("serial", "zhpub PDF/A-3a editions, one process"),
                        ("parallel", "zhpub PDF/A-3a editions, process pool")):
        m = med[name]
        print(f"{label}: CPU {m['cpu']:.2f} s, wall {m['wall']:.2f} s, peak {m['peak_mb']:.0f} MB (median of {args.repeat})")
        for file, (size, pages) in runs[name][-1]["files"].items():
            print(f"  {file}: {pages} pages, {size / 1e6:.2f} MB")
    f = med["floor"]
    print(f"ratio to the floor: CPU {med['serial']['cpu'] / f['cpu']:.1f}x (serial), wall {med['serial']['wall'] / f['wall']:.1f}x "
          f"serial, {med['parallel']['wall'] / f['wall']:.1f}x with the pool")
    html = subprocess.run([sys.executable, "-c", HTML_ONLY, args.doc], cwd=ROOT, check=True, capture_output=True, text=True,
                          env=dict(os.environ, ZHPUB_CACHE="0"))
    print(f"of which the print HTML of both variants: {float(html.stdout.strip()):.2f} s CPU")


if __name__ == "__main__":
    main()
