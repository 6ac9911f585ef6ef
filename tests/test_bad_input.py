"""Bad or unusual input: legacy encodings are decoded and recorded; everything else is a clear one-line error
naming the file (and line), with no traceback and no partial output."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED, child_env
from zhpub.content import ContentFolder, load_document
from zhpub.errors import ZhpubError
from zhpub.pipeline import build_document

REPORT = (SHIPPED / "source.txt").read_text(encoding="utf-8")


def zhpub(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = child_env(PYTHONPATH=str(ROOT / "src"))
    return subprocess.run([sys.executable, "-m", "zhpub", *args], cwd=cwd, capture_output=True, text=True, env=env)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [l for l in result.stderr.splitlines() if l.startswith("zhpub: error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_gb18030_scrape_is_detected_and_gives_the_same_text():
    from zhpub.pipeline import normalise_text

    utf8 = normalise_text(REPORT.encode("utf-8"), "x.txt")
    legacy = normalise_text(REPORT.encode("gb18030"), "x.gb18030.txt")
    assert legacy.encoding == "gb18030"
    assert legacy.text == utf8.text
    assert [(p.line, p.column) for p in legacy.problems] == [(p.line, p.column) for p in utf8.problems]


def test_big5_file_is_detected_and_recorded(shipped):
    # Big5 has no ∶ or Ⅲ: use the paragraphs of the Traditional edition it can hold.
    blocks = [b for b in shipped.blocks if _encodes(b.text["hant"], "big5")]
    text = "\n\n".join(b.text["hant"] for b in blocks)
    doc = build_document("x", text.encode("big5"), "x.big5.txt")
    assert doc.meta["encoding"] == "cp950"  # Big5 as Windows reads it, with the common extensions
    assert doc.text("hans") == "\n\n".join(b.text["hans"] for b in blocks)
    assert len(blocks) > 60


@pytest.mark.parametrize("text,encoding,other", [
    ("各位代表：现在，我代表市政府向大会报告工作，请予审议，并请市政协委员提出意见。", "gb18030", "cp950"),  # 跪弇測桶ㄩ…
    ("經濟運行穩中有進發展質量穩步提升請予審議高質量發展", "cp950", "gb18030"),  # 竒蕾笲︽铆い…
])
def test_bytes_that_read_cleanly_in_both_legacy_encodings_are_read_as_the_detector_guesses(text, encoding, other):
    """Both decodings are clean (no private-use character), so the detector's guess decides, and it reads the
    bytes as what they are, not as the other encoding's garble."""
    from zhpub.text.chardata import UNREADABLE_RE
    from zhpub.text.decode import decode_source

    data = text.encode(encoding)
    garble = data.decode(other)
    assert garble != text and not UNREADABLE_RE.search(garble)  # a clean decoding too
    stage, found, source = decode_source(data, "x.txt")
    assert (found, source, stage.text) == (encoding, text, text)


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def test_utf8_bom_is_removed_and_recorded():
    doc = build_document("x", "\ufeff各位代表：\n\n现在，我代表市政府向大会报告工作。\n".encode("utf-8"), "bom.txt")
    assert doc.text("hans").startswith("各位代表：")
    bom = doc.changes[0]
    assert (bom.rule, bom.before, bom.after) == ("byte-order-mark", "\ufeff", "")
    assert "byte-order mark" in bom.note  # the corrections record says why a character went


def test_windows_line_endings_are_recorded_and_reversible():
    from zhpub.pipeline import reconstruct_source

    raw = "各位代表：\r\n\r\n现在，我代表市政府向大会报告工作。\r\n"
    doc = build_document("x", raw.encode("utf-8"), "crlf.txt")
    assert reconstruct_source(doc.text("hans"), doc.changes) == raw


@pytest.mark.parametrize(
    "data,message",
    [
        (b"", "the file is empty"),
        (b"  \n\n  ", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"\xff\xfe\xfd\x80\x81" * 20, "cannot decode"),
        ("4hc44四虎www在线影院,亚洲精品国产自在现线看,精品无码AV无码专区\n返回首頁\n".encode("utf-8"), "no report text"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, data, message):
    path = tmp_path / "scrape.txt"
    path.write_bytes(data)
    line = one_line_error(zhpub("normalise", str(path)))
    assert str(path) in line and message in line


def test_an_empty_file_says_what_to_give():
    from zhpub.text.decode import decode_source

    with pytest.raises(ZhpubError) as error:
        decode_source(b" \n", "empty.txt")
    assert str(error.value) == "empty.txt: the file is empty (give the scraped text of a report)"


def test_missing_path(tmp_path):
    line = one_line_error(zhpub("normalise", str(tmp_path / "nope.txt")))
    assert "nope.txt" in line and "not found" in line


def test_malformed_yaml_names_file_line_and_column(tmp_path):
    folder = tmp_path / "content" / "doc"
    folder.mkdir(parents=True)
    shutil.copy(SHIPPED / "source.txt", folder / "source.txt")
    (folder / "document.yaml").write_text("title: 报告\ndate: [2022-03-01\nspeaker: 徐曙海\n", encoding="utf-8")
    line = one_line_error(zhpub("export", "doc", cwd=tmp_path))
    assert "document.yaml:3:" in line and "invalid YAML" in line


@pytest.mark.parametrize(
    "yaml_text,where,what",
    [
        ("titel: 报告\n", "document.yaml:1", "unknown field 'titel'"),
        ("title: 报告\ndate: 2022-13-01\n", "document.yaml:2", "date"),
        ("title: 报告\ntitle: 又一个\n", "document.yaml:2", "duplicate key"),
    ],
)
def test_bad_metadata_fields(tmp_path, yaml_text, where, what):
    folder = tmp_path / "doc"
    folder.mkdir()
    shutil.copy(SHIPPED / "source.txt", folder / "source.txt")
    (folder / "document.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        load_document(ContentFolder(folder))
    assert where in str(error.value) and what in str(error.value)


def test_erratum_that_does_not_match(tmp_path):
    folder = tmp_path / "doc"
    folder.mkdir()
    shutil.copy(SHIPPED / "source.txt", folder / "source.txt")
    (folder / "errata.yaml").write_text("- corrupted: 不存在的文字\n  correction: x\n  reason: test\n", encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        load_document(ContentFolder(folder))
    assert "errata.yaml:1" in str(error.value) and "not found" in str(error.value)
