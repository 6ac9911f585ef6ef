"""Structure for the genre: each layout variant of a work report on a small made-up text, then the national
reports (clean and corrupted) against the headings listed by reading them (tests/data/national/headings.yaml)."""

from __future__ import annotations

import re

import pytest

from corrupt import corrupt
from national import REPORTS, body, compare, expected_headings, found_headings, raw, unknown_characters
from zhpub.pipeline import build_document, reconstruct_source
from zhpub.text.layout import rejoin_lines


def doc_of(text: str, name: str = "made-up"):
    return build_document(name, text.encode("utf-8"), f"{name}.txt")


def outline(doc) -> list[tuple[str, str, str]]:
    return [(b.id, b.kind, b.text["hans"]) for b in doc.blocks]


def rules(doc) -> list[str]:
    return [c.rule for c in doc.changes]


FILLER = "坚持稳中求进工作总基调，统筹发展和安全，经济运行总体平稳，发展质量稳步提升，人民生活持续改善。" * 2


# --- lines rejoined ---------------------------------------------------------------------------------------

def library_scrape(*paragraphs: str) -> str:
    """An online library's flattening: paragraphs apart by runs of blank lines."""
    return "\n\n\n".join(paragraphs) + "\n"


def test_inline_elements_broken_onto_their_own_lines_are_rejoined():
    text = library_scrape(
        "政府工作报\n告", "——2031年3月5日在第九届人民代表大会第二次会议上", "省长　\n王　明", "各位代表：",
        "一、2030年工作回顾", FILLER,
        "细颗粒物（PM\n2.5\n）平均浓度下降6%，优良天数比例达到\n\u200b\n87%。" + FILLER,
        "深入实施\n乡村振兴战略\n，农民收入增长7%。" + FILLER,
        "二、2031年主要任务", FILLER, FILLER,
    )
    doc = doc_of(text)
    texts = [b.text["hans"] for b in doc.blocks]
    assert texts[:4] == ["政府工作报告", "——2031年3月5日在第九届人民代表大会第二次会议上", "省长　王　明", "各位代表："]
    assert [b.kind for b in doc.blocks[:4]] == ["title", "subtitle", "speaker", "salutation"]
    assert doc.meta["speaker"] == "王明" and doc.meta["speaker_role"] == "省长"
    assert "细颗粒物（PM2.5）平均浓度下降6%，优良天数比例达到87%。" in texts[6]
    assert texts[7].startswith("深入实施乡村振兴战略，农民收入增长7%。")
    assert [b.id for b in doc.blocks if b.kind == "part"] == ["s1", "s2"]
    rejoins = [c for c in doc.changes if c.rule == "layout-rejoin"]
    assert len(rejoins) == 7 and all(c.note for c in rejoins)  # 报|告, 省长|王, PM|2.5|）, 达到|87%, 实施|战略|，
    assert reconstruct_source(doc.text("hans"), doc.changes) == text  # nothing lost: the record undoes every join


def test_rejoining_is_recorded_and_can_be_undone():
    text = library_scrape("各位代表：", "一、回顾", "（PM\n2.5\n）下降" + FILLER, *[FILLER] * 10)
    stage = rejoin_lines(text)
    assert "（PM2.5）下降" in stage.text
    from zhpub.changes import undo_changes

    assert undo_changes(stage.text, stage.changes) == text


def test_a_hard_wrapped_paragraph_is_rejoined_at_its_wrap_width():
    para = "过去一年，我们坚持以人民为中心的发展思想，着力稳就业保民生，城镇新增就业十二万人，居民人均可支配收入增长百分之六。" * 5
    other = "今年经济社会发展的主要预期目标是：地区生产总值增长百分之六左右，一般公共预算收入增长百分之五。" * 4
    # each paragraph starts on a new line and is cut every 40 characters
    wrapped = "\n".join(p[i : i + 40] for p in (para, other) for i in range(0, len(p), 40))
    doc = doc_of("各位代表：\n一、2030年工作回顾\n" + wrapped + "\n")
    paragraphs = [b.text["hans"] for b in doc.blocks if b.kind == "paragraph"]
    assert paragraphs == [para, other]
    assert any(c.rule == "layout-rejoin" and c.note == "hard-wrapped line" for c in doc.changes)
    assert [b.kind for b in doc.blocks[:2]] == ["salutation", "part"]


def test_one_paragraph_per_line_is_not_joined():
    text = "各位代表：\n一、回顾\n" + "\n".join(f"第{n}项工作进展顺利" + FILLER[: 20 + n] for n in range(12)) + "\n"
    doc = doc_of(text)
    assert len([b for b in doc.blocks if b.kind == "paragraph"]) == 12
    assert "layout-rejoin" not in rules(doc)


