"""Indicators: the hard cases one by one, then the whole report against the hand-made list."""

from __future__ import annotations

import csv
import io

import pytest
import yaml

from conftest import DATA, ROOT, SHIPPED
from zhpub.errors import ZhpubError
from zhpub.knowledge.indicators import CSV_COLUMNS, extract_block, to_csv

EXPECTED = yaml.safe_load((DATA / "zhenjiang-2022.indicators.expected.yaml").read_text(encoding="utf-8"))


def rows(text: str) -> list[tuple]:
    return [(f.name, f.comparison, f.value, f.unit, "+".join(f.hedges), text[f.start : f.end]) for f in extract_block(text)]


def test_name_verb_value_and_elided_name():
    assert rows("地区生产总值达到4763亿元、年均增长5.8%，") == [
        ("地区生产总值", "达到", 4763, "亿元", "", "地区生产总值达到4763亿元"),
        ("地区生产总值", "年均增长", 5.8, "%", "", "年均增长5.8%"),
    ]


def test_a_name_stops_where_the_measure_ends():
    """The comparison's adverbs and a verb the rules did not split are the comparison's; fillers (继续, 又, 都要,
    连续两年, a trailing period) are neither; a name that is only a period or points back is the last one's."""
    text = ("城乡居民人均收入实际增长6%，退休人员养老金继续提高5%，城镇新增就业预期目标比去年多50万人，"
            "森林覆盖率上升到23%，沙化土地面积分别净减少2万亩、3万亩，粮食产量连续两年增长1%。")
    assert [(name, comparison) for name, comparison, *_ in rows(text)] == [
        ("城乡居民人均收入", "实际增长"), ("退休人员养老金", "提高"), ("城镇新增就业预期目标", "比去年多"),
        ("森林覆盖率", "上升到"), ("沙化土地面积", "净减少"), ("沙化土地面积", "净减少"), ("粮食产量", "增长"),
    ]
    text = "地区生产总值增加到8000亿元，五年年均增长6.1%。研发经费投入三年累计120亿元，上述120亿元中财政资金占一半。"
    assert [(name, comparison, value) for name, comparison, value, *_ in rows(text)][:3] == [
        ("地区生产总值", "增加到", 8000), ("地区生产总值", "年均增长", 6.1), ("研发经费投入", "累计", 120),
    ]


def test_respectively_pairs():
    assert rows("国、省考断面水质优Ⅲ比例分别达到100%、95.6%，") == [
        ("国考断面水质优Ⅲ比例", "达到", 100, "%", "", "国、省考断面水质优Ⅲ比例分别达到100%、95.6%"),
        ("省考断面水质优Ⅲ比例", "达到", 95.6, "%", "", "国、省考断面水质优Ⅲ比例分别达到100%、95.6%"),
    ]
    two = rows("其中高端装备制造、新材料两个产业集群分别突破千亿元")
    assert [(r[0], r[2], r[3]) for r in two] == [("高端装备制造产业集群", 1000, "亿元"), ("新材料产业集群", 1000, "亿元")]


def test_ratio_with_ratio_colon():
    assert rows("城乡收入比缩小至1.9∶1。") == [("城乡收入比", "缩小至", 1.9, "ratio", "", "城乡收入比缩小至1.9∶1")]


def test_rankings_smaller_is_better():
    got = rows("地区生产总值增长9.4%、增幅跃居全省第三，")
    assert got[1] == ("地区生产总值增幅全省排名", "跃居", 3, "rank", "", "增幅跃居全省第三")
    moved = rows("全国城市信用状况监测评价排名从年初第97位上升至第31位。")
    assert [(r[0], r[1], r[2], r[3]) for r in moved] == [("全国城市信用状况监测评价排名", "上升至", 31, "rank")]


def test_doubling_and_two_digits():
    assert rows("国家高新技术企业数量实现翻番，")[0][:4] == ("国家高新技术企业数量", "翻番", 2, "倍")
    assert rows("进出口总额每月同比增幅均达两位数。")[0][:5] == ("进出口总额每月同比增幅", "达", 10, "%", "以上")


