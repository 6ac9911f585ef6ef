"""`mkdocs serve` works on the project and rebuilds when content changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_rebuilds_when_content_changes(tmp_path):
    project = copy_project(tmp_path / "p")
    port = free_port()
    mkdocs = Path(sys.executable).parent / "mkdocs"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen([str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        url = f"http://127.0.0.1:{port}/zhenjiang-2022/index.html"
        assert wait_for(lambda: "2022年镇江市政府工作报告" in fetch(url), 60), "serve did not come up"
        metadata = project / "content" / "zhenjiang-2022" / "document.yaml"
        metadata.write_text(metadata.read_text(encoding="utf-8").replace(
            "title: 2022年镇江市政府工作报告", "title: 2022年镇江市政府工作报告（修订）"), encoding="utf-8")
        assert wait_for(lambda: "2022年镇江市政府工作报告（修订）" in fetch(url), 60), "no rebuild after a content change"
    finally:
        server.terminate()
        server.wait(timeout=10)
