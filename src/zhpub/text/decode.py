"""Stage 1: bytes to text. UTF-8 (with or without BOM) is expected; GB18030 and Big5 are detected.

Chinese mirror sites still serve GBK/GB18030 and Big5 pages, so a scrape saved without conversion is common.
We only accept what decodes cleanly: a wrong guess would garble the whole text, which is worse than stopping.
"""

from __future__ import annotations

import re

from ..changes import Change, Stage, apply_changes
from ..errors import Location, ZhpubError, line_and_column

# Encodings tried after UTF-8, in order of how often Chinese government mirrors use them.
LEGACY_ENCODINGS = ("gb18030", "big5")


def decode_source(data: bytes, path: str = "<input>") -> tuple[Stage, str, str]:
    """Decode a raw scrape. Returns the stage (BOM and line-ending changes recorded), the encoding used and the
    decoded text as it stands in the file (what line and column numbers refer to)."""
    if not data.strip():
        raise ZhpubError("the file is empty", Location(path), "give the scraped text of a report")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ZhpubError(
            f"binary data (NUL byte at byte offset {nul})",
            Location(path),
            "this is not a text file; save the report as plain UTF-8 text",
        )

    encoding, text = _decode(data, path)
    changes: list[Change] = []
    if text.startswith("\ufeff"):
        changes.append(Change("byte-order-mark", 0, 1, "\ufeff", "", "a UTF-8 byte-order mark carries no text"))
    for m in re.finditer(r"\r\n?", text):
        changes.append(Change("line-endings", m.start(), m.end(), m.group(), "\n", "Windows/Mac line end"))
    return Stage("decode", apply_changes(text, changes), changes), encoding, text


def _decode(data: bytes, path: str) -> tuple[str, str]:
    try:
        return "utf-8", data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start

    import charset_normalizer  # only needed for legacy encodings

    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is not None:
        encoding = charset_normalizer_name(best.encoding)
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:
            pass
    for encoding in LEGACY_ENCODINGS:
        try:
            return encoding, data.decode(encoding)
        except UnicodeDecodeError:
            continue

    prefix = data[:first_bad].decode("utf-8", errors="replace")
    line, column = line_and_column(prefix, len(prefix))
    raise ZhpubError(
        f"cannot decode the file as UTF-8, GB18030 or Big5 (first invalid UTF-8 byte 0x{data[first_bad]:02x})",
        Location(path, line, column),
        "re-save the scrape as UTF-8",
    )


def charset_normalizer_name(name: str) -> str:
    return {"gb18030": "gb18030", "big5": "big5"}.get(name.replace("_", ""), name)
