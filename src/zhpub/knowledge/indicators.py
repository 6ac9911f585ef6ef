"""Numeric indicators (targets and results) pulled out of the text, with their hedges and periods.

Rules work on the Simplified text of each paragraph, clause by clause:

    地区生产总值达到4763亿元、年均增长5.8%      name, verb, value, unit; a following clause without a name
                                                inherits it (年均增长5.8% is still GDP)
    新增规上企业800家、净增400家                 verb before the name
    国、省考断面水质优Ⅲ比例分别达到100%、95.6%   分别: one row per name, names completed (国考…, 省考…)
    城乡收入比缩小至1.9∶1 · 增幅全省第三 · 排名从第97位上升至第31位 · 实现翻番 · 均达两位数

What kind of figure it is comes from where it stands: results of the five-year term or of last year in the
review part, five-year targets in the part on the next five years, this year's targets in this year's part.
Hand corrections live in content/<doc>/indicators.yaml and are recorded on the rows they touch.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..text.convert import _tokenizer, to_traditional
from ..errors import Location, ZhpubError
from ..model import Block, Document
from ..text.structure import chinese_number
from ..schemas import validate
from ..yamlio import load_yaml, location

KINDS = ("result-term", "result-year", "target-term", "target-year")

# Units, longest first; a magnitude (万, 亿, 万亿) may stand before them.
UNITS = (
    "个百分点", "个工作日", "工作日", "小时", "微克/立方米", "平方米", "公里", "美元", "人次", "元", "人", "户", "亩", "吨", "家", "个", "项",
    "件", "条", "所", "座", "处", "倍", "斤", "%", "％", "‰", "级",
)
QUANTITY_RE = re.compile(
    r"(?P<pre>近|超|约|上(?=[千百]))?"
    r"(?:(?P<num>\d+(?:\.\d+)?)|(?P<cn>[千百])(?=亿|万))"
    r"(?P<mag>万亿|亿|万)?(?P<yu>余)?"
    r"(?:(?P<unit>" + "|".join(re.escape(u) for u in UNITS) + r")|(?<=万|亿)(?=以上|左右|以内|以下|[，。；、]|$))"
    r"(?P<post>以上|左右|以内|以下)?"
)
# 6.5%－7%, 6%-6.5%, 5%–5.5%: a range is one target; its low end ends where the dash begins
RANGE_DASH = re.compile(r"^(?:－|-|–|—|～|~|至)$")
RATIO_RE = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?:∶\d+(?:\.\d+)?)+")  # 1.9∶1, 4.1∶46.3∶49.6
RANK_RE = re.compile(r"(?P<scope>全省|全市|全国|全区|全县)(?:第(?P<rank>[一二三四五六七八九十]+|\d+)(?:位|名)?)")
RANK_MOVE_RE = re.compile(r"从(?:年初)?第(?P<from>\d+)位(?P<verb>上升至|上升到|提升至|跃升至|前移至|下降至)第(?P<rank>\d+)位")
DOUBLE_RE = re.compile(r"(?:实现)?翻(?:一)?番")
TWO_DIGITS_RE = re.compile(r"(?:均)?达(?:到)?两位数")

# Verbs between a name and its value (name VERB value), longest first.
VERBS = (
    "增加到", "增加至", "减少到", "减少至", "调整为", "保持在", "压缩至", "下降到", "下降至", "提高至", "提高到", "提升至", "提升到", "缩小至", "缩小到", "控制在", "稳定在", "上升至",
    "降低到", "降低至", "回落到", "拟定为", "设定为", "定为", "定在", "接近", "不超过", "不低于", "达到", "增长", "上涨", "下降", "降低", "减少", "降至", "降到", "提高", "提升", "超过", "突破", "低于", "高于",
    "压缩", "跃居", "跃上", "拟按", "增至", "压减", "削减", "缩减", "安排", "增加", "上升", "达", "超", "为", "在",
)
# Verbs that stand before the name (VERB name value). With a counting verb the figure counts the object
# (新增规上企业800家: 800 enterprises); with an activity verb it measures the activity, which is then part of
# the name (改造老旧小区65万平方米: 650,000 m² of renovation; 降低企业成本超100亿元).
COUNTING_VERBS = ("新引进", "新认定", "新签约", "新增", "净增", "新建", "建成", "建设", "创建", "形成", "实施", "实现", "减少")
ACTIVITY_VERBS = (
    "引进培养", "引进", "申报", "改造", "盘活", "修复", "列统", "降低", "完成", "安排", "争取", "开展", "发放", "惠及",
)
LEADING_VERBS = COUNTING_VERBS + ACTIVITY_VERBS
ADVERBS = ("每月同比增幅均", "年均", "累计", "同比", "平均", "均", "再", "预计", "预期", "力争", "力促", "严格", "确保", "首次", "要")
KEPT_ADVERBS = ("年均", "累计", "同比")  # part of the comparison: 年均增长, 累计超过, 同比提高
HEDGE_ADVERBS = ("预计", "预期", "力争", "力促")
LEADING_NOISE = re.compile(r"^(?:其中|全年|全市|全县|全区|全省|今年|同时|比上年|比去年|并|和|及|、|，)+")
# 由312亿元增加到468亿元: the first figure is the baseline of the second
BASELINE_AFTER = re.compile(r"^的?(?:" + "|".join(("增加到", "增加至", "增长到", "提高到", "提高至", "提升到", "提升至", "上升到", "上升至", "下降到", "下降至", "减少到", "减少至", "缩小到", "缩小至", "调整为", "降至", "降到")) + ")")
# A count standing before its noun names an instrument, not an outcome: 10条政策, 110项重点任务, 180项能力清单.
INSTRUMENT_NOUNS = re.compile(r"^(?:[\u4e00-\u9fff]{0,4})(?:政策|任务|实事|清单|措施|方面|条款|类)")
NOT_A_QUANTITY_AFTER = re.compile(r"^(?:年|月|日|届|次|号|国道|省道|号线|周年|点|时)")


@dataclass(frozen=True)
class Indicator:
    id: str
    block: str
    phrase: str  # exact source text, Simplified
    start: int  # offsets of phrase in the block's Simplified text
    end: int
    name: str
    value: float
    value_text: str  # as written: 4763, 1.9∶1, 千, 翻番
    unit: str  # 亿元, %, 个百分点, rank, ratio, 倍 …
    comparison: str
    hedge: str  # "" or hedges joined with + in text order
    kind: str
    period: str
    name_hant: str = ""
    name_en: str = ""
    phrase_hant: str = ""
    override: str = ""  # reason, when indicators.yaml changed or added this row
    upper: float | None = None  # the high end of a range (6.5%－7%); value is its low end

    def to_json(self) -> dict[str, Any]:
        extra = {"upper": self.upper} if self.upper is not None else {}
        return extra | {
            "id": self.id, "block": self.block, "name": {"hans": self.name, "hant": self.name_hant, "en": self.name_en},
            "value": self.value, "value_text": self.value_text, "unit": self.unit, "comparison": self.comparison,
            "hedge": self.hedge, "kind": self.kind, "period": self.period,
            "phrase": {"hans": self.phrase, "hant": self.phrase_hant}, "start": self.start, "end": self.end,
            "override": self.override,
        }


@dataclass
class Found:
    """An indicator as the rules see it, before kind and id are assigned."""

    start: int
    end: int
    name: str
    value: float
    value_text: str
    unit: str
    comparison: str
    hedges: list[str] = field(default_factory=list)
    upper: float | None = None


def _number(text: str) -> float:
    value = float(text)
    return int(value) if value.is_integer() else value


def _clauses(text: str) -> list[tuple[int, str]]:
    """(offset, clause) pieces between ，；：。！ — the unit a name and its values share."""
    out, pos = [], 0
    for m in re.finditer(r"[，；：。！？]", text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(o, c) for o, c in out if c]


def _split_verb(left: str) -> tuple[str, str, list[str]]:
    """Split the text left of a value into (name, verb, hedges) for the pattern name-adverbs-VERB-adverbs."""
    adverb = "|".join(ADVERBS)
    verb = "|".join(VERBS)
    m = re.search(rf"(?P<adv1>(?:{adverb})*)(?P<verb>{verb})(?P<adv2>(?:{adverb})*)$", left)
    if not m:
        return left, "", []
    adverbs = re.findall(adverb, m.group("adv1") + m.group("adv2"))
    hedges = [a for a in adverbs if a in HEDGE_ADVERBS]
    comparison = "".join(a for a in adverbs if a in KEPT_ADVERBS) + m.group("verb")
    name = left[: m.start()]
    # 累计退出低端落后产能超过540万吨: the adverb opening the clause belongs to the comparison
    lead = re.match(rf"^(?:{'|'.join(KEPT_ADVERBS)})", name)
    if lead and not comparison.startswith(lead.group()):
        comparison = lead.group() + comparison
        name = name[lead.end() :]
    return name, comparison, hedges


def _leading_verb(left: str) -> tuple[str, str, list[str]] | None:
    """The pattern VERB name: returns (name, verb, hedges) or None. The first verb of the clause counts
    (盘活闲置低效建设用地: 盘活, not the 建设 inside the name); a verb inside a noun (城镇新增就业) does not."""
    best = None
    for verb in LEADING_VERBS:
        i = left.find(verb)
        if i >= 0 and (best is None or i < best[0] or (i == best[0] and len(verb) > len(best[1]))):
            best = (i, verb)
    if best is None:
        return None
    i, verb = best
    before = LEADING_NOISE.sub("", left[:i])
    before = re.sub(rf"^(?:{'|'.join(HEDGE_ADVERBS + KEPT_ADVERBS)}|也|要|再)+", "", before)
    if before:  # something stands before the verb: the verb is part of a noun
        return left, verb, [a for a in HEDGE_ADVERBS if a in left[:i]]
    name = left[i + len(verb) :]
    hedges = [a for a in HEDGE_ADVERBS if a in left[:i]]
    if verb in ACTIVITY_VERBS:
        name = verb + name
    return name, verb, hedges


def _clean_name(name: str) -> str:
    name = LEADING_NOISE.sub("", name)
    name = re.sub(r"(?:由|从)[^，；]*$", "", name)  # 由2015年的312亿元… : the baseline is not part of the name
    return name.removesuffix("分别").removesuffix("的").strip()


# What a name must not end in: an adverb of the comparison (全国居民人均可支配收入实际|增长8%: real growth; 面积分别净
# |减少; 纯收入年均|分别增长), a baseline (城镇新增就业预期目标比去年|多100万人), a verb the rules did not split
# (比重上升到|50.5%), or a filler (养老金继续|提高10%, 人数又|增长, 比例每年都|超过4%, 人数连续两年|增长).
TAIL_OF_COMPARISON = re.compile(r"(?:年均|累计|同比|实际|净|比(?:上年|去年|上一年|\d{4}年|[一二三四五六七八九十两]+年前))$")
TAIL_BASELINE_VERB = re.compile(r"比(?:上年|去年|上一年|\d{4}年|[一二三四五六七八九十两]+年前)(?:多|少|高|低)$")  # its own verb
TAIL_VERB = re.compile(r"(?:上升到|上升至|增加到|增加至|提高到|提高至|扩大到|扩大至|延长至|延长到|降低到|降低至|下降到|下降至|压缩到|压缩至)$")
TAIL_FILLER = re.compile(r"(?:[、，]|分别|又|再|继续|持续|都|(?<![年人])均|也|要|已经|已|统一|每年都|连续[两三四五六七八九十]年"
                         r"|(?<=[\u4e00-\u9fff])(?:近|这|过去)?[一二三四五六七八九十两]+年(?:来|中|间)?)$")
# A name that is only a period or points back (五年|年均增长5.2%, 上述|2万亿元, 两年|新增4万亿元): the measure
# is the one named before it in the paragraph.
NOT_A_NAME = re.compile(r"^(?:(?:近|这|过去|今后|前)?[一二三四五六七八九十两]+年(?:来|中|间)?|上述|上述各项|这些|其中"
                        r"|全年|去年|今年|转为|安排)$")


def _tidy(name: str, comparison: str) -> tuple[str, str]:
    """A name cut at the measure: the comparison's adverbs and a stray verb go to the comparison, fillers away."""
    while True:
        if m := TAIL_FILLER.search(name):
            name = name[: m.start()]
        elif (m := TAIL_BASELINE_VERB.search(name)) and m.start() > 0:  # 目标比去年多|100万人: 比去年多 is the verb
            name, comparison = name[: m.start()], m.group()
        elif (m := TAIL_OF_COMPARISON.search(name)) and m.start() > 0:
            name, comparison = name[: m.start()], m.group() + comparison
        elif (m := TAIL_VERB.search(name)) and m.start() > 0 and not comparison:
            name, comparison = name[: m.start()], m.group()
        else:
            return name.removesuffix("的"), comparison


