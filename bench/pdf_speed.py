"""Time and peak memory to render both PDF editions of the shipped report (fresh process per run).

    .venv/bin/python bench/pdf_speed.py [--repeat N]

Renders the archival editions (PDF/A-3a: tagged, with attachments) and, for comparison, plain untagged PDFs
without attachments: the difference is what tagging and the archive profile cost.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN = """
import json, resource, sys, time
from pathlib import Path
from zhpub.build import publishable_documents
from zhpub.content import load_project_glossary
from zhpub.render.pdf import write_pdfs
docs = publishable_documents(Path('.'))
glossary = load_project_glossary(Path('.'))
start = time.perf_counter()
paths = write_pdfs(docs, glossary, Path(sys.argv[1]), Path('.'), pdf_variant=sys.argv[2] if sys.argv[2] != "plain" else None)
seconds = time.perf_counter() - start
from pypdf import PdfReader
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "files": {p.name: [p.stat().st_size, len(PdfReader(p).pages)] for p in paths}}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    results = {}
    for variant in ("pdf/a-3a", "plain"):
        runs = []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                out = subprocess.run([sys.executable, "-c", RUN, tmp, variant], cwd=ROOT, check=True, capture_output=True,
                                     text=True)
                runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
        best = results[variant] = min(runs, key=lambda r: r["seconds"])
        print(f"{variant}: both PDFs rendered in {best['seconds']:.1f} s (fastest of {len(runs)}), "
              f"peak memory {max(r['peak_mb'] for r in runs):.0f} MB")
        for name, (size, pages) in best["files"].items():
            print(f"  {name}: {pages} pages, {size / 1e6:.2f} MB")
    a, plain = results["pdf/a-3a"]["seconds"], results["plain"]["seconds"]
    print(f"tagging + PDF/A-3a + attachments cost {a - plain:+.1f} s ({(a / plain - 1) * 100:+.0f} %)")


if __name__ == "__main__":
    main()
