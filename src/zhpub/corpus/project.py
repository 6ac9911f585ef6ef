"""The project's corpus: its documents grouped into series (corpus/series.yaml), with their ledgers and
year-to-year comparisons, computed once per set of documents. Exports (build/data/) are plain data."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document
from .compare import Comparison, compare
from .ledger import LedgerRow, side_json, dropped_measures, ledger, target_changes
from .measures import MEASURES_FILE, Measures, load_measures
from .series import SERIES_FILE, Corpus, build_corpus, load_series


@dataclass
class ProjectCorpus:
    corpus: Corpus
    measures: Measures | None
    ledgers: dict[str, list[LedgerRow]] = field(default_factory=dict)  # series id -> rows

    def comparison(self, before: Document, after: Document) -> Comparison:
        return _cached_comparison(before, after)

    def changes(self, series: str):
        return target_changes(self.ledgers.get(series, []))

    def dropped(self, series: str):
        return dropped_measures(self.ledgers.get(series, []))


_COMPARISONS: dict[tuple, Comparison] = {}


def _cached_comparison(before: Document, after: Document) -> Comparison:
    """Both script variants (two MkDocs builds in one process) share one comparison per pair of texts."""
    key = (before.slug, after.slug, hash(before.text()), hash(after.text()))
    if key not in _COMPARISONS:
        if len(_COMPARISONS) > 64:
            _COMPARISONS.clear()
        _COMPARISONS[key] = compare(before, after)
    return _COMPARISONS[key]


def load_corpus(root: Path, docs: list[Document]) -> ProjectCorpus:
    if (root / SERIES_FILE).exists():
        corpus = build_corpus(docs, load_series(root / SERIES_FILE), str(root / SERIES_FILE))
    else:  # a project without series: every document stands alone (zhpub check says so if one names a series)
        corpus = Corpus({}, list(docs))
    measures = load_measures(root / MEASURES_FILE) if (root / MEASURES_FILE).exists() else None
    ledgers = {sid: ledger(run, measures) for sid, run in corpus.series.items()} if measures else {}
    return ProjectCorpus(corpus, measures, ledgers)


LEDGER_COLUMNS = ("series", "year", "measure", "measure_zh", "unit", "verdict", "target_text", "target_value",
                  "target_upper", "target_doc", "target_block", "result_text", "result_value", "result_doc",
                  "result_block", "rule")


def ledger_json(rows: list[LedgerRow]) -> dict:
    """The ledger's rows, the targets raised, lowered or kept from one report to the next, and the measures a
    report stops setting a target for (with the last target set)."""
    return {"schema": "zhpub.ledger/1", "rows": [r.to_json() for r in rows],
            "target_changes": [c.to_json() for c in target_changes(rows)],
            "dropped": [{"year": y, "measure": m.id, "last_target": side_json(s)} for y, m, s in dropped_measures(rows)]}


def ledger_csv(rows: list[LedgerRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(LEDGER_COLUMNS)
    for r in rows:
        t, s = r.target, r.result
        cells = [r.series, r.year, r.measure.id, r.measure.label["hans"], r.measure.unit, r.verdict,
                 t.text if t else "", t.value if t else "", t.upper if t and t.upper is not None else "",
                 t.doc if t else "", t.block if t else "", s.text if s else (r.said.sentence if r.said else ""),
                 s.value if s else "", s.doc if s else (r.said.doc if r.said else ""),
                 s.block if s else (r.said.block if r.said else ""), r.rule]
        # a cell a spreadsheet would run as a formula (=, +, -, @ first) is quoted with an apostrophe
        writer.writerow([f"'{c}" if isinstance(c, str) and c[:1] in "=+-@" else c for c in cells])
    return buffer.getvalue()


def corpus_json(project: ProjectCorpus) -> dict:
    return {"schema": "zhpub.corpus/1", "series": [{
        "id": sid, "body": run.series.body, "report": run.series.report, "scope": run.series.scope,
        "within": run.series.within, "documents": [{"year": y, "slug": run.documents[y].slug} for y in run.years],
    } for sid, run in project.corpus.series.items()], "standalone": [d.slug for d in project.corpus.standalone]}


def write_corpus_data(root: Path, docs: list[Document], out: Path) -> None:
    from ..export import dumps

    project = load_corpus(root, docs)
    out.mkdir(parents=True, exist_ok=True)
    (out / "corpus.json").write_text(dumps(corpus_json(project)), encoding="utf-8")
    for sid, rows in project.ledgers.items():
        (out / f"ledger-{sid}.json").write_text(dumps(ledger_json(rows)), encoding="utf-8")
        (out / f"ledger-{sid}.csv").write_text(ledger_csv(rows), encoding="utf-8-sig")
