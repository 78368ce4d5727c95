"""The one reader of JSON Schemas: what a schema says at a record pointer.

The rules and the fast path ask their questions about a schema here, never by walking it
themselves: the JSON types allowed at a pointer (`types_at`), where a `format` is declared
(`paths_with_format`), whether a schema is closed (admits no key it does not name) and where,
in a record valid against it, keys of a kind can be (`key_places`: URL fields for the URL rules,
YAML 1.1 boolean keys for the pitfall rules), and whether it refers to anything outside itself
(`has_external_refs`). Each question about a schema name (`article` or a path, as
`loader.load_schema` takes it) is answered once per process: a run uses a handful of schemas.

Below them: the keyword tables of where a JSON Schema keeps subschemas (`schemas/check.py` and
the fast path walk every subschema with them) and the resolution of local `$ref`s (`#/...`);
a reference to another file is not followed here (the answer is then the conservative one).
"""
from __future__ import annotations

import functools
from typing import Callable, NamedTuple

from linter.model.pointers import escape, resolve, unescape

# Where a JSON Schema keeps subschemas: maps of them, and keywords holding one or a list.
SUBSCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
SUBSCHEMAS = ("items", "prefixItems", "additionalItems", "additionalProperties", "contains", "not",
              "if", "then", "else", "allOf", "anyOf", "oneOf", "propertyNames", "unevaluatedItems",
              "unevaluatedProperties", "contentSchema")
# Subschemas that apply to the value of the schema that holds them (not to a part of it).
BRANCHES = ("allOf", "anyOf", "oneOf")
SAME_INSTANCE = BRANCHES + ("not", "if", "then", "else")
JSON_TYPES = frozenset(("string", "integer", "number", "boolean", "null", "object", "array"))
# Keywords that admit values `properties` and `items` do not describe, or that this reader does
# not follow. The other keywords (`required`, `anyOf`, `not`, `if`, `minimum`...) only narrow
# what a schema's `type`, `properties` and `items` admit.
WIDENING = ("patternProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems",
            "prefixItems", "$dynamicRef", "$recursiveRef")
# Deeper than this, a walk of a schema stops (a `$ref` chain without end, a hostile schema).
MAX_DEPTH = 32


# --- subschemas and references ----------------------------------------------------------------

def subschemas(node: dict, pointer: str):
    """(JSON pointer, subschema) for each subschema directly inside `node`."""
    for key in SUBSCHEMA_MAPS:
        value = node.get(key)
        if isinstance(value, dict):
            for name, sub in value.items():
                if isinstance(sub, dict):
                    yield f"{pointer}/{key}/{escape(name)}", sub
    for key in SUBSCHEMAS:
        value = node.get(key)
        if isinstance(value, dict):
            yield f"{pointer}/{key}", value
        elif isinstance(value, list):
            for index, sub in enumerate(value):
                if isinstance(sub, dict):
                    yield f"{pointer}/{key}/{index}", sub


def with_subschemas(node: dict, change: Callable) -> dict:
    """A copy of `node` with each subschema directly inside it replaced by `change(subschema)`
    (boolean subschemas included); `node` itself is not changed."""
    copy = dict(node)
    for key in SUBSCHEMA_MAPS:
        if isinstance(copy.get(key), dict):
            copy[key] = {name: change(sub) for name, sub in copy[key].items()}
    for key in SUBSCHEMAS:
        value = copy.get(key)
        if isinstance(value, list):
            copy[key] = [change(sub) for sub in value]
        elif isinstance(value, dict):
            copy[key] = change(value)
    return copy


def local_target(root: dict, ref):
    """The part of `root` a local `$ref` (`#/$defs/url`) names; None for another reference or
    a local one that names nothing."""
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return None
    return resolve(root, ref[1:])


def branches(node: dict):
    """The subschemas of `allOf`, `anyOf` and `oneOf`: they apply to the node's own value."""
    for keyword in BRANCHES:
        yield from node.get(keyword) or ()


def declared_types(node: dict) -> frozenset | None:
    """The names `type` lists (a name or a list of them); None when it says nothing readable."""
    kinds = node.get("type")
    if isinstance(kinds, str):
        return frozenset((kinds,))
    if isinstance(kinds, list) and kinds and all(isinstance(kind, str) for kind in kinds):
        return frozenset(kinds)
    return None


def _value_type(value) -> str:
    return ("string" if isinstance(value, str) else "boolean" if isinstance(value, bool)
            else "integer" if isinstance(value, int) else "number" if isinstance(value, float)
            else "null" if value is None else "object")


