"""Stage: rebuild the characters a mirror's byte edits garbled; report what the bytes do not determine.

How the mirror garbles a text (read off the shipped scrape, byte by byte). It works on the GBK bytes of the page
with naive ``bytes.replace``: it inserts ``(pinyin)`` after every occurrence of the 2-byte code of each
annotated character, and replaces the code of each full-width mark by its ASCII form. A replace also matches
across a character boundary, the trail byte of one character plus the lead byte of the next:

    燃氣   C8 BC|9A E2        BC 9A is 細 (xì)    ->  C8 BC 9A (xì) E2 ...
    。基   A1 A3|BB F9        A3 BB is ；         ->  A1 ; F9 ...

Its decoder then shows the orphaned lead byte as ``?`` (swallowing a following ``(`` or ``&``, the start of the
inserted markup) and reads the following bytes one off, pairing each trail byte with the next lead byte, until
an ASCII byte brings it back into step. The result: ``?``, rare characters and private-use code points, a stray
letter (a trail byte in the ASCII range) that still carries its pinyin, ``ldquo;`` without its ``&``.

The reconstruction inverts this. The garbled run is re-encoded to the bytes the decoder saw, each ``?`` becomes
an unknown byte, the inserted annotations are taken out and the ASCII marks put back as full-width codes, and
the bytes are paired again from the last character known to be in step. Every assignment of the unknown bytes
that gives ordinary characters is then pushed through the mirror's edits and decoder again; only those that
reproduce the garbled text exactly are candidates. The inserted text names the code that was matched, so an
unknown byte is often determined (``?xì)`` after 燃 can only be 9A: BC 9A is 細). Where several candidates remain
they are ranked by a word-frequency model (jieba's dictionary) over the words around them. A candidate is
applied only when it is the only one, or when it leads the next by ``DECISIVE_MARGIN``; otherwise the span is
reported with its ranked candidates (``zhpub errata DOC --accept LINE:COL`` writes the chosen one as an
erratum). HTML entity remnants outside garbled runs are decoded.
"""

from __future__ import annotations

import functools
import html
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from ..changes import Change, Finding, Stage, apply_changes
from .chardata import (
    ANNOTATION_RE,
    ANNOTATION_REMNANT_RE,
    ASCII_TO_FULL_WIDTH,
    CJK_PUNCTUATION,
    ENTITY_RE,
    FULL_WIDTH_TO_ASCII,
    HAN_RE,
    LOSS_MARKERS,
    UNREADABLE_RE,
)
from .convert import to_simplified
from .pinyin import is_reading
from .punctuation import is_question_mark

LOST = LOSS_MARKERS
PRIVATE_USE_RE = UNREADABLE_RE  # kept for the stages and tests that import it from here
# The codecs, named once (a codec's name is looked up case-insensitively): the mirror's GBK; GB18030 where a
# user-defined pair must decode (to private use) rather than fail; GB2312, the characters an ordinary text uses.
GBK, GB18030, GB2312 = "gbk", "gb18030", "gb2312"
TRAIL_BYTES = frozenset(range(0x40, 0x7F)) | frozenset(range(0x80, 0xFF))
SWALLOWED = b"(&"  # the mirror's decoder drops these after an orphaned lead byte (shipped scrape: ?xì) ???ldquo;)
MAX_SPAN = 60  # characters of garbled text; runs in practice are a few words long
MAX_ENDS = 8  # resynchronisation points tried after a lost byte
MAX_COMBINATIONS = 60000  # assignments of unknown bytes tried per span
# Lead of the best candidate over the next (natural log of the word model's probability) from which the best is
# applied without a curator. Measured with bench/mojibake.py: see the change note of this rule.
DECISIVE_MARGIN = 6.0


@functools.lru_cache(maxsize=None)
def is_common(char: str) -> bool:
    """A character an ordinary Chinese text uses: its Simplified form is in GB2312, or it is CJK punctuation."""
    if char in CJK_PUNCTUATION:
        return True
    if not HAN_RE.fullmatch(char):
        return False
    try:
        to_simplified(char).encode(GB2312)
        return True
    except UnicodeEncodeError:
        return False


