"""Year-to-year comparison, on the national reports of 2024 and 2025, against differences listed by reading."""

from __future__ import annotations

import pytest

from conftest import DATA
from zhpub.corpus.compare import char_marks, compare, diff_text
from zhpub.pipeline import build_document


def national(year: int):
    path = DATA / "national" / f"national-{year}.txt"
    return build_document(path.stem, path.read_bytes(), str(path), {"year": year, "series": "national"})


@pytest.fixture(scope="module")
def pair():
    return compare(national(2024), national(2025))


def targets_paragraph(doc):
    return next(b for b in doc.blocks if b.text["hans"].startswith("今年发展主要预期目标是"))


def test_targets_paragraph_differences_listed_by_reading(pair):
    """Read by hand: of the seven clauses of the targets paragraph, three are the same (GDP 5%左右, income,
    balance of payments); the jobs clause is reordered (unemployment first); CPI 3% → 2%; grain 1.3万亿斤以上 →
    1.4万亿斤左右; energy intensity 2.5% → 3%."""
    before, after = targets_paragraph(pair.before), targets_paragraph(pair.after)
    changes = diff_text(before.text["hans"], after.text["hans"])
    assert [c.before for c in changes if c.op == "equal"] == [
        "今年发展主要预期目标是：国内生产总值增长5%左右；", "居民收入增长和经济增长同步；", "国际收支保持基本平衡；"]
    replaced = {c.before: c for c in changes if c.op == "replace"}
    marks = lambda c: ([p.text for p in c.marks if p.op == "delete"], [p.text for p in c.marks if p.op == "insert"])
    assert marks(replaced["居民消费价格涨幅3%左右；"]) == (["3"], ["2"])
    assert marks(replaced["粮食产量1.3万亿斤以上；"]) == (["3", "以上"], ["4", "左右"])
    energy = replaced["单位国内生产总值能耗降低2.5%左右，生态环境质量持续改善。"]
    assert "".join(p.text for p in energy.marks if p.op != "insert") == energy.before
    assert "".join(p.text for p in energy.marks if p.op != "delete") == energy.after == "单位国内生产总值能耗降低3%左右，生态环境质量持续改善。"
    jobs = [c for c in changes if "城镇新增就业1200万人以上" in c.before + c.after]
    assert jobs and all(c.op != "equal" for c in jobs)


def test_parts_and_moved_sections_align(pair):
    """Read by hand: the three parts match; 2025 moved domestic demand (2024's （三）) to （一）, and the reform
    section (2024 （四）, 2025 （四）) is reworded but the same topic."""
    matched = {(p.before.block.id, p.after.block.id) for p in pair.sections if p.before and p.after}
    assert {("s1", "s1"), ("s2", "s2"), ("s3", "s3")} <= matched
    assert ("s3-3", "s3-1") in matched  # 着力扩大国内需求 -> 大力提振消费、提高投资效益
    assert ("s3-2", "s3-3") in matched  # 深入实施科教兴国战略, in both
    assert ("s3-4", "s3-4") in matched
    assert ("s3-10", "s3-10") in matched


def test_summary_new_and_dropped_terms(pair):
    """Counted with grep on the source files: “两重” “两新” “十五五” 内卷式 投资于人 好房子 occur in 2025 and not
    in 2024; “新三样” “四下基层” 揭榜挂帅 in 2024 and not in 2025; “人工智能+” and 新质生产力 in both."""
    s = pair.summary
    assert {"两重", "两新", "十五五", "好房子", "投资于人"} <= set(s.new_terms)
    assert {"新三样", "四下基层", "揭榜挂帅"} <= set(s.dropped_terms)
    assert not {"人工智能+", "新质生产力"} & set(s.new_terms + s.dropped_terms)
    assert "千万工程" in s.new_programmes


def test_char_marks_rebuild_both_texts():
    before, after = "国内生产总值增长6.5%左右", "国内生产总值增长6%以上"
    marks = char_marks(before, after)
    assert "".join(p.text for p in marks if p.op != "insert") == before
    assert "".join(p.text for p in marks if p.op != "delete") == after


def marked_sides(pair) -> tuple[str, list[str], str, list[str]]:
    """(text, op per character) of each side of a section pair, as the comparison page marks them."""
    out = []
    for which in ("before", "after"):
        pieces = [p for c in pair.changes for p in c.side(which)]
        out += ["".join(p.text for p in pieces), [p.op for p in pieces for _ in p.text]]
    return tuple(out)


def test_a_section_pair_of_2023_and_2024_against_a_reading():
    """The agriculture section of 2023 and of 2024, compared with the differences listed by reading both texts
    (tests/data/compare-national-2023-2024.yaml, a reason per phrase)."""
    import yaml

    reading = yaml.safe_load((DATA / "compare-national-2023-2024.yaml").read_text(encoding="utf-8"))
    comparison = compare(national(2023), national(2024))
    pair = next(p for p in comparison.sections if p.after and p.after.heading == reading["after"]["heading"])
    assert pair.before is not None and pair.before.heading == reading["before"]["heading"]
    before, before_ops, after, after_ops = marked_sides(pair)
    assert before == pair.before.body and after == pair.after.body  # the marks rebuild both texts, nothing lost
    wrong = []
    for kind, sides in (("kept", (("before", "equal"), ("after", "equal"))), ("added", (("after", "insert"),)),
                        ("dropped", (("before", "delete"),))):
        for item in reading[kind]:
            for side, op in sides:
                text, ops = (before, before_ops) if side == "before" else (after, after_ops)
                at = text.find(item["text"])
                assert at >= 0, f"{item['text']} is not in the {side} text: fix the reading"
                got = set(ops[at : at + len(item["text"])])
                if got != {op}:
                    wrong.append(f"{kind} {item['text']} ({side}): marked {sorted(got)}")
    assert not wrong, "\n".join(wrong)
