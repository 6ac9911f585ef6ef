"""The glossary: slogans, formulas and programme names, loaded from glossary/*.yaml, checked, and found in text.

Schema and rules: glossary/README.md. Loading validates every entry and reports ``file:line: message``.
Matching is longest first, in both scripts, with no overlapping hits; only paragraph text is searched (never
ids, links or markup, which the renderers add around the hits).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..text.convert import to_traditional
from ..errors import Location, ZhpubError
from ..model import Document
from ..text.pinyin import plain
from ..schemas import validate
from ..yamlio import Mapping, load_yaml, location

CATEGORIES_FILE = "categories.yaml"  # the categories and their scopes: data, so a new province needs no code
DATA_FILES = (CATEGORIES_FILE, "indicator-names.yaml")  # kept beside the glossary, not glossary entries
LOCAL_SCOPES = ("province", "city", "county", "district")
# Wording by which an explanation speaks of one report (本报告以…, the Zhenjiang report uses …, per the report)
# rather than of the term: that belongs in the document's notes (content/<doc>/glossary-notes.yaml).
ONE_DOCUMENT = {
    "zh": re.compile(r"(?:本|该|此|这份)报告|[\u4e00-\u9fff]{2,4}报告(?=以|中以)|(?<![\u4e00-\u9fff])报告(?:要求|称|提出|以|中)"),
    "en": re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:[A-Z][a-z]+\s+)?report(?:'s)?\b"),
}
HAN = re.compile(r"[\u4e00-\u9fff]")
HAN_RUN = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]*")


@dataclass(frozen=True)
class Category:
    """A glossary file's category (glossary/categories.yaml): its label and the scope its terms belong to."""

    id: str
    label: dict[str, str]  # hans, hant, en
    scope: str  # national | province | city | county | district
    place: dict[str, str] = field(default_factory=dict)  # a local scope's place, hans/hant/en
    within: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "scope": self.scope, "place": self.place, "within": self.within}


@dataclass(frozen=True)
class Term:
    headword: str
    traditional: str
    pinyin: str
    english: str
    status: str
    category: str
    explanation: dict[str, str]
    source: str = ""
    components: tuple[dict[str, str], ...] = ()
    related: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    confidence: str = ""
    note: str = ""
    slug: str = ""  # ASCII anchor of the entry, from its pinyin
    where: str = ""  # file:line of the entry
    scope: str = ""  # from its category: national, province, city …
    place: str = ""  # a local scope's place (Simplified), from its category

    def forms(self, variant: str) -> list[str]:
        """Surface forms to look for in text of this variant."""
        forms = [self.headword, *self.aliases]
        if variant == "hans":
            return forms
        return [self.traditional] + [to_traditional(a) for a in self.aliases]

    def english_in(self, variant: str) -> Term:
        """The entry with the Chinese quoted inside its English fields (镇 stands for Zhenjiang; 强富美高) in the
        variant's script, so a Traditional page never shows a Simplified word in a gloss. The Chinese fields stay
        as loaded: the renderers convert those themselves."""
        if variant == "hans":
            return self
        def conv(text: str) -> str:
            return chinese_in_english(text, variant)
        return replace(self, english=conv(self.english), note=conv(self.note),
                       explanation={**self.explanation, "en": conv(self.explanation.get("en", ""))},
                       components=tuple({**c, "en": conv(c.get("en", ""))} for c in self.components))

    def to_json(self) -> dict[str, Any]:
        return {
            "headword": self.headword, "traditional": self.traditional, "slug": self.slug, "pinyin": self.pinyin,
            "english": self.english, "status": self.status, "source": self.source, "category": self.category,
            "scope": self.scope, "place": self.place, "explanation": self.explanation, "components": list(self.components), "related": list(self.related),
            "aliases": list(self.aliases), "confidence": self.confidence, "note": self.note,
        }


@dataclass(frozen=True)
class GlossaryHit:
    term: str  # headword
    block: str
    variant: str
    start: int  # offsets in the block's text of that variant
    end: int
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"term": self.term, "block": self.block, "variant": self.variant, "start": self.start,
                "end": self.end, "text": self.text}


