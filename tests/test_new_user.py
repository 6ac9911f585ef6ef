"""What a new user meets in the first hour: pointers to documentation, starting a document, the build policy."""

from __future__ import annotations

import re

from conftest import ROOT

# a project file named in a message, a comment or the README: docs/content.md, glossary/README.md, …
FILE_REF = re.compile(r"(?<![\w/.<])((?:docs|glossary|content|src|bench|scripts|tests|hooks)/[\w./-]*\w\.(?:md|ya?ml|tsv|txt|py|json))")


def project_texts():
    for pattern in ("src/zhpub/**/*.py", "content/*/*.yaml", "glossary/*.yaml", "*.md", "glossary/*.md"):
        for path in sorted(ROOT.glob(pattern)):
            if "render" in path.parts:  # names the generated site's pages (glossary/index.md), not project files
                continue
            yield path, path.read_text(encoding="utf-8")


def test_every_file_a_message_or_comment_names_exists():
    named = {(path.relative_to(ROOT).as_posix(), ref) for path, text in project_texts() for ref in FILE_REF.findall(text)}
    assert any(ref == "glossary/indicator-names.yaml" for _, ref in named)  # the scan does find references
    missing = sorted((where, ref) for where, ref in named if not (ROOT / ref).exists() and not (ROOT / "src" / "zhpub" / ref).exists())
    assert missing == []


def test_the_errata_format_error_points_at_existing_documentation(tmp_path):
    import pytest

    from zhpub.errors import ZhpubError
    from zhpub.text.errata import load_errata

    path = tmp_path / "errata.yaml"
    path.write_text("corrupted: x\n", encoding="utf-8")
    with pytest.raises(ZhpubError) as caught:
        load_errata(path)
    refs = re.findall(r"[\w/]+\.md", str(caught.value))
    assert refs and all((ROOT / r).exists() for r in refs)
