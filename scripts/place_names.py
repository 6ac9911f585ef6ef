"""What src/zhpub/data/s2t-place-names.tsv and s2t-place-characters.tsv were written from: JioNLP's list of
China's administrative divisions (jionlp/dictionary/china_location.zip, Apache-2.0), read out of its wheel.

    pip download --no-deps -c constraints.txt jionlp==1.5.31 -d /tmp/jionlp   # not a dependency: a data source
    .venv/bin/python scripts/place_names.py /tmp/jionlp/jionlp-1.5.31-py2.py3-none-any.whl

prints, for review by reading (the TSVs hold what the review decided, not this output):
- every province, prefecture and county name (full and short) holding a character that OpenCC maps to more than
  one Traditional character, as zhpub converts it today, grouped by that character and the form it came out as;
- the first character of each prefecture-level city, with the form it takes in the city's name, and where that
  form differs from the character converted alone (沈 -> 瀋 from 沈阳, 岳 -> 岳 from 岳阳), or where two places that
  begin with it disagree (台州 台 / 台湾 臺);
- each character that begins county-level names, where all of them agree on a form that differs from the character
  alone (于 -> 于: 于洪区, 于田县, 于都县; alone it is the preposition 於).
"""

from __future__ import annotations

import collections
import io
import sys
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from convert_accuracy import one_to_many  # noqa: E402

from zhpub.text.convert import to_traditional  # noqa: E402


def divisions(wheel: Path) -> list[tuple[int, str, str]]:
    """(level: 0 province, 1 prefecture, 2 county; full name; short name) from the wheel's china_location.txt."""
    with zipfile.ZipFile(wheel) as outer:
        inner = zipfile.ZipFile(io.BytesIO(outer.read("jionlp/dictionary/china_location.zip")))
        text = inner.read("china_location.txt").decode("utf-8")
    rows = []
    for line in text.splitlines():
        level = len(line) - len(line.lstrip("\t"))
        fields = line.strip().split("\t")
        if level <= 2 and len(fields) == 3 and not fields[0].endswith("行政区划"):  # 省直辖行政区划: no place
            rows.append((level, fields[0], fields[2]))
    return rows


def main() -> None:
    rows = divisions(Path(sys.argv[1]))
    table = one_to_many()
    groups: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for _, full, short in rows:
        for name in (full, short):
            converted = to_traditional(name)
            for simplified, traditional in zip(name, converted):
                if simplified in table:
                    groups[(simplified, traditional)].add(name)
    print("# names by one-to-many character and the form zhpub gives it")
    for (simplified, traditional), names in sorted(groups.items()):
        print(f"{simplified}->{traditional}\t{' '.join(sorted(names, key=lambda n: (len(n), n)))}")

    print("\n# first characters of prefecture-level cities (and provinces' short names)")
    forms: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for level, full, short in rows:
        if level <= 1:
            forms[full[0]][to_traditional(full)[0]].append(full)
    print("".join(sorted(forms)))
    for char, found in sorted(forms.items()):
        if len(found) > 1 or to_traditional(char) not in found:
            print(f"{char}\talone {to_traditional(char)}\t" + "\t".join(f"{f}: {' '.join(v)}" for f, v in found.items()))

    print("\n# initials of county-level names that agree on a form other than the character's alone")
    initials: dict[str, dict[str, list[str]]] = collections.defaultdict(lambda: collections.defaultdict(list))
    for level, full, _ in rows:
        if level == 2 and full[0] in table:
            initials[full[0]][to_traditional(full)[0]].append(full)
    for char, found in sorted(initials.items()):
        if len(found) == 1 and to_traditional(char) not in found:
            print(f"{char}\talone {to_traditional(char)}\t" + "\t".join(f"{f}: {' '.join(v)}" for f, v in found.items()))


if __name__ == "__main__":
    main()