# What a reader would call the figure. The rules above cut a name at the measure's verb; what is left can still
# open with the grammar of the sentence (将|扣除比例提高到, 对|新增2万亿元, 把|涨幅控制在, 是在|我国经济总量超过, 二是|
# 取消…) or end in an adverb (财政赤字率|一直控制在, 粮食产量|连年稳定在). Which words those are comes from jieba's part
# of speech (prepositions, conjunctions, particles, adverbs, time words, pronouns), not from a list of the reports'
# strings; the auxiliaries and the enumerator (一是, 二是) are the closed class jieba tags as verbs.
FUNCTION_FLAGS = ("p", "c", "u", "d", "t", "r")  # p 对 把 在, c 但, u 的 等, d 将 共 再 一直, t 目前 去年, r 我国 各项
AUXILIARIES = ("要", "拟", "是")  # not 可, 能: jieba cuts 可|再生能源
DEICTIC_TIME = re.compile(r"年|^(?:目前|现在|当前|如今|今后|近期|当时)$")
ENUMERATOR = re.compile(r"^[一二三四五六七八九十]+是")
PERIOD_PREFIX = re.compile(r"^(?:近|这|过去|今后)?[一二三四五六七八九十两]+年(?:来|中|间)?(?=.)")  # 五年中|分两轮取消…
# A name that is only a period or the baseline of a comparison (比2007年|增加, 预算|增加, 相当于5年前|1.5个百分点):
# the figure is the last named measure's, or, with none before it, has no name a reader could table.
ONLY_A_BASELINE = re.compile(r"^(?:比|较|相当于|是)?(?:上年|去年|上一年|年初|\d{4}年(?:底|末)?|(?:近|这|过去|前)?"
                             r"[\d一二三四五六七八九十两]+年(?:前|来|中|间)?)?(?:同期)?(?:的)?(?:预算)?$")


