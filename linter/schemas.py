"""Schema loading: the built-in article schema and user schema files, each compiled once."""
from __future__ import annotations

import json
import os

from .pointers import resolve, unescape

BUILTIN_NAME = "article"
_BUILTIN_FILE = "article.schema.json"
_compiled: dict[str, object] = {}
_loaded: dict[str, dict] = {}


class SchemaError(Exception):
    """A schema that cannot be loaded or is not a valid JSON Schema (exit code 2)."""


def builtin_schema_path() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    for candidate in (os.path.join(here, "schema", _BUILTIN_FILE),          # installed wheel
                      os.path.join(os.path.dirname(here), "schema", _BUILTIN_FILE)):  # source tree
        if os.path.exists(candidate):
            return candidate
    raise SchemaError("the built-in article schema is missing from this installation")


def builtin_schema_text() -> str:
    with open(builtin_schema_path(), encoding="utf-8") as handle:
        return handle.read()


def load_schema(name: str) -> dict:
    """`name` is `article` (built-in) or a path to a JSON (or YAML) schema file."""
    if name in _loaded:
        return _loaded[name]
    path = builtin_schema_path() if name == BUILTIN_NAME else name
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise SchemaError(f"cannot read schema {name}: {exc.strerror}") from None
    try:
        if path.endswith((".yaml", ".yml")):
            import yaml
            schema = yaml.safe_load(text)
        else:
            schema = json.loads(text)
    except Exception as exc:  # noqa: BLE001 - any parse failure is a configuration error
        raise SchemaError(f"schema {name} does not parse: {exc}") from None
    if not isinstance(schema, dict):
        raise SchemaError(f"schema {name} is not a JSON object")
    _loaded[name] = schema
    return schema


def compiled_validator(name: str, allow_remote_refs: bool = False):
    """A jsonschema validator for `name`, built once per process."""
    key = f"{name}\0{allow_remote_refs}"
    validator = _compiled.get(key)
    if validator is None:
        validator = _compile(load_schema(name), name, allow_remote_refs)
        _compiled[key] = validator
    return validator


def _compile(schema: dict, name: str, allow_remote_refs: bool):
    import jsonschema
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource

    from .formats import format_checker

    base = os.path.dirname(os.path.abspath(name)) if name != BUILTIN_NAME else None

    def retrieve(uri: str):
        # No network at run time: local files next to the schema only, remote refs if allowed.
        if uri.startswith(("http://", "https://")) and not allow_remote_refs:
            raise NoSuchResource(ref=uri)
        if uri.startswith(("http://", "https://")):
            import urllib.request
            with urllib.request.urlopen(uri, timeout=10) as response:  # noqa: S310 - opt-in
                return Resource.from_contents(json.loads(response.read()))
        path = uri[7:] if uri.startswith("file://") else uri
        if base and not os.path.isabs(path):
            path = os.path.join(base, path)
        try:
            return Resource.from_contents(load_schema(path))
        except SchemaError:
            raise NoSuchResource(ref=uri) from None

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    if name != BUILTIN_NAME:  # the built-in schema is checked by the test suite, not at every start
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError as exc:
            raise SchemaError(f"schema {name} is not a valid JSON Schema: {exc.message}") from None
    registry = Registry(retrieve=retrieve)
    # In YAML `50.0` is a float (Jekyll prints "50.0"); JSON Schema's `integer` would accept it.
    strict_integers = cls.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: isinstance(instance, int) and not isinstance(instance, bool))
    cls = jsonschema.validators.extend(cls, type_checker=strict_integers)
    return cls(schema, registry=registry, format_checker=format_checker())


_JSON_TYPES = frozenset({"string", "integer", "number", "boolean", "array", "object", "null"})


def expected_types(name: str, pointer: str) -> frozenset:
    """The JSON types a schema allows at a record pointer, following `properties`, `items`,
    `$ref` (local), and the branches of `anyOf`/`oneOf`/`allOf`. Empty when it does not say."""
    try:
        schema = load_schema(name)
    except SchemaError:
        return frozenset()
    tokens = [unescape(t) for t in pointer.split("/")[1:]] if pointer else []
    return frozenset(_types_at(schema, schema, tokens, 0))


def _types_at(root: dict, node, tokens, depth: int) -> set:
    if not isinstance(node, dict) or depth > 32:
        return set()
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        found = _types_at(root, resolve(root, ref[1:], {}), tokens, depth + 1)
        if found:
            return found
    found = set()
    for branch_key in ("anyOf", "oneOf", "allOf"):
        for branch in node.get(branch_key, ()) or ():
            found |= _types_at(root, branch, tokens, depth + 1)
    if not tokens:
        kind = node.get("type")
        if isinstance(kind, str):
            found.add(kind)
        elif isinstance(kind, list):
            found.update(k for k in kind if k in _JSON_TYPES)
        if "enum" in node or "const" in node:
            values = node.get("enum", []) + ([node["const"]] if "const" in node else [])
            found.update("string" if isinstance(v, str) else "boolean" if isinstance(v, bool)
                         else "integer" if isinstance(v, int) else "number" if isinstance(v, float)
                         else "null" if v is None else "object" for v in values)
        return found
    head, rest = tokens[0], tokens[1:]
    child = node.get("properties", {}).get(head) if isinstance(node.get("properties"), dict) else None
    if child is None and head.isdigit() and isinstance(node.get("items"), dict):
        child = node["items"]
    if child is not None:
        found |= _types_at(root, child, rest, depth + 1)
    return found
