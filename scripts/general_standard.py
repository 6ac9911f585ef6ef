"""What src/zhpub/data/t2s-keep-standard.txt was written from: the characters of the 通用规范汉字表 (Table of General
Standard Chinese Characters, 2013) that OpenCC's character table (TSCharacters) reads as Traditional only, from Unihan's
kTGH field (each of the table's 8,105 characters with its position), as Debian's unicode-data package ships it.

    apt-get download unicode-data && dpkg -x unicode-data_*.deb /tmp/unicode-data   # a data source, not a dependency
    .venv/bin/python scripts/general_standard.py /tmp/unicode-data/usr/share/unicode/Unihan_OtherMappings.txt.bz2

prints the table's size and each such character with its code point and kTGH position (the file holds what was kept).
"""

from __future__ import annotations

import bz2
import sys
from pathlib import Path

from zhpub.text.convert import script_classes


def general_standard(path: Path) -> dict[str, str]:
    """character -> its kTGH value (2013:NNNN) for every character of the table."""
    opener = bz2.open if path.suffix == ".bz2" else open
    table = {}
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            fields = line.rstrip("\n").split("\t")
            if len(fields) == 3 and fields[1] == "kTGH" and fields[0].startswith("U+"):
                table[chr(int(fields[0][2:], 16))] = fields[2]
    return table


def main() -> None:
    table = general_standard(Path(sys.argv[1]))
    print(f"# {len(table)} characters in kTGH")
    for char in sorted(c for c in table if c in script_classes().traditional_only):
        print(f"{char}\tU+{ord(char):04X}\t{table[char]}")


if __name__ == "__main__":
    main()
