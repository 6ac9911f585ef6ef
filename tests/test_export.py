"""The JSON export against its JSON Schema (src/zhpub/schemas/export.schema.json, `zhpub.document/1`), and what
the schema cannot say: offsets that point at the quoted text, problems carried over, replay of the record."""

from __future__ import annotations

import copy
import json
import shutil
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from conftest import DATA, SHIPPED
from corrupt import corrupt

from zhpub.content import ContentFolder, load_document
from zhpub.export import SCHEMA, corrections_json, document_json, dumps, indicators_json
from zhpub.model import RecordedChange
from zhpub.pipeline import build_document, reconstruct_source


def schema() -> dict:
    return json.loads(resources.files("zhpub").joinpath("schemas/export.schema.json").read_text(encoding="utf-8"))


VALIDATOR = Draft202012Validator(schema())


def errors(data) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(data)]


def exported(doc) -> dict:
    return json.loads(dumps(document_json(doc)))  # as written to disk


@pytest.fixture(scope="module")
def shipped_export(shipped) -> dict:
    return exported(shipped)


def test_the_schema_is_a_valid_json_schema_with_the_exports_name():
    Draft202012Validator.check_schema(schema())
    assert schema()["$id"] == SCHEMA == "zhpub.document/1"


def test_the_shipped_export_validates(shipped_export):
    data = shipped_export
    assert errors(data) == []
    assert data["blocks"] and data["indicators"] and data["glossary_hits"] and data["changes"]


@pytest.mark.parametrize("fixture", sorted(p.name for p in (DATA / "fixtures").glob("*.clean.txt")))
def test_exports_of_other_reports_validate_clean_and_corrupted(fixture):
    clean = (DATA / "fixtures" / fixture).read_text(encoding="utf-8")
    for data in (clean.encode(), corrupt(clean, seed=3).text.encode("utf-8")):
        doc = build_document("other-report", data, "source.txt")
        assert errors(exported(doc)) == []


def test_a_document_with_unresolved_problems_exports_them(tmp_path):
    folder = tmp_path / "doc"
    folder.mkdir()
    shutil.copy(SHIPPED / "source.txt", folder / "source.txt")  # no errata: the garbled spans stay problems
    doc = load_document(ContentFolder(folder))
    data = exported(doc)
    assert errors(data) == []
    assert len(data["problems"]) == len(doc.problems) >= 2
    assert [(p["rule"], p["line"], p["column"], p["text"]) for p in data["problems"]] == \
        [(p.rule, p.line, p.column, p.text) for p in doc.problems]
    assert any(p["line"] == 51 and p["column"] == 141 for p in data["problems"])


@pytest.mark.parametrize("break_it, where", [
    (lambda d: d.pop("problems"), ""),  # at the top: a required key is missing
    (lambda d: d.update(schema="zhpub.document/2"), "schema"),
    (lambda d: d["blocks"][0].update(kind="chapter"), "blocks/0/kind"),
    (lambda d: d["blocks"][0]["text"].pop("hant"), "blocks/0/text"),
    (lambda d: d["blocks"][0].update(id="S1 P1"), "blocks/0/id"),
    (lambda d: d["indicators"][0].update(value="5.5"), "indicators/0/value"),
    (lambda d: d["indicators"][0].update(kind="target"), "indicators/0/kind"),
    (lambda d: d["changes"][0].update(line=0), "changes/0/line"),
    (lambda d: d["glossary_hits"][0].update(variant="zh"), "glossary_hits/0/variant"),
    (lambda d: d["meta"].update(date="1 March 2022"), "meta/date"),
    (lambda d: d.update(extra=1), ""),
])
def test_the_schema_rejects_a_broken_export(shipped_export, break_it, where):
    data = copy.deepcopy({**shipped_export, "changes": shipped_export["changes"][:40]})  # shorter to validate
    assert errors(data) == []
    break_it(data)
    found = errors(data)
    assert found and any(e.startswith(f"{where}:") for e in found), found


def test_offsets_in_the_export_point_at_the_text_they_quote(shipped_export):
    data = shipped_export
    text = {b["id"]: b["text"] for b in data["blocks"]}
    for hit in data["glossary_hits"]:
        assert text[hit["block"]][hit["variant"]][hit["start"]:hit["end"]] == hit["text"]
    for ind in data["indicators"]:
        assert text[ind["block"]]["hans"][ind["start"]:ind["end"]] == ind["phrase"]["hans"]
        assert ind["id"].startswith(f"ind-{ind['block']}-")
    for block in data["blocks"]:
        if "lead" in block:
            assert all(block["text"][v].startswith(block["lead"][v]) for v in ("hans", "hant"))
        if "parent" in block:
            assert block["parent"] in text or block["parent"] == "intro"  # paragraphs before part one
            assert block["id"].startswith(block["parent"] + "-")


def test_the_exported_record_rebuilds_the_source(shipped_export):
    data = shipped_export
    canonical = "\n\n".join(b["text"]["hans"] for b in data["blocks"])
    record = [RecordedChange(**c) for c in data["changes"]]
    assert reconstruct_source(canonical, record) == (SHIPPED / "source.txt").read_text(encoding="utf-8")


def test_corrections_and_indicators_exports_carry_the_same_record(shipped, shipped_export):
    corrections = json.loads(dumps(corrections_json(shipped)))
    assert corrections["schema"] == "zhpub.corrections/1" and corrections["document"] == "zhenjiang-2022"
    assert corrections["changes"] == shipped_export["changes"]
    assert sum(corrections["counts"].values()) == len(corrections["changes"])
    assert corrections["counts"]["pinyin-annotation"] == sum(c.rule == "pinyin-annotation" for c in shipped.changes)
    assert list(corrections["counts"]) == sorted(corrections["counts"])
    indicators = json.loads(dumps(indicators_json(shipped)))
    assert indicators == {"schema": "zhpub.indicators/1", "document": "zhenjiang-2022",
                          "indicators": shipped_export["indicators"]}


