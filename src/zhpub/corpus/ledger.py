"""The target ledger: for each series and year Y, each target of report Y against the result report Y+1 states
for Y, with a verdict and the rule that gave it.

Rules (a measure's `better`, `close` and `about` come from corpus/measures.yaml):
- higher is better: the floor is the target's figure (左右, 以上, or the low end of a range 6.5%－7%). met at or
  above it; close when below by no more than `close`; missed beyond.
- lower is better: the ceiling is the figure (左右, 以内, 低于, or the high end of a range). met at or below it;
  close when above by no more than `close`; missed beyond.
- band: inside the range, or within ± `about` of a 左右 figure (以上: no upper end; 以内/以下/低于: no lower end).
  met inside; close within `close` outside; missed beyond.
- not reported: a target, and no figure for that year in the next report; no target: a figure and no target;
  pending: a target whose next report is not in the corpus.
A result written 超过3% or 5.3%以下 counts at its stated figure. 力争 (a stretch goal) is judged like any target.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..knowledge.indicators import Indicator, classify_blocks, document_year
from ..model import Document
from .measures import Measure, Measures
from .series import SeriesRun

VERDICTS = ("met", "close", "missed", "not reported", "no target", "pending")
VERDICT_LABELS = {
    "met": {"hans": "完成", "hant": "完成", "en": "met"},
    "close": {"hans": "接近", "hant": "接近", "en": "close"},
    "missed": {"hans": "未完成", "hant": "未完成", "en": "missed"},
    "not reported": {"hans": "未报告结果", "hant": "未報告結果", "en": "not reported"},
    "no target": {"hans": "未设目标", "hant": "未設目標", "en": "no target"},
    "pending": {"hans": "待下年报告", "hant": "待下年報告", "en": "pending"},
}
RISING = ("增长", "上升", "提高", "提升", "上涨", "增加")
# A review that judges a target in words when it gives no figure: 预期增长目标未能实现, 超过全年预期目标
MISSED_IN_WORDS = re.compile(r"目标(?:未能|没有|未)(?:实现|完成|达到)|未(?:能)?(?:实现|完成|达到)[^，。；]{0,6}目标|低于[^，。；]{0,8}预期目标")
MET_IN_WORDS = re.compile(r"(?:完成|实现|超过|好于)[^，。；]{0,6}(?:预期)?目标")


@dataclass(frozen=True)
class Side:
    """One side of a ledger row: a figure of one document, in the measure's unit."""

    doc: str  # document slug
    report_year: int
    indicator: Indicator
    value: float
    upper: float | None

    @property
    def block(self) -> str:
        return self.indicator.block

    @property
    def text(self) -> str:
        return self.indicator.phrase

    @property
    def hedges(self) -> list[str]:
        return [h for h in self.indicator.hedge.split("+") if h]


@dataclass(frozen=True)
class Statement:
    """A review's verdict in words on a measure it gives no figure for."""

    doc: str
    block: str
    sentence: str
    verdict: str  # met | missed


@dataclass(frozen=True)
class LedgerRow:
    series: str
    year: int  # the year the target is for
    measure: Measure
    target: Side | None
    result: Side | None
    verdict: str
    reason: Rule  # how the verdict was reached, with the figures
    said: Statement | None = None  # the next report's verdict in words, when it gives no figure

    @property
    def rule(self) -> str:
        """The reason in English, as the data files give it."""
        return self.reason.text("en")

    def to_json(self) -> dict:
        side = side_json
        return {"series": self.series, "year": self.year, "measure": self.measure.id, "label": self.measure.label,
                "unit": self.measure.unit, "target": side(self.target), "result": side(self.result),
                "verdict": self.verdict, "rule": self.rule,
                "said": {"doc": self.said.doc, "block": self.said.block, "text": self.said.sentence} if self.said else None}


def side_json(s: Side | None) -> dict | None:
    if s is None:
        return None
    return {"doc": s.doc, "report_year": s.report_year, "block": s.block, "indicator": s.indicator.id,
            "text": {"hans": s.indicator.phrase, "hant": s.indicator.phrase_hant}, "value": s.value,
            "upper": s.upper, "unit": s.indicator.unit, "hedge": s.indicator.hedge}


def _side(doc: Document, indicator: Indicator, measure: Measure) -> Side:
    factor = measure.units[indicator.unit]
    value = indicator.value * factor
    upper = indicator.upper * factor if indicator.upper is not None else None
    if measure.change == "decline" and any(indicator.comparison.endswith(v) for v in RISING):
        value, upper = -value, (-upper if upper is not None else None)  # a rise is a negative fall
    return Side(doc.slug, document_year(doc), indicator, value, upper)