@functools.lru_cache(maxsize=1)
def _tagger():
    import jieba.posseg

    return jieba.posseg.POSTokenizer(_tokenizer())


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of ``text`` with their part of speech."""
    return tuple((w.word, w.flag) for w in _tagger().cut(text))


def _function_word(word: str, flag: str) -> bool:
    """Grammar that opens a clause. An adverb only of one character (将, 共, 再, 又): jieba tags words of two as
    adverbs that open names too (经常|项目顺差)."""
    if flag.startswith("d"):
        return len(word) == 1
    if word == "在":  # 在镇院校毕业生留镇率, 在校生: a place inside the noun phrase as often as the sentence's
        return False
    if flag.startswith("t"):  # 去年, 目前, 年末: a time of the sentence; not 未来 (未来工厂), which names a kind
        return bool(DEICTIC_TIME.search(word))
    return flag.startswith(FUNCTION_FLAGS) and not flag.startswith(("ad", "vd")) or word in AUXILIARIES


def reader_name(name: str) -> str:
    """``name`` without the sentence's grammar at either end: leading prepositions, conjunctions, particles,
    adverbs, time words, pronouns, auxiliaries and enumerators, trailing adverbs and time words."""
    name = PERIOD_PREFIX.sub("", ENUMERATOR.sub("", name))
    words = list(_words(name))
    while words and _function_word(*words[0]):
        words.pop(0)
    while words and (words[-1][1].startswith(("d", "t")) and not words[-1][1].startswith("ad") or words[-1][0] in AUXILIARIES):
        words.pop()
    return "".join(w for w, _ in words).removesuffix("的").removeprefix("的")


def only_verbs(name: str) -> bool:
    """A name that is a verb and its adverbs or measure words only (设立首批, 新设, 再开工, 发行): it names the act,
    not what the figure counts."""
    words = _words(name)
    return bool(words) and all(f.startswith(("v", "d", "m", "q", "a")) and not f.startswith("vn") for _, f in words) \
        and any(f.startswith("v") for _, f in words)


def object_after(text: str) -> str:
    """The noun a figure counts when it stands before it (设立首批5个|国家公园, 发行1万亿元|抗疫特别国债): the longest run
    of words up to the clause's end that ends in a noun, stopping at a preposition or conjunction."""
    clause = re.split(r"[，、；：。！？（）“”]", text, maxsplit=1)[0][:20]
    best, run = "", ""
    for word, flag in _words(re.sub(r"^(?:以上|左右|以内|以下)?的?", "", clause)):
        if flag.startswith(("p", "c", "x", "m", "u")) or word in AUXILIARIES:
            break
        run += word
        if flag.startswith("n") and len(word) > 1:  # 国债|支持灾后: a noun of one character ends no name
            best = run
    return best