@functools.lru_cache(maxsize=None)
def _pair(lead: int, trail: int) -> str | None:
    """The character a GBK pair decodes to, if it is one an ordinary text uses."""
    try:
        char = bytes((lead, trail)).decode(GBK)
    except UnicodeDecodeError:
        return None
    return char if is_common(char) else None


def mirror_decode(data: bytes) -> str:
    """The mirror's decoder: GBK (user-defined pairs as private use), an orphaned lead byte as "?"."""
    out, i = [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif 0x81 <= b <= 0xFE and i + 1 < len(data) and data[i + 1] in TRAIL_BYTES:
            out.append(data[i : i + 2].decode(GB18030))
            i += 2
        else:
            out.append("?")
            i += 1
            if i < len(data) and data[i] in SWALLOWED:
                i += 1
    return "".join(out)


def mirror_edit(data: bytes, annotations: dict[bytes, bytes], entities: dict[bytes, bytes] | None = None) -> bytes:
    """The mirror's byte edits: pinyin after every annotated code, full-width marks to ASCII."""
    for code in sorted(annotations):
        if code in data:
            data = data.replace(code, code + b"(" + annotations[code] + b")")
    for full, ascii_ in FULL_WIDTH_TO_ASCII.items():
        data = data.replace(full.encode(GBK), ascii_.encode())
    return data


def never_annotated(text: str) -> frozenset[str]:
    """Han characters that occur without an annotation: the mirror's replace is global, so it annotates none of
    them (an implied annotation of one of them is no evidence but a contradiction)."""
    return frozenset(m.group() for m in HAN_RE.finditer(text) if text[m.end() : m.end() + 1] != "(")


def annotation_table(text: str) -> dict[bytes, bytes]:
    """The characters this mirror annotates (it annotates every occurrence), as GBK code -> pinyin bytes."""
    table: dict[bytes, bytes] = {}
    for m in ANNOTATION_RE.finditer(text):
        char = text[m.start() - 1 : m.start()]
        if char and HAN_RE.match(char) and is_reading(char, m.group(1)):
            try:
                code, reading = char.encode(GBK), m.group(1).encode(GBK)
            except UnicodeEncodeError:
                continue
            if len(code) == 2:
                table.setdefault(code, reading)
    return table


CLAUSE_MARKS = "，。、；：？！"
CLOSING_MARKS = "”’）》。"
VOCABULARY_WEIGHT = 0.5
MARK_CLASH_COST = 20.0


# --- the word model ---------------------------------------------------------------------------------------

@functools.lru_cache(maxsize=1)
def word_frequencies() -> tuple[dict[str, int], int]:
    """jieba's dictionary (word, frequency), read directly: no segmenter needed, only the counts."""
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    freq: dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) >= 2 and parts[1].isdigit():
            freq[parts[0]] = freq.get(parts[0], 0) + int(parts[1])
    return freq, sum(freq.values())


class WordModel:
    """Log-probability of a short Simplified string: the best segmentation into jieba's words (characters that
    are no word, such as punctuation and digits, priced by how often the document uses them), weighed by how
    much more the document uses each character than general text does."""

    def __init__(self, document: str):
        self.freq, self.total = word_frequencies()
        self.unknown = math.log(0.5 / self.total)
        plain = to_simplified(ANNOTATION_RE.sub("", document))
        self.unigrams = Counter(plain)
        self.size = max(1, len(plain))
        self.char_logp = {c: math.log(n / self.size) for c, n in self.unigrams.items() if not HAN_RE.match(c)}
        self.cache: dict[str, float | None] = {}


    def _logp(self, word: str) -> float | None:
        if word in self.cache:
            return self.cache[word]
        self.cache[word] = value = self._logp_uncached(word)
        return value

    def _logp_uncached(self, word: str) -> float | None:
        if word in self.freq:
            return math.log(self.freq[word] / self.total)
        if len(word) == 1:
            return self.unknown if HAN_RE.match(word) else self.char_logp.get(word, self.unknown)
        return None

    def score(self, text: str) -> float:
        best = [0.0] + [-math.inf] * len(text)
        for end in range(1, len(text) + 1):
            for start in range(max(0, end - 6), end):
                lp = self._logp(text[start:end])
                if lp is not None and best[start] + lp > best[end]:
                    best[end] = best[start] + lp
        # the document's own vocabulary: a report that says 保 far more often than general text lost a 保 rather
        # than a 海 (the characters' shares in the document against their shares in jieba's dictionary)
        vocabulary = sum(self._keyness(c) for c in text if HAN_RE.match(c))
        # two marks in a row where no text has them (。、 ，。): the lost character was no mark
        clashes = sum(1 for p, c in zip(text, text[1:]) if p in CLAUSE_MARKS and c in CLAUSE_MARKS + CLOSING_MARKS[:-1])
        return best[-1] + VOCABULARY_WEIGHT * vocabulary - MARK_CLASH_COST * clashes

    def _keyness(self, char: str) -> float:
        general = (self.freq.get(char, 0) + 0.5) / self.total
        return math.log((self.unigrams[char] + 0.5) / self.size / general)