def figures(doc: Document, measures: Measures, kind: str) -> dict[str, Side]:
    """The first figure of each measure of one kind (target-year, result-year) in a document, in text order."""
    out: dict[str, Side] = {}
    for indicator in doc.indicators:
        if indicator.kind != kind:
            continue
        measure = measures.measure_of(indicator)
        if measure and measure.id not in out:
            out[measure.id] = _side(doc, indicator, measure)
    return out


def statements(doc: Document, measures: Measures) -> dict[str, Statement]:
    """Sentences of the review of last year that name a measure and say in words whether its target was met."""
    kinds = classify_blocks(doc)
    out: dict[str, Statement] = {}
    for block in doc.blocks:
        if kinds.get(block.id) != "result-year":
            continue
        for sentence in re.split(r"(?<=[。；])", block.text["hans"]):
            verdict = "missed" if MISSED_IN_WORDS.search(sentence) else "met" if MET_IN_WORDS.search(sentence) else ""
            if not verdict or re.search(r"\d", sentence):
                continue
            names = [(len(n), m) for m in measures.measures.values() for n in m.names if n in sentence]
            if names:
                measure = max(names, key=lambda t: t[0])[1]
                out.setdefault(measure.id, Statement(doc.slug, block.id, sentence, verdict))
    return out


def _fmt(x: float) -> str:
    return f"{x:g}"


# How a verdict was reached, in each language the site speaks: a head that states the comparison and a tail that
# states the outcome, or a sentence of its own when a side is missing. The figures fill the same slots in each.
RULE_TEXTS = {
    "en": {"higher": "higher is better: result {r} against floor {floor}",
           "lower": "lower is better: result {r} against ceiling {ceiling}",
           "band": "band {low}–{high}: result {r}", "band-from": "band {low} or more: result {r}",
           "band-to": "band up to {high}: result {r}",
           "met": " → met", "close": ", {gap} on the wrong side (close within {close}) → close",
           "missed": ", {gap} on the wrong side (more than {close}) → missed",
           "in-words": "no figure; the {next} report says so in words",
           "not-reported": "the {next} report states no figure for {year}",
           "pending": "no {next} report in the corpus yet",
           "no-target": "the {year} report set no target; the {next} report states a figure"},
    "hans": {"higher": "越高越好：结果 {r}，下限 {floor}", "lower": "越低越好：结果 {r}，上限 {ceiling}",
             "band": "区间 {low}–{high}：结果 {r}", "band-from": "区间 {low} 以上：结果 {r}",
             "band-to": "区间 {high} 以内：结果 {r}",
             "met": " → 完成", "close": "，差 {gap}（差距在 {close} 以内为接近）→ 接近",
             "missed": "，差 {gap}（超过 {close}）→ 未完成",
             "in-words": "没有数字；{next} 年报告以文字说明",
             "not-reported": "{next} 年报告未给出 {year} 年的数字",
             "pending": "语料中尚无 {next} 年报告",
             "no-target": "{year} 年报告未设目标；{next} 年报告给出了数字"},
    "hant": {"higher": "越高越好：結果 {r}，下限 {floor}", "lower": "越低越好：結果 {r}，上限 {ceiling}",
             "band": "區間 {low}–{high}：結果 {r}", "band-from": "區間 {low} 以上：結果 {r}",
             "band-to": "區間 {high} 以內：結果 {r}",
             "met": " → 完成", "close": "，差 {gap}（差距在 {close} 以內為接近）→ 接近",
             "missed": "，差 {gap}（超過 {close}）→ 未完成",
             "in-words": "沒有數字；{next} 年報告以文字說明",
             "not-reported": "{next} 年報告未給出 {year} 年的數字",
             "pending": "語料中尚無 {next} 年報告",
             "no-target": "{year} 年報告未設目標；{next} 年報告給出了數字"},
}


@dataclass(frozen=True)
class Rule:
    """How a verdict was reached: the comparison made (`head`) and its outcome (`tail`), with the figures."""

    head: str
    tail: str = ""
    figures: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str = "en") -> str:
        texts, values = RULE_TEXTS[lang], dict(self.figures)
        return texts[self.head].format(**values) + (texts[self.tail].format(**values) if self.tail else "")


def _rule(head: str, tail: str = "", **figures: float | int) -> Rule:
    shown = {k: (_fmt(v) if isinstance(v, float) else str(v)) for k, v in figures.items()}
    return Rule(head, tail, tuple(sorted(shown.items())))