def word_at_unit(clause: str, unit_start: int, unit: str) -> str:
    """The word that a one-character unit begins (千万|家庭, 5亿|人口), or "" when the unit is a word of its own."""
    if len(unit) != 1:
        return ""
    pos = 0
    for word, flag in _words(clause):
        if pos == unit_start:  # a noun of the dictionary (家庭, 人口), not one jieba guesses (56项为, 2130人因)
            known = _tokenizer().FREQ.get(word, 0) > 0
            return word if len(word) > 1 and word.startswith(unit) and flag.startswith("n") and known else ""
        if pos > unit_start:
            return ""
        pos += len(word)
    return ""


# Spaces that text extracted from a PDF puts inside figures and between words (38 亿元, 675 亿元、 增长): between
# two characters of Chinese text or figures, a space means nothing and would split a value from its unit.
SPACE_IN_TEXT = re.compile(r"(?<=[\d\u3400-\u9fff%‰、，；：。“”（）])[ \u3000\u00a0]+(?=[\d\u3400-\u9fff%‰、，；：。“”（）])")


def extract_block(text: str) -> list[Found]:
    """The indicators of one paragraph; offsets are into ``text`` as given (spaces included)."""
    squeezed, kept = _without_spaces(text)
    found: list[Found] = []
    for offset, clause in _clauses(squeezed):
        found.extend(_extract_clause(squeezed, offset, clause, found))
    if kept is None:
        return found
    return [replace(f, start=kept[f.start], end=kept[f.end - 1] + 1) for f in found]


def _without_spaces(text: str) -> tuple[str, list[int] | None]:
    """``text`` without SPACE_IN_TEXT, and for each character left its offset in ``text`` (None: no change)."""
    if not SPACE_IN_TEXT.search(text):
        return text, None
    kept = list(range(len(text)))
    for m in reversed(list(SPACE_IN_TEXT.finditer(text))):
        del kept[m.start() : m.end()]
    return "".join(text[i] for i in kept), kept


