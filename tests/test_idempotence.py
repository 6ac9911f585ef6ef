"""Already clean Simplified text goes through the pipeline unchanged (property test over real paragraphs)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import GOLDEN
from zhpub.pipeline import normalise_text

PARAGRAPHS = (GOLDEN / "zhenjiang-2022.zh-Hans.txt").read_text(encoding="utf-8").strip().split("\n\n")
BODY = PARAGRAPHS[3:]  # after the title block


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(BODY), min_size=1, max_size=6))
def test_clean_paragraphs_pass_unchanged(paragraphs):
    text = "\n\n".join(paragraphs)
    result = normalise_text(text.encode("utf-8"), "clean.txt")
    assert result.text == text
    assert result.problems == []
    assert all(not stage.changes for stage in result.stages)


def test_whole_clean_report_passes_unchanged():
    text = "\n\n".join(PARAGRAPHS)
    result = normalise_text(text.encode("utf-8"), "clean.txt")
    assert result.text == text
    assert sum(len(s.changes) for s in result.stages) == 0
