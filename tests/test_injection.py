"""Hostile text in every field a user or a scrape can set, built for real, then read in Chromium and in the PDFs.

Payloads go into document.yaml (every field), a scraped page headline, title block, part headings and body
text, an erratum's reason, indicators.yaml (reason, name), the English indicator names, a glossary entry and a series's
body name (corpus/series.yaml: a navigation section title on every page) (a
scrape's own tags are cut by the chrome stage, which the test checks; every other payload reaches the model).
In every page of both variants: no dialog, no request leaves file://, no handler, script, link or image came
from a payload, and the payload text is on the page literally. In the PDFs: the text is there literally, and
there is no JavaScript and no link to anywhere outside the document.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import copy_project

# What an attacker writes, as one line (a title, a reason) ...
P = ("{ onmouseover=alert(1) style=position:fixed;top:0;left:0;width:100%;height:100% } [x](javascript:alert(1)) "
     "![](https://example.invalid/x.png) <script>alert(1)</script> <img src=x onerror=alert(1)> {{ 7*7 }} {% raw %} "
     "**b** # h")
# ... and short ones, for part headings (a scraped heading is a heading only up to 40 characters)
HEADINGS = ["{ onmouseover=alert(1) }", "[x](javascript:alert(1))", "**b** {{ 7*7 }}", "x![](http://x.invalid/a)"]
# A scrape's own markup never reaches the model (the chrome stage cuts tag remnants, and records it), so what a
# scrape can carry through is the rest
TAGS = ("<script>alert(1)</script> ", "<img src=x onerror=alert(1)> ")
P_SCRAPE = P.replace(TAGS[0], "").replace(TAGS[1], "")
URL = "https://example.invalid/x?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"  # quotes are refused by the schema

SCRAPE = """首页 新闻中心 要闻

2023年示例市政府工作报告 {P}

2023-01-12 08:00

政府工作报告

——2023年1月10日在示例市第一届人民代表大会第一次会议上 {{{{ 7*7 }}}}

市长 张三

各位代表：

现在，我代表市人民政府向大会报告工作，请予审议。 {P}

一、过去一年工作回顾{H0}

过去一年，全市地区生产总值增长5.5%，一般公共预算收入增长6%。 {P}

二、今年的目标任务{H1}

今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。

（一）加快产业发展 {H3}

推动制造业高质量发展，新增规上企业100家。

三、加强政府自身建设{H2}

我们要坚持依法行政，自觉接受人大监督。 **b** # h <svg onload=alert(1)>

各位代表，让我们团结一心，奋力开创新局面！
"""


def inject(project: Path) -> dict[str, list[str]]:
    """Write the payloads into a project copy; returns, per page path, the texts that must show literally."""
    doc = project / "content" / "zhenjiang-2022"
    (doc / "published-ids.jsonl").unlink()  # the body text changes: a first edition, with positional ids
    meta = yaml.safe_load((doc / "document.yaml").read_text(encoding="utf-8"))
    for key in ("title", "title_en", "document_title", "venue", "speaker", "speaker_role", "body", "kind", "kind_en",
                "source_note", "licence"):
        meta[key] = f"{meta[key]} {P}"
    meta["source_url"] = URL
    (doc / "document.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")

    source = doc / "source.txt"
    text = source.read_text(encoding="utf-8")
    anchor = "請予審議,并請各位政協(xié)委員提出意見。"
    assert text.count(anchor) == 1
    source.write_text(text.replace(anchor, f"{anchor} {P_SCRAPE}"), encoding="utf-8")

    errata = yaml.safe_load((doc / "errata.yaml").read_text(encoding="utf-8"))
    errata[0]["reason"] = P
    (doc / "errata.yaml").write_text(yaml.safe_dump(errata, allow_unicode=True), encoding="utf-8")
    corrections = yaml.safe_load((doc / "indicators.yaml").read_text(encoding="utf-8"))
    corrections[0]["reason"] = P
    corrections[0]["set"]["name"] = "四群八链应税销售" + HEADINGS[2]
    (doc / "indicators.yaml").write_text(yaml.safe_dump(corrections, allow_unicode=True), encoding="utf-8")

    names = project / "glossary" / "indicator-names.yaml"
    names_data = yaml.safe_load(names.read_text(encoding="utf-8"))
    first = next(iter(names_data))
    names_data[first] = f"{names_data[first]} {P}"
    names.write_text(yaml.safe_dump(names_data, allow_unicode=True), encoding="utf-8")

    glossary = project / "glossary" / "zhenjiang.yaml"
    terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    term = next(t for t in terms if t["headword"] == "四群八链")
    term["english"] = f"four clusters {P}"
    term["explanation"] = {"zh": f"镇江的产业集群。{P}", "en": f"Clusters. {P}"}
    term["components"][0] = {"zh": f"高端装备制造产业集群{HEADINGS[1]}", "en": P}
    term["note"] = P
    term["source"] = URL
    glossary.write_text(yaml.safe_dump(terms, allow_unicode=True), encoding="utf-8")

    series_file = project / "corpus" / "series.yaml"
    series = yaml.safe_load(series_file.read_text(encoding="utf-8"))
    series["zhenjiang"]["body"]["hans"] += " " + P  # a navigation section's title, on every page
    series_file.write_text(yaml.safe_dump(series, allow_unicode=True), encoding="utf-8")

    scraped = project / "content" / "payload-2023"
    scraped.mkdir()
    (scraped / "source.txt").write_text(SCRAPE.format(P=P_SCRAPE, **{f"H{i}": h for i, h in enumerate(HEADINGS)}), encoding="utf-8")

    literal = {  # page (both variants) -> text it must show as text
        "index.html": [P, "2023年示例市政府工作报告 " + P_SCRAPE, "镇江市人民政府 " + P],
        "corpus/zhenjiang/index.html": ["镇江市人民政府 " + P],
        "zhenjiang-2022/index.html": [P, "2022年镇江市政府工作报告 " + P],
        "zhenjiang-2022/corrections.html": [P],
        "zhenjiang-2022/indicators.html": [P, HEADINGS[2]],
        "glossary/index.html": [P, HEADINGS[1]],
        "payload-2023/index.html": [P_SCRAPE, "上 {{ 7*7 }}", "**b** # h", *HEADINGS],
    }
    return literal


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    from zhpub.build import build_all

    project = copy_project(tmp_path_factory.mktemp("injected"))
    literal = inject(project)
    build_all(project, {"data", "pdf", "site"})
    return project / "build", literal


def test_the_payloads_reached_the_model_intact(injected):
    """Otherwise the test below would prove nothing: the pipeline keeps ASCII payloads as they are."""
    from zhpub.content import ContentFolder, load_document

    build, _ = injected
    doc = load_document(ContentFolder(build.parent / "content" / "payload-2023"))
    assert doc.meta["title"] == "2023年示例市政府工作报告 " + P_SCRAPE  # from the scraped headline
    headings = [b.text["hans"] for b in doc.blocks if b.kind in ("part", "section")]
    assert len(headings) == 4 and all(any(h.endswith(x) for x in HEADINGS) for h in headings), headings
    assert any(b.text["hans"].endswith(" " + P_SCRAPE) for b in doc.blocks if b.kind == "paragraph")
    assert not any("<svg" in b.text["hans"] for b in doc.blocks)
    assert any("<svg onload=alert(1)>" in c.before for c in doc.changes)  # cut, and the cut is recorded
    shipped = load_document(ContentFolder(build.parent / "content" / "zhenjiang-2022"))
    assert shipped.meta["title"].endswith(P) and any(b.text["hans"].endswith(" " + P_SCRAPE) for b in shipped.blocks)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


HTML_CHECK = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) {
      if (a.startsWith('on')) bad.push(el.tagName + ' ' + a);
    }
    const href = el.getAttribute('href') || '', src = el.getAttribute('src') || '';
    if (/^\\s*javascript:/i.test(href) || /^\\s*javascript:/i.test(src)) bad.push(el.tagName + ' javascript: URL');
    if (/invalid/.test(src) || src === 'x') bad.push(el.tagName + ' src=' + src);
    if (el.tagName === 'SCRIPT' && /^application\\/(ld\\+)?json$/.test(el.type)) {  // data: must stay one JSON value
      try { JSON.parse(el.textContent) } catch (e) { bad.push('JSON-LD broken by a payload') }
    } else if (el.tagName === 'SCRIPT' && /alert/.test(el.textContent)) bad.push('script from a payload');
    if (el.tagName === 'svg' && el.closest('article')) bad.push('svg in the text');
  }
  return bad;
}"""


