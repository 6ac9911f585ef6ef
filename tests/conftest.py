from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
GOLDEN = ROOT / "tests" / "golden"
SHIPPED = ROOT / "content" / "zhenjiang-2022"

sys.path.insert(0, str(ROOT / "tests"))  # corrupt.py and other test helpers


@pytest.fixture(scope="session")
def shipped():
    from zhpub.content import ContentFolder, load_document

    return load_document(ContentFolder(SHIPPED))