def test_salutation_is_split_from_the_first_paragraph():
    doc = doc_of("各位代表：现在，我代表市人民政府向大会报告工作，请予审议。\n\n一、回顾\n\n" + FILLER + "\n\n各位代表！" + FILLER + "\n")
    assert outline(doc)[:2] == [("intro-p1", "salutation", "各位代表："),
                                ("intro-p2", "paragraph", "现在，我代表市人民政府向大会报告工作，请予审议。")]
    assert "layout-split-salutation" in rules(doc)
    assert doc.blocks[-1].text["hans"].startswith("各位代表！")  # later salutations open their paragraph


# --- parts and sections -----------------------------------------------------------------------------------

def test_parts_without_numbers_and_their_sections_get_distinct_ids():
    doc = doc_of("\n\n".join([
        "各位代表：", "现在，我代表县人民政府向大会报告工作。",
        "2030年工作回顾", FILLER, "（一）经济运行稳中有进。", FILLER, "（二）改革开放持续深化。", FILLER,
        "2031年工作安排", FILLER, "（一）着力扩大有效需求。", FILLER, "（二）加快建设产业体系。", FILLER,
    ]))
    heads = [(b.id, b.kind, b.text["hans"]) for b in doc.blocks if b.kind in ("part", "section")]
    assert heads == [
        ("s1", "part", "2030年工作回顾"), ("s1-1", "section", "（一）经济运行稳中有进。"),
        ("s1-2", "section", "（二）改革开放持续深化。"), ("s2", "part", "2031年工作安排"),
        ("s2-1", "section", "（一）着力扩大有效需求。"), ("s2-2", "section", "（二）加快建设产业体系。"),
    ]
    assert not doc.problems


def test_run_in_section_openings_become_sections():
    doc = doc_of("\n\n".join([
        "各位代表：", "一、今年主要任务",
        "（一）大力提振消费，全方位扩大国内需求。促进消费和投资更好结合。" + FILLER,
        "（二）因地制宜发展新兴产业，加快建设现代化产业体系。推动科技创新和产业创新融合发展。" + FILLER,
    ]))
    assert [(b.id, b.text["hans"]) for b in doc.blocks if b.kind == "section"] == [
        ("s1-1", "（一）大力提振消费，全方位扩大国内需求。"), ("s1-2", "（二）因地制宜发展新兴产业，加快建设现代化产业体系。")]
    assert doc.block("s1-1-p1").text["hans"].startswith("促进消费和投资更好结合。")


def test_unnumbered_section_heads_inside_numbered_parts():
    doc = doc_of("\n\n".join([
        "各位代表：", "一、过去一年工作回顾", "经济运行稳中向好", FILLER, FILLER, "民生福祉持续增进", FILLER,
        "二、今年工作安排", FILLER,
    ]))
    assert [(b.id, b.kind) for b in doc.blocks if b.kind in ("part", "section")] == [
        ("s1", "part"), ("s1-1", "section"), ("s1-2", "section"), ("s2", "part")]
    assert doc.block("s1-1-p2").text["hans"] == FILLER


# --- back matter ------------------------------------------------------------------------------------------

SPEECH = ["各位代表：", "一、回顾", FILLER, "（一）稳增长。", FILLER, "二、任务", "（一）扩内需。", FILLER, "（二）促改革。", FILLER,
          "各位代表！让我们团结奋斗，为全面建设社会主义现代化国家而努力！"]


def test_appended_glossary_has_its_own_ids_and_entries():
    doc = doc_of("\n\n".join(SPEECH + [
        "名词解释",
        "1．新质生产力：由技术革命性突破、生产要素创新性配置、产业深度转型升级而催生的先进生产力。",
        "2．“四群八链”：四大产业集群和八条重点产业链。",
        "3．零基预算：不考虑以往年度支出基数，按实际需要重新核定预算的方法。",
    ]))
    assert not doc.problems and len(set(doc.ids)) == len(doc.ids)
    assert [b.id for b in doc.blocks][-4:] == ["notes", "notes-1", "notes-2", "notes-3"]
    assert [(n.term, n.block) for n in doc.report_notes] == [
        ("新质生产力", "notes-1"), ("“四群八链”", "notes-2"), ("零基预算", "notes-3")]
    assert doc.report_notes[2].explanation.startswith("不考虑以往年度支出基数")
    assert doc.block("s2-2-p1").text["hans"] == FILLER  # the body's ids are as without the appendix
    from zhpub.export import document_json

    assert document_json(doc)["report_notes"][0] == {
        "term": "新质生产力", "explanation": doc.report_notes[0].explanation, "block": "notes-1"}


