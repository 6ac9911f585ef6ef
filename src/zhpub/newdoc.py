"""`zhpub new SLUG SOURCE`: start a document from a scrape in one command.

Copies the scrape byte for byte into content/<slug>/source.txt, writes a document.yaml with what the pipeline read
from the title block (each value to be checked; the fields it could not read are left as comments to fill in),
runs the same checks as `zhpub check SLUG`, and says what is left to do. The folder appears whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml

from .checks import review_project
from .content import METADATA, SLUG_RE, SOURCE, read_source
from .errors import Location, ZhpubError
from .pipeline import build_document
from .schemas import schema

# what the pipeline can read from a title block, in the order document.yaml lists it
READ_FROM_TEXT = ("title", "document_title", "subtitle", "date", "venue", "speaker_role", "speaker")
TO_FILL_IN = ("title_en", "body", "kind", "kind_en", "source_url", "source_note", "licence")


def new_document(root: Path, slug: str, source: Path) -> tuple[Path, list[str]]:
    """Create content/<slug>/ from ``source``; returns the folder and the to-do lines."""
    if not SLUG_RE.match(slug):
        raise ZhpubError(f"{slug!r} is not a slug", Location(slug), "use lower-case ASCII letters, digits and hyphens (qinghe-county-2023)")
    content = root / "content"
    if not content.is_dir():
        raise ZhpubError("no content/ folder", Location(str(root)), "run zhpub from the project root")
    folder = content / slug
    if folder.exists():
        raise ZhpubError("a document of that name exists", Location(str(folder)), "choose another slug, or edit that folder")
    data = read_source(source)
    doc = build_document(slug, data, str(source))  # a file the pipeline cannot read stops here, before any write
    staging = Path(tempfile.mkdtemp(prefix=f".new-{slug}-", dir=content))
    try:
        (staging / SOURCE).write_bytes(data)
        (staging / METADATA).write_text(metadata_yaml(doc.meta, str(source)), encoding="utf-8")
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder, todo(root, slug, doc.meta)


def metadata_yaml(meta: dict, source: str) -> str:
    lines = [f"# Metadata of {Path(source).name}, started by `zhpub new`. The values below were read from the text's",
             "# title block: check each against the text. Fields are described in README.md (section Content).", ""]
    for key in READ_FROM_TEXT:
        if meta.get(key):
            lines.append(yaml.safe_dump({key: meta[key]}, allow_unicode=True, width=1000).rstrip("\n"))
    if meta.get("speaker"):  # a personal name: converted as a name in the Traditional edition
        lines.append(yaml.safe_dump({"names": [meta["speaker"]]}, allow_unicode=True).rstrip("\n"))
    lines.append("")
    for key in READ_FROM_TEXT + TO_FILL_IN:
        if not meta.get(key):
            lines.append(f"# {key}:    # {schema('document')['properties'][key].get('description', '')}")
    return "\n".join(lines) + "\n"


def todo(root: Path, slug: str, meta: dict) -> list[str]:
    folder = root / "content" / slug
    review = review_project(root, [slug])
    out = [f"{folder / METADATA}: check the values read from the text; fill in: "
           + ", ".join(k for k in READ_FROM_TEXT + TO_FILL_IN if not meta.get(k))]
    if review.errors:
        out.append(f"fix what blocks the build ({len(review.errors)}): garbled spans need an erratum in {folder / 'errata.yaml'}"
                   " (`zhpub check` prints the realigned reading to start from)")
        out += [f"  {e}" for e in review.errors]
    no_english = [n for n in review.notes if "no English for indicator name" in n]
    if no_english:
        out.append(f"give {len(no_english)} indicator name(s) an English name in glossary/indicator-names.yaml"
                   " (or correct the row in indicators.yaml); `zhpub check` lists them")
    out += [f"  {n}" for n in review.notes if "not yet published" not in n and n not in no_english]
    out.append(f"when it reads right: `zhpub ids {slug} --record` to publish its ids, then `zhpub build`")
    return out
