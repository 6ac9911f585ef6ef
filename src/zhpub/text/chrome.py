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

from ..changes import Change, Stage, apply_changes
from .convert import to_simplified
from .pinyin import ANNOTATION_RE

# Words of injected keyword-spam lines (porn, gambling and piracy SEO), folded to Simplified. Strong words never
# occur in a government report; weak ones can (国产, 福利, 成人教育), so they count half.
SPAM_STRONG = (
    "无码", "影院", "在线观看", "在线视频", "专区", "偷拍", "自拍", "久久", "人人爽", "人人做", "娱乐城", "博彩",
    "色情", "三级片", "激情", "丝袜", "日韩", "亚洲精品", "官网", "免费看", "快播", "www", "av",
)
SPAM_WEAK = ("在线", "精品", "国产", "视频", "电影", "高清", "免费", "福利", "成人", "澳门", "美女", "亚洲", "欧美")
SPAM_SCORE = 4  # strong words count 2, weak words 1; at least one strong word is needed
ASCII_WORD = re.compile(r"^[a-z]+$")
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
    return None


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
    for i in licence_footer(lines, set(verdicts), start):
        verdicts[i] = ("chrome-licence", "licence notice of the site the text was copied from")

    changes = []
    for i, (rule, why) in sorted(verdicts.items()):
        line = lines[i]
        end = min(line.end + 1, len(text))  # the line and its newline
        changes.append(Change(rule, line.start, end, text[line.start : end], "", why))
    return Stage("chrome", apply_changes(text, changes), changes)