def test_every_page_shows_the_payloads_as_text_and_runs_none(injected, browser):
    build, literal = injected
    site = build / "site"
    pages = sorted(p for p in site.rglob("*.html") if "assets" not in p.parts and "search" not in p.parts)
    assert len(pages) >= 19
    dialogs, outside, problems = [], [], []
    context = browser.new_context()
    context.route(re.compile(r"^(?!file:).*"), lambda route: (outside.append(route.request.url), route.abort()))
    context.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:", "about:")) else outside.append(r.url))
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        for x, y in ((5, 5), (300, 200), (700, 400), (1000, 600)):  # an injected full-page onmouseover
            page.mouse.move(x, y)
        for heading in page.locator("h1, h2, h3, .zh-term").all()[:40]:
            if heading.is_visible():
                heading.hover()
        rel = path.relative_to(site)
        problems += [f"{rel}: {b}" for b in page.evaluate(HTML_CHECK)]
        shown = squash(page.inner_text("body"))
        for text in literal.get("/".join(rel.parts[1:]), []):
            if rel.parts[0] == "zh-Hant":
                text = text.replace("政府工作报告", "政府工作報告").replace("镇江", "鎮江")
            if squash(text) not in shown:
                problems.append(f"{rel}: does not show {text[:40]!r}… literally")
    for tag in ("zh-Hans", "zh-Hant"):  # search results are HTML made from the index
        page.goto((site / tag / "payload-2023" / "index.html").as_uri())
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("alert")
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=20000)
        problems += [f"{tag} search: {b}" for b in page.evaluate(HTML_CHECK)]
        assert "alert(1)" in page.inner_text(".md-search-result")
    context.close()
    assert dialogs == []
    assert outside == []
    assert problems == [], "\n".join(problems)


def test_the_pdfs_show_the_payloads_as_text_and_link_nowhere(injected):
    from pypdf import PdfReader

    build, _ = injected
    pdfs = sorted((build / "pdf").glob("*.pdf"))
    assert len(pdfs) == 4
    for pdf in pdfs:
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
        expected = [P_SCRAPE] + (HEADINGS + ["上 {{ 7*7 }}"] if pdf.name.startswith("payload") else [P])
        for payload in expected:
            assert re.sub(r"\s+", "", payload) in text, (pdf.name, payload)
        raw = pdf.read_bytes()
        assert b"/JavaScript" not in raw and b"/JS " not in raw and b"/Launch" not in raw
        links = []
        for page in PdfReader(pdf).pages:
            for annot in page.get("/Annots") or []:
                annot = annot.get_object()
                if annot.get("/Subtype") == "/Link":
                    action = annot.get("/A")
                    links.append(action.get_object().get("/URI") if action is not None else None)
        assert links and all(uri is None for uri in links), pdf.name  # internal destinations only, no URI
