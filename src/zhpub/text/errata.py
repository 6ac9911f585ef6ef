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
