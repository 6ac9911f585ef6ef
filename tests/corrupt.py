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
    for i, trad in enumerate(traditional_lines):
        marks: list[tuple[int, int, str, int]] = []
        if i in chosen:
            for _ in range(50):
                length = rng.randint(3, 8)
                start = rng.randrange(5, len(trad) - length)
                span = trad[start : start + length]
                if not all(HAN_RE.match(c) or c in "，、；：" for c in span) or not HAN_RE.match(span[0]):
                    continue
                garbled = misalign(span)
                if garbled:
                    if rng.random() < 0.5:  # the mirror also annotated the lost character ("(" eaten)
                        garbled = garbled[0] + _reading(span[0]) + ")" + garbled[1:]
                    garbled += f"({_reading(span[-1])})"
                    clean_span = lines[i][start : start + length]
                    trad = trad[:start] + garbled + trad[start + length :]
                    marks.append((start, start + len(garbled), clean_span, line_starts[i] + start))
                    break
        garbled_lines.append((trad, marks))

    out_lines = []
    for trad, marks in garbled_lines:
        pos, new_marks = 0, []
        out = ""
        for start, end, clean_span, clean_start in marks:
            out += _annotate(trad[pos:start], rng)
            new_start = len(out)
            out += trad[start:end]
            new_marks.append((new_start, len(out), clean_span, clean_start))
            pos = end
        out += _annotate(trad[pos:], rng)
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


def _annotate(text: str, rng: random.Random) -> str:
    """Pinyin after about a third of the Han characters (sometimes without tone mark, as in 們(men))."""
    out = []
    for char in text:
        out.append(char)
        if HAN_RE.match(char) and rng.random() < 0.3:
            reading = _reading(char)
            if rng.random() < 0.1:
                reading = plain(reading)
            out.append(f"({reading})")
    return "".join(out)


# --- the mirror's byte mechanism ----------------------------------------------------------------------------
# Written apart from zhpub.text.mojibake on purpose (a test that checks the pipeline with its own model would
# prove little): the mirror edits the page's GBK bytes with naive bytes.replace, then decodes them with a
# decoder that shows an orphaned lead byte as "?" and drops a "(" or "&" right after it.

MIRROR_MARKS = ("，", "：", "；", "（", "）", "？", "！")


@dataclass
class ByteSpan:
    line: int  # index of the line in the scrape
    garbled: str  # what the mirror's decoder shows
    ideal: str  # the same stretch as the mirror meant it (characters with their annotations)


@dataclass
class ByteScrape:
    text: str
    ideal: str  # the scrape as it would be without cross-boundary matches, line for line
    annotated: dict[str, str]  # the characters the mirror annotates, with the reading it gives


def _mirror_decoder(data: bytes) -> str:
    chars, k = [], 0
    while k < len(data):
        lead = data[k]
        if lead < 0x80:
            chars.append(chr(lead))
            k += 1
            continue
        trail = data[k + 1] if k + 1 < len(data) else -1
        if 0x81 <= lead <= 0xFE and (0x40 <= trail <= 0x7E or 0x80 <= trail <= 0xFE):
            chars.append(bytes([lead, trail]).decode("gb18030"))
            k += 2
        else:
            chars.append("?")
            k += 1
            if trail in (0x28, 0x26):  # "(" of an inserted annotation, "&" of an entity
                k += 1
    return "".join(chars)


def _gbk(char: str) -> bytes:
    try:
        return char.encode("gbk")
    except UnicodeEncodeError:
        return f"&#{ord(char)};".encode()


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
    text_lines, ideal_lines = [], []
    for line in trad.split("\n"):
        line = "".join(("&ldquo;" if c == "“" else "&rdquo;") if c in "“”" and rng.random() < entity_share else c
                       for c in line)
        data = b"".join(_gbk(c) for c in line)
        for char in chosen:  # the replace matches wherever the two bytes stand, across characters too
            code = _gbk(char)
            data = data.replace(code, code + b"(" + annotated[char].encode("gbk") + b")")
        for mark in MIRROR_MARKS:
            data = data.replace(mark.encode("gbk"), FLATTEN[mark].encode())
        text_lines.append(_mirror_decoder(data))
        # what the mirror meant: the same edits character by character
        ideal_lines.append("".join(_gbk(FLATTEN.get(c, c)).decode("gbk") + (f"({annotated[c]})" if c in annotated else "")
                                   for c in line))
    return ByteScrape("\n".join(text_lines), "\n".join(ideal_lines), annotated)


def to_simplified_char(char: str) -> str:
    from zhpub.text.convert import to_simplified

    simplified = to_simplified(char)
    return simplified if len(simplified) == 1 else char


def byte_spans(scrape: ByteScrape) -> list[ByteSpan]:
    """Where the scrape differs from what the mirror meant: the garbled spans, with the truth beside them."""
    import difflib

    spans = []
    for k, (got, meant) in enumerate(zip(scrape.text.split("\n"), scrape.ideal.split("\n"))):
        if got == meant:
            continue
        matcher = difflib.SequenceMatcher(None, got, meant, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op != "equal":
                spans.append(ByteSpan(k, got[a0:a1], meant[b0:b1]))
    return spans
