"""Ids that keep their meaning: the manifest of published ids, and the alignment of a document with it.

``content/<doc>/published-ids.jsonl`` records, for every id ever published, the text it named (block text, or an
indicator's phrase and name) with a fingerprint (sha256 of the text without spaces and punctuation). One JSON
object a line, so a change shows as a one-line diff; the first line is the header
``{"schema": "zhpub.published-ids/2", "edition": N}``. Entries:

- live: ``{"id", "sha", "text", "since"}`` (+ ``"name"`` for an indicator, ``"revisions": [{"text", "replaced_in"}]``
  listing earlier texts of a revised block);
- retired: the same with ``"retired": "<successor id>", "in": <edition>``; the site keeps a redirect for it.

On every load a document's blocks (positional ids from the structure stage) are aligned with the manifest:

1. ``difflib.SequenceMatcher`` over the fingerprints: a block whose text is unchanged keeps its id whatever was
   inserted, deleted or moved around it (an unmatched block whose fingerprint matches an unmatched entry
   elsewhere has moved, and keeps its id too).
2. The rest, in document order within each changed region, are paired by text similarity (``ratio()``, same
   kind of block, a short window). A pair that differs by a small edit (at most 2 characters and 5% of the
   text, punctuation and spacing aside) keeps its id; the revisions page shows the edit. A pair that differs
   more is *revised*: an error until ``zhpub ids DOC --accept ID=revised`` records the new text (the old one
   stays on the revisions page), or ``--retire ID->NEW`` says it is another paragraph.
3. An entry left without a block is *deleted*: an error until it is retired to its successor.
4. A block left without an entry is *inserted* and gets an id never used: its positional id if that is free,
   else its preceding sibling's id with a letter (``s2-p10a`` between s2-p10 and s2-p11; ``s2-p0a`` before
   s2-p1). The letter says where it stands, and no id is ever used for two texts.

Indicators (``ind-<block>-<n>``) are aligned the same way inside their block, by phrase and name; a new one gets
the next number never used in that block. Without a manifest (a first edition) the positional ids stand.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import Location, ZhpubError, write_file

SCHEMA = "zhpub.published-ids/2"
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SMALL_EDIT_CHARS = 2  # at most this many characters changed …
SMALL_EDIT_SHARE = 0.05  # … and at most this share of the text: a typo fixed, not a sentence changed
SIMILAR = 0.5  # below this ratio two texts are different paragraphs, not one revised
WINDOW = 6  # blocks looked ahead for a partner: keeps the pairing linear on a replaced source


def normalised(text: str) -> str:
    """What a fingerprint covers: the words, not the punctuation or spacing (a fixed quote mark is no change)."""
    return "".join(c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] not in "PZC")


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()[:16]


@dataclass
class Entry:
    id: str
    text: str
    since: int
    name: str = ""  # indicators: the name, part of what the id means
    kind: str = ""  # blocks: paragraph, part, section, title … (a revised block is paired only with its kind)
    retired: str = ""  # successor id, once retired
    retired_in: int = 0
    revisions: list[dict[str, Any]] = field(default_factory=list)  # earlier texts: {"text", "replaced_in"}
    line: int = 0

    @property
    def sha(self) -> str:
        return fingerprint(self.text)

    @property
    def is_indicator(self) -> bool:
        return self.id.startswith("ind-")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "sha": self.sha, "text": self.text}
        if self.name:
            data["name"] = self.name
        if self.kind:
            data["kind"] = self.kind
        data["since"] = self.since
        if self.revisions:
            data["revisions"] = self.revisions
        if self.retired:
            data["retired"] = self.retired
            data["in"] = self.retired_in
        return data


@dataclass
class Manifest:
    path: Path
    edition: int  # 0: nothing published yet
    entries: list[Entry]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(e.id for e in self.entries)

    @property
    def moved(self) -> dict[str, str]:
        return {e.id: e.retired for e in self.entries if e.retired}

    def live(self, indicators: bool) -> list[Entry]:
        return [e for e in self.entries if not e.retired and e.is_indicator == indicators]

    def where(self, entry: Entry) -> Location:
        return Location(str(self.path), entry.line or None)


def read_manifest(path: Path) -> Manifest:
    """The manifest, or an empty one (edition 0) if the document has none yet."""
    legacy = path.with_name("published-ids.txt")
    if not path.exists():
        if legacy.exists():
            raise ZhpubError(
                "published ids in the old format (ids without the text they name)", Location(str(legacy)),
                f"convert it once with `zhpub ids {path.parent.name} --record` (it checks every id is still there)",
            )
        return Manifest(path, 0, [])
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as e:
        raise ZhpubError(f"not UTF-8 ({e.reason})", Location(str(path)), "save it as UTF-8") from None
    records = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise ZhpubError(f"not a JSON line: {e.msg}", Location(str(path), n, e.colno),
                             "this file is written by `zhpub ids`; restore it from version control") from None
        records.append((n, record))
    from .schemas import validate

    if not records:
        raise ZhpubError("empty manifest", Location(str(path), 1), "restore it from version control")
    header_line, header = records[0]
    validate("published-ids-header", header, Location(str(path), header_line))
    entries, seen = [], {}
    for n, record in records[1:]:
        validate("published-ids-entry", record, Location(str(path), n))
        if record["id"] in seen:
            raise ZhpubError(f"id {record['id']!r} listed twice (first on line {seen[record['id']]})", Location(str(path), n))
        seen[record["id"]] = n
        entry = Entry(record["id"], record["text"], record["since"], record.get("name", ""), record.get("kind", ""),
                      record.get("retired", ""), record.get("in", 0), list(record.get("revisions", [])), n)
        if record["sha"] != entry.sha:
            raise ZhpubError(f"fingerprint of {entry.id!r} does not match its text", Location(str(path), n),
                             "the file was edited by hand; restore it from version control")
        entries.append(entry)
    live = {e.id for e in entries if not e.retired}
    for e in entries:
        if e.retired and e.retired not in live:
            raise ZhpubError(f"{e.id!r} is retired to {e.retired!r}, which is not a live id", Location(str(path), e.line),
                             "retire it to an id the document has")
    return Manifest(path, header["edition"], entries)


def write_manifest(manifest: Manifest) -> None:
    lines = [json.dumps({"schema": SCHEMA, "edition": manifest.edition})]
    lines += [json.dumps(e.to_json(), ensure_ascii=False) for e in manifest.entries]
    tmp = manifest.path.with_name(manifest.path.name + ".tmp")
    try:
        write_file(tmp, "\n".join(lines) + "\n")
        tmp.replace(manifest.path)
    except BaseException:  # a full disk, an interrupt: no .tmp left beside the manifest
        tmp.unlink(missing_ok=True)
        raise


# --- alignment ------------------------------------------------------------------------------------------------

@dataclass
class Change:
    """One difference between the manifest and the document, as the revisions page and `--record` see it."""

    kind: str  # added | edited (small) | revised | retired
    id: str
    old: str = ""
    new: str = ""
    target: str = ""  # retired: the successor


@dataclass
class Alignment:
    ids: list[str]  # the id of each block, in document order
    errors: list[ZhpubError]
    changes: list[Change]  # what `zhpub ids --record` would write


def _small_edit(old: str, new: str) -> bool:
    a, b = normalised(old), normalised(new)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in
                  difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op != "equal")
    return changed <= SMALL_EDIT_CHARS and changed <= SMALL_EDIT_SHARE * max(len(a), 1)


def _ratio(old: str, new: str) -> float:
    matcher = difflib.SequenceMatcher(None, normalised(old), normalised(new), autojunk=False)
    return matcher.ratio() if matcher.quick_ratio() >= SIMILAR else 0.0


def short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


def where_they_differ(old: str, new: str, before: int = 12, after: int = 28) -> tuple[str, str]:
    """The two texts around their first difference (an opening that both share says nothing)."""
    ops = [o for o in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if o[0] != "equal"]
    if not ops:
        return short(old), short(new)
    _, i1, i2, j1, j2 = ops[0]

    def cut(text: str, start: int, end: int) -> str:
        a, b = max(0, start - before), min(len(text), max(end, start + 1) + after)
        return ("…" if a else "") + text[a:b] + ("…" if b < len(text) else "")

    return cut(old, i1, i2), cut(new, j1, j2)


def align_blocks(manifest: Manifest, blocks: list, slug: str, accept: set[str] = frozenset(),
                 retire: dict[str, str] | None = None) -> Alignment:
    """Ids for ``blocks`` (model Blocks with positional ids) that keep the manifest's meaning.

    ``accept``: ids whose revised text is accepted; ``retire``: ids retired now (old -> successor)."""
    retire = retire or {}
    old = [e for e in manifest.live(indicators=False) if e.id not in retire]
    if not old and not manifest.entries:
        return Alignment([b.id for b in blocks], [], [Change("added", b.id, new=b.text["hans"]) for b in blocks])
    new_text = [b.text["hans"] for b in blocks]
    kind_of = {e.id: _comparable(e.kind) if e.kind else _kind_of_id(e.id) for e in old}
    assigned: dict[int, str] = {}  # block index -> kept id
    kept_old: set[int] = set()
    errors: list[ZhpubError] = []
    changes: list[Change] = []

    old_sha = [e.sha for e in old]
    new_sha = [fingerprint(t) for t in new_text]
    matcher = difflib.SequenceMatcher(None, old_sha, new_sha, autojunk=False)
    opcodes = matcher.get_opcodes()
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            for k in range(i2 - i1):
                assigned[j1 + k] = old[i1 + k].id
                kept_old.add(i1 + k)
    # moved: an unmatched block whose text is an unmatched entry's, anywhere
    free_by_sha: dict[str, list[int]] = {}
    for i, e in enumerate(old):
        if i not in kept_old:
            free_by_sha.setdefault(e.sha, []).append(i)
    for j, sha in enumerate(new_sha):
        if j not in assigned and free_by_sha.get(sha):
            i = free_by_sha[sha].pop(0)
            assigned[j] = old[i].id
            kept_old.add(i)
    # changed text: pair in order inside each changed region, by similarity
    revised: dict[int, int] = {}  # block index -> old index, pending acceptance
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            continue
        js = [j for j in range(j1, j2) if j not in assigned]
        start = 0
        for i in range(i1, i2):
            if i in kept_old:
                continue
            best, best_ratio = None, SIMILAR
            for pos in range(start, min(len(js), start + WINDOW)):
                j = js[pos]
                if _comparable(blocks[j].kind) != kind_of[old[i].id]:
                    continue
                r = _ratio(old[i].text, new_text[j])
                if r >= best_ratio:
                    best, best_ratio = pos, r
            if best is None:
                continue
            j = js[best]
            start = best + 1
            kept_old.add(i)
            if _small_edit(old[i].text, new_text[j]) or old[i].id in accept:
                assigned[j] = old[i].id
                changes.append(Change("edited" if old[i].id not in accept else "revised", old[i].id,
                                      old[i].text, new_text[j]))
            else:
                revised[j] = i
    used = {e.id for e in manifest.entries}
    as_new = _fresh_ids(blocks, assigned, used)  # the id a revised block gets if it is retired instead
    # A revised block keeps its old id until it is decided (the build fails meanwhile): indicators.yaml and the
    # rest of the document still resolve, and the first error a user sees is the one to act on.
    ids = _fresh_ids(blocks, {**assigned, **{j: old[i].id for j, i in revised.items()}}, used)
    for j, i in revised.items():
        e = old[i]
        was, now = where_they_differ(e.text, new_text[j])
        errors.append(ZhpubError(
            f"the text of published id {e.id!r} changed: was «{was}», is now «{now}»",
            manifest.where(e),
            f"if it is the same paragraph revised: `zhpub ids {slug} --accept {e.id}=revised`; if it is another "
            f"paragraph: `zhpub ids {slug} --retire {e.id}->{as_new[j]}`",
        ))
    position = {id_: j for j, id_ in enumerate(ids)}
    for i, e in enumerate(old):
        if i in kept_old:
            continue
        successor = _successor(old, i, kept_old, position, ids)
        errors.append(ZhpubError(
            f"published id {e.id!r} is gone: it named «{short(e.text)}»", manifest.where(e),
            f"retire it to the block that took its place: `zhpub ids {slug} --retire {e.id}->{successor}`",
        ))
    for old_id, target in retire.items():
        if target not in position:
            errors.append(ZhpubError(f"cannot retire {old_id!r} to {target!r}: the document has no such id",
                                     Location(str(manifest.path)), "give an id from `zhpub ids`"))
            continue
        entry = next((e for e in manifest.entries if e.id == old_id and not e.retired), None)
        if entry is None:
            errors.append(ZhpubError(f"cannot retire {old_id!r}: not a live published id", Location(str(manifest.path))))
            continue
        changes.append(Change("retired", old_id, entry.text, target=target))
    for id_ in sorted(accept - {c.id for c in changes if c.kind == "revised"}):
        errors.append(ZhpubError(f"--accept {id_}=revised: {id_!r} is not a revised block", Location(str(manifest.path)),
                                 "accept only ids that `zhpub check` names as changed"))
    known = {e.id for e in manifest.entries}
    changes += [Change("added", id_, new=new_text[j]) for j, id_ in enumerate(ids) if id_ not in known]
    return Alignment(ids, errors, changes)


def _kind_of_id(id_: str) -> str:
    """The kind of block an id was given to (positional ids say it; inserted ids keep their base's form)."""
    if re.fullmatch(r"s\d+[a-z]*", id_):
        return "part"
    if re.fullmatch(r"s\d+[a-z]*-\d+[a-z]*", id_):
        return "section"
    if re.search(r"-p\d+[a-z]*$", id_):
        return "paragraph"
    return re.sub(r"-\d+$", "", id_)  # title, subtitle, speaker (title-2 …)


def _comparable(kind: str) -> str:
    return "paragraph" if kind == "salutation" else kind


def _successor(old: list[Entry], i: int, kept_old: set[int], position: dict[str, int], ids: list[str]) -> str:
    """The id of the block that now stands where entry i stood: the next kept one in the same part or section,
    else the previous one there, else the next or previous anywhere."""
    def parent(id_: str) -> str:
        return re.sub(r"-p\d+[a-z]*$", "", id_)

    after = [k for k in range(i + 1, len(old)) if k in kept_old and old[k].id in position]
    before = [k for k in range(i - 1, -1, -1) if k in kept_old and old[k].id in position]
    same = parent(old[i].id)
    for k in [k for k in after if parent(old[k].id) == same] + [k for k in before if parent(old[k].id) == same] + after + before:
        return old[k].id
    return ids[0] if ids else "<id>"


def _fresh_ids(blocks: list, assigned: dict[int, str], used_before: set[str]) -> list[str]:
    """Ids for all blocks: kept ones as assigned, new ones never used (see the module docstring)."""
    used = set(used_before) | set(assigned.values())
    ids: list[str] = []
    final: dict[str, str] = {}  # positional id -> final id (for parents)
    last_child: dict[str, str] = {}  # final parent id -> final id of its last child so far
    for j, b in enumerate(blocks):
        parent = final.get(b.parent, b.parent) if b.parent else ""
        if j in assigned:
            id_ = assigned[j]
        else:
            natural = _natural_id(b, parent)
            if natural not in used:
                id_ = natural
            else:
                before = last_child.get((parent, b.kind))  # s2-p10 or s2-p10a: the next is s2-p10a / s2-p10b
                base = re.sub(r"(?<=\d)[a-z]+$", "", before) if before else _first_base(b, parent)
                id_ = _lettered(base, used)
        used.add(id_)
        final[b.id] = id_
        last_child[(parent, b.kind)] = id_
        ids.append(id_)
    return ids


def _natural_id(block, parent: str) -> str:
    """The positional id under the parent's final id (s3-p2 under a part that kept or got its id)."""
    if block.parent and parent and block.id.startswith(block.parent + "-"):
        return parent + block.id[len(block.parent):]
    return block.id


def _first_base(block, parent: str) -> str:
    """The base for a new first child: its number as 0 (s2-p0a before s2-p1, s0a before s1)."""
    return re.sub(r"\d+$", "0", _natural_id(block, parent))


def _lettered(base: str, used: set[str]) -> str:
    n = 0
    while True:
        n += 1
        letters, k = "", n
        while k:
            k, r = divmod(k - 1, 26)
            letters = chr(97 + r) + letters
        if base + letters not in used:
            return base + letters


def align_indicators(manifest: Manifest, rows: list, slug: str, retire: dict[str, str] | None = None,
                     retired_blocks: dict[str, str] | None = None) -> Alignment:
    """Ids for indicator rows (positional ``ind-<block>-<n>``; blocks already carry their final ids).

    An indicator of a retired block (``retired_blocks``: old -> successor) that is gone is retired with it."""
    retire = retire or {}
    retired_blocks = retired_blocks or {}
    old = [e for e in manifest.live(indicators=True) if e.id not in retire]
    if not manifest.entries:
        return Alignment([r.id for r in rows], [], [Change("added", r.id, new=r.phrase) for r in rows])
    by_block: dict[str, list[Entry]] = {}
    for e in old:
        by_block.setdefault(_indicator_block(e.id), []).append(e)
    used = {e.id for e in manifest.entries}
    ids = [""] * len(rows)
    errors: list[ZhpubError] = []
    changes: list[Change] = []
    rows_by_block: dict[str, list[int]] = {}
    for k, r in enumerate(rows):
        rows_by_block.setdefault(r.block, []).append(k)
    for block in list(dict.fromkeys([*rows_by_block, *by_block])):
        entries, ks = by_block.get(block, []), rows_by_block.get(block, [])
        matcher = difflib.SequenceMatcher(None, [(e.text, e.name) for e in entries],
                                          [(rows[k].phrase, rows[k].name) for k in ks], autojunk=False)
        taken: set[int] = set()
        for a, b, size in matcher.get_matching_blocks():
            for d in range(size):
                ids[ks[b + d]] = entries[a + d].id
                taken.add(a + d)
        # renamed (indicators.yaml `set: name`, or better names from the rules): the same phrase, one candidate;
        # rows that share a phrase (分别: 进口、出口通关时间分别压减67%和92%) pair with as many entries in text order
        unnamed = [k for k in ks if not ids[k]]
        for phrase in dict.fromkeys(rows[k].phrase for k in unnamed):
            group = [k for k in unnamed if rows[k].phrase == phrase]
            same = [i for i, e in enumerate(entries) if i not in taken and e.text == phrase]
            if len(same) == 1 or len(same) == len(group):
                for k, i in zip(group, same):
                    ids[k] = entries[i].id
                    taken.add(i)
                    changes.append(Change("edited", ids[k], entries[i].name, rows[k].name))
        for k in ks:
            if not ids[k]:
                n = 1 + max([int(i.rsplit("-", 1)[1]) for i in used if _is_indicator_of(i, block)] or [0])
                ids[k] = f"ind-{block}-{n}"
                used.add(ids[k])
                changes.append(Change("added", ids[k], new=rows[k].phrase))
        for i, e in enumerate(entries):
            if i not in taken and block in retired_blocks:
                changes.append(Change("retired", e.id, e.text, target=retired_blocks[block]))
            elif i not in taken:
                errors.append(ZhpubError(
                    f"published indicator id {e.id!r} is gone: it named «{short(e.text)}» ({e.name})", manifest.where(e),
                    f"retire it to its paragraph: `zhpub ids {slug} --retire {e.id}->{block}`",
                ))
    for old_id, target in retire.items():
        if old_id.startswith("ind-"):
            entry = next((e for e in manifest.entries if e.id == old_id and not e.retired), None)
            if entry is not None:
                changes.append(Change("retired", old_id, entry.text, target=target))
    return Alignment(ids, errors, changes)


def _indicator_block(id_: str) -> str:
    return id_[len("ind-"):].rsplit("-", 1)[0]


def _is_indicator_of(id_: str, block: str) -> bool:
    return id_.startswith(f"ind-{block}-") and id_[len(f"ind-{block}-"):].isdigit()


# --- recording --------------------------------------------------------------------------------------------------

def recorded(doc) -> Manifest:
    """The manifest after `zhpub ids --record`: every id of ``doc`` with its text, decisions applied.

    The edition number goes up when the published text changed (a block added, revised or retired); new
    indicator ids alone do not make a new edition."""
    old = doc.manifest
    by_id = {e.id: e for e in old.entries}
    texts = [(b.id, b.text["hans"], "", b.kind) for b in doc.blocks] + [(i.id, i.phrase, i.name, "") for i in doc.indicators]
    retiring = {c.id: c.target for c in doc.id_changes if c.kind == "retired"}
    changed = bool(retiring) or any(
        (not id_.startswith("ind-")) and (id_ not in by_id or by_id[id_].text != text) for id_, text, _, _ in texts)
    edition = 1 if old.edition == 0 else old.edition + (1 if changed else 0)
    entries = []
    for id_, text, name, kind in texts:
        e = by_id.get(id_)
        if e is None:
            entries.append(Entry(id_, text, edition, name, kind))
            continue
        revisions = list(e.revisions)
        if e.text != text:
            revisions.append({"text": e.text, "replaced_in": edition})
        entries.append(Entry(id_, text, e.since, name or e.name, kind, revisions=revisions))
    for e in old.entries:
        if e.id in retiring:
            entries.append(Entry(e.id, e.text, e.since, e.name, e.kind, retiring[e.id], edition, list(e.revisions)))
        elif e.retired:  # a redirect to an id retired now follows it to the successor
            entries.append(Entry(e.id, e.text, e.since, e.name, e.kind, retiring.get(e.retired, e.retired),
                                 e.retired_in, list(e.revisions)))
    return Manifest(old.path, edition, entries)


def read_legacy(path: Path) -> tuple[list[str], dict[str, str]]:
    """Ids of the old published-ids.txt (one id a line, ``old -> new`` for a retired one)."""
    ids, moved = [], {}
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = re.fullmatch(r"([a-z0-9][a-z0-9-]*)(?:\s*->\s*([a-z0-9][a-z0-9-]*))?", line)
        if not m:
            raise ZhpubError(f"not an id line: {raw!r}", Location(str(path), n))
        ids.append(m.group(1))
        if m.group(2):
            moved[m.group(1)] = m.group(2)
    return ids, moved
