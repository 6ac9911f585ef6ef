"""What the build's processes share instead of each holding its own copy (the corpus-scale memory of issue 9):
the search's jieba segmenter uses the converter's dictionary, and the pool's workers are forked after the converter
is loaded, fresh for each step of a build. Each check runs in a new interpreter: jieba's segmenter and the pool's
start method are per process (a test's browser thread elsewhere in the session would make the pool use forkserver)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conftest import SHIPPED, child_env


def run_python(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=600,
                         env=child_env(NO_MKDOCS_2_WARNING="1"))
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_search_segmenter_uses_the_converters_dictionary_and_cuts_as_its_own_would():
    found = run_python(f"""
        import json, jieba
        from pathlib import Path
        from zhpub.mkdocs_plugin import material_compat
        from zhpub.text.convert import jieba_dictionary

        text = Path({str(SHIPPED / "source.txt")!r}).read_text(encoding="utf-8")[:6000]
        own = jieba.Tokenizer()  # a segmenter with a dictionary of its own, as Material's was
        own.tmp_dir = str(Path.home() / ".cache" / "zhpub")  # its cache file, not one in /tmp
        expected = own.lcut(text)
        segment = material_compat.segmenter()
        freq, total = jieba_dictionary()
        same = jieba.lcut(text) == expected
        try:
            jieba.add_word("不可能的词语")
            writable = True
        except TypeError:
            writable = False
        freq["不可能的词语"] = 7  # one dictionary: what the converter's holds, the search's sees
        print(json.dumps({{"same": same, "words": len(expected), "total": jieba.dt.total == total,
                          "shared": jieba.dt.FREQ.get("不可能的词语") == 7,
                          "marks": segment("推动高质量发展").count("\\u200b"), "writable": writable}}))
    """)
    assert found["same"] and found["words"] > 1000  # the same cut of a real report's text
    assert found["shared"] and found["total"]
    assert found["marks"] >= 2  # Material's segmentation still cuts the words
    assert not found["writable"]  # a word added to the search's segmenter would change conversions: refused


def test_a_user_dictionary_set_for_the_search_is_loaded_as_before(tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("高质量发展 100000 n\n", encoding="utf-8")
    found = run_python(f"""
        import json, jieba
        jieba.load_userdict({str(words)!r})  # what Material does with mkdocs.yml's search: jieba_dict_user
        from zhpub.mkdocs_plugin import material_compat
        from zhpub.text.convert import jieba_dictionary, to_traditional

        segment = material_compat.segmenter()
        print(json.dumps({{"cut": segment("推动高质量发展"), "own": jieba_dictionary()[0].get("高质量发展", 0)}}))
    """)
    assert "\u200b高质量发展" in found["cut"]  # the user's word, as one
    assert found["own"] == 0  # and the converter's dictionary is not changed by it


def test_pool_workers_are_forked_after_prepare_and_restarted_between_steps():
    found = run_python("""
        import gc, json, os
        from zhpub import build

        loaded = []

        def prepare():
            loaded.append(os.getpid())

        def worker_state():
            return os.getpid(), len(loaded), gc.get_freeze_count() > 0

        with build.LazyPool(2, prepare) as pool:
            first = [pool.submit(worker_state).result() for _ in range(4)]
            frozen_while_running = gc.get_freeze_count() > 0
            pool.restart()
            after_restart = gc.get_freeze_count()
            second = [pool.submit(worker_state).result() for _ in range(4)]
        print(json.dumps({"first": first, "second": second, "prepared": len(loaded), "frozen": frozen_while_running,
                          "after_restart": after_restart, "after_end": gc.get_freeze_count()}))
    """)
    assert found["prepared"] == 2  # once before each set of workers, in this process
    # the workers see what was loaded before they were forked, and do not collect it (frozen)
    assert all(loaded == 1 and frozen for _, loaded, frozen in found["first"])
    assert all(loaded == 2 and frozen for _, loaded, frozen in found["second"])
    assert not {pid for pid, *_ in found["first"]} & {pid for pid, *_ in found["second"]}  # fresh workers
    assert found["frozen"] and found["after_restart"] == 0 and found["after_end"] == 0  # unfrozen when they end


def test_a_build_whose_pdfs_are_all_cached_starts_no_worker(tmp_path, monkeypatch):
    from conftest import copy_project
    from zhpub import build

    project = copy_project(tmp_path / "project")
    first = build.BuildReport()
    build.build_all(project, {"pdf"}, report=first, jobs=2)
    pdfs = sorted((project / "build" / "pdf").iterdir())
    assert len(pdfs) == 2 and sorted(first.built) == [f"pdf/{p.name}" for p in pdfs]
    before = {p.name: p.read_bytes() for p in pdfs}
    started = []
    monkeypatch.setattr(build.LazyPool, "submit", lambda self, fn, *a, **k: started.append(fn))
    again = build.BuildReport()
    build.build_all(project, {"pdf"}, report=again, jobs=2)
    assert started == [] and again.built == [] and sorted(again.reused) == sorted(first.built)
    assert {p.name: p.read_bytes() for p in (project / "build" / "pdf").iterdir()} == before


def test_the_site_editions_workers_inherit_mkdocs_and_the_models_from_the_build(tmp_path):
    """The build reads every model and sets MkDocs up (build.load_site_engine) before it forks the editions' workers:
    a worker imports nothing of MkDocs or Material and loads no model again (content._Place: the plugin's absolute
    path and the build's relative one are one entry)."""
    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    found = run_python(f"""
        import json, os, sys
        from pathlib import Path
        from zhpub import build, content

        os.chdir({str(project)!r})
        main = os.getpid()
        real = build.build_variant
        log = Path("variants.log")

        def traced(root, out, variant):
            imported = "mkdocs.config" in sys.modules and "material.plugins.search.plugin" in sys.modules
            before = content._load_cached.cache_info()
            result = real(root, out, variant)
            after = content._load_cached.cache_info()
            with log.open("a") as f:
                f.write(json.dumps([variant, os.getpid() != main, imported, after.misses - before.misses,
                                    after.hits - before.hits]) + "\\n")
            return result

        build.build_variant = traced
        build.build_all(Path("."), {{"site"}}, jobs=2)
        print(json.dumps(sorted(json.loads(line) for line in log.read_text().splitlines())))
    """)
    assert [variant for variant, *_ in found] == ["hans", "hant"]
    for variant, in_a_worker, imported, misses, hits in found:
        assert in_a_worker and imported and misses == 0 and hits >= 1, (variant, in_a_worker, imported, misses, hits)
