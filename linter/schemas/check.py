"""Checks a schema must pass before any record is validated against it, and the validator class
that matches patterns safely.

`jsonschema` resolves `$ref`s only when validation reaches them, so a broken reference, a
`$ref` cycle (which recurses until Python's stack runs out) or a pattern RE2 cannot run would
surface in the middle of a record as an internal error. Walking the whole schema once, at
compile time, turns each into one clear message naming the JSON pointer inside the schema.
"""
from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit

from linter.model.pointers import escape
from linter.schemas import patterns
from linter.schemas.reader import SAME_INSTANCE, subschemas

# More subschemas than any real schema has: the walk stops there.
MAX_SUBSCHEMAS = 100_000


def pointer_of(path) -> str:
    return "".join(f"/{escape(str(token))}" for token in path)


def file_uri(path: str) -> str:
    from pathlib import Path
    return Path(os.path.abspath(path)).as_uri()


def file_path(uri: str) -> str | None:
    """The local path a `file:` URI (or a plain path) names; None for any other scheme."""
    parts = urlsplit(uri)
    if parts.scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return None
        return unquote(parts.path)
    if parts.scheme and len(parts.scheme) > 1:  # `C:` is a drive, not a scheme
        return None
    return uri.split("#", 1)[0] or None


def problem(schema: dict, registry, refusals: dict[str, str]) -> str | None:
    """What makes the schema unusable (pointer and reason), or None."""
    from referencing import Resource
    from referencing.exceptions import Unresolvable
    from referencing.jsonschema import DRAFT202012

    root = registry.resolver_with_root(Resource.from_contents(schema, default_specification=DRAFT202012))
    where: dict[int, str] = {}
    same_instance: dict[int, list] = {}
    keywords_seen = set()
    todo = [(schema, "#", root)]
    while todo:
        node, pointer, resolver = todo.pop()
        if id(node) in where:
            continue
        where[id(node)] = pointer
        if len(where) > MAX_SUBSCHEMAS:
            return f"more than {MAX_SUBSCHEMAS} subschemas"
        if isinstance(node.get("$id"), str) and pointer != "#":
            resolver = resolver.in_subresource(Resource.from_contents(node, default_specification=DRAFT202012))
        if node.get("patternProperties"):
            keywords_seen.add("patternProperties")
        if "unevaluatedProperties" in node:
            keywords_seen.add("unevaluatedProperties")
        found = _pattern_problem(node, pointer)
        if found:
            return found
        edges = same_instance[id(node)] = []
        ref = node.get("$ref")
        if isinstance(ref, str):
            refused_before = len(refusals)
            try:
                resolved = resolver.lookup(ref)
            except Unresolvable:
                reason = list(refusals.values())[-1] if len(refusals) > refused_before else None
                return f"$ref {ref!r} at {pointer}/$ref cannot be resolved" + (f": {reason}" if reason else "")
            except Exception as exc:  # noqa: BLE001 - a malformed reference or resource
                return f"$ref {ref!r} at {pointer}/$ref cannot be resolved: {exc.__class__.__name__}"
            if isinstance(resolved.contents, dict):
                edges.append(resolved.contents)
                todo.append((resolved.contents, ref, resolved.resolver))
        for key in SAME_INSTANCE:
            value = node.get(key)
            edges.extend(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict))
        for child_pointer, child in subschemas(node, pointer):
            todo.append((child, child_pointer, resolver))
    if {"patternProperties", "unevaluatedProperties"} <= keywords_seen:
        return ("`unevaluatedProperties` together with `patternProperties` is not supported "
                "(its matching would not be linear in time)")
    cycle = _cycle(same_instance)
    if cycle is not None:
        return f"$ref cycle at {where[cycle]}: the reference leads back to itself without descending into the record"
    return None


def _pattern_problem(node: dict, pointer: str) -> str | None:
    checks = []
    if isinstance(node.get("pattern"), str):
        checks.append((node["pattern"], f"{pointer}/pattern"))
    if isinstance(node.get("patternProperties"), dict):
        checks.extend((key, f"{pointer}/patternProperties/{escape(key)}") for key in node["patternProperties"])
    for pattern, at in checks:
        try:
            patterns.compiled(pattern)
        except patterns.PatternError as exc:
            return f"the pattern {pattern!r} at {at} {exc}"
    return None


def _cycle(edges: dict[int, list]) -> int | None:
    """A node on a cycle of same-instance edges, or None (iterative depth-first search)."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in edges:
        if start in state:
            continue
        stack = [(start, iter(edges.get(start, ())))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                continue
            key = id(child)
            if state.get(key) == 1:
                return key
            if key not in state:
                state[key] = 1
                stack.append((key, iter(edges.get(key, ()))))
    return None


def validator_class(cls):
    """`cls` with strict integers and every pattern matched by RE2 (patterns.py)."""
    import jsonschema
    from jsonschema.exceptions import ValidationError

    def pattern(validator, regex, instance, schema):
        if validator.is_type(instance, "string") and not patterns.search(regex, instance):
            yield ValidationError(f"{instance!r} does not match {regex!r}")

    def pattern_properties(validator, mapping, instance, schema):
        if not validator.is_type(instance, "object"):
            return
        for regex, subschema in mapping.items():
            for key, value in instance.items():
                if patterns.search(regex, key):
                    yield from validator.descend(value, subschema, path=key, schema_path=regex)

    original_additional = cls.VALIDATORS.get("additionalProperties")

    def additional_properties(validator, allowed, instance, schema):
        regexes = schema.get("patternProperties")
        if not regexes or not validator.is_type(instance, "object"):
            yield from original_additional(validator, allowed, instance, schema)
            return
        # The library's own version matches the keys with `re`: check the keys it would see.
        properties = schema.get("properties", {})
        extras = [k for k in instance if k not in properties and not any(patterns.search(r, k) for r in regexes)]
        if validator.is_type(allowed, "object"):
            for extra in extras:
                yield from validator.descend(instance[extra], allowed, path=extra)
        elif not allowed and extras:
            verb = "does" if len(extras) == 1 else "do"
            joined = ", ".join(repr(each) for each in sorted(extras))
            listed = ", ".join(repr(each) for each in sorted(regexes))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {listed}")

    # In YAML `50.0` is a float (Jekyll prints "50.0"); JSON Schema's `integer` would accept it.
    strict_integers = cls.TYPE_CHECKER.redefine(
        "integer", lambda checker, instance: isinstance(instance, int) and not isinstance(instance, bool))
    keywords = {"pattern": pattern, "patternProperties": pattern_properties}
    if original_additional is not None:
        keywords["additionalProperties"] = additional_properties
    return jsonschema.validators.extend(cls, validators=keywords, type_checker=strict_integers)
