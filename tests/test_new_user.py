"""What a new user meets in the first hour: pointers to documentation, starting a document, the build policy."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

# a project file named in a message, a comment or the README: docs/content.md, glossary/README.md, …
FILE_REF = re.compile(r"(?<![\w/.<])((?:docs|glossary|content|src|bench|scripts|tests|hooks)/[\w./-]*\w\.(?:md|ya?ml|tsv|txt|py|json))")


def project_texts():
    for pattern in ("src/zhpub/**/*.py", "content/*/*.yaml", "glossary/*.yaml", "*.md", "glossary/*.md"):
        for path in sorted(ROOT.glob(pattern)):
            if "render" in path.parts:  # names the generated site's pages (glossary/index.md), not project files
                continue
            yield path, path.read_text(encoding="utf-8")


def test_every_file_a_message_or_comment_names_exists():
    named = {(path.relative_to(ROOT).as_posix(), ref) for path, text in project_texts() for ref in FILE_REF.findall(text)}
    assert any(ref == "glossary/indicator-names.yaml" for _, ref in named)  # the scan does find references
    missing = sorted((where, ref) for where, ref in named if not (ROOT / ref).exists() and not (ROOT / "src" / "zhpub" / ref).exists())
    assert missing == []


def test_the_errata_format_error_points_at_existing_documentation(tmp_path):
    import pytest

    from zhpub.errors import ZhpubError
    from zhpub.text.errata import load_errata

    path = tmp_path / "errata.yaml"
    path.write_text("corrupted: x\n", encoding="utf-8")
    with pytest.raises(ZhpubError) as caught:
        load_errata(path)
    refs = FILE_REF.findall(str(caught.value))
    assert refs and all((ROOT / r).exists() for r in refs), str(caught.value)


# --- item 2: one policy for what blocks a build, the same in `check` and `build` ---

def _project(tmp_path):
    from conftest import copy_project

    return copy_project(tmp_path / "p")


def test_a_missing_english_indicator_name_warns_in_check_and_build_alike(tmp_path):
    from test_bad_input import zhpub

    from zhpub.build import build_all

    project = _project(tmp_path)
    names = project / "glossary" / "indicator-names.yaml"
    names.write_text(names.read_text(encoding="utf-8").replace("一般公共预算收入: general public budget revenue\n", ""),
                     encoding="utf-8")
    check = zhpub("check", cwd=project)
    assert check.returncode == 0, check.stdout
    warning = [l for l in check.stderr.splitlines() if "'一般公共预算收入'" in l]
    assert warning and warning[0].startswith("zhpub: warning: ") and "no English" in warning[0]
    warnings = build_all(project, {"data"})
    assert any("'一般公共预算收入'" in w for w in warnings)  # the same warning, and the build went on
    assert (project / "build" / "data" / "zhenjiang-2022.json").exists()


def test_what_check_reports_as_an_error_blocks_the_build_with_every_error_named(tmp_path):
    import shutil

    import pytest
    from conftest import SHIPPED
    from test_glossary import GOOD

    from zhpub.build import build_all
    from zhpub.checks import check_project
    from zhpub.errors import ZhpubError

    project = _project(tmp_path)
    (project / "content" / "zhenjiang-2022" / "errata.yaml").unlink()  # several spans left garbled
    with (project / "glossary" / "national.yaml").open("a", encoding="utf-8") as f:  # and a term found nowhere
        f.write("\n" + GOOD.replace("放管服", "放管用").replace("fàng guǎn fú", "fàng guǎn yòng"))
    errors, notes = check_project(project)
    assert sum("content/zhenjiang-2022/source.txt:" in e for e in errors) >= 2
    unused = "glossary term '放管用' occurs in no document"
    assert not any(unused in e for e in errors) and any(unused in n for n in notes)  # a warning, in both commands
    with pytest.raises(ZhpubError) as caught:
        build_all(project, {"data"})
    assert all(e in str(caught.value) for e in errors) and unused not in str(caught.value)
    assert not (project / "build" / "data").exists()
    shutil.copy(SHIPPED / "errata.yaml", project / "content" / "zhenjiang-2022" / "errata.yaml")
    assert check_project(project)[0] == []
    assert any(unused in w for w in build_all(project, {"data"}))  # builds, with the same warning


# --- item 3: protected names are converted as names ---

def _document_with_names(tmp_path, names_yaml: str, speaker: str, mention: str):
    from conftest import DATA

    from zhpub.content import ContentFolder, load_document

    folder = tmp_path / "content" / "names-test"
    folder.mkdir(parents=True)
    text = (DATA / "fixtures" / "qinghe-county-2023.clean.txt").read_text(encoding="utf-8")
    text = text.replace("县长　林晓明", f"县长　{speaker}", 1).replace("各位代表：", f"各位代表：\n\n{mention}", 1)
    (folder / "source.txt").write_text(text, encoding="utf-8")
    (folder / "document.yaml").write_text(names_yaml, encoding="utf-8")
    return load_document(ContentFolder(folder))


def test_a_protected_name_is_converted_as_a_name_not_left_simplified(tmp_path):
    doc = _document_with_names(tmp_path, "names: [许昆林, 于洪涛]\n", "许昆林", "省长许昆林和于洪涛同志出席会议。")
    speaker = doc.block("speaker").text["hant"]
    assert speaker.endswith("許昆林") and "许" not in speaker
    mention = next(b.text["hant"] for b in doc.blocks if "出席會議" in b.text["hant"])
    assert "省長許昆林" in mention  # the Traditional edition, not 省長许昆林
    assert "于洪濤" in mention and "於洪濤" not in mention  # the surname 于 is not the preposition 於
    assert doc.meta["speaker"] == "许昆林"  # the Simplified edition keeps the name as written


def test_the_metadata_converts_the_speaker_and_protected_names_as_names(tmp_path):
    """The metadata box, the PDF cover and the citations say 于洪濤 (the surname), as the text does, not 於洪濤."""
    from zhpub.knowledge.glossary import Glossary
    from zhpub.render.citation import citation_files, head, paragraph_citations
    from zhpub.render.print_html import print_html
    from zhpub.render.site import SiteRenderer

    doc = _document_with_names(tmp_path, "names: [于洪涛]\nvenue: 于洪涛同志主持的会议\n", "于洪涛", "于洪涛同志出席。")
    assert doc.meta["speaker"] == "于洪涛" and doc.block("speaker").text["hant"].endswith("于洪濤")
    site = SiteRenderer([doc], Glossary([]), "hant", "", tmp_path)
    meta = dict(site._meta_rows(doc))
    assert meta[site.t("speaker")].endswith("于洪濤") and meta[site.t("venue")].startswith("于洪濤")
    cover = print_html(doc, Glossary([]), "hant", "2026-12-01", tmp_path)
    assert "于洪濤" in cover and "於洪濤" not in cover
    machine = "".join(citation_files(doc).values()) + json.dumps(head(doc, "hant", "", "x.pdf"), ensure_ascii=False)
    assert "于洪濤" in machine and "於洪濤" not in machine
    cited = paragraph_citations(doc, doc.blocks[-1], "hant", "https://example.org/", "2026-12-01")
    assert "於洪濤" not in json.dumps(cited, ensure_ascii=False)


def test_a_name_can_be_given_its_traditional_form_by_hand(tmp_path):
    doc = _document_with_names(tmp_path, "names:\n  - 林晓明: 林曉明\n  - 李干杰: 李幹傑\n", "林晓明", "李干杰同志出席。")
    assert doc.block("speaker").text["hant"].endswith("林曉明")
    assert any("李幹傑同志" in b.text["hant"] for b in doc.blocks)


def test_a_names_entry_that_is_neither_a_name_nor_a_pair_is_an_error(tmp_path):
    import pytest

    from zhpub.errors import ZhpubError

    with pytest.raises(ZhpubError) as caught:
        _document_with_names(tmp_path, "names:\n  - [许昆林]\n", "许昆林", "")
    assert "document.yaml:1" in str(caught.value) and "names" in str(caught.value)
    assert "document.schema.json" in str(caught.value)  # the hint names where the shape is declared


def test_name_to_traditional_uses_the_surname_form():
    from zhpub.text.convert import name_to_traditional

    assert name_to_traditional("范明") == "范明"  # not 範明
    assert name_to_traditional("许昆林") == "許昆林"
    assert name_to_traditional("钟山") == "鍾山"  # OpenCC's reading of 钟 alone is the surname's


# --- item 6: indicators from PDF-extracted text, and the year of a date in Chinese numerals ---

QINGHE_SUBTITLE = "——2023年1月10日在清河县第十八届人民代表大会第三次会议上"


def _qinghe(subtitle: str = QINGHE_SUBTITLE, replace: tuple[str, str] = ("", "")):
    from conftest import DATA

    from zhpub.pipeline import build_document

    text = (DATA / "fixtures" / "qinghe-county-2023.clean.txt").read_text(encoding="utf-8")
    assert QINGHE_SUBTITLE in text and replace[0] in text
    text = text.replace(QINGHE_SUBTITLE, subtitle).replace(*replace)
    return build_document("qinghe-county-2023", text.encode(), "source.txt")  # no document.yaml


@pytest.mark.parametrize("subtitle, date", [
    ("——二〇二三年一月十日在清河县第十八届人民代表大会第三次会议上", "2023-01-10"),
    ("——二○二三年一月十日在清河县第十八届人民代表大会第三次会议上", "2023-01-10"),  # ○ typed for 〇
    ("——二〇二三年一月在清河县第十八届人民代表大会第三次会议上", None),  # no day: no date, but the year
])
def test_a_date_in_chinese_numerals_gives_the_periods(subtitle, date):
    from zhpub.knowledge.indicators import extract

    doc = _qinghe(subtitle)
    assert doc.meta.get("date") == date
    assert doc.meta["venue"] == "清河县第十八届人民代表大会第三次会议"
    periods = {(i.kind, i.period) for i in extract(doc)}
    assert periods == {("result-year", "2022"), ("target-year", "2023")}


def test_a_document_that_gives_no_year_gets_no_period_rather_than_a_wrong_one():
    from zhpub.knowledge.indicators import extract

    doc = _qinghe("——在清河县第十八届人民代表大会第三次会议上")
    found = extract(doc)
    assert found and {i.period for i in found} == {""}


def test_spaces_inside_figures_from_pdf_text_are_read_through():
    from zhpub.knowledge.indicators import extract_block

    clean = extract_block("全年实现地区生产总值675亿元、增长5.2%，一般公共预算收入38亿元、增长6.1%。")
    spaced_text = "全年实现地区生产总值675 亿元、 增长5.2%，一般公共预算收入38 亿元、增长 6.1 %。"
    spaced = extract_block(spaced_text)
    fields = lambda rows: [(f.name, f.comparison, f.value, f.unit) for f in rows]
    assert fields(spaced) == fields(clean)
    assert fields(clean)[2] == ("一般公共预算收入", "", 38, "亿元")
    # offsets still point into the text as given, spaces included
    assert [spaced_text[f.start:f.end] for f in spaced] == ["实现地区生产总值675 亿元", "增长5.2%", "一般公共预算收入38 亿元", "增长 6.1 %"]


def test_spaced_figures_in_a_whole_document():
    from zhpub.knowledge.indicators import extract

    plain = {(i.block, i.name, i.value, i.unit) for i in extract(_qinghe())}
    doc = _qinghe(replace=("一般公共预算收入28.6亿元、增长6.2%", "一般公共预算收入28.6 亿元、 增长 6.2%"))
    spaced = {(i.block, i.name, i.value, i.unit) for i in extract(doc)}
    assert spaced == plain
    assert any(i.name == "一般公共预算收入" and i.value == 28.6 and i.phrase.endswith("28.6 亿元") for i in extract(doc))


# --- item 7: `zhpub new SLUG SOURCE` ---

def test_new_starts_a_document_from_a_scrape(tmp_path):
    import yaml
    from conftest import DATA
    from test_bad_input import zhpub

    from zhpub.content import ContentFolder, load_document

    project = _project(tmp_path)
    scrape = tmp_path / "downloaded.txt"
    text = (DATA / "fixtures" / "qinghe-county-2023.clean.txt").read_text(encoding="utf-8")
    scrape.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))  # BOM and CRLF, as downloaded
    result = zhpub("new", "qinghe-county-2023", str(scrape), cwd=project)
    assert result.returncode == 0, result.stderr
    folder = project / "content" / "qinghe-county-2023"
    assert (folder / "source.txt").read_bytes() == scrape.read_bytes()  # byte for byte
    meta = yaml.safe_load((folder / "document.yaml").read_text(encoding="utf-8"))
    assert meta["date"] == "2023-01-10" and meta["venue"] == "清河县第十八届人民代表大会第三次会议"
    assert meta["speaker"] == "林晓明" and meta["speaker_role"] == "县长" and meta["names"] == ["林晓明"]
    assert "# licence:" in (folder / "document.yaml").read_text(encoding="utf-8")  # what is left to fill in
    doc = load_document(ContentFolder(folder))  # the file it wrote loads as a document
    assert doc.meta["speaker"] == "林晓明" and doc.block("speaker").text["hant"].endswith("林曉明")
    out = result.stdout
    assert "left to do" in out and "fill in:" in out and "title_en" in out
    assert "zhpub ids qinghe-county-2023 --record" in out
    assert zhpub("check", "qinghe-county-2023", cwd=project).returncode == 0


def test_new_refuses_an_existing_slug_and_a_bad_file_and_writes_nothing(tmp_path):
    from test_bad_input import one_line_error, zhpub

    project = _project(tmp_path)
    scrape = tmp_path / "scrape.txt"
    scrape.write_bytes(b"")
    before = sorted(p.name for p in (project / "content").iterdir())
    assert "exists" in one_line_error(zhpub("new", "zhenjiang-2022", str(scrape), cwd=project))
    assert "empty" in one_line_error(zhpub("new", "qinghe-2023", str(scrape), cwd=project)).lower()
    assert "not a slug" in one_line_error(zhpub("new", "Qinghe 2023", str(scrape), cwd=project))
    assert sorted(p.name for p in (project / "content").iterdir()) == before


# --- item 4: what an explanation says of one document belongs to that document's notes ---

def test_a_shared_explanation_that_speaks_of_one_document_is_refused(tmp_path):
    from test_glossary import GOOD, write

    from zhpub.errors import ZhpubError
    from zhpub.knowledge.glossary import load_glossary

    for old, new, lang_line in (
        ("Cutting red tape, combining delegation with regulation, improving services.",
         "Cutting red tape; the Zhenjiang report uses it as a heading.", 8),
        ("简政放权、放管结合、优化服务。", "简政放权、放管结合、优化服务。本报告以此为题。", 7),
    ):
        (tmp_path / f"g{lang_line}").mkdir()
        folder = write(tmp_path / f"g{lang_line}", "national.yaml", GOOD.replace(old, new))
        with pytest.raises(ZhpubError) as caught:
            load_glossary(folder)
        assert f"national.yaml:{lang_line}:" in str(caught.value) and "speaks of one document" in str(caught.value)
        assert "glossary-notes.yaml" in str(caught.value)
    # a general statement about reports of the genre is not about one document
    (tmp_path / "general").mkdir()
    folder = write(tmp_path / "general", "national.yaml",
                   GOOD.replace("improving services.", "improving services; work reports often cite it."))
    assert load_glossary(folder).terms


def _two_documents_sharing_a_term(tmp_path):
    """The shipped report (which has a note on 经济强) and another that uses 经济强 and has no note."""
    from conftest import DATA

    from zhpub.content import ContentFolder, load_document

    project = _project(tmp_path)
    other = project / "content" / "qinghe-county-2023"
    other.mkdir()
    text = (DATA / "fixtures" / "qinghe-county-2023.clean.txt").read_text(encoding="utf-8")
    text = text.replace("各位代表：", "各位代表：\n\n我们坚持建设“经济强、百姓富、环境美、社会文明程度高”的新江苏。", 1)
    (other / "source.txt").write_text(text, encoding="utf-8")
    return project, [load_document(ContentFolder(project / "content" / s)) for s in ("qinghe-county-2023", "zhenjiang-2022")]


def test_a_document_note_is_shown_with_that_document_only(tmp_path):
    from zhpub.content import load_project_glossary
    from zhpub.render.print_html import print_html
    from zhpub.render.site import SiteRenderer

    project, (other, shipped) = _two_documents_sharing_a_term(tmp_path)
    note = shipped.glossary_notes["经济强"]["zh"]
    assert any(h.term == "经济强" for h in other.glossary_hits) and other.glossary_notes == {}
    glossary = load_project_glossary(project)
    assert note in print_html(shipped, glossary, "hans", "2022-03-07", project)
    other_pdf = print_html(other, glossary, "hans", "2023-01-10", project)
    assert 'id="g-jing-ji-qiang"' in other_pdf and note not in other_pdf  # the entry, without the other report's note
    page = SiteRenderer([other, shipped], glossary, "hans", project_root=project).glossary_page().markdown
    entry = page[page.index('id="jing-ji-qiang"'):]
    entry = entry[: entry.index("</section>")]
    assert note in entry and entry.count('class="zh-doc-note"') == 1 and "2022年镇江市政府工作报告" in entry
    general = next(t for t in glossary.terms if t.headword == "经济强").explanation
    assert "镇江" not in general["zh"] and "Zhenjiang" not in general["en"]


def test_a_note_on_a_term_the_document_does_not_use_is_an_error(tmp_path):
    from zhpub.content import ContentFolder, load_document
    from zhpub.errors import ZhpubError

    project, (other, _) = _two_documents_sharing_a_term(tmp_path)
    notes = project / "content" / "qinghe-county-2023" / "glossary-notes.yaml"
    assert not any(h.term == "四群八链" for h in other.glossary_hits)
    for text, what in (("- term: 不存在\n  zh: x\n  en: x\n", "no glossary headword"),
                       ("- term: 四群八链\n  zh: x\n  en: x\n", "does not occur in this document"),
                       ("- term: 经济强\n  zh: x\n", "en must be non-empty text")):
        notes.write_text(text, encoding="utf-8")
        with pytest.raises(ZhpubError) as caught:
            load_document(ContentFolder(project / "content" / "qinghe-county-2023"))
        assert "glossary-notes.yaml:1" in str(caught.value) and what in str(caught.value)


def test_a_build_shows_a_few_warnings_of_each_kind_and_points_to_check(capsys):
    """Fourteen reports have hundreds of indicator names without English: the build names a few, check lists all."""
    from zhpub.cli import SHOWN_PER_KIND, print_warnings

    names = [f"glossary/indicator-names.yaml: no English for indicator name '名{i}' (ind-s1-p{i}-1 in d)" for i in range(9)]
    print_warnings([*names, "glossary term '放管用' occurs in no document"])
    err = capsys.readouterr().err.splitlines()
    assert err[:SHOWN_PER_KIND] == [f"zhpub: warning: {n}" for n in names[:SHOWN_PER_KIND]]
    assert "4 more like these" in err[SHOWN_PER_KIND] and "zhpub check" in err[SHOWN_PER_KIND]
    assert err[-1] == "zhpub: warning: glossary term '放管用' occurs in no document"
    print_warnings(names[:2])
    assert len(capsys.readouterr().err.splitlines()) == 2  # nothing summarised when all are shown
