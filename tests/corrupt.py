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
