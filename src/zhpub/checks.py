"""`zhpub check`: everything that would stop a build or mislead a reader, as file:line:col lines."""

from __future__ import annotations

from pathlib import Path

from .content import find_documents, load_document, resolve
from .errors import ZhpubError
from .manifest import dropped_ids, read_manifest


def check_project(root: Path, names: list[str] | None = None) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    notes: list[str] = []
    try:
        folders = [resolve(root, n) for n in names] if names else find_documents(root)
    except ZhpubError as e:
        return [str(e)], notes
    for folder in folders:
        try:
            doc = load_document(folder)
        except ZhpubError as e:
            errors.append(str(e))
            continue
        for p in doc.problems:
            errors.append(f"{doc.source_path}:{p.line}:{p.column}: {p}")
        try:
            manifest = read_manifest(folder.manifest)
        except ZhpubError as e:
            errors.append(str(e))
            continue
        errors.extend(str(e) for e in dropped_ids(manifest, doc.ids))
        new = [i for i in doc.ids if i not in set(manifest.ids)]
        if new:
            notes.append(
                f"{folder.manifest}: {len(new)} id(s) not yet published ({', '.join(new[:5])}{' …' if len(new) > 5 else ''});"
                f" record them with `zhpub ids {folder.slug} --record` when you publish"
            )
    return errors, notes
