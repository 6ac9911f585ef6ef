"""YAML loading that remembers where things are, so errors can name file:line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import Location, ZhpubError


class Mapping(dict):
    """A YAML mapping that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    data = Mapping()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(None, None, "a key must be plain text", key_node.start_mark)
        if key in data:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        data.key_lines[key] = key_node.start_mark.line + 1
        data[key] = loader.construct_object(value_node, deep=True)


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text (2022-03-01): we validate them ourselves, with a line number, instead of PyYAML raising.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(path: Path | str, text: str | None = None) -> Any:
    """Parse a YAML file; a syntax error becomes a ZhpubError naming file, line and column."""
    path = Path(path)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ZhpubError("file not found", Location(str(path))) from None
        except UnicodeDecodeError as e:
            raise ZhpubError(f"not UTF-8 ({e.reason})", Location(str(path)), "save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = Location(str(path), mark.line + 1, mark.column + 1) if mark else Location(str(path))
        problem = e.problem or e.context or "invalid YAML"
        raise ZhpubError(f"invalid YAML: {problem}", where, "fix the YAML syntax") from None
    except yaml.YAMLError as e:  # pragma: no cover - unmarked errors are rare
        raise ZhpubError(f"invalid YAML: {e}", Location(str(path))) from None


def location(path: Path | str, node: Any, key: str | None = None) -> Location:
    """Where a loaded mapping (or one of its keys) stands in its file."""
    line = None
    if isinstance(node, Mapping):
        line = node.line_of(key) if key else node.line
    return Location(str(path), line)
