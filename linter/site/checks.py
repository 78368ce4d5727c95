"""Checks across the records of a site, as data: references (a value must name something the
site defines) and uniqueness (no two records may share a value).

Both are configured as tables (`[[tool.frontmatter-lint.references]]`, `[[...unique]]`), and the
built-in ones are rows of the same tables: XF001 is the uniqueness of article URLs, and a site
with a topic taxonomy (`_data/topics/`) gets the reference of `topics` to its names. Each record
gives small index entries (`rules/crossfile.py` `collect`); the run loop judges them once every
record is read (`crossfile.finish`, `references.resolve`).
"""
from __future__ import annotations

import functools
import os
from typing import NamedTuple

from linter.model import pointers
from linter.rules.urlparts import article_key
from linter.support import globs

# Keys of a reference table's `key` that are not field names.
STEM_KEY = "$stem"      # the target file's name without its extension
KEYS_KEY = "$keys"      # the top-level keys of a data file that maps ids to entries


class Reference(NamedTuple):
    field: str          # a JSON pointer with `*` for any list item or key: "/topics/*"
    target: str         # a glob of data files or records, relative to `root`
    key: str            # the field of each target entry that holds its name, or STEM_KEY / KEYS_KEY
    files: str | None   # a glob of the records it applies to (relative to `root`); None: all
    root: str           # the folder the globs start from (the configuration's or the site's)
    code: str = "REF001"

    @property
    def scope(self) -> str:
        """What entries of the same targets share (an index entry keeps it as a string)."""
        return "\0".join((self.root, self.target, self.key))


class Unique(NamedTuple):
    code: str                   # XF001 (built in) or XF004 (configured)
    fields: tuple               # pointers (with `*`) whose values count together
    files: str | None           # a glob of the records it applies to (relative to `root`); None: all
    root: str
    normalize: str = "exact"    # a key of NORMALIZERS
    versions_by_name: bool = False  # files with one file name are versions of one record: not compared

    @property
    def scope(self) -> str:
        return "\0".join((self.code, self.root, self.files or "", *self.fields))


NORMALIZERS = {
    "exact": lambda value: value.strip(),
    "ignore-case": lambda value: " ".join(value.split()).casefold(),
    "article-url": article_key,
}

# XF001: an article URL (`webUrl`, `originalUrl`) in one record only, compared as the same article.
ARTICLE_URLS = Unique("XF001", ("/webUrl", "/originalUrl"), None, "", "article-url", versions_by_name=True)

TOPICS_FOLDER = ("_data", "topics")


# Saves an `isdir` per record: one answer per site.
@functools.lru_cache(maxsize=64)
def builtin_references(site) -> tuple:
    """A site with a topic taxonomy (`_data/topics/*.yaml`, one topic a file, key `name`): the
    values of `topics` refer to its names."""
    if site is None or not os.path.isdir(os.path.join(site.root, *TOPICS_FOLDER)):
        return ()
    return (Reference("/topics/*", "_data/topics/*", "name", None, site.root),)


# Saves ~1.5 µs a record: the rows a pipeline record gets are the same for every record of a site.
@functools.lru_cache(maxsize=64)
def with_builtin_rows(site, uniques: tuple, references: tuple) -> tuple:
    """(uniqueness rows, reference rows) for a record of the pipeline: the configured rows and
    the built-in ones (a configured reference of a field replaces the built-in one)."""
    configured = {r.field for r in references}
    return (ARTICLE_URLS,) + uniques, references + tuple(r for r in builtin_references(site) if r.field not in configured)


def applies(files: str | None, root: str, path: str) -> bool:
    if files is None:
        return True
    rel = os.path.relpath(os.path.abspath(path), root).replace(os.sep, "/")
    return not rel.startswith("../") and globs.matches(files, rel)


def values_at(record, pattern: str):
    """(pointer, value) of every value at `pattern`, a JSON pointer whose `*` tokens stand for
    any list index or mapping key."""
    tokens = _tokens(pattern)
    if len(tokens) == 1 and tokens[0] != "*":  # "/webUrl": most rows
        key = tokens[0]
        return [(pattern, record[key])] if isinstance(record, dict) and key in record else []
    found = []
    _values_at(record, tokens, 0, "", found)
    return found


