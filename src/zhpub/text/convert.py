"""Script conversion with OpenCC (the official binding), plus the project's override phrases.

- To Simplified: ``tw2s``, after fixing glyphs mirrors confuse (``data/t2s-glyph-fixes.tsv``)
  and keeping the words whose 著 is zhù (``data/t2s-keep-zhu.txt``), which tw2s would turn into 着. Mirror sites convert with Taiwan-style glyphs (著 for 着); OpenCC's plain ``t2s``
  keeps 著力 where the original has 着力 (14 wrong characters on the shipped report), ``tw2s`` fixes them.
- To Traditional: ``s2tw`` (Taiwan-standard glyphs, no vocabulary change) or ``s2hk``, with the phrases in
  ``data/s2t-overrides.tsv`` and a document's protected names placed in front of OpenCC's own dictionaries.
  OpenCC reads custom dictionaries only through a config file with absolute paths, so we write one: into
  anonymous in-memory files (memfd, named /proc/self/fd/N) that the kernel frees with the process, even one
  killed by SIGKILL; OpenCC reads them whole while it is constructed, and we close them right after. (Where
  there is no memfd, a temporary folder removed as soon as the converter exists.)

Conversion to Traditional respects word boundaries (``to_traditional``): the Simplified text is cut into words by
jieba first, and OpenCC converts each word on its own, so none of its phrase entries matches across two words
(更加|注重 is not 更加註重 through 加注; 一个|中国 not 一箇中國 through 个中; 足额|发放 not 足額髮放 through 额发).
Where jieba splits a run of whole words that OpenCC's phrase table knows as one entry (这|只 -> 這隻, 松|了 -> 鬆了),
the run is converted as one. A one-to-many character whose reading depends on the word next to it is decided by
the sense rules in ``data/s2t-senses.tsv`` (不准 "not allowed" -> 不准, 看不准 -> 看不準).
jieba, the slow part, runs only on the stretches where the cut can change the result (``WordConverter.convert``).
A one-character place abbreviation then takes the form it has in its place's name (秦沈高速 -> 秦瀋高速, “于响”商务区 ->
“于響”; ``place_abbreviation_forms``, data/s2t-place-characters.tsv), and place names the converter reads as words
are override phrases (data/s2t-place-names.tsv: 钟山 -> 鍾山), as are the transliterated names of jieba's dictionary whose
干 is a sound (塔什库尔干 -> 塔什庫爾干, ``transliterations``). Simplified's spelling before 1986 (象 for 像,
复 for 覆, 迭 for 叠) converts as today's: words by override phrases, 象 "like" by its context (``old_like_forms``,
data/s2t-old-spellings.tsv).
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import logging
import math
import re
import subprocess
import tempfile
import unicodedata
import dataclasses
from dataclasses import dataclass
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import jieba
import opencc

from ..variants import DECLARED
from .chardata import HAN

VARIANTS = {v.code: v.opencc for v in DECLARED if v.opencc}  # variant name -> OpenCC config (hant: s2tw, hk: s2hk)
VARIANT_STEPS = {v.code: v.glyph_step for v in DECLARED if v.opencc}  # OpenCC's regional glyph step alone, for words a sense rule decides

_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"


@functools.lru_cache(maxsize=None)
def _table(name: str) -> dict[str, str]:
    text = resources.files("zhpub").joinpath(f"data/{name}").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            found, meant = line.split("\t")
            table[found] = meant
    return table


def overrides() -> dict[str, str]:
    """The project's Simplified -> Traditional override phrases, the place names the converter got wrong, jieba's words
    whose 干 is dry (data/s2t-dry-words.tsv: 干法 -> 乾法) or whose 冲 is water's (data/s2t-rinse-words.tsv: 水冲 -> 水沖),
    and the old spellings of words (好象 converts as 好像 does: data/s2t-old-spellings.tsv)."""
    plain = _plain("s2t")  # OpenCC's first step alone: the form an override phrase is written in
    return (_table("s2t-dry-words.tsv") | _table("s2t-rinse-words.tsv") | _table("s2t-overrides.tsv")
            | _table("s2t-place-names.tsv")
            | {old: plain.convert(today) for old, today in old_spellings().words.items()})


@dataclass(frozen=True)
class OldSpellings:
    """Spellings of Simplified before 1986, which wrote 像 as 象, 覆 as 复, 叠 as 迭 (data/s2t-old-spellings.tsv)."""

    words: dict[str, str]  # a word's old spelling -> today's (好象 -> 好像, 复盖 -> 覆盖)
    comparison: tuple[str, ...]  # what ends a comparison 象 "like" begins (象过去那样, 象我国一样)
    examples: tuple[str, ...]  # what ends a list of examples a clause-initial 象 "such as" begins (…，等等)


@functools.lru_cache(maxsize=None)
def old_spellings() -> OldSpellings:
    return parse_old_spellings(resources.files("zhpub").joinpath("data/s2t-old-spellings.tsv").read_text(encoding="utf-8"))


def parse_old_spellings(text: str) -> OldSpellings:
    """data/s2t-old-spellings.tsv's rows; a malformed one is refused with its line number and the row shapes."""
    words: dict[str, str] = {}
    lists: dict[str, list[str]] = {"comparison": [], "examples": []}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, *fields = line.split("\t")
        if kind == "spelling" and len(fields) == 2 and len(fields[0]) == len(fields[1]) > 1:
            words[fields[0]] = fields[1]
        elif kind in lists and len(fields) == 1 and all(fields[0].split("|")):
            lists[kind] += fields[0].split("|")
        else:
            raise ValueError(f"data/s2t-old-spellings.tsv line {number}: {line!r}: write spelling<TAB>OLD<TAB>TODAY "
                             "(a word, both of one length), comparison<TAB>A|B or examples<TAB>A|B")
    return OldSpellings(words, tuple(lists["comparison"]), tuple(lists["examples"]))


_CLAUSE_END = re.compile("[，,；;。！？!?]")
_SENTENCE_END = re.compile("[；;。！？!?]")


@functools.lru_cache(maxsize=1)
def _jieba_dictionary_text() -> str:
    with _tokenizer().get_dict_file() as file:
        return file.read().decode("utf-8")