def test_percentage_points_are_not_percent():
    got = rows("新签约亿元以上项目当年入库列统率达54.5%、同比提高13.9个百分点，")
    assert [(r[2], r[3], r[1]) for r in got] == [(54.5, "%", "达"), (13.9, "个百分点", "同比提高")]
    assert got[1][0] == "新签约亿元以上项目当年入库列统率"


def test_declines_and_forecast_hedge():
    assert rows("单位GDP能耗预计下降17.7%，")[0] == ("单位GDP能耗", "下降", 17.7, "%", "预计", "单位GDP能耗预计下降17.7%")


def test_count_inside_a_name():
    got = rows("重点产业链迈上中高端，形成4个千亿级产业集群。")
    assert [(r[0], r[1], r[2], r[3]) for r in got] == [("千亿级产业集群", "形成", 4, "个")]


def test_lower_bound_and_other_hedges():
    assert rows("引进培养大专以上人才3.9万余人、领军人才164人，") == [
        ("引进培养大专以上人才", "引进培养", 3.9, "万人", "余", "引进培养大专以上人才3.9万余人"),
        ("引进培养领军人才", "引进培养", 164, "人", "", "领军人才164人"),
    ]
    assert rows("城镇登记失业率控制在4%以内，")[0][1:5] == ("控制在", 4, "%", "以内")
    assert rows("居民消费价格涨幅控制在3%左右，")[0][4] == "左右"
    assert rows("“四群八链”应税销售增长近30%。")[0][2:5] == (30, "%", "近")
    listed = rows("力争引进大专以上人才3.8万人以上、新增高层次领军人才120人以上、技能人才2万人以上，")
    assert [r[4] for r in listed] == ["力争+以上"] * 3  # 力争 scopes over the list
    assert [r[1] for r in listed] == ["引进", "新增", "新增"]


def test_numbers_that_are_not_indicators():
    text = ("312国道宁镇段快速化改造、346国道城区段城市化改造工程开工建设，PM2.5和臭氧“双减双控”，"
            "2022年3月1日，省市重大项目确保9月底前全部开工，深入推进污染治理“4+1”工程，出台支持企业健康发展10条政策，"
            "110项重点任务和39项民生实事落实见效，对照180项能力清单，协同推进G312产业创新走廊建设，"
            "有人居住的D级危房动态清零，第五届国际低碳（镇江）大会。")
    assert rows(text) == []


def test_baseline_of_a_change_is_not_a_second_indicator():
    got = rows("全区地区生产总值由2015年的312亿元增加到2020年的468亿元，")
    assert [(r[0], r[1], r[2]) for r in got] == [("地区生产总值", "增加到", 468)]


# --- the whole report ----------------------------------------------------------------------------------------

def key(block: str, value: float, unit: str) -> tuple:
    return (block, float(value), unit)


def test_every_indicator_of_the_hand_made_list_and_nothing_else(shipped):
    got = sorted(key(i.block, i.value, i.unit) for i in shipped.indicators)
    assert got == sorted(key(r["block"], r["value"], r["unit"]) for r in EXPECTED)


def test_fields_agree_with_the_hand_made_list(shipped):
    """After the recorded corrections in content/zhenjiang-2022/indicators.yaml, every field agrees."""
    remaining = {}
    for i in shipped.indicators:
        remaining.setdefault(key(i.block, i.value, i.unit), []).append(i)
    for row in EXPECTED:
        candidates = remaining[key(row["block"], row["value"], row["unit"])]
        match = next(i for i in candidates if i.name == row["name"])
        candidates.remove(match)
        assert match.phrase == row["phrase"] or row["phrase"] in match.phrase, (row["phrase"], match.phrase)
        assert (match.comparison, match.hedge or None, match.kind, match.period) == (
            row["comparison"], row["hedge"], row["kind"], row["period"]), row
        assert match.name_en and match.name_hant