# --- reconstruction -------------------------------------------------------------------------------------------

@dataclass
class Reconstruction:
    start: int  # the garbled span in the stage's input text
    end: int
    candidates: list[tuple[str, float]]  # ranked, best first: (original text, log-probability in context)
    evidence: str  # what determined or ranked them, for the corrections record
    applied: bool = False
    contested: bool = False  # the bytes leave one reading, but the word model much prefers one the bytes refuse


@dataclass
class _Unknown:
    """A byte the decoder showed as "?"."""

    index: int


@dataclass
class _Parse:
    data: list  # bytes of the original text: ints and _Unknown
    insertions: list[tuple[int, bytes]] = field(default_factory=list)  # (after how many bytes, pinyin bytes)
    entities: dict[bytes, bytes] = field(default_factory=dict)


def _tokens(text: str, start: int, end: int) -> list[tuple[str, object]] | None:
    """The garbled span as the decoder's output: lost bytes, annotations (whole or without "("), entities (with
    or without "&"), single bytes. None if the span holds a character GBK cannot have produced."""
    out: list[tuple[str, object]] = []
    pos = start
    while pos < end:
        char = text[pos]
        after_lost = bool(out) and out[-1][0] == "lost"
        m = ANNOTATION_RE.match(text, pos)
        if m and m.end() <= end:
            out.append(("annotation", m.group(1)))
            pos = m.end()
            continue
        if after_lost:
            m = ANNOTATION_REMNANT_RE.match(text, pos)
            if m and m.end() <= end:
                out.append(("remnant", m.group()[:-1]))
                pos = m.end()
                continue
        m = ENTITY_RE.match(text, pos)
        if m and m.end() <= end and (after_lost or m.group().startswith("&")):
            out.append(("entity" if m.group().startswith("&") else "bare-entity", m.group(1)))
            pos = m.end()
            continue
        if char in LOST:
            out.append(("lost", char))
        elif char.isascii():
            out.append(("byte", ord(char)))
        else:
            try:
                code = char.encode(GB18030)
            except UnicodeEncodeError:
                return None
            if len(code) != 2:
                return None
            out.append(("byte", code[0]))
            out.append(("byte", code[1]))
        pos += 1
    return out


