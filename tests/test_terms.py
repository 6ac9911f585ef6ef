"""Terms over time and candidate terms, on texts made here and on the national reports."""

from __future__ import annotations

from conftest import DATA, ROOT
from zhpub.corpus.terms import candidates, explained_terms, terms_in, timelines
from zhpub.knowledge.glossary import Glossary, find_hits, load_glossary
from zhpub.model import Block, Document
from zhpub.pipeline import build_document


def doc_of(slug: str, year: int, *paragraphs: str) -> Document:
    blocks = [Block(f"s1-p{i}", "paragraph", 3, {"hans": t, "hant": t}, str(i), "s1") for i, t in enumerate(paragraphs, 1)]
    return Document(slug, {"year": year}, blocks, [], [])


def test_candidates_are_quoted_numbered_and_titled_terms():
    doc = doc_of("a", 2024, "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”。",
                 "扎实做好六稳工作，全面落实六保任务，打好三大攻坚战。", "审议《纲要草案》，国内生产总值增长5%左右。")
    found = {t for t, _ in terms_in(doc)}
    assert {"四个意识", "四个自信", "两个维护", "两个确立", "三大攻坚战", "纲要草案"} <= found
    assert not any("5%" in t for t in found)


def test_candidates_rank_by_frequency_and_skip_known_terms():
    # 三个不松劲 is made up here, so no glossary the project grows will ever hold it; 放管服 is a shipped entry
    docs = [doc_of("a", 2023, "坚持“三个不松劲”，推进“放管服”改革，落实“六稳”。"), doc_of("b", 2024, "坚持“三个不松劲”。")]
    glossary = load_glossary(ROOT / "glossary")
    assert "放管服" in glossary.by_headword() and "三个不松劲" not in glossary.by_headword()
    ranked = candidates(glossary, docs)
    assert ranked[0].text == "三个不松劲" and ranked[0].count == 2 and ranked[0].documents == ("a", "b")
    assert "放管服" not in {c.text for c in ranked}  # the glossary has it


def test_a_reports_own_glossary_is_read_with_its_explanations():
    doc = doc_of("a", 2024, "正文。", "名词解释", "1.四群八链：镇江重点培育的四大产业集群和八条产业链。", "2.金山英才：人才计划。")
    assert explained_terms(doc) == {"四群八链": "镇江重点培育的四大产业集群和八条产业链。", "金山英才": "人才计划。"}
    ranked = candidates(Glossary([]), [doc])
    assert {c.text: c.how for c in ranked if c.explanation} == {"四群八链": "explained", "金山英才": "explained"}


def test_term_timelines_over_the_national_series():
    glossary = load_glossary(ROOT / "glossary")
    docs = []
    for year in (2019, 2020, 2021):
        path = DATA / "national" / f"national-{year}.txt"
        doc = build_document(path.stem, path.read_bytes(), str(path), {"year": year})
        doc.glossary_hits = find_hits(doc, glossary)
        docs.append(doc)
    lines = timelines(glossary, docs)
    counted = {y: sum(b.text["hans"].count("放管服") for b in d.blocks) for y, d in zip((2019, 2020, 2021), docs)}
    assert lines["放管服"].per_year == {y: n for y, n in counted.items() if n}
    assert lines["放管服"].first_year == min(y for y, n in counted.items() if n)
