"""Editions of a document: what changed between the texts its ids have named, and where retired ids lead.

Read from the published-ids manifest (recorded editions) and the document's alignment with it (changes not yet
recorded: small edits, new blocks). The revisions page and ``<slug>.revisions.json`` are made from this only.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from .model import Document

SCHEMA = "zhpub.revisions/1"


CLAUSE = re.compile(r"[^，。；：！？、]+[，。；：！？、]*|[，。；：！？、]+")
REFINE = 0.6  # clauses at least this similar are compared character by character


def marks(old: str, new: str) -> list[list[str]]:
    """The change from old to new as ``[op, text]`` runs (op: ``=`` kept, ``-`` removed, ``+`` added).

    Chinese has no spaces to split words at: the texts are compared clause by clause (up to a comma or full
    stop), and a changed clause that still resembles the old one character by character, so a one-character
    fix marks one character and a rewritten clause is marked whole instead of as scattered characters."""
    a, b = CLAUSE.findall(old), CLAUSE.findall(new)
    assert "".join(a) == old and "".join(b) == new
    out: list[list[str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        was, now = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            _add(out, "=", was)
        elif op == "replace" and difflib.SequenceMatcher(None, was, now, autojunk=False).ratio() >= REFINE:
            for cop, c1, c2, d1, d2 in difflib.SequenceMatcher(None, was, now, autojunk=False).get_opcodes():
                if cop == "equal":
                    _add(out, "=", was[c1:c2])
                else:
                    _add(out, "-", was[c1:c2])
                    _add(out, "+", now[d1:d2])
        else:
            _add(out, "-", was)
            _add(out, "+", now)
    return out


def _add(out: list[list[str]], op: str, text: str) -> None:
    if not text:
        return
    if out and out[-1][0] == op:
        out[-1][1] += text
    else:
        out.append([op, text])


def redirects(doc: Document) -> dict[str, str]:
    """Every retired id (recorded) -> the live id it leads to."""
    if doc.manifest is None:
        return {}
    return {e.id: e.retired for e in doc.manifest.entries if e.retired}


def revisions(doc: Document) -> list[dict[str, Any]]:
    """Changes since the first edition, oldest first: ``{edition, kind, id, old, new, target, recorded}``.

    kind: added (a block new in that edition), revised (its text changed), retired (gone, redirected)."""
    manifest = doc.manifest
    if manifest is None or manifest.edition == 0:
        return []  # a first edition not yet recorded: nothing to compare with
    out: list[dict[str, Any]] = []
    for e in manifest.entries:
        if e.is_indicator:
            continue
        texts = [r["text"] for r in e.revisions] + [e.text]
        if e.since > 1:
            out.append(_change(e.since, "added", e.id, new=texts[0]))
        for k, r in enumerate(e.revisions):
            out.append(_change(r["replaced_in"], "revised", e.id, old=r["text"], new=texts[k + 1]))
        if e.retired:
            out.append(_change(e.retired_in, "retired", e.id, old=e.text, target=e.retired))
    pending = manifest.edition + 1
    for c in doc.id_changes:
        if c.id.startswith("ind-"):
            continue
        if c.kind == "added":
            out.append(_change(pending, "added", c.id, new=c.new, recorded=False))
        elif c.kind in ("edited", "revised"):
            out.append(_change(pending, "revised", c.id, old=c.old, new=c.new, recorded=False))
        elif c.kind == "retired":
            out.append(_change(pending, "retired", c.id, old=c.old, target=c.target, recorded=False))
    order = {id_: n for n, id_ in enumerate(doc.ids)}
    out.sort(key=lambda c: (c["edition"], order.get(c["id"], order.get(c["target"], len(order)))))
    return out


def _change(edition: int, kind: str, id_: str, old: str = "", new: str = "", target: str = "",
            recorded: bool = True) -> dict[str, Any]:
    return {"edition": edition, "kind": kind, "id": id_, "old": old, "new": new, "target": target, "recorded": recorded}


def revisions_json(doc: Document) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "document": doc.slug,
        "edition": doc.manifest.edition if doc.manifest else 0,
        "changes": [{**c, "marks": marks(c["old"], c["new"])} if c["kind"] == "revised" else c for c in revisions(doc)],
        "redirects": redirects(doc),
    }