@dataclass
class Glossary:
    terms: list[Term] = field(default_factory=list)
    categories: dict[str, Category] = field(default_factory=dict)  # in the order of categories.yaml

    def by_headword(self) -> dict[str, Term]:
        return {t.headword: t for t in self.terms}

    def english_in(self, variant: str) -> Glossary:
        """The glossary as a page of ``variant`` shows it (Term.english_in)."""
        if variant == "hans":
            return self
        return Glossary([t.english_in(variant) for t in self.terms], self.categories)


def chinese_in_english(text: str, variant: str) -> str:
    """English text with its runs of Han characters (and the punctuation between them) in ``variant``'s script:
    the English around them is never handed to the converter."""
    if variant == "hans" or not text:
        return text
    return HAN_RUN.sub(lambda m: to_traditional(m.group()), text)


def pinyin_slug(pinyin: str) -> str:
    ascii_ = plain(pinyin).replace("ü", "v")
    ascii_ = unicodedata.normalize("NFKD", ascii_).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def load_categories(path: Path) -> dict[str, Category]:
    """glossary/categories.yaml, checked against schemas/glossary-categories.schema.json (errors name file:line)."""
    if not path.is_file():
        raise ZhpubError(f"no {path.name} beside the glossary files", Location(str(path)),
                         "list each glossary file's category there, with its label and scope (see glossary/README.md)")
    data = load_yaml(path)
    validate("glossary-categories", data, Location(str(path), 1))
    categories = {}
    for cid, e in data.items():
        if e["scope"] in LOCAL_SCOPES and "place" not in e:
            raise ZhpubError(f"category {cid!r} has scope {e['scope']} but no place", location(path, e, "scope"),
                             "name the place: place: {hans: …, hant: …, en: …}")
        if e["scope"] == "national" and ("place" in e or "within" in e):
            raise ZhpubError(f"category {cid!r} is national but names a place", location(path, e, "place" if "place" in e else "within"),
                             "a national category has no place; give it a local scope or drop the place")
        categories[cid] = Category(cid, dict(e["label"]), e["scope"], dict(e.get("place") or {}), str(e.get("within", "")))
    return categories


def load_glossary(folder: Path) -> Glossary:
    if not folder.is_dir():
        return Glossary()
    terms: list[Term] = []
    seen: dict[str, str] = {}  # surface form -> where it was defined
    slugs: set[str] = set()
    entry_files = [p for p in sorted(folder.glob("*.yaml")) if p.name not in DATA_FILES]
    categories = load_categories(folder / CATEGORIES_FILE) if entry_files else {}
    for path in entry_files:
        if path.stem not in categories:
            raise ZhpubError(f"unknown glossary file {path.name}", Location(str(path)),
                             f"declare its category {path.stem!r} (label and scope) in {folder / CATEGORIES_FILE}, or name the file "
                             "after a category there: " + ", ".join(f"{c}.yaml" for c in categories))
        data = load_yaml(path)
        validate("glossary", data, Location(str(path), 1))  # fields, types, values: schemas/glossary.schema.json
        for entry in data or []:
            term = _term(path, entry, categories)
            for form in (term.headword, *term.aliases):
                if form in seen:
                    raise ZhpubError(
                        f"duplicate term {form!r} (also at {seen[form]})", location(path, entry, "headword"),
                        "each headword and alias may be defined once",
                    )
                seen[form] = term.where
            slug = term.slug
            n = 2
            while slug in slugs:
                slug, n = f"{term.slug}-{n}", n + 1
            slugs.add(slug)
            terms.append(_replace(term, slug=slug))
    headwords = {t.headword for t in terms}
    for term in terms:
        for related in term.related:
            if related not in headwords:
                path, line = term.where.rsplit(":", 1)
                raise ZhpubError(f"related term {related!r} has no entry", Location(path, int(line)),
                                 "add the entry or remove it from related")
    return Glossary(terms, categories)


def _replace(term: Term, **changes: Any) -> Term:
    from dataclasses import replace

    return replace(term, **changes)


def _text(path: Path, entry: Mapping, key: str, required: bool = True) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise ZhpubError(f"{key!r} must be non-empty text", location(path, entry, key if key in entry else None),
                         "see glossary/README.md")
    return value.strip()


