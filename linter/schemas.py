"""Schema loading: the built-in article schema and user schema files, each compiled once."""
from __future__ import annotations

import json
import os
from typing import Dict

BUILTIN_NAME = "article"
_BUILTIN_FILE = "article.schema.json"
_compiled: Dict[str, object] = {}
_loaded: Dict[str, dict] = {}


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
    return cls(schema, registry=registry, format_checker=format_checker())
