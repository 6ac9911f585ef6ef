"""Corpus pages for one script variant: the corpus home (series × years), a page per series, its target ledger
(a table per measure with an SVG chart) and a comparison page per pair of consecutive reports. Made from the
corpus model only (zhpub.corpus); HTML from templates/site/corpus_*.md."""

from __future__ import annotations

import functools
from collections import Counter
from importlib import resources
from pathlib import Path

from ..corpus.compare import Comparison
from ..corpus.ledger import RULE_TEXTS, VERDICT_LABELS, VERDICTS, LedgerRow
from ..corpus.project import ProjectCorpus, corpus_json, ledger_csv, ledger_json
from ..export import dumps
from ..knowledge.indicators import document_year
from ..model import Document
from ..variants import CANONICAL
from .charts import count_chart, measure_chart
from .common import cite_label, doc_text, esc, in_variant, indicator_phrase, lang, pick, term_headword


@functools.lru_cache(maxsize=None)
def _labels() -> dict[str, str]:
    import yaml

    return yaml.safe_load(resources.files("zhpub").joinpath("data/corpus-labels.yaml").read_text(encoding="utf-8"))


def corpus_label(key: str, variant: str) -> str:
    return in_variant(_labels()[key], variant)


LEDGER_BOOST = 0.01  # as the indicator tables (render/site.py)


def series_page(sid: str) -> str:
    return f"corpus/{sid}/index.md"


def ledger_page(sid: str) -> str:
    return f"corpus/{sid}/ledger.md"


def comparison_page(sid: str, before: int, after: int) -> str:
    return f"corpus/{sid}/{before}-{after}.md"


def terms_page(sid: str) -> str:
    return f"corpus/{sid}/terms.md"


def term_chart(sid: str, slug: str) -> str:
    return f"corpus/{sid}/terms/{slug}.svg"


def chart_file(sid: str, measure: str) -> str:
    return f"corpus/{sid}/charts/{measure}.svg"


