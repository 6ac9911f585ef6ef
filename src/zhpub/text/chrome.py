"""Stage: remove injected spam and the mirror site's page furniture ("chrome").

Rules look at whole lines and at what a line *is* (a keyword list, a breadcrumb, a time stamp, a download id,
a photo caption ending in its credit, an editor line, footer links, the page's own headline), never at line
numbers. Lines are compared in a folded form (pinyin annotations dropped, Traditional -> Simplified) so one
vocabulary serves both scripts. Removed lines are recorded; the page headline and time stamp are kept as
metadata by the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..changes import Change, Stage, apply_changes
from .convert import to_simplified
from .pinyin import ANNOTATION_RE

# Words of injected keyword-spam lines (porn, gambling and piracy SEO), folded to Simplified. Strong words never
# occur in a government report; weak ones can (国产, 福利, 成人教育), so they count half.
SPAM_STRONG = (
    "无码", "影院", "在线观看", "在线视频", "专区", "偷拍", "自拍", "久久", "人人爽", "人人做", "娱乐城", "威尼斯人", "博彩",
    "色情", "三级片", "激情", "丝袜", "日韩", "亚洲精品", "官网", "免费看", "快播", "www", "av",
)
SPAM_WEAK = ("在线", "精品", "国产", "视频", "电影", "高清", "免费", "福利", "成人", "澳门", "美女", "亚洲", "欧美")
SPAM_SCORE = 4  # strong words count 2, weak words 1; at least one strong word is needed
ASCII_WORD = re.compile(r"^[a-z]+$")
SPAM_ITEM_SHARE = 0.5  # of an item's characters in spam words, for it to belong to a glued run
SPAM_GAP = 2  # other characters allowed between spam words where a run runs into the text
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"


def spam_words(text: str) -> tuple[int, list[str]]:
    lower = text.lower()
    hits, score = [], 0
    for words, weight in ((SPAM_STRONG, 2), (SPAM_WEAK, 1)):
        for word in words:
            found = re.search(rf"(?<![a-z]){word}(?![a-z])", lower) if ASCII_WORD.match(word) else word in lower
            if found:
                hits.append(word)
                score += weight
    return score, hits


# First word of a breadcrumb trail.
BREADCRUMB_ROOTS = ("首页", "当前位置", "您的位置", "您现在的位置", "网站首页", "主页")
# Whole lines that are links in a page footer or share bar.
FOOTER_LINKS = (
    "返回首页", "返回顶部", "回到顶部", "相关新闻", "相关阅读", "相关链接", "推荐阅读", "打印本页", "打印",
    "关闭窗口", "关闭", "分享到", "上一篇", "下一篇", "收藏", "扫一扫", "【打印】", "【关闭】", "【收藏】",
    "网站地图", "联系我们", "字号", "大", "中", "小",
)
EDITOR_LABELS = ("责任编辑", "编辑", "责编", "校对", "审核", "审校", "终审", "一审", "二审", "三审")

SUBTITLE_RE = re.compile(r"^\s*(?:——|—|--|－－)")
# "市长 徐曙海", "代市长徐曙海": an office and a two-to-four character name.
SPEAKER_RE = re.compile(
    r"^\s*(?:国务院)?(?:代理?|常务副|副)?(?:自治[区州县旗])?(?:[市省区县州旗盟]长|主席|主任|书记|总理)"
    r"[\s\u3000]*[\u4e00-\u9fff·](?:[\u3000 ]?[\u4e00-\u9fff·]){1,4}\s*$"
)
FULL_TEXT_HEADLINE_RE = re.compile(r"[（(]\s*全文\s*[)）]\s*$")
SALUTATION_RE = re.compile(r"^\s*各位(?:代表|委员)")
PART_HEADING_RE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}、")
TIMESTAMP_RE = re.compile(
    r"^\s*(?:(?:(?:发布|更新)?(?:时间|日期)\s*[:：]?\s*)"  # a label, then any date form ...
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"  # ... or 2022-03-07 (04:23)
    r"|\d{4}年\d{1,2}月\d{1,2}日\s+\d{1,2}:\d{2}(?::\d{2})?"  # ... or 2022年3月7日 04:23; a bare 年月日 is text
    r")\s*$"
)
DOWNLOAD_ID_RE = re.compile(r"^\s*[A-Za-z][A-Za-z_]*[-_]?\d{8,}\s*$")
# A caption ends in a photographer's name and 摄 ("... 谢道韫 摄", "（记者 张三 摄）").
CAPTION_RE = re.compile(r"(?:\s+|[（(]记者\s*)[\u4e00-\u9fff·]{2,5}\s*摄(?:影)?\s*[）)]?\s*$")
DATE_RE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
SOURCE_LINE_RE = re.compile(r"^\s*[(（【\[]?\s*(?:来源|稿源|作者|记者|文章来源|信息来源)\s*[:：]")
# Words of a licence or copyright notice that an online library appends after the text.
LICENCE_WORDS = (
    "著作权", "版权", "公有领域", "public domain", "本作品", "许可协议", "知识共享", "creative commons", "cc by",
    "转载", "授权", "署名", "免责声明", "不适用于该法",
)
LICENCE_MIN_WORDS = 2
LICENCE_TAIL_MAX = 1200  # characters from the notice to the end: a notice is short, a report's text is not


def _load_furniture() -> dict[str, frozenset[str]]:
    import yaml

    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "furniture.yaml").read_text(encoding="utf-8"))
    return {kind: frozenset(w.lower() for w in words) for kind, words in data.items()}


FURNITURE = _load_furniture()
FURNITURE_WORDS = FURNITURE["toolbar"] | FURNITURE["forum"] | FURNITURE["labels"]
# What separates the words of a toolbar, a share bar or a forum post's header.
SEPARATORS_RE = re.compile(r"[\s|｜/／·•\-_—–>»＞›→【】\[\]（）()：:,，、;；「」『』<>《》\u3000]+")
SENTENCE_END_RE = re.compile(r"[。！？!?]")
# Numbers, dates, times, counts, ids and addresses carry no words: they neither make a line text nor furniture.
NEUTRAL_TOKEN_RE = re.compile(
    r"\d+(?:[-./年月日]\d*)*[日号]?|\d{1,2}:\d{2}(?::\d{2})?|[A-Za-z]{0,4}\d+[A-Za-z]*|https?\S*|www\.\S+|[人次条楼#]"
)
FURNITURE_SHARE = 0.75  # of a line's characters (separators aside) in furniture words and neutral tokens
LABEL_LINE_RE = re.compile(
    r"^[\s(（【\[—\-]*(?:" + "|".join(sorted(FURNITURE["labels"] | {"上一篇", "下一篇", "上一页", "下一页"}, key=len, reverse=True))
    + r")\s*[:：]"
)
LABEL_LINE_MAX = 100
BREADCRUMB_SEPARATORS_RE = re.compile(r"\s*[>»＞›→]\s*")
APP_PROMO_RE = re.compile(r"下载.{0,12}(?:客户端|app|APP)|(?:客户端|app|APP).{0,6}下载")
# A compiler's note on a line of its own, in brackets: （根据直播整理）, 【编者按】, (转载自……).
COMPILER_NOTE_RE = re.compile(r"^[（(【\[]\s*[^）)】\]。]{0,30}(?:整理|实录|转载|编者|摘编|节选|转自)[^）)】\]。]{0,20}[）)】\]]$")
RELATED_HEADS = frozenset({"相关新闻", "相关报道", "相关阅读", "相关链接", "相关文章", "推荐阅读", "延伸阅读", "热点推荐", "热门推荐"})
RELATED_ITEM_MAX = 40
# Remnants of HTML: whole tags (<b id=x>, <meter value=1>), and tags a decoder cut ("br />", "span id=x").
HTML_TAG_RE = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`\u3400-\u9fff]+))?)*\s*/?>"
    r"|(?<![A-Za-z])(?:br|hr|p|div|span|b|i|font|meter|img|a|strong|em|td|tr)\s*/>"
    r"|(?<![A-Za-z])(?:span|div|font|meter|img|a|b|p|td|tr|table)\s+(?:id|class|style|href|src|name|value|min|max|width|height|align|color|size)"
    r"\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\u3400-\u9fff<>]*)(?:\s+[a-z-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\u3400-\u9fff<>]*))*\s*/?>?"
)


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # end of the line, excluding its newline
    text: str
    folded: str


def fold(text: str) -> str:
    """Pinyin annotations dropped and Traditional folded to Simplified, for matching only."""
    return to_simplified(ANNOTATION_RE.sub("", text)).strip()


def split_lines(text: str) -> list[Line]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append(Line(pos, pos + len(raw), raw, fold(raw)))
        pos += len(raw) + 1
    return lines


def classify(line: Line) -> tuple[str, str] | None:
    """(rule, why) when a line is spam or chrome, else None."""
    s = line.folded
    if not s or PART_HEADING_RE.match(s) or re.match(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]", s):
        return None  # the report's own headings are never chrome
    items = [i for i in re.split(r"[,，、|｜]+", s) if i.strip()]
    if len(items) >= 3 and not re.search(r"[。！？；]", s) and len(s) / len(items) <= 25:
        score, hits = spam_words(s)
        if score >= SPAM_SCORE and any(h in SPAM_STRONG for h in hits):
            return "spam", f"keyword-list line ({', '.join(hits)})"
    if s.startswith(BREADCRUMB_ROOTS) and not re.search(r"[。，！？]", s):
        return "chrome-breadcrumb", "navigation breadcrumb"
    if TIMESTAMP_RE.match(s):
        return "chrome-timestamp", "page time stamp"
    if DOWNLOAD_ID_RE.match(s):
        return "chrome-download-id", "page element id"
    if CAPTION_RE.search(s) and len(s) < 200:
        return "chrome-photo-caption", "photo caption with its credit"
    if re.match(rf"^\s*(?:{'|'.join(EDITOR_LABELS)})\s*[:：]", s) and len(s) < 40:
        return "chrome-editor", "editor line"
    if SOURCE_LINE_RE.match(s) and len(s) < 40:
        return "chrome-source", "source/byline line"
    bare = re.sub(r"[\s\[\]【】|｜>»]+", "", s)
    if bare in FOOTER_LINKS or (len(s) <= 30 and all(w in FOOTER_LINKS for w in re.split(r"[\s|｜]+", s) if w)):
        return "chrome-footer", "footer link"
    return furniture_line(s)


def furniture_line(s: str) -> tuple[str, str] | None:
    """What a line is, by its make-up: tag remnants, a breadcrumb, article metadata, a toolbar or a forum header."""
    if SALUTATION_RE.match(s):
        return None
    if HTML_TAG_RE.search(s) and not HTML_TAG_RE.sub("", s).strip():
        return "chrome-html", "HTML tag remnant"
    crumbs = [c for c in BREADCRUMB_SEPARATORS_RE.split(s.strip()) if c]
    if len(crumbs) >= 3 and not SENTENCE_END_RE.search(s) and all(len(c) <= 16 for c in crumbs):
        return "chrome-breadcrumb", "navigation breadcrumb"
    if LABEL_LINE_RE.match(s) and len(s) < LABEL_LINE_MAX and not re.search(r"[，。；！？,;!?]", s):  # values, not sentences
        return "chrome-meta", "article metadata (source, author, editor, time, counts)"
    if COMPILER_NOTE_RE.match(s.strip()):
        return "chrome-compiler-note", "the compiler's note, not the report's text"
    if len(s) < 40 and APP_PROMO_RE.search(s):
        return "chrome-promo", "app download prompt"
    if SENTENCE_END_RE.search(s) and len(s) > 12:
        return None
    words = furniture_words(s)
    if words:
        kind = "forum" if any(w.lower() in FURNITURE["forum"] for w in words) else "toolbar"
        return f"chrome-{kind}", f"{kind} ({' '.join(words[:6])})"
    return None


def furniture_words(s: str) -> list[str]:
    """The furniture words of a line made (nearly) only of them, numbers and separators; else []."""
    hits, covered, other = [], 0, 0
    for token in SEPARATORS_RE.split(s):
        if not token:
            continue
        if token.lower() in FURNITURE_WORDS:
            hits.append(token)
            covered += len(token)
        elif NEUTRAL_TOKEN_RE.fullmatch(token):
            covered += len(token)
        else:
            other += len(token)
    return hits if hits and covered >= FURNITURE_SHARE * (covered + other) else []


def related_lists(lines: list[Line], verdicts: dict[int, tuple[str, str]], start: int) -> list[int]:
    """The items of a 相关新闻 / 推荐阅读 list after the body's start: short headline lines after its head, up to
    the next text (before the body, short lines are the report's own title block)."""
    items = []
    for i, line in enumerate(lines[start:], start):
        if re.sub(r"[\s\[\]【】|｜:：]+", "", line.folded) not in RELATED_HEADS:
            continue
        for j in range(i + 1, len(lines)):
            s = lines[j].folded
            if not s.strip(ZERO_WIDTH + " \u3000"):
                continue
            if len(s) > RELATED_ITEM_MAX or re.search(r"[。，；]", s) or SALUTATION_RE.match(s) or PART_HEADING_RE.match(s):
                break
            if j not in verdicts:
                items.append(j)
    return items


def glued_spam(text: str) -> list[tuple[int, int, list[str]]]:
    """Keyword-spam runs glued to the start or the end of a line of text: (start, end, words) in ``text``.

    A run is two or more comma- or space-separated items made mostly of spam words, scoring as a spam line does.
    The item the run is glued to keeps its text: the cut goes on into it only through spam words that follow
    each other (at most two other characters between), so "…久久精品www福利现在，我代表……" keeps "现在".
    """
    folded, where = _fold_with_positions(text)
    if folded is None:
        return []
    items = [(m.start(), m.end()) for m in re.finditer(r"[^,，、|｜\s]+", folded)]
    runs = []
    for forward in (True, False):
        run, hits, boundary = [], [], None
        for start, end in items if forward else items[::-1]:
            found = _spam_positions(folded[start:end])
            if found and _covered(found) >= SPAM_ITEM_SHARE * (end - start):
                run.append((start, end))
                hits.extend(w for w, _, _ in found)
                continue
            boundary = (start, end, found)
            break
        if len(run) < 2 or boundary is None:
            continue  # no run, or the whole line is spam (the line rule's case)
        score = sum(2 if w in SPAM_STRONG else 1 for w in hits)
        if score < SPAM_SCORE or not any(w in SPAM_STRONG for w in hits):
            continue
        # The item nearest the text may carry text after its spam words ("…福利现在"); if it does not, the cut goes
        # on through the separator into the next item's opening spam words.
        last_start, last_end = run[-1]
        for start, end, found in ((last_start, last_end, _spam_positions(folded[last_start:last_end])), boundary):
            if forward:
                edge = _spam_edge(found, end - start, forward)
                cut = (0, start + edge)
                if start + edge < end:
                    break
            else:
                edge = _spam_edge(found, end - start, forward)
                cut = (start + edge, len(folded))
                if start + edge > start:
                    break
        runs.append((where[cut[0]], where[cut[1]], sorted(set(hits))))
    return runs


GLUE_TOKEN_RE = re.compile(r"[^\s|｜【】\[\]>»＞]+")  # toolbar words glued to text are apart by these only
GLUED_BREADCRUMB_RE = re.compile(r"^\s*(?:[^\s>»＞›。，]{1,16}\s*[>»＞›]\s*){2,}[^\s>»＞›。，]{1,16}\s+")
GLUED_TEXT_MIN = 8  # characters of text left beside a furniture run, for the run to count as glued to text


def glued_furniture(text: str) -> list[tuple[int, int, list[str]]]:
    """Toolbar, breadcrumb or forum-header words at the start or the end of a line of text, apart from it by
    spaces, bars or brackets: (start, end, words) in ``text``. Commas and 、 never separate them, so the text's
    own 大、中、小 is never cut."""
    folded, where = _fold_with_positions(text)
    if folded is None:
        return []
    tokens = [(m.start(), m.end()) for m in GLUE_TOKEN_RE.finditer(folded)]
    cuts = []
    crumbs = GLUED_BREADCRUMB_RE.match(folded)
    if crumbs and len(folded) - crumbs.end() >= GLUED_TEXT_MIN:
        cuts.append((where[0], where[crumbs.end()], ["breadcrumb"]))
        tokens = [t for t in tokens if t[0] >= crumbs.end()]
    for forward in (False,) if crumbs else (True, False):
        run, words = [], []
        for start, end in tokens if forward else tokens[::-1]:
            token = folded[start:end]
            if token.lower() in FURNITURE_WORDS or (NEUTRAL_TOKEN_RE.fullmatch(token) and not token.isdigit()):
                run.append((start, end))
                words += [token] if token.lower() in FURNITURE_WORDS else []
                continue
            break
        if not words or len(run) == len(tokens) or (len(run) < 2 and not _bracketed(folded, run)):
            continue
        if forward:
            rest = tokens[len(run)][0]
            cut = (0, rest)
        else:
            rest = tokens[-len(run) - 1][1]
            cut = (rest, len(folded))
        remaining = folded[: cut[0]] + folded[cut[1] :]
        if len(remaining.strip()) >= GLUED_TEXT_MIN and not SENTENCE_END_RE.search("".join(folded[a:b] for a, b in run)):
            cuts.append((where[cut[0]], where[cut[1]], words))
    return cuts


def _bracketed(folded: str, run: list[tuple[int, int]]) -> bool:
    """A single furniture word in 【】 or []: 【打印】."""
    if len(run) != 1:
        return False
    start, end = run[0]
    return start > 0 and folded[start - 1] in "【[" and end < len(folded) and folded[end] in "】]"


def _spam_edge(found: list[tuple[str, int, int]], length: int, forward: bool) -> int:
    """How far spam words that follow each other reach into an item from its start (forward) or its end."""
    if forward:
        edge = 0
        for _, start, end in sorted(found, key=lambda f: f[1]):
            if start - edge <= SPAM_GAP:
                edge = max(edge, end)
        return edge
    edge = length
    for _, start, end in sorted(found, key=lambda f: -f[2]):
        if edge - end <= SPAM_GAP:
            edge = min(edge, start)
    return edge


def _covered(found: list[tuple[str, int, int]]) -> int:
    covered, reach = 0, 0
    for _, start, end in sorted(found, key=lambda f: f[1]):
        start = max(start, reach)
        if end > start:
            covered += end - start
            reach = end
    return covered


def _spam_positions(item: str) -> list[tuple[str, int, int]]:
    lower = item.lower()
    found = []
    for word in SPAM_STRONG + SPAM_WEAK:
        pattern = rf"(?<![a-z]){word}(?![a-z])" if ASCII_WORD.match(word) else re.escape(word)
        found.extend((word, m.start(), m.end()) for m in re.finditer(pattern, lower))
    return found


def _fold_with_positions(text: str) -> tuple[str | None, list[int]]:
    """The folded text and, for each of its characters, the offset in ``text`` (None if folding changed length)."""
    kept, where, pos = [], [], 0
    for m in ANNOTATION_RE.finditer(text):
        kept.append(text[pos : m.start()])
        where.extend(range(pos, m.start()))
        pos = m.end()
    kept.append(text[pos:])
    where.extend(range(pos, len(text)))
    stripped = "".join(kept)
    simplified = to_simplified(stripped)
    if len(simplified) != len(stripped):
        return None, []
    return simplified, where + [len(text)]


def body_start(lines: list[Line], removed: set[int]) -> int:
    """Index of the first line of the speech itself (salutation or first part heading)."""
    for i, line in enumerate(lines):
        if i in removed:
            continue
        if SALUTATION_RE.match(line.folded) or PART_HEADING_RE.match(line.folded):
            return i
    # No salutation: the first long line starts the body.
    for i, line in enumerate(lines):
        if i not in removed and len(line.folded) > 60:
            return i
    return len(lines)


def headline_lines(lines: list[Line], removed: set[int], start: int) -> list[int]:
    """Lines of the page's own headline block that restate the document's title block.

    Before the body, a mirror page shows its headline (often "…政府工作报告(全文)") and deck, then the
    document's own title, subtitle and speaker. A head line is the page's headline when it contains the
    document's title (the last title line), or is a subtitle with the same date as a later subtitle.
    """
    head = [i for i in range(start) if i not in removed and lines[i].folded]
    titles = [i for i in head if not SUBTITLE_RE.match(lines[i].folded) and not SPEAKER_RE.match(lines[i].folded)]
    if len(titles) < 2:
        return []
    last_title = titles[-1]
    later_titles = {re.sub(r"\s+", "", lines[i].folded) for i in titles}
    later_dates = {d for i in head if i > last_title for d in DATE_RE.findall(lines[i].folded)}
    headline = []
    for i in head:
        if i >= last_title:
            break
        folded = re.sub(r"\s+", "", lines[i].folded)
        restates = any(t != folded and t in folded for t in later_titles)
        if i in titles and restates:
            headline.append(i)
        elif SUBTITLE_RE.match(folded) and set(DATE_RE.findall(folded)) & later_dates:
            headline.append(i)
    return headline


def licence_footer(lines: list[Line], removed: set[int], start: int) -> list[int]:
    """The lines from a licence notice after the body to the end of the page.

    An online library appends a notice (本作品…属于公有领域, its licence tags) after the text, often broken into
    one fragment per link. A paragraph after the body's start with two licence words opens it; everything after
    it belongs to it as long as the tail is short and holds no heading or salutation of the report.
    """
    kept = [i for i in range(start, len(lines)) if i not in removed]
    paragraphs: list[list[int]] = []
    for i in kept:
        if lines[i].folded.strip(ZERO_WIDTH):
            if paragraphs and paragraphs[-1][-1] == i - 1:
                paragraphs[-1].append(i)
            else:
                paragraphs.append([i])
    for n, para in enumerate(paragraphs):
        joined = "".join(lines[i].folded for i in para).lower()
        if sum(1 for w in LICENCE_WORDS if w in joined) < LICENCE_MIN_WORDS:
            continue
        tail = [i for p in paragraphs[n:] for i in p]
        if sum(len(lines[i].folded) for i in tail) > LICENCE_TAIL_MAX:
            return []
        if any(PART_HEADING_RE.match(lines[i].folded) or SALUTATION_RE.match(lines[i].folded) for i in tail):
            return []
        return [i for i in range(para[0], len(lines)) if i not in removed and lines[i].text.strip()]
    return []


def strip_chrome(text: str) -> Stage:
    lines = split_lines(text)
    verdicts: dict[int, tuple[str, str]] = {}
    for i, line in enumerate(lines):
        verdict = classify(line)
        if verdict:
            verdicts[i] = verdict
    start = body_start(lines, set(verdicts))
    for i in headline_lines(lines, set(verdicts), start):
        verdicts[i] = ("page-headline", "the mirror page's headline, kept as metadata")
    for i, line in enumerate(lines):  # "…政府工作报告(全文)" that restates no later title: still the page's own
        if i not in verdicts and FULL_TEXT_HEADLINE_RE.search(line.folded) and len(line.folded) <= 60:
            verdicts[i] = ("page-headline", "the mirror page's headline, kept as metadata")
    for i in licence_footer(lines, set(verdicts), start):
        verdicts[i] = ("chrome-licence", "licence notice of the site the text was copied from")
    for i in related_lists(lines, verdicts, start):
        verdicts[i] = ("chrome-related", "item of a related-links list")

    changes = []
    for i, (rule, why) in sorted(verdicts.items()):
        line = lines[i]
        end = min(line.end + 1, len(text))  # the line and its newline
        changes.append(Change(rule, line.start, end, text[line.start : end], "", why))
    for i, line in enumerate(lines):
        if i not in verdicts:
            changes.extend(inline_cuts(line))
    return Stage("chrome", apply_changes(text, changes), changes)


def inline_cuts(line: Line) -> list[Change]:
    """Spam runs glued to a line of text and HTML tag remnants inside it, cut out; the text stays."""
    cuts = [(a, b, "spam-glued", f"keyword spam glued to the text ({', '.join(words)})") for a, b, words in glued_spam(line.text)]
    for a, b, words in glued_furniture(line.text):
        if a < b and not any(x < b and a < y for x, y, _, _ in cuts):
            cuts.append((a, b, "chrome-glued", f"page furniture glued to the text ({' '.join(words[:6])})"))
    for m in HTML_TAG_RE.finditer(line.text):
        if m.start() < m.end() and not any(a < m.end() and m.start() < b for a, b, _, _ in cuts):
            cuts.append((m.start(), m.end(), "chrome-html", "HTML tag remnant inside the text"))
    return [Change(rule, line.start + a, line.start + b, line.text[a:b], "", why) for a, b, rule, why in sorted(cuts)]