def _extract_clause(text: str, offset: int, clause: str, earlier: list[Found]) -> list[Found]:
    items: list[tuple[int, int, dict]] = []  # (start, end, fields) in clause coordinates
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or e <= a for s, e in taken)

    for m in RANK_MOVE_RE.finditer(clause):
        items.append((m.start(), m.end(), dict(value=int(m.group("rank")), value_text=m.group("rank"), unit="rank",
                                                comparison=m.group("verb"), kind="rank-move")))
        taken.append(m.span())
    for m in RANK_RE.finditer(clause):
        if not free(*m.span()):
            continue
        rank = m.group("rank")
        value = int(rank) if rank.isdigit() else chinese_number(rank)
        items.append((m.start(), m.end(), dict(value=value, value_text=rank, unit="rank", kind="rank", scope=m.group("scope"))))
        taken.append(m.span())
    for m in RATIO_RE.finditer(clause):
        items.append((m.start(), m.end(), dict(value=_number(m.group("num")), value_text=m.group(), unit="ratio")))
        taken.append(m.span())
    for m in DOUBLE_RE.finditer(clause):
        items.append((m.start(), m.end(), dict(value=2, value_text="翻番", unit="倍", comparison="翻番", kind="double")))
        taken.append(m.span())
    for m in TWO_DIGITS_RE.finditer(clause):
        items.append((m.start(), m.end(), dict(value=10, value_text="两位数", unit="%", comparison="达", hedges=["以上"], kind="two-digits")))
        taken.append(m.span())
    for m in QUANTITY_RE.finditer(clause):
        if not free(*m.span()):
            continue
        before, after = clause[: m.start()], clause[m.end() :]
        if re.search(r"(?:PM|[A-Za-z])$", before) and m.group("num") or NOT_A_QUANTITY_AFTER.match(after):
            continue
        if _inside_quotes(clause, m.start()):
            continue
        if m.group("unit") in ("个", "项", "件", "条", "类", "家") and INSTRUMENT_NOUNS.match(after):
            continue
        if m.group("unit") == "级" and not (m.group("post") or "控制在" in before[-4:]):
            continue  # 千亿级, D级: a class, not a quantity
        if m.group("post") == "以上" and re.match(r"^[\u4e00-\u9fff“]", after) and not re.match(r"^(?:的|和|、|安排)", after):
            continue  # 10亿元以上产业项目: a scope qualifier of the noun that follows
        if re.search(r"(?:由|从)[^，；]*$", before) and BASELINE_AFTER.match(after.lstrip("的")):
            continue  # the baseline of a change; the figure after the verb is the indicator (its name is kept)
        if m.group("num"):
            value, value_text = _number(m.group("num")), m.group("num")
        else:
            value, value_text = {"千": 1000, "百": 100}[m.group("cn")], m.group("cn")
        unit = (m.group("mag") or "") + (m.group("unit") or "").replace("％", "%")
        counted = m.group("unit") and word_at_unit(clause, m.start("unit"), m.group("unit"))
        match_end = m.end()
        if counted:  # 近千万家庭, 5亿人口: the unit character begins a word, which is what is counted
            unit = (m.group("mag") or "") + counted
            match_end = m.start("unit") + len(counted)
        hedges = [h for h in (m.group("pre"), m.group("yu"), m.group("post")) if h]
        items.append((m.start(), match_end, dict(value=value, value_text=value_text, unit=unit, hedges=hedges,
                                                 pre=m.group("pre") or "", counted=counted or "")))
    items.sort(key=lambda i: i[0])
    items = _merge_ranges(clause, items)

    found: list[Found] = []
    previous_end = 0
    carried_hedges: list[str] = []
    for start, end, f in items:
        left = clause[previous_end:start]
        left_start = previous_end
        previous_end = end
        left_stripped = "" if left.endswith("、") else left.lstrip("、和及")  # 扫尾、30个…: a new list item
        left_stripped = re.sub(r"^分别", "", left_stripped)
        left_stripped = re.sub(r"\d{4}年(?:底|末)?的?$", "", left_stripped)  # 增加到2020年的468亿元
        hedges = list(f.get("hedges", []))
        kind = f.get("kind")
        name, comparison, lead_hedges = "", f.get("comparison", ""), []
        attributive = False
        if kind == "rank":
            prefix = _clean_name(left_stripped)
            verb_m = re.search(r"(?:跃居|位居|居|列|排)$", prefix)
            comparison = verb_m.group() if verb_m else "排名"
            prefix = prefix[: verb_m.start()] if verb_m else prefix
            previous = (found or earlier)[-1].name if (found or earlier) else ""
            base = previous if not prefix or prefix.startswith("增幅") else ""  # 增幅全省第三: growth of the last name
            name = f"{base}{prefix}{f['scope']}排名"
        elif kind == "rank-move":
            name = _clean_name(left_stripped)
        else:
            name, verb, lead_hedges = _split_verb(left_stripped)
            if verb:
                comparison = comparison or verb
            elif left_stripped in LEADING_VERBS:  # 、净增400家: a verb alone, the name is the last one's
                name, comparison = "", left_stripped
            else:
                lead = _leading_verb(left_stripped)
                if lead:
                    name, verb, lead_hedges = lead
                    comparison = comparison or verb
            if not comparison and f.get("pre") == "超":
                comparison = "超"
                hedges = [h for h in hedges if h != "超"]
            if not name and not verb and f["unit"][-1:] in "个家项条所座处件":
                # 30个项目地块实现清盘交地: the count stands before its noun
                after = re.match(r"^([\u4e00-\u9fff“”]+?)(实现|完成|达到|建成|$)", clause[end:])
                if after:
                    name, comparison = after.group(1), comparison or after.group(2)
                    attributive = True
            lead_adverb = re.match(rf"^(?:{'|'.join(HEDGE_ADVERBS)})", name)
            if lead_adverb:  # 力促固定资产投资超过1200亿元
                lead_hedges = [lead_adverb.group(), *lead_hedges]
                name = name[lead_adverb.end() :]
            name = _clean_name(name)
            if name.startswith("占") and (found or earlier):  # 占…比重 of the last name
                name = (found or earlier)[-1].name + name
            if kind == "double":
                name = _clean_name(left_stripped)
        # 力争/力促 before a list scopes over its members
        hedges = lead_hedges + hedges
        if any(h in HEDGE_ADVERBS[1:] for h in lead_hedges):
            carried_hedges = [h for h in lead_hedges if h in HEDGE_ADVERBS[1:]]
        elif carried_hedges and left.startswith("、"):
            hedges = carried_hedges + hedges
        else:
            carried_hedges = []
        if not comparison and found and left.startswith("、"):  # 、领军人才164人: the verb of the list
            comparison = found[-1].comparison
            if comparison in ACTIVITY_VERBS and name and not name.startswith(comparison):
                name = comparison + name
        if not comparison and found:
            comparison = found[-1].comparison
        if not name and not f.get("counted"):
            baseline = re.search(r"^(.*?)(?:由|从)", clause[:start])  # 城乡居民收入比由2.05∶1缩小到1.74∶1
            if baseline and _clean_name(baseline.group(1)):
                name = _clean_name(baseline.group(1))
            elif found or earlier:
                name = (found or earlier)[-1].name
        phrase_start = offset + _phrase_start(left, left_start, left_stripped, name, comparison, kind)
        if kind not in ("rank", "rank-move"):
            name, comparison = _tidy(name, comparison)
            period = re.match(r"^((?:近|这|过去)?[一二三四五六七八九十两]+年(?:来|中|间)?)(.+)$", name)
            if period and period.group(2) == comparison:  # 两年新增|4万亿元: a period and the verb, no name
                name = period.group(1)
            if NOT_A_NAME.match(name) and (found or earlier):
                name = (found or earlier)[-1].name
            only_baseline = bool(name) and ONLY_A_BASELINE.match(name)
            name = reader_name(name)
            if f.get("counted"):  # 惠及近千万|家庭, 覆盖农村5亿|人口: the word the unit begins is what is counted
                acts = only_verbs(name) and name not in ACTIVITY_VERBS or not name and comparison not in ACTIVITY_VERBS
                name = ("" if acts else name or comparison).removesuffix(f["counted"]) + f["counted"]
            elif (not name or len(name) == 1 or only_verbs(name)) and f["unit"] not in ("%", "‰", "个百分点", "倍"):
                # 设立首批5个|国家公园, 将2.8万亿元|中央财政资金: the noun after the figure, with the act if it is one
                noun = object_after(clause[end:])
                if noun:
                    name = (name if len(name) > 1 else "") + noun
            elif only_verbs(name) and len(_words(name)) == 1 and len(name) > 1 and name not in VERBS:
                continue  # 覆盖|80%以上的大城市: a share of what the verb does is no measure a reader could table
            if (not name or only_baseline or ONLY_A_BASELINE.match(name) or name in VERBS
                    or not re.search(r"[\u4e00-\u9fff]{2}", name)):
                # 比2007年|增加2.8平方米, 相当于5年前|1.5个百分点: the last measure's of the sentence, or none
                if not (found or earlier) or re.search(r"[。；！？]", text[(found or earlier)[-1].end : offset + start]):
                    continue  # a figure with no name a reader could table is not published
                name = (found or earlier)[-1].name
        found.append(Found(phrase_start, offset + (len(clause) if attributive else end), name, f["value"],
                           f["value_text"], f["unit"], comparison, hedges, f.get("upper")))
    return _split_respectively(clause, offset, found)