def _parses(tokens: list[tuple[str, object]], following: str = ""):
    """Every reading of the tokens as original bytes. Each "?" is an orphaned lead byte (unknown, followed by a
    byte that cannot be a trail byte or by swallowed markup), the byte 0x80 (which no GBK character starts
    with: 穩 is B7 80, so a run read one off ends on it), or a flattened "？"."""
    lost = [k for k, (kind, _) in enumerate(tokens) if kind == "lost"]
    for choice in itertools.product(("unknown", "x80", "literal"), repeat=len(lost)):
        role = dict(zip(lost, choice))
        parse = _Parse([])
        ok, orphans = True, 0
        for k, (kind, value) in enumerate(tokens):
            nxt = tokens[k + 1] if k + 1 < len(tokens) else (("byte", ord(following)) if following.isascii() and following else None)
            if kind == "lost":
                if role[k] == "unknown":
                    if nxt is None or not (
                        nxt[0] in ("remnant", "bare-entity")
                        or (nxt[0] == "byte" and nxt[1] < 0x40 and chr(nxt[1]) not in "(&")
                        or (nxt[0] == "lost" and role[k + 1] == "literal")
                    ):
                        ok = False
                        break
                    parse.data.append(_Unknown(len(parse.data)))
                    orphans += 1
                elif role[k] == "x80":
                    # only where a run read one off ends: after another lost byte, and with no markup swallowed
                    if not orphans or (nxt and nxt[0] in ("remnant", "bare-entity")):
                        ok = False
                        break
                    parse.data.append(0x80)
                    orphans += 1
                elif value == "?":  # a flattened "？" (before swallowed markup it is refused there: no orphan)
                    parse.data += list("？".encode(GBK))
                else:
                    ok = False
                    break
            elif kind in ("annotation", "remnant"):
                if kind == "remnant" and not (k and tokens[k - 1][0] == "lost" and role.get(k - 1) != "literal"):
                    ok = False
                    break
                try:
                    parse.insertions.append((len(parse.data), str(value).encode(GBK)))
                except UnicodeEncodeError:
                    ok = False
                    break
            elif kind in ("entity", "bare-entity"):
                if kind == "bare-entity" and not (k and tokens[k - 1][0] == "lost" and role.get(k - 1) != "literal"):
                    ok = False
                    break
                char = html.unescape(f"&{value};")
                try:
                    code = char.encode(GBK)
                except UnicodeEncodeError:
                    code = b""
                if len(code) != 2:
                    ok = False
                    break
                parse.entities[code] = f"&{value};".encode()
                parse.data += list(code)
            else:
                byte = int(value)  # type: ignore[arg-type]
                full = ASCII_TO_FULL_WIDTH.get(chr(byte)) if byte < 0x80 else None
                parse.data += list(full.encode(GBK)) if full else [byte]
        if ok and orphans:  # no orphaned byte: not the mirror's garbling
            yield parse


def _pairs(data: list) -> list[tuple[int, ...]] | None:
    """Index groups of the original characters, paired from a position known to be in step."""
    groups, i = [], 0
    while i < len(data):
        b = data[i]
        if isinstance(b, int) and b < 0x80:
            groups.append((i,))
            i += 1
            continue
        if i + 1 >= len(data):
            return None
        t = data[i + 1]
        if isinstance(t, int) and t not in TRAIL_BYTES:
            return None
        groups.append((i, i + 1))
        i += 2
    return groups


def _solve(parse: _Parse, context: bytes, observed: str, table: dict[bytes, bytes], unannotated: frozenset[str]) -> list[str]:
    """Original texts of the span that the mirror's edits and decoder turn into exactly ``observed``."""
    groups = _pairs(parse.data)
    if groups is None:
        return []
    options: list[list[str]] = []
    for group in groups:
        values = [parse.data[i] for i in group]
        if len(group) == 1:
            options.append([chr(values[0])])
            continue
        leads = [values[0]] if isinstance(values[0], int) else range(0x81, 0xFF)
        trails = [values[1]] if isinstance(values[1], int) else range(0x81, 0xFF)
        chars = [c for lead in leads for trail in trails if (c := _pair(lead, trail))]
        if not chars:
            return []
        options.append(chars)
    if math.prod(len(o) for o in options) > MAX_COMBINATIONS:
        return []
    found = []
    for chars in itertools.product(*options):
        original = "".join(chars)
        data = original.encode(GBK)
        annotations = dict(table)
        for at, reading in parse.insertions:
            code = data[max(0, at - 2) : at] if at >= 2 else context[-(2 - at) :] + data[:at]
            try:
                char = code.decode(GBK)
            except UnicodeDecodeError:
                break
            if len(char) != 1 or not is_reading(char, reading.decode(GBK)):
                break
            if code not in table and (char in unannotated or not is_common(char)):
                break  # the mirror annotates every occurrence of ordinary characters
            annotations[code] = reading
        else:
            # characters the page wrote as HTML entities are entities before the byte edits
            body = _entity_bytes(original, parse.entities) if parse.entities else data
            edited = mirror_edit(context + body, annotations, {})
            if mirror_decode(edited) == observed:
                found.append(original)
    return found


