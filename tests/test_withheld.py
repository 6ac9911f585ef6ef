"""Injected keyword spam is cut from the text and recorded, but the reading editions do not reprint it: the site's
corrections page and the PDF's corrections appendix give the place and length of each removed span, and the
data export (corrections.json, also attached to the PDF) keeps the words, so the source still rebuilds exactly."""

from __future__ import annotations

import pytest

from conftest import ROOT, SHIPPED

SLUG = SHIPPED.name


@pytest.fixture(scope="module")
def spam(shipped_documents):
    doc = shipped_documents[SLUG]
    removed = [c for c in doc.changes if c.rule in ("spam", "spam-glued")]
    assert removed  # the shipped scrape carries an injected keyword line
    return doc, removed


def words_of(text: str) -> list[str]:
    return [w for w in text.replace(",", " ").replace("，", " ").split() if len(w) >= 4]


@pytest.mark.parametrize("variant", ["hans", "hant"])
def test_the_pdf_appendix_gives_the_place_and_length_not_the_words(spam, variant):
    from zhpub.content import load_project_glossary
    from zhpub.render.print_html import print_html

    doc, removed = spam
    html = print_html(doc, load_project_glossary(ROOT), variant, "2026-12-01")
    for change in removed:
        assert not [w for w in words_of(change.before) if w in html], change.before
    assert f"〔注入文字 {len(removed[0].before.strip())} 字" in html  # the same in both scripts


@pytest.mark.parametrize("variant", ["hans", "hant"])
def test_the_corrections_page_gives_the_place_and_length_not_the_words(spam, variant):
    from zhpub.content import load_project_glossary
    from zhpub.render.site import SiteRenderer

    doc, removed = spam
    page = SiteRenderer([doc], load_project_glossary(ROOT), variant).corrections(doc)
    for change in removed:
        assert not [w for w in words_of(change.before) if w in page.markdown], change.before
        assert f"{change.line}:{change.column}" in page.markdown


def test_the_data_export_keeps_the_words(spam):
    from zhpub.export import corrections_json

    doc, removed = spam
    befores = [c["before"] for c in corrections_json(doc)["changes"] if c["rule"] in ("spam", "spam-glued")]
    assert befores == [c.before for c in removed]
