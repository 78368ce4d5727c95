"""Schema loading: the built-in article schema and user schema files, each compiled once."""
from __future__ import annotations

import functools
import json
import os

BUILTIN_NAME = "article"  # the schema of the pipeline's news articles, the first built-in
# The built-in record schemas, by name (`schema/<name>.schema.json`); `common` holds the shapes
# they share and is no record's schema.
BUILTIN_NAMES = ("article", "video", "course", "collection", "sample", "person", "community", "newsletter")
# The built-in schemas: the repository's `schema/` folder, installed as `linter/schemas/builtin/`.
BUILTIN_FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "builtin")
SOURCE_FOLDER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "schema")
_compiled: dict[str, object] = {}
_loaded: dict[str, dict] = {}


class SchemaError(Exception):
    """A schema that cannot be loaded or is not a valid JSON Schema (exit code 2)."""


def builtin_folder() -> str:
    for candidate in (BUILTIN_FOLDER, SOURCE_FOLDER):  # installed wheel, then the source tree
        if os.path.exists(os.path.join(candidate, f"{BUILTIN_NAME}.schema.json")):
            return candidate
    raise SchemaError("the built-in schemas are missing from this installation")


def builtin_named(reference: str) -> str | None:
    """The built-in schema a `$schema` value or `--schema` names: `video`, or any URL or path
    ending in `/video.schema.json`; None when it names none."""
    if reference in BUILTIN_NAMES:
        return reference
    stem = reference.rsplit("/", 1)[-1]
    if reference.startswith(("http://", "https://")) and stem.endswith(".schema.json"):
        name = stem[: -len(".schema.json")]
        return name if name in BUILTIN_NAMES else None
    return None


def load_schema(name: str, roots: tuple[str, ...] = (), max_bytes: int | None = None) -> dict:
    """`name` is `article` (built-in) or a path to a JSON (or YAML) schema file. With `roots` (a
    schema a record named), the file must lie inside them; see namedfiles.py."""
    from linter.support.namedfiles import NamedFileError, inside_any, read_named

    if name in BUILTIN_NAMES:
        return _builtin(name)
    if roots and not inside_any(name, roots):
        raise SchemaError(f"schema {name} lies outside the repository ({roots[0]}): not read")
    if name in _loaded:
        return _loaded[name]
    path = name
    try:
        text = read_named(path, "schema", max_bytes)
    except NamedFileError as exc:
        raise SchemaError(str(exc)) from None
    try:
        if path.endswith((".yaml", ".yml")):
            import yaml
            schema = yaml.safe_load(text)
        else:
            schema = json.loads(text)
    except RecursionError:
        raise SchemaError(f"schema {name} is nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - any parse failure is a configuration error
        raise SchemaError(f"schema {name} does not parse: {exc}") from None
    # `true` and `false` are schemas too: written as the objects that mean the same, so every
    # reader of a schema sees an object.
    if schema is True:
        schema = {}
    elif schema is False:
        schema = {"not": {}}
    if not isinstance(schema, dict):
        raise SchemaError(f"schema {name}: the top level must be an object or a boolean, not {type(schema).__name__}")
    _loaded[name] = schema
    return schema


def forget_loaded():
    """Drop every schema read from a file and every compiled validator, so the next use reads
    the files again (the language server, when a schema file changes; a run never needs it)."""
    _loaded.clear()
    _compiled.clear()


@functools.lru_cache(maxsize=None)
def _builtin(name: str) -> dict:
    """A built-in schema, bundled (schemas/bundle.py): one document with local references."""
    from linter.schemas.bundle import bundled
    folder = builtin_folder()
    with open(os.path.join(folder, f"{name}.schema.json"), encoding="utf-8") as handle:
        return bundled(json.load(handle), folder)


def compiled_validator(name: str, allow_remote_refs: bool = False, roots: tuple[str, ...] = (),
                       max_bytes: int | None = None):
    """A jsonschema validator for `name`, built once per process. With `roots`, the schema and
    every file its `$ref`s name must lie inside them."""
    key = (name, allow_remote_refs, roots)
    validator = _compiled.get(key)
    if validator is None:
        try:
            validator = _compile(load_schema(name, roots, max_bytes), name, allow_remote_refs, roots, max_bytes)
        except RecursionError:
            raise SchemaError(f"schema {name} is nested too deeply to check") from None
        _compiled[key] = validator
    return validator


def _compile(schema: dict, name: str, allow_remote_refs: bool, roots: tuple[str, ...], max_bytes):
    import jsonschema
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource
    from referencing.jsonschema import DRAFT202012

    from linter.schemas import check as schemacheck
    from linter.schemas.formats import format_checker

    refusals: dict[str, str] = {}  # why a referenced file was not loaded, for the message

    def retrieve(uri: str):
        # No network at run time: local files only, remote ones when allowed.
        if uri.startswith(("http://", "https://")):
            if not allow_remote_refs:
                refusals[uri] = "remote references are not fetched (no network at run time; allow-remote-refs turns it on)"
                raise NoSuchResource(ref=uri)
            import urllib.request
            with urllib.request.urlopen(uri, timeout=10) as response:  # noqa: S310 - opt-in
                contents = json.loads(response.read(max_bytes or 10 * 1024 * 1024))
            return Resource.from_contents(contents, default_specification=DRAFT202012)
        path = schemacheck.file_path(uri)
        if path is None:
            refusals[uri] = "only local files and, when allowed, http(s) URLs are read"
            raise NoSuchResource(ref=uri)
        try:
            return Resource.from_contents(load_schema(path, roots, max_bytes), default_specification=DRAFT202012)
        except SchemaError as exc:
            refusals[uri] = str(exc)
            raise NoSuchResource(ref=uri) from None

    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    if name not in BUILTIN_NAMES:  # the built-in schemas are checked by the test suite, not at every start
        try:
            cls.check_schema(schema)
        except jsonschema.SchemaError as exc:
            where = schemacheck.pointer_of(exc.path)
            raise SchemaError(f"schema {name} is not a valid JSON Schema at {where or '/'}: {exc.message}") from None
        # Relative `$ref`s resolve against the schema's own file.
        if "$id" not in schema:
            schema = dict(schema, **{"$id": schemacheck.file_uri(name)})
    registry = Registry(retrieve=retrieve)
    problem = schemacheck.problem(schema, registry, refusals)
    if problem:
        raise SchemaError(f"schema {name}: {problem}")
    return schemacheck.validator_class(cls)(schema, registry=registry, format_checker=format_checker())

