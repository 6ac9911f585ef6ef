"""The PDF editions, read back with pypdf and poppler (pdftotext, pdffonts)."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from pypdf import PdfReader

TAGS = {"hans": "zh-Hans", "hant": "zh-Hant"}
ID_RE = re.compile(r"(?:intro|s\d+(?:-\d+)?)-p\d+|title|subtitle|speaker")


@pytest.fixture(scope="module", params=["hans", "hant"])
def edition(request, built):
    variant = request.param
    path = built / "pdf" / f"zhenjiang-2022.{TAGS[variant]}.pdf"
    return variant, path, PdfReader(path)


def test_all_fonts_embedded_and_named_per_script(edition):
    variant, path, _ = edition
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column
    names = " ".join(r.split()[0] for r in rows)
    script = "SC" if variant == "hans" else "TC"
    assert f"Noto-Serif-CJK-{script}" in names and f"Noto-Sans-CJK-{script}" in names
    assert "JP" not in names  # a generic family would have picked Japanese glyph forms


def test_every_character_has_a_glyph_in_the_named_fonts(edition, shipped):
    from fontTools.ttLib import TTFont

    variant, _, _ = edition
    script = "SC" if variant == "hans" else "TC"
    covered: set[int] = set()
    for family in (f"Noto Serif CJK {script}", f"Noto Sans CJK {script}:bold"):
        spec = subprocess.run(["fc-match", "-f", "%{file}:%{index}", family], capture_output=True, text=True).stdout
        file, index = spec.rsplit(":", 1)
        covered |= set(TTFont(file, fontNumber=int(index), lazy=True).getBestCmap())
    text = shipped.text(variant)
    missing = sorted({c for c in text if ord(c) not in covered and not c.isspace()})
    assert missing == []


def test_extracted_text_is_the_document_text(edition, shipped):
    variant, path, _ = edition
    extracted = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
    running = {shipped.meta["title"] if variant == "hans" else "2022年鎮江市政府工作報告"}
    running |= {b.text[variant] for b in shipped.blocks if b.kind == "part"}
    pages = []
    for page in extracted.split("\f"):  # drop the running header and the page number of every page
        lines = [l for l in page.split("\n") if l.strip()]
        while lines and lines[0].strip() in running:
            lines.pop(0)
        while lines and lines[-1].strip().isdigit():
            lines.pop()
        pages.append("".join(lines))
    flat = re.sub(r"\s+", "", ID_RE.sub("", "".join(pages)))
    position = 0
    for block in shipped.blocks:
        expected = re.sub(r"\s+", "", block.text[variant])
        found = flat.find(expected, position)
        assert found >= 0, (block.id, expected[:30])
        position = found + len(expected)


def test_no_private_use_or_control_character_reaches_a_page(edition):
    """What the scrape had in private-use code points (lost bytes) is printed as \\uXXXX wherever it is quoted,
    the errata's reasons too: no font has a glyph for it, and a missing-glyph box tells the reader nothing."""
    _, path, _ = edition
    extracted = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                               check=True).stdout
    assert re.findall(r"[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]", extracted) == []

def test_every_indicator_is_listed_on_its_destination_page_with_its_value_and_its_source(edition, shipped):
    """The indicators appendix (one paragraph per indicator): each id opens a page that prints the indicator's name,
    English name and value, and that page links to the paragraph the figure comes from."""
    from zhpub.render.common import indicator_value

    variant, path, reader = edition
    names = reader.named_destinations
    pages = {}
    for ind in shipped.indicators:
        number = reader.get_destination_page_number(names[ind.id]) + 1
        if number not in pages:
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
                                  capture_output=True, text=True, check=True).stdout
            links = set()
            for annot in reader.pages[number - 1].get("/Annots") or []:
                annot = annot.get_object()
                if "/A" in annot and "/D" in annot["/A"]:
                    links.add(str(annot["/A"]["/D"]))
                elif "/Dest" in annot:
                    links.add(str(annot["/Dest"]))
            pages[number] = (re.sub(r"\s+", "", text), links)
        text, links = pages[number]
        name = ind.name if variant == "hans" else ind.name_hant
        for shown in (name, ind.name_en, indicator_value(ind, variant)):
            assert re.sub(r"\s+", "", shown) in text, (ind.id, shown)
        assert ind.block in links, ind.id
    assert len(pages) >= 2  # the 113 indicators fill pages of their own, after the glossary

