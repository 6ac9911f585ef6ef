"""Curated fixes for what no rule can recover (content/<doc>/errata.yaml).

Each entry names the corrupted span exactly as it stands in source.txt, its correction and the reason. They are
applied to the decoded source before any rule runs, so an entry is copied from the file the curator reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..changes import Change, Stage, apply_changes
from ..errors import Location, ZhpubError
from ..schemas import validate
from ..yamlio import load_yaml, location
from .chardata import CONTROL_RE, UNREADABLE_RE


@dataclass(frozen=True)
class Erratum:
    corrupted: str
    correction: str
    reason: str
    where: Location  # the entry in errata.yaml


def load_errata(path: Path) -> list[Erratum]:
    if not path.exists():
        return []
    data = load_yaml(path)
    validate("errata", data, Location(str(path), 1))  # schemas/errata.schema.json
    errata = []
    for entry in data or []:
        errata.append(Erratum(entry["corrupted"], entry["correction"], entry["reason"].strip(), location(path, entry)))
    return errata


def apply_errata(text: str, errata: list[Erratum]) -> Stage:
    changes = []
    for erratum in errata:
        first = text.find(erratum.corrupted)
        if first < 0:
            raise ZhpubError(
                "corrupted span not found in the source",
                erratum.where,
                "copy it exactly from source.txt, or delete the entry if the source no longer has it",
            )
        if text.find(erratum.corrupted, first + 1) >= 0:
            raise ZhpubError(
                "corrupted span occurs more than once in the source",
                erratum.where,
                "include a few characters of context so it is unique",
            )
        if erratum.correction == erratum.corrupted:
            raise ZhpubError("the correction equals the corrupted span", erratum.where, "fix the correction or delete the entry")
        changes.append(
            Change("errata", first, first + len(erratum.corrupted), erratum.corrupted, erratum.correction, erratum.reason)
        )
    order = sorted(range(len(changes)), key=lambda k: changes[k].start)
    for a, b in zip(order, order[1:]):
        if changes[b].start < changes[a].end:
            raise ZhpubError(f"this erratum overlaps the one at line {errata[a].where.line}", errata[b].where,
                             "merge them into one entry")
    changes = [changes[k] for k in order]
    return Stage("errata", apply_changes(text, changes), changes)


# --- accepting a ranked reading ----------------------------------------------------------------------------

def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar (JSON syntax), with private-use and control characters as \\u escapes so the
    curator sees what the source holds."""
    import json

    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if UNREADABLE_RE.match(c) or CONTROL_RE.match(c) else c for c in quoted)


def erratum_entry(corrupted: str, correction: str, reason: str) -> str:
    return (f"\n- corrupted: {_yaml_string(corrupted)}\n  correction: {_yaml_string(correction)}\n"
            f"  reason: {_yaml_string(reason)}\n")


def unique_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) by context within its line until it occurs once in ``text`` (an erratum must)."""
    while text.count(text[start:end]) > 1:
        if start > 0 and text[start - 1] != "\n":
            start -= 1
        elif end < len(text) and text[end] != "\n":
            end += 1
        else:
            break
    return start, end


def accept_reading(source_path: Path, errata_path: Path, line: int, column: int, choice: int = 1) -> str:
    """Write reading ``choice`` (1 = best) of the problem at ``line:column`` as an erratum; return the entry."""
    from ..content import read_source
    from ..pipeline import normalise_text

    data = read_source(source_path)
    result = normalise_text(data, str(source_path), load_errata(errata_path))
    for index, stage in enumerate(result.stages):
        for finding in stage.findings:
            if not finding.candidates or result.place(index, finding.start) != (line, column):
                continue
            if not 1 <= choice <= len(finding.candidates):
                raise ZhpubError(f"there are {len(finding.candidates)} reading(s) of this span",
                                 Location(str(source_path), line, column), "give N between 1 and that number")
            decoded = result.stages[0].text  # what errata are matched against
            # offsets in the decoded text, not the file: a BOM or Windows line ends before the span would shift them
            start, end = result.to_decoded(index, finding.start), result.to_decoded(index, finding.end)
            if decoded[start:end] != finding.text:
                raise ZhpubError("the span was changed by an earlier stage; write this erratum by hand",
                                 Location(str(source_path), line, column))
            wide_start, wide_end = unique_span(decoded, start, end)
            corrupted = decoded[wide_start:wide_end]
            correction = decoded[wide_start:start] + finding.candidates[choice - 1] + decoded[end:wide_end]
            reason = (f"reading {choice} of {len(finding.candidates)} accepted by the curator "
                      f"(zhpub errata --accept {line}:{column}={choice}); {finding.message}")
            entry = erratum_entry(corrupted, correction, reason)
            _append(errata_path, entry)
            return entry
    raise ZhpubError("no span with ranked readings starts here", Location(str(source_path), line, column),
                     "run `zhpub errata DOC` to list them with their places")


def _append(path: Path, entry: str) -> None:
    """Append atomically: the new file is complete or the old one stays."""
    import os
    import tempfile

    old = path.read_text(encoding="utf-8") if path.exists() else ""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".errata-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(old.rstrip("\n") + "\n" + entry if old.strip() else entry.lstrip("\n"))
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
