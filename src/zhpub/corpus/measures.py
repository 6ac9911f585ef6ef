"""Measures (corpus/measures.yaml): which indicator names state the same measure across years and reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, ZhpubError
from ..knowledge.indicators import Indicator
from ..yamlio import load_yaml, location

MEASURES_FILE = Path("corpus") / "measures.yaml"


@dataclass(frozen=True)
class Measure:
    id: str
    label: dict[str, str]
    names: tuple[str, ...]
    units: dict[str, float]  # unit -> factor to the first unit
    better: str
    close: float
    about: float = 0.0
    change: str = ""  # "decline": figures are falls

    @property
    def unit(self) -> str:
        return next(iter(self.units))


@dataclass(frozen=True)
class Measures:
    measures: dict[str, Measure]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]

    def measure_of(self, indicator: Indicator) -> Measure | None:
        """The measure an indicator states, or None (unit not the measure's, or no name fits)."""
        best: tuple[int, Measure] | None = None
        for part in _parts(indicator.name):
            name = self._strip(part)
            for m in self.measures.values():
                if indicator.unit not in m.units:
                    continue
                for synonym in m.names:
                    if name.endswith(synonym) and (best is None or len(synonym) > best[0]):
                        best = (len(synonym), m)
        return best[1] if best else None

    def _strip(self, name: str) -> str:
        changed = True
        while changed:
            changed = False
            for p in self.prefixes:
                if name.startswith(p) and len(name) > len(p):
                    name, changed = name[len(p):], True
            for s in self.suffixes:
                if name.endswith(s) and len(name) > len(s):
                    name, changed = name[: -len(s)], True
        return name


def _parts(name: str) -> list[str]:
    """广义货币M2和社会融资规模余额: each member of a joined name states its own measure."""
    import re

    return [p for p in re.split(r"[和、]", name) if p] or [name]


def load_measures(path: Path) -> Measures:
    """corpus/measures.yaml, checked against schemas/measures.schema.json; a name may state one measure only."""
    from ..schemas import validate

    data = load_yaml(path) or {}
    validate("measures", data, Location(str(path), 1))
    noise = data.get("noise") or {}
    out: dict[str, Measure] = {}
    owner: dict[str, str] = {}
    for mid, entry in data["measures"].items():
        if entry["better"] == "band" and "about" not in entry:
            raise ZhpubError(f"band measure {mid} needs about: (the half-width of a 左右 target)",
                             location(path, entry, "better"))
        for n in entry["names"]:
            if n in owner:
                raise ZhpubError(f"name {n!r} belongs to both {owner[n]} and {mid}", location(path, entry, "names"),
                                 "a name may state one measure only")
            owner[n] = mid
        out[mid] = Measure(mid, dict(entry["label"]), tuple(entry["names"]), {str(k): float(v) for k, v in entry["units"].items()},
                           entry["better"], float(entry.get("close", 0)), float(entry.get("about", 0)), entry.get("change", ""))
    return Measures(out, tuple(noise.get("prefix", ())), tuple(noise.get("suffix", ())))