def test_outline_mirrors_parts_and_sections(edition, shipped):
    variant, _, reader = edition

    def titles(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from titles(item, depth + 1)
            else:
                yield depth, item.title

    outline = list(titles(reader.outline))
    headings = [(0 if b.kind == "part" else 1, b.text[variant]) for b in shipped.blocks if b.kind in ("part", "section")]
    assert outline[: len(headings)] == headings
    appendices = [t for d, t in outline[len(headings):] if d == 0]
    assert len(appendices) == 4  # glossary, indicators, corrections, colophon


def test_named_destination_for_every_id(edition, shipped):
    _, _, reader = edition
    names = set(reader.named_destinations)
    assert set(shipped.anchor_ids) <= names
    from conftest import ROOT
    from zhpub.content import load_project_glossary

    slugs = {t.headword: t.slug for t in load_project_glossary(ROOT).terms}
    assert {n for n in names if n.startswith("g-")} == {f"g-{slugs[h.term]}" for h in shipped.glossary_hits}


def test_internal_links_point_at_existing_destinations(edition):
    _, _, reader = edition
    names = set(reader.named_destinations)
    targets = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                targets.append(str(annot["/Dest"]))
            elif annot.get("/Subtype") == "/Link" and "/A" in annot and "/D" in annot["/A"]:
                targets.append(str(annot["/A"]["/D"]))
    named = [t for t in targets if not t.startswith("[")]
    assert len(named) > 300  # contents, glossary marks, indicator sources
    assert all(t in names for t in named)


def test_metadata_and_language(edition, shipped):
    variant, _, reader = edition
    meta = reader.metadata
    title = shipped.meta["title"] if variant == "hans" else "2022年鎮江市政府工作報告"
    assert meta.title == title
    assert "徐曙海" in meta.author
    assert "Report on the Work of the Zhenjiang Municipal Government" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == TAGS[variant]
    assert meta["/CreationDate"].startswith("D:20220301")  # from the content, not the clock


def test_page_count_is_sane(edition):
    _, _, reader = edition
    assert 30 <= len(reader.pages) <= 120


def test_a_missing_cjk_font_is_a_clear_error(monkeypatch):
    from zhpub.errors import ZhpubError
    from zhpub.render import pdf

    monkeypatch.setitem(pdf.FONTS, "hans", ("Noto Serif CJK XX", "Noto Sans CJK SC"))
    with pytest.raises(ZhpubError) as error:
        pdf.check_fonts()
    assert "Noto Serif CJK XX" in str(error.value) and "fonts-noto-cjk" in str(error.value)


# --- PDF/A-3a: the archival edition (no validator here: veraPDF is Java and not in Debian; see README) ---------

def test_pdfa_3a_identification_and_output_intent(edition):
    _, _, reader = edition
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="A"' in xmp
    assert reader.pdf_header == "%PDF-1.7"
    (intent,) = [i.get_object() for i in root["/OutputIntents"]]
    assert intent["/S"] == "/GTS_PDFA1" and intent["/DestOutputProfile"].get_object()["/N"] == 3  # sRGB ICC profile


def test_pdfa_3a_is_tagged(edition):
    variant, _, reader = edition
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject, not the bool singleton)
    assert root["/Lang"] == TAGS[variant]
    tree = root["/StructTreeRoot"].get_object()
    kinds: set[str] = set()

    def walk(node, depth=0):
        node = node.get_object()
        if isinstance(node, dict) and "/S" in node:
            kinds.add(str(node["/S"]))
        kids = node.get("/K") if isinstance(node, dict) else None
        if kids is None or depth > 12:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid, depth + 1)

    walk(tree)
    assert {"/Document", "/P", "/H1", "/H2"} <= kinds  # paragraphs and the parts' and sections' headings


