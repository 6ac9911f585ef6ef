"""`zhpub errata DOC --accept LINE:COL=N`, in process: the shipped report's three accepted readings are written again
from an empty errata file, entry for entry as the curator's file holds them, and every way to get it wrong is refused
with the place named and the file left as it was."""

from __future__ import annotations

import shutil

import pytest
import yaml

from conftest import SHIPPED
from zhpub.errors import ZhpubError
from zhpub.pipeline import normalise_text
from zhpub.text.errata import _yaml_string, accept_reading, load_errata, unique_span

ACCEPTED = [(51, 141), (129, 540), (163, 416)]  # the places `zhpub errata zhenjiang-2022` lists (test_pipeline_shipped)


@pytest.fixture
def folder(tmp_path):
    shutil.copy(SHIPPED / "source.txt", tmp_path / "source.txt")
    return tmp_path


def test_accepting_the_first_readings_writes_the_shipped_errata(folder):
    source, errata = folder / "source.txt", folder / "errata.yaml"
    for line, column in ACCEPTED:
        entry = accept_reading(source, errata, line, column)
        assert entry.strip() in errata.read_text(encoding="utf-8")
    written = yaml.safe_load(errata.read_text(encoding="utf-8"))
    shipped = yaml.safe_load((SHIPPED / "errata.yaml").read_text(encoding="utf-8"))
    assert [(e["corrupted"], e["correction"]) for e in written] == [(e["corrupted"], e["correction"]) for e in shipped]
    for (line, column), entry in zip(ACCEPTED, written):
        assert entry["reason"].startswith(f"reading 1 of ") and f"--accept {line}:{column}=1" in entry["reason"]
    # the errata now resolve every span: no problem is left, and each correction is in the text
    result = normalise_text(source.read_bytes(), str(source), load_errata(errata))
    assert result.problems == []


def test_a_later_reading_is_written_as_chosen(folder):
    source, errata = folder / "source.txt", folder / "errata.yaml"
    accept_reading(source, errata, 51, 141, choice=2)
    (entry,) = yaml.safe_load(errata.read_text(encoding="utf-8"))
    assert entry["correction"] == "保基礎" and entry["reason"].startswith("reading 2 of 79 ")


def test_a_second_accept_appends_and_keeps_what_was_there(folder):
    source, errata = folder / "source.txt", folder / "errata.yaml"
    errata.write_text("# the curator's note stays\n", encoding="utf-8")
    accept_reading(source, errata, 51, 141)
    accept_reading(source, errata, 129, 540)
    text = errata.read_text(encoding="utf-8")
    assert text.startswith("# the curator's note stays\n\n- corrupted: ")
    assert text.count("- corrupted:") == 2 and not list(folder.glob(".errata-*"))  # no temporary file left


def test_an_errata_file_of_blank_lines_is_replaced_by_the_entry(folder):
    source, errata = folder / "source.txt", folder / "errata.yaml"
    errata.write_text("\n\n", encoding="utf-8")
    entry = accept_reading(source, errata, 51, 141)
    assert errata.read_text(encoding="utf-8") == entry.lstrip("\n") and entry.startswith("\n- corrupted: ")


@pytest.mark.parametrize("place,choice,message", [
    ((51, 142), 1, "no span with ranked readings starts here"),  # one column off
    ((51, 141), 0, "there are 79 reading(s) of this span"),
    ((51, 141), 80, "there are 79 reading(s) of this span"),
])
def test_a_wrong_place_or_choice_is_refused_and_changes_nothing(folder, place, choice, message):
    source, errata = folder / "source.txt", folder / "errata.yaml"
    with pytest.raises(ZhpubError) as error:
        accept_reading(source, errata, *place, choice=choice)
    assert error.value.message == message
    assert (error.value.location.line, error.value.location.column) == place
    assert not errata.exists()


