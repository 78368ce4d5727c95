"""Front-matter defaults: the values `_config.yml` gives every file in a scope, merged under the
record before the schema and the rules see it, as Jekyll merges them before it builds a page.

Which scopes apply and which wins follow Jekyll (`FrontmatterDefaults`): a scope applies when
its `path` is a prefix of the file's path from the site root (or its glob matches a folder
holding the file) and its `type` is the file's collection; a longer path wins, then a scope
with a type; values merge deeply and the record's own values win over all of them.
"""
from __future__ import annotations

from typing import NamedTuple

from linter.support import globs


class Defaults(NamedTuple):
    values: dict        # merged values of every scope that applies
    lines: dict         # pointer ("/layout", "/author/name") -> the _config.yml line that gave it


NO_DEFAULTS = Defaults({}, {})


class Merged(NamedTuple):
    record: dict
    origins: dict       # pointer of a value the record got from the defaults -> _config.yml line


def for_file(scopes: tuple, relative_path: str, document_type: str) -> Defaults:
    """The defaults that apply to the file at `relative_path` (from the site root)."""
    values, lines, winner = {}, {}, None
    for scope in scopes:
        if not _applies(scope, relative_path, document_type):
            continue
        if winner is None or _has_precedence(winner, scope):
            values = deep_merge(values, scope.values)
            lines.update(scope.lines)
            winner = scope
        else:
            values = deep_merge(scope.values, values)
            for pointer, line in scope.lines.items():
                lines.setdefault(pointer, line)
    return Defaults(values, lines) if values else NO_DEFAULTS


def _applies(scope, relative_path: str, document_type: str) -> bool:
    if scope.type is not None and scope.type != document_type:
        return False
    if not scope.path:
        return True
    if "*" in scope.path:
        return globs.matches("/" + scope.path, relative_path)
    return relative_path.startswith(scope.path)  # Jekyll compares strings, not path segments


def _has_precedence(old, new) -> bool:
    if len(new.path) != len(old.path):
        return len(new.path) > len(old.path)
    return new.type is not None or old.type is None


def deep_merge(under: dict, over: dict) -> dict:
    """`under` with `over`'s values on top; mappings on both sides merge, anything else is replaced."""
    merged = dict(under)
    for key, value in over.items():
        below = merged.get(key)
        if isinstance(value, dict) and isinstance(below, dict):
            merged[key] = deep_merge(below, value)
        else:
            merged[key] = value
    return merged


def merge_under(record: dict, defaults: Defaults) -> Merged:
    """The record with the defaults merged under it, and which values came from the defaults."""
    if not defaults.values:
        return Merged(record, {})
    merged = deep_merge(defaults.values, record)
    origins = {pointer: line for pointer, line in defaults.lines.items() if _supplied(record, pointer)}
    return Merged(merged, origins)


def _supplied(record: dict, pointer: str) -> bool:
    """Whether the value at `pointer` comes from the defaults: the record lacks it, and every
    mapping on the way to it is one the two merged."""
    from linter.model.pointers import unescape
    node = record
    for token in pointer[1:].split("/"):
        if not isinstance(node, dict):
            return False  # the record put something else here: its value wins whole
        key = unescape(token)
        if key not in node:
            return True
        node = node[key]
    return False


def only_known(merged: Merged, known: frozenset | None) -> Merged:
    """The merged record without the top-level keys the defaults added that a closed schema does
    not name (`known`): they are the site's settings for its pages (`layout`, `permalink`), not
    the record's, and the schema has nothing to say about them."""
    if known is None or not merged.origins:
        return merged
    dropped = [key for key in merged.record if "/" + key.replace("~", "~0").replace("/", "~1") in merged.origins
               and key not in known]
    if not dropped:
        return merged
    record = {k: v for k, v in merged.record.items() if k not in dropped}
    prefixes = tuple("/" + k.replace("~", "~0").replace("/", "~1") for k in dropped)
    origins = {p: line for p, line in merged.origins.items()
               if not any(p == prefix or p.startswith(prefix + "/") for prefix in prefixes)}
    return Merged(record, origins)