def _schema(name: str) -> dict | None:
    from linter.schemas.loader import SchemaError, load_schema
    try:
        return load_schema(name)
    except SchemaError:
        return None


# --- the JSON types allowed at a pointer ------------------------------------------------------

def types_at(name: str, pointer: str) -> frozenset:
    """The JSON types the schema allows at a record pointer, following `properties`, `items`,
    local `$ref`s (a reference that says anything decides: its siblings only narrow it) and
    the branches of `anyOf`/`oneOf`/`allOf`. Empty when it does not say."""
    schema = _schema(name)
    if schema is None:
        return frozenset()
    tokens = [unescape(token) for token in pointer.split("/")[1:]] if pointer else []
    return frozenset(_types(schema, schema, tokens, 0))


def _types(root: dict, node, tokens: list, depth: int) -> set:
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return set()
    target = local_target(root, node.get("$ref"))
    if target is not None:
        found = _types(root, target, tokens, depth + 1)
        if found:
            return found
    found = set()
    for branch in branches(node):
        found |= _types(root, branch, tokens, depth + 1)
    if not tokens:
        kind = node.get("type")
        if isinstance(kind, str):
            found.add(kind)
        elif isinstance(kind, list):
            found.update(k for k in kind if k in JSON_TYPES)
        values = list(node.get("enum", [])) + ([node["const"]] if "const" in node else [])
        found.update(map(_value_type, values))
        return found
    child = _child(node, tokens[0])
    if child is not None:
        found |= _types(root, child, tokens[1:], depth + 1)
    return found


def _child(node: dict, token: str):
    """The subschema of the value at key or index `token`: its `properties` entry, else (for a
    list index) `items`."""
    properties = node.get("properties")
    child = properties.get(token) if isinstance(properties, dict) else None
    if child is None and token.isdigit() and isinstance(node.get("items"), dict):
        child = node["items"]
    return child


# --- annotations ------------------------------------------------------------------------------

def says_at(name: str, pointer: str, keyword: str) -> bool:
    """Whether a subschema that applies at the record pointer (through `$ref`s and branches) has
    `keyword: true`: the built-in schemas mark site-path URL fields with `x-site-path`."""
    schema = _schema(name)
    if schema is None:
        return False
    tokens = [unescape(token) for token in pointer.split("/")[1:]] if pointer else []
    return _says(schema, schema, tokens, keyword, 0)


def _says(root: dict, node, tokens: list, keyword: str, depth: int) -> bool:
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return False
    if not tokens and node.get(keyword) is True:
        return True
    target = local_target(root, node.get("$ref"))
    if target is not None and _says(root, target, tokens, keyword, depth + 1):
        return True
    if any(_says(root, branch, tokens, keyword, depth + 1) for branch in branches(node)):
        return True
    child = _child(node, tokens[0]) if tokens else None
    return child is not None and _says(root, child, tokens[1:], keyword, depth + 1)


# --- formats ----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def paths_with_format(name: str, format_name: str) -> tuple | None:
    """The record paths the schema declares `format: <format_name>` at, in schema order: each a
    tuple of keys, None standing for "every item of a list" (`("related", None, "publishedDateTime")`).
    Found through `properties`, `items`, local `$ref`s and `anyOf`/`oneOf`/`allOf`. None when
    the schema cannot be read."""
    schema = _schema(name)
    if schema is None:
        return None
    try:
        return tuple(dict.fromkeys(_format_paths(schema, schema, (), 0, frozenset(), format_name)))
    except RecursionError:
        return None


def _format_paths(root: dict, node, path: tuple, depth: int, refs: frozenset, format_name: str):
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return
    if node.get("format") == format_name and path:
        yield path
    ref = node.get("$ref")
    target = local_target(root, ref)
    if target is not None and ref not in refs:
        yield from _format_paths(root, target, path, depth + 1, refs | {ref}, format_name)
    for branch in branches(node):
        yield from _format_paths(root, branch, path, depth + 1, refs, format_name)
    properties = node.get("properties")
    if isinstance(properties, dict):
        for key, child in properties.items():
            yield from _format_paths(root, child, path + (key,), depth + 1, refs, format_name)
    if isinstance(node.get("items"), dict):
        yield from _format_paths(root, node["items"], path + (None,), depth + 1, refs, format_name)


# --- closed schemas, and where keys of a kind can be ------------------------------------------

