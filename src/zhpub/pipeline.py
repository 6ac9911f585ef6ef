"""The text pipeline: raw scrape bytes -> canonical Simplified text -> Document.

    decode -> errata -> chrome -> rejoin -> mojibake -> pinyin -> punctuation -> script -> layout -> structure

Mojibake comes before pinyin: the mirror's annotations inside and around a garbled span are its evidence
(which codes the byte replace matched).

Every stage is a pure function returning its text and its changes (see changes.py). The pipeline places each
change in the source file (line, column) and keeps the stage-by-stage record, from which the source can be
rebuilt exactly (``reconstruct_source``).
"""

from __future__ import annotations

import contextlib
import gc
import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .changes import Finding, PositionMap, Stage, undo_changes
from .text.chrome import strip_chrome
from .text.convert import to_traditional
from .text.decode import decode_source
from .text.errata import Erratum, apply_errata
from .errors import LineIndex, Location, ZhpubError
from .text.layout import canonical_layout, rejoin_lines
from .model import ON_REQUEST_VARIANTS, Block, Document, Problem, RecordedChange, ReportNote
from .text.mojibake import repair_mojibake
from .text.pinyin import drop_annotations
from .text.punctuation import fix_punctuation
from .text.residue import residue
from .text.script import to_canonical_simplified
from .text.structure import note_entry, structure

TEXT_STAGES: Sequence[Callable[[str], Stage]] = (
    strip_chrome,
    rejoin_lines,
    repair_mojibake,
    drop_annotations,
    fix_punctuation,
    to_canonical_simplified,
    canonical_layout,
)


@dataclass
class Normalised:
    source: str  # the decoded source text, as in the file
    encoding: str
    text: str  # canonical Simplified text, blocks separated by blank lines
    stages: list[Stage]
    lines: LineIndex
    problems: list[Problem] = field(default_factory=list)

    def to_source(self, stage_index: int, offset: int) -> int:
        """Map an offset in the *input* of stage ``stage_index`` back to an offset in ``source``."""
        for stage in reversed(self.stages[:stage_index]):
            offset = stage.map.to_input(offset)  # type: ignore[attr-defined]
        return offset

    def to_decoded(self, stage_index: int, offset: int) -> int:
        """Map an offset in the input of stage ``stage_index`` back to the decoded text (BOM and line ends
        normalised): what errata are matched against."""
        for stage in reversed(self.stages[1:stage_index]):
            offset = stage.map.to_input(offset)  # type: ignore[attr-defined]
        return offset

    def place(self, stage_index: int, offset: int) -> tuple[int, int]:
        return self.lines.place(self.to_source(stage_index, offset))


def normalise_text(data: bytes, path: str = "<input>", errata: Sequence[Erratum] = ()) -> Normalised:
    decoded, encoding, source = decode_source(data, path)
    stages = [decoded, apply_errata(decoded.text, list(errata))]
    for run in TEXT_STAGES:
        stages.append(run(stages[-1].text))
    for stage in stages:
        stage.map = PositionMap(stage.changes)  # type: ignore[attr-defined]
    result = Normalised(source, encoding, stages[-1].text, stages, LineIndex(source))
    if not result.text.strip():
        raise ZhpubError(
            "no report text left after removing spam and site chrome",
            Location(path),
            "check that this is the scraped report and not an error page",
        )

    # Findings of the stages, then residue in the final text that no finding already covers.
    spans: list[tuple[int, int]] = []
    problems: list[Problem] = []
    for index, stage in enumerate(stages):
        for finding in stage.findings:
            spans.append((result.to_source(index, finding.start), result.to_source(index, finding.end)))
            problems.append(_problem(result, index, finding))
    for finding in residue(result.text):
        at = result.to_source(len(stages), finding.start)
        if not any(start <= at < end for start, end in spans):
            problems.append(_problem(result, len(stages), finding))
    result.problems = sorted(problems, key=lambda p: (p.line, p.column))
    return result


def _problem(result: Normalised, stage_index: int, finding: Finding) -> Problem:
    line, column = result.place(stage_index, finding.start)
    return Problem(finding.rule, line, column, finding.text, finding.message)


