"""The schema reader (linter/schemas/reader.py): each question it answers, on the built-in
schema and on small user schemas, and that its reading of a closed schema is sound: a record
valid against the schema holds no key the reader says cannot be there."""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.schemas import reader
from linter.schemas.loader import BUILTIN_NAME, load_schema


def schema_file(tmp_path, schema, name="s.schema.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(schema))
    return str(path)


def _every_key(key) -> bool:
    return True


def _url_key(key) -> bool:
    return key == "url" or key.endswith("Url")


# --- types at a pointer -----------------------------------------------------------------------

@pytest.mark.parametrize("pointer,types", [
    ("/quality", {"integer"}),
    ("/published", {"boolean"}),
    ("/type", {"string"}),                      # an enum of strings
    ("/webUrl", {"string"}),                    # through `$ref`
    ("/topics/3", {"string"}),                  # a list index: `items`
    ("/provider/images/0/width", {"integer"}),  # `$ref`, then `items`, then `$ref` again
    ("/nothing", set()),
    ("", {"object"}),
])
def test_types_at_in_the_builtin_schema(pointer, types):
    assert reader.types_at(BUILTIN_NAME, pointer) == frozenset(types)


def test_types_at_follows_branches_and_lets_a_reference_decide(tmp_path):
    name = schema_file(tmp_path, {
        "$defs": {"n": {"type": "number"}, "any": {}},
        "properties": {"a": {"anyOf": [{"type": "string"}, {"type": ["null", "integer"]}]},
                       "b": {"$ref": "#/$defs/n", "type": "integer"},    # the reference decides
                       "c": {"$ref": "#/$defs/any", "type": "string"},   # it says nothing: the siblings do
                       "d": {"const": None}, "e/f": {"type": "boolean"}}})
    assert reader.types_at(name, "/a") == {"string", "null", "integer"}
    assert reader.types_at(name, "/b") == {"number"}
    assert reader.types_at(name, "/c") == {"string"}
    assert reader.types_at(name, "/d") == {"null"}
    assert reader.types_at(name, "/e~1f") == {"boolean"}
    assert reader.types_at(str(tmp_path / "missing.json"), "/a") == frozenset()


# --- formats ----------------------------------------------------------------------------------

def test_paths_with_format():
    assert reader.paths_with_format(BUILTIN_NAME, "date-time") == (
        ("publishedDateTime",), ("related", None, "publishedDateTime"))
    uri = reader.paths_with_format(BUILTIN_NAME, "uri")
    assert ("webUrl",) in uri and ("images", None, "url") in uri
    assert ("related", None, "provider", "images", None, "url") in uri


def test_paths_with_format_survive_a_reference_cycle(tmp_path):
    name = schema_file(tmp_path, {"$defs": {"node": {"properties": {"at": {"format": "date-time"},
                                                                      "next": {"$ref": "#/$defs/node"}}}},
                                  "$ref": "#/$defs/node"})
    assert reader.paths_with_format(name, "date-time") == (("at",),)  # the reference is followed once
    assert reader.paths_with_format(str(tmp_path / "missing.json"), "date-time") is None


# --- closed schemas and where keys can be -----------------------------------------------------

def test_the_builtin_schema_is_closed_and_says_where_urls_can_be():
    assert reader.is_closed(BUILTIN_NAME)
    places = reader.key_places(BUILTIN_NAME, _url_key)
    top = {place.key: place for place in places.keys}
    assert {"webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "provider", "images", "related"} == set(top)
    assert top["webUrl"].wanted and top["webUrl"].below == reader.NOWHERE
    assert not top["images"].wanted and [p.key for p in top["images"].below.items.keys] == ["url"]
    assert "title" not in top and "topics" not in top  # no URL field can be there


@pytest.mark.parametrize("schema", [
    {"type": "object"},                                                         # any key
    {"type": "object", "additionalProperties": False, "properties": {"a": {}}},  # `a` holds anything
    {"type": "object", "additionalProperties": False, "properties": {"a": {"type": "array"}}},  # any item
    {"type": "object", "additionalProperties": False, "patternProperties": {"^x": {}}},
    {"type": "object", "additionalProperties": False, "properties": {"a": {"$ref": "other.json"}}},
    {"type": "object", "additionalProperties": False, "properties": {"a": {"$ref": "#/$defs/missing"}}},
    {"$defs": {"n": {"type": "object", "additionalProperties": False, "properties": {"n": {"$ref": "#/$defs/n"}}}},
     "$ref": "#/$defs/n"},                                                      # a cycle
    {},
])
def test_open_schemas(schema):
    assert reader.places_in(schema, _every_key) is None


def test_narrowing_keywords_keep_a_schema_closed():
    schema = {"additionalProperties": False, "properties": {"a": {"enum": ["x", 1]}, "b": False,
                                                            "c": {"type": "array", "items": {"type": "string"}}},
              "anyOf": [{"required": ["a"]}, {"properties": {"z": {}}}], "not": {"required": ["b"]}}
    places = reader.places_in(schema, _every_key)  # the record is a mapping: its `type` may be left out
    assert [place.key for place in places.keys] == ["a", "b", "c"]
    assert reader.places_in(schema, lambda key: False) == reader.NOWHERE


# Schemas that are mostly closed, with keywords that only narrow (`anyOf`, `not`, `if`...), and
# records drawn to fit them, now and then with a key `zz` they do not name.
KEYS = ["name", "title", "tags", "url", "yes"]
_leaf = st.one_of(st.sampled_from([{"type": "string"}, {"type": "integer"}, {"type": ["null", "boolean"]},
                                   {"enum": ["a", 1]}, {"const": None}, False, {"$ref": "#/$defs/d"}, {}]))


def _closed_node(children):
    narrowing = st.fixed_dictionaries({}, optional={
        "required": st.lists(st.sampled_from(KEYS), max_size=1),
        "anyOf": st.just([{"required": ["name"]}, {"properties": {"zz": {}}}]),
        "not": st.just({"required": ["title"]}),
        "if": st.just({"required": ["tags"]}), "then": st.just({"properties": {"zz": {"type": "string"}}}),
        "minProperties": st.integers(0, 1)})
    obj = st.builds(lambda props, extra, more: {"type": "object", "properties": props, "additionalProperties": extra,
                                                **more},
                    st.dictionaries(st.sampled_from(KEYS), children, max_size=3),
                    st.sampled_from([False, False, True]), narrowing)
    return st.one_of(obj, st.builds(lambda item: {"type": "array", "items": item}, children))


closed_schemas = st.builds(lambda root, d: dict(root, **{"$defs": {"d": d}}),
                           _closed_node(st.recursive(_leaf, _closed_node, max_leaves=6)).filter(
                               lambda root: root["type"] == "object"),
                           st.recursive(_leaf, _closed_node, max_leaves=3))


def _instance(data, root, node, depth=0):
    """A value drawn to fit `node` (mostly), now and then with a key it does not name."""
    if isinstance(node, dict) and "$ref" in node:
        node = root["$defs"]["d"]
    if not isinstance(node, dict) or depth > 4:
        return None
    if "enum" in node or "const" in node:
        return data.draw(st.sampled_from(node.get("enum", [node.get("const")])))
    kinds = node.get("type", ["string", "object"])
    kind = data.draw(st.sampled_from(kinds if isinstance(kinds, list) else [kinds]))
    if kind == "object":
        properties = node.get("properties", {})
        chosen = data.draw(st.lists(st.sampled_from(sorted(properties) + ["zz"]), min_size=1, max_size=3, unique=True))
        return {key: _instance(data, root, properties.get(key, {}), depth + 1) for key in chosen}
    if kind == "array":
        return [_instance(data, root, node.get("items", {}), depth + 1) for _ in range(data.draw(st.integers(0, 2)))]
    return {"string": "a", "integer": 1, "null": None, "boolean": True}[kind]


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(closed_schemas, st.data())
def test_a_valid_record_has_keys_only_where_the_reader_says(schema, data):
    import jsonschema

    places = reader.places_in(schema, _every_key)
    validator = jsonschema.Draft202012Validator(schema)
    for _ in range(5):
        record = _instance(data, schema, schema)
        if places is not None and validator.is_valid(record):
            _assert_within(record, places)


def _assert_within(value, places):
    if isinstance(value, dict):
        named = {place.key: place.below for place in places.keys}
        for key, item in value.items():
            assert key in named, (key, places)
            _assert_within(item, named[key])
    elif isinstance(value, list):
        for item in value:
            _assert_within(item, places.items or reader.NOWHERE)


# --- the rest ---------------------------------------------------------------------------------

def test_external_references(tmp_path):
    assert not reader.has_external_refs(BUILTIN_NAME)
    assert reader.has_external_refs(schema_file(tmp_path, {"properties": {"a": {"$ref": "other.json#/x"}}}))
    assert not reader.has_external_refs(schema_file(tmp_path, {"properties": {"a": {"$ref": "#/$defs/x"}}}, "t.json"))


def test_subschemas_and_with_subschemas():
    schema = {"properties": {"a/b": {"type": "string"}, "c": True}, "items": [{"format": "uri"}],
              "not": {"type": "null"}, "x-custom": {"type": "string"}}
    assert [pointer for pointer, _ in reader.subschemas(schema, "#")] == ["#/properties/a~1b", "#/items/0", "#/not"]
    copy = reader.with_subschemas(schema, lambda sub: "changed")
    assert copy == {"properties": {"a/b": "changed", "c": "changed"}, "items": ["changed"], "not": "changed",
                    "x-custom": {"type": "string"}}
    assert schema["not"] == {"type": "null"}  # the schema itself is not changed


def test_the_builtin_schema_is_read_once():
    load_schema(BUILTIN_NAME)
    reader.paths_with_format(BUILTIN_NAME, "date-time")
    before = reader.paths_with_format.cache_info().hits
    reader.paths_with_format(BUILTIN_NAME, "date-time")
    assert reader.paths_with_format.cache_info().hits == before + 1


# --- help for an author: keys at a pointer, what a value may be --------------------------------

def test_keys_at_the_top_of_the_article_schema_required_first():
    keys = reader.keys_at(BUILTIN_NAME, "")
    names = [k.key for k in keys]
    required = [k.key for k in keys if k.required]
    assert names[:len(required)] == required
    assert set(required) == set(load_schema(BUILTIN_NAME)["required"])
    assert "webUrl" in names and "webUrl" not in required


def test_keys_at_follow_items_and_refs():
    assert [k.key for k in reader.keys_at(BUILTIN_NAME, "/images/0")][:3] == ["url", "width", "height"]
    assert reader.keys_at(BUILTIN_NAME, "/title") == []


def test_value_help_gives_description_types_and_allowed_values():
    found = reader.value_help(BUILTIN_NAME, "/type")
    assert found.allowed == ("article", "video")
    assert found.types == frozenset({"string"})
    assert found.description.startswith("Kind of content")
    assert reader.value_help(BUILTIN_NAME, "/no-such-key") is None


def test_required_in_an_anyof_branch_does_not_bind(tmp_path):
    name = schema_file(tmp_path, {"type": "object", "required": ["a"],
                                  "properties": {"a": {"type": "string"}, "b": {"enum": [1, 2]}},
                                  "anyOf": [{"required": ["b"]}, {"required": ["a"]}]})
    assert [(k.key, k.required) for k in reader.keys_at(name, "")] == [("a", True), ("b", False)]
    assert reader.value_help(name, "/b").allowed == (1, 2)
