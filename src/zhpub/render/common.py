"""What every renderer shares: labels in both scripts, citation labels, escaping, glossary marks in text."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

from ..text.convert import to_traditional
from ..knowledge.glossary import GlossaryHit, Term
from ..knowledge.indicators import Indicator
from ..model import LANG_TAGS, Block, Document

# UI text, written once in Simplified; the Traditional edition is converted like the content.
LABELS = {
    "site": "政府工作报告双语发布",
    "full_text": "全文",
    "indicators": "指标",
    "corrections": "修订记录",
    "glossary": "术语表",
    "cite": "如何引用",
    "documents": "文件",
    "speaker": "报告人",
    "date": "日期",
    "venue": "会议",
    "pdf": "PDF 离线版",
    "data": "数据下载",
    "copy_citation": "复制引用",
    "copied": "已复制",
    "paragraph_link": "本段链接",
    "kind": "类型",
    "period": "时期",
    "name": "指标",
    "value": "数值",
    "hedge": "限定",
    "comparison": "表述",
    "source_paragraph": "出处",
    "occurrences": "出现位置",
    "components": "构成",
    "related": "相关术语",
    "aliases": "又作",
    "note": "说明",
    "back_to_text": "回到原文",
    "result-term": "五年成果",
    "result-year": "上年成果",
    "target-term": "五年目标",
    "target-year": "年度目标",
    "official": "官方译法",
    "well-known": "通行译法",
    "suggested": "本站译法",
    "rule": "规则",
    "count": "次数",
    "places": "位置（行:列）",
    "before": "原文",
    "after": "改为",
    "reason": "理由",
    "errata": "人工勘误",
    "override": "人工修正",
    "simplified": "简体",
    "traditional": "繁體",
    "intro": "开头",
    "paragraph_n": "第{n}段",
    "confidence": "把握程度",
    "source": "来源",
}

CATEGORY_LABELS = {
    "national": "全国性提法",
    "jiangsu": "江苏省提法",
    "zhenjiang": "镇江本地提法",
    "brand": "品牌与称号",
    "policy": "政策术语",
}

VARIANT_NAMES = {"hans": "简体", "hant": "繁體"}


@functools.lru_cache(maxsize=None)
def label(key: str, variant: str) -> str:
    text = LABELS.get(key) or CATEGORY_LABELS[key]
    return text if variant == "hans" else to_traditional(text)


def in_variant(text: str, variant: str) -> str:
    return text if variant == "hans" else to_traditional(text)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def title_attr(text: str) -> str:
    """A title attribute whose text Material's tooltip inserts as HTML: escaped twice, so markup stays text."""
    return esc(html.escape(text, quote=False))


def lang(variant: str) -> str:
    return LANG_TAGS[variant]


def cite_label(doc: Document, block: Block, variant: str) -> str:
    """三（二）第4段, 第一部分第2段, 开头第2段: the block's place in the document's own numbering."""
    chain = []
    parent = block.parent if block.kind in ("paragraph", "salutation") else block.id
    while parent and parent != "intro":
        b = doc.block(parent)
        chain.append(b)
        parent = b.parent
    chain.reverse()
    paragraph = label("paragraph_n", variant).format(n=block.number) if block.kind in ("paragraph", "salutation") else ""
    if not chain:
        return label("intro", variant) + paragraph
    if len(chain) == 1:  # a part: 第一部分 (三 alone would not read as a place)
        return in_variant(f"第{chain[0].number}部分", variant) + paragraph
    return chain[0].number + "".join(f"（{b.number}）" for b in chain[1:]) + paragraph


def marked_text(text: str, hits: Iterable[GlossaryHit], terms: dict[str, Term], variant: str,
                link: callable) -> str:
    """The paragraph text, escaped, with each glossary hit wrapped in a link to its entry with a tooltip."""
    out, pos = [], 0
    for hit in sorted(hits, key=lambda h: h.start):
        term = terms[hit.term]
        out.append(esc(text[pos : hit.start]))
        tip = f"{term.english} — {term.explanation['en']}"
        out.append(
            f'<a class="zh-term" href="{link(term)}" title="{title_attr(tip)}" data-term="{esc(term.slug)}">'
            f"{esc(text[hit.start : hit.end])}</a>"
        )
        pos = hit.end
    out.append(esc(text[pos:]))
    return "".join(out)


# Comparisons the figure says by itself: 达到4763亿元 reads as 4763亿元; the others stay (增长5.5%, 超过1200亿元).
SILENT_COMPARISONS = ("达到", "达", "排名", "翻番", "实现", "跃居")


def indicator_value(ind: Indicator, variant: str) -> str:
    """5.5%以上, 1.9∶1, 第3位, 翻番: the figure as a reader says it."""
    if ind.unit == "rank":
        text = f"第{ind.value_text if ind.value_text.isdigit() else ind.value}位"
    elif ind.unit == "ratio":
        text = ind.value_text
    elif ind.unit == "倍" and ind.value_text == "翻番":
        text = "翻番"
    else:
        text = f"{ind.value_text}{ind.unit}"
    hedges = ind.hedge.split("+") if ind.hedge else []
    # the verb, unless the figure says it by itself or the name already does (引进培养大专以上人才)
    if ind.comparison not in SILENT_COMPARISONS and ind.unit != "rank" and not ind.name.startswith(ind.comparison):
        text = ind.comparison.removeprefix("年均").removeprefix("累计").removeprefix("同比") + text
    before = "".join(h for h in hedges if h in ("近", "超", "约", "预计", "力争", "力促"))
    after = "".join(h for h in hedges if h not in ("近", "超", "约", "预计", "力争", "力促"))
    if "余" in after:  # 3.9万余人: 余 follows the magnitude (万, 亿), not the number
        after = after.replace("余", "")
        magnitude = re.match(r"万亿|亿|万", ind.unit)
        at = text.find(ind.unit) + (len(magnitude.group()) if magnitude else 0)
        text = text[:at] + "余" + text[at:]
    return in_variant(before + text + after, variant)


def ascii_escape_invisible(text: str) -> str:
    """Private-use and control characters shown as \\uXXXX, so a reader sees what the scrape contained."""
    return re.sub(r"[\ue000-\uf8ff\ufffd\u0000-\u0008\u000b-\u001f\u00a0\u200b\ufeff]",
                  lambda m: f"\\u{ord(m.group()):04x}", text).replace("\n", "⏎")
