"""The edit matrix: insert, delete, swap, revise, small edit, indicator add and drop, source replaced. After every
edit, either each published id names the words it named before, or the build fails naming the id with the
command that records the decision, and after that command the change is on record (revisions page, export).

The edits are made to the shipped report's source.txt (Traditional, with pinyin, as scraped), so they go
through the whole pipeline; the expected ids come from the published manifest, not from the code under test.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil

import pytest

from conftest import GOLDEN, copy_project
from test_bad_input import zhpub
from zhpub import content
from zhpub.build import build_all
from zhpub.content import ContentFolder, load_document
from zhpub.errors import ZhpubError
from zhpub.manifest import read_manifest

SLUG = "zhenjiang-2022"
NEW_PARAGRAPH = "——厚植开放优势，在更高层次拓展合作空间。对外开放水平持续提升，营商环境进一步优化，开放型经济新体制基本形成。"


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "p")


def folder(project):
    return project / "content" / SLUG


def load(project):
    content._load_cached.cache_clear()
    return load_document(ContentFolder(folder(project)))


def published(project) -> dict[str, str]:
    """What each live id named when it was last recorded (the manifest, not the code that aligns)."""
    return {e.id: e.text for e in read_manifest(folder(project) / "published-ids.jsonl").entries if not e.retired}


def names(doc) -> dict[str, str]:
    return {b.id: b.text["hans"] for b in doc.blocks} | {i.id: i.phrase for i in doc.indicators}


def assert_no_id_names_other_words(before: dict[str, str], doc, revised: set[str] = frozenset()) -> None:
    now = names(doc)
    for id_, text in now.items():
        if id_ in before and id_ not in revised:
            assert text == before[id_], f"{id_} now names other words"


def edit_lines(project, change) -> None:
    """Change source.txt as a list of lines (paragraphs are lines, blank lines between)."""
    path = folder(project) / "source.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    change(lines)
    path.write_text("\n".join(lines), encoding="utf-8")


def line(project, id_: str) -> int:
    """Index in source.txt of the block's first line (from the current document)."""
    return load(project).block(id_).source_line - 1


def command_in(message: str) -> list[str]:
    """The `zhpub ids …` command an error tells the user to run."""
    found = re.findall(r"`(zhpub ids [^`]+)`", message)
    assert found, message
    return shlex.split(found[0])[1:]


def run_ids(project, args: list[str]):
    result = zhpub(*args, cwd=project)
    content._load_cached.cache_clear()
    return result


def build_fails(project, *expected: str) -> str:
    with pytest.raises(ZhpubError) as error:
        build_all(project, {"data"})
    for text in expected:
        assert text in str(error.value)
    return str(error.value)


def revisions(project) -> dict:
    build_all(project, {"data"})
    return json.loads((project / "build" / "data" / f"{SLUG}.revisions.json").read_text(encoding="utf-8"))


# --- the matrix -------------------------------------------------------------------------------------------------

def test_insert_gets_a_new_id_and_every_other_id_keeps_its_words(project):
    before = published(project)
    at = line(project, "s2-p11")
    edit_lines(project, lambda lines: lines.__setitem__(slice(at, at), [NEW_PARAGRAPH, ""]))
    doc = load(project)
    assert doc.id_errors == []
    assert doc.ids[doc.ids.index("s2-p10") + 1] == "s2-p10a" and doc.block("s2-p10a").text["hans"] == NEW_PARAGRAPH
    assert_no_id_names_other_words(before, doc)
    assert "s2-p10a" not in before
    assert run_ids(project, ["ids", SLUG, "--record"]).returncode == 0
    assert [(c["kind"], c["id"]) for c in revisions(project)["changes"]] == [("added", "s2-p10a")]


def test_insert_before_the_first_paragraph_of_a_part(project):
    before = published(project)
    at = line(project, "s2-p1")
    edit_lines(project, lambda lines: lines.__setitem__(slice(at, at), [NEW_PARAGRAPH, ""]))
    doc = load(project)
    assert doc.id_errors == [] and doc.ids[doc.ids.index("s2") + 1] == "s2-p0a"
    assert_no_id_names_other_words(before, doc)


