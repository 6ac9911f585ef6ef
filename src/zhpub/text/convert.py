"""Script conversion with OpenCC (the official binding), plus the project's override phrases.

- To Simplified: ``tw2s``, after fixing glyphs mirrors confuse (``data/t2s-glyph-fixes.tsv``)
  and keeping the words whose 著 is zhù (``data/t2s-keep-zhu.txt``), which tw2s would turn into 着. Mirror sites convert with Taiwan-style glyphs (著 for 着); OpenCC's plain ``t2s``
  keeps 著力 where the original has 着力 (14 wrong characters on the shipped report), ``tw2s`` fixes them.
- To Traditional: ``s2tw`` (Taiwan-standard glyphs, no vocabulary change) or ``s2hk``, with the phrases in
  ``data/s2t-overrides.tsv`` and a document's protected names placed in front of OpenCC's own dictionaries.
  OpenCC reads custom dictionaries only through a config file with absolute paths, so we write one: into
  anonymous in-memory files (memfd, named /proc/self/fd/N) that the kernel frees with the process, even one
  killed by SIGKILL; OpenCC reads them whole while it is constructed, and we close them right after. (Where
  there is no memfd, a temporary folder removed as soon as the converter exists.)
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import opencc

VARIANTS = {"hant": "s2tw", "hk": "s2hk"}  # variant name -> OpenCC config

_SHARE = Path(opencc.__file__).parent / "clib" / "share" / "opencc"


@functools.lru_cache(maxsize=None)
def _table(name: str) -> dict[str, str]:
    text = resources.files("zhpub").joinpath(f"data/{name}").read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            found, meant = line.split("\t")
            table[found] = meant
    return table


def overrides() -> dict[str, str]:
    """The project's Simplified -> Traditional override phrases."""
    return _table("s2t-overrides.tsv")


def glyph_fixes() -> dict[str, str]:
    """Traditional glyphs mirrors confuse -> the character meant, applied before conversion to Simplified."""
    return _table("t2s-glyph-fixes.tsv")