@functools.lru_cache(maxsize=None)
def word_class(word: str) -> str:
    """jieba's dictionary's part of speech of ``word`` (v verb, d adverb, n noun, ns place …; "" if it has none)."""
    found = re.search(f"^{re.escape(word)} \\d+ (\\w+)$", _jieba_dictionary_text(), re.MULTILINE)
    return found.group(1) if found else ""


_OPENING = "“「『《（(‘"  # an object may begin with a quotation or a title (都要象“一五”时期那样)
_JOINING = frozenset("和与及同跟或")  # before 象 these join a noun to another (狮子和象一样): the elephant


def old_like_forms(text: str, variant: str = "hant") -> dict[int, str]:
    """Where ``text`` writes 像 "like, such as" the way Simplified did before 1986, as 象 standing as a word of its own
    before its object: position -> 像. After a verb, an adverb, a preposition or a conjunction that joins no nouns (jieba's
    parts of speech), when its clause goes on to a comparison's end (应当象我国一样, 而不是象有些人所怀疑的那样; the
    elephant follows a noun or joins one: 亚洲象和人一样, 狮子和象一样), or at the start of a clause whose sentence compares
    or lists examples, before a word, a pronoun or a figure (象年产一百五十万吨钢的钢铁联合企业，…，等等; 象、虎 lists
    animals, 象|群 is a herd)."""
    if "象" not in text:
        return {}
    data, converter, found = old_spellings(), _word_converter(variant), {}
    # jieba cuts the text in blocks of the characters it segments (its re_han_default) and each block on its own, so a
    # block holding 象 is cut here as in the whole text
    for block in jieba.re_han_default.finditer(text):
        if "象" not in block.group():
            continue
        units, at = converter.units(block.group()), block.start()
        for k, unit in enumerate(units):
            rest = text[at + 1 : at + 2] if unit == "象" else ""
            if rest and (rest.isalnum() or rest in _OPENING):  # an object follows
                rest = text[at + 1 :]
                clause = rest[: m.start()] if (m := _CLAUSE_END.search(rest)) else rest
                if k == 0:
                    sentence = rest[: m.start()] if (m := _SENTENCE_END.search(rest)) else rest
                    after = units[1] if len(units) > 1 else ""
                    # a comparison ends the clause 象 opens (象这类人那样); a list of examples may run on through the
                    # sentence (象年产…的企业，…，等等); a comparison word later in the sentence is another clause's
                    # (象种群数量…增至360头，这样的成效: the elephant)
                    like = ((len(after) != 1 or word_class(after).startswith(("r", "m")))
                            and (any(word in clause for word in data.comparison)
                                 or any(word in sentence for word in data.examples)))
                else:
                    tag = word_class(units[k - 1]) if any(word in clause[1:] for word in data.comparison) else ""
                    like = tag.startswith(("v", "d", "p", "c")) and tag != "vn" and units[k - 1] not in _JOINING
                if like:
                    found[at] = "像"
            at += len(unit)
    return found


def character_defaults() -> dict[str, str]:
    """One-to-many characters whose reading outside OpenCC's phrases is not OpenCC's first (data/s2t-characters.tsv)."""
    return _table("s2t-characters.tsv")


def glyph_fixes() -> dict[str, str]:
    """Traditional glyphs mirrors confuse -> the character meant, applied before conversion to Simplified."""
    return _table("t2s-glyph-fixes.tsv")


