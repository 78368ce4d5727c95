"""JSON pointers (RFC 6901): how findings name the values of a record, and how `$ref` names a
part of a schema. One escaping and one resolution for every stage and rule."""
from __future__ import annotations

MISSING = object()


def escape(token) -> str:
    """A key as a pointer token: `~` is `~0`, `/` is `~1`."""
    token = str(token)
    return token.replace("~", "~0").replace("/", "~1") if ("~" in token or "/" in token) else token


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def resolve(document, pointer: str, default=None):
    """The value at `pointer` ("" is the document, "/a/0" a key then a list index), or `default`."""
    value = document
    for token in pointer.split("/")[1:] if pointer else ():
        token = unescape(token)
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return default
    return value
