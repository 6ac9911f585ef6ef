"""A corruption generator: turns clean Simplified text into a mirror-style scrape, remembering what it did.

It imitates what mirror sites do to government reports (see the shipped scrape): a naive Traditional copy with
Simplified leftovers, pinyin after a subset of characters, GBK spans decoded one byte out of step, full-width
punctuation flattened to ASCII, an injected spam line and page chrome around the text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from pypinyin import Style, pinyin

from zhpub.text.chardata import FULL_WIDTH_TO_ASCII as FLATTEN
from zhpub.text.chardata import HAN_RE
from zhpub.text.convert import to_traditional
from zhpub.text.pinyin import plain

SPAM_LINES = (
    "澳门威尼斯人在线娱乐城,免费高清电影,最新亚洲视频专区,久久精品www福利",
    "成人在线视频,日韩欧美精品专区,av高清免费看,国产自拍偷拍在线",
)


@dataclass
class Garbled:
    clean: str  # the clean Simplified characters the span replaced
    start: int  # offset of the garbled span in the scrape
    end: int
    clean_start: int  # offset of those characters in the clean text


@dataclass
class Scrape:
    text: str
    garbled: list[Garbled] = field(default_factory=list)


def _reading(char: str) -> str:
    return pinyin(char, style=Style.TONE, heteronym=False)[0][0]


def _trail_ok(char: str) -> bool:
    try:
        data = char.encode("gbk")
    except UnicodeEncodeError:
        return False
    return len(data) == 2 and 0x40 <= data[1] <= 0x7E and chr(data[1]) not in "()"


def _straddling(before: str, first: str) -> str | None:
    """The character whose code is the trail byte of ``before`` and the lead byte of ``first``, if ordinary."""
    try:
        a, b = before.encode("gbk"), first.encode("gbk")
        char = bytes([a[-1], b[0]]).decode("gbk") if len(a) == 2 and len(b) == 2 else ""
        char.encode("gb2312")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return None
    return char if HAN_RE.fullmatch(char) else None


def misalign(span: str) -> str | None:
    """GBK bytes of ``span`` read one byte late: '?' for the lost lead byte, pairs across characters, the last
    trail byte left as an ASCII letter. None if the shifted pairs don't decode (the generator picks another)."""
    try:
        data = span.encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(data) != 2 * len(span) or not _trail_ok(span[-1]):
        return None
    shifted = data[1:]
    out = ["?"]
    for k in range(0, len(shifted) - 1, 2):
        try:
            char = shifted[k : k + 2].decode("gb18030")
        except UnicodeDecodeError:
            return None
        if len(char) != 1 or char.isascii():
            return None
        out.append(char)
    out.append(chr(shifted[-1]))
    return "".join(out)


