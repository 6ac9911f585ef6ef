"""The zhpub command line, as a user runs it."""

from __future__ import annotations

import json
import shutil

from conftest import GOLDEN, SHIPPED
from test_bad_input import zhpub
from zhpub.manifest import fingerprint


def test_normalise_raw_scrape_without_metadata_warns_and_strict_fails(tmp_path):
    scrape = tmp_path / "scrape.txt"
    shutil.copy(SHIPPED / "source.txt", scrape)  # no errata next to a bare file: three spans stay unresolved
    result = zhpub("normalise", str(scrape))
    assert result.returncode == 0
    assert result.stdout.startswith("政府工作报告\n\n——2022年3月1日")
    warnings = result.stderr.splitlines()
    assert f"{scrape}:51:141: " in warnings[0] and "best first: 1. 。基礎" in warnings[0]
    assert zhpub("normalise", str(scrape), "--strict").returncode == 1


def test_normalise_content_folder_both_variants():
    for variant, name in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
        result = zhpub("normalise", str(SHIPPED), "--variant", variant)
        assert result.returncode == 0 and result.stderr == ""
        assert result.stdout == (GOLDEN / f"zhenjiang-2022.{name}.txt").read_text(encoding="utf-8")


def test_check_passes_on_shipped_content():
    result = zhpub("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_reports_file_line_col_and_exits_1(tmp_path):
    folder = tmp_path / "content" / "doc"
    folder.mkdir(parents=True)
    shutil.copy(SHIPPED / "source.txt", folder / "source.txt")
    (folder / "published-ids.jsonl").write_text(
        '{"schema": "zhpub.published-ids/2", "edition": 1}\n'
        '{"id": "s9-p1", "sha": "%s", "text": "第九部分的第一段。", "since": 1}\n' % fingerprint("第九部分的第一段。"),
        encoding="utf-8")
    result = zhpub("check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(l.startswith(str(folder / "source.txt") + ":51:141: ") or l.startswith("content/doc/source.txt:51:141: ") for l in lines), lines
    assert any("published-ids.jsonl:2" in l and "'s9-p1' is gone" in l for l in lines)


def test_export_json_schema(tmp_path):
    """The command's output, to standard output and to a file, validates against the published JSON Schema."""
    from test_export import errors

    result = zhpub("export", "zhenjiang-2022", "--format", "json")
    data = json.loads(result.stdout)
    assert errors(data) == []
    assert data["slug"] == "zhenjiang-2022" and data["meta"]["speaker"] == "徐曙海"
    out = tmp_path / "doc.json"
    assert zhpub("export", "zhenjiang-2022", "-o", str(out)).returncode == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_help_lists_commands():
    result = zhpub("--help")
    for command in ("normalise", "check", "export", "ids", "build"):
        assert command in result.stdout


def test_normalise_and_export_the_hong_kong_variant(tmp_path):
    result = zhpub("normalise", str(SHIPPED), "--variant", "hk")
    assert result.returncode == 0 and result.stderr == ""
    taiwan = (GOLDEN / "zhenjiang-2022.zh-Hant.txt").read_text(encoding="utf-8")
    assert "“四羣八鏈”崛起成勢" in result.stdout and "“四群八鏈”崛起成勢" in taiwan
    assert len(result.stdout) == len(taiwan)
    out = tmp_path / "doc.json"
    assert zhpub("export", SHIPPED.name, "--variant", "hk", "-o", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["variants"] == ["hans", "hant", "hk"] and "\n\n".join(b["text"]["hk"] for b in data["blocks"]) + "\n" == result.stdout


def test_output_is_utf8_where_the_locale_cannot_write_chinese(tmp_path):
    """An ASCII locale with Python's UTF-8 mode off (LC_ALL=C PYTHONUTF8=0, or PYTHONIOENCODING=ascii): the text and
    the warnings still come out, in UTF-8, not as a UnicodeEncodeError traceback halfway through."""
    import subprocess
    import sys

    from conftest import ROOT, child_env

    scrape = tmp_path / "scrape.txt"
    scrape.write_bytes((SHIPPED / "source.txt").read_bytes())  # no document.yaml beside it: a warning on stderr
    for settings in ({"LC_ALL": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}):
        env = child_env(PYTHONPATH=str(ROOT / "src"), **settings)
        result = subprocess.run([sys.executable, "-m", "zhpub", "normalise", str(SHIPPED)], capture_output=True, env=env)
        assert result.returncode == 0, result.stderr.decode("utf-8", "replace")[-300:]
        assert result.stdout.decode("utf-8") == (GOLDEN / "zhenjiang-2022.zh-Hans.txt").read_text(encoding="utf-8")
        warned = subprocess.run([sys.executable, "-m", "zhpub", "normalise", str(scrape)], capture_output=True, env=env)
        assert warned.returncode == 0 and b"Traceback" not in warned.stderr
        assert "best first: 1. 。基礎" in warned.stderr.decode("utf-8")  # the ranked readings, in Chinese