@functools.lru_cache(maxsize=None)
def zhu_words() -> tuple[str, ...]:
    """Words whose 著 is zhù: kept from tw2s's Taiwan-variant step (see data/t2s-keep-zhu.txt)."""
    text = resources.files("zhpub").joinpath("data/t2s-keep-zhu.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=None)
def hk_glyphs() -> dict[str, str]:
    """Hong Kong glyph forms that tw2s leaves as they are (衞, 敍, 衹, 枱), mapped to OpenCC's standard form (衛, 敘, 只,
    台), from OpenCC's own HKVariants table: a text in Hong Kong glyphs (a mirror's, or our hk edition) simplifies fully."""
    taiwan, hong_kong = _plain("tw2s"), _plain("hk2s")
    table = {}
    for standard, variant in opencc_entries(("HKVariants.ocd2",), every_value=True):
        if (len(standard) == len(variant) == 1 and variant != standard and taiwan.convert(variant) == variant
                and hong_kong.convert(variant) != variant):  # not a Simplified character already (台, 才, 税)
            table[variant] = standard
    return table


@functools.lru_cache(maxsize=None)
def _simplifier() -> opencc.OpenCC:
    return _custom_converter(
        "tw2s",
        tuple(sorted((hk_glyphs() | glyph_fixes()).items())),
        first_step=True,
        keep=zhu_words(),
    )


def to_simplified(text: str) -> str:
    return _simplifier().convert(text)


@dataclass(frozen=True)
class ScriptClasses:
    """Single characters by script, as OpenCC's character tables (TSCharacters, STCharacters) read them."""

    traditional_only: frozenset[str]  # never written in Simplified: 國 -> 国, 這 -> 这
    simplified_only: frozenset[str]  # never written in Traditional: 国 -> 國
    simplified_too: frozenset[str]  # Traditional forms Simplified writes too: 乾 (乾县), 昇 (昇腾), 於 (a surname)


@functools.lru_cache(maxsize=None)
def script_classes() -> ScriptClasses:
    def forms(name: str) -> dict[str, set[str]]:
        table: dict[str, set[str]] = {}
        for key, value in opencc_entries((name,), every_value=True):
            if len(key) == 1:
                table.setdefault(key, set()).add(value)
        return table

    to_simp, to_trad = forms("TSCharacters.ocd2"), forms("STCharacters.ocd2")
    return ScriptClasses(
        traditional_only=frozenset(c for c, values in to_simp.items() if c not in values),
        simplified_only=frozenset(c for c, values in to_trad.items() if c not in values),
        simplified_too=frozenset(c for c, values in to_simp.items() if c in values),
    )


@functools.lru_cache(maxsize=None)
def general_standard_kept() -> frozenset[str]:
    """Characters of the 通用规范汉字表 (2013) that OpenCC reads as Traditional only (苧, 薳; data/t2s-keep-standard.txt)."""
    text = resources.files("zhpub").joinpath("data/t2s-keep-standard.txt").read_text(encoding="utf-8")
    return frozenset(line.split("\t")[0] for line in text.splitlines() if line.strip() and not line.startswith("#"))


def written_in_simplified(char: str) -> bool:
    """A character a Simplified text can have written on purpose: one OpenCC lists as one of its own Simplified forms
    (乾, 昇), one only the Taiwan-variant step changes (著 of 显著: plain t2s keeps it), or one the 通用规范汉字表 keeps
    that OpenCC reads as Traditional only (苧 of 苧烯)."""
    return (char in script_classes().simplified_too or _plain("t2s").convert(char) == char
            or char in general_standard_kept())


def surnames() -> dict[str, str]:
    """Surnames whose Traditional form differs from OpenCC's reading of the character alone (于 stays 于)."""
    return _table("s2t-surnames.tsv")


def name_to_traditional(name: str, variant: str = "hant") -> str:
    """A personal name converted as a name: the surname by the surname table, the given name by OpenCC on its own,
    so neither merges with the words around it into a phrase (于洪涛 -> 于洪濤, not 於洪濤; 许昆林 -> 許昆林)."""
    if variant not in VARIANTS or not name:
        return to_traditional(name, variant)
    plain = _plain(VARIANTS[variant])
    head = surnames().get(name[0]) or plain.convert(name[0])
    return head + plain.convert(name[1:])


@functools.lru_cache(maxsize=None)
def _plain(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


Protected = str | tuple[str, str]  # a name, or a name with its Traditional form given by hand


def to_traditional(text: str, variant: str = "hant", protected: tuple[Protected, ...] = ()) -> str:
    """``protected``: a document's names, each converted as a name (``name_to_traditional``) or as given."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {sorted(VARIANTS)}")
    converted = _to_traditional(text, variant, protected)
    forms = place_abbreviation_forms(text) | old_like_forms(text, variant)
    if not forms or len(converted) != len(text):  # a name given by hand with another length: positions move
        return converted
    for name in protected:  # a document's own name keeps the form it was given (沈大 the person, not 瀋大)
        name = name if isinstance(name, str) else name[0]
        for m in re.finditer(re.escape(name), text) if name else ():
            for at in range(m.start(), m.end()):
                forms.pop(at, None)
    step = _plain(VARIANT_STEPS[variant])
    chars = list(converted)
    for at, form in forms.items():
        chars[at] = step.convert(form)
    return "".join(chars)


def _to_traditional(text: str, variant: str, protected: tuple[Protected, ...]) -> str:
    converter = _word_converter(variant)
    forms = dict(entry if isinstance(entry, tuple) else (entry, name_to_traditional(entry, variant)) for entry in protected)
    forms = {name: form for name, form in forms.items() if name and name in text}
    if not forms:
        return converter.convert(text)
    # the text is cut at the names, so that no phrase of OpenCC's reaches into one (长于 in 市长于洪涛)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(forms, key=len, reverse=True)))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out += [converter.convert(text[pos : m.start()]), forms[m.group()]]
        pos = m.end()
    out.append(converter.convert(text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class PlaceAbbreviations:
    """One-character place abbreviations and the forms they take (data/s2t-place-characters.tsv)."""

    characters: frozenset[str]  # each abbreviates a province or begins a prefecture-level city's name
    forms: dict[str, str]  # an abbreviation character -> its form in its place's name, where it differs from alone
    initials: dict[str, str]  # a function word alone that begins place names -> its form there (于 -> 于)
    finals: dict[str, str]  # a word alone that ends estates' names -> its form there (里 -> 里)
    after_words: frozenset[str]  # finals that end a village's name after a word too (石板|冲|乡), not only after a character
    estates: tuple[str, ...]  # what follows a quoted estate's name (“幸福里”社区)
    places: tuple[str, ...]  # what follows a village's or a port's name ending in a final (娄里|水库, 别迭里|口岸)
    enterprises: tuple[str, ...]  # what follows an enterprise's short name (沈鼓|集团)
    nouns: tuple[str, ...]  # corridors, zones, joint projects: what follows an abbreviation
    modifiers: tuple[str, ...]  # what may stand between the abbreviation and its noun (沈抚|改革|创新|示范区)
    joint: tuple[str, ...]  # nouns of a joint undertaking (京沈|对口|合作): only after a character that is not first
    villages: tuple[str, ...]  # settlement nouns of a family's village: SURNAME家NOUN (于家庄, 党家村)
    transliterations: dict[str, str] = dataclasses.field(default_factory=dict)  # a sound in a transliterated name (干 -> 干)


@functools.lru_cache(maxsize=None)
def place_abbreviations() -> PlaceAbbreviations:
    return parse_place_characters(
        resources.files("zhpub").joinpath("data/s2t-place-characters.tsv").read_text(encoding="utf-8"))


def parse_place_characters(text: str) -> PlaceAbbreviations:
    """data/s2t-place-characters.tsv's rows; a malformed one is refused with its line number and the row shapes."""
    found: dict[str, list] = {"abbreviations": [], "form": [], "initial": [], "nouns": [], "modifiers": [], "villages": [], "final": [],
                              "estates": [], "places": [], "enterprises": [], "joint": [], "after-words": [],
                              "transliteration": []}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, *fields = line.split("\t")
        shape = {"abbreviations": 1, "nouns": 1, "modifiers": 1, "villages": 1, "estates": 1, "places": 1, "enterprises": 1, "joint": 1, "form": 3, "initial": 3,
                 "final": 3, "after-words": 2, "transliteration": 3}.get(kind)
        if shape is None or len(fields) != shape or (shape == 3 and not (len(fields[0]) == len(fields[1]) == 1)):
            raise ValueError(f"data/s2t-place-characters.tsv line {number}: {line!r}: write abbreviations<TAB>CHARS, "
                             "nouns<TAB>A|B, modifiers<TAB>A|B, villages<TAB>A|B, estates<TAB>A|B, places<TAB>A|B, enterprises<TAB>A|B, joint<TAB>A|B, final<TAB>CHAR<TAB>TRADITIONAL<TAB>EVIDENCE, after-words<TAB>CHARS<TAB>EVIDENCE, transliteration<TAB>CHAR<TAB>TRADITIONAL<TAB>EVIDENCE, form<TAB>CHAR<TAB>TRADITIONAL<TAB>PLACE or initial<TAB>CHAR<TAB>TRADITIONAL<TAB>PLACES")
        found[kind].append(fields)
    return PlaceAbbreviations(
        characters=frozenset(char for fields in found["abbreviations"] for char in fields[0]),
        forms={char: form for char, form, _ in found["form"]},
        initials={char: form for char, form, _ in found["initial"]},
        finals={char: form for char, form, _ in found["final"]},
        after_words=frozenset(char for chars, _ in found["after-words"] for char in chars),
        estates=tuple(word for fields in found["estates"] for word in fields[0].split("|")),
        places=tuple(word for fields in found["places"] for word in fields[0].split("|")),
        enterprises=tuple(word for fields in found["enterprises"] for word in fields[0].split("|")),
        joint=tuple(word for fields in found["joint"] for word in fields[0].split("|")),
        nouns=tuple(noun for fields in found["nouns"] for noun in fields[0].split("|")),
        modifiers=tuple(word for fields in found["modifiers"] for word in fields[0].split("|")),
        villages=tuple(word for fields in found["villages"] for word in fields[0].split("|")),
        transliterations={char: form for char, form, _ in found["transliteration"]},
    )


@functools.lru_cache(maxsize=None)
def transliterations() -> dict[str, str]:
    """Transliterated names as override phrases: the words jieba's dictionary tags as transliterations (``nrt``: 塔什库尔干,
    库尔干, 卡拉干达) that OpenCC's phrase table lacks and that hold a character whose sound form data/s2t-place-characters.tsv
    gives (transliteration rows: 干 stays 干), each as OpenCC's first step reads it with that character in its sound form.
    Such a word is a run of sounds: cut into the words it looks made of (塔什|库尔|干), its 干 read as the verb 幹."""
    forms = place_abbreviations().transliterations
    if not forms:
        return {}
    known = opencc_phrases(tuple(sorted(_ocd2_files(json.loads((_SHARE / "s2t.json").read_text(encoding="utf-8"))))))
    first_step = _plain("s2t")
    with _tokenizer().get_dict_file() as dictionary:  # lines "word frequency tag"
        text = dictionary.read()
    text = text.decode("utf-8") if isinstance(text, bytes) else text
    found = {}
    for m in re.finditer(f"^([^ \\n]*[{re.escape(''.join(sorted(forms)))}][^ \\n]*) [0-9]+ nrt\\r?$", text, re.M):
        word, read = m.group(1), first_step.convert(m.group(1))
        if word not in known and len(read) == len(word):
            found[word] = "".join(forms.get(s, t) for s, t in zip(word, read))
    return dict(sorted(found.items()))


@functools.lru_cache(maxsize=None)
def idioms_without_er() -> dict[str, str]:
    """OpenCC's idioms of the form A而B (six characters or more, one 而 inside) as they are also written, without their 而
    (牵一发而动全身 -> 牵一发动全身), each with the characters OpenCC's own entry gives them. Without its 而 an idiom is no
    word of jieba's, which cuts it across its parts (牵|一|发动|全身: 發動, not the hair, 髮); as a phrase entry it is joined
    again where its whole words meet (WordConverter._join_runs), so it can match nowhere else."""
    files = tuple(sorted(_ocd2_files(json.loads((_SHARE / "s2t.json").read_text(encoding="utf-8")))))
    known = opencc_phrases(files)
    found = {}
    for key, value in opencc_entries(files):
        if len(key) >= 6 and key.count("而") == 1 and 0 < key.index("而") < len(key) - 1 and len(value) == len(key):
            at = key.index("而")
            short = key[:at] + key[at + 1 :]
            if short not in known:
                found[short] = value[:at] + value[at + 1 :]
    return dict(sorted(found.items()))


@functools.lru_cache(maxsize=None)
def _place_patterns() -> tuple[re.Pattern[str], ...]:
    data = place_abbreviations()
    nouns = "|".join(map(re.escape, sorted(data.nouns, key=len, reverse=True)))
    modifiers = "|".join(map(re.escape, sorted(data.modifiers, key=len, reverse=True)))
    characters = "".join(sorted(data.characters | set(data.forms)))
    # 2 to 4 abbreviation characters before a place noun (秦沈|高速, 常岳九|铁路, 沈大哈长|…|创新带); a quoted name of 2 or
    # 3 characters before one (“于响”商务区): the quotes say it is a coined name, whatever its characters abbreviate
    pair = re.compile(f"[{characters}]{{2,4}}(?=(?:{modifiers})*(?:{nouns}))")
    quoted = re.compile(f"(?<=[“「])[{HAN}]{{2,3}}(?=[”」](?:{nouns}))")
    villages = "|".join(map(re.escape, sorted(data.villages, key=len, reverse=True)))
    village = re.compile(f"[{''.join(sorted(surnames()))}](?=家(?:{villages}))")
    estates = "|".join(map(re.escape, sorted(data.estates, key=len, reverse=True)))
    estate = re.compile(f"(?<=[“「])[{HAN}]{{1,3}}[{''.join(sorted(data.finals))}](?=[”」](?:{estates}))")
    enterprises = "|".join(map(re.escape, sorted(data.enterprises, key=len, reverse=True)))
    # not a family's firm (沈氏集团, 沈家集团: the surname)
    enterprise = re.compile(f"[{''.join(sorted(data.forms))}](?=(?![氏家某])[{HAN}](?:{enterprises}))")
    joint = "|".join(map(re.escape, sorted(data.joint, key=len, reverse=True)))
    joint_pair = re.compile(f"[{characters}]{{2,3}}(?=(?:{modifiers})*(?:{joint}))")
    # one place's pairs with others in a row, before a joint undertaking or a place noun (昆曲昆楚|工业|协同: Kunming with
    # Qujing and Chuxiong): the repeated first character shows abbreviations, even where a pair is a word (昆曲, the opera)
    chain = re.compile(f"([{characters}])[{characters}](?:\\1[{characters}])+(?=(?:{modifiers})*(?:{joint}|{nouns}))")
    places = "|".join(map(re.escape, sorted(data.places, key=len, reverse=True)))
    final_place = re.compile(f"(?<=[{HAN}])[{''.join(sorted(data.finals))}](?=(?:{places}))")
    return pair, quoted, village, estate, enterprise, joint_pair, chain, final_place


@functools.lru_cache(maxsize=None)
def _paired_words() -> dict[str, str]:
    """The characters that two-character phrase entries made of two abbreviation characters read otherwise than the
    character alone (昆 of 昆曲 -> 崑曲 and 昆山 -> 崑山, 沈 of 沈阳 -> 瀋陽, 周 of 周三 -> 週三), each -> its form alone (昆)."""
    data = place_abbreviations()
    characters = data.characters | set(data.forms)
    converter = _word_converter("hant")
    alone = {char: converter.opencc.convert(char) for char in characters}
    found: dict[str, str] = {}
    for key in converter.phrases:
        if len(key) == 2 and all(char in characters for char in key):
            found.update((char, alone[char]) for char, form in zip(key, converter.opencc.convert(key)) if form != alone[char])
    return dict(sorted(found.items()))


def place_abbreviation_forms(text: str) -> dict[int, str]:
    """Where ``text`` holds a place abbreviation (秦沈高速, “于响”商务区) or a family's village (于家庄): position -> the form
    its character takes there (瀋, 于), for the characters whose form in a place's name differs from the character read
    alone."""
    data = place_abbreviations()
    pair, quoted, village, estate, enterprise, joint_pair, chain, final_place = _place_patterns()
    paired = _paired_words()
    forms = {at: data.forms.get(c) or paired[c] for m in (chain.finditer(text) if any(c in text for c in paired) else ())
             for at, c in enumerate(m.group(), m.start()) if c in paired}
    if not any(char in text for char in (*data.forms, *data.initials, *data.finals)) and "家" not in text:
        return forms
    forms.update((at, surnames()[text[at]]) for at in (m.start() for m in village.finditer(text)))
    forms.update((m.end() - 1, data.finals[text[m.end() - 1]]) for m in estate.finditer(text))
    candidates = {at: data.forms[c] for m in pair.finditer(text) for at, c in enumerate(m.group(), m.start())
                  if c in data.forms}
    candidates.update((m.start(), data.forms[m.group()]) for m in enterprise.finditer(text))
    candidates.update((at, data.forms[c]) for m in joint_pair.finditer(text)
                      for at, c in enumerate(m.group()[1:], m.start() + 1) if c in data.forms)
    for m in quoted.finditer(text):
        candidates.update((at, data.forms[c]) for at, c in enumerate(m.group(), m.start()) if c in data.forms)
        if m.group()[0] in data.initials:
            forms[m.start()] = data.initials[m.group()[0]]
    finals = [m.start() for m in final_place.finditer(text)]
    if candidates or finals:
        start, units = 0, {}  # where each of jieba's words starts -> the word
        for unit in _word_converter("hant").units(text):
            units[start] = unit
            start += len(unit)
        # an abbreviation is a word of one character (常|岳|九|铁路, “岳|咸|九”); 南岳 (衡阳|南岳|片区) and 岳麓 (“岳麓”片区)
        # are words of their own, places with their own 嶽
        forms.update((at, form) for at, form in candidates.items() if len(units.get(at, "")) == 1)
        # a name jieba does not know falls apart into characters: a final standing alone after a character standing
        # alone, before a place noun that is a word, ends the name (娄|里|水库, 别|迭|里|口岸); "inside" comes after its
        # noun, a word (城市|里|街道, 园区|里), or in one (心里, 村里). A final of after-words ends one after a word too
        # (石板|冲|乡): the verb 冲 "rush" takes 向, 进, 入 before a place (冲向景区, 冲进村里), not a bare village noun
        finals = [at for at in finals
                  if len(units.get(at, "")) == 1 and units.get(at + 1) in data.places
                  and (len(units.get(at - 1, "")) == 1 or text[at] in data.after_words)]
        if finals:
            # and jieba's model of unknown words (HMM) does not join the place noun to what follows into a word its
            # dictionary lacks: a name's noun ends it (娄里|水库|等, 沙冲乡|、) or begins a known word (塘里|村党委), where
            # a lone 乡 that model joins to the next character is no township's (画|里|乡|田 of the dance 《画里乡田》 is
            # 画里|乡田, fields of a village in a painting: 裡)
            tokenizer, start, joined = _tokenizer(), 0, set()
            for word in tokenizer.lcut(text, HMM=True):
                if len(word) > 1 and not tokenizer.FREQ.get(word):
                    joined.update(range(start + 1, start + len(word)))  # positions inside a word the model made up
                start += len(word)
            forms.update((at, data.finals[text[at]]) for at in finals if at + 1 + len(units[at + 1]) not in joined)
    return forms


@dataclass(frozen=True)
class SenseRule:
    """A Simplified word whose Traditional form depends on the word before or after it (data/s2t-senses.tsv)."""

    word: str
    traditional: str
    after: tuple[str, ...] = ()  # the previous word ends with one of these (^A: the previous word is A)
    before: tuple[str, ...] = ()  # the next word starts with one of these
    before_class: tuple[str, ...] = ()  # the next word's part of speech in jieba's dictionary starts with one of these
    through: frozenset[str] = frozenset()  # units made of these alone (、, an opening quote, 了) are looked past for the context
    clause: tuple[str, ...] = ()  # the rest of the word's clause holds one of these (而不是: "only X, not Y")

    def applies(self, previous: str, following: str, rest: str = "", second: str = "") -> bool:
        """``rest``: the text after the word to its clause's end; ``second``: the word after ``following``."""
        if self.after and not any(previous == a[1:] if a.startswith("^") else previous.endswith(a) for a in self.after):
            return False
        if self.before_class and not word_class(following).startswith(self.before_class):
            return False
        if self.clause and not any(word in rest for word in self.clause):
            return False
        # $: the clause ends after the word (换别只。)
        # A+B: the next word is A and the one after it starts with B (速干|快|上)
        return not self.before or any(following[:1] in ("", *"，,；;。！？!?") if b == "$" else
                                      (following == b.partition("+")[0] and second.startswith(b.partition("+")[2]))
                                      if "+" in b else following.startswith(b) for b in self.before)

    @property
    def needs_word_alone(self) -> bool:
        """Whether the risk marker must mark the word by itself: its context may lie past a separator or a clause away."""
        return bool(self.before_class or self.through or self.clause or "$" in self.before or not (self.after or self.before))

    @property
    def context_before(self) -> tuple[str, ...]:
        """The text each after= context stands for (without its ^ mark)."""
        return tuple(a.removeprefix("^") for a in self.after)


@functools.lru_cache(maxsize=None)
def sense_rules() -> dict[str, tuple[SenseRule, ...]]:
    """word -> its rules, in file order (the first that applies wins; a rule without context is the default)."""
    text = resources.files("zhpub").joinpath("data/s2t-senses.tsv").read_text(encoding="utf-8")
    rules: dict[str, list[SenseRule]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        word, traditional, *context = line.split("\t")
        if len(word) != len(traditional):
            raise ValueError(f"data/s2t-senses.tsv line {number}: {word!r} and {traditional!r} differ in length")
        found = {"after": (), "before": (), "before-class": (), "through": (), "clause": ()}
        for field in context:
            key, _, values = field.partition("=")
            if key not in found or not values:
                raise ValueError(f"data/s2t-senses.tsv line {number}: {field!r}: write after=A|B, before=A|B, "
                                 "before-class=n|v (jieba's parts of speech), through=、|“ or clause=A|B")
            found[key] = tuple(values.split("|"))
        rules.setdefault(word, []).append(SenseRule(word, traditional, found["after"], found["before"],
                                                    found["before-class"], frozenset(found["through"]), found["clause"]))
    return {word: tuple(entries) for word, entries in rules.items()}


SEPARATOR_CANDIDATES = tuple(chr(cp) for cp in range(0xE000, 0xE100))  # private use: in no dictionary of OpenCC's
WORD_SEPARATOR = SEPARATOR_CANDIDATES[0]  # between the characters of OpenCC's keys, which hold none
RISK_MARK = "\U000F0000"  # supplementary private use: what _risk_marker writes over a key (a text's own only costs time)


def _risk_marker(keys: list[str]) -> opencc.OpenCC:
    """An OpenCC converter that writes RISK_MARK over each of ``keys`` it finds, scanning as OpenCC does (longest key
    first, left to right): a key it skips overlaps one it marked, so every stretch holding a key gets a mark."""
    with _scratch_files() as write:
        table = {"type": "text", "file": write("risks.txt", "".join(f"{k}\t{RISK_MARK * len(k)}\n" for k in keys))}
        config = {"name": "zhpub: where the cut into words matters", "segmentation": {"type": "mmseg", "dict": table},
                  "conversion_chain": [{"dict": table}]}
        return opencc.OpenCC(write("config.json", json.dumps(config, ensure_ascii=False)))


def _separator_pattern(key_chars: set[str]) -> re.Pattern[str]:
    """Runs of the punctuation, spaces and controls that are in no entry of more than one character (nor a sense
    rule's context) and that jieba cuts at (outside its re_han_default)."""
    chars = [chr(cp) for cp in range(0x10000)
             if unicodedata.category(chr(cp))[0] in "PZ" or unicodedata.category(chr(cp)) == "Cc"]
    chars = [c for c in chars if c not in key_chars and not jieba.re_han_default.match(c)
             and c not in SEPARATOR_CANDIDATES]
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]+")


class WordConverter:
    """OpenCC inside jieba's words: no phrase entry of OpenCC's matches across a word boundary it would break."""

    def __init__(self, variant: str):
        # OpenCC's first step (Simplified -> OpenCC's Traditional, with our phrases) runs word by word; its regional
        # glyph step (臺灣 or 香港 forms) runs on the joined text, whose own phrases (無綫新聞) span words
        phrases = transliterations() | idioms_without_er() | overrides()  # the project's own rows win over generated ones
        self.opencc = _custom_converter(
            VARIANTS[variant], tuple(sorted(phrases.items())), only_first_step=True,
            characters=tuple(sorted(character_defaults().items())),
        )
        self.variant_step = _plain(VARIANT_STEPS[variant])
        self.rules = sense_rules()
        config = json.loads((_SHARE / f"{VARIANTS[variant]}.json").read_text(encoding="utf-8"))
        files = tuple(sorted(_ocd2_files(config["segmentation"])))
        self.phrases = opencc_phrases(files) | frozenset(phrases) | frozenset(self.rules)
        self.prefixes = frozenset(key[:end] for key in self.phrases for end in range(1, len(key)))
        self.tokenizer = _tokenizer()
        self._inner: dict[str, list[str]] = {}
        # every entry the first step may use (OpenCC's phrases and characters, ours) and every sense rule
        entries = [*opencc_entries(tuple(sorted(_ocd2_files(config["conversion_chain"][0])))), *phrases.items(),
                   *character_defaults().items(), *((w, r.traditional) for w, rs in self.rules.items() for r in rs)]
        self.risk_marker = _risk_marker(self._entries_that_depend_on_words(entries))
        key_chars = {char for key, _ in entries if len(key) > 1 for char in key}
        key_chars |= {char for rules in self.rules.values() for rule in rules for c in (*rule.context_before, *rule.before)
                      if c != "$" for char in c if char != "+"}
        self.separators = _separator_pattern(key_chars)

    def _entries_that_depend_on_words(self, entries: list[tuple[str, str]]) -> list[str]:
        """The keys whose Traditional gives some character another form than the character converted alone: only
        where one of them occurs can the cut into words change the result. Elsewhere every character comes out as it
        does alone, however the text is cut (every character OpenCC writes comes from some entry's value).

        A sense rule that changes a character counts where it can apply: its word with the end of the word before it
        (after=) or the start of the word after it (before=), or its word alone if it has no context."""
        chars = sorted({char for key, _ in entries for char in key})
        alone = dict(zip(chars, self.opencc.convert(WORD_SEPARATOR.join(chars)).split(WORD_SEPARATOR)))

        def changes(key: str, value: str) -> bool:
            return len(key) != len(value) or any(alone.get(a, a) != b for a, b in zip(key, value))

        keys = {key for key, value in entries if len(key) > 1 and changes(key, value)}
        for word, rules in self.rules.items():
            for rule in rules:
                if changes(word, rule.traditional):
                    keys.update([word] if rule.needs_word_alone else
                                [a + word for a in rule.context_before] + [word + b.replace("+", "") for b in rule.before])
        return sorted(keys)

    def units(self, text: str) -> list[str]:
        """jieba's words, each run of whole words that is one phrase entry joined (longest run first), and each long
        word that is no phrase entry cut into its own words (分配制度 -> 分配|制度, so no 配制 -> 配製 inside it)."""
        units: list[str] = []
        for unit in self._join_runs(self.tokenizer.lcut(text, HMM=False)):
            units += self._inner_words(unit)
        return units

    def _join_runs(self, words: list[str]) -> list[str]:
        units, i = [], 0
        while i < len(words):
            end, run = i + 1, words[i]
            for j in range(i + 1, len(words)):
                if run not in self.prefixes:  # no phrase entry goes on from here
                    break
                run += words[j]
                if run in self.phrases:
                    end = j + 1
            units.append("".join(words[i:end]))
            i = end
        return units

    def _inner_words(self, word: str) -> list[str]:
        """A word OpenCC does not know whole, as the shorter dictionary words it is made of (jieba's best path through
        its word graph without the whole word); a word OpenCC knows (市场准入), or one with no such parts, stays."""
        if len(word) < 3 or word in self.phrases:
            return [word]
        if word not in self._inner:  # reports repeat their words: each is cut once
            self._inner[word] = self._cut_inner(word)
        return self._inner[word]

    def _cut_inner(self, word: str) -> list[str]:
        graph = self.tokenizer.get_DAG(word)
        graph[0] = [end for end in graph[0] if end != len(word) - 1]
        if not graph[0]:
            return [word]
        log_total = math.log(self.tokenizer.total)
        route: dict[int, tuple[float, int]] = {len(word): (0.0, 0)}
        for start in range(len(word) - 1, -1, -1):
            route[start] = max(
                (math.log(self.tokenizer.FREQ.get(word[start : end + 1]) or 1) - log_total + route[end + 1][0], end)
                for end in graph[start]
            )
        parts, start = [], 0
        while start < len(word):
            end = route[start][1] + 1
            parts.append(word[start:end])
            start = end
        return [inner for part in self._join_runs(parts) for inner in self._inner_words(part)]

    def convert(self, text: str) -> str:
        """``convert_by_words``'s result, with jieba run only on the stretches where the cut can matter."""
        whole: set[int] = set()
        return self._convert_units(text, self._units_where_words_matter(text, whole), whole)

    def convert_by_words(self, text: str) -> str:
        """Every stretch cut into words: the reference ``convert`` must equal (tests/test_convert.py)."""
        return self._convert_units(text, self.units(text))

    def _units_where_words_matter(self, text: str, whole: set[int] | None = None) -> list[str]:
        """The text cut at its separators (punctuation, spaces: in no entry, and where jieba cuts anyway); a stretch
        in which an entry of ``_entries_that_depend_on_words`` occurs is cut into ``units``, any other stays whole.

        Exact: jieba cuts each stretch between separators as it does within the whole text, no entry (so no run of
        ``_join_runs``) spans a separator, and a sense rule next to a separator sees no context word either way."""
        marked = self.risk_marker.convert(text)
        if len(marked) != len(text):  # pragma: no cover - the marker keeps every key's length
            return self.units(text)
        units, start = [], 0
        for m in [*self.separators.finditer(text), None]:
            end = m.start() if m else len(text)
            if start < end:
                stretch = text[start:end]
                if RISK_MARK in marked[start:end]:
                    units += self.units(stretch)
                else:
                    if whole is not None:
                        whole.add(len(units))  # left whole: a rule looking past a separator cuts it (_neighbour)
                    units.append(stretch)
            if m:
                units.append(m.group())
                start = m.end()
        return units

    def _neighbour(self, units: list[str], k: int, step: int, through: frozenset[str], whole: set[int]) -> str:
        """The word before (step -1) or after (step 1) units[k], past units made only of ``through``'s characters; a
        stretch ``convert`` left whole is cut as ``convert_by_words`` cuts it."""
        j = k + step
        while through and 0 <= j < len(units) and units[j] and all(c in through for c in units[j]):
            j += step
        if not 0 <= j < len(units):
            return ""
        if j not in whole:
            return units[j]
        words = self.units(units[j])
        return words[-1] if step < 0 else words[0]

    def _convert_units(self, text: str, units: list[str], whole: set[int] = frozenset()) -> str:
        if not text:
            return text
        separator = next((c for c in SEPARATOR_CANDIDATES if c not in text), None)
        if separator is None:  # pragma: no cover - a text that uses all 256 first private-use characters
            return self.opencc.convert(text)
        converted = self.opencc.convert(separator.join(units)).split(separator)
        if len(converted) != len(units):  # pragma: no cover - OpenCC keeps characters it does not know
            raise RuntimeError("OpenCC changed a word separator; cannot convert by words")
        for k, unit in enumerate(units):
            for rule in self.rules.get(unit, ()):
                rest = ""
                if rule.clause:  # the text after the word to its clause's end
                    rest = "".join(units[k + 1 :])
                    rest = rest[: m.start()] if (m := _CLAUSE_END.search(rest)) else rest
                second = ""
                if any("+" in b for b in rule.before) and k + 2 < len(units):  # the word after the next (速干|快|上)
                    second = self._neighbour(units, k + 1, 1, frozenset(), whole)
                if rule.applies(self._neighbour(units, k, -1, rule.through, whole),
                                self._neighbour(units, k, 1, rule.through, whole), rest, second):
                    converted[k] = rule.traditional
                    break
        return self.variant_step.convert("".join(converted))


@functools.lru_cache(maxsize=None)
def _word_converter(variant: str) -> WordConverter:
    return WordConverter(variant)


@functools.lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    """A jieba segmenter of our own (the search plugin's global one may get other words), on jieba's dictionary."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    # jieba keeps its dictionary cache in the system temp directory by default; ours goes to the user's cache
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zhpub"
    cache.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(cache)
    tokenizer.initialize()
    return tokenizer


def jieba_dictionary() -> tuple[dict[str, int], int]:
    """jieba's default dictionary as its segmenter holds it (word or prefix -> frequency, 0 for a prefix; the total),
    the converter's own: another segmenter of the same dictionary (the site search's) can use it instead of a copy
    of its own (70 MB). Read only: a word added to it would change every conversion."""
    tokenizer = _tokenizer()
    return tokenizer.FREQ, tokenizer.total


def preload(variants: tuple[str, ...]) -> None:
    """Make the converters of ``variants`` now (those without one are skipped), e.g. before worker processes are
    forked, so all of them share one copy of jieba's dictionary and OpenCC's tables (copy-on-write) instead of each
    making its own (about 150 MB each)."""
    _simplifier()
    for variant in variants:
        if variant in VARIANTS:
            _word_converter(variant)


def _ocd2_files(node: object) -> Iterator[str]:
    if isinstance(node, dict):
        if node.get("type") == "ocd2":
            yield node["file"]
        for value in node.values():
            yield from _ocd2_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from _ocd2_files(value)


def opencc_phrases(files: tuple[str, ...]) -> frozenset[str]:
    """The keys of OpenCC's installed dictionaries."""
    return frozenset(key for key, _ in opencc_entries(files))


@functools.lru_cache(maxsize=None)
def opencc_entries(files: tuple[str, ...], every_value: bool = False) -> tuple[tuple[str, str], ...]:
    """(key, value OpenCC writes: the first; ``every_value``: one pair per value) of OpenCC's installed dictionaries
    (its own ``opencc_dict`` tool writes them as text): OpenCC's data stays the one source, whatever version is installed."""
    tool = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    entries: list[tuple[str, str]] = []
    for name in files:
        try:
            dumped = subprocess.run(
                [os.fspath(tool), "-i", os.fspath(_SHARE / name), "-o", "/dev/stdout", "-f", "ocd2", "-t", "text"],
                check=True, capture_output=True, timeout=60,
            ).stdout.decode("utf-8")
        except (OSError, subprocess.SubprocessError) as error:
            raise RuntimeError(
                f"cannot read OpenCC's dictionary {name} with {tool} ({error}); reinstall the opencc package "
                "(pip install -c constraints.txt opencc)"
            ) from error
        for line in dumped.splitlines():
            if "\t" in line:
                key, values = line.split("\t", 1)
                entries += [(key, value) for value in values.split(" ")[: None if every_value else 1]]
    return tuple(entries)


@functools.lru_cache(maxsize=None)
def _custom_converter(
    base: str, table: tuple[tuple[str, str], ...], first_step: bool = False, keep: tuple[str, ...] = (),
    only_first_step: bool = False, characters: tuple[tuple[str, str], ...] = (),
) -> opencc.OpenCC:
    """OpenCC's ``base`` config with our phrase table in front of its dictionaries.

    ``first_step``: run the table as a separate first conversion step (for glyph fixes, whose output the
    base config then converts); otherwise it takes precedence inside the first step (for phrase overrides).
    ``keep``: words the first step of the base config must leave alone (identity phrases in front of it).
    ``only_first_step``: drop the base config's later steps (its regional glyph step, run separately).
    ``characters``: single characters read before OpenCC's character table, after all phrases (a default reading).
    Every phrase also joins the segmentation dictionary, so OpenCC sees it as one segment.
    """
    config = json.loads((_SHARE / f"{base}.json").read_text(encoding="utf-8"))
    if only_first_step:
        config["conversion_chain"] = config["conversion_chain"][:1]
    _absolutise(config)
    with _scratch_files() as write:

        def text_dict(name: str, pairs) -> dict:
            return {"type": "text", "file": write(name, "".join(f"{a}\t{b}\n" for a, b in pairs))}

        ours = text_dict("phrases.txt", table)
        segmentation = [ours]
        if keep:
            kept = text_dict("keep.txt", [(w, w) for w in keep])
            config["conversion_chain"][0]["dict"]["dicts"].insert(0, kept)
            segmentation.append(kept)
        if characters:
            first = config["conversion_chain"][0]["dict"]["dicts"]
            first.insert(len(first) - 1, text_dict("characters.txt", characters))  # just before STCharacters
        if first_step:
            config["conversion_chain"].insert(0, {"dict": ours})
        else:
            config["conversion_chain"][0]["dict"]["dicts"].insert(0, ours)
        config["segmentation"]["dict"] = {
            "type": "group", "match_policy": "union", "dicts": [*segmentation, config["segmentation"]["dict"]],
        }
        return opencc.OpenCC(write("config.json", json.dumps(config, ensure_ascii=False)))


@contextlib.contextmanager
def _scratch_files() -> Iterator[Callable[[str, str], str]]:
    """``write(name, text) -> path`` for files that exist only until the block ends (and never past the process)."""
    if hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd"):
        fds: list[int] = []

        def write(name: str, text: str) -> str:
            fd = os.memfd_create(f"zhpub-opencc-{name}", os.MFD_CLOEXEC)
            fds.append(fd)
            with open(fd, "wb", closefd=False) as file:
                file.write(text.encode("utf-8"))
            return f"/proc/self/fd/{fd}"

        try:
            yield write
        finally:
            for fd in fds:
                os.close(fd)
    else:  # pragma: no cover - not Linux
        with tempfile.TemporaryDirectory(prefix="zhpub-opencc-") as tmp:

            def write(name: str, text: str) -> str:
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
                return os.fspath(path)

            yield write


def _absolutise(node: object) -> None:
    if isinstance(node, dict):
        if node.get("type") == "ocd2":
            node["file"] = os.fspath(_SHARE / node["file"])
        for value in node.values():
            _absolutise(value)
    elif isinstance(node, list):
        for value in node:
            _absolutise(value)


HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x32400))


@functools.lru_cache(maxsize=None)
def fold_table() -> dict[str, str]:
    """Every Han character that OpenCC maps to one other Simplified character (羣->群, 鏈->链, 裡->里).

    Search folds both the index and the query through this table, so either script finds both. Only
    one-to-one mappings of equal UTF-16 length are kept, so positions stay aligned for highlighting.
    """
    chars = [chr(cp) for start, stop in HAN_RANGES for cp in range(start, stop)]
    table: dict[str, str] = {}
    for config in ("t2s", "tw2s", "hk2s"):
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # pragma: no cover - OpenCC keeps line breaks
            continue
        for char, out in zip(chars, converted):
            if char not in table and len(out) == 1 and out != char and len(out.encode("utf-16-le")) == len(char.encode("utf-16-le")):
                table[char] = out
    for key, value in table.items():  # resolve chains, so folding twice changes nothing
        while value in table and table[value] != value:
            value = table[value]
        table[key] = value
    return dict(sorted(table.items()))
