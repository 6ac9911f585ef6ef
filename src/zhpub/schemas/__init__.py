"""JSON Schemas of the content files, one per kind, validated with jsonschema; errors point at file:line.

Each ``<kind>.schema.json`` here declares the shape of one kind of file (types, required keys, allowed values,
no unknown keys anywhere). What a schema cannot say (a phrase must occur in its block, a date must exist, an
erratum must match the source once) stays in the loaders. ``tests/test_schemas.py`` validates every shipped
file against its schema, and every schema against the JSON Schema meta-schema.
"""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..errors import Location, ZhpubError
from ..yamlio import Mapping

KINDS = ("document", "errata", "indicators", "glossary", "indicator-names", "published-ids-header",
         "published-ids-entry")


@functools.lru_cache(maxsize=None)
def schema(kind: str) -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath(f"{kind}.schema.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=None)
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema(kind))


def validate(kind: str, data: Any, where: Location) -> None:
    """Raise a ZhpubError for the first problem in file order (a YAML Mapping knows its lines)."""
    errors = list(validator(kind).iter_errors(data))
    if not errors:
        return
    placed = [(_line(data, e, where), e) for e in errors]
    line, error = min(placed, key=lambda p: (p[0] or 0, -len(p[1].absolute_path)))
    raise ZhpubError(_message(error), Location(where.path, line if line is not None else where.line), _hint(kind, error))


def _node_at(data: Any, path) -> list[Any]:
    nodes = [data]
    for step in path:
        try:
            nodes.append(nodes[-1][step])
        except (KeyError, IndexError, TypeError):
            break
    return nodes


def _line(data: Any, error: ValidationError, where: Location) -> int | None:
    """The line of the key or entry the error is about: the deepest mapping on its path that knows one."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = _extra_keys(error)
        if extra:
            path.append(extra[0])
    nodes = _node_at(data, path)
    for depth in range(len(nodes) - 1, -1, -1):
        node = nodes[depth]
        if isinstance(node, Mapping):
            if depth < len(path) and isinstance(path[depth], str):
                return node.line_of(path[depth])
            return node.line
    return where.line


def _extra_keys(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return [k for k in error.instance if k not in allowed]


def _where_in(error: ValidationError) -> str:
    path = [str(p) for p in error.absolute_path if isinstance(p, str)]
    return f"{'.'.join(path)}: " if path else ""


def _message(error: ValidationError) -> str:
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        extra = _extra_keys(error)
        if error.schema.get("properties"):
            return f"{_where_in(error)}unknown key {extra[0]!r}"
    if error.validator == "required":
        return f"{_where_in(error)}{error.message.replace(' is a required property', '')} is required"
    if error.validator == "oneOf" and isinstance(error.instance, dict):
        return "give exactly one of set, drop, add"
    if error.validator == "pattern" and error.schema.get("pattern") == "\\S":
        return f"{_where_in(error)}must be non-empty text"
    return f"{_where_in(error)}{error.message}"


def _hint(kind: str, error: ValidationError) -> str:
    if error.validator == "additionalProperties" and error.schema.get("properties"):
        return "known keys: " + ", ".join(error.schema["properties"])
    return f"see src/zhpub/schemas/{kind}.schema.json"