@functools.lru_cache(maxsize=256)
def _tokens(pattern: str) -> tuple:
    return tuple(t if t == "*" else pointers.unescape(t) for t in pattern[1:].split("/")) if pattern else ()


def _values_at(node, tokens: tuple, at: int, pointer: str, found: list):
    if at == len(tokens):
        found.append((pointer, node))
        return
    token = tokens[at]
    if token == "*":
        if isinstance(node, list):
            for index, item in enumerate(node):
                _values_at(item, tokens, at + 1, f"{pointer}/{index}", found)
        elif isinstance(node, dict):
            for key, item in node.items():
                _values_at(item, tokens, at + 1, f"{pointer}/{pointers.escape(key)}", found)
    elif isinstance(node, dict):
        if token in node:
            _values_at(node[token], tokens, at + 1, f"{pointer}/{pointers.escape(token)}", found)
    elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
        _values_at(node[int(token)], tokens, at + 1, f"{pointer}/{token}", found)


def comparable(value) -> str | None:
    """A value as index entries compare it: strings, numbers and booleans; None for the rest
    (a list where a name belongs is the schema's finding)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (bool, int, float)):
        return str(value).lower() if isinstance(value, bool) else str(value)
    return None


# --------------------------------------------------------------------------------------------
# Configuration

def _pointer(value, where: str) -> str:
    if not isinstance(value, str) or not value.startswith("/"):
        raise _error(f"{where} must be a JSON pointer such as \"/topics/*\"")
    return value


def _error(message: str):
    from linter.config import ConfigError
    return ConfigError(message)


def _table_list(value, name: str, where: str) -> list:
    if not isinstance(value, list) or not all(isinstance(entry, dict) for entry in value):
        raise _error(f"{where}: {name} must be an array of tables ([[tool.frontmatter-lint.{name}]])")
    return value


def _glob(entry: dict, name: str, where: str, required: bool = False) -> str | None:
    value = entry.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _error(f"{where}: {name} must be a glob such as \"_data/topics/*.yaml\"")
    return value.strip()


def references_from(entries, root: str, where: str) -> tuple:
    found = []
    for number, entry in enumerate(_table_list(entries, "references", where), 1):
        here = f"{where}: references #{number}"
        unknown = set(entry) - {"field", "target", "key", "files"}
        if unknown:
            raise _error(f"{here}: unknown setting(s) {', '.join(sorted(unknown))}")
        key = entry.get("key", "name")
        if not isinstance(key, str) or not key:
            raise _error(f"{here}: key must be a field name, \"{STEM_KEY}\" or \"{KEYS_KEY}\"")
        found.append(Reference(_pointer(entry.get("field"), f"{here}: field"), _glob(entry, "target", here, True),
                               key, _glob(entry, "files", here), root))
    return tuple(found)


def unique_from(entries, root: str, where: str) -> tuple:
    found = []
    for number, entry in enumerate(_table_list(entries, "unique", where), 1):
        here = f"{where}: unique #{number}"
        unknown = set(entry) - {"field", "fields", "files", "ignore-case"}
        if unknown:
            raise _error(f"{here}: unknown setting(s) {', '.join(sorted(unknown))}")
        fields = entry.get("fields", entry.get("field"))
        fields = [fields] if isinstance(fields, str) else fields
        if not isinstance(fields, list) or not fields:
            raise _error(f"{here}: field must be a JSON pointer (or fields a list of them)")
        ignore_case = entry.get("ignore-case", False)
        if not isinstance(ignore_case, bool):
            raise _error(f"{here}: ignore-case must be true or false")
        found.append(Unique("XF004", tuple(_pointer(f, f"{here}: field") for f in fields), _glob(entry, "files", here),
                            root, "ignore-case" if ignore_case else "exact"))
    return tuple(found)