def test_corrections_are_recorded_on_their_rows(shipped):
    corrected = [i for i in shipped.indicators if i.override]
    assert len(corrected) == 9
    row = next(i for i in corrected if i.block == "s1-p2" and i.value == 3504)
    assert row.name == "“四群八链”应税销售" and "clause before" in row.override


def test_ids_are_unique_and_follow_the_blocks(shipped):
    ids = [i.id for i in shipped.indicators]
    assert len(ids) == len(set(ids)) == len(EXPECTED)
    assert ids[0] == "ind-s1-p2-1" and "ind-s3-p3-11" in ids


def test_kinds_per_part(shipped):
    from collections import Counter

    assert Counter(i.kind for i in shipped.indicators) == Counter(r["kind"] for r in EXPECTED)
    assert {i.period for i in shipped.indicators if i.kind == "target-term"} == {"2022-2026"}


def test_csv_export(shipped):
    text = to_csv(shipped.indicators)
    table = list(csv.reader(io.StringIO(text)))
    assert tuple(table[0]) == CSV_COLUMNS
    assert len(table) == len(shipped.indicators) + 1
    first = dict(zip(table[0], table[1]))
    assert first["name_en"] == "GDP (gross regional product)" and first["value"] == "4763" and first["unit"] == "亿元"