def _entity_bytes(original: str, entities: dict[bytes, bytes]) -> bytes:
    """The original's bytes with the characters the page wrote as HTML entities written so."""
    by_char = {code.decode(GBK): entity for code, entity in entities.items()}
    return b"".join(by_char.get(c) or c.encode(GBK) for c in original)


def _context_before(text: str, start: int, size: int = 6) -> str:
    """Readable text before a span (annotations dropped, from the line start), for the word model."""
    piece = text[max(0, start - 4 * size) : start].rsplit("\n", 1)[-1]
    return ANNOTATION_RE.sub("", piece)[-size:]


def _context_after(text: str, end: int, size: int = 6) -> str:
    """Readable text after a span (annotations dropped, up to the line end), for the word model."""
    piece = text[end : end + 4 * size].split("\n", 1)[0]
    return ANNOTATION_RE.sub("", piece)[:size]


def reconstruct_at(text: str, i: int, table: dict[bytes, bytes], model: WordModel,
                   unannotated: frozenset[str] = frozenset()) -> Reconstruction | None:
    """Reconstruct the garbled span that starts with the lost byte ``text[i]``, or None if no reading of the
    bytes reproduces it."""
    context_char = text[i - 1 : i]
    try:
        context = context_char.encode(GBK) if context_char and context_char != "\n" else b""
    except UnicodeEncodeError:
        context = b""
    if len(context) > 2 or (context and mirror_decode(context) != context_char):
        context = b""
    ends, pos = [], i + 1
    while pos < len(text) and pos - i <= MAX_SPAN and len(ends) < MAX_ENDS and text[pos] != "\n":
        for pattern in (ANNOTATION_RE, ENTITY_RE, ANNOTATION_REMNANT_RE):
            m = pattern.match(text, pos)
            if m:
                pos = m.end()
                break
        else:
            pos += 1
        if text[pos - 1] in LOST and (ANNOTATION_REMNANT_RE.match(text, pos) or ENTITY_RE.match(text, pos)):
            continue  # what follows a lost byte belongs with it (the decoder swallowed its "(" or "&")
        if text[pos - 1].isascii():
            m = ANNOTATION_RE.match(text, pos)  # a stray trail byte keeps its annotation: A(chǔ)
            ends.append(m.end() if m else pos)
    for end in ends:
        tokens = _tokens(text, i, end)
        if not tokens:
            continue
        observed = (context_char if context else "") + text[i:end]
        found: set[str] = set()
        parses = list(_parses(tokens, text[end : end + 1]))
        for parse in parses:
            found.update(_solve(parse, context, observed, table, unannotated))
        if found:
            left, right = to_simplified(_context_before(text, i)), to_simplified(_context_after(text, end))

            def ranked(readings):
                return sorted(((c, model.score(left + to_simplified(c) + right)) for c in readings),
                              key=lambda cs: (-cs[1], cs[0]))

            scored = ranked(found)
            if len(scored) == 1 and unannotated:
                # The one reading left may be left only because a better one was refused for implying an annotation
                # the mirror did not make elsewhere: two kinds of evidence disagree, and a curator decides.
                refused = {c for parse in parses for c in _solve(parse, context, observed, table, frozenset())} - found
                rival = ranked(refused)[:1]
                if rival and rival[0][1] - scored[0][1] >= DECISIVE_MARGIN:
                    both = ranked(found | {rival[0][0]})
                    return Reconstruction(i, end, both, _contested_evidence(text[i:end], scored[0], rival[0]),
                                          contested=True)
            return Reconstruction(i, end, scored, _evidence(text[i:end], scored))
    return None


def _contested_evidence(observed: str, alone: tuple[str, float], rival: tuple[str, float]) -> str:
    return (f"GBK bytes garbled by the mirror's byte replace; only “{alone[0]}” reproduces “{observed}” if the mirror "
            f"annotates every occurrence of a character, but “{rival[0]}”, which implies an annotation it did not make "
            f"elsewhere, reads better by {rival[1] - alone[1]:.1f}: the evidence disagrees")


