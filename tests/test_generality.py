"""The pipeline on scrapes it has never seen: clean texts corrupted the way mirrors corrupt them.

The generator (tests/corrupt.py) makes a mirror-style scrape of a clean Simplified text and remembers where it
garbled GBK spans. The pipeline must recover the clean text with a character error rate under 0.5% outside
those spans, and must repair or report every span.
"""

from __future__ import annotations

import difflib
import re

import pytest

from conftest import DATA, GOLDEN
from corrupt import corrupt
from zhpub.errors import LineIndex
from zhpub.pipeline import build_document


# Clean Simplified prose. (OpenCC's test sentences are left out on purpose: they collect the hardest ambiguous
# words, where a Simplified -> Traditional -> Simplified round trip is not the identity by design.)
CLEAN_TEXTS = {
    "zhenjiang-2022": lambda: (GOLDEN / "zhenjiang-2022.zh-Hans.txt").read_text(encoding="utf-8"),
    "us-constitution": lambda: (DATA / "opencc" / "golden" / "us_constitution_zhs.txt").read_text(encoding="utf-8"),
}
for fixture in sorted((DATA / "fixtures").glob("*.clean.txt")):
    CLEAN_TEXTS[fixture.name.split(".")[0]] = (lambda p: lambda: p.read_text(encoding="utf-8"))(fixture)


def _strip(text: str) -> tuple[str, list[int]]:
    kept = [(i, c) for i, c in enumerate(text) if not c.isspace()]
    return "".join(c for _, c in kept), [i for i, _ in kept]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("name", sorted(CLEAN_TEXTS))
def test_recovers_clean_text_and_accounts_for_every_span(name, seed):
    clean = CLEAN_TEXTS[name]()
    scrape = corrupt(clean, seed=seed, spans=4)
    doc = build_document(name, scrape.text.encode("utf-8"), f"{name}.scrape.txt")
    output = doc.text("hans")

    a, a_pos = _strip(clean)
    b, _ = _strip(output)
    spans = [(g.clean_start, g.clean_start + len(g.clean)) for g in scrape.garbled]
    errors_outside = 0
    span_touched = [False] * len(spans)
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        lo = a_pos[i1] if i1 < len(a_pos) else len(clean)
        hi = a_pos[i2 - 1] + 1 if i2 > i1 else lo
        hit = [k for k, (s, e) in enumerate(spans) if lo < e and s < max(hi, lo + 1)]
        for k in hit:
            span_touched[k] = True
        if not hit:
            errors_outside += max(i2 - i1, j2 - j1)
    assert errors_outside / len(a) < 0.005, f"CER outside spans {errors_outside / len(a):.3%}"

    assert len(doc.ids) == len(set(doc.ids))
    if not doc.problems:  # normalising a clean output again changes nothing (flagged spans are not output)
        assert build_document(name, output.encode("utf-8"), "again.txt").text("hans") == output

    index = LineIndex(scrape.text)
    flagged = [(p.line, p.column) for p in doc.problems]
    for k, g in enumerate(scrape.garbled):
        if not span_touched[k]:
            continue  # repaired exactly
        first, last = index.place(g.start), index.place(g.end - 1)
        assert any(first <= place <= last for place in flagged), f"span {g.clean!r} neither repaired nor reported"


def test_generator_really_garbles():
    scrape = corrupt(CLEAN_TEXTS["zhenjiang-2022"](), seed=1, spans=4)
    assert len(scrape.garbled) == 4
    assert re.search(r"[a-zA-Z]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", scrape.text)
    assert "," in scrape.text and "，" not in scrape.text
    assert scrape.text.splitlines()[0].count(",") >= 3  # spam line
