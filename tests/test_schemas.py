"""Content files have declared schemas (src/zhpub/schemas/): every shipped file validates, every schema is a valid
JSON Schema, and a typo or a wrong type anywhere is an error at the file and line where it stands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, copy_project
from test_bad_input import one_line_error, zhpub
from zhpub.errors import Location, ZhpubError
from zhpub.schemas import KINDS, schema, validate
from zhpub.yamlio import load_yaml

SCHEMAS = ROOT / "src" / "zhpub" / "schemas"


def shipped_files() -> list[tuple[str, Path]]:
    files = []
    for folder in sorted((ROOT / "content").iterdir()):
        for name, kind in (("document.yaml", "document"), ("errata.yaml", "errata"), ("indicators.yaml", "indicators")):
            if (folder / name).exists():
                files.append((kind, folder / name))
    for path in sorted((ROOT / "glossary").glob("*.yaml")):
        kind = {"indicator-names.yaml": "indicator-names", "categories.yaml": "glossary-categories"}.get(path.name, "glossary")
        files.append((kind, path))
    files += [("series", ROOT / "corpus" / "series.yaml"), ("measures", ROOT / "corpus" / "measures.yaml")]
    return files


def test_every_schema_file_is_a_valid_json_schema_and_is_known():
    on_disk = sorted(p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json"))
    assert on_disk == sorted(KINDS) or set(KINDS) <= set(on_disk)
    for kind in KINDS:
        Draft202012Validator.check_schema(schema(kind))


def test_unknown_keys_are_refused_by_every_content_schema():
    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object" or "object" in (node.get("type") or []) or "properties" in node:
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    for kind in KINDS:
        for obj in objects(schema(kind)):
            if "properties" in obj:
                assert obj.get("additionalProperties") is False, (kind, sorted(obj["properties"]))


def test_the_values_the_code_knows_are_the_schemas():
    from zhpub.knowledge.glossary import LOCAL_SCOPES
    from zhpub.knowledge.indicators import KINDS as INDICATOR_KINDS

    # categories are data (glossary/categories.yaml), not an enum: a new province needs no schema change
    assert "enum" not in schema("glossary")["items"]["properties"]["category"]
    scopes = schema("glossary-categories")["additionalProperties"]["properties"]["scope"]["enum"]
    assert scopes == ["national", *LOCAL_SCOPES] == schema("series")["additionalProperties"]["properties"]["scope"]["enum"]
    assert schema("indicators")["items"]["properties"]["set"]["properties"]["kind"]["enum"] == list(INDICATOR_KINDS)


@pytest.mark.parametrize("kind,path", shipped_files(), ids=lambda v: str(v))
def test_every_shipped_file_validates(kind, path):
    validate(kind, load_yaml(path), Location(str(path), 1))


def test_every_shipped_manifest_line_validates():
    for path in sorted((ROOT / "content").glob("*/published-ids.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        validate("published-ids-header", json.loads(lines[0]), Location(str(path), 1))
        for n, line in enumerate(lines[1:], 2):
            validate("published-ids-entry", json.loads(line), Location(str(path), n))


def error_for(project: Path, relative: str, change) -> str:
    path = project / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    return one_line_error(zhpub("export", "zhenjiang-2022", cwd=project))


@pytest.mark.parametrize("relative,find,replace,expected", [
    # a typo in a key, at its own line
    ("content/zhenjiang-2022/errata.yaml", "  reason: \"reading 1 of 79 accepted",
     "  reasn: \"reading 1 of 79 accepted", "unknown field 'reasn'"),
    ("content/zhenjiang-2022/indicators.yaml", "- block: s1-p3\n  phrase: 人均可支配收入达到5万元",
     "- block: s1-p3\n  phrse: 人均可支配收入达到5万元", "unknown field 'phrse'"),
    ("content/zhenjiang-2022/indicators.yaml", "  set: {name: 居民人均可支配收入}\n  reason: 居民 is given",
     "  set: {nmae: 居民人均可支配收入}\n  reason: 居民 is given", "set: unknown field 'nmae'"),
    ("content/zhenjiang-2022/document.yaml", "speaker_role: 市长", "speaker_rolle: 市长", "unknown field 'speaker_rolle'"),
    # a wrong type or value
    ("content/zhenjiang-2022/indicators.yaml", "  set: {name: 城镇新增就业}", "  set: {name: 城镇新增就业, value: 很多}",
     "set.value must be a number, not '很多'"),
    ("content/zhenjiang-2022/document.yaml", "date: 2022-03-01", "date: 2022-3-1", "date must be YYYY-MM-DD, not '2022-3-1'"),
    ("glossary/indicator-names.yaml", "地区生产总值: GDP (gross regional product)", "地区生产总值: [GDP]",
     "地区生产总值 must be text, not ['GDP']"),
])
def test_a_schema_error_names_the_file_and_line(tmp_path, relative, find, replace, expected):
    project = copy_project(tmp_path / "p")
    original = (project / relative).read_text(encoding="utf-8")
    assert find in original
    changed = original.replace(find, replace, 1)
    line = next(k for k, (a, b) in enumerate(zip(original.splitlines(), changed.splitlines()), 1) if a != b)
    message = error_for(project, relative, lambda text: changed)
    assert expected in message, message
    assert f"{relative}:{line}:" in message or f"{relative}:{line} " in message, (line, message)


def test_a_glossary_entry_with_an_unknown_key(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "glossary" / "national.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  category: national\n", "  category: national\n  englsh: typo\n", 1)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("  englsh: typo")].count("\n") + 1
    message = zhpub("check", cwd=project).stdout
    assert f"glossary/national.yaml:{line}: unknown field 'englsh'" in message, message


def test_validate_raises_a_zhpub_error_with_the_hint():
    with pytest.raises(ZhpubError) as error:
        validate("errata", [{"corrupted": "x", "correction": "y"}], Location("errata.yaml", 1))
    assert "lacks 'reason'" in str(error.value)