def judge(measure: Measure, target: Side, result: Side) -> tuple[str, Rule]:
    """(verdict, rule) for a target and its result."""
    r, hedges, comparison = result.value, target.hedges, target.indicator.comparison
    if measure.better == "higher":
        head, bounds = "higher", {"floor": target.value}
        gap = target.value - r
    elif measure.better == "lower":
        ceiling = target.upper if target.upper is not None else target.value
        head, bounds = "lower", {"ceiling": ceiling}
        gap = r - ceiling
    else:
        if target.upper is not None:
            low, high = target.value, target.upper
        elif "以上" in hedges or comparison in ("超过", "突破", "高于"):
            low, high = target.value, math.inf
        elif any(h in hedges for h in ("以内", "以下")) or comparison == "低于":
            low, high = -math.inf, target.value
        else:
            low, high = target.value - measure.about, target.value + measure.about
        gap = max(low - r, r - high, 0.0)
        head = "band-from" if high == math.inf else "band-to" if low == -math.inf else "band"
        bounds = {k: v for k, v in (("low", low), ("high", high)) if not math.isinf(v)}
    gap = round(gap, 6)
    verdict = "met" if gap <= 0 else "close" if gap <= measure.close + 1e-9 else "missed"
    extra = {} if verdict == "met" else {"gap": gap, "close": measure.close}
    return verdict, _rule(head, verdict, r=r, **bounds, **extra)


def ledger(run: SeriesRun, measures: Measures) -> list[LedgerRow]:
    rows: list[LedgerRow] = []
    for year in run.years:
        targets = figures(run.documents[year], measures, "target-year")
        following = run.documents.get(year + 1)
        results = figures(following, measures, "result-year") if following else {}
        in_words = statements(following, measures) if following else {}
        for mid, measure in measures.measures.items():
            target, result = targets.get(mid), results.get(mid)
            if target and result:
                verdict, rule = judge(measure, target, result)
            elif target and following and mid in in_words:
                verdict, rule = in_words[mid].verdict, _rule("in-words", next=year + 1)
            elif target and following:
                verdict, rule = "not reported", _rule("not-reported", year=year, next=year + 1)
            elif target:
                verdict, rule = "pending", _rule("pending", next=year + 1)
            elif result:
                verdict, rule = "no target", _rule("no-target", year=year, next=year + 1)
            else:
                continue
            said = in_words.get(mid) if target and not result else None
            rows.append(LedgerRow(run.series.id, year, measure, target, result, verdict, rule, said if verdict in ("met", "missed") else None))
    return rows


@dataclass(frozen=True)
class TargetChange:
    measure: Measure
    year: int
    before: Side
    after: Side
    direction: str  # raised | lowered | kept (for the reader: a higher GDP floor is raised, whatever is better)

    def to_json(self) -> dict:
        return {"year": self.year, "measure": self.measure.id, "direction": self.direction,
                "before": side_json(self.before), "after": side_json(self.after)}


def _level(side: Side) -> float:
    return (side.value + side.upper) / 2 if side.upper is not None else side.value


def target_changes(rows: list[LedgerRow]) -> list[TargetChange]:
    """Targets raised, lowered or kept from one year to the next (midpoint of a range)."""
    by_measure: dict[str, dict[int, Side]] = {}
    for r in rows:
        if r.target:
            by_measure.setdefault(r.measure.id, {})[r.year] = r.target
    out = []
    measure_of = {r.measure.id: r.measure for r in rows}
    for mid, years in by_measure.items():
        for y in sorted(years):
            if y - 1 in years:
                a, b = _level(years[y - 1]), _level(years[y])
                direction = "raised" if b > a + 1e-9 else "lowered" if b < a - 1e-9 else "kept"
                out.append(TargetChange(measure_of[mid], y, years[y - 1], years[y], direction))
    return sorted(out, key=lambda c: (c.year, c.measure.id))


def dropped_measures(rows: list[LedgerRow]) -> list[tuple[int, Measure, Side]]:
    """(year, measure, last target): measures a report stops setting a target for, having set one the year before."""
    targeted: dict[str, dict[int, Side]] = {}
    years = sorted({r.year for r in rows})
    measure_of = {r.measure.id: r.measure for r in rows}
    for r in rows:
        if r.target:
            targeted.setdefault(r.measure.id, {})[r.year] = r.target
    out = []
    for mid, by_year in targeted.items():
        for y in years:
            if y - 1 in by_year and y not in by_year:
                out.append((y, measure_of[mid], by_year[y - 1]))
    return sorted(out, key=lambda t: (t[0], t[1].id))
