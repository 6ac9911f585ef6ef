"""Data exports of the Document model: JSON (whole model) and the corrections record."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from .model import Document

SCHEMA = "zhpub.document/1"


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "slug": doc.slug,
        "meta": doc.meta,
        "variants": list(doc.variants),
        "blocks": [b.to_json() for b in doc.blocks],
        "glossary_hits": [h.to_json() for h in doc.glossary_hits],
        "glossary_notes": [{"term": term, **note} for term, note in sorted(doc.glossary_notes.items())],
        "indicators": [i.to_json() for i in doc.indicators],
        # the report's own 名词解释: glossary candidates with the status "the report's own explanation"
        "report_notes": [{"term": n.term, "explanation": n.explanation, "block": n.block} for n in doc.report_notes],
        "changes": [c.to_json() for c in doc.changes],
        "problems": [p.__dict__ for p in doc.problems],
    }


def corrections_json(doc: Document) -> dict[str, Any]:
    counts = Counter(c.rule for c in doc.changes)
    return {
        "schema": "zhpub.corrections/1",
        "document": doc.slug,
        "source": doc.source_path,
        "encoding": doc.meta.get("encoding", "utf-8"),
        "counts": dict(sorted(counts.items())),
        "changes": [c.to_json() for c in doc.changes],
    }


# Chinese as itself, not \u escapes; one space of indent. One encoder for every export file (built once).
JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=1)


def dumps(data: Any) -> str:
    return JSON_ENCODER.encode(data) + "\n"


def indicators_json(doc: Document) -> dict[str, Any]:
    return {"schema": "zhpub.indicators/1", "document": doc.slug, "indicators": [i.to_json() for i in doc.indicators]}


def glossary_json(glossary: Any, docs: list[Document]) -> dict[str, Any]:
    """Every entry with every occurrence (document, block, variant, offsets)."""
    occurrences: dict[str, list] = {}
    for doc in docs:
        for hit in doc.glossary_hits:
            occurrences.setdefault(hit.term, []).append({"document": doc.slug, **hit.to_json()})
    return {
        "schema": "zhpub.glossary/1",
        "categories": [c.to_json() for c in glossary.categories.values()],
        "terms": [{**t.to_json(), "occurrences": occurrences.get(t.headword, [])} for t in glossary.terms],
    }
