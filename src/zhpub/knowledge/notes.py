"""A document's own notes on glossary terms: content/<doc>/glossary-notes.yaml.

A shared glossary entry is shown with every document that uses the term, so it must be true of all of them;
what one report does with a term (uses it as headings, gives a figure for it) is said here, and shown with
that document only.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Location, ZhpubError
from ..yamlio import Mapping, load_yaml, location

FIELDS = ("term", "zh", "en")


def load_notes(path: Path, headwords: set[str], used: set[str]) -> dict[str, dict[str, str]]:
    """headword -> {"zh": …, "en": …}; ``headwords``: the glossary's, ``used``: those the document has hits for."""
    if not path.exists():
        return {}
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, list):
        raise ZhpubError("glossary notes must be a list of entries", Location(str(path), 1),
                         "each entry: term (a glossary headword), zh, en")
    notes: dict[str, dict[str, str]] = {}
    for entry in data:
        if not isinstance(entry, Mapping):
            raise ZhpubError("each glossary note must be a mapping", Location(str(path)), "each entry: term, zh, en")
        for key in entry:
            if key not in FIELDS:
                raise ZhpubError(f"unknown field {key!r}", location(path, entry, key), "fields: term, zh, en")
        for key in FIELDS:
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ZhpubError(f"{key} must be non-empty text", location(path, entry, key if key in entry else None))
        term = entry["term"].strip()
        if term not in headwords:
            raise ZhpubError(f"{term!r} is no glossary headword", location(path, entry, "term"),
                             "a note belongs to a term of glossary/*.yaml, by its headword")
        if term not in used:
            raise ZhpubError(f"{term!r} does not occur in this document", location(path, entry, "term"),
                             "a note says what this report does with a term it uses")
        if term in notes:
            raise ZhpubError(f"a second note for {term!r}", location(path, entry, "term"), "one note per term")
        notes[term] = {"zh": entry["zh"].strip(), "en": entry["en"].strip()}
    return notes