def test_an_accepted_span_is_no_longer_offered(folder):
    source, errata = folder / "source.txt", folder / "errata.yaml"
    accept_reading(source, errata, 163, 416)
    with pytest.raises(ZhpubError, match="no span with ranked readings starts here"):
        accept_reading(source, errata, 163, 416)
    assert errata.read_text(encoding="utf-8").count("- corrupted:") == 1


def test_a_scrape_saved_with_a_bom_and_windows_line_ends_accepts_the_same_reading(folder):
    """Errata match the decoded text (BOM dropped, line ends normalised), so the span is found there, not at its
    offset in the file's characters, which a BOM and every \\r before it would shift."""
    source, errata = folder / "source.txt", folder / "errata.yaml"
    plain = accept_reading(source, errata, 51, 141)
    windows = folder / "windows" / "source.txt"
    windows.parent.mkdir()
    windows.write_bytes(b"\xef\xbb\xbf" + source.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    assert accept_reading(windows, windows.parent / "errata.yaml", 51, 141) == plain
    result = normalise_text(windows.read_bytes(), str(windows), load_errata(windows.parent / "errata.yaml"))
    assert (51, 141) not in [(p.line, p.column) for p in result.problems]


def test_a_span_broken_over_two_lines_is_refused_at_its_place(folder):
    """The line break inside the garbled span is rejoined before the mojibake stage sees it, so the span as the
    curator would copy it is not what was read: refused, naming the line and column, and nothing is written."""
    source, errata = folder / "source.txt", folder / "errata.yaml"
    lines = source.read_text(encoding="utf-8").split("\n")
    assert lines[50][140:142] == "?;"
    lines[50] = lines[50][:142] + "\n" + lines[50][142:]
    source.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        accept_reading(source, errata, 51, 141)
    assert error.value.message == "the span was changed by an earlier stage; write this erratum by hand"
    assert (error.value.location.path, error.value.location.line, error.value.location.column) == (str(source), 51, 141)
    assert not errata.exists()


def test_the_entry_shows_unreadable_characters_as_escapes():
    assert _yaml_string("?;\ue2a6A") == '"?;\\ue2a6A"'  # private use, as the source holds it
    assert _yaml_string("a\x07b") == '"a\\u0007b"'  # a control character
    assert _yaml_string('说"明') == '"说\\"明"'  # JSON quoting, so YAML reads it back
    assert yaml.safe_load(_yaml_string("?;\ue2a6A")) == "?;\ue2a6A"


@pytest.mark.parametrize("text,span,widened", [
    ("甲乙丙\n丁乙戊", (1, 2), (0, 2)),  # 乙 twice: one character of context to the left makes it unique
    ("乙丙\n乙戊", (0, 1), (0, 2)),  # at the line's start: widen to the right
    ("甲乙\n甲乙", (1, 2), (0, 2)),  # the whole line occurs twice: stop at the line's edges
    ("甲乙丙", (1, 2), (1, 2)),  # already unique
    ("甲丙\n乙戊乙", (3, 4), (3, 5)),  # at a line's start after another line: widen right, never over the break
    ("甲\n乙丙\n丁丙", (3, 4), (2, 4)),  # one character into its line: the character before it is context
    ("乙\n甲乙", (3, 4), (2, 4)),  # at the text's end: widen to the left
    ("乙\n乙", (2, 3), (2, 3)),  # a whole last line that occurs twice: nothing to widen by
])
def test_an_erratum_span_is_widened_within_its_line_until_it_is_unique(text, span, widened):
    assert unique_span(text, *span) == widened


# --- errata a curator writes by hand: each mistake refused at its entry's line, naming the file ---

TEXT = "坚持稳中求进，推进高质量发展。\n扩大有效需求，推进高质量发展。\n"


def errata_file(tmp_path, *entries: tuple[str, str]):
    path = tmp_path / "errata.yaml"
    path.write_text("".join(f"- corrupted: {c}\n  correction: {r}\n  reason: 读过原件\n" for c, r in entries), encoding="utf-8")
    return path


@pytest.mark.parametrize("entries,message,line", [
    ([("稳中求进", "稳中求进")], "the correction equals the corrupted span", 1),
    ([("推进高质量发展", "推动高质量发展")], "corrupted span occurs more than once in the source", 1),
    # reported at the entry whose span comes later in the text, naming the other
    ([("稳中求进", "稳中有进"), ("坚持稳中", "坚持")], "this erratum overlaps the one at line 4", 1),
    ([("扩大有效需求", "扩大内需"), ("稳中求进", "稳中有进"), ("求进，推进", "求进，推动")], "this erratum overlaps the one at line 4", 7),
])
def test_a_bad_erratum_is_refused_at_its_line(tmp_path, entries, message, line):
    from zhpub.text.errata import apply_errata

    path = errata_file(tmp_path, *entries)
    with pytest.raises(ZhpubError) as error:
        apply_errata(TEXT, load_errata(path))
    assert error.value.message == message
    assert (error.value.location.path, error.value.location.line) == (str(path), line)


def test_errata_are_applied_where_their_span_is(tmp_path):
    from zhpub.text.errata import apply_errata

    stage = apply_errata(TEXT, load_errata(errata_file(tmp_path, ("扩大有效需求", "扩大内需"), ("稳中求进", "稳中有进"))))
    assert stage.text == "坚持稳中有进，推进高质量发展。\n扩大内需，推进高质量发展。\n"
    assert [(c.rule, c.start, c.before, c.after, c.note) for c in stage.changes] == [  # the site's and the PDF's
        ("errata", 2, "稳中求进", "稳中有进", "读过原件"), ("errata", 16, "扩大有效需求", "扩大内需", "读过原件")]  # errata list


def test_an_errata_file_that_breaks_its_schema_is_named(tmp_path):
    path = tmp_path / "errata.yaml"
    path.write_text("- corrupted: 稳中求进\n  reason: 读过原件\n", encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        load_errata(path)
    assert error.value.location.path == str(path) and "correction" in str(error.value)


@pytest.mark.parametrize("corrupted,correction,message", [
    ("鎮?江", "镇江", "errata.yaml:3:5: corrupted span not found in the source (copy it exactly from source.txt, or delete "
                    "the entry if the source no longer has it)"),
    ("发展", "發展", "errata.yaml:3:5: corrupted span occurs more than once in the source (include a few characters of "
                   "context so it is unique)"),
])
def test_an_erratum_that_does_not_name_one_span_says_what_to_do(corrupted, correction, message):
    from zhpub.errors import Location
    from zhpub.text.errata import Erratum, apply_errata

    with pytest.raises(ZhpubError) as error:
        apply_errata("推进高质量发展，促进共同发展。", [Erratum(corrupted, correction, "why", Location("errata.yaml", 3, 5))])
    assert str(error.value) == message


def test_overlapping_errata_are_refused_with_both_lines_named():
    from zhpub.errors import Location
    from zhpub.text.errata import Erratum, apply_errata

    errata = [Erratum("高质量", "高質量", "a", Location("errata.yaml", 2, 3)), Erratum("质量发", "質量發", "b", Location("errata.yaml", 6, 3))]
    with pytest.raises(ZhpubError) as error:
        apply_errata("推进高质量发展。", errata)
    assert str(error.value) == "errata.yaml:6:3: this erratum overlaps the one at line 2 (merge them into one entry)"
    # apart, both apply, in the order of the text, each recorded as an erratum with its reason
    stage = apply_errata("推进高质量发展。", [errata[1], Erratum("推进", "推進", "c", Location("errata.yaml", 9, 3))])
    assert stage.text == "推進高質量發展。" and [(c.rule, c.note) for c in stage.changes] == [("errata", "c"), ("errata", "b")]