def test_delete_fails_naming_the_id_and_its_retire_command_leaves_a_redirect(project):
    before = published(project)
    at = line(project, "s2-p11")
    edit_lines(project, lambda lines: lines.__delitem__(slice(at, at + 2)))
    message = build_fails(project, "'s2-p11' is gone", "——厚植民生福祉", "published-ids.jsonl:")
    command = command_in(message)
    assert command == ["ids", SLUG, "--retire", "s2-p11->s2-p12"]
    assert_no_id_names_other_words(before, load(project))
    assert run_ids(project, command).returncode == 0
    doc = load(project)
    assert doc.id_errors == [] and "s2-p11" not in doc.ids
    assert_no_id_names_other_words(before, doc)
    record = revisions(project)
    assert record["redirects"] == {"s2-p11": "s2-p12"}
    assert [(c["kind"], c["id"], c["target"]) for c in record["changes"]] == [("retired", "s2-p11", "s2-p12")]
    from zhpub.content import load_project_glossary
    from zhpub.render.site import SiteRenderer

    page = SiteRenderer([doc], load_project_glossary(project), "hans").document(doc).markdown
    anchor = page.index('id="s2-p11" data-moved-to="#s2-p12"')
    assert anchor < page.index('id="s2-p12"') and page.index('id="s2-p10"') < anchor


def test_swap_keeps_both_ids_with_their_words(project):
    before = published(project)
    a, b = line(project, "s2-p8"), line(project, "s2-p9")

    def swap(lines):
        lines[a], lines[b] = lines[b], lines[a]

    edit_lines(project, swap)
    doc = load(project)
    assert doc.id_errors == [] and doc.id_changes == []
    assert doc.ids.index("s2-p9") < doc.ids.index("s2-p8")
    assert_no_id_names_other_words(before, doc)
    build_all(project, {"data"})


REVISED = "——厚植安全理念，在更高层次增强治理效能。防范化解重大风险体制机制不断健全，全市上下共同守住安全底线，数字镇江建设框架基本构建，社会治理水平明显提高。"


@pytest.mark.parametrize("decision", ["accept", "retire"])
def test_revise_fails_until_it_is_accepted_or_the_old_id_retired(project, decision):
    before = published(project)
    at = line(project, "s2-p12")
    edit_lines(project, lambda lines: lines.__setitem__(at, REVISED))
    message = build_fails(project, "text of published id 's2-p12' changed", "was «", "is now «")
    accept = command_in(message)
    retire = shlex.split(re.findall(r"`(zhpub ids [^`]+)`", message)[1])[1:]
    assert accept == ["ids", SLUG, "--accept", "s2-p12=revised"]
    assert retire[:3] == ["ids", SLUG, "--retire"] and retire[3].startswith("s2-p12->")
    assert run_ids(project, accept if decision == "accept" else retire).returncode == 0
    doc = load(project)
    assert doc.id_errors == []
    record = revisions(project)
    if decision == "accept":
        assert doc.block("s2-p12").text["hans"] == REVISED
        assert_no_id_names_other_words(before, doc, revised={"s2-p12"})
        (change,) = record["changes"]
        assert (change["kind"], change["id"], change["new"]) == ("revised", "s2-p12", REVISED)
        assert change["old"] == before["s2-p12"]
        removed = "".join(t for op, t in change["marks"] if op == "-")
        added = "".join(t for op, t in change["marks"] if op == "+")
        assert "全市上下共同守住安全底线" in added and "政府全口径债务管理" in removed
        assert "".join(t for op, t in change["marks"] if op != "+") == before["s2-p12"]
        entry = next(e for e in read_manifest(folder(project) / "published-ids.jsonl").entries if e.id == "s2-p12")
        assert entry.revisions == [{"text": before["s2-p12"], "replaced_in": 2}]
    else:
        new_id = retire[3].split("->")[1]
        assert doc.block(new_id).text["hans"] == REVISED and "s2-p12" not in doc.ids
        assert_no_id_names_other_words(before, doc)
        assert record["redirects"] == {"s2-p12": new_id}


def test_a_small_edit_keeps_the_id_and_shows_on_the_revisions_page(project):
    before = published(project)
    at = line(project, "s2-p12")
    original = load(project).block("s2-p12").text["hans"]
    # one character: 安全理念 -> 安全观念 (in the scraped Traditional: 理念 -> 觀念)
    edit_lines(project, lambda lines: lines.__setitem__(at, lines[at].replace("理念", "觀念", 1)))
    doc = load(project)
    assert doc.id_errors == []
    assert doc.block("s2-p12").text["hans"] == original.replace("理念", "观念", 1)
    assert [(c.kind, c.id) for c in doc.id_changes] == [("edited", "s2-p12")]
    assert_no_id_names_other_words(before, doc, revised={"s2-p12"})
    record = revisions(project)
    (change,) = record["changes"]
    assert change["recorded"] is False and change["kind"] == "revised"
    assert [t for op, t in change["marks"] if op != "="] == ["理", "观"]
    result = zhpub("check", SLUG, cwd=project)
    assert "s2-p12 has a small edit" in result.stderr


