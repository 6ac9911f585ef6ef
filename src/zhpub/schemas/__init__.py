"""JSON Schemas of the content files, one per kind, validated with jsonschema; errors point at file:line.

Each ``<kind>.schema.json`` here declares the shape of one kind of file (types, required keys, allowed values,
no unknown keys anywhere). What a schema cannot say (a phrase must occur in its block, a date must exist, an
erratum must match the source once) stays in the loaders. ``export.schema.json`` is not a content file: it
declares the JSON export (``zhpub.document/1``), validated against real exports by tests/test_export.py.
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
         "published-ids-entry", "series", "measures", "glossary-categories")


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
    def order(error: ValidationError) -> tuple:
        # file order by entry; inside one entry an unknown key first (a typo explains the "missing" key it
        # was meant to be), then by line
        path = list(error.absolute_path)
        entry = path[0] if path and isinstance(path[0], int) else -1
        return entry, error.validator != "additionalProperties", _line(data, error, where) or 0

    error = min(errors, key=order)
    line = _line(data, error, where)
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


TYPE_NAMES = {"number": "a number", "integer": "a whole number", "string": "text", "array": "a list",
              "object": "a mapping", "boolean": "true or false", "null": "empty"}


def _name(error: ValidationError) -> str:
    """The dotted path of keys to the value (``set.value``), without list positions."""
    return ".".join(str(p) for p in error.absolute_path if isinstance(p, str))


def _message(error: ValidationError) -> str:
    name = _name(error)
    at = f"{name}: " if name else ""
    if error.validator == "additionalProperties" and isinstance(error.instance, dict) and error.schema.get("properties"):
        return f"{at}unknown field {_extra_keys(error)[0]!r}"
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{at}lacks {missing!r}"
    if error.validator == "oneOf" and "set" in error.schema.get("oneOf", [{}])[0].get("required", []):
        return "give exactly one of set, drop, add"
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        return f"{name or 'the file'} must be {' or '.join(TYPE_NAMES.get(w, w) for w in wanted if w != 'null')}, not {error.instance!r}"
    if error.validator == "enum":
        return f"unknown {name.rsplit('.', 1)[-1] or 'value'} {error.instance!r}"
    if error.validator in ("pattern", "minLength"):
        return f"{name or 'value'} {error.schema.get('x-error', 'must be non-empty text')}, not {error.instance!r}"
    if error.validator == "const":
        return f"{name or 'value'} must be {error.validator_value!r}, not {error.instance!r}"
    return f"{at}{error.message}"


def _hint(kind: str, error: ValidationError) -> str:
    if error.validator == "additionalProperties" and error.schema.get("properties"):
        return "known fields: " + ", ".join(error.schema["properties"])
    if error.validator == "enum":
        return "one of: " + ", ".join(map(str, error.validator_value))
    return f"see src/zhpub/schemas/{kind}.schema.json"
