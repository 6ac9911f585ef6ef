"""`mkdocs serve` on a corpus: how long from saving an edited document to the served page showing the edit.

    .venv/bin/python bench/serve_refresh.py [--documents N] [--edits K]

A temporary project with the first N shipped reports (bench/corpus_build.py's generator: copies under other slugs
beyond the 14 shipped), served by `mkdocs serve` (the Simplified edition) on a free loopback port. After the first
build has been served, one document's title (document.yaml) is edited K times, one edit at a time; for each edit the
time until its page, fetched over HTTP, carries the new title, and the CPU time `mkdocs serve` used meanwhile
(/proc/<pid>/stat, the server and its children). The build cache (.zhpub-cache/) is the project's own, as a user
has it: the first build fills it; each refresh makes the edited document's model and pages again.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_build import make_project  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """user + sys of a process and of its children that ended (fields 14-17 of /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(x) for x in fields[11:15]) / TICKS


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.2)
    raise SystemExit(f"{url} did not show {text!r} within {timeout:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=14)
    parser.add_argument("--edits", type=int, default=2)
    args = parser.parse_args()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; {args.documents} documents")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        slugs = make_project(folder, args.documents)
        slug = slugs[-1]
        port = free_port()
        server = subprocess.Popen([str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"], cwd=folder,
                                  env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/{slug}/index.html"
            meta = folder / "content" / slug / "document.yaml"
            title = next(line.split(":", 1)[1].strip() for line in meta.read_text(encoding="utf-8").splitlines()
                         if line.startswith("title:"))
            first = wait_for(url, title, 900)
            print(f"first build served after {first:.1f} s (CPU {cpu_seconds(server.pid):.1f} s)")
            for n in range(1, args.edits + 1):
                time.sleep(1)  # the watcher settles
                marker = f"修订{n}"
                cpu = cpu_seconds(server.pid)
                text = meta.read_text(encoding="utf-8")
                meta.write_text(text.replace("title: ", f"title: {marker}", 1), encoding="utf-8")
                seconds = wait_for(url, marker, 600)
                time.sleep(0.5)  # the rebuild's last steps (sitemap, search) after the page was written
                print(f"edit {n} ({slug}/document.yaml title): page refreshed after {seconds:.1f} s wall, "
                      f"{cpu_seconds(server.pid) - cpu:.1f} s CPU; load average {os.getloadavg()[0]:.1f}")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