def test_appended_numbered_list_restarting_at_one_is_an_annex():
    items = [f"{n}、{w}" for n, w in zip("一二三四五六七八九十", "就业 教育 医疗 养老 住房 交通 饮水 文化 体育 安全".split())]
    doc = doc_of("\n\n".join(SPEECH + ["2031年十件民生实事"] + [x for item in items for x in (item, "实施项目，年底前完成。")]))
    assert not doc.problems and len(set(doc.ids)) == len(doc.ids)
    annex = [b for b in doc.blocks if b.id.startswith("annex")]
    assert (annex[0].id, annex[0].kind, annex[0].text["hans"]) == ("annex-1", "part", "2031年十件民生实事")
    assert [b.id for b in annex[1:5]] == ["annex-1-1", "annex-1-1-p1", "annex-1-2", "annex-1-2-p1"]
    assert annex[-1].id == "annex-1-10-p1"


def test_annex_headings_number_their_annexes():
    doc = doc_of("\n\n".join(SPEECH + ["附件1：2030年主要指标完成情况", "地区生产总值增长6%。", "附件2：名词说明表", "一、项目", "说明文字。"]))
    assert [b.id for b in doc.blocks if b.id.startswith("annex")] == ["annex-1", "annex-1-p1", "annex-2", "annex-2-1", "annex-2-1-p1"]


def test_repeated_numbering_in_the_body_is_a_problem_not_a_crash():
    doc = doc_of("\n\n".join(["各位代表：", "一、回顾", FILLER, "二、任务", FILLER, "二、保障", FILLER]))
    assert [p.rule for p in doc.problems] == ["duplicate-id", "duplicate-id"]


# --- the national reports ---------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("name", REPORTS)
def test_national_report_clean(name):
    doc = build_document(name, raw(name).encode("utf-8"), f"{name}.txt")
    assert not doc.problems
    assert found_headings(doc) == expected_headings(name)  # every heading, in order, with its level
    result = compare(body(name), doc.text("hans"), [])
    assert result.errors_outside == 0  # nothing of the speech removed or changed, nothing of the footer kept
    assert len(set(doc.ids)) == len(doc.ids)
    removed = [c for c in doc.changes if c.stage == "chrome"]
    assert removed and all(c.rule in ("chrome-licence", "chrome-source", "chrome-compiler-note") for c in removed)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("name", REPORTS)
def test_national_report_corrupted(name, seed):
    reference = body(name)
    scrape = corrupt(raw(name), seed=seed, spans=4)
    doc = build_document(name, scrape.text.encode("utf-8"), f"{name}.txt")
    garbled = [g for g in scrape.garbled if g.clean_start + len(g.clean) <= len(reference)]
    result = compare(reference, doc.text("hans"), [(g.clean_start, g.clean_start + len(g.clean)) for g in garbled])
    assert result.errors_outside / result.chars <= 0.001
    expected, found = expected_headings(name), found_headings(doc)
    # a heading a garbled span falls on is damaged by the scrape: found with the span reported, or read as text;
    # every other heading must come out right (the generator's seeded spans land where conversion lets them)
    spans = [(g.clean_start, g.clean_start + len(g.clean)) for g in garbled]
    damaged = [h for h in expected if (at := reference.find(h[1])) >= 0
               and any(start < at + len(h[1]) and at < end for start, end in spans)]
    intact = [h for h in expected if h not in damaged]
    assert sum(1 for h in intact if h in found) / len(intact) >= 0.98
    assert sum(1 for h in found if h in expected) / max(1, len(found) - len(damaged)) >= 0.98
    if not doc.problems:  # what would be published has no lost character
        assert not any(result.touched) and unknown_characters(doc.text("hans")) <= unknown_characters(reference)


# --- every problem of every document in one run -----------------------------------------------------------

