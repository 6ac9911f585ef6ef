"""Cost of keeping ids (zhpub.manifest): aligning a document with its published-ids manifest on every load.

    .venv/bin/python bench/ids_alignment.py

Times, on the shipped report (204 published ids), the alignment alone (blocks and indicators) for: the text
unchanged; one paragraph inserted; the source replaced by another copy with a paragraph revised, one added and
one removed. Also the whole load (pipeline + alignment) for scale. Best of 5 runs each.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zhpub import content  # noqa: E402
from zhpub.content import ContentFolder, load_document  # noqa: E402
from zhpub.manifest import align_blocks, align_indicators, read_manifest  # noqa: E402

SLUG = "zhenjiang-2022"


def best(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "glossary", project / "glossary")
        folder = ContentFolder(project / "content" / SLUG)
        doc = load_document(folder)
        manifest = read_manifest(folder.manifest)
        positional = [b for b in doc.blocks]

        def whole_load():
            content._load_cached.cache_clear()
            load_document(folder)

        def align(blocks):
            return lambda: (align_blocks(manifest, blocks, SLUG), align_indicators(manifest, doc.indicators, SLUG))

        print(f"published ids: {len(manifest.entries)} ({len(doc.blocks)} blocks, {len(doc.indicators)} indicators)")
        print(f"whole load (pipeline + alignment): {best(whole_load) * 1000:.0f} ms")
        print(f"alignment, text unchanged: {best(align(positional)) * 1000:.1f} ms")

        from dataclasses import replace

        inserted = list(positional)
        k = next(i for i, b in enumerate(inserted) if b.id == "s2-p11")
        inserted.insert(k, replace(inserted[k], text={"hans": "——厚植开放优势，在更高层次拓展合作空间。", "hant": ""}))
        print(f"alignment, one paragraph inserted: {best(align(inserted)) * 1000:.1f} ms")

        replaced = [replace(b, text={**b.text, "hans": b.text["hans"].replace("，", "、", 1)}) for b in positional]
        k = next(i for i, b in enumerate(replaced) if b.id == "s2-p12")
        replaced[k] = replace(replaced[k], text={"hans": replaced[k].text["hans"][:40] + "全市上下共同守住安全底线。", "hant": ""})
        del replaced[next(i for i, b in enumerate(replaced) if b.id == "s3-8-p5")]
        replaced.insert(k, replace(replaced[k], text={"hans": "——厚植开放优势，在更高层次拓展合作空间。", "hant": ""}))
        result = align_blocks(manifest, replaced, SLUG)
        print(f"alignment, every paragraph re-punctuated + 1 revised, 1 added, 1 removed: "
              f"{best(align(replaced)) * 1000:.1f} ms ({len(result.errors)} errors, "
              f"{sum(1 for c in result.changes if c.kind == 'added')} added)")


if __name__ == "__main__":
    main()