@pytest.mark.parametrize(
    "entry,message",
    [
        ("- block: s1-p2\n  phrase: 不存在\n  drop: true\n  reason: x\n", "indicators.yaml:1: phrase not in s1-p2"),
        ("- block: s1-p2\n  phrase: 年均增长5.8%\n  reason: x\n", "give exactly one of set, drop, add"),
        ("- block: s1-p2\n  phrase: 年均增长5.8%\n  set: {colour: red}\n  reason: x\n", "set: unknown field 'colour'"),
        ("- block: s9-p9\n  phrase: x\n  drop: true\n  reason: x\n", "no block 's9-p9'"),
    ],
)
def test_bad_corrections(tmp_path, entry, message):
    import shutil

    from zhpub.content import ContentFolder, load_document

    folder = tmp_path / "content" / "doc"
    shutil.copytree(SHIPPED, folder)
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (folder / "indicators.yaml").write_text(entry, encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        load_document(ContentFolder(folder))
    assert message in str(error.value)


def test_drop_and_add(tmp_path):
    import shutil

    from zhpub.content import ContentFolder, load_document

    folder = tmp_path / "content" / "doc"
    shutil.copytree(SHIPPED, folder)
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (folder / "indicators.yaml").write_text(
        "- block: s3-p3\n  phrase: 制造业投资增长10%\n  drop: true\n  reason: test drop\n"
        "- block: s3-8-p3\n  phrase: 办好军地互办20件实事\n  add: {name: 军地互办实事, value: 20, unit: 件, kind: target-year,"
        " comparison: 办好}\n  reason: test add\n",
        encoding="utf-8",
    )
    doc = load_document(ContentFolder(folder))
    assert not any(i.phrase == "制造业投资增长10%" for i in doc.indicators)
    added = next(i for i in doc.indicators if i.block == "s3-8-p3")
    assert (added.id, added.period, added.override) == ("ind-s3-8-p3-1", "2022", "test add")


# --- names a reader would call the figure (bench/indicator_names.py measures them) ------------------------------

def names(text: str) -> list[tuple[str, float, str]]:
    return [(f.name, f.value, f.unit) for f in extract_block(text)]


def test_the_sentence_grammar_is_not_part_of_a_name():
    """Prepositions, particles, one-character adverbs, auxiliaries, enumerators and times of the sentence that open a
    name go (jieba's part of speech decides); adverbs that end it go too."""
    text = ("将养老补贴标准提高到300元，把空气质量优良率控制在90%以上，对小微企业贷款余额增长15%，二是取消涉企收费20项。"
            "去年工业利润增长8%，森林覆盖率一直保持在60%以上，粮食产量连年稳定在80亿斤以上，要新建学校12所。")
    assert [n for n, *_ in names(text)] == [
        "养老补贴标准", "空气质量优良率", "小微企业贷款余额", "取消涉企收费", "工业利润", "森林覆盖率", "粮食产量", "学校"]


def test_grammar_that_is_part_of_the_noun_stays():
    """A two-character word jieba tags as an adverb (经常项目), a place (在镇院校), a kind (未来工厂), 对外 and 可再生
    are part of what is measured."""
    text = ("经常项目顺差占生产总值比重下降到2.6%，在镇院校毕业生留镇率提升至23%，建设未来工厂20家，"
            "对外直接投资增长9%，可再生能源装机占比达56.2%。")
    assert [n for n, *_ in names(text)] == [
        "经常项目顺差占生产总值比重", "在镇院校毕业生留镇率", "未来工厂", "对外直接投资", "可再生能源装机占比"]


def test_a_verb_after_the_name_is_the_comparison():
    got = extract_block("全年经济增长目标定为6%左右，中央预算内投资拟安排800亿元，审批事项压减30%，上榜企业增至18家。")
    assert [(f.name, f.comparison) for f in got] == [
        ("经济增长目标", "定为"), ("中央预算内投资", "安排"), ("审批事项", "压减"), ("上榜企业", "增至")]


def test_a_unit_character_that_begins_a_word_counts_that_word():
    """家 of 家庭, 人 of 人口 (nouns of jieba's dictionary): the figure counts households and people, and the phrase
    ends with the word; a word jieba only guesses (56项为, 2130人因) is no unit, and 800家企业 stays 家."""
    text = "改造老旧小区300个，惠及近千万家庭。全国人口超过14亿人口，新增企业800家企业。"
    got = extract_block(text)
    assert [(f.name, f.value, f.unit, text[f.start:f.end]) for f in got] == [
        ("改造老旧小区", 300, "个", "改造老旧小区300个"), ("惠及家庭", 1000, "万家庭", "惠及近千万家庭"),
        ("全国人口", 14, "亿人口", "全国人口超过14亿人口"), ("企业", 800, "家", "新增企业800家")]
    assert names("其中56项为全国首创，2130人因提前转移避免伤亡。") == []


def test_a_verb_alone_names_the_noun_after_the_figure():
    """设立首批5个|国家公园, 发行1万亿元|抗疫特别国债, 将2.8万亿元|中央财政资金: the act is no name, what it counts
    follows the figure; a percentage is never named from what follows it."""
    text = "设立首批5个国家公园，发行1万亿元抗疫特别国债，将2.8万亿元中央财政资金纳入直达机制，覆盖80%以上的大城市。"
    assert [n for n, *_ in names(text)] == ["设立首批国家公园", "发行抗疫特别国债", "中央财政资金纳入直达机制"]


def test_a_period_or_a_baseline_alone_is_the_last_measure_of_the_sentence_or_no_row():
    """比2007年|增加, 预算|增加, 相当于5年前|: the measure named before it in the same sentence; with none, or only
    in an earlier sentence, the figure has no name a reader could table and is not published."""
    text = "中央财政赤字1.12万亿元，比去年预算增加1700亿元，人均住房面积32.9平方米，比2007年增加2.8平方米。"
    assert names(text) == [("中央财政赤字", 1.12, "万亿元"), ("中央财政赤字", 1700, "亿元"),
                           ("人均住房面积", 32.9, "平方米"), ("人均住房面积", 2.8, "平方米")]
    assert names("两年新增4万亿元，带动作用明显。") == []
    assert names("科技投入累计8729亿元，年均增长超过18%。") == [("科技投入", 8729, "亿元"), ("科技投入", 18, "%")]
    assert names("城镇新增就业1100万人。相当于5年前1.5个百分点。") == [("城镇新增就业", 1100, "万人")]
