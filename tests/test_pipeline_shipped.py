"""The shipped report, end to end: what a reader of either variant must never see, and what must be there."""

from __future__ import annotations

import hashlib
import re

import pytest

from conftest import GOLDEN, SHIPPED
from zhpub.text.mojibake import ENTITY_RE, PRIVATE_USE_RE
from zhpub.pipeline import normalise_text, reconstruct_source

HAN = r"\u4e00-\u9fff"


def test_source_is_the_scrape_byte_for_byte():
    digest = hashlib.sha256((SHIPPED / "source.txt").read_bytes()).hexdigest()
    assert digest == "f0c6747b995831030b47754ea07349ef542680fbd0731d127d67d92045b55a5c"


@pytest.mark.parametrize("variant", ["hans", "hant"])
def test_no_artefact_survives(shipped, variant):
    text = shipped.text(variant)
    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]", text), "pinyin annotation"
    assert not PRIVATE_USE_RE.search(text), "private-use or U+FFFD character"
    assert "?" not in text and "？" not in text, "question marks: the report asks none"
    assert not ENTITY_RE.search(text), "HTML entity remnant"
    assert not re.search(rf"[{HAN}][,;:?!()][{HAN}]", text), "ASCII punctuation between Han characters"
    for chrome in ("www", "无码", "無碼", "首页", "首頁", "downLoad", "责任编辑", "責任編輯", "返回", "相关新闻", "相關新聞", " 摄", " 攝", "04:23"):
        assert chrome not in text, f"spam or site chrome: {chrome}"
    assert "（全文）" not in text and "(全文)" not in text


def test_structure_of_the_report(shipped):
    kinds = [b.kind for b in shipped.blocks]
    assert [b.id for b in shipped.blocks if b.kind == "part"] == ["s1", "s2", "s3", "s4"]
    assert [b.id for b in shipped.blocks if b.kind == "section"] == [f"s3-{n}" for n in range(1, 9)]
    assert kinds[:4] == ["title", "subtitle", "speaker", "salutation"]
    assert shipped.block("s3-2-p4").text["hans"].startswith("聚力推进园区整合。")
    assert shipped.block("s3-2-p4").lead["hans"] == "聚力推进园区整合。"
    assert shipped.block("s3-1").text["hans"] == "（一）千方百计挖掘内需潜力，努力保持经济平稳发展。"
    assert shipped.block("s3-1-p1").text["hans"].startswith("把扩大内需作为发展的重要引擎")
    assert len(shipped.ids) == len(set(shipped.ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in shipped.ids)
    leads = [b.id for b in shipped.blocks if b.lead]
    assert len(leads) == 43 and "s3-8-p4" in leads  # 完善“一老一小”服务。


def test_metadata_from_the_text(shipped):
    meta = shipped.meta
    assert meta["date"] == "2022-03-01"
    assert meta["speaker"] == "徐曙海"
    assert meta["venue"] == "镇江市第九届人民代表大会第一次会议"
    assert meta["headline"] == "2022年镇江市政府工作报告（全文）"
    assert meta["mirror_published"] == "2022-03-07 04:23"


def test_traditional_has_no_simplified_leftovers_or_converter_errors(shipped):
    hant = shipped.text("hant")
    for right in ("低於", "示範", "鬥爭", "幹部", "掌握發展", "厚植發展", "新征程", "集採制度", "回歸", "援陝"):
        assert right in hant, right
    for wrong in ("低于", "示范", "髮展", "徵程", "集採製度", "迴歸", "陜"):
        assert wrong not in hant, wrong


def test_simplified_has_no_traditional_left(shipped):
    # Everything in the canonical text is an ordinary Simplified character (GB2312) but for a few marks.
    allowed = set("—勠") | set("∶ⅢⅤ")
    odd = {c for c in shipped.text("hans") if not c.isascii() and c not in allowed and not _gb2312(c)}
    assert odd == set()


def _gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


@pytest.mark.parametrize("variant,name", [("hans", "zh-Hans"), ("hant", "zh-Hant")])
def test_golden_text(shipped, variant, name):
    """The reviewed normalised text. If this fails, read the diff before regenerating the golden file."""
    expected = (GOLDEN / f"zhenjiang-2022.{name}.txt").read_text(encoding="utf-8")
    assert shipped.text(variant) + "\n" == expected


def test_all_five_mojibake_spans_end_resolved(shipped):
    """Two spans are determined by their bytes; three were accepted from ranked readings with
    `zhpub errata --accept`, each erratum naming its evidence. No hand-typed erratum is left."""
    rules = [c.rule for c in shipped.changes]
    assert shipped.problems == []
    errata = [c for c in shipped.changes if c.rule == "errata"]
    assert [(c.line, c.after) for c in errata] == [(51, "。基礎"), (129, "保空氣和水環"), (163, "專科“")]
    assert all(c.note.startswith("reading 1 of ") and "readings that reproduce the span" in c.note for c in errata)
    rebuilt = [c for c in shipped.changes if c.rule == "mojibake-reconstruct"]
    assert [(c.line, c.after) for c in rebuilt] == [(89, "爭先進"), (153, "氣、危化品、道路交通等領")]
    assert rules.count("mojibake-reconstruct") == 2


def test_source_is_rebuilt_exactly_from_output_and_record(shipped):
    source = (SHIPPED / "source.txt").read_bytes().decode("utf-8")
    assert reconstruct_source(shipped.text("hans"), shipped.changes) == source


def test_every_change_names_its_place(shipped):
    """Line and column point at what the change replaced, in the source file as a reader opens it."""
    source_lines = (SHIPPED / "source.txt").read_text(encoding="utf-8").split("\n")
    errata_lines = {c.line for c in shipped.changes if c.rule in ("errata", "mojibake-reconstruct")}
    checked = 0
    for change in shipped.changes:
        if not change.before or change.stage in ("layout", "mojibake") or change.line in errata_lines:
            continue  # layout joins lines; mojibake and errata spans were rewritten before later stages
        line = source_lines[change.line - 1]
        # the whole span for stages that see it whole; its first character where an earlier stage cut it
        # (实党 was 實(shí)黨 in the source)
        expected = change.before.split("\n")[0] if change.stage in ("chrome", "pinyin", "punctuation") else change.before[0]
        assert line[change.column - 1 :].startswith(expected), change
        checked += 1
    assert checked > 5000  # chrome, pinyin, punctuation and script changes


def test_without_errata_the_spans_are_reconstructed_or_ranked():
    data = (SHIPPED / "source.txt").read_bytes()
    result = normalise_text(data, "source.txt")  # without errata
    places = [(p.line, p.column) for p in result.problems if p.rule == "mojibake"]
    assert places == [(51, 141), (129, 540), (163, 416)]  # 89 and 153 are determined by their bytes
    mojibake = next(s for s in result.stages if s.name == "mojibake")
    firsts = [f.candidates[0] for f in mojibake.findings]
    assert firsts == ["。基礎", "保空氣和水環", "專科“"]  # the right reading ranked first, each
    assert [c.after for c in mojibake.changes if c.rule == "mojibake-reconstruct"] == ["爭先進", "氣、危化品、道路交通等領"]


def test_a_documents_text_is_simplified_unless_asked_otherwise(shipped):
    assert shipped.text() == shipped.text("hans") != shipped.text("hant")