def _merge_ranges(clause: str, items: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """6.5%－7% (or 6.5－7%): one item from the low end to the high end, value low, upper high."""
    out: list[tuple[int, int, dict]] = []
    for start, end, f in items:
        if "upper" not in f and f.get("unit") not in ("rank", "ratio"):
            if out and RANGE_DASH.match(clause[out[-1][1] : start]) and out[-1][2].get("unit") == f["unit"] and "upper" not in out[-1][2]:
                low_start, _, low = out.pop()
                out.append((low_start, end, dict(f, value=low["value"], value_text=f"{low['value_text']}{f['unit']}{clause[start - 1]}{f['value_text']}",
                                                  upper=f["value"])))
                continue
            bare = re.search(r"(\d+(?:\.\d+)?)(?:－|-|–|—|～|~|至)$", clause[:start])
            if bare and not (out and out[-1][1] > bare.start()):
                out.append((bare.start(), end, dict(f, value=_number(bare.group(1)), value_text=f"{bare.group(1)}{clause[start - 1]}{f['value_text']}",
                                                     upper=f["value"])))
                continue
        out.append((start, end, f))
    return out


def _phrase_start(left: str, left_start: int, left_stripped: str, name: str, comparison: str, kind: str | None) -> int:
    """Where the source phrase of an indicator begins: at its name as written (or the part of a completed name
    that is written here), else at its verb; widened over adverbs and hedges that open it (累计, 力争)."""
    if kind == "rank":
        return left_start + len(left) - len(left_stripped)
    anchors = [left.find(name[k:]) for k in range(len(name)) if name[k:] and name[k:] in left][:1]
    verb = comparison.removeprefix("年均").removeprefix("累计").removeprefix("同比")
    if verb and verb in left:
        anchors.append(left.find(verb))
    i = min(anchors) if anchors else len(left)
    opening = "|".join(ADVERBS)
    while (m := re.search(rf"(?:{opening})$", left[:i])) is not None:
        i = m.start()
    return left_start + i


def _inside_quotes(clause: str, i: int) -> bool:
    """Inside a short quoted name (“4+1”, “十四五”): not a figure."""
    close = clause.find("”", i)
    return clause.count("“", 0, i) > clause.count("”", 0, i) and 0 <= close - i <= 6


def _split_respectively(clause: str, offset: int, found: list[Found]) -> list[Found]:
    """分别: 国、省考断面水质优Ⅲ比例分别达到100%、95.6% -> one row per name."""
    if "分别" not in clause or not found:
        return found
    first = found[0]
    name = first.name.removesuffix("分别")
    parts = name.split("、")
    if len(parts) < 2:
        return found
    last = parts[-1]
    m = re.search(r"[两三四五六七八九十]个", last)
    if m:  # 高端装备制造、新材料两个产业集群
        suffix = last[m.end() :]
        names = [p for p in parts[:-1]] + [last[: m.start()]]
        names = [n + suffix for n in names]
    elif len(parts[0]) <= 2 < len(last):  # 国、省考断面水质优Ⅲ比例: the first name is cut short
        suffix = last[len(parts[0]) :]
        names = [p + suffix for p in parts[:-1]] + [last]
    else:  # 规上工业增加值、固定资产投资、社会消费品零售总额分别增长…
        names = parts
    if len(found) == len(names):
        values = found
    elif len(found) == 1:  # one value for every name: 两个产业集群分别突破千亿元
        values = [first] * len(names)
    else:
        return found  # names and values do not pair up: keep what the rules read, uncompleted
    out = []
    for n, v in zip(names, values):
        out.append(replace(v, name=n, start=first.start, end=values[-1].end if len(found) == len(names) else first.end))
    return out


# --- kinds and periods -------------------------------------------------------------------------------------

# What kind of figure a part holds comes from the order every work report follows: first a review of the past
# (one year, or a term of five), then, when a plan begins, a part on the five-year plan, then this year's
# requirements, targets and tasks, however many parts they take (2015: 三、…六、; 2020: 三、…八、). So the review
# is the part (or the run of parts from the first) whose heading looks back; a five-year part is one whose heading
# names a plan period; every other part after the review is this year's.
LOOKS_BACK = re.compile(r"回顾|过去|以来|总结|成就|本届政府")
PLAN_PERIOD = re.compile(r"“?十[一二三四五六七八九]五”?|今后五年|未来五年|五年|规划")
TERM_OPENING = re.compile(r"过去五年|五年来|这五年|五年间|“十[一二三四五六七八九]五”(?:时期|期间)")
YEAR_OPENING = re.compile(r"^.{0,8}?(?:过去的?一年|一年来|去年|刚刚过去的)")


def part_roles(doc: Document) -> dict[str, str]:
    """Role of each part (id -> review | plan | year), from its place and its heading's period."""
    year = document_year(doc)
    roles: dict[str, str] = {}
    for block in doc.blocks:
        if block.kind != "part":
            continue
        heading = block.text["hans"]
        looks_back = LOOKS_BACK.search(heading) or (year and f"{year - 1}年" in heading and f"{year}年" not in heading)
        still_reviewing = all(r == "review" for r in roles.values())
        if looks_back and (not roles or still_reviewing and not PLAN_PERIOD.search(heading)):
            roles[block.id] = "review"
        elif PLAN_PERIOD.search(heading):
            roles[block.id] = "plan"
        elif roles:
            roles[block.id] = "year"
        else:  # a first part that does not look back: the report has no review
            roles[block.id] = "year"
    return roles


def classify_blocks(doc: Document) -> dict[str, str]:
    """Kind of figure each paragraph holds: from the role of the part it stands in, refined by the paragraph's
    opening (过去五年 in a review is the term, 过去一年 the year). Paragraphs outside numbered parts (before part
    one, in back matter) take their kind from their opening alone."""
    year = document_year(doc)
    roles = part_roles(doc)
    kinds: dict[str, str] = {}
    role, review_mode = "", ""
    for block in doc.blocks:
        if block.kind == "part":
            role = roles.get(block.id, "")
            heading = block.text["hans"]
            five = re.search(r"五年|本届", heading)
            review_mode = "result-term" if five and not re.search(rf"一年|{year - 1}年", heading) else "result-year"
            continue
        if block.kind != "paragraph":
            continue
        text = block.text["hans"]
        opening = text[:40]
        if role == "review":
            if TERM_OPENING.search(opening):
                review_mode = "result-term"
            elif YEAR_OPENING.search(opening) or (year and re.match(rf"^.{{0,8}}?{year - 1}年", opening)):
                review_mode = "result-year"
            kinds[block.id] = review_mode
        elif role == "plan":
            kinds[block.id] = "result-term" if TERM_OPENING.search(opening) else "target-term"
        elif role == "year":
            kinds[block.id] = "target-year"
        elif YEAR_OPENING.search(opening):  # outside the numbered parts
            kinds[block.id] = "result-year"
        elif re.match(r"^(?:今年|\d{4}年是)", opening) and (not year or f"{year}年" in opening or opening.startswith("今年")):
            kinds[block.id] = "target-year"
    return kinds


def document_year(doc: Document) -> int:
    """The year the report was delivered: from its date, else from the first year-and-month in its title block
    (a subtitle ——二〇二三年一月在…上 gives 2023); 0 if the document says nowhere."""
    from ..pipeline import year_in

    if str(doc.meta.get("year", "")).isdigit():  # document.yaml's year: the year the report is for
        return int(doc.meta["year"])
    if doc.meta.get("date"):
        return int(str(doc.meta["date"])[:4])
    heads = [str(doc.meta.get(k, "")) for k in ("subtitle", "headline", "title")]
    heads += [b.text["hans"] for b in doc.blocks if b.level == 0]
    return next((y for y in map(year_in, heads) if y), 0)


def period_of(kind: str, year: int) -> str:
    if not year:  # no year known: no period rather than a wrong one (-5--1)
        return ""
    return {
        "result-term": f"{year - 5}-{year - 1}",
        "result-year": f"{year - 1}",
        "target-year": f"{year}",
        "target-term": f"{year}-{year + 4}",
    }[kind]


def extract(doc: Document) -> list[Indicator]:
    """What the rules find, before hand corrections."""
    year = document_year(doc)
    kinds = classify_blocks(doc)
    out: list[Indicator] = []
    for block in doc.blocks:
        kind = kinds.get(block.id)
        if not kind:
            continue
        for n, f in enumerate(extract_block(block.text["hans"]), 1):
            out.append(_indicator(block, n, f, kind, period_of(kind, year)))
    return out


def _indicator(block: Block, n: int, f: Found, kind: str, period: str) -> Indicator:
    text = block.text["hans"]
    return Indicator(
        id=f"ind-{block.id}-{n}", block=block.id, phrase=text[f.start : f.end], start=f.start, end=f.end,
        name=f.name, value=f.value, value_text=f.value_text, unit=f.unit, comparison=f.comparison,
        hedge="+".join(f.hedges), kind=kind, period=period, upper=f.upper,
    )


# --- hand corrections (content/<doc>/indicators.yaml) and English names ---------------------------------



@dataclass(frozen=True)
class Correction:
    block: str
    phrase: str
    value: float | None  # to pick one row of rows sharing a phrase (分别 pairs) …
    name: str | None  # … or by the name the rules gave it
    action: str  # set | drop | add
    fields: dict[str, Any]
    reason: str
    where: Location


def load_corrections(path: Path) -> list[Correction]:
    if not path.exists():
        return []
    data = load_yaml(path)
    # keys, types, kinds, one of set/drop/add, no unknown keys: schemas/indicators.schema.json; whether the block
    # and phrase exist is checked where the corrections are applied
    validate("indicators", data, Location(str(path), 1))
    out = []
    for entry in data or []:
        where = location(path, entry)
        action = next(a for a in ("set", "drop", "add") if a in entry)
        fields = entry[action] if action != "drop" else {}
        out.append(Correction(entry["block"], entry["phrase"], entry.get("value"), entry.get("name"), action,
                              dict(fields), entry["reason"].strip(), where))
    return out


def apply_corrections(doc: Document, found: list[Indicator], corrections: list[Correction]) -> list[Indicator]:
    rows = list(found)
    year = document_year(doc)
    for c in corrections:
        try:
            block = doc.block(c.block)
        except KeyError:
            raise ZhpubError(f"no block {c.block!r}", c.where, "use an id from `zhpub ids`") from None
        start = block.text["hans"].find(c.phrase)
        if start < 0:
            raise ZhpubError(f"phrase not in {c.block}: {c.phrase!r}", c.where, "copy it from the normalised text")
        if c.action == "add":
            f = c.fields
            kind = f["kind"]
            row = Indicator(
                id="", block=c.block, phrase=c.phrase, start=start, end=start + len(c.phrase), name=f["name"],
                value=f["value"], value_text=str(f.get("value_text", f["value"])), unit=f["unit"],
                comparison=f.get("comparison", ""), hedge=f.get("hedge") or "", kind=kind,
                period=f.get("period") or period_of(kind, year), phrase_hant=block.text["hant"][start : start + len(c.phrase)],
                override=c.reason,
            )
            rows.append(row)
            continue
        matches = [i for i, r in enumerate(rows) if r.block == c.block and r.phrase == c.phrase
                   and (c.value is None or float(r.value) == float(c.value)) and (c.name is None or r.name == c.name)]
        if len(matches) != 1:
            raise ZhpubError(
                f"{'no' if not matches else len(matches)} extracted indicator(s) match {c.block} {c.phrase!r}",
                c.where, "check `zhpub export` for the rows; add `value:` or `name:` to pick one of rows sharing a phrase",
            )
        i = matches[0]
        if c.action == "drop":
            rows[i] = replace(rows[i], override="drop: " + c.reason)
        else:
            fields = dict(c.fields)
            if "kind" in fields and "period" not in fields:  # a new kind has its own period
                fields["period"] = period_of(fields["kind"], year)
            rows[i] = replace(rows[i], **fields, override=c.reason)
    kept = [r for r in rows if not r.override.startswith("drop: ")]
    kept.sort(key=lambda r: (doc.ids.index(r.block), r.start))
    return kept


def finish(doc: Document, rows: list[Indicator], names_en: dict[str, str]) -> list[Indicator]:
    """Ids (ind-<block>-<n>, in text order), Traditional and English names."""
    out, counts = [], {}
    for r in rows:
        counts[r.block] = counts.get(r.block, 0) + 1
        block = doc.block(r.block)
        out.append(replace(
            r, id=f"ind-{r.block}-{counts[r.block]}", name_hant=to_traditional(r.name),
            name_en=names_en.get(r.name, ""), phrase_hant=block.text["hant"][r.start : r.end],
        ))
    return out


def load_names_en(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    return dict(_names_en(str(path), path.read_bytes()))


@functools.lru_cache(maxsize=4)  # read for every document and by every review: parsed once per content
def _names_en(where: str, data: bytes) -> dict[str, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ZhpubError(f"not UTF-8 ({e.reason})", Location(where), "save it as UTF-8") from None
    names = load_yaml(where, text)
    validate("indicator-names", names, Location(where, 1))  # Simplified name: English
    return dict(names or {})


def indicators_for(doc: Document, corrections: list[Correction], names_en: dict[str, str]) -> list[Indicator]:
    return finish(doc, apply_corrections(doc, extract(doc), corrections), names_en)


CSV_COLUMNS = ("id", "block", "kind", "period", "name", "name_hant", "name_en", "comparison", "value", "unit",
               "hedge", "phrase", "override")


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with one of these. A plain
# number (-3.5) is data, not a formula, and stays as it is.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def csv_cell(value: object) -> str:
    """A cell that a spreadsheet shows as text: a leading ' stops formula evaluation (names and phrases can
    come from a scrape or a YAML file, i.e. from anyone)."""
    text = str(value)
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv(rows: list[Indicator]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        writer.writerow([csv_cell(getattr(r, c)) for c in CSV_COLUMNS])
    return buffer.getvalue()
