"""Stage 1: bytes to text. UTF-8 (with or without BOM) is expected; UTF-16 with a BOM, GB18030 and Big5 (as
Windows code page 950, which has the common extensions such as 恒 F9DA that strict Big5 lacks) are detected.

Chinese mirror sites still serve GBK/GB18030 and Big5 pages, so a scrape saved without conversion is common;
Windows editors save "Unicode" as UTF-16. We only accept what decodes cleanly, and of the legacy encodings that
do, the one whose text has the fewest private-use characters (Big5 bytes read as GB18030 decode, but into
private-use and rare characters): a wrong guess would garble the whole text, which is worse than stopping.
"""

from __future__ import annotations

import re
import unicodedata

from ..changes import Change, Stage, apply_changes
from ..errors import Location, ZhpubError, line_and_column
from .chardata import UNREADABLE_RE

# Encodings tried after UTF-8, in order of how often Chinese government mirrors use them.
LEGACY_ENCODINGS = ("gb18030", "cp950")
# The names zhpub reports and decodes with (a codec's name is looked up case-insensitively: named once).
UTF8, UTF16 = "utf-8", "utf-16"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_source(data: bytes, path: str = "<input>") -> tuple[Stage, str, str]:
    """Decode a raw scrape. Returns the stage (BOM and line-ending changes recorded), the encoding used and the
    decoded text as it stands in the file (what line and column numbers refer to)."""
    if not data.strip():
        raise ZhpubError("the file is empty", Location(path), "give the scraped text of a report")
    if data.startswith(UTF16_BOMS):
        encoding, text = UTF16, _decode_utf16(data, path)
    else:
        nul = data.find(b"\x00")
        if nul >= 0:
            prefix = data[:nul].decode(UTF8, errors="replace")
            line, column = line_and_column(prefix, len(prefix))
            raise ZhpubError(
                f"NUL byte (byte offset {nul}): binary data, or a text in an encoding zhpub does not read",
                Location(path, line, column),
                "save the report as plain UTF-8 text",
            )
        encoding, text = _decode(data, path)
    nul = text.find("\x00")
    if nul >= 0:
        line, column = line_and_column(text, nul)
        raise ZhpubError("NUL character in the text", Location(path, line, column),
                         "delete it, or save the report as plain UTF-8 text")
    changes: list[Change] = []
    if text.startswith("\ufeff"):
        changes.append(Change("byte-order-mark", 0, 1, "\ufeff", "", "a UTF-8 byte-order mark carries no text"))
    for m in re.finditer(r"\r\n?", text):
        changes.append(Change("line-endings", m.start(), m.end(), m.group(), "\n", "Windows/Mac line end"))
    return Stage("decode", apply_changes(text, changes), changes), encoding, text


def _decode_utf16(data: bytes, path: str) -> str:
    """UTF-16 after its BOM; a text with unassigned or private-use code points or a second BOM is some other
    file that happens to start with FF FE, and is refused rather than published as garbage."""
    try:
        text = data.decode(UTF16)
    except UnicodeDecodeError as error:
        offset = error.start - error.start % 2
    else:
        bad = next((k for k, c in enumerate(text) if c == "\ufeff" or unicodedata.category(c) in ("Cn", "Co", "Cs")), -1)
        if bad < 0:
            return text
        offset = 2 + 2 * bad
    prefix = data[:offset].decode(UTF16, errors="replace")
    line, column = line_and_column(prefix, len(prefix))
    raise ZhpubError("cannot decode the file as UTF-16 (it starts with a UTF-16 byte-order mark)",
                     Location(path, line, column), "re-save the scrape as UTF-8") from None


def _decode(data: bytes, path: str) -> tuple[str, str]:
    try:
        return UTF8, data.decode(UTF8)
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start

    import charset_normalizer  # only needed for legacy encodings

    best = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    guess = charset_normalizer_name(best.encoding) if best is not None else None
    decoded = []
    for rank, encoding in enumerate(sorted(LEGACY_ENCODINGS, key=lambda e: e != guess)):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        decoded.append((len(UNREADABLE_RE.findall(text)), rank, encoding, text))
    if decoded:
        _, _, encoding, text = min(decoded)
        return encoding, text

    prefix = data[:first_bad].decode(UTF8, errors="replace")
    line, column = line_and_column(prefix, len(prefix))
    raise ZhpubError(
        f"cannot decode the file as UTF-8, GB18030 or Big5 (first invalid UTF-8 byte 0x{data[first_bad]:02x})",
        Location(path, line, column),
        "re-save the scrape as UTF-8",
    )


def charset_normalizer_name(name: str) -> str:
    return {"gb18030": "gb18030", "big5": "cp950", "cp950": "cp950"}.get(name.replace("_", ""), name)
