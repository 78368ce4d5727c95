"""Hypothesis strategies for JSON Schemas: valid, broken and hostile ones (`$ref` cycles and
dangling references, bad keyword values, catastrophic and unsupported patterns, non-objects),
shared by the property tests and the fuzz target."""
from hypothesis import strategies as st

PATTERNS = ["^[a-z]+$", "^(a+)+$", "(?=a)b", "(x+x+)+y", "\\d{4}-\\d{2}", "[", "^$", "(a|aa)*c", "\\1(a)"]
REFS = ["#", "#/$defs/a", "#/$defs/b", "#/$defs/missing", "other.json", "file:///dev/zero", "/etc/passwd",
        "https://example.invalid/s.json", "#/properties/name", "##", "%"]
TYPES = ["string", "integer", "number", "object", "array", "boolean", "null", "strnig", 3]
KEYS = ["name", "title", "tags", "x", "$schema"]

leaf = st.one_of(
    st.booleans(),
    st.fixed_dictionaries({}, optional={"type": st.sampled_from(TYPES)}),
    st.builds(lambda p: {"type": "string", "pattern": p}, st.sampled_from(PATTERNS)),
    st.builds(lambda r: {"$ref": r}, st.sampled_from(REFS)),
    st.builds(lambda v: {"enum": v}, st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=3)),
    st.builds(lambda n: {"minimum": n}, st.one_of(st.integers(), st.text(max_size=2))),
)


def _node(children):
    return st.one_of(
        st.builds(lambda props, req, extra: {"type": "object", "properties": props, "required": req,
                                             "additionalProperties": extra},
                  st.dictionaries(st.sampled_from(KEYS), children, max_size=3),
                  st.lists(st.sampled_from(KEYS), max_size=2), st.booleans()),
        st.builds(lambda item: {"type": "array", "items": item}, children),
        st.builds(lambda alts: {"anyOf": alts}, st.lists(children, min_size=1, max_size=3)),
        st.builds(lambda pats, sub: {"patternProperties": {p: sub for p in pats}, "unevaluatedProperties": False},
                  st.lists(st.sampled_from(PATTERNS), max_size=2), children),
    )


schema_nodes = st.recursive(leaf, _node, max_leaves=8)
schemas = st.one_of(
    st.builds(lambda root, a, b: dict(root, **{"$defs": {"a": a, "b": b}}) if isinstance(root, dict) else root,
              schema_nodes, schema_nodes, schema_nodes),
    st.sampled_from([[1, 2], "schema", None, 3]),
)
records = st.dictionaries(st.sampled_from(KEYS[:-1]), st.one_of(
    st.text(max_size=30), st.integers(), st.lists(st.text(max_size=5), max_size=3),
    st.just("a" * 40 + "!"), st.just("x" * 40), st.just("\U00010000")), max_size=4)
