"""`zhpub check`: everything that would stop a build or mislead a reader, as file:line:col lines."""

from __future__ import annotations

from pathlib import Path

from .content import NAMES_EN, find_documents, load_document, load_project_glossary, resolve
from .knowledge.glossary import unused_terms
from .knowledge.indicators import load_names_en
from .errors import ZhpubError
from .manifest import where_they_differ


def check_project(root: Path, names: list[str] | None = None) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    notes: list[str] = []
    try:
        folders = [resolve(root, n) for n in names] if names else find_documents(root)
    except ZhpubError as e:
        return [str(e)], notes
    docs = []
    try:
        glossary = load_project_glossary(root)
        load_names_en(root / NAMES_EN)  # a broken file is reported here, before any document
    except ZhpubError as e:
        return [str(e)], notes
    for folder in folders:
        try:
            doc = load_document(folder)
        except ZhpubError as e:
            errors.append(str(e))
            continue
        docs.append(doc)
        for ind in doc.indicators:
            if not ind.name_en:
                errors.append(f"{root / NAMES_EN}: no English for indicator name {ind.name!r} ({ind.id} in {doc.slug});"
                              " add a line `name: English`")
        for p in doc.problems:
            errors.append(f"{doc.source_path}:{p.line}:{p.column}: {p}")
        errors.extend(str(e) for e in doc.id_errors)
        new = [c.id for c in doc.id_changes if c.kind == "added"]
        if new:
            notes.append(
                f"{folder.manifest}: {len(new)} id(s) not yet published ({', '.join(new[:5])}{' …' if len(new) > 5 else ''});"
                f" record them with `zhpub ids {folder.slug} --record` when you publish"
            )
        for c in doc.id_changes:
            if c.kind == "edited" and not c.id.startswith("ind-"):
                was, now = where_they_differ(c.old, c.new)
                notes.append(f"{folder.manifest}: {c.id} has a small edit (was «{was}», now «{now}»);"
                             f" it keeps its id and the revisions page shows the edit; record it with"
                             f" `zhpub ids {folder.slug} --record`")
    if len(docs) < len(folders):
        return errors, notes  # a document failed to load: term counts over the others would mislead
    # a term is found as often in the Traditional text as in the Simplified (catches a wrong `traditional:`)
    for term in glossary.terms:
        counts = {v: sum(1 for d in docs for h in d.glossary_hits if h.term == term.headword and h.variant == v)
                  for v in ("hans", "hant")}
        if counts["hans"] != counts["hant"]:
            errors.append(f"{term.where}: glossary term {term.headword!r} occurs {counts['hans']} times in Simplified "
                          f"but its Traditional form {term.traditional!r} {counts['hant']} times; fix `traditional:`")
    if not names:  # only a check of the whole project can tell a term is used nowhere
        for term in unused_terms(glossary, docs):
            errors.append(f"{term.where}: glossary term {term.headword!r} occurs in no document;"
                          " check its spelling against the text, or remove it")
    return errors, notes
