"""The built-in schemas as self-contained documents.

Each built-in record schema (`schema/<type>.schema.json`) refers to the shapes it shares with the
others as `common.schema.json#/$defs/<name>`. Bundled, the schema carries those definitions in
its own `$defs` and refers to them as `#/$defs/<name>`: every reader of a schema (the rules,
`jsonschema`, jsonschema-rs on the fast path) then sees one document with local references
only, and no built-in schema needs a registry or a file look-up while records are linted.
"""
from __future__ import annotations

import json
import os

SHARED = "common.schema.json"


def bundled(schema: dict, folder: str) -> dict:
    """`schema` with every definition it takes from another file of `folder` copied into its
    `$defs` (one level: the shared file refers only to itself)."""
    shared: dict[str, dict] = {}
    rewritten = _local_refs(schema, folder, shared)
    if not shared:
        return schema
    available = {}
    for document in shared.values():
        available.update(_local_refs(document.get("$defs", {}), folder, {}))
    # Only the definitions the schema reaches: every schema reader walks `$defs`, and unused
    # shapes would make the URL rules look for URLs where no record of this type has them.
    definitions, todo = {}, _def_refs(rewritten)
    while todo:
        name = todo.pop()
        if name in available and name not in definitions:
            definitions[name] = available[name]
            todo.extend(_def_refs(available[name]))
    own = rewritten.get("$defs", {})
    clash = sorted(set(own) & set(definitions))
    if clash:
        raise ValueError(f"definitions {clash} are both in the schema and in a shared file")
    rewritten["$defs"] = {**definitions, **own}
    return rewritten


def _def_refs(node) -> list:
    """The names of the `#/$defs/<name>` references anywhere in `node`."""
    if isinstance(node, list):
        return [name for item in node for name in _def_refs(item)]
    if not isinstance(node, dict):
        return []
    found = [name for value in node.values() for name in _def_refs(value)]
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        found.append(ref[len("#/$defs/"):].split("/", 1)[0])
    return found


def _local_refs(node, folder: str, shared: dict[str, dict]):
    """A copy of `node` whose `<file>#/$defs/x` references read `#/$defs/x`; each file named is
    loaded into `shared`."""
    if isinstance(node, list):
        return [_local_refs(item, folder, shared) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _local_refs(value, folder, shared) for key, value in node.items()}
    ref = copy.get("$ref")
    if isinstance(ref, str) and not ref.startswith("#") and "#" in ref:
        name, fragment = ref.split("#", 1)
        if name == os.path.basename(name) and name.endswith(".schema.json"):
            if name not in shared:
                with open(os.path.join(folder, name), encoding="utf-8") as handle:
                    shared[name] = json.load(handle)
            copy["$ref"] = "#" + fragment
    return copy
