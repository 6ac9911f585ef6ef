"""Series (an issuing body's reports, one a year) and the Corpus model: series -> documents by year.

A document joins a series with ``series: <id>`` in its document.yaml; corpus/series.yaml describes each series
(body name in both scripts and English, scope). The content layout stays content/<slug>/: slugs are part of every
published citation, so a document's place in a series is data, not a folder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location, ZhpubError
from ..knowledge.indicators import document_year
from ..model import Document
from ..yamlio import load_yaml

SERIES_FILE = Path("corpus") / "series.yaml"


@dataclass(frozen=True)
class Series:
    id: str
    body: dict[str, str]
    report: dict[str, str]
    scope: str
    within: str = ""


@dataclass
class SeriesRun:
    """One series' documents, ordered by year."""

    series: Series
    documents: dict[int, Document] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return sorted(self.documents)

    def pairs(self) -> list[tuple[Document, Document]]:
        """Consecutive reports (year, next year) where both are present."""
        return [(self.documents[y], self.documents[y + 1]) for y in self.years if y + 1 in self.documents]


@dataclass
class Corpus:
    series: dict[str, SeriesRun]
    standalone: list[Document]  # documents that belong to no series

    def series_doc(self, slug: str) -> Document:
        for run in self.series.values():
            for doc in run.documents.values():
                if doc.slug == slug:
                    return doc
        raise KeyError(slug)

    def run_of(self, doc: Document) -> SeriesRun | None:
        sid = doc.meta.get("series")
        return self.series.get(sid) if sid else None

    def previous(self, doc: Document) -> Document | None:
        run = self.run_of(doc)
        if not run:
            return None
        earlier = [y for y in run.years if y < document_year(doc)]
        return run.documents[earlier[-1]] if earlier else None

    def next(self, doc: Document) -> Document | None:
        run = self.run_of(doc)
        if not run:
            return None
        later = [y for y in run.years if y > document_year(doc)]
        return run.documents[later[0]] if later else None


def load_series(path: Path) -> dict[str, Series]:
    """corpus/series.yaml, checked against schemas/series.schema.json (errors name file:line)."""
    from ..schemas import validate

    if not path.exists():
        return {}
    data = load_yaml(path) or {}
    validate("series", data, Location(str(path), 1))
    return {sid: Series(sid, dict(e["body"]), dict(e["report"]), e["scope"], str(e.get("within", ""))) for sid, e in data.items()}


def build_corpus(docs: list[Document], series: dict[str, Series], where: str = str(SERIES_FILE)) -> Corpus:
    runs: dict[str, SeriesRun] = {}
    standalone = []
    for doc in docs:
        sid = doc.meta.get("series")
        if not sid:
            standalone.append(doc)
            continue
        if sid not in series:
            raise ZhpubError(f"document {doc.slug} names series {sid!r}, which {where} does not describe",
                             Location(doc.source_path), "add it to corpus/series.yaml or fix the name: " + ", ".join(series))
        year = document_year(doc)
        if not year:
            raise ZhpubError(f"document {doc.slug} is in series {sid} but has no year", Location(doc.source_path),
                             "give year: or date: in its document.yaml")
        run = runs.setdefault(sid, SeriesRun(series[sid]))
        if year in run.documents:
            raise ZhpubError(f"series {sid} has two documents for {year}: {run.documents[year].slug} and {doc.slug}",
                             Location(doc.source_path), "give one of them another series or year")
        run.documents[year] = doc
    return Corpus({sid: runs[sid] for sid in sorted(runs)}, standalone)