def _evidence(observed: str, scored: list[tuple[str, float]]) -> str:
    if len(scored) == 1:
        return (f"GBK bytes garbled by the mirror's byte replace; “{observed}” is reproduced by the mirror's edits "
                f"and decoder from “{scored[0][0]}” alone")
    lead = scored[0][1] - scored[1][1]
    ranked = "、".join(f"{c}" for c, _ in scored[:5])
    return (f"GBK bytes garbled by the mirror's byte replace; {len(scored)} readings reproduce “{observed}”, "
            f"ranked by word frequency: {ranked}; the first leads by {lead:.1f}")


def decide(r: Reconstruction) -> bool:
    """Apply without a curator: the bytes leave one reading, or the word model prefers one decisively."""
    if r.contested:
        return False
    return len(r.candidates) == 1 or r.candidates[0][1] - r.candidates[1][1] >= DECISIVE_MARGIN


def find_reconstructions(text: str) -> list[Reconstruction]:
    table, unannotated = annotation_table(text), never_annotated(text)
    model: WordModel | None = None
    found: list[Reconstruction] = []
    covered = 0
    for m in re.finditer(f"[{LOST}]", text):
        if m.start() < covered or is_question_mark(text, m.start()):
            continue
        model = model or WordModel(text)
        r = reconstruct_at(text, m.start(), table, model, unannotated)
        if r:
            r.applied = decide(r)
            found.append(r)
            covered = r.end
    return found


def repair_mojibake(text: str) -> Stage:
    changes: list[Change] = []
    findings: list[Finding] = []
    covered = 0
    reconstructions = {r.start: r for r in find_reconstructions(text)}
    for m in re.finditer(f"[{LOST}]", text):
        if m.start() < covered or is_question_mark(text, m.start()):
            continue
        r = reconstructions.get(m.start())
        if r and r.applied:
            changes.append(Change("mojibake-reconstruct", r.start, r.end, text[r.start : r.end], r.candidates[0][0],
                                  r.evidence))
            covered = r.end
        elif r:
            findings.append(Finding("mojibake", r.start, r.end, text[r.start : r.end],
                                    f"lost bytes; readings that reproduce the span, best first: "
                                    + "  ".join(f"{k}. {c}" for k, (c, _) in enumerate(r.candidates[:5], 1))
                                    + f" ({r.evidence.split('; ', 1)[1]})",
                                    tuple(c for c, _ in r.candidates)))
            covered = r.end
        else:
            end = _garbled_extent(text, m.start(), m.end())
            findings.append(Finding("mojibake", m.start(), end, text[m.start() : end],
                                    "lost character: no reading of the bytes reproduces the span"))
            covered = end

    def inside(at: int) -> bool:
        return any(f.start <= at < f.end for f in findings) or any(c.start <= at < c.end for c in changes)

    for m in PRIVATE_USE_RE.finditer(text):
        if not inside(m.start()):
            findings.append(Finding("mojibake", m.start(), m.end(), m.group(), "private-use character"))

    for m in ENTITY_RE.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in changes) or inside(m.start()):
            continue
        name = m.group(1)
        decoded = html.unescape(f"&{name};")
        if decoded != f"&{name};" and _next_to_cjk(text, m.start(), m.end()):
            changes.append(Change("entity-remnant", m.start(), m.end(), m.group(), decoded,
                                  f"HTML entity &{name}; left as text by the scraper"))
    changes.sort(key=lambda c: c.start)
    return Stage("mojibake", apply_changes(text, changes), changes, sorted(findings, key=lambda f: f.start))


def _next_to_cjk(text: str, start: int, end: int) -> bool:
    around = text[max(0, start - 1) : start] + text[end : end + 1]
    return any(not c.isascii() for c in around) or start == 0


def _garbled_extent(text: str, start: int, end: int) -> int:
    """Extend an unreadable run over following rare or private-use characters and entity remnants."""
    pos = end
    while pos < len(text):
        m = ENTITY_RE.match(text, pos)
        if m:
            pos = m.end()
            continue
        c = text[pos]
        if c in LOST or PRIVATE_USE_RE.match(c) or (HAN_RE.match(c) and not is_common(c)):
            pos += 1
            continue
        break
    return pos
