"""Edge cases found in review: each was a real failure before its fix."""

from __future__ import annotations

import shutil

import pytest

from conftest import copy_project
from test_bad_input import one_line_error, zhpub
from zhpub.text.chrome import SPEAKER_RE, classify, split_lines
from zhpub.content import ContentFolder, load_document
from zhpub.errors import ZhpubError
from zhpub.knowledge.indicators import extract_block
from zhpub.text.layout import canonical_layout
from zhpub.pipeline import build_document, normalise_text
from zhpub.text.punctuation import fix_punctuation
from zhpub.render.common import indicator_value


def test_numbering_that_repeats_an_id_is_an_error():
    text = ("各位代表：\n\n一、回顾\n\n段落一。\n\n二、安排\n\n（一）甲项工作。\n\n内容。\n\n（二）乙项工作。\n\n内容。\n\n"
            "（一）丙项工作。\n\n内容。\n")
    doc = build_document("x", text.encode("utf-8"), "x.txt")  # a problem of the document, reported with the others
    problem, paragraph = [p for p in doc.problems if p.rule == "duplicate-id"]  # the section and its paragraph
    assert "'s2-1-p1' twice" in str(paragraph)
    assert "id 's2-1' twice (first at line 9)" in str(problem) and (problem.line, problem.column) == (17, 1)


def test_lone_cr_line_endings_place_problems_on_the_right_line():
    text = "各位代表：\n\n现在我报告工作。\n\n一、回顾\n\n城镇登记失业率低于3%?;\ue2a6A(chǔ)保障坚实。\n"
    lf = normalise_text(text.encode("utf-8"), "lf.txt").problems
    cr = normalise_text(text.replace("\n", "\r").encode("utf-8"), "cr.txt").problems
    assert [(p.line, p.column) for p in lf] == [(p.line, p.column) for p in cr] == [(7, 12)]


def test_heading_split_takes_the_blank_after_the_heading_and_is_idempotent():
    once = canonical_layout("（一）千方百计挖掘内需潜力。 把扩大内需作为引擎。").text
    assert once == "（一）千方百计挖掘内需潜力。\n\n把扩大内需作为引擎。"
    assert canonical_layout(once).text == once


def test_quotes_turn_as_a_pair():
    assert fix_punctuation('"5G"基站建设').text == "“5G”基站建设"


def test_chrome_never_takes_report_text():
    for line in ("（五）发展在线经济、精品旅游、免费开放、成人教育", "一、2022年1月5日工作回顾", "2022年1月5日",
                 "（四）繁荣文化事业（新闻摄影）",
                 "审核：坚持依法行政，深化改革，推进各项工作不断取得新成效，确保群众满意度不断提升，人民生活水平持续提高。"):
        assert classify(split_lines(line)[0]) is None, line
    assert classify(split_lines("2022年3月7日 04:23")[0])[0] == "chrome-timestamp"


def test_speakers_of_autonomous_regions_and_deputies():
    assert SPEAKER_RE.match("自治区主席 蓝天立") and SPEAKER_RE.match("副市长张三") and SPEAKER_RE.match("自治州州长 李四")


def test_indicator_edge_cases():
    def rows(text):
        return [(f.name, f.value, f.unit) for f in extract_block(text)]

    # 分别 with fewer values than names: nothing invented, nothing dropped
    assert [v for _, v, _ in rows("地区生产总值、一般公共预算收入、固定资产投资分别增长8%、6%")] == [8, 6]
    assert rows("综合实力居全省第三十")[0][1:] == (30, "rank")
    assert rows("综合实力居全国第二十一")[0][1:] == (21, "rank")
    assert rows("实施“新增企业800家")[0][1:] == (800, "家")  # an unclosed quote hides nothing


def test_lower_bound_reads_as_written(shipped):
    row = next(i for i in shipped.indicators if i.phrase.endswith("3.9万余人"))
    assert indicator_value(row, "hans") == "3.9万余人"