def corrections(project, text: str) -> None:
    path = folder(project) / "indicators.yaml"
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_an_indicator_added_in_the_middle_gets_a_number_never_used(project):
    before = published(project)
    corrections(project, "- block: s1-p2\n  phrase: 创成国家知识产权示范城市\n"
                         "  add: {name: 国家知识产权示范城市, value: 1, unit: 个, kind: result-term}\n"
                         "  reason: a row the rules cannot see (test)\n")
    doc = load(project)
    assert doc.id_errors == []
    added = [i for i in doc.indicators if i.phrase == "创成国家知识产权示范城市"]
    assert [i.id for i in added] == ["ind-s1-p2-18"]  # positionally it would be the 16th, taking others' ids
    assert_no_id_names_other_words(before, doc)


def test_an_indicator_dropped_fails_until_it_is_retired_to_its_paragraph(project):
    before = published(project)
    corrections(project, "- block: s1-p12\n  phrase: 城镇登记失业率低于3%\n  drop: true\n  reason: test\n")
    message = build_fails(project, "'ind-s1-p12-2' is gone", "城镇登记失业率低于3%")
    command = command_in(message)
    assert command == ["ids", SLUG, "--retire", "ind-s1-p12-2->s1-p12"]
    doc = load(project)
    assert [i.id for i in doc.indicators if i.block == "s1-p12"] == [
        "ind-s1-p12-1", "ind-s1-p12-3", "ind-s1-p12-4", "ind-s1-p12-5", "ind-s1-p12-6"]  # no shift
    assert_no_id_names_other_words(before, doc)
    assert run_ids(project, command).returncode == 0
    assert revisions(project)["redirects"] == {"ind-s1-p12-2": "s1-p12"}
    from zhpub.content import load_project_glossary
    from zhpub.render.site import SiteRenderer

    doc = load(project)
    page = SiteRenderer([doc], load_project_glossary(project), "hans").indicators(doc).markdown
    assert 'id="ind-s1-p12-2" data-moved-to="index.html#s1-p12"' in page


