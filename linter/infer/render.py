"""The merged schema as a person would write it: JSON Schema 2020-12, keywords in a reading
order, keys sorted, a description placeholder for every key saying how many records have it,
and the same bytes for the same records whatever order they were read in."""
from __future__ import annotations

import json

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# The order keywords are written in: what a value is, then what it holds.
KEYWORD_ORDER = ("$schema", "title", "description", "type", "format", "pattern", "enum", "minimum", "maximum",
                 "items", "required", "properties", "additionalProperties", "anyOf")
TYPE_ORDER = ("object", "array", "string", "integer", "number", "boolean", "null")


def render(merged, title: str) -> dict:
    """The schema of `merged` (merge.Merged), titled `title`."""
    body = _node(merged.schema, "", None)
    head = {"$schema": DIALECT, "title": title,
            "description": (f"Inferred by `lint schema infer` from {merged.records} records of {title}. "
                            "Replace each key's description; `required` lists the keys every record has; "
                            "`enum` and bounds are what the records hold today, widen them as needed.")}
    return _ordered({**head, **body})


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def _node(schema: dict, where: str, seen) -> dict:
    """A copy of a genson node with our keywords rendered; `where` names the node in messages
    (`author`, `images[]`), `seen` is (how many have it, of how many) from its parent."""
    out = {}
    for keyword, value in schema.items():
        if keyword == "x-seen" or keyword == "x-site-path" and not _url_key(where):
            continue
        if keyword == "properties":
            out[keyword] = {key: _node(sub, _child_name(where, key), sub.get("x-seen"))
                            for key, sub in sorted(value.items())}
        elif keyword == "items":
            out[keyword] = _node(value, f"{where}[]" if where else "[]", None)
        elif keyword == "anyOf":
            out[keyword] = sorted((_node(sub, where, None) for sub in value), key=_type_rank)
        elif keyword == "type" and isinstance(value, list):
            out[keyword] = sorted(value, key=lambda t: TYPE_ORDER.index(t) if t in TYPE_ORDER else len(TYPE_ORDER))
        else:
            out[keyword] = value
    if seen is not None:
        count, total = seen
        parent = where.rsplit(".", 1)[0] if "." in where else ""
        holder = "records" if not parent else f"`{parent}` mappings"
        out["description"] = f"TODO: describe `{where.rsplit('.', 1)[-1]}`. In {count} of {total} {holder}."
    return _ordered(out)


def _url_key(where: str) -> bool:
    from linter.rules.urlparts import is_url_key
    return is_url_key(where.rsplit(".", 1)[-1].rstrip("[]"))


def _child_name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _type_rank(schema: dict):
    kind = schema.get("type")
    name = kind if isinstance(kind, str) else ",".join(kind) if isinstance(kind, list) else ""
    return (TYPE_ORDER.index(name) if name in TYPE_ORDER else len(TYPE_ORDER), json.dumps(schema, sort_keys=True))


def _ordered(schema: dict) -> dict:
    rank = {keyword: index for index, keyword in enumerate(KEYWORD_ORDER)}
    return dict(sorted(schema.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))
