"""HTML comes only from the autoescaping templates: no Python string writes markup, Markdown reads no payload."""

from __future__ import annotations

import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import ROOT
from test_plugin import EnvLoader

RENDER = ROOT / "src" / "zhpub" / "render"
TAG = re.compile(r"<[A-Za-z/!]")
PAYLOADS = [
    "{ onmouseover=alert(1) style=position:fixed;top:0;left:0;width:100%;height:100% }",
    "[x](javascript:alert(1))", "![](https://example.invalid/x.png)", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% raw %}", "**b** _i_ `c`", "# h", "a\n# h\n\n<b>x</b>",
    "\\{ #evil } &amp; &#60;", "1. 2) - + * > q",
]


def python_sources() -> list[Path]:
    """The renderers and the MkDocs plugin, but for the one module that speaks Material's own formats (its search
    index holds text as HTML, and paragraphs are marked for its search parser)."""
    plugin = ROOT / "src" / "zhpub" / "mkdocs_plugin"
    return sorted(RENDER.rglob("*.py")) + sorted(p for p in plugin.rglob("*.py") if p.name != "material_compat.py")


def strings_outside_docstrings(tree: ast.AST):
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            yield node.lineno, "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_no_python_string_in_the_renderers_writes_markup():
    found = []
    for path in python_sources():
        for line, text in strings_outside_docstrings(ast.parse(path.read_text(encoding="utf-8"))):
            if TAG.search(text):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text[:60]!r}")
    assert found == [], "HTML belongs in src/zhpub/render/templates/:\n" + "\n".join(found)
    assert len(python_sources()) >= 8  # the check reads the real package


class Elements(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def site_markdown(text: str) -> str:
    """Python-Markdown with the extensions mkdocs.yml configures, as MkDocs runs it."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=EnvLoader)
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    return markdown.markdown(text, extensions=names)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_heading_shows_any_text_literally(payload):
    from zhpub.render.templates import md_heading

    parsed = Elements()
    parsed.feed(site_markdown(f"## {md_heading(payload)} {{ #s1 }}"))
    assert parsed.elements == [("h2", {"id": "s1"})]  # no attribute, link, image or script from the payload
    assert "".join(parsed.text).replace("\n", " ") == payload.replace("\n", " ")


def test_every_page_template_autoescapes_and_urls_are_http_only():
    from zhpub.render.templates import environment, http_url

    env = environment(None)
    for name in env.list_templates():
        template = env.get_template(name)
        assert template.environment.autoescape is True, name
    assert env.from_string("{{ x }}").render(x="<script>&") == "&lt;script&gt;&amp;"
    assert http_url("https://example.org/a") == "https://example.org/a"
    for bad in ("javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//example.org", " https://x"):
        with pytest.raises(ValueError):
            http_url(bad)


def test_a_source_address_reads_decoded_and_keeps_its_href():
    from zhpub.render.templates import environment, readable_url

    url = "https://zh.wikisource.org/wiki/2024%E5%B9%B4%E5%9B%BD%E5%8A%A1%E9%99%A2"
    assert readable_url(url) == "https://zh.wikisource.org/wiki/2024年国务院"
    assert readable_url("https://a.b/%C9%FA") == "https://a.b/%C9%FA"  # GBK escapes are not UTF-8: left as given
    assert readable_url("https://a.b/x%E2%80%AEy") == "https://a.b/x%E2%80%AEy"  # a hidden control stays escaped
    assert readable_url("https://a.b/%3Cb%3E") == "https://a.b/<b>"
    html = environment(None).from_string('<a href="{{ u|http_url }}">{{ u|readable_url }}</a>').render(u="https://a.b/%3Cb%3E")
    assert html == '<a href="https://a.b/%3Cb%3E">https://a.b/&lt;b&gt;</a>'  # decoded text is still escaped


def test_a_project_override_comes_before_the_built_in_template(tmp_path, shipped):
    from zhpub.content import load_project_glossary
    from zhpub.render.print_html import print_html
    from zhpub.render.site import SiteRenderer

    overrides = tmp_path / "hooks" / "overrides" / "zhpub" / "fragments"
    overrides.mkdir(parents=True)
    (overrides / "meta.html").write_text(
        '{% macro meta_list(rows, class) %}<ul class="custom-{{ class }}">{% for k, v in rows %}<li>{{ k }}={{ v }}</li>'
        "{% endfor %}</ul>{% endmacro %}", encoding="utf-8")
    glossary = load_project_glossary(ROOT)
    page = next(p for p in SiteRenderer([shipped], glossary, "hans", "", tmp_path).pages() if p.path == "zhenjiang-2022/index.md")
    assert '<ul class="custom-zh-docmeta"><li>报告人=市长 徐曙海</li>' in page.markdown
    assert '<ul class="custom-cover-meta">' in print_html(shipped, glossary, "hant", "2022-03-01", tmp_path)  # shared by the PDF
    plain = next(p for p in SiteRenderer([shipped], glossary, "hans").pages() if p.path == "zhenjiang-2022/index.md")
    assert '<dl class="zh-docmeta"><dt>报告人</dt><dd>市长 徐曙海</dd>' in plain.markdown  # without overrides: built-in
