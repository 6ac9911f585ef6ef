"""Measures (corpus/measures.yaml): which indicator names state the same measure across years and reports."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location, ZhpubError
from ..knowledge.indicators import Indicator
from ..yamlio import Mapping, load_yaml, location

MEASURES_FILE = Path("corpus") / "measures.yaml"
BETTER = ("higher", "lower", "band")
FIELDS = ("label", "names", "units", "better", "close", "about", "change")


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


def _texts(value, path, node, key) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ZhpubError(f"{key} must be a list of names", location(path, node, key))
    return tuple(value)


def load_measures(path: Path) -> Measures:
    data = load_yaml(path) or {}
    if not isinstance(data, Mapping) or not isinstance(data.get("measures"), Mapping):
        raise ZhpubError("measures.yaml needs a `measures:` mapping", Location(str(path), 1))
    noise = data.get("noise") or Mapping()
    prefixes = _texts(noise.get("prefix", ["-"]), path, noise, "prefix")
    suffixes = _texts(noise.get("suffix", ["-"]), path, noise, "suffix")
    out: dict[str, Measure] = {}
    owner: dict[str, str] = {}
    for mid, entry in data["measures"].items():
        where = location(path, data["measures"], mid)
        if not isinstance(entry, Mapping):
            raise ZhpubError(f"measure {mid} must be a mapping", where)
        for key in entry:
            if key not in FIELDS:
                raise ZhpubError(f"unknown field {key!r}", location(path, entry, key), "known fields: " + ", ".join(FIELDS))
        label = entry.get("label")
        if not isinstance(label, Mapping) or set(label) != {"hans", "hant", "en"}:
            raise ZhpubError(f"label of {mid} needs hans, hant and en", location(path, entry, "label") if "label" in entry else where)
        names = _texts(entry.get("names"), path, entry, "names")
        for n in names:
            if n in owner:
                raise ZhpubError(f"name {n!r} belongs to both {owner[n]} and {mid}", location(path, entry, "names"),
                                 "a name may state one measure only")
            owner[n] = mid
        units = entry.get("units")
        if not isinstance(units, Mapping) or not units or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for v in units.values()):
            raise ZhpubError(f"units of {mid} must map each unit to a positive factor", location(path, entry, "units") if "units" in entry else where)
        if entry.get("better") not in BETTER:
            raise ZhpubError(f"better of {mid} must be one of {', '.join(BETTER)}", location(path, entry, "better") if "better" in entry else where)
        for key in ("close", "about"):
            value = entry.get(key, 0)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ZhpubError(f"{key} of {mid} must be a number ≥ 0", location(path, entry, key))
        if entry["better"] == "band" and not entry.get("about"):
            raise ZhpubError(f"band measure {mid} needs about: (the half-width of a 左右 target)", where)
        if entry.get("change", "") not in ("", "decline"):
            raise ZhpubError(f"change of {mid} can only be decline", location(path, entry, "change"))
        out[mid] = Measure(mid, dict(label), names, {str(k): float(v) for k, v in units.items()}, entry["better"],
                           float(entry.get("close", 0)), float(entry.get("about", 0)), entry.get("change", ""))
    return Measures(out, prefixes, suffixes)
