"""The Document model: the one thing renderers see.

Block ids come from the document's own numbering and are the same in every script variant:
``title``/``subtitle``/``speaker`` for the title block, ``intro-pN`` before part one, ``sN`` for part N
(一、…), ``sN-M`` for section M of part N （M）, ``sN-pK``/``sN-M-pK`` for paragraph K in a part or section.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .variants import DEFAULT, LANG_TAGS, ON_REQUEST  # the editions, declared once (variants.py)

VARIANTS = DEFAULT  # ("hans", "hant"): canonical Simplified first; Traditional derived from it
# Traditional with Hong Kong glyphs (香港 standard: 綫, 裏, 着), derived like hant but only on request
# (mkdocs.yml's zhpub `variants:`, `zhpub export --variant hk`): pipeline.with_variants
ON_REQUEST_VARIANTS = ON_REQUEST
__all__ = ["LANG_TAGS", "ON_REQUEST_VARIANTS", "VARIANTS"]  # re-exported: older callers import them from here


@dataclass
class Block:
    id: str
    kind: str  # title | subtitle | speaker | salutation | part | section | paragraph
    level: int  # 0 title block, 1 part, 2 section, 3 paragraph
    text: dict[str, str]  # variant -> text
    number: str = ""  # the document's own number: "三", "二", or the paragraph's ordinal "4"
    parent: str = ""  # id of the enclosing part or section
    lead: dict[str, str] = field(default_factory=dict)  # run-in head (prefix of text), per variant
    source_line: int = 0  # 1-based line in the source file

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "level": self.level, "text": self.text}
        if self.number:
            data["number"] = self.number
        if self.parent:
            data["parent"] = self.parent
        if self.lead:
            data["lead"] = self.lead
        data["source_line"] = self.source_line
        return data


@dataclass(slots=True)
class RecordedChange:
    """One change of the corrections record, placed in the source file."""

    stage: str
    rule: str
    line: int
    column: int
    before: str
    after: str
    note: str
    start: int  # offset in the stage's input (for exact replay)
    end: int

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage, "rule": self.rule, "line": self.line, "column": self.column,
            "before": self.before, "after": self.after, "note": self.note, "start": self.start, "end": self.end,
        }


@dataclass
class Problem:
    """Something left unresolved in the text, placed in the source file."""

    rule: str
    line: int
    column: int
    text: str
    message: str

    def __str__(self) -> str:
        hint = ("; accept a reading with `zhpub errata DOC --accept LINE:COL=N`, or write an erratum in errata.yaml"
                if self.rule == "mojibake" else "")
        return f"{self.message}: {self.text!r}{hint}"


@dataclass(frozen=True)
class ReportNote:
    """An entry of the report's own 名词解释 (back matter): the report's own explanation of a term."""

    term: str
    explanation: str
    block: str  # id of the entry's block, e.g. notes-3


@dataclass
class Document:
    slug: str
    meta: dict[str, Any]
    blocks: list[Block]
    changes: list[RecordedChange]
    problems: list[Problem]
    source_path: str = ""
    variants: tuple[str, ...] = VARIANTS
    glossary_hits: list[Any] = field(default_factory=list)
    indicators: list[Any] = field(default_factory=list)
    glossary_notes: dict[str, dict[str, str]] = field(default_factory=dict)  # headword -> {zh, en}: this report's use
    report_notes: list[ReportNote] = field(default_factory=list)  # glossary candidates from its 名词解释
    # the published-ids manifest and the document's alignment with it (zhpub.manifest): errors stop a build
    manifest: Any = None
    id_errors: list[Any] = field(default_factory=list)
    id_changes: list[Any] = field(default_factory=list)
    names: tuple[Any, ...] = ()  # protected names (document.yaml `names:`), converted as names in every variant
    # what the model was made from, as a cache key (content.document_key); "" for a scrape outside a project.
    # Products made from the model alone (a PDF edition, data files) are cached under it (cache.py)
    cache_key: str = field(default="", compare=False, repr=False)

    def block(self, block_id: str) -> Block:
        """The block with this id (the first, as a scan of ``blocks`` finds it). By an index made at the first look-up
        (the glossary page and the citations look up every hit's block and its parents: thousands a page); a block
        renamed or added since is found by making the index again."""
        index = self.__dict__.get("_block_index")
        found = index.get(block_id) if index is not None else None
        if found is None or found.id != block_id:
            index = {}
            for b in self.blocks:
                index.setdefault(b.id, b)
            self.__dict__["_block_index"] = index
            found = index.get(block_id)
            if found is None:
                raise KeyError(block_id)
        return found

    def __getstate__(self) -> dict:
        """Pickled (the build cache) without the look-up index, which is made again when needed."""
        state = dict(self.__dict__)
        state.pop("_block_index", None)
        return state

    @property
    def ids(self) -> list[str]:
        return [b.id for b in self.blocks]

    @property
    def anchor_ids(self) -> list[str]:
        """Every id a citation can point at: blocks, then indicators (ind-<block>-<n>)."""
        return self.ids + [i.id for i in self.indicators]

    def text(self, variant: str = "hans") -> str:
        return "\n\n".join(b.text[variant] for b in self.blocks)