class Places(NamedTuple):
    """Where, in a value valid against a closed schema, keys of the kind asked about can be."""
    keys: tuple   # of Place: the keys of a mapping that are of the kind, or hold such keys below
    items: Places | None  # the same for each item of a list; None where no item can hold one


class Place(NamedTuple):
    key: str
    wanted: bool     # the key itself is of the kind asked about
    below: Places    # where such keys can be inside its value


NOWHERE = Places((), None)


class _Open(Exception):
    """The schema admits values this reading would not visit."""


@functools.lru_cache(maxsize=64)
def key_places(name: str, wanted: Callable[[str], bool]) -> Places | None:
    """Where keys for which `wanted(key)` is true can be in a record valid against the schema,
    NOWHERE when no such key can be; None when the schema is open (it admits keys it does not
    name) or cannot be read. `wanted` is a module-level function (the answer is cached by it)."""
    schema = _schema(name)
    return None if schema is None else places_in(schema, wanted)


@functools.lru_cache(maxsize=64)
def top_level_keys(name: str) -> frozenset | None:
    """The keys the schema names at the top of the record when it admits no others there
    (`additionalProperties: false` beside `properties`); None when it admits others."""
    schema = _schema(name)
    if not isinstance(schema, dict) or schema.get("additionalProperties") is not False:
        return None
    if "patternProperties" in schema or not isinstance(schema.get("properties", {}), dict):
        return None
    return frozenset(schema.get("properties", {}))


def is_closed(name: str) -> bool:
    """Whether a record valid against the schema can hold no key it does not name, at any depth."""
    return key_places(name, _no_key) is not None


def _no_key(key) -> bool:
    return False


def places_in(schema: dict, wanted: Callable[[str], bool]) -> Places | None:
    """`key_places` of a loaded schema.

    Closed means: every object forbids `additionalProperties`, every array says what its items
    are (`items`), every value says its `type` (or is an `enum`/`const` of scalars, or `false`),
    references are local and lead to no cycle, and no keyword in WIDENING appears. A `$ref`
    alone bounds what is valid where it stands (its siblings only narrow it); the record is a
    mapping, so the schema's top may leave `type` out. Conservative: what this reading does not
    understand counts as open."""
    try:
        return _PlaceFinder(schema, wanted).places(schema, True)
    except (_Open, RecursionError, TypeError, ValueError, AttributeError):
        return None


class _PlaceFinder:
    def __init__(self, root: dict, wanted: Callable[[str], bool]):
        self.root, self.wanted = root, wanted
        self.by_ref: dict = {}  # (reference, is the record) -> Places, or None while being read

    def places(self, node, is_record: bool = False) -> Places:
        if node is False:
            return NOWHERE  # nothing is valid here
        if not isinstance(node, dict) or any(keyword in node for keyword in WIDENING):
            raise _Open
        if "$ref" in node:
            return self.referenced(node["$ref"], is_record)
        if _scalars_only(node):
            return NOWHERE
        kinds = declared_types(node)
        if kinds is None and is_record:
            kinds = frozenset(("object",))
        if kinds is None or kinds - JSON_TYPES:
            raise _Open  # no type: any value
        keys, items = (), None
        if "object" in kinds:
            named = node.get("properties", {})
            if node.get("additionalProperties", True) is not False or not isinstance(named, dict):
                raise _Open
            found = []
            for key, child in named.items():
                below, is_wanted = self.places(child), self.wanted(key)
                if is_wanted or below != NOWHERE:
                    found.append(Place(key, is_wanted, below))
            keys = tuple(found)
        if "array" in kinds:
            if "items" not in node:
                raise _Open
            items = self.places(node["items"])
            if items == NOWHERE:
                items = None
        return Places(keys, items) if keys or items is not None else NOWHERE

    def referenced(self, ref, is_record: bool) -> Places:
        # A reference is read once: a schema that reuses its definitions costs its size, not
        # the number of paths through it. One met again while being read is a cycle: open.
        key = (ref, is_record)
        if key in self.by_ref:
            found = self.by_ref[key]
            if found is None:
                raise _Open
            return found
        target = local_target(self.root, ref)
        if target is None:
            raise _Open
        self.by_ref[key] = None
        found = self.by_ref[key] = self.places(target, is_record)
        return found


def _scalars_only(node: dict) -> bool:
    """Whether `enum` or `const` admits scalars only (the value can hold no key)."""
    for keyword in ("enum", "const"):
        if keyword in node:
            values = node[keyword] if keyword == "enum" else [node[keyword]]
            if isinstance(values, list) and not any(isinstance(v, (dict, list)) for v in values):
                return True
    return False