def corrupt(clean: str, seed: int, spans: int = 3) -> Scrape:
    rng = random.Random(seed)
    lines = [line for line in clean.split("\n")]
    traditional_lines = []
    for line in lines:
        trad = to_traditional(line, "hant")
        # Simplified leftovers: the mirror's map misses some characters.
        trad = "".join(s if (t != s and rng.random() < 0.03) else t for s, t in zip(line, trad)) if len(trad) == len(line) else trad
        traditional_lines.append(trad)

    garbled_lines: list[tuple[str, list[tuple[int, int, str, int]]]] = []
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    # garble only lines whose Traditional copy is aligned character by character with the clean line
    candidates = [i for i, line in enumerate(traditional_lines) if len(line) > 40 and len(line) == len(lines[i])]
    chosen = set(rng.sample(candidates, min(spans, len(candidates))))
    clean_text_chars = set("".join(traditional_lines)) | set(clean)
    never: set[str] = set()
    always: set[str] = set()

    def garble(i: int, trad: str) -> tuple[str, list[tuple[int, int, str, int]]]:
        marks: list[tuple[int, int, str, int]] = []
        for _ in range(50):
            length = rng.randint(3, 8)
            start = rng.randrange(5, len(trad) - length)
            span = trad[start : start + length]
            if not all(HAN_RE.match(c) or c in "，、；：" for c in span) or not HAN_RE.match(span[0]):
                continue
            garbled = misalign(span)
            if garbled:
                # A misalignment begins where the mirror's replace matched the trail byte of the character
                # before and the lead byte of the first: that code's annotation is left, its "(" eaten. The
                # replace is global, so the code must be one of a character the text never shows bare.
                straddling = _straddling(trad[start - 1], span[0])
                if not straddling or straddling in clean_text_chars:
                    continue
                garbled = garbled[0] + _reading(straddling) + ")" + garbled[1:]
                garbled += f"({_reading(span[-1])})"
                never.update(span[:-1])
                always.add(span[-1])
                clean_span = lines[i][start : start + length]
                trad = trad[:start] + garbled + trad[start + length :]
                marks.append((start, start + len(garbled), clean_span, line_starts[i] + start))
                break
        return trad, marks

    for i, trad in enumerate(traditional_lines):
        garbled_lines.append(garble(i, trad) if i in chosen else (trad, []))
    # a chosen line where 50 tries found no span that misaligns: the next candidates make up the number asked for
    # (the scrape depends on the Traditional text, so a converter's fix can move the draws)
    shortfall = min(spans, len(candidates)) - sum(1 for _, marks in garbled_lines if marks)
    for i in (c for c in candidates if c not in chosen):
        if shortfall <= 0:
            break
        trad, marks = garble(i, traditional_lines[i])
        if marks:
            garbled_lines[i] = (trad, marks)
            shortfall -= 1

    always -= never
    # the mirror annotates a set of characters (about 90 on the shipped scrape), every occurrence
    han = sorted({c for line in traditional_lines for c in line if HAN_RE.match(c)} - never)
    annotated = frozenset(rng.sample(han, min(90, len(han)))) | always
    out_lines = []
    for trad, marks in garbled_lines:
        pos, new_marks = 0, []
        out = ""
        for start, end, clean_span, clean_start in marks:
            out += _annotate(trad[pos:start], rng, annotated)
            new_start = len(out)
            out += trad[start:end]
            new_marks.append((new_start, len(out), clean_span, clean_start))
            pos = end
        out += _annotate(trad[pos:], rng, annotated)
        out_lines.append((out, new_marks))

    header = [
        rng.choice(SPAM_LINES), "",
        "首頁 新聞中心 本地新聞 - 要聞", "",
        f"{_first_title(lines)}(全文)", "",
        "2023-01-12 08:15", "",
        "downLoad-20230112081500", "",
    ]
    footer = ["", "責任編輯:王小明", "", "返回首頁", "相關新聞", "返回頂部"]
    result = "\n".join(header)
    garbled_spans = []
    for line, marks in out_lines:
        offset = len(result) + 1 if result else 0
        result = result + "\n" + line if result else line
        for start, end, clean_span, clean_start in marks:
            garbled_spans.append(Garbled(clean_span, offset + start, offset + end, clean_start))
    result += "\n" + "\n".join(footer) + "\n"
    flattened = "".join(FLATTEN.get(c, c) for c in result)  # same length: offsets stay valid
    return Scrape(flattened, garbled_spans)


def _first_title(lines: list[str]) -> str:
    for line in lines:
        if line.strip():
            return to_traditional(line.strip(), "hant")
    return "報告"


def _annotate(text: str, rng: random.Random, annotated: frozenset = frozenset()) -> str:
    """Pinyin after every occurrence of the characters the mirror annotates (its replace is global; sometimes
    without tone mark, as in 們(men))."""
    out = []
    for char in text:
        out.append(char)
        if char in annotated:
            reading = _reading(char)
            if rng.random() < 0.1:
                reading = plain(reading)
            out.append(f"({reading})")
    return "".join(out)


# --- the mirror's byte mechanism ----------------------------------------------------------------------------
# Written apart from zhpub.text.mojibake on purpose (a test that checks the pipeline with its own model would
# prove little): the mirror edits the page's GBK bytes with naive bytes.replace, then decodes them with a
# decoder that shows an orphaned lead byte as "?" and drops a "(" or "&" right after it. Every byte remembers
# which character of the page it came from, so each garbled run knows the characters it stands for.

MIRROR_MARKS = ("，", "：", "；", "（", "）", "？", "！")
Origin = tuple[int, int] | None  # first and last page character a byte or decoded character came from


@dataclass
class GarbledRun:
    line: int  # index of the line in the scrape
    start: int  # offsets in the line
    end: int
    truth: str  # the page characters the run stands for (entities as the page wrote them)


@dataclass
class ByteScrape:
    text: str
    runs: list[GarbledRun]
    annotated: dict[str, str]  # the characters the mirror annotates, with the reading it gives
    origins: list[list[Origin]] = field(default_factory=list)  # per line, per character of text
    units: list[list[str]] = field(default_factory=list)  # per line, the page's characters (or entities)

    def truth(self, start: int, end: int) -> str:
        """The page characters that text[start:end] (within one line) stands for."""
        line = self.text.count("\n", 0, start)
        line_start = self.text.rfind("\n", 0, start) + 1
        span = _merge(self.origins[line][start - line_start : end - line_start])
        return "".join(self.units[line][span[0] : span[1] + 1]) if span else ""


def _merge(origins) -> Origin:
    known = [o for o in origins if o is not None]
    return (min(o[0] for o in known), max(o[1] for o in known)) if known else None


