"""`zhpub check` and `zhpub build` share one policy (``review_project``): what blocks a build, what is only a warning.

Errors block a build and make `check` exit 1: text left garbled (``problems``), a published id that would disappear,
a content or glossary file that does not load, a glossary term whose Traditional form is not found as often as the
term (the Traditional edition would lose its links). Warnings are printed by both commands and publish anyway: ids
not yet recorded in the manifest, small edits to a published paragraph, an indicator name without English (the
English column stays empty) and, for the whole project, a glossary term that occurs in no document (a misspelt
headword annotates nothing, but deleting a paragraph must not stop a build).
"""

from __future__ import annotations

from collections import Counter

from dataclasses import dataclass, field
from pathlib import Path

from .content import NAMES_EN, find_documents, load_document, load_project_glossary, resolve
from .knowledge.glossary import unused_terms
from .knowledge.indicators import load_names_en
from .errors import ZhpubError
from .manifest import where_they_differ
from .model import Document


@dataclass
class Review:
    docs: list[Document] = field(default_factory=list)  # the documents that loaded
    errors: list[str] = field(default_factory=list)  # block a build; `check` exits 1
    notes: list[str] = field(default_factory=list)  # warnings: printed, published anyway
    fatal: ZhpubError | None = None  # what stopped the review before any document (also in errors)


CANDIDATES_SHOWN = 30


def candidate_notes(glossary, docs) -> list[str]:
    """Terms the documents coin that the glossary lacks, most frequent first, for a curator to add."""
    from .corpus.terms import candidates

    found = candidates(glossary, docs)
    if not found:
        return []
    lines = [f"{len(found)} candidate glossary term(s) no entry covers, most frequent first"
             f"{f' (the first {CANDIDATES_SHOWN})' if len(found) > CANDIDATES_SHOWN else ''}:"]
    for c in found[:CANDIDATES_SHOWN]:
        explained = f" — the report explains it: {c.explanation[:60]}" if c.explanation else ""
        lines.append(f"  {c.text}  ×{c.count}  ({c.how}; {', '.join(c.documents)}){explained}")
    return lines


def check_project(root: Path, names: list[str] | None = None) -> tuple[list[str], list[str]]:
    review = review_project(root, names)
    return review.errors, review.notes


def review_project(root: Path, names: list[str] | None = None, with_notes: bool = True) -> Review:
    """The documents (all under content/, or those named) and everything the policy above finds in them.
    ``with_notes=False``: the errors only, without the curator's notes that read every text again (candidate terms,
    unused entries), for a caller that prints no notes (the MkDocs plugin, once per variant)."""
    review = Review()
    errors, notes, docs = review.errors, review.notes, review.docs
    try:
        folders = [resolve(root, n) for n in names] if names else find_documents(root)
        glossary = load_project_glossary(root)
        load_names_en(root / NAMES_EN)  # a broken file is reported here, before any document
    except ZhpubError as e:
        errors.append(str(e))
        review.fatal = e
        return review
    for folder in folders:
        try:
            doc = load_document(folder)
        except ZhpubError as e:
            errors.append(str(e))
            continue
        docs.append(doc)
        for ind in doc.indicators:
            if not ind.name_en:
                notes.append(f"{root / NAMES_EN}: no English for indicator name {ind.name!r} ({ind.id} in {doc.slug});"
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
        return review  # a document failed to load: term counts over the others would mislead
    # a term is found as often in the Traditional text as in the Simplified (catches a wrong `traditional:`)
    hits = Counter((h.term, h.variant) for d in docs for h in d.glossary_hits)  # once: terms × hits grows with N²
    for term in glossary.terms:
        counts = {v: hits[term.headword, v] for v in ("hans", "hant")}
        if counts["hans"] != counts["hant"]:
            errors.append(f"{term.where}: glossary term {term.headword!r} occurs {counts['hans']} times in Simplified "
                          f"but its Traditional form {term.traditional!r} {counts['hant']} times; fix `traditional:`")
    if with_notes:
        notes.extend(candidate_notes(glossary, docs))
    try:  # corpus/series.yaml and corpus/measures.yaml, and each document's series and year
        from .corpus.project import load_corpus
        from .corpus.series import SERIES_FILE

        load_corpus(root, docs)
        if not (root / SERIES_FILE).exists() and any(d.meta.get("series") for d in docs):
            errors.append(f"{root / SERIES_FILE}: missing, but documents name a series; describe each series there")
    except ZhpubError as e:
        errors.append(str(e))
    if not names and with_notes:  # only a check of the whole project can tell a term is used nowhere
        for term in unused_terms(glossary, docs):  # a warning: an entry with no occurrences misleads no reader
            notes.append(f"{term.where}: glossary term {term.headword!r} occurs in no document;"
                          " check its spelling against the text, or remove it")
    return review
