"""Both PDF editions of a shipped report against WeasyPrint's own floor, measured side by side.

    .venv/bin/python bench/pdf_speed.py [--repeat 5] [--doc zhenjiang-2022] [--parts]

Each measurement runs in a fresh process with the build cache off (ZHPUB_CACHE=0), alternating floor and
zhpub, and the median of the runs counts:
- floor: WeasyPrint rendering a plain A4 HTML of the same text (headings and paragraphs of both variants, no
  styling beyond the page size and the same Noto Serif CJK SC / TC font), untagged, no attachments;
- zhpub, serial: the archival editions exactly as `zhpub build` makes them (PDF/A-3a: tagged, attachments,
  cover, contents, appendices), one after the other in one process;
- zhpub, parallel: the same two editions through the build's process pool (one process per core).
- content floor: WeasyPrint on the visible text of the whole print HTML (cover, contents, text and appendices) as
  plain paragraphs in the floor's style: what the same amount of text costs without zhpub's layout and tagging.
CPU time (user + sys of the process and its children) is the fair comparison on a shared machine; wall time is
what a user waits. Also prints each edition's pages and size, and the time of the print HTML alone.

``--parts`` measures what each part of an edition costs, both editions summed: the print HTML rendered exactly as
the build does (PDF/A-3a, attachments), then again with one part cut out of it (the glossary, indicator or
corrections appendix; all three), untagged and without attachments, and without attachments only; each part's
cost is the difference of the medians.
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
CONTENT_FLOOR = COMMON + """
import re
from weasyprint import HTML
from zhpub.render.citation import edition_date
from zhpub.render.print_html import FONTS, print_html
doc = docs[0]
paths = []
blocks = re.compile(r"<(h1|h2|p|li|dt|dd)\\b[^>]*>(.*?)</\\1>", re.S)
for v, tag in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
    full = print_html(doc, glossary, v, edition_date(doc), Path('.'))
    body = full[full.index("<body>"):]
    text = "".join(f"<{'p' if t not in ('h1', 'h2') else t}>{html.escape(html.unescape(re.sub(r'<[^>]+>', '', x)))}"
                   f"</{'p' if t not in ('h1', 'h2') else t}>" for t, x in blocks.findall(body))
    page = (f'<!doctype html><html lang="{tag}"><head><meta charset="utf-8"><style>@page {{ size: A4 }} '
            f'html {{ font-family: "{FONTS[v][0]}" }}</style></head><body>{text}</body></html>')
    paths.append(out / f"content-floor.{tag}.pdf")
    HTML(string=page).write_pdf(paths[-1])
"""
PART = COMMON + """
import re
from weasyprint import HTML
from zhpub.render.citation import edition_date
from zhpub.render import pdf
from zhpub.render.pdf import PDF_VARIANT, attachment_files, attachments, read_scrape
finish = getattr(pdf, 'finish', None) or pdf.unique_associated_files  # older code (--before) has no finish
from zhpub.render.print_html import print_html
doc, cut = docs[0], sys.argv[3]
paths = []
for v, tag in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
    page = print_html(doc, glossary, v, edition_date(doc), Path('.'))
    for part in {"glossary": ["glossary"], "indicators": ["indicators"], "corrections": ["corrections"],
                 "appendices": ["glossary", "indicators", "corrections"]}.get(cut, []):
        page = re.sub(f'<section class="appendix" id="appendix-{part}">.*?</section>', "", page, flags=re.S)
    options = {}
    if cut != "untagged":
        options = {"pdf_variant": PDF_VARIANT, "finisher": finish}
    if cut not in ("untagged", "no-attachments"):
        options["attachments"] = attachments(doc, attachment_files(doc, read_scrape(doc, Path('.'))))
    paths.append(out / f"{cut}.{tag}.pdf")
    HTML(string=page, base_url=str(out)).write_pdf(paths[-1], **options)
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


