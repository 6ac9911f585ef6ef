"""The MkDocs glue is one declared plugin with a config schema; Material's internals sit behind a version guard;
ProperDocs builds the very same site."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import ROOT, copy_project

BIN = Path(sys.executable).parent


class EnvLoader(yaml.SafeLoader):
    pass


EnvLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node))


def test_the_plugin_is_registered_and_mkdocs_yml_uses_it_not_hooks():
    (entry,) = [e for e in metadata.entry_points(group="mkdocs.plugins") if e.name == "zhpub"]
    from zhpub.mkdocs_plugin.plugin import ZhpubPlugin

    assert entry.load() is ZhpubPlugin
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=EnvLoader)
    assert "hooks" not in config
    (zhpub,) = [p["zhpub"] for p in config["plugins"] if isinstance(p, dict) and "zhpub" in p]
    assert zhpub == {"variant": ["ZHPUB_VARIANT", "hans"]}
    assert not list((ROOT / "hooks").glob("*.py"))  # hooks/ keeps assets and overrides only


def test_the_variant_is_a_checked_config_option(tmp_path, caplog):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    project = copy_project(tmp_path / "p")
    for variant, lang in (("hans", "zh-Hans"), ("hant", "zh-Hant")):
        os.environ["ZHPUB_VARIANT"] = variant
        try:
            config = load_config(str(project / "mkdocs.yml"))
            config.plugins.on_startup(command="build", dirty=False)
            config = config.plugins.on_config(config)
        finally:
            os.environ.pop("ZHPUB_VARIANT")
        plugin = config.plugins["zhpub"]
        assert plugin.config.variant == variant and config.theme["language"] == lang
        assert plugin.renderer.variant == variant  # state lives on the instance
    os.environ["ZHPUB_VARIANT"] = "zh-TW"
    try:
        with pytest.raises(Abort):
            load_config(str(project / "mkdocs.yml"))
    finally:
        os.environ.pop("ZHPUB_VARIANT")
    assert "Plugin 'zhpub' option 'variant': Expected one of: ('hans', 'hant', 'hk') but received: 'zh-TW'" in caplog.text  # hk: when published


def test_material_outside_the_tested_range_is_a_clear_error(tmp_path, monkeypatch):
    from zhpub.build import build_site
    from zhpub.errors import ZhpubError
    from zhpub.mkdocs_plugin import material_compat

    low, high = material_compat.TESTED_MATERIAL
    assert low <= material_compat.material_version() < high  # what is installed is what was tested
    monkeypatch.setattr(material_compat, "material_version", lambda: (high[0], high[1], 0))
    project = copy_project(tmp_path / "p")
    with pytest.raises(ZhpubError) as error:
        build_site(project, tmp_path / "out", [])
    message = str(error.value)
    assert f"found {high[0]}.{high[1]}.0" in message and "material_compat.py" in message
    assert not (tmp_path / "out" / "zh-Hans" / "index.html").exists()


@pytest.mark.slow
def test_properdocs_builds_the_same_site(built, tmp_path):
    """ProperDocs 1.6.7 (the maintained MkDocs 1.6 fork) on the same mkdocs.yml: the same files, byte for byte,
    but for the generator tag it writes into every page."""
    project = built.parent
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for tag, variant in (("zh-Hans", "hans"), ("zh-Hant", "hant")):
        out = tmp_path / tag
        result = subprocess.run([str(BIN / "properdocs"), "build", "--strict", "-f", "mkdocs.yml", "-d", str(out)],
                                cwd=project, env=dict(env, ZHPUB_VARIANT=variant), capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr
        ours = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
        theirs = sorted(p.relative_to(built / "site" / tag) for p in (built / "site" / tag).rglob("*") if p.is_file())
        assert ours == theirs and len(ours) > 20
        differ = []
        for rel in ours:
            a, b = (out / rel).read_bytes(), (built / "site" / tag / rel).read_bytes()
            if rel.suffix == ".html":
                a = a.replace(b'content="mkdocs-ProperDocs 1.6.7, ', b'content="mkdocs-1.6.1, ')
            if a != b:
                differ.append(str(rel))
        assert differ == [], differ


# Material's search plugin strips its data-search-* attributes from every page after indexing it; zhpub runs that step
# with material_compat.strip_search_attributes (Material's own pattern tries every character of a page)
PIECES = [" ", "\t", "\n", "\u3000", "\x1c", "x", "p", '"', "=", "data-search-", "exclude", "<p ", ">", "é", "-",
          'data-search-exclude="p"', 'data-search-boost="0.01"', 'data-search-x=""', 'data-search-="p"', '"\n"']


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_search_attributes_are_stripped_as_materials_own_pattern_strips_them(text):
    import re

    from zhpub.mkdocs_plugin.material_compat import MATERIAL_STRIP, strip_search_attributes

    assert strip_search_attributes(text) == re.sub(MATERIAL_STRIP, "", text)


def test_the_stripped_pattern_is_the_one_materials_search_plugin_uses_and_a_real_page_strips_alike():
    import inspect
    import re

    from material.plugins.search.plugin import SearchPlugin
    from zhpub.content import ContentFolder, load_document, load_project_glossary
    from zhpub.mkdocs_plugin.material_compat import MATERIAL_STRIP, exclude_from_section_entries, strip_search_attributes
    from zhpub.render.site import SiteRenderer

    assert f'r"{MATERIAL_STRIP}"' in inspect.getsource(SearchPlugin.on_page_context)  # fails if Material changes it
    doc = load_document(ContentFolder(ROOT / "content" / "zhenjiang-2022"))
    page = SiteRenderer([doc], load_project_glossary(ROOT), "hant", "", ROOT).document(doc).markdown
    marked = exclude_from_section_entries(page)
    assert marked.count("data-search-") > 100
    assert strip_search_attributes(marked) == re.sub(MATERIAL_STRIP, "", marked)


def test_the_site_is_the_same_with_materials_own_page_step(tmp_path, monkeypatch):
    """Both editions, byte for byte, with zhpub's handler for Material's search on_page_context and with Material's."""
    from zhpub.build import build_all
    from zhpub.mkdocs_plugin import material_compat

    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("ZHPUB_CACHE", "0")
    replaced = []
    original = material_compat.faster_page_context
    monkeypatch.setattr(material_compat, "faster_page_context", lambda plugins: replaced.append(original(plugins)))
    build_all(project, {"site"}, jobs=1)
    ours = {p.relative_to(project): p.read_bytes() for p in sorted((project / "build").rglob("*")) if p.is_file()}
    assert replaced == [True, True]  # one handler replaced in each edition
    monkeypatch.setattr(material_compat, "faster_page_context", lambda plugins: False)
    build_all(project, {"site"}, jobs=1)
    theirs = {p.relative_to(project): p.read_bytes() for p in sorted((project / "build").rglob("*")) if p.is_file()}
    assert ours == theirs
