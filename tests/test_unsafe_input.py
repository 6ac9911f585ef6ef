"""Input that would harm a reader or the project: formula cells, linked source files, badly named folders given
by path, an export written over the project's own content."""

from __future__ import annotations

import csv
import io
import os
import shutil

from conftest import SHIPPED, copy_project
from test_bad_input import one_line_error, zhpub


def test_a_cell_that_starts_like_a_formula_is_text_in_the_csv(tmp_path):
    from zhpub.build import build_all

    project = copy_project(tmp_path / "p")
    corrections = project / "content" / "zhenjiang-2022" / "indicators.yaml"
    payloads = ["=HYPERLINK(\"http://x.example/\",\"点击\")", "+1+cmd|' /C calc'!A0"]
    quoted = [p.replace("'", "''") for p in payloads]
    original = corrections.read_text(encoding="utf-8")
    text = original.replace("  set: {name: 城镇新增就业}\n", f"  set: {{name: '{quoted[0]}', comparison: '{quoted[1]}'}}\n")
    assert text != original
    corrections.write_text(text, encoding="utf-8")
    build_all(project, {"data"})
    raw = (project / "build" / "data" / "zhenjiang-2022.indicators.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    row = next(r for r in rows if r["phrase"] == "新增城镇就业5.9万人")
    assert row["name"] == "'" + payloads[0] and row["comparison"] == "'" + payloads[1]
    for r in rows:  # no cell of the file starts a formula; numbers stay numbers
        for column, cell in r.items():
            assert not cell.startswith(("=", "+", "@")), (column, cell)
            assert not cell.startswith("-") or float(cell) < 0, (column, cell)
    from zhpub.knowledge.indicators import csv_cell

    assert [csv_cell(v) for v in ("-3.5", -2, "-2+3", "@x", "增长-1")] == ["-3.5", "-2", "'-2+3", "'@x", "增长-1"]


def test_source_txt_linked_to_another_file_is_refused(tmp_path):
    project = copy_project(tmp_path / "p")
    folder = project / "content" / "zhenjiang-2022"
    secret = tmp_path / "secret.txt"
    shutil.copy(folder / "source.txt", secret)  # a readable file that is not the project's
    (folder / "source.txt").unlink()
    os.symlink(secret, folder / "source.txt")
    for command in (("check",), ("export", "zhenjiang-2022"), ("build", "--only", "data")):
        result = zhpub(*command, cwd=project)
        assert result.returncode == 1, command
        assert "source.txt is a symbolic link" in result.stdout + result.stderr, command
    assert not (project / "build" / "data").exists()


def test_pdf_checks_the_folder_name_of_a_path_like_the_other_commands(tmp_path):
    folder = tmp_path / "content" / "Bad_Name"
    shutil.copytree(SHIPPED, folder)
    for command in (("pdf", str(folder)), ("export", str(folder)), ("ids", str(folder))):
        line = one_line_error(zhpub(*command, cwd=tmp_path))
        assert "'Bad_Name' is not a slug" in line, command
    assert not (tmp_path / "build").exists()


def test_export_refuses_to_overwrite_content(tmp_path):
    project = copy_project(tmp_path / "p")
    folder = project / "content" / "zhenjiang-2022"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    for target in (folder / "source.txt", folder / "document.yaml", project / "glossary" / "x.json",
                   project / "content" / "new.json"):
        line = one_line_error(zhpub("export", "zhenjiang-2022", "-o", str(target), cwd=project))
        assert "refusing to write the export into the project's content" in line and str(target) in line
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    out = tmp_path / "doc.json"
    assert zhpub("export", "zhenjiang-2022", "-o", str(out), cwd=project).returncode == 0
    assert out.read_text(encoding="utf-8").startswith("{")
