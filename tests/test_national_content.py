"""The State Council's reports 2013–2025 shipped in content/national-YYYY/: the scrapes byte for byte, their
metadata, and what they read as (headings as read by hand, no text left garbled, every id recorded)."""

from __future__ import annotations

import hashlib
import re

import pytest
import yaml

from conftest import DATA, ROOT
from national import REPORTS, heading_scores

pytestmark = pytest.mark.slow
YEARS = range(2013, 2026)


def provenance_table() -> dict[str, str]:
    """file -> first 16 hex digits of its sha256, from the table in tests/data/national/README.md (written from
    the files as found, before they were shipped)."""
    text = (DATA / "national" / "README.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| (national-\d{4}\.txt) \| \d{4} \| \d+ \| ([0-9a-f]{16}) \|", text, re.M))


@pytest.fixture(scope="module")
def national_docs(shipped_documents):
    return {y: shipped_documents[f"national-{y}"] for y in YEARS}


def test_every_year_is_shipped():
    shipped = sorted(p.name for p in (ROOT / "content").glob("national-*"))
    assert shipped == [f"national-{y}" for y in YEARS] == REPORTS


@pytest.mark.parametrize("year", YEARS)
def test_source_is_the_scrape_byte_for_byte(year):
    shipped = (ROOT / "content" / f"national-{year}" / "source.txt").read_bytes()
    table = provenance_table()
    assert len(table) == len(YEARS)
    assert hashlib.sha256(shipped).hexdigest()[:16] == table[f"national-{year}.txt"]
    assert shipped == (DATA / "national" / f"national-{year}.txt").read_bytes()


@pytest.mark.parametrize("year", YEARS)
def test_metadata_names_series_year_and_speaker(year):
    meta = yaml.safe_load((ROOT / "content" / f"national-{year}" / "document.yaml").read_text(encoding="utf-8"))
    assert meta["series"] == "national" and meta["year"] == year and meta["date"].startswith(f"{year}-")
    speaker = {2013: "温家宝", 2024: "李强", 2025: "李强"}.get(year, "李克强")
    assert meta["speaker"] == speaker and meta["names"] == [speaker]
    assert meta["speaker_en"] == {"温家宝": "Wen Jiabao", "李克强": "Li Keqiang", "李强": "Li Qiang"}[speaker]
    assert not (ROOT / "content" / f"national-{year}" / "errata.yaml").exists()  # no hand-written errata


def test_shipped_reports_read_as_read_by_hand(national_docs):
    for year, doc in national_docs.items():
        right, found, expected = heading_scores(doc, f"national-{year}")
        assert right == found == expected, year
        assert not doc.problems, year
        # every block has visible text (a scrape's stray zero-width line is no paragraph)
        assert all(b.text["hans"].strip("\u200b\u200c\u200d\u2060\ufeff \u3000") for b in doc.blocks), year
        assert doc.meta["title"] == f"{year}年国务院政府工作报告" + ("（文字实录）" if year == 2020 else "")


def test_every_id_is_recorded(national_docs):
    from zhpub.manifest import read_manifest

    for year, doc in national_docs.items():
        manifest = read_manifest(ROOT / "content" / f"national-{year}" / "published-ids.jsonl")
        live = {e.id for e in manifest.entries if not e.retired}
        assert {b.id for b in doc.blocks} <= live, year
        assert {r.id for r in doc.indicators} <= live, year


def test_full_width_percent_is_kept_and_read_as_percent(national_docs):
    """The 2021 scrape writes three percentages with a full-width ％ (the rest with %): the canonical text keeps
    them as the source has them (README: design decisions), and the indicators read them as %."""
    doc = national_docs[2021]
    text = "".join(b.text["hans"] for b in doc.blocks)
    source = (ROOT / "content" / "national-2021" / "source.txt").read_text(encoding="utf-8")
    assert text.count("％") == source.count("％") == 3
    rows = [r for r in doc.indicators if "％" in r.phrase]
    assert len(rows) == 3 and {r.unit for r in rows} == {"%"}