def test_source_replaced_by_another_copy_of_the_report(project):
    """The adopted text instead of the scrape: a clean Simplified copy, with one paragraph revised, one
    added and one removed. Every other id keeps its words; the three changes are named and, once decided,
    published as the second edition."""
    before = published(project)
    text = (GOLDEN / f"{SLUG}.zh-Hans.txt").read_text(encoding="utf-8")
    paragraphs = text.split("\n\n")
    old_p12 = before["s2-p12"]
    assert old_p12 in paragraphs and before["s3-8-p5"] in paragraphs
    paragraphs[paragraphs.index(old_p12)] = REVISED
    paragraphs.remove(before["s3-8-p5"])
    paragraphs.insert(paragraphs.index(before["s2-p11"]), NEW_PARAGRAPH)
    (folder(project) / "source.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
    (folder(project) / "errata.yaml").unlink()  # the clean copy has no corruption to correct
    doc = load(project)
    assert doc.problems == []
    messages = [str(e) for e in doc.id_errors]
    assert len(messages) == 2, messages
    assert any("'s3-8-p5' is gone" in m for m in messages) and any("'s2-p12' changed" in m for m in messages)
    assert_no_id_names_other_words(before, doc, revised={"s2-p12", "s3-8-p5"})
    commands = [command_in(str(e)) for e in doc.id_errors]
    decisions = [a for c in commands for a in c[2:]]
    assert run_ids(project, ["ids", SLUG, *decisions]).returncode == 0
    doc = load(project)
    assert doc.id_errors == []
    assert_no_id_names_other_words(before, doc, revised={"s2-p12"})
    record = revisions(project)
    assert record["edition"] == 2
    assert sorted((c["kind"], c["id"]) for c in record["changes"]) == [
        ("added", "s2-p10a"), ("retired", "s3-8-p5"), ("revised", "s2-p12")]
    assert all(c["recorded"] for c in record["changes"])
    assert set(record["redirects"]) == {"s3-8-p5"}  # the old ids stay valid


def test_first_edition_ids_are_positional(project):
    (folder(project) / "published-ids.jsonl").unlink()
    at = line(project, "s2-p11")
    edit_lines(project, lambda lines: lines.__setitem__(slice(at, at), [NEW_PARAGRAPH, ""]))
    doc = load(project)
    assert doc.id_errors == [] and doc.block("s2-p11").text["hans"] == NEW_PARAGRAPH  # nothing published yet
    assert run_ids(project, ["ids", SLUG, "--record"]).returncode == 0
    assert read_manifest(folder(project) / "published-ids.jsonl").edition == 1
    assert revisions(project)["changes"] == []


def test_garbled_text_is_never_recorded(project):
    manifest = folder(project) / "published-ids.jsonl"
    before = manifest.read_bytes()
    (folder(project) / "errata.yaml").unlink()  # four spans of mojibake stay unresolved
    result = run_ids(project, ["ids", SLUG, "--record"])
    assert result.returncode == 1 and "unresolved problem(s) in the text" in result.stderr
    assert "source.txt:51:141" in result.stderr
    assert manifest.read_bytes() == before


def test_a_hand_edited_manifest_is_refused(project):
    path = folder(project) / "published-ids.jsonl"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(k for k, l in enumerate(lines) if '"id": "s2-p11"' in l)
    lines[n] = lines[n].replace("厚植民生福祉", "厚植别的东西")
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        load(project)
    assert f"published-ids.jsonl:{n + 1}" in str(error.value) and "does not match its text" in str(error.value)


def test_the_old_manifest_format_is_converted_once(project, tmp_path):
    manifest = folder(project) / "published-ids.jsonl"
    ids = [e.id for e in read_manifest(manifest).entries]
    manifest.unlink()
    (folder(project) / "published-ids.txt").write_text("# old\n" + "\n".join(ids) + "\n", encoding="utf-8")
    assert "old format" in zhpub("check", cwd=project).stdout
    assert run_ids(project, ["ids", SLUG, "--record"]).returncode == 0
    assert not (folder(project) / "published-ids.txt").exists()
    assert manifest.read_bytes() == (copy_project(tmp_path / "fresh") / "content" / SLUG / "published-ids.jsonl").read_bytes()
    shutil.rmtree(tmp_path / "fresh")


def test_a_retired_id_opens_its_successor_in_the_browser(project, browser):
    """Deleted s2-p11, retired to s2-p12: an old citation link …#s2-p11 lands on s2-p12 and the address moves on
    to the id in force (Chromium, from file://, both scripts); the retired indicator's link reaches its paragraph."""
    at = line(project, "s2-p11")
    edit_lines(project, lambda lines: lines.__delitem__(slice(at, at + 2)))
    corrections(project, "- block: s1-p12\n  phrase: 城镇登记失业率低于3%\n  drop: true\n  reason: test\n")
    assert run_ids(project, ["ids", SLUG, "--retire", "s2-p11->s2-p12", "--retire", "ind-s1-p12-2->s1-p12"]).returncode == 0
    build_all(project, {"site"})
    site = (project / "build" / "site").as_uri()
    page = browser.new_page()
    for tag in ("zh-Hans", "zh-Hant"):
        page.goto(f"{site}/{tag}/{SLUG}/index.html#s2-p11")
        page.wait_for_function("location.hash === '#s2-p12'")
        assert page.evaluate("document.getElementById('s2-p12').textContent").startswith("——厚植安全理")
        page.goto(f"{site}/{tag}/{SLUG}/indicators.html#ind-s1-p12-2")
        page.wait_for_function("location.hash === '#s1-p12'")
        assert page.url.split("#")[0].endswith(f"/{tag}/{SLUG}/index.html")
    page.close()


def test_renamed_rows_that_share_a_phrase_keep_their_ids_in_text_order(tmp_path):
    """分别 pairs share one phrase: when the rules give both better names (进口通关时间分别压减 -> 进口通关时间), each
    keeps its id, in text order. Three rows for two entries are no pairing to guess: the build fails naming both."""
    from types import SimpleNamespace

    from zhpub.manifest import Entry, Manifest, align_indicators

    phrase = "进口、出口通关时间分别压减67%和92%"
    manifest = Manifest(tmp_path / "published-ids.jsonl", 1, [
        Entry("ind-s1-p2-1", "国内生产总值增长5%", 1, "国内生产总值"),
        Entry("ind-s1-p2-2", phrase, 1, "进口通关时间分别压减"), Entry("ind-s1-p2-3", phrase, 1, "出口通关时间分别压减")])
    rows = [SimpleNamespace(id="", block="s1-p2", phrase=p, name=n) for p, n in (
        ("国内生产总值增长5%", "国内生产总值"), (phrase, "进口通关时间"), (phrase, "出口通关时间"))]
    aligned = align_indicators(manifest, rows, "doc")
    assert aligned.ids == ["ind-s1-p2-1", "ind-s1-p2-2", "ind-s1-p2-3"] and aligned.errors == []
    assert [(c.kind, c.id, c.new) for c in aligned.changes] == [
        ("edited", "ind-s1-p2-2", "进口通关时间"), ("edited", "ind-s1-p2-3", "出口通关时间")]
    more = align_indicators(manifest, rows + [SimpleNamespace(id="", block="s1-p2", phrase=phrase, name="通关时间")], "doc")
    assert sorted(str(e).split("'")[1] for e in more.errors) == ["ind-s1-p2-2", "ind-s1-p2-3"]
