"""The project's corpus: its documents grouped into series (corpus/series.yaml), with their ledgers and
year-to-year comparisons, computed once per set of documents. Exports (build/data/) are plain data."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document
from .compare import Comparison, SectionPair, Unit, compare, units
from .ledger import LedgerRow, side_json, dropped_measures, ledger, target_changes
from .measures import MEASURES_FILE, Measures, load_measures
from .series import SERIES_FILE, Corpus, build_corpus, load_series


@dataclass
class ProjectCorpus:
    corpus: Corpus
    measures: Measures | None
    ledgers: dict[str, list[LedgerRow]] = field(default_factory=dict)  # series id -> rows
    root: Path | None = None  # the project, whose build cache keeps comparisons between builds

    def comparison(self, before: Document, after: Document) -> Comparison:
        return _cached_comparison(before, after, self.root)

    def changes(self, series: str):
        return target_changes(self.ledgers.get(series, []))

    def dropped(self, series: str):
        return dropped_measures(self.ledgers.get(series, []))


_COMPARISONS: dict[tuple, Comparison] = {}


def _cached_comparison(before: Document, after: Document, root: Path | None = None) -> Comparison:
    """Both script variants (two MkDocs builds in one process) share one comparison per pair of texts; with a
    project, the build cache keeps it under both documents' model keys (cache.py), so a pair whose two reports did
    not change is not diffed again by the next build, nor by the other variant's process."""
    key = (before.slug, after.slug, hash(before.text()), hash(after.text()))
    if key not in _COMPARISONS:
        if len(_COMPARISONS) > 64:
            _COMPARISONS.clear()
        _COMPARISONS[key] = _stored_comparison(before, after, root)
    return _COMPARISONS[key]


def _stored_comparison(before: Document, after: Document, root: Path | None) -> Comparison:
    if root is None or not before.cache_key or not after.cache_key:
        return compare(before, after)
    from ..cache import Cache, key

    cache = Cache(root)
    name, product = f"{before.slug}--{after.slug}", key("comparison", before.cache_key, after.cache_key)
    stored = cache.get_object("comparison", name, product)
    if stored is not None:
        return thaw_comparison(before, after, *stored)
    comp = compare(before, after)
    cache.put_object("comparison", name, product, freeze_comparison(comp))
    return comp


def comparisons_to_make(root: Path, docs: list[Document]) -> list[tuple[Document, Document]]:
    """The pairs of consecutive reports whose comparison the build cache does not hold yet (none without the cache)."""
    from ..cache import Cache, enabled, key

    if not enabled() or not (root / SERIES_FILE).exists():
        return []
    cache = Cache(root)
    corpus = build_corpus(docs, load_series(root / SERIES_FILE), str(root / SERIES_FILE))
    return [(a, b) for run in corpus.series.values() for a, b in run.pairs() if a.cache_key and b.cache_key
            and not cache.has("comparison", f"{a.slug}--{b.slug}", key("comparison", a.cache_key, b.cache_key))]


def store_comparison(root: Path, before: Document, after: Document) -> None:
    """Compare two reports into the build cache (a job of the build's pool: both site variants then read it)."""
    _stored_comparison(before, after, root)


def freeze_comparison(comp: Comparison) -> tuple:
    """What a comparison adds to its two documents: the aligned units by block id, scores, changes, summary (the
    documents themselves stay out of the cache entry; ``thaw_comparison`` puts them back)."""
    return ([(p.before.block.id if p.before else None, p.after.block.id if p.after else None, p.score, p.changes)
             for p in comp.sections], comp.summary)


def thaw_comparison(before: Document, after: Document, sections: list, summary) -> Comparison:
    def all_units(doc: Document) -> dict[str, Unit]:
        parts = units(doc, 1)
        found = {u.block.id: u for u in parts}
        for part in parts:
            found.update((u.block.id, u) for u in units(doc, 2, part.block.id))
        return found

    a, b = all_units(before), all_units(after)
    return Comparison(before, after, [SectionPair(a[x] if x else None, b[y] if y else None, score, changes)
                                      for x, y, score, changes in sections], summary)


_LAST_CORPUS: list[tuple[tuple, list[Document], ProjectCorpus]] = []  # the last one made: its inputs, documents, itself


def load_corpus(root: Path, docs: list[Document]) -> ProjectCorpus:
    """The corpus of ``docs``: made once for the same documents (the same model objects: content.load_document hands
    out one per content, and a build's workers inherit the build's) and the same corpus/ files, so the review, the
    data and each site edition's renderer and navigation share one (its ledgers take a quarter of a second at 60)."""
    inputs = (str(Path(root).resolve()), *(_bytes_or_none(root / name) for name in (SERIES_FILE, MEASURES_FILE)))
    if _LAST_CORPUS:
        known, known_docs, project = _LAST_CORPUS[0]
        if known == inputs and len(known_docs) == len(docs) and all(a is b for a, b in zip(known_docs, docs)):
            return project
    project = _make_corpus(root, docs)
    _LAST_CORPUS[:] = [(inputs, list(docs), project)]
    return project


def _bytes_or_none(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _make_corpus(root: Path, docs: list[Document]) -> ProjectCorpus:
    if (root / SERIES_FILE).exists():
        corpus = build_corpus(docs, load_series(root / SERIES_FILE), str(root / SERIES_FILE))
    else:  # a project without series: every document stands alone (zhpub check says so if one names a series)
        corpus = Corpus({}, list(docs))
    measures = load_measures(root / MEASURES_FILE) if (root / MEASURES_FILE).exists() else None
    ledgers = {sid: ledger(run, measures) for sid, run in corpus.series.items()} if measures else {}
    return ProjectCorpus(corpus, measures, ledgers, root)


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