@functools.lru_cache(maxsize=None)
def zhu_words() -> tuple[str, ...]:
    """Words whose 著 is zhù: kept from tw2s's Taiwan-variant step (see data/t2s-keep-zhu.txt)."""
    text = resources.files("zhpub").joinpath("data/t2s-keep-zhu.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@functools.lru_cache(maxsize=None)
def _simplifier() -> opencc.OpenCC:
    return _custom_converter(
        "tw2s",
        tuple(sorted(glyph_fixes().items())),
        first_step=True,
        keep=zhu_words(),
    )


def to_simplified(text: str) -> str:
    return _simplifier().convert(text)


def surnames() -> dict[str, str]:
    """Surnames whose Traditional form differs from OpenCC's reading of the character alone (于 stays 于)."""
    return _table("s2t-surnames.tsv")


def name_to_traditional(name: str, variant: str = "hant") -> str:
    """A personal name converted as a name: the surname by the surname table, the given name by OpenCC on its own,
    so neither merges with the words around it into a phrase (于洪涛 -> 于洪濤, not 於洪濤; 许昆林 -> 許昆林)."""
    if variant not in VARIANTS or not name:
        return to_traditional(name, variant)
    plain = _plain(VARIANTS[variant])
    head = surnames().get(name[0]) or plain.convert(name[0])
    return head + plain.convert(name[1:])


@functools.lru_cache(maxsize=None)
def _plain(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


Protected = str | tuple[str, str]  # a name, or a name with its Traditional form given by hand


def to_traditional(text: str, variant: str = "hant", protected: tuple[Protected, ...] = ()) -> str:
    """``protected``: a document's names, each converted as a name (``name_to_traditional``) or as given."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; choose one of {sorted(VARIANTS)}")
    converter = _custom_converter(VARIANTS[variant], tuple(sorted(overrides().items())))
    forms = dict(entry if isinstance(entry, tuple) else (entry, name_to_traditional(entry, variant)) for entry in protected)
    forms = {name: form for name, form in forms.items() if name and name in text}
    if not forms:
        return converter.convert(text)
    # the text is cut at the names, so that no phrase of OpenCC's reaches into one (长于 in 市长于洪涛)
    pattern = re.compile("|".join(re.escape(n) for n in sorted(forms, key=len, reverse=True)))
    out, pos = [], 0
    for m in pattern.finditer(text):
        out += [converter.convert(text[pos : m.start()]), forms[m.group()]]
        pos = m.end()
    out.append(converter.convert(text[pos:]))
    return "".join(out)


@functools.lru_cache(maxsize=None)
def _custom_converter(
    base: str, table: tuple[tuple[str, str], ...], first_step: bool = False, keep: tuple[str, ...] = ()
) -> opencc.OpenCC:
    """OpenCC's ``base`` config with our phrase table in front of its dictionaries.

    ``first_step``: run the table as a separate first conversion step (for glyph fixes, whose output the
    base config then converts); otherwise it takes precedence inside the first step (for phrase overrides).
    ``keep``: words the first step of the base config must leave alone (identity phrases in front of it).
    Every phrase also joins the segmentation dictionary, so OpenCC sees it as one segment.
    """
    config = json.loads((_SHARE / f"{base}.json").read_text(encoding="utf-8"))
    _absolutise(config)
    with _scratch_files() as write:

        def text_dict(name: str, pairs) -> dict:
            return {"type": "text", "file": write(name, "".join(f"{a}\t{b}\n" for a, b in pairs))}

        ours = text_dict("phrases.txt", table)
        segmentation = [ours]
        if keep:
            kept = text_dict("keep.txt", [(w, w) for w in keep])
            config["conversion_chain"][0]["dict"]["dicts"].insert(0, kept)
            segmentation.append(kept)
        if first_step:
            config["conversion_chain"].insert(0, {"dict": ours})
        else:
            config["conversion_chain"][0]["dict"]["dicts"].insert(0, ours)
        config["segmentation"]["dict"] = {
            "type": "group", "match_policy": "union", "dicts": [*segmentation, config["segmentation"]["dict"]],
        }
        return opencc.OpenCC(write("config.json", json.dumps(config, ensure_ascii=False)))


@contextlib.contextmanager
def _scratch_files() -> Iterator[Callable[[str, str], str]]:
    """``write(name, text) -> path`` for files that exist only until the block ends (and never past the process)."""
    if hasattr(os, "memfd_create") and os.path.isdir("/proc/self/fd"):
        fds: list[int] = []

        def write(name: str, text: str) -> str:
            fd = os.memfd_create(f"zhpub-opencc-{name}", os.MFD_CLOEXEC)
            fds.append(fd)
            with open(fd, "wb", closefd=False) as file:
                file.write(text.encode("utf-8"))
            return f"/proc/self/fd/{fd}"

        try:
            yield write
        finally:
            for fd in fds:
                os.close(fd)
    else:  # pragma: no cover - not Linux
        with tempfile.TemporaryDirectory(prefix="zhpub-opencc-") as tmp:

            def write(name: str, text: str) -> str:
                path = Path(tmp) / name
                path.write_text(text, encoding="utf-8")
                return os.fspath(path)

            yield write


def _absolutise(node: object) -> None:
    if isinstance(node, dict):
        if node.get("type") == "ocd2":
            node["file"] = os.fspath(_SHARE / node["file"])
        for value in node.values():
            _absolutise(value)
    elif isinstance(node, list):
        for value in node:
            _absolutise(value)


HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x32400))


@functools.lru_cache(maxsize=None)
def fold_table() -> dict[str, str]:
    """Every Han character that OpenCC maps to one other Simplified character (羣->群, 鏈->链, 裡->里).

    Search folds both the index and the query through this table, so either script finds both. Only
    one-to-one mappings of equal UTF-16 length are kept, so positions stay aligned for highlighting.
    """
    chars = [chr(cp) for start, stop in HAN_RANGES for cp in range(start, stop)]
    table: dict[str, str] = {}
    for config in ("t2s", "tw2s", "hk2s"):
        converted = opencc.OpenCC(config).convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):  # pragma: no cover - OpenCC keeps line breaks
            continue
        for char, out in zip(chars, converted):
            if char not in table and len(out) == 1 and out != char and len(out.encode("utf-16-le")) == len(char.encode("utf-16-le")):
                table[char] = out
    for key, value in table.items():  # resolve chains, so folding twice changes nothing
        while value in table and table[value] != value:
            value = table[value]
        table[key] = value
    return dict(sorted(table.items()))