class CorpusPages:
    """Built by SiteRenderer, which owns page paths, links and the template call."""

    def __init__(self, site, project: ProjectCorpus):
        self.site = site  # the SiteRenderer: rel(), doc_page(), _page(), title(), variant
        self.project = project
        self.variant = site.variant
        self.labels = {key: corpus_label(key, self.variant) for key in _labels()}

    def v(self, text: str) -> str:
        return in_variant(text, self.variant)

    # -- links ---------------------------------------------------------------------------------------------

    def doc_href(self, src: str, doc: Document, anchor: str = "") -> str:
        from .site import doc_page, rel

        return rel(src, doc_page(doc.slug) + (f"#{anchor}" if anchor else ""))

    def other_script_href(self, src: str, slug: str, anchor: str) -> str:
        """The same paragraph in the other script's site (build/site/<lang>/ side by side)."""
        other = "hant" if self.variant == CANONICAL else CANONICAL  # a Traditional edition links to the Simplified
        depth = src.count("/") + 1
        return "../" * depth + f"{lang(other)}/{slug}/index.html#{anchor}"

    def neighbours(self, src: str, doc: Document) -> list[dict]:
        """Links from a document to its series, the same body's previous and next report, and their comparisons."""
        from .site import rel

        corpus = self.project.corpus
        run = corpus.run_of(doc)
        if not run:
            return []
        out = []
        before, after = corpus.previous(doc), corpus.next(doc)
        if before:
            out.append({"rel": "prev", "href": self.doc_href(src, before), "label": f"← {self.labels['previous_report']}（{self._years(before, doc)[0]}）"})
            out.append({"rel": "compare", "href": rel(src, comparison_page(run.series.id, *self._years(before, doc))),
                        "label": f"{self.labels['compare']} {'–'.join(map(str, self._years(before, doc)))}"})
        out.append({"rel": "series", "href": rel(src, series_page(run.series.id)), "label": self.v(run.series.body["hans"])})
        year = document_year(doc)
        if any(r.year == year and r.target for r in self.project.ledgers.get(run.series.id, [])):
            out.append({"rel": "ledger", "href": rel(src, ledger_page(run.series.id)) + f"?year={year}#ledger",
                        "label": f"{self.labels['ledger_year']}（{year}）"})
        if after:
            out.append({"rel": "next", "href": self.doc_href(src, after), "label": f"{self.labels['next_report']}（{self._years(doc, after)[1]}）→"})
        return out

    # -- pages ---------------------------------------------------------------------------------------------

    def pages(self, reuse=None) -> list:
        """The corpus overview, then each series' pages; ``reuse`` as SiteRenderer.pages' (a series' pages are made
        from its own reports only: the overview, which lists the reports of no series, is made every time)."""
        pages = [self.home()]
        for sid, run in self.project.corpus.series.items():
            make = functools.partial(self.series_pages, sid)
            inputs = self.series_page_inputs(sid)
            pages += make() if reuse is None or inputs is None else reuse(f"corpus/{sid}", inputs, make)  # no slug has a slash
        return pages

    def series_pages(self, sid: str) -> list:
        run = self.project.corpus.series[sid]
        pages = [self.series(sid), self.terms(sid)]
        if sid in self.project.ledgers:
            pages.append(self.ledger(sid))
        for before, after in run.pairs():
            pages.append(self.comparison(sid, before, after))
        return pages

    def series_page_inputs(self, sid: str) -> list | None:
        """What a series' pages are made from: its reports' models (their cache keys, the glossary folder in them),
        the corpus folder (series, measures), and what every page of the site shares (SiteRenderer.site_inputs).
        None when a report has no cache key."""
        from ..cache import tree_bytes

        docs = [self.project.corpus.series[sid].documents[y] for y in self.project.corpus.series[sid].years]
        if not all(doc.cache_key for doc in docs):
            return None
        root = self.site.project_root
        corpus = tree_bytes(Path(root) / "corpus") if root else b""
        return [*self.site.site_inputs, corpus, *(doc.cache_key for doc in docs)]

    def nav(self, doc_entry) -> list:
        """The corpus overview, then one section per series: its overview page (the section's index page), its
        reports by year (``doc_entry`` gives each report's own entry), its terms, ledger and year-on-year
        comparisons. Reports sit under their issuing body so the navigation stays short as the corpus grows."""
        entries: list = [{self.labels["corpus"]: "corpus/index.md"}]
        shown = {doc.slug for doc in self.site.docs}
        for sid, run in self.project.corpus.series.items():
            items: list = [series_page(sid)]  # first child: the section's own page (navigation.indexes)
            items += [doc_entry(run.documents[y]) for y in run.years if run.documents[y].slug in shown]
            items.append({self.labels["terms"]: terms_page(sid)})
            if sid in self.project.ledgers:
                items.append({self.labels["ledger"]: ledger_page(sid)})
            comparisons = [{f"{self.labels['compare']} {a}–{b}": comparison_page(sid, a, b)}
                           for a, b in self._pair_years(run)]
            if comparisons:
                items.append({self.labels["comparisons"]: comparisons})
            entries.append({esc(self.v(run.series.body["hans"])): items})  # nav titles reach HTML unescaped
        return entries

    def in_series(self) -> set[str]:
        """Slugs of the reports the navigation lists under a series."""
        return {doc.slug for run in self.project.corpus.series.values() for doc in run.documents.values()}

    def _pair_years(self, run) -> list[tuple[int, int]]:
        return [self._years(a, b) for a, b in run.pairs()]

    def data_files(self) -> dict[str, str]:
        files = {"data/corpus.json": dumps(corpus_json(self.project))}
        for sid, run in self.project.corpus.series.items():
            for term, line in self._timelines(sid).items():
                if line.per_year:
                    files[term_chart(sid, self._term_slug(term))] = count_chart(line.per_year, run.years, term)
        for sid, rows in self.project.ledgers.items():
            files[f"data/ledger-{sid}.json"] = dumps(ledger_json(rows))
            files[f"data/ledger-{sid}.csv"] = "\ufeff" + ledger_csv(rows)
            chart_labels = {**self.labels, **{k: pick(VERDICT_LABELS[k], self.variant) for k in VERDICT_LABELS}}
            for mid, measure_rows in self._by_measure(rows).items():
                m = measure_rows[0].measure
                title = f"{self.v(m.label['hans'])}（{m.unit}） / {m.label['en']}"
                files[chart_file(sid, mid)] = measure_chart(measure_rows, title, chart_labels, m.unit,
                                                            self._chart_description(measure_rows))
        return files

    def _phrase(self, side) -> str:
        if self.variant in ("hans", "hant"):  # the model's own
            return side.indicator.phrase if self.variant == "hans" else side.indicator.phrase_hant
        doc = next(d for d in self.site.docs if d.slug == side.doc)
        return indicator_phrase(doc, side.indicator, self.variant)

    def _reason(self, reason) -> str:
        """How a verdict was reached, in the page's script (written for hans and hant; other editions derived)."""
        return reason.text(self.variant) if self.variant in RULE_TEXTS else in_variant(reason.text("hans"), self.variant)

    def _chart_description(self, rows: list[LedgerRow]) -> str:
        """The chart's data in words, one clause a year: what a screen reader says for the picture."""
        out = []
        for r in sorted(rows, key=lambda r: r.year):
            target = self._phrase(r.target) if r.target else "—"
            result = self._phrase(r.result) if r.result else (self.v(r.said.sentence) if r.said else "—")
            out.append(f"{r.year}：{self.labels['target']} {target}；{self.labels['result']} {result}；"
                       f"{pick(VERDICT_LABELS[r.verdict], self.variant)}")
        return "。".join(out) + "。"

    @staticmethod
    def _by_measure(rows: list[LedgerRow]) -> dict[str, list[LedgerRow]]:
        out: dict[str, list[LedgerRow]] = {}
        for r in rows:
            out.setdefault(r.measure.id, []).append(r)
        return out

    @functools.cached_property
    def _terms(self):
        return {t.headword: t for t in self.site.glossary.terms}

    def _term_slug(self, headword: str) -> str:
        return self._terms[headword].slug

    @functools.lru_cache(maxsize=None)
    def _timelines(self, sid: str):
        from ..corpus.terms import timelines

        return timelines(self.site.glossary, list(self.project.corpus.series[sid].documents.values()))

    def term_timelines(self, src: str, headword: str) -> list[dict]:
        """A glossary term across each series: first and last year, count, the per-year chart (for its entry)."""
        from .site import rel

        out = []
        for sid, run in self.project.corpus.series.items():
            line = self._timelines(sid).get(headword)
            if not line or not line.per_year:
                continue
            slug = self._term_slug(headword)
            out.append({"series": self.v(run.series.body["hans"]), "href": rel(src, terms_page(sid) + f"#term-{slug}"),
                        "first": line.first_year, "last": line.last_year, "total": sum(line.per_year.values()),
                        "chart": rel(src, term_chart(sid, slug)), "years": f"{run.years[0]}–{run.years[-1]}",
                        "counts": "，".join(f"{y}年{n}次" for y, n in sorted(line.per_year.items())),
                        "label": self.labels["timeline_of"].format(first=line.first_year, last=line.last_year,
                                                                   total=sum(line.per_year.values()))})
        return out

    def terms(self, sid: str):
        """Every glossary term across a series: count per year, first and last year."""
        from .site import rel

        src = terms_page(sid)
        run = self.project.corpus.series[sid]
        rows = []
        for term in self.site.glossary.terms:
            line = self._timelines(sid)[term.headword]
            if not line.per_year:
                continue
            rows.append({"slug": term.slug, "headword": term_headword(term, self.variant), "english": term.english,
                         "href": rel(src, f"glossary/index.md#{term.slug}"), "first": line.first_year, "last": line.last_year,
                         "total": sum(line.per_year.values()), "chart": rel(src, term_chart(sid, term.slug)),
                         "counts": "，".join(f"{y}年{n}次" for y, n in sorted(line.per_year.items()))})
        rows.sort(key=lambda r: (-r["total"], r["first"], r["slug"]))  # the same order in both scripts
        years = f"{run.years[0]}–{run.years[-1]}" if run.years else ""
        return self.site._page("site/corpus_terms.md", src, f"{self.labels['terms']} · {self.v(run.series.body['hans'])}",
                               exclude_from_search=True,
                               c=self.labels, rows=rows, years=years)

    def home(self):
        from .site import rel

        src = "corpus/index.md"
        years = sorted({y for run in self.project.corpus.series.values() for y in run.years})
        series = []
        for sid, run in self.project.corpus.series.items():
            cells = [{"year": y, "href": self.doc_href(src, run.documents[y]) if y in run.documents else "",
                      "title": self.site.title(run.documents[y]) if y in run.documents else ""} for y in years]
            series.append({"id": sid, "name": self.v(run.series.body["hans"]), "name_en": run.series.body["en"],
                           "scope": self.labels.get(run.series.scope, run.series.scope), "href": rel(src, series_page(sid)),
                           "ledger": rel(src, ledger_page(sid)) if sid in self.project.ledgers else "",
                           "terms": rel(src, terms_page(sid)), "count": len(run.years), "cells": cells})
        standalone = [{"title": self.site.title(d), "href": self.doc_href(src, d)} for d in self.project.corpus.standalone]
        return self.site._page("site/corpus_home.md", src, self.labels["corpus"], c=self.labels, years=years,
                               series=series, standalone=standalone)

    def series(self, sid: str):
        """The series' reports year by year, each with its speaker and date, the comparison with the year before
        and its row of the ledger."""
        from .site import rel

        src = series_page(sid)
        run = self.project.corpus.series[sid]
        has_ledger = sid in self.project.ledgers
        ledger_years = {r.year for r in self.project.ledgers.get(sid, []) if r.target}
        docs = []
        for k, y in enumerate(run.years):
            doc = run.documents[y]
            previous = run.years[k - 1] if k else None
            docs.append({"year": y, "title": self.site.title(doc), "href": self.doc_href(src, doc),
                         "speaker": doc_text(doc, " ".join(x for x in (doc.meta.get("speaker_role", ""), doc.meta.get("speaker", "")) if x), self.variant),
                         "date": doc.meta.get("date", ""),
                         "compare": rel(src, comparison_page(sid, previous, y)) if previous is not None and previous + 1 == y else "",
                         "compare_label": f"{previous}–{y}" if previous is not None else "",
                         "ledger": rel(src, ledger_page(sid)) + f"?year={y}#ledger" if has_ledger and y in ledger_years else ""})
        pairs = [{"label": f"{a}–{b}", "href": rel(src, comparison_page(sid, a, b))} for a, b in self._pair_years(run)]
        ledger = rel(src, ledger_page(sid)) if has_ledger else ""
        terms = rel(src, terms_page(sid))
        return self.site._page("site/corpus_series.md", src, self.v(run.series.body["hans"]), c=self.labels,
                               name_en=run.series.body["en"], scope=self.labels.get(run.series.scope, ""),
                               report=run.series.report.get(self.variant, ""),
                               docs=docs, pairs=pairs, ledger=ledger, terms=terms, corpus_href=rel(src, "corpus/index.md"))

    def _side(self, src: str, side) -> dict | None:
        if side is None:
            return None
        doc = self.project.corpus.series_doc(side.doc)
        return {"text": self._phrase(side), "hedges": [self.v(h) for h in side.hedges],
                "href": self.doc_href(src, doc, side.block), "other": self.other_script_href(src, side.doc, side.block),
                "cite": f"{side.report_year} · {cite_label(doc, doc.block(side.block), self.variant)}"}

    def _said(self, src: str, said) -> dict | None:
        if said is None:
            return None
        doc = self.project.corpus.series_doc(said.doc)
        return {"text": self.v(said.sentence), "hedges": [], "href": self.doc_href(src, doc, said.block),
                "other": self.other_script_href(src, said.doc, said.block),
                "cite": f"{document_year(doc)} · {cite_label(doc, doc.block(said.block), self.variant)}"}

    def ledger(self, sid: str):
        """One table of every row (filterable by measure, year and verdict in the browser; the full table without
        script), then a chart per measure, targets raised or lowered, and measures a report stopped setting."""
        from .site import rel

        src = ledger_page(sid)
        rows = self.project.ledgers[sid]
        order = {mid: i for i, mid in enumerate(self.project.measures.measures)}
        by_measure = dict(sorted(self._by_measure(rows).items(), key=lambda kv: order.get(kv[0], len(order))))
        table, measures = [], []
        for mid, measure_rows in by_measure.items():
            m = measure_rows[0].measure
            name = self.v(m.label["hans"])
            measures.append({"id": mid, "name": name, "name_en": m.label["en"], "unit": m.unit,
                             "rule": self.labels[f"rule_{m.better}"], "chart": rel(src, chart_file(sid, mid)),
                             "count": len(measure_rows)})
            for r in sorted(measure_rows, key=lambda r: r.year):
                table.append({"id": f"{mid}-{r.year}", "measure": mid, "measure_name": name, "year": r.year,
                              "verdict": r.verdict, "verdict_class": r.verdict.replace(" ", "-"),
                              "verdict_label": pick(VERDICT_LABELS[r.verdict], self.variant),
                              "target": self._side(src, r.target),
                              "result": self._side(src, r.result) or self._said(src, r.said),
                              "in_words": r.result is None and r.said is not None,
                              "rule": self._reason(r.reason)})
        counts = Counter(r.verdict for r in rows)
        verdicts = [{"key": k, "class": k.replace(" ", "-"), "label": pick(VERDICT_LABELS[k], self.variant), "count": counts[k]}
                    for k in VERDICTS if counts[k]]
        years = sorted({r.year for r in rows})
        changes = [{"year": c.year, "name": self.v(c.measure.label["hans"]), "direction": self.labels[c.direction],
                    "before": self._phrase(c.before), "after": self._phrase(c.after),
                    "href": f"#{c.measure.id}-{c.year}"}
                   for c in self.project.changes(sid) if c.direction != "kept"]
        dropped = [{"year": y, "name": self.v(m.label["hans"]), "last": self._side(src, side)}
                   for y, m, side in self.project.dropped(sid)]
        downloads = [(rel(src, f"data/ledger-{sid}.csv"), "CSV"), (rel(src, f"data/ledger-{sid}.json"), "JSON")]
        run = self.project.corpus.series[sid]
        other = "hant" if self.variant == CANONICAL else CANONICAL
        # the ledger quotes the reports' phrases: ranked after the reports' own paragraphs, like the indicator tables
        return self.site._page("site/corpus_ledger.md", src, f"{self.labels['ledger']} · {self.v(run.series.body['hans'])}",
                               search_boost=LEDGER_BOOST, c=self.labels, measures=measures, table=table, years=years,
                               verdicts=verdicts, changes=changes, dropped=dropped, downloads=downloads,
                               other_script=self.labels[f"other_script_{'hans' if self.variant == CANONICAL else 'hant'}"], other_lang=lang(other),
                               series_href=rel(src, series_page(sid)), series_name=self.v(run.series.body["hans"]))

    def comparison(self, sid: str, before: Document, after: Document):
        """Summary first (targets changed, new and dropped wording and programme names, each linked to where the
        report says it), then every aligned pair of parts and sections as rows of sentences side by side."""
        from .site import rel

        src = comparison_page(sid, *self._years(before, after))
        comp: Comparison = self.project.comparison(before, after)
        v = self.v
        ya, yb = self._years(before, after)
        pairs = []
        for p in comp.sections:
            counts = Counter(c.op for c in p.changes)
            pairs.append({
                "id": f"pair-{p.before.block.id if p.before else 'none'}-{p.after.block.id if p.after else 'none'}",
                "level": (p.before or p.after).block.level,
                "before": v(p.before.heading) if p.before else "", "after": v(p.after.heading) if p.after else "",
                "before_href": self.doc_href(src, before, p.before.block.id) if p.before else "",
                "after_href": self.doc_href(src, after, p.after.block.id) if p.after else "",
                "score": f"{p.score:.2f}", "rows": self._rows(p, before, after),
                "counts": [(self.labels[f"n_{op}"].format(n=counts[op])) for op in ("equal", "replace", "insert", "delete") if counts[op]],
            })
        s = comp.summary
        changes = []
        for c in self.project.changes(sid):
            if c.year != yb:
                continue
            direction = c.direction
            if direction == "kept" and c.before.indicator.hedge != c.after.indicator.hedge:
                direction = "reworded"  # the same figure, another hedge (左右 → 以上): a reader wants to see it
            changes.append({"name": v(c.measure.label["hans"]), "direction": self.labels[direction], "key": direction,
                            "before": self._phrase(c.before), "after": self._phrase(c.after),
                            "before_href": self.doc_href(src, before, c.before.block),
                            "after_href": self.doc_href(src, after, c.after.block)})
        run = self.project.corpus.series[sid]
        years = run.years
        k = years.index(ya)
        prev_pair = rel(src, comparison_page(sid, years[k - 1], ya)) if k > 0 else ""
        next_pair = rel(src, comparison_page(sid, yb, years[k + 2])) if k + 2 < len(years) else ""
        summary = {"new_terms": self._first_places(src, after, s.new_terms),
                   "dropped_terms": self._first_places(src, before, s.dropped_terms),
                   "new_programmes": self._first_places(src, after, s.new_programmes),
                   "dropped_programmes": self._first_places(src, before, s.dropped_programmes)}
        return self.site._page("site/corpus_comparison.md", src, f"{self.labels['compare']} {ya}–{yb}", exclude_from_search=True,
                               c=self.labels, ya=ya, yb=yb, before_title=self.site.title(before), after_title=self.site.title(after),
                               before_href=self.doc_href(src, before), after_href=self.doc_href(src, after),
                               series_href=rel(src, series_page(sid)), series_name=v(run.series.body["hans"]),
                               ledger_href=rel(src, ledger_page(sid)) + f"?year={ya}#ledger" if sid in self.project.ledgers else "",
                               prev_pair=prev_pair, next_pair=next_pair, prev_years=f"{years[k - 1]}–{ya}" if k > 0 else "",
                               next_years=f"{yb}–{years[k + 2]}" if next_pair else "",
                               summary=summary, changes=changes, pairs=pairs)

    def _first_places(self, src: str, doc: Document, items: list[str]) -> list[dict]:
        """Each wording with a link to the first paragraph (or heading) of the report that has it."""
        out = []
        for item in items:
            block = next((b for b in doc.blocks if item in b.text["hans"]), None)
            out.append({"text": self.v(item), "href": self.doc_href(src, doc, block.id) if block else ""})
        return out

    def _rows(self, pair, before: Document, after: Document) -> list[dict]:
        """Sentence changes as rows of the side-by-side view: a run of kept, added or dropped sentences is one row,
        a reworded sentence a row of its own; a sentence opening a paragraph on either side starts a row.
        The pieces are cut from the document's own text in this script (its Traditional edition, overrides and
        names included), by offset: converting each piece alone would lose the context OpenCC needs (放松 → 放鬆,
        but 松 alone stays 松). The paragraphs are the page's documents' own (a stored comparison's have the default
        editions' text only)."""
        texts, at = {}, {"before": 0, "after": 0}
        for which, unit, doc in (("before", pair.before, before), ("after", pair.after, after)):
            blocks = {b.id: b for b in doc.blocks}
            paragraphs = [blocks[b.id] for b in unit.paragraphs] if unit else []
            aligned = all(len(b.text[self.variant]) == len(b.text["hans"]) for b in paragraphs)
            texts[which] = "".join(b.text[self.variant] for b in paragraphs) if aligned else None

        def pieces(change, which: str) -> list[tuple[str, str]]:
            out = []
            for piece in change.side(which):
                start = at[which]
                at[which] += len(piece.text)
                text = texts[which]
                out.append((piece.op, text[start : at[which]] if text is not None else self.v(piece.text)))
            return out

        rows: list[dict] = []
        for change in pair.changes:
            op = change.op
            opens = any(change.new_paragraph)
            left, right = pieces(change, "before"), pieces(change, "after")
            last = rows[-1] if rows else None
            if last and last["op"] == op and op != "replace" and not opens:
                last["left"] += left
                last["right"] += right
            elif last and last["op"] == "delete" and op == "insert" and not last["right"]:
                # dropped sentences, then added ones in their place: one row, side by side
                last.update(op="swap", right=right)
            else:
                rows.append({"op": op, "para": opens, "left": left, "right": right})
        return rows

    @staticmethod
    def _years(before: Document, after: Document) -> tuple[int, int]:
        from ..knowledge.indicators import document_year

        return document_year(before), document_year(after)