def broken_project(tmp_path):
    """The shipped project plus three broken documents: garbled spans, a repeated part number, a bad YAML file."""
    import shutil

    from conftest import SHIPPED, copy_project

    project = copy_project(tmp_path / "project")
    garbled = project / "content" / "garbled"
    garbled.mkdir()
    shutil.copy(SHIPPED / "source.txt", garbled / "source.txt")  # without its errata: three of five spans stay garbled
    repeated = project / "content" / "repeated"
    repeated.mkdir()
    (repeated / "source.txt").write_text("\n\n".join(["各位代表：", "一、回顾", FILLER, "二、任务", FILLER, "二、保障", FILLER]) + "\n",
                                         encoding="utf-8")
    bad_yaml = project / "content" / "bad-yaml"
    bad_yaml.mkdir()
    (bad_yaml / "source.txt").write_text("各位代表：\n\n一、回顾\n\n" + FILLER + "\n", encoding="utf-8")
    (bad_yaml / "document.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    return project


def test_check_and_build_report_every_problem_of_every_document(tmp_path):
    from test_bad_input import zhpub

    project = broken_project(tmp_path)
    for command in (["check"], ["build", "--only", "data"]):
        result = zhpub(*command, cwd=project)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        out = result.stdout + result.stderr
        lines = out.splitlines()
        garbled = [l for l in lines if l.startswith("content/garbled/source.txt:")]
        repeated = [l for l in lines if l.startswith("content/repeated/source.txt:") and "twice" in l]
        assert len(garbled) == 3 and len(repeated) == 2, out
        assert any("bad-yaml/document.yaml" in l for l in lines), out
        assert all(l.split(":")[1].isdigit() and l.split(":")[2].isdigit() for l in garbled + repeated)
        listed = result.stdout.splitlines() if command == ["check"] else result.stderr.splitlines()[:-1]
        [count] = [int(m.group(1)) for l in lines for m in [re.match(r"zhpub \w+: (\d+) problem", l)] if m]
        assert count == len(listed) >= len(garbled) + len(repeated) + 1, out
    assert not (project / "build" / "data").exists()  # refused whole: nothing half-written


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"])
def test_title_block_split_over_lines_is_recognised(gap):
    head = gap.join(["政府工作报告", "——2031年3月5日在第九届人民代表大会", "第二次会议上", "代市长", "王　明"])
    doc = doc_of(head + "\n\n" + "\n\n".join(["各位代表：", "一、回顾", FILLER, "二、任务", FILLER]))
    assert outline(doc)[:3] == [("title", "title", "政府工作报告"),
                                ("subtitle", "subtitle", "——2031年3月5日在第九届人民代表大会第二次会议上"),
                                ("speaker", "speaker", "代市长　王　明")]
    assert (doc.meta["date"], doc.meta["venue"], doc.meta["speaker_role"], doc.meta["speaker"]) == (
        "2031-03-05", "第九届人民代表大会第二次会议", "代市长", "王明")


@pytest.mark.slow
def test_national_title_blocks_give_date_venue_and_speaker():
    for name in REPORTS:
        doc = build_document(name, raw(name).encode("utf-8"), f"{name}.txt")
        if "subtitle" not in doc.ids:
            continue  # the library's copy starts at 各位代表 (no title block)
        year = name.split("-")[1]
        assert doc.meta["date"].startswith(year) and doc.meta["venue"].endswith("会议"), name
        assert doc.meta["speaker_role"] == "国务院总理" and doc.meta["speaker"] in ("李克强", "李强"), name


def test_hard_wrapped_paragraphs_with_indented_first_lines():
    paras = ["过去一年，我们坚持以人民为中心的发展思想，着力稳就业保民生，城镇新增就业十二万人。" * 4,
             "今年经济社会发展的主要预期目标是：地区生产总值增长百分之六左右，一般公共预算收入增长。" * 3,
             "我们将坚持稳中求进，统筹发展和安全，扎实推进各项工作，确保完成全年目标任务。" * 3]
    lines = []
    for para in paras:  # 　　 indents each paragraph; every line is cut at 40 columns of width (20 Han)
        text = "\u3000\u3000" + para
        lines += [text[i : i + 20] for i in range(0, len(text), 20)]
    doc = doc_of("各位代表：\n一、2030年工作回顾\n" + "\n".join(lines) + "\n")
    assert [b.text["hans"] for b in doc.blocks if b.kind == "paragraph"] == paras


def test_a_block_is_found_by_its_id_after_the_ids_are_renamed_and_a_pickled_model_carries_no_index():
    """Document.block looks blocks up by an index made at the first look-up; the ids are renamed after the model is
    made (content._build aligns them with the published ones), and a renamed block is found by its new id only."""
    import pickle

    doc = doc_of(library_scrape("一、2030年工作回顾", FILLER, FILLER, "二、2031年主要任务", FILLER))
    first, last = doc.blocks[0], doc.blocks[-1]
    assert doc.block(first.id) is first and doc.block(last.id) is last
    old = last.id
    last.id = "renamed-p9"
    assert doc.block("renamed-p9") is last
    with pytest.raises(KeyError):
        doc.block(old)
    again = pickle.loads(pickle.dumps(doc))
    assert "_block_index" not in vars(again) and again.block("renamed-p9").text == last.text