def check_errors(project) -> str:
    """`zhpub check` fails with file:line: message lines on standard output, no traceback."""
    result = zhpub("check", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    return result.stdout + result.stderr


def _project_with(tmp_path, name: str, text: str):
    project = copy_project(tmp_path / "p")
    (project / "content" / "zhenjiang-2022" / name).write_text(text, encoding="utf-8")
    return project


@pytest.mark.parametrize(
    "entry,message",
    [
        ("- block: s3-p3\n  phrase: 制造业投资增长10%\n  set: {value: 十}\n  reason: x\n", "value must be a number"),
        ("- block: s3-p3\n  phrase: 制造业投资增长10%\n  set: {hedge: [以上]}\n  reason: x\n", "hedge must be text"),
        ("- block: s3-p3\n  phrase: 制造业投资增长10%\n  set: {period: soon}\n  reason: x\n", "period must be YYYY"),
    ],
)
def test_bad_correction_fields_are_one_line_errors(tmp_path, entry, message):
    project = _project_with(tmp_path, "indicators.yaml", entry)
    out = check_errors(project)
    assert "indicators.yaml:" in out and message in out


def test_setting_a_kind_sets_its_period(tmp_path):
    project = _project_with(tmp_path, "indicators.yaml",
                            "- block: s3-p3\n  phrase: 制造业投资增长10%\n  set: {kind: target-term}\n  reason: x\n")
    doc = load_document(ContentFolder(project / "content" / "zhenjiang-2022"))
    row = next(i for i in doc.indicators if i.phrase == "制造业投资增长10%")
    assert (row.kind, row.period) == ("target-term", "2022-2026")


def test_yaml_key_that_is_a_list(tmp_path):
    project = _project_with(tmp_path, "document.yaml", "? [a, b]\n: 1\n")
    assert "document.yaml:1:" in check_errors(project)


def test_manifest_that_is_not_utf8(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "content" / "zhenjiang-2022" / "published-ids.jsonl").write_bytes("标题\n".encode("gb18030"))
    assert "published-ids.jsonl: not UTF-8" in one_line_error(zhpub("ids", "zhenjiang-2022", cwd=project))


def test_export_to_a_missing_folder(tmp_path):
    line = one_line_error(zhpub("export", "zhenjiang-2022", "-o", str(tmp_path / "nope" / "x.json")))
    assert "nope/x.json" in line


def test_overlapping_errata_name_both_entries(tmp_path):
    project = _project_with(tmp_path, "errata.yaml",
                            "- corrupted: downLoad-2022030704\n  correction: x\n  reason: a\n"
                            "- corrupted: \"0307042218\"\n  correction: y\n  reason: b\n")
    out = check_errors(project)
    assert "errata.yaml:4" in out and "line 1" in out


def test_a_wrong_traditional_form_is_reported(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "glossary" / "zhenjiang.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "- headword: 四群八链\n", "- headword: 四群八链\n  traditional: 四羣八鏈\n", 1), encoding="utf-8")
    result = zhpub("check", cwd=project)
    assert result.returncode == 1 and "Traditional form '四羣八鏈' 0 times" in result.stdout


def test_folder_names_must_be_slugs(tmp_path):
    project = copy_project(tmp_path / "p")
    shutil.move(project / "content" / "zhenjiang-2022", project / "content" / "Zhen jiang")
    assert "is not a slug" in check_errors(project)


def test_titles_urls_and_headings_from_content_are_escaped(tmp_path):
    from zhpub.build import build_all

    project = copy_project(tmp_path / "p")
    meta = project / "content" / "zhenjiang-2022" / "document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace(
        "title: 2022年镇江市政府工作报告", "title: 2022年镇江<img src=x onerror=alert(1)>报告"), encoding="utf-8")
    build_all(project, {"site"})
    page = (project / "build" / "site" / "zh-Hans" / "zhenjiang-2022" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    glossary = project / "glossary" / "national.yaml"
    text = glossary.read_text(encoding="utf-8").replace("  status: official\n  source: http", "  status: official\n  source: javascript:alert(1)//http", 1)
    glossary.write_text(text, encoding="utf-8")
    assert "source must be an http(s) URL" in check_errors(project)


def test_site_url_gives_each_variant_its_own_canonical_address(tmp_path):
    from zhpub.build import build_all

    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://example.org/reports/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    build_all(project, {"site"})
    site = project / "build" / "site"
    page = (site / "zh-Hant" / "zhenjiang-2022" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/reports/zh-Hant/zhenjiang-2022/index.html"' in page  # canonical
    assert 'data-url="https://example.org/reports/zh-Hant/zhenjiang-2022/"' in page  # copied citations
    assert "<loc>https://example.org/reports/zh-Hans/zhenjiang-2022/index.html</loc>" in (site / "zh-Hans" / "sitemap.xml").read_text()
    assert (site / "zh-Hans" / "404.html").exists()
