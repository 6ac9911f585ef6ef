"""build/ is replaced in one step: a build killed at any point leaves it wholly old or wholly new, and nothing
is left behind in build/ or in the temporary directory. The kills are real: strace delivers SIGKILL at the
chosen system call of a real `zhpub build` process."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copy_project

ZHPUB = Path(sys.executable).with_name("zhpub")
STRACE = shutil.which("strace")


def tree(folder: Path) -> dict[str, str]:
    """Every file under folder (relative path -> sha256), the whole state a reader can see."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    (tmp_path / "tmp").mkdir()
    return project


def run(project: Path, *args: str, kill_at: str | None = None) -> subprocess.CompletedProcess:
    """`zhpub build --only data` in its own process, with a private TMPDIR (so leftovers can be counted);
    ``kill_at``: an strace injection such as ``rename,renameat,renameat2:when=1`` that sends SIGKILL. The build
    cache is off, so the n-th rename, write or unlink is build/'s (the cache's own are killed in
    test_killed_while_filling_the_cache_leaves_no_half_entry)."""
    env = {**os.environ, "TMPDIR": str(project.parent / "tmp"), "PYTHONDONTWRITEBYTECODE": "1", "ZHPUB_CACHE": "0"}
    command = [str(ZHPUB), "build", *(args or ("--only", "data"))]
    if kill_at:
        syscalls, _, when = kill_at.partition(":")
        command = [STRACE, "-f", "-qq", "-o", os.devnull, "-e", f"trace={syscalls}",
                   "-e", f"inject={syscalls}:signal=SIGKILL:{when}", *command]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def leftovers(project: Path) -> list[str]:
    """Staging folders beside build/, anything hidden in build/, and anything in the private TMPDIR."""
    found = [p.name for p in project.iterdir() if p.name.startswith(".build-staging-")]
    if (project / "build").exists():
        found += [p.name for p in (project / "build").iterdir() if p.name.startswith(".")]
    found += [f"tmp/{p.name}" for p in (project.parent / "tmp").iterdir()]
    return found


def edit(project: Path) -> None:
    """A change that alters every data file of the document: a new English title."""
    meta = project / "content" / "zhenjiang-2022" / "document.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("(2022)", "(2022, revised)"), encoding="utf-8")


def old_build(project: Path) -> dict[str, str]:
    """A first build (data) beside hand-placed site/ and pdf/ parts, so a part-by-part swap would show."""
    assert run(project).returncode == 0
    for part in ("site", "pdf"):
        (project / "build" / part).mkdir()
        (project / "build" / part / "index.html").write_text(f"old {part}\n", encoding="utf-8")
    return tree(project / "build")


def test_killed_at_the_swap_leaves_the_old_build_and_the_next_build_cleans_up(project):
    old = old_build(project)
    edit(project)
    killed = run(project, kill_at="rename,renameat,renameat2:when=1")
    assert killed.returncode != 0, killed.stderr
    assert tree(project / "build") == old  # wholly old: the swap never happened
    assert [p for p in leftovers(project) if not p.startswith("tmp/")], "a killed build leaves its staging folder"
    assert not [p for p in leftovers(project) if p.startswith("tmp/")]  # but nothing in the temp directory
    done = run(project)
    assert done.returncode == 0, done.stderr
    new = tree(project / "build")
    assert new != old and new["site/index.html"] == old["site/index.html"]  # data new, other parts kept
    assert leftovers(project) == []


def test_every_rename_of_a_build_is_the_one_swap(project):
    """Trace a whole build: it renames exactly once (the exchange), so 'killed at each rename' is the test above."""
    old_build(project)
    edit(project)
    env = {**os.environ, "TMPDIR": str(project.parent / "tmp"), "PYTHONDONTWRITEBYTECODE": "1", "ZHPUB_CACHE": "0"}
    log = project.parent / "strace.log"
    subprocess.run([STRACE, "-f", "-qq", "-o", str(log), "-e", "trace=rename,renameat,renameat2",
                    str(ZHPUB), "build", "--only", "data"], cwd=project, env=env, check=True, timeout=600)
    calls = [line for line in log.read_text().splitlines() if "rename" in line]
    assert len(calls) == 1 and "RENAME_EXCHANGE" in calls[0], calls


@pytest.mark.parametrize("when", [1, 3])
def test_killed_while_writing_leaves_the_old_build(project, when):
    old = old_build(project)
    edit(project)
    killed = run(project, kill_at=f"write:when={when}")
    assert killed.returncode != 0
    assert tree(project / "build") == old
    assert run(project).returncode == 0 and leftovers(project) == []


def test_killed_while_deleting_the_old_tree_leaves_the_new_build(project):
    old_build(project)
    edit(project)
    reference = copy_project(project.parent / "reference")
    edit(reference)
    (reference.parent / "tmp").mkdir(exist_ok=True)
    shutil.copytree(project / "build", reference / "build")
    assert run(reference).returncode == 0
    new = tree(reference / "build")
    # the old tree is deleted after the swap: kill at its first file removal
    killed = run(project, kill_at="unlink,unlinkat:when=1")
    assert killed.returncode != 0
    assert tree(project / "build") == new  # wholly new
    assert run(project).returncode == 0
    assert tree(project / "build") == new and leftovers(project) == []


def test_a_second_build_in_the_same_project_is_refused(project):
    from zhpub.build import build_lock

    with build_lock(project):
        second = run(project)
    assert second.returncode == 1
    assert "another zhpub build is running in this project" in second.stderr
    assert not (project / "build").exists() and leftovers(project) == []
    assert run(project).returncode == 0  # the lock went with the holder


def test_a_full_build_leaves_nothing_in_the_temp_directory(project):
    done = run(project, "--only", "data", "--only", "site", "--only", "pdf")
    assert done.returncode == 0, done.stderr
    assert {"data", "site", "pdf"} <= {p.name for p in (project / "build").iterdir()}
    assert leftovers(project) == []


@pytest.mark.parametrize("when", [1, 2])
def test_killed_while_filling_the_cache_leaves_no_half_entry(project, when):
    """With the cache on, a process's first renames are the cache's (an entry goes in under a temporary name, then
    is renamed; strace counts per process: the build's first is its data entry, the second the swap, the model's
    is in a worker): killed at either, build/ stays old, and the next build is complete, serves what a build
    without the cache makes, and clears the killed build's temporary entry."""
    old = old_build(project)
    shutil.rmtree(project / ".zhpub-cache", ignore_errors=True)
    edit(project)
    env = {**os.environ, "TMPDIR": str(project.parent / "tmp"), "PYTHONDONTWRITEBYTECODE": "1"}
    killed = subprocess.run([STRACE, "-f", "-qq", "-o", os.devnull, "-e", "trace=rename,renameat,renameat2",
                             "-e", f"inject=rename,renameat,renameat2:signal=SIGKILL:when={when}", str(ZHPUB), "build",
                             "--only", "data"], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert killed.returncode != 0
    assert tree(project / "build") == old
    assert subprocess.run([str(ZHPUB), "build", "--only", "data"], cwd=project, env=env, timeout=600).returncode == 0
    cached = tree(project / "build")
    assert not [p for p in (project / ".zhpub-cache").rglob("*") if p.name.startswith(".tmp-")]
    assert run(project).returncode == 0  # without the cache
    assert tree(project / "build") == cached and leftovers(project) == []