# --- references to other files ----------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def has_external_refs(name: str) -> bool:
    """Whether a `$ref` anywhere in the schema (in any keyword's value, to be safe) names
    something other than a part of the schema itself. True when the schema cannot be read."""
    schema = _schema(name)
    return schema is None or _external_refs(schema)


def _external_refs(node) -> bool:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            return True
        return any(_external_refs(value) for value in node.values())
    if isinstance(node, list):
        return any(_external_refs(value) for value in node)
    return False


# --- help for an author: the keys a mapping may hold, what a value may be ---------------------

class ValueHelp(NamedTuple):
    """What the schema says about the value at a record pointer (the language server's hover)."""
    title: str
    description: str
    types: frozenset       # JSON types allowed
    allowed: tuple         # the values of `enum`/`const`, in schema order; () when any


class KeyHelp(NamedTuple):
    """A key the schema names for a mapping (the language server's completion)."""
    key: str
    required: bool
    help: ValueHelp


def nodes_at(name: str, pointer: str) -> list:
    """Every subschema that applies to the value at a record pointer: through `properties`,
    `items`, local `$ref`s and the branches of `allOf`/`anyOf`/`oneOf`, outermost first."""
    schema = _schema(name)
    if schema is None:
        return []
    tokens = [unescape(token) for token in pointer.split("/")[1:]] if pointer else []
    found: list = []
    _collect_nodes(schema, schema, tokens, 0, found)
    return found


def _collect_nodes(root: dict, node, tokens: list, depth: int, found: list):
    if not isinstance(node, dict) or depth > MAX_DEPTH:
        return
    if not tokens:
        found.append(node)
    target = local_target(root, node.get("$ref"))
    if target is not None:
        _collect_nodes(root, target, tokens, depth + 1, found)
    for branch in branches(node):
        _collect_nodes(root, branch, tokens, depth + 1, found)
    if tokens:
        child = _child(node, tokens[0])
        if child is not None:
            _collect_nodes(root, child, tokens[1:], depth + 1, found)


def lists_value_at(name: str, pointer: str, value) -> bool:
    """Whether a subschema that applies at the record pointer lists `value` in its `enum` or
    gives it as its `const`."""
    for node in nodes_at(name, pointer):
        enum = node.get("enum")
        if (isinstance(enum, list) and value in enum) or ("const" in node and node["const"] == value):
            return True
    return False


def value_help(name: str, pointer: str) -> ValueHelp | None:
    """Title, description, types and allowed values at a record pointer; None when the schema
    says nothing there."""
    nodes = nodes_at(name, pointer)
    if not nodes:
        return None
    return _help_of(nodes, types_at(name, pointer))


def _help_of(nodes: list, types: frozenset) -> ValueHelp:
    def first(keyword):
        return next((n[keyword] for n in nodes if isinstance(n.get(keyword), str)), "")

    allowed = []
    for node in nodes:
        values = node.get("enum") if isinstance(node.get("enum"), list) else [node["const"]] if "const" in node else []
        allowed.extend(v for v in values if v not in allowed)
    return ValueHelp(first("title"), first("description"), types, tuple(allowed))


def keys_at(name: str, pointer: str) -> list:
    """The keys the schema names for the mapping at a record pointer, as KeyHelp, required ones
    first (each group in schema order). `required` counts where it binds: in the mapping's own
    subschemas and `allOf`, not in one branch of `anyOf`/`oneOf`."""
    nodes = nodes_at(name, pointer)
    required = set()
    for node in _binding(nodes):
        if isinstance(node.get("required"), list):
            required.update(k for k in node["required"] if isinstance(k, str))
    keys: dict = {}
    for node in nodes:
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key in properties:
                keys.setdefault(key, None)
    child = f"{pointer}/"
    found = [KeyHelp(key, key in required, value_help(name, child + escape(key)) or ValueHelp("", "", frozenset(), ()))
             for key in keys]
    return sorted(found, key=lambda k: not k.required)


def _binding(nodes: list) -> list:
    """The subschemas at the pointer whose `required` binds: those not reached through an
    `anyOf`/`oneOf` branch at the same value."""
    optional = set()
    for node in nodes:
        for keyword in ("anyOf", "oneOf"):
            for branch in node.get(keyword) or ():
                if isinstance(branch, dict):
                    optional.add(id(branch))
    return [n for n in nodes if id(n) not in optional]