def test_the_json_keeps_chinese_readable():
    from zhpub.model import Block, Document

    doc = Document("x", {"title": "报告", "encoding": "utf-8"}, [Block("title", "title", 0, {"hans": "报告", "hant": "報告"})], [], [])
    text = dumps(document_json(doc))
    assert "报告" in text and "\\u" not in text and text.endswith("}\n")
    assert text.splitlines()[1] == ' "schema": "zhpub.document/1",'  # one space per level, stable for diffs


def test_the_corrections_export_names_source_and_encoding(shipped, tmp_path):
    corrections = corrections_json(shipped)
    assert corrections["source"] == "content/zhenjiang-2022/source.txt" and corrections["encoding"] == "utf-8"
    legacy = build_document("legacy", (DATA / "fixtures" / "qinghe-county-2023.clean.txt").read_text(encoding="utf-8")
                            .encode("gb18030"), "legacy.txt")
    assert corrections_json(legacy)["encoding"] == legacy.meta["encoding"] == "gb18030"
    from zhpub.model import Document

    assert corrections_json(Document("bare", {}, [], [], []))["encoding"] == "utf-8"  # not said: the default


def test_the_glossary_export_lists_every_term_with_its_occurrences(shipped):
    from zhpub.content import load_project_glossary
    from zhpub.export import glossary_json

    from conftest import ROOT

    glossary = load_project_glossary(ROOT)
    data = json.loads(dumps(glossary_json(glossary, [shipped])))
    assert data["schema"] == "zhpub.glossary/1"
    assert [t["headword"] for t in data["terms"]] == [t.headword for t in glossary.terms]
    entry = next(t for t in data["terms"] if t["headword"] == "四群八链")
    hits = [h for h in shipped.glossary_hits if h.term == "四群八链"]
    assert entry["occurrences"] == [{"document": "zhenjiang-2022", **h.to_json()} for h in hits] and hits
    assert entry["pinyin"] == "sì qún bā liàn" and entry["explanation"]["zh"]


def test_model_lookups_and_problem_messages(shipped):
    from zhpub.model import Problem

    assert shipped.block("s3-2-p4").text["hans"].startswith("聚力推进园区整合")
    with pytest.raises(KeyError) as caught:
        shipped.block("s99")
    assert caught.value.args == ("s99",)
    assert shipped.ids[:3] == ["title", "subtitle", "speaker"] and len(shipped.ids) == len(shipped.blocks)
    assert shipped.anchor_ids == shipped.ids + [i.id for i in shipped.indicators]
    assert shipped.text("hant").split("\n\n")[0] == shipped.blocks[0].text["hant"]
    garbled = Problem("mojibake", 3, 4, "□基", "garbled text")
    assert str(garbled) == "garbled text: '□基'; accept a reading with `zhpub errata DOC --accept LINE:COL=N`, or write an erratum in errata.yaml"
    assert str(Problem("residue-entity", 3, 4, "&amp;", "entity left")) == "entity left: '&amp;'"


def test_the_hong_kong_variant_is_exported_on_request_with_the_same_ids(shipped, shipped_export):
    from zhpub.pipeline import with_variants

    assert shipped_export["variants"] == ["hans", "hant"] and all("hk" not in b["text"] for b in shipped_export["blocks"])
    data = exported(with_variants(shipped, ["hk"]))
    assert errors(data) == []
    assert data["variants"] == ["hans", "hant", "hk"]
    assert [b["id"] for b in data["blocks"]] == [b["id"] for b in shipped_export["blocks"]]
    texts = {b["id"]: b["text"] for b in data["blocks"]}
    for block in data["blocks"]:
        assert len(block["text"]["hk"]) == len(block["text"]["hans"])
        if "lead" in block:
            assert block["text"]["hk"].startswith(block["lead"]["hk"])
    # the shipped report's own words in Hong Kong glyphs, where Taiwan's differ
    hk = "\n".join(t["hk"] for t in texts.values())
    assert "“四羣八鏈”" in hk and "碳達峯碳中和" in hk and "開啓現代化建設新征程" in hk and "公共衞生" in hk
    assert "“四群八鏈”" in "\n".join(t["hant"] for t in texts.values())
    with pytest.raises(ValueError, match="unknown variant 'hx'"):
        with_variants(shipped, ["hx"])


def test_variants_setting_in_mkdocs_yml(tmp_path, shipped):
    from conftest import ROOT
    from zhpub.build import configured_variants, document_data
    from zhpub.errors import ZhpubError

    assert configured_variants(ROOT) == ()  # off by default
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - zhpub:\n      variant: !ENV [ZHPUB_VARIANT, hans]\n      variants: [hans, hant, hk]\n  - search\n",
        encoding="utf-8")
    assert configured_variants(tmp_path) == ("hk",)
    data = json.loads(document_data(shipped, "", configured_variants(tmp_path))[f"{shipped.slug}.json"])
    assert data["variants"] == ["hans", "hant", "hk"] and errors(data) == []
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - zhpub:\n      variants: [hans, hk-tw]\n", encoding="utf-8")
    with pytest.raises(ZhpubError, match="unknown variant 'hk-tw'") as raised:
        configured_variants(tmp_path)
    assert "mkdocs.yml" in str(raised.value.location)
