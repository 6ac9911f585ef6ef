"""Script conversion: the project's overrides, and OpenCC's own test suite to show we break nothing else."""

from __future__ import annotations

import json
import re

import pytest

from conftest import DATA
from zhpub.text.convert import glyph_fixes, overrides, zhu_words, to_simplified, to_traditional


@pytest.mark.parametrize(
    "simplified,traditional",
    [
        ("牢牢掌握发展主动权", "牢牢掌握發展主動權"),
        ("深刻把握发展规律", "深刻把握發展規律"),
        ("厚植发展根基", "厚植發展根基"),
        ("奋进新征程", "奮進新征程"),
        ("踏上新的征程", "踏上新的征程"),
        ("深化药品（耗材）集采制度改革", "深化藥品（耗材）集採制度改革"),
        ("推动金融回归服务实体经济", "推動金融回歸服務實體經濟"),
    ],
)
def test_override_phrases(simplified, traditional):
    assert to_traditional(simplified) == traditional


def test_protected_names_are_converted_as_names():
    # a protected name is in the edition's script (issue 13: 许昆林 stayed Simplified in 省長许昆林) ...
    assert to_traditional("市长谢道韫", protected=("谢道韫",)) == "市長謝道韞"
    assert to_traditional("省长许昆林", protected=("许昆林",)) == "省長許昆林"
    # ... and its surname is not read as the word the character is elsewhere
    assert to_traditional("副市长于洪涛", protected=("于洪涛",)) == "副市長于洪濤"
    assert to_traditional("副市长于洪涛") == "副市長於洪濤"
    assert to_traditional("范明同志", protected=("范明",)) == "范明同志"
    assert to_traditional("市长谢道韫", protected=(("谢道韫", "谢道韫"),)) == "市長谢道韫"  # a form given by hand


def test_mirror_glyph_confusions_are_fixed_before_simplifying():
    assert to_simplified("援藏援疆援陜") == "援藏援疆援陕"
    assert to_simplified("將著力抓好") == "将着力抓好"  # tw2s, not t2s: Taiwan-style 著
    assert to_simplified("顯著提升") == "显著提升"


def _opencc_cases():
    raw = (DATA / "opencc" / "testcases.json").read_text(encoding="utf-8")
    pat = re.compile(r'"(?:[^"\\]|\\.)*"|(/\*[\s\S]*?\*/|//.*)|(,\s*(?=[\]}]))')
    clean = pat.sub(lambda m: "" if (m.group(1) or m.group(2)) else m.group(0), raw)
    return json.loads(clean)["cases"]


def test_opencc_suite_still_passes_with_our_overrides():
    """OpenCC's own s2tw and tw2s cases, through our configs: only cases that contain an override may differ."""
    checked = failed = 0
    touched = tuple(overrides()) + tuple(glyph_fixes()) + zhu_words()
    for case in _opencc_cases():
        for config, convert in (("s2tw", to_traditional), ("tw2s", to_simplified)):
            if config not in case["expected"]:
                continue
            checked += 1
            if convert(case["input"]) != case["expected"][config] and not any(t in case["input"] for t in touched):
                failed += 1
    assert checked >= 90 and failed == 0


def test_opencc_golden_us_constitution():
    source = (DATA / "opencc" / "golden" / "us_constitution_zhs.txt").read_text(encoding="utf-8")
    expected = (DATA / "opencc" / "golden" / "us_constitution_zhs.s2tw.txt").read_text(encoding="utf-8")
    assert to_traditional(source) == expected