def _term(path: Path, entry: Any, categories: dict[str, Category]) -> Term:
    # the entry's shape is the schema's (load_glossary validated it); what follows needs more than a schema
    headword = _text(path, entry, "headword")
    category = _text(path, entry, "category")
    if category not in categories:
        raise ZhpubError(f"unknown category {category!r}", location(path, entry, "category"),
                         f"use this file's category ({path.stem}), or declare a new one in {path.parent / CATEGORIES_FILE}")
    if category != path.stem:
        raise ZhpubError(f"category {category!r} in {path.name}", location(path, entry, "category"),
                         f"entries of category {category} belong in {category}.yaml")
    status = _text(path, entry, "status")
    source = _text(path, entry, "source", required=False)
    if status in ("official", "well-known") and not source:
        raise ZhpubError(f"status {status} needs a source URL", location(path, entry, "status"),
                         "give the URL where this English is used, or mark it suggested")
    explanation = entry["explanation"]
    for lang in ("zh", "en"):
        if m := ONE_DOCUMENT[lang].search(explanation[lang]):
            raise ZhpubError(
                f"the explanation speaks of one document ({m.group()!r}); it is shown with every document that uses the term",
                location(path, explanation, lang),
                "keep it general here, and say what that report does in content/<doc>/glossary-notes.yaml",
            )
    pinyin = _text(path, entry, "pinyin")
    # One syllable per Han character; Latin letters and digits are copied as they are (G312, 5G), and a
    # symbol read aloud (+ jiā) may add one.
    syllables = [t for t in re.split(r"[\s,，、]+", pinyin) if re.fullmatch(r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+", t)]
    han = len(HAN.findall(headword))
    symbols = len(re.findall(r"[^\u4e00-\u9fff\s，、]", headword))  # 4+1: sì jiā yī
    if not han <= len(syllables) <= han + symbols:
        raise ZhpubError(f"pinyin has {len(syllables)} syllables for {han} characters of {headword!r}",
                         location(path, entry, "pinyin"), "one syllable per character")
    derived = to_traditional(headword)
    traditional = _text(path, entry, "traditional", required=False) or derived
    components = entry.get("components") or []
    lists = {key: tuple(v.strip() for v in entry.get(key) or []) for key in ("related", "aliases")}
    confidence = _text(path, entry, "confidence", required=False)
    return Term(
        headword=headword, traditional=traditional, pinyin=pinyin, english=_text(path, entry, "english"),
        status=status, category=category,
        explanation={"zh": explanation["zh"].strip(), "en": explanation["en"].strip()},
        source=source, components=tuple({"zh": c["zh"], "en": c["en"]} for c in components),
        related=lists["related"], aliases=lists["aliases"], confidence=confidence,
        note=_text(path, entry, "note", required=False), slug=pinyin_slug(pinyin), where=f"{path}:{entry.line}",
        scope=categories[category].scope, place=categories[category].place.get("hans", ""),
    )


def _pattern(glossary: Glossary, variant: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    forms: dict[str, str] = {}
    for term in glossary.terms:
        for form in term.forms(variant):
            forms.setdefault(form, term.headword)
    if not forms:
        return None, forms
    alternatives = sorted(forms, key=lambda f: (-len(f), f))  # longest first
    return re.compile("|".join(re.escape(f) for f in alternatives)), forms


def find_hits(doc: Document, glossary: Glossary) -> list[GlossaryHit]:
    """Every occurrence of every term in the document's paragraphs, per variant, longest match first."""
    hits: list[GlossaryHit] = []
    for variant in doc.variants:
        pattern, forms = _pattern(glossary, variant)
        if pattern is None:
            continue
        for block in doc.blocks:
            if block.kind != "paragraph":
                continue
            for m in pattern.finditer(block.text[variant]):
                hits.append(GlossaryHit(forms[m.group()], block.id, variant, m.start(), m.end(), m.group()))
    return hits


def unused_terms(glossary: Glossary, docs: list[Document]) -> list[Term]:
    used = {h.term for doc in docs for h in doc.glossary_hits}
    return [t for t in glossary.terms if t.headword not in used]