def test_attachments_are_the_document_data(edition, built, shipped):
    _, _, reader = edition
    root = reader.trailer["/Root"]
    files = {str(f.get_object()["/UF"]): f.get_object() for f in root["/AF"]}
    assert len(files) == len(root["/AF"]) == 4  # each listed once
    assert {name: str(spec["/AFRelationship"]) for name, spec in files.items()} == {
        "zhenjiang-2022.source.txt": "/Source", "zhenjiang-2022.json": "/Data",
        "zhenjiang-2022.indicators.csv": "/Data", "zhenjiang-2022.corrections.json": "/Supplement"}
    data = {name: spec["/EF"]["/F"].get_object().get_data() for name, spec in files.items()}
    assert data["zhenjiang-2022.source.txt"] == (built.parent / "content" / "zhenjiang-2022" / "source.txt").read_bytes()
    for name in ("zhenjiang-2022.json", "zhenjiang-2022.corrections.json"):
        assert data[name] == (built / "data" / name).read_bytes()
    assert data["zhenjiang-2022.indicators.csv"] == (built / "data" / "zhenjiang-2022.indicators.csv").read_bytes()
    subtypes = {name: str(spec["/EF"]["/F"].get_object()["/Subtype"]) for name, spec in files.items()}
    assert subtypes["zhenjiang-2022.json"] == "/application/json" and subtypes["zhenjiang-2022.source.txt"] == "/text/plain"
    params = files["zhenjiang-2022.json"]["/EF"]["/F"].get_object()["/Params"]
    assert str(params["/ModDate"]).startswith("D:20220301")  # the edition's date, not the clock's
    assert set(reader.attachments) == set(files)  # the EmbeddedFiles name tree agrees
    from zhpub.render.print_html import ATTACHED

    assert set(files) == {f"zhenjiang-2022.{x}" for x in ATTACHED}  # the colophon lists what is attached


def test_serialising_each_object_once_changes_no_byte():
    """The finisher keeps each PDF object's bytes from its first serialisation (pydyf would serialise and deflate
    everything a second time to hash the file for its /ID): the file is exactly the one pydyf writes itself."""
    import datetime as dt

    from weasyprint import HTML, Attachment
    from zhpub.render import pdf
    from zhpub.render.print_html import FONTS

    page = (f'<html lang="zh-Hans"><head><style>html {{ font-family: "{FONTS["hans"][0]}" }}</style></head><body>'
            '<h1 id="a">标题</h1><p id="b">正文，<a href="#a">链接</a>。</p><table><tr><td>表</td></tr></table></body></html>')
    when = dt.datetime(2022, 3, 1)
    rendered = HTML(string=page).render(pdf_variant=pdf.PDF_VARIANT)

    def options():  # an Attachment can be read once
        return {"pdf_variant": pdf.PDF_VARIANT, "attachments": [
            Attachment(string='{"x": "数据"}' * 500, name="x.json", relationship="Data", created=when, modified=when)]}

    as_pydyf_writes_it = rendered.write_pdf(finisher=pdf.unique_associated_files, **options())
    serialised_once = rendered.write_pdf(finisher=pdf.finish, **options())
    assert serialised_once == as_pydyf_writes_it
    reader = PdfReader(io.BytesIO(serialised_once))
    assert len(reader.trailer["/ID"]) == 2 and set(reader.attachments) == {"x.json"} and set(reader.named_destinations) >= {"a", "b"}


@pytest.mark.slow
def test_a_retired_id_is_still_a_named_destination(tmp_path):
    """An id retired in the manifest (OLD -> NEW) keeps opening the PDF, at its successor, as it does on the site."""
    import shutil

    from conftest import SHIPPED
    from test_manifest_and_build import entry
    from zhpub.content import ContentFolder, load_document, load_project_glossary
    from zhpub.render.pdf import edition_jobs, render_edition

    folder = tmp_path / "content" / SHIPPED.name
    shutil.copytree(SHIPPED, folder)
    manifest = folder / "published-ids.jsonl"
    manifest.write_text(manifest.read_text(encoding="utf-8") + entry("s3-9-p1", "旧文字", retired="s3-8-p1", **{"in": 2}),
                        encoding="utf-8")
    doc = load_document(ContentFolder(folder))
    job = next(j for j in edition_jobs([doc], load_project_glossary(SHIPPED.parents[1]), tmp_path / "pdf", tmp_path)
               if j.variant == "hans")
    render_edition(job)
    names = PdfReader(job.path).named_destinations
    assert "s3-9-p1" in names and "s3-8-p1" in names
    assert names["s3-9-p1"].page == names["s3-8-p1"].page  # the old id opens where its successor is