def _replace(data: bytes, origin: list, old: bytes, new: bytes, insert: bool) -> tuple[bytes, list]:
    """bytes.replace, carrying origins: an insertion keeps the matched bytes' origins and gives the inserted
    bytes none; a replacement gives its byte the origins of both bytes it replaced."""
    out, out_origin, i = bytearray(), [], 0
    while (j := data.find(old, i)) >= 0:
        out += data[i:j]
        out_origin += origin[i:j]
        out += new
        if insert:
            out_origin += origin[j : j + len(old)] + [None] * (len(new) - len(old))
        else:
            out_origin += [_merge(origin[j : j + len(old)])] * len(new)
        i = j + len(old)
    out += data[i:]
    out_origin += origin[i:]
    assert bytes(out) == data.replace(old, new)
    return bytes(out), out_origin


def _mirror_decoder(data: bytes, origin: list | None = None) -> str:
    return "".join(c for c, _, _ in _decode_with_origins(data, origin or [None] * len(data)))


def _decode_with_origins(data: bytes, origin: list) -> list[tuple[str, Origin, int]]:
    """(character, origin, bytes consumed) for each decoded character."""
    chars, k = [], 0
    while k < len(data):
        lead = data[k]
        if lead < 0x80:
            chars.append((chr(lead), origin[k], 1))
            k += 1
            continue
        trail = data[k + 1] if k + 1 < len(data) else -1
        if 0x81 <= lead <= 0xFE and (0x40 <= trail <= 0x7E or 0x80 <= trail <= 0xFE):
            chars.append((bytes([lead, trail]).decode("gb18030"), _merge(origin[k : k + 2]), 2))
            k += 2
        else:
            used = 2 if trail in (0x28, 0x26) else 1  # "(" of an inserted annotation, "&" of an entity
            chars.append(("?", _merge(origin[k : k + used]), used))
            k += used
    return chars


def _gbk(char: str) -> bytes:
    try:
        return char.encode("gbk")
    except UnicodeEncodeError:
        return f"&#{ord(char)};".encode()


def to_simplified_char(char: str) -> str:
    from zhpub.text.convert import to_simplified

    simplified = to_simplified(char)
    return simplified if len(simplified) == 1 else char


def mirror_scrape(clean: str, seed: int, annotate: int = 90, entity_share: float = 0.2) -> ByteScrape:
    """A Traditional copy of ``clean`` edited as the mirror does: ``annotate`` characters (Traditional forms that
    differ from the Simplified) get their pinyin after every occurrence of their code, every full-width mark
    becomes ASCII, a share of the curly quotes are HTML entities; then the mirror's decoder."""
    rng = random.Random(seed)
    trad = to_traditional(clean, "hant")
    differing = sorted({t for s, t in zip(clean, trad) if s != t and HAN_RE.match(t)}) if len(trad) == len(clean) else []
    if not differing:
        differing = sorted({t for t in trad if HAN_RE.match(t) and len(_gbk(t)) == 2})
    chosen = rng.sample(differing, min(annotate, len(differing)))
    annotated = {c: _reading(to_simplified_char(c)) for c in chosen}
    lines, runs, all_origins, all_units = [], [], [], []
    for number, line in enumerate(trad.split("\n")):
        units = [("&ldquo;" if c == "“" else "&rdquo;") if c in "“”" and rng.random() < entity_share else c for c in line]
        encoded = [_gbk(u) if len(u) == 1 else u.encode() for u in units]
        data = b"".join(encoded)
        origin = [(k, k) for k, e in enumerate(encoded) for _ in e]
        for char in chosen:  # the replace matches wherever the two bytes stand, across characters too
            code = _gbk(char)
            data, origin = _replace(data, origin, code, code + b"(" + annotated[char].encode("gbk") + b")", True)
        for mark in MIRROR_MARKS:
            data, origin = _replace(data, origin, mark.encode("gbk"), FLATTEN[mark].encode(), False)
        decoded = _decode_with_origins(data, origin)
        lines.append("".join(c for c, _, _ in decoded))
        all_origins.append([o for _, o, _ in decoded])
        all_units.append(units)

        def clean_char(c: str, o: Origin, used: int) -> bool:
            if o is None:
                return True  # an inserted annotation: the mirror's, not garbled by itself
            unit = encoded[o[0]]
            if o[0] != o[1]:
                return False  # bytes of two characters
            if unit.isascii():
                return True  # ASCII or an entity, read as written
            if c == "?" or (c.isascii() and FLATTEN.get(units[o[0]]) != c):
                return False  # an orphaned byte, or a stray trail byte
            return used == len(unit) or FLATTEN.get(units[o[0]]) == c

        pos, k = 0, 0
        while k < len(decoded):
            if clean_char(*decoded[k]):
                pos += 1
                k += 1
                continue
            first, origins = pos, []
            while k < len(decoded) and (not clean_char(*decoded[k]) or decoded[k][1] is None):
                origins.append(decoded[k][1])
                pos += 1
                k += 1
            lo, hi = _merge(origins)
            runs.append(GarbledRun(number, first, pos, "".join(units[lo : hi + 1])))
    return ByteScrape("\n".join(lines), runs, annotated, all_origins, all_units)
