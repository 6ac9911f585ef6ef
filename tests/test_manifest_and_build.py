"""Published ids never disappear, and a build is all or nothing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED
from zhpub.build import build_all
from zhpub.errors import ZhpubError
from zhpub.pipeline import reconstruct_source
from zhpub.model import RecordedChange


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "content" / SHIPPED.name)
    shutil.copytree(SHIPPED.parents[1] / "corpus", tmp_path / "corpus")  # the series the document names
    return tmp_path


def test_every_shipped_id_is_in_the_manifest_with_the_text_it_names(shipped):
    from zhpub.manifest import read_manifest

    manifest = read_manifest(SHIPPED / "published-ids.jsonl")
    assert list(manifest.ids) == shipped.anchor_ids
    texts = {e.id: e.text for e in manifest.entries}
    assert all(texts[b.id] == b.text["hans"] for b in shipped.blocks)
    assert all(texts[i.id] == i.phrase for i in shipped.indicators)
    assert shipped.id_errors == [] and shipped.id_changes == []


def test_build_writes_data_and_the_record_rebuilds_the_source(project):
    build_all(project, {"data"})
    record = json.loads((project / "build" / "data" / "zhenjiang-2022.corrections.json").read_text(encoding="utf-8"))
    model = json.loads((project / "build" / "data" / "zhenjiang-2022.json").read_text(encoding="utf-8"))
    assert record["counts"]["errata"] == 3 and record["counts"]["mojibake-reconstruct"] == 2 and sum(record["counts"].values()) == len(record["changes"])
    text = "\n\n".join(b["text"]["hans"] for b in model["blocks"])
    changes = [RecordedChange(**c) for c in record["changes"]]
    assert reconstruct_source(text, changes) == (SHIPPED / "source.txt").read_text(encoding="utf-8")


def test_build_that_would_drop_a_published_id_fails_and_leaves_old_output(project):
    build_all(project, {"data"})
    before = (project / "build" / "data" / "zhenjiang-2022.json").read_bytes()
    manifest = project / "content" / "zhenjiang-2022" / "published-ids.jsonl"
    manifest.write_text(manifest.read_text(encoding="utf-8") + entry("s3-9-p1", "一段已经发布、现在不见了的文字。"), encoding="utf-8")
    with pytest.raises(ZhpubError) as error:
        build_all(project, {"data"})
    assert "'s3-9-p1' is gone" in str(error.value) and "published-ids.jsonl:206" in str(error.value)
    assert "一段已经发布、现在不见了的文字" in str(error.value) and "--retire s3-9-p1->" in str(error.value)
    assert (project / "build" / "data" / "zhenjiang-2022.json").read_bytes() == before
    assert not any(p.name.startswith(".staging") for p in (project / "build").iterdir())


def test_a_redirected_id_is_accepted(project):
    manifest = project / "content" / "zhenjiang-2022" / "published-ids.jsonl"
    manifest.write_text(manifest.read_text(encoding="utf-8") + entry("s3-9-p1", "旧文字", retired="s3-8-p1", **{"in": 2}),
                        encoding="utf-8")
    build_all(project, {"data"})
    revisions = json.loads((project / "build" / "data" / "zhenjiang-2022.revisions.json").read_text(encoding="utf-8"))
    assert revisions["redirects"] == {"s3-9-p1": "s3-8-p1"}


def entry(id_: str, text: str, **more) -> str:
    from zhpub.manifest import fingerprint

    return json.dumps({"id": id_, "sha": fingerprint(text), "text": text, "since": 1, **more}, ensure_ascii=False) + "\n"


def test_unresolved_corruption_is_never_published(project):
    (project / "content" / "zhenjiang-2022" / "errata.yaml").unlink()
    with pytest.raises(ZhpubError) as error:
        build_all(project, {"data"})
    assert "source.txt:51:141" in str(error.value)
    assert not (project / "build" / "data").exists()


def test_builds_are_byte_identical(project, tmp_path):
    from zhpub import content

    build_all(project, {"data"})
    first = {p.name: p.read_bytes() for p in (project / "build" / "data").iterdir()}
    content._load_cached.cache_clear()  # the second build runs the whole pipeline again
    content._glossary_cached.cache_clear()
    shutil.rmtree(project / ".zhpub-cache")  # (the build cache, cache.py, would serve the first build's models)
    build_all(project, {"data"})
    second = {p.name: p.read_bytes() for p in (project / "build" / "data").iterdir()}
    assert first == second