def run(code: str, *args: str, src: str | None = None) -> dict:
    env = dict(os.environ, ZHPUB_CACHE="0", NO_MKDOCS_2_WARNING="1")
    if src:  # another version of the code (--before), on this checkout's content
        env["PYTHONPATH"] = src
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run([sys.executable, "-c", code, tmp, *args], cwd=ROOT, check=True, capture_output=True,
                             text=True, env=env)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--doc", default="zhenjiang-2022")
    parser.add_argument("--parts", action="store_true", help="what each part of an edition costs (see above)")
    parser.add_argument("--before", metavar="SRC", help="with --parts: also measure the zhpub package in SRC (e.g. "
                        "`git archive COMMIT src | tar -x -C /tmp/before` and /tmp/before/src), interleaved")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.parts:
        return parts(args)
    runs: dict[str, list[dict]] = {"floor": [], "content": [], "serial": [], "parallel": []}
    for _ in range(args.repeat):  # interleaved, so the machine's load falls alike on each
        runs["floor"].append(run(FLOOR + END, args.doc))
        runs["content"].append(run(CONTENT_FLOOR + END, args.doc))
        runs["serial"].append(run(ZHPUB + END, args.doc, "serial"))
        runs["parallel"].append(run(ZHPUB + END, args.doc, "parallel"))
    med = {k: {m: statistics.median(r[m] for r in v) for m in ("cpu", "wall", "peak_mb")} for k, v in runs.items()}
    for name, label in (("floor", "WeasyPrint floor (plain A4 HTML, same text and fonts)"),
                        ("content", "content floor (the whole edition's text, appendices too, as plain paragraphs)"),
                        ("serial", "zhpub PDF/A-3a editions, one process"),
                        ("parallel", "zhpub PDF/A-3a editions, process pool")):
        m = med[name]
        print(f"{label}: CPU {m['cpu']:.2f} s, wall {m['wall']:.2f} s, peak {m['peak_mb']:.0f} MB (median of {args.repeat})")
        for file, (size, pages) in runs[name][-1]["files"].items():
            print(f"  {file}: {pages} pages, {size / 1e6:.2f} MB")
    f = med["floor"]
    print(f"ratio to the floor: CPU {med['serial']['cpu'] / f['cpu']:.1f}x (serial), wall {med['serial']['wall'] / f['wall']:.1f}x "
          f"serial, {med['parallel']['wall'] / f['wall']:.1f}x with the pool; "
          f"{med['serial']['cpu'] / med['content']['cpu']:.1f}x the content floor")
    html = subprocess.run([sys.executable, "-c", HTML_ONLY, args.doc], cwd=ROOT, check=True, capture_output=True, text=True,
                          env=dict(os.environ, ZHPUB_CACHE="0"))
    print(f"of which the print HTML of both variants: {float(html.stdout.strip()):.2f} s CPU")


def parts(args) -> None:
    cuts = ("full", "glossary", "indicators", "corrections", "appendices", "untagged", "no-attachments")
    versions = {"before": args.before, "now": None} if args.before else {"now": None}
    runs = {(version, cut): [] for version in versions for cut in cuts}
    for _ in range(args.repeat):  # interleaved: every cut of every version once per round
        for cut in cuts:
            for version, src in versions.items():
                runs[version, cut].append(run(PART + END, args.doc, cut, src=src))
    cpu = {key: statistics.median(r["cpu"] for r in rs) for key, rs in runs.items()}
    pages = {key: sum(p for _, p in rs[-1]["files"].values()) for key, rs in runs.items()}
    print(f"CPU s of both editions (median of {args.repeat}), pages of both: " + " | ".join(versions))
    print("  as built: " + " | ".join(f"{cpu[v, 'full']:.2f} s, {pages[v, 'full']} pages" for v in versions))
    for cut, label in (("glossary", "glossary appendix"), ("indicators", "indicators appendix"),
                       ("corrections", "corrections appendix"), ("appendices", "all three appendices"),
                       ("untagged", "PDF/A-3a (tagging, output intent, attachments) against a plain PDF"),
                       ("no-attachments", "the four attachments")):
        print(f"  {label}: " + " | ".join(
            f"{cpu[v, 'full'] - cpu[v, cut]:.2f} s ({100 * (cpu[v, 'full'] - cpu[v, cut]) / cpu[v, 'full']:.0f} %), "
            f"{pages[v, 'full'] - pages[v, cut]} pages" for v in versions))
    print("  the rest (cover, contents, text, colophon, PDF/A-3a, attachments): " + " | ".join(
        f"{cpu[v, 'appendices']:.2f} s, {pages[v, 'appendices']} pages" for v in versions))
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")

if __name__ == "__main__":
    main()