def recorded_changes(result: Normalised) -> list[RecordedChange]:
    record = []
    for index, stage in enumerate(result.stages):
        changes = sorted(stage.changes, key=lambda c: c.start)
        offsets = [c.start for c in changes]
        for earlier in reversed(result.stages[:index]):
            if earlier.changes:
                offsets = earlier.map.to_input_many(offsets)  # type: ignore[attr-defined]
        for change, (line, column) in zip(changes, result.lines.place_many(offsets)):
            record.append(
                RecordedChange(stage.name, change.rule, line, column, change.before, change.after, change.note,
                               change.start, change.end)
            )
    return record


def reconstruct_source(text: str, record: Sequence[RecordedChange]) -> str:
    """Rebuild the decoded source from the canonical text and the corrections record."""
    stages: dict[str, list] = {}
    order: list[str] = []
    from .changes import Change

    for rc in record:
        if rc.stage not in stages:
            stages[rc.stage] = []
            order.append(rc.stage)
        stages[rc.stage].append(Change(rc.rule, rc.start, rc.end, rc.before, rc.after, rc.note))
    for name in reversed(order):
        text = undo_changes(text, stages[name])
    return text


@contextlib.contextmanager
def _without_cyclic_gc():
    """The pipeline allocates a few hundred thousand small, acyclic objects per MB (changes, offsets). Python's
    cyclic collector would scan the growing heap again and again, making cost superlinear in size
    (measured: 1.04 vs 1.54 MB/s at 2 MB, bench/normalise_speed.py). Reference counting still frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_document(
    slug: str,
    data: bytes,
    path: str,
    meta: dict | None = None,
    errata: Sequence[Erratum] = (),
    protected_names: Sequence[str] = (),
) -> Document:
    with _without_cyclic_gc():
        return _build_document(slug, data, path, meta, errata, protected_names)


def _build_document(slug, data, path, meta, errata, protected_names) -> Document:
    result = normalise_text(data, path, errata)
    last = len(result.stages)
    blocks = []
    names = tuple(protected_names)
    seen: dict[str, int] = {}
    problems = list(result.problems)
    for raw in structure(result.text):
        line, _ = result.place(last, raw.offset)
        if raw.id in seen:  # a problem, not an exception: the other problems of the document are reported too
            column = result.place(last, raw.offset)[1]
            problems.append(Problem(
                "duplicate-id", line, column, raw.text[:20],
                f"the document's numbering gives id {raw.id!r} twice (first at line {seen[raw.id]}); check the part "
                "and section numbers at both lines (a repeated or skipped 一、/（一）) and fix them with an erratum",
            ))
        seen.setdefault(raw.id, line)
        text = {"hans": raw.text, "hant": to_traditional(raw.text, "hant", names)}
        lead = {"hans": raw.lead, "hant": text["hant"][: len(raw.lead)]} if raw.lead else {}
        blocks.append(Block(raw.id, raw.kind, raw.level, text, raw.number, raw.parent, lead, line))
    extracted = extract_metadata(result, blocks)
    extracted.update(meta or {})
    extracted["encoding"] = result.encoding
    problems.sort(key=lambda p: (p.line, p.column))
    notes = [ReportNote(term, explanation, b.id) for b in blocks if b.id.startswith("notes") and b.kind == "paragraph"
             for term, explanation in [note_entry(b.text["hans"]) or ("", "")] if term]
    return Document(slug, extracted, blocks, recorded_changes(result), problems, path, report_notes=notes, names=names)


def with_variants(doc: Document, variants: Sequence[str]) -> Document:
    """``doc`` with the on-request variants of ``variants`` it lacks (``hk``: Traditional with Hong Kong glyphs),
    each block derived from the canonical text as ``hant`` is (by words, sense rules, the document's names as names).
    Ids and indicators stay as they are; each glossary hit of the Simplified is a hit of the new variant too, at the
    same offsets (conversion keeps every block's length; a block whose length changed gets no hits)."""
    unknown = [v for v in variants if v not in (*doc.variants, *ON_REQUEST_VARIANTS)]
    if unknown:
        raise ValueError(f"unknown variant {unknown[0]!r}; on request: {', '.join(ON_REQUEST_VARIANTS)}")
    extra = [v for v in ON_REQUEST_VARIANTS if v in variants and v not in doc.variants]
    if not extra:
        return doc
    blocks = []
    for b in doc.blocks:
        text, lead = dict(b.text), dict(b.lead)
        for v in extra:
            text[v] = to_traditional(b.text["hans"], v, doc.names)
            if b.lead:
                lead[v] = text[v][: len(b.lead["hans"])]
        blocks.append(dataclasses.replace(b, text=text, lead=lead))
    texts = {b.id: b.text for b in blocks}
    hits = list(doc.glossary_hits)
    for v in extra:
        hits += [dataclasses.replace(h, variant=v, text=texts[h.block][v][h.start : h.end]) for h in doc.glossary_hits
                 if h.variant == "hans" and len(texts[h.block][v]) == len(texts[h.block]["hans"])]
    return dataclasses.replace(doc, blocks=blocks, variants=(*doc.variants, *extra), glossary_hits=hits)


DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# the same in Chinese numerals, as many reports print it: 二〇二三年一月十日 (〇 is often typed as ○ or 零)
CN_DATE_RE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")
YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}


YEAR_MONTH_RE = re.compile(r"(\d{4})年\d{1,2}月|([〇○零一二三四五六七八九]{4})年[一二三四五六七八九十]{1,3}月")


def year_in(text: str) -> int:
    """The year of the first date in ``text`` (2023年1月, 二〇二三年一月, with or without the day); 0 if none."""
    m = YEAR_MONTH_RE.search(text)
    if not m:
        return 0
    return int(m.group(1) or "".join(YEAR_DIGITS[c] for c in m.group(2)))


def date_in(text: str) -> str:
    """The first full date in ``text`` as YYYY-MM-DD, in Arabic or Chinese numerals; "" if none."""
    from .text.structure import chinese_number

    found = []
    if d := DATE_RE.search(text):
        found.append((d.start(), int(d.group(1)), int(d.group(2)), int(d.group(3))))
    for d in CN_DATE_RE.finditer(text):
        if d.group(3):
            year = int("".join(YEAR_DIGITS[c] for c in d.group(1)))
            found.append((d.start(), year, chinese_number(d.group(2)), chinese_number(d.group(3))))
            break
    for _, year, month, day in sorted(found):  # the earliest in the text
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return ""
VENUE_RE = re.compile(r"[日月]在(.+?)上$")  # ——2023年1月10日在…上, ——二〇二三年一月在…上


def clean_fragment(text: str) -> str:
    """Run a fragment (a removed headline, say) through the cleaning stages, for metadata."""
    for run in TEXT_STAGES[1:-1]:
        text = run(text).text
    return text.strip()


def extract_metadata(result: Normalised, blocks: Sequence[Block]) -> dict:
    """Title, subtitle, date, venue and speaker from the title block and the page headline the chrome stage cut."""
    meta: dict = {}
    chrome = result.stages[2]
    headline = [clean_fragment(c.before) for c in chrome.changes if c.rule == "page-headline"]
    stamps = [clean_fragment(c.before) for c in chrome.changes if c.rule == "chrome-timestamp"]
    titles = [b for b in blocks if b.kind == "title"]
    subtitles = [b.text["hans"] for b in blocks if b.kind == "subtitle"]
    speakers = [b.text["hans"] for b in blocks if b.kind == "speaker"]
    if headline:
        meta["headline"] = headline[0]
        meta["title"] = re.sub(r"[（(]全文[)）]$", "", headline[0])
    elif titles:
        meta["title"] = titles[0].text["hans"]
    if titles:
        meta["document_title"] = titles[-1].text["hans"]
    for sub in headline[1:] + subtitles:
        date = date_in(sub)
        if date and "date" not in meta:
            meta["date"] = date
        v = VENUE_RE.search(sub)
        if v and len(v.group(1)) > len(meta.get("venue", "")):
            meta["venue"] = v.group(1)
    if subtitles:
        meta["subtitle"] = subtitles[0]
    if speakers:
        m = re.match(r"^(.*?(?:[长席任记]|总理))[\s\u3000]*(\S(?:[\s\u3000]?\S){1,4})$", speakers[0])
        if m:  # 国务院总理　李　强: the name's typographic spacing is not part of it
            meta["speaker_role"], meta["speaker"] = m.group(1), re.sub(r"[\s\u3000]", "", m.group(2))
        else:
            meta["speaker"] = speakers[0]
    if stamps:
        meta["mirror_published"] = stamps[0]
    return meta
