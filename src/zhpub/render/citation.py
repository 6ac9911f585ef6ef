"""Citation forms of a document and of each of its paragraphs, from the Document model (pure functions).

Forms: the short locator (《title》三（二）第4段), GB/T 7714-2015, an English form in Chicago style, and the machine
forms CSL-JSON and BibTeX. Every form names the edition: its date and a short hash of the published text, so a
reader can tell which text was cited (the hash changes when any word of either script changes, never otherwise).

GB/T 7714-2015 choices (README, "Citing"): a government work report is a report, which the standard files under
monographs (4.1, 专著: "普通图书、学位论文、技术报告、会议文集……"), type code R, online R/OL. 主要责任者 is the
speaker: the standard names the report's writer as its creator (3.2 主要责任者: "报告撰写者"), and the report
names him on its title block; the subtitle (date and meeting) is 其他题名信息. 版本项 carries the edition
(校订本 + hash); the date in parentheses is the edition's (更新或修改日期), the one in brackets the reader's
access date (引用日期), then the address with the paragraph's #id. The example the standard gives for an online
report: 中国互联网络信息中心. 中国互联网络发展状况统计报告[R/OL]. (2012-01-16)[2013-03-26]. http://…

A paragraph's forms come as patterns: lists of literal text and slots (``{"slot": "url"}``) for what only the
reader's browser knows (the page's own address when no site_url is set, today's date). ``fill`` puts values into
the slots; the page's script does the same join, nothing else. Untrusted text never becomes a slot.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Union

from ..model import LANG_TAGS, Block, Document
from .common import cite_label, doc_text, in_variant, label, meta_text

Slot = dict  # {"slot": name}
Pattern = list[Union[str, Slot]]
SLOTS = ("url", "id", "locator", "locator_en", "accessed", "accessed_en")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def slot(name: str) -> Slot:
    assert name in SLOTS, name
    return {"slot": name}


def fill(pattern: Pattern, **values: str) -> str:
    """The text of a pattern with every slot given a value."""
    return "".join(part if isinstance(part, str) else values[part["slot"]] for part in pattern)


def edition_date(doc: Document) -> str:
    """The date an edition carries: the document's own, never the clock's (a build depends on its input only)."""
    return doc.meta.get("date") or "1970-01-01"


def edition_hash(doc: Document) -> str:
    """8 hex digits of SHA-256 over every block's id and text in both scripts: the text a citation names."""
    text = json.dumps([[b.id, b.text.get("hans", ""), b.text.get("hant", "")] for b in doc.blocks],
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def chinese_date(iso: str) -> str:
    """2022-03-01 -> 2022年3月1日."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def english_date(iso: str) -> str:
    """2022-03-01 -> March 1, 2022 (Chicago)."""
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{MONTHS[m - 1]} {d}, {y}"


_PLACE = re.compile(r"^s(\d+)(?:-(\d+))?(?:-p(\d+))?$|^intro-p(\d+)$")


def locator_en(block: Block) -> str:
    """Part 3, section 2, paragraph 4 (it follows a full stop): the id read out (ids come from the document's own numbering)."""
    m = _PLACE.match(block.id)
    if not m:
        return f"At “{block.id}”"
    part, section, paragraph, intro = m.groups()
    if intro:
        return f"Opening, paragraph {intro}"
    words = [f"Part {part}"] + ([f"section {section}"] if section else []) + ([f"paragraph {paragraph}"] if paragraph else [])
    return ", ".join(words)


def _title(doc: Document, variant: str) -> str:
    return doc_text(doc, doc.meta.get("title") or doc.meta.get("document_title") or doc.slug, variant)


def edition_label(doc: Document, variant: str) -> str:
    """校订本 2022-03-01 · 3f2a9c1e"""
    return f"{label('edition', variant)} {edition_date(doc)} · {edition_hash(doc)}"


def short_pattern(doc: Document, variant: str) -> Pattern:
    """《2022年镇江市政府工作报告》三（二）第4段（校订本 2022-03-01 · 3f2a9c1e） URL#s3-2-p4"""
    return [f"《{_title(doc, variant)}》", slot("locator"), f"（{edition_label(doc, variant)}） ", slot("url"), "#",
            slot("id")]


def gbt_pattern(doc: Document, variant: str) -> Pattern:
    """GB/T 7714-2015, 4.1 (monograph: report, online): see the module's docstring for each choice."""
    m = doc.meta
    creator = m.get("speaker") or m.get("body") or ""
    title = m.get("document_title") or m.get("title") or doc.slug
    other = f"{chinese_date(m['date'])}在{m['venue']}上" if m.get("date") and m.get("venue") else ""
    head = (f"{creator}. " if creator else "") + title + (f": {other}" if other else "") + "[R/OL]. "
    edition = f"{label('edition', 'hans')} {edition_hash(doc)}. "
    return [doc_text(doc, head + edition, variant) + f"({edition_date(doc)})[", slot("accessed"), "]. ", slot("url"), "#",
            slot("id"), "."]


def chicago_pattern(doc: Document) -> Pattern:
    """Chicago (17th ed.), a speech with a translated title: Author. “Original title” [English title]. Speech,
    meeting, date. Place in the text. Edition. Accessed date. URL."""
    m = doc.meta
    author = m.get("speaker_en") or m.get("body_en") or m.get("speaker") or m.get("body") or ""
    original = m.get("document_title") or m.get("title") or doc.slug
    title = f"“{original}”" + (f" [{m['title_en']}]" if m.get("title_en") else "")
    occasion = ", ".join(x for x in ("Speech", m.get("venue_en", ""), english_date(m["date"]) if m.get("date") else "") if x)
    edition = f"zhpub edition of {english_date(edition_date(doc))}, text {edition_hash(doc)}"
    return [(f"{author}. " if author else "") + f"{title}. {occasion}. ", slot("locator_en"), f". {edition}. Accessed ",
            slot("accessed_en"), ". ", slot("url"), "#", slot("id"), "."]


def patterns(doc: Document, variant: str) -> dict[str, Pattern]:
    """Every text form of a paragraph of ``doc``, keyed as the page's citation menu names them."""
    return {"short": short_pattern(doc, variant), "gbt": gbt_pattern(doc, variant), "chicago": chicago_pattern(doc)}


def paragraph_citations(doc: Document, block: Block, variant: str, url: str, accessed: str,
                        accessed_en: str | None = None) -> dict[str, str]:
    """The forms of one paragraph, filled: what the copy-citation menu copies on ``accessed`` (YYYY-MM-DD)."""
    values = {"url": url, "id": block.id, "locator": cite_label(doc, block, variant), "locator_en": locator_en(block),
              "accessed": accessed, "accessed_en": accessed_en if accessed_en is not None else english_date(accessed)}
    return {key: fill(p, **values) for key, p in patterns(doc, variant).items()}


def page_url(site_url: str, doc: Document, variant: str) -> str:
    """The address of the document's page in a variant, '' when the site's address is not known."""
    return f"{site_url.rstrip('/')}/{LANG_TAGS[variant]}/{doc.slug}/" if site_url else ""


SOURCE_NAMES_EN = {"source_url": "Scraped from", "official_url": "Official original", "archived_url": "Archived copy"}


def sources(doc: Document) -> dict[str, str]:
    """Where the text comes from: the scraped page, the official original, an archived copy (those known)."""
    return {k: doc.meta[k] for k in ("source_url", "official_url", "archived_url") if doc.meta.get(k)}


def csl_items(doc: Document, site_url: str = "") -> list[dict[str, Any]]:
    """CSL-JSON (citeproc, Zotero, Pandoc): one item per script edition the model has, type report (GB/T 7714's R)."""
    m = doc.meta
    items = []
    for variant in doc.variants:
        item: dict[str, Any] = {
            "id": f"{doc.slug}-{LANG_TAGS[variant]}",
            "type": "report",
            "title": _title(doc, variant),  # 2022年镇江市政府工作报告: the printed 政府工作报告 alone names no report
        }
        if m.get("speaker") or m.get("body"):
            item["author"] = [{"literal": doc_text(doc, m.get("speaker") or m["body"], variant)}]
        if m.get("date"):
            item["issued"] = {"date-parts": [[int(x) for x in m["date"].split("-")]]}
        for key, field in (("body", "publisher"), ("venue", "event-title"), ("kind", "genre")):
            if m.get(key):
                item[field] = meta_text(doc, key, variant)
        item["language"] = LANG_TAGS[variant]
        item["version"] = f"{edition_date(doc)} {edition_hash(doc)}"
        url = page_url(site_url, doc, variant) or sources(doc).get("official_url", "")
        if url:
            item["URL"] = url
        notes = [f"{SOURCE_NAMES_EN[k]}: {v}" for k, v in sources(doc).items()]
        if m.get("title_en"):
            notes.insert(0, f"English title: {m['title_en']}")
        if notes:
            item["note"] = "\n".join(notes)
        items.append(item)
    return items


_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


def bibtex_value(text: str) -> str:
    """A BibTeX field value: TeX's special characters escaped, braces balanced by construction."""
    return _BIBTEX_SPECIAL.sub(lambda mt: {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(mt.group(), "\\" + mt.group()), text)


def bibtex(doc: Document, site_url: str = "") -> str:
    """BibTeX (biblatex @report; BibTeX's @techreport reads the same fields but type/institution): both scripts."""
    out = []
    for item in csl_items(doc, site_url):
        fields = [("author", item["author"][0]["literal"] if "author" in item else ""),
                  ("title", item["title"]),
                  ("type", item.get("genre", "")), ("institution", item.get("publisher", "")),
                  ("eventtitle", item.get("event-title", "")),
                  ("date", "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(item["issued"]["date-parts"][0]))
                   if "issued" in item else ""),
                  ("langid", item["language"]), ("version", item["version"]), ("url", item.get("URL", "")),
                  ("note", item.get("note", "").replace("\n", "; "))]
        # the author in a second pair of braces: one name as written, never split into first and last names
        # url is read verbatim (check_url refuses braces, backslashes and spaces in it)
        body = ",\n".join(f"  {k} = {{{{{bibtex_value(v)}}}}}" if k == "author" else
                          f"  {k} = {{{v if k == 'url' else bibtex_value(v)}}}" for k, v in fields if v)
        out.append(f"@report{{{item['id']},\n{body}\n}}\n")
    return "\n".join(out)


def citation_files(doc: Document, site_url: str = "") -> dict[str, str]:
    """data/<doc>.csl.json and data/<doc>.bib: the machine forms, as written under the site and build/data/."""
    return {f"{doc.slug}.csl.json": json.dumps(csl_items(doc, site_url), ensure_ascii=False, indent=1) + "\n",
            f"{doc.slug}.bib": bibtex(doc, site_url)}


def head(doc: Document, variant: str, site_url: str, pdf_href: str) -> dict[str, Any]:
    """What the document page's <head> says to reference managers: Highwire citation_* fields and schema.org
    JSON-LD (type Report: schema.org has no government-report or speech type; the publisher is a
    GovernmentOrganization, the speaker a Person)."""
    m = doc.meta
    url = page_url(site_url, doc, variant)
    pdf_url = f"{site_url.rstrip('/')}/pdf/{doc.slug}.{LANG_TAGS[variant]}.pdf" if site_url else pdf_href
    title = _title(doc, variant)
    json_ld: dict[str, Any] = {"@context": "https://schema.org", "@type": "Report", "name": title,
                               "inLanguage": LANG_TAGS[variant], "version": f"{edition_date(doc)} {edition_hash(doc)}"}
    if m.get("title_en"):
        json_ld["alternateName"] = m["title_en"]
    if m.get("speaker"):
        json_ld["author"] = {"@type": "Person", "name": meta_text(doc, "speaker", variant)}
        if m.get("speaker_role"):
            json_ld["author"]["jobTitle"] = meta_text(doc, "speaker_role", variant)
    if m.get("body"):
        json_ld["publisher"] = {"@type": "GovernmentOrganization", "name": meta_text(doc, "body", variant)}
    if m.get("date"):
        json_ld["datePublished"] = m["date"]
    if m.get("kind"):
        json_ld["genre"] = meta_text(doc, "kind", variant)
    if url:
        json_ld["url"] = url
    json_ld["encoding"] = {"@type": "MediaObject", "encodingFormat": "application/pdf", "contentUrl": pdf_url}
    src = sources(doc)
    based_on = [src[k] for k in ("official_url", "source_url") if k in src]
    if based_on:
        json_ld["isBasedOn"] = based_on
    if "archived_url" in src:
        json_ld["archivedAt"] = src["archived_url"]
    return {"title": title, "authors": [meta_text(doc, "speaker", variant)] if m.get("speaker") else [],
            "date": m.get("date", ""), "date_slashes": m.get("date", "").replace("-", "/"),
            "publisher": meta_text(doc, "body", variant), "language": LANG_TAGS[variant],
            "pdf_url": pdf_url, "public_url": url, "json_ld": json_ld}
