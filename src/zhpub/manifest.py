"""Published ids never disappear ("cool URIs don't change").

content/<doc>/published-ids.txt lists every id that has been published, one per line. An id that the document
no longer has must be redirected to one it has (``old-id -> new-id``); the site then keeps an anchor for the
old id. A build that would drop a published id fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Location, ZhpubError

LINE_RE = re.compile(r"^([a-z0-9][a-z0-9-]*)(?:\s*->\s*([a-z0-9][a-z0-9-]*))?$")


@dataclass(frozen=True)
class Manifest:
    path: Path
    ids: tuple[str, ...]  # published ids, in file order
    moved: dict[str, str]  # retired id -> id that replaces it
    lines: dict[str, int]


def read_manifest(path: Path) -> Manifest:
    ids, moved, lines = [], {}, {}
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as e:
            raise ZhpubError(f"not UTF-8 ({e.reason})", Location(str(path)), "save it as UTF-8") from None
        for n, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = LINE_RE.match(line)
            if not m:
                raise ZhpubError(f"not an id line: {raw!r}", Location(str(path), n), "write `id` or `old-id -> new-id`")
            ids.append(m.group(1))
            lines[m.group(1)] = n
            if m.group(2):
                moved[m.group(1)] = m.group(2)
    return Manifest(path, tuple(ids), moved, lines)


def dropped_ids(manifest: Manifest, current: list[str]) -> list[ZhpubError]:
    """One error per published id the document would drop."""
    present = set(current)
    errors = []
    for old in manifest.ids:
        target = manifest.moved.get(old, old)
        if target not in present:
            errors.append(
                ZhpubError(
                    f"published id {old!r} would disappear" + (f" (redirected to missing {target!r})" if old in manifest.moved else ""),
                    Location(str(manifest.path), manifest.lines[old]),
                    f"keep the block, or redirect it: `{old} -> <new-id>`",
                )
            )
    return errors


def record_ids(manifest: Manifest, current: list[str]) -> list[str]:
    """Append the ids not yet published; returns the ones added."""
    known = set(manifest.ids)
    new = [i for i in current if i not in known]
    if new:
        existing = manifest.path.read_text(encoding="utf-8") if manifest.path.exists() else (
            "# Ids published for this document. Never delete a line: redirect it with `old -> new`.\n"
        )
        if existing and not existing.endswith("\n"):
            existing += "\n"
        manifest.path.write_text(existing + "".join(f"{i}\n" for i in new), encoding="utf-8")
    return new
