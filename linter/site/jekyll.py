"""Jekyll's site configuration, `_config.yml`: the published address, collections, front-matter
defaults and exclusions.

It is read like a record (YAML 1.1 with anchors and `<<` merge keys, which real ones use to
share default values), with the same limits and positions: a default value's line is the line
that wrote it, even inside an anchored mapping. A file that cannot be read or parsed gives a
SITE001 finding at its line and column, and the site is linted without it.
"""
from __future__ import annotations

import os
from typing import NamedTuple

CONFIG_NAME = "_config.yml"
SITE_CONFIG_UNREADABLE = "SITE001"
# Jekyll's own collection: `_posts` is one whether or not `collections` names it.
BUILTIN_COLLECTIONS = {"posts": "_posts"}


class DefaultsScope(NamedTuple):
    """One entry of `defaults`: which files it applies to and the values it gives them."""
    path: str               # relative to the site root, no leading or trailing slash ("": every file)
    type: str | None        # a collection label, "pages" or "drafts"; None: any
    values: dict
    lines: dict             # pointer inside `values` ("/layout") -> its line in _config.yml
    order: int              # position in the file: later entries of the same precedence win


class ConfigProblem(NamedTuple):
    message: str
    line: int
    column: int
    code: str = SITE_CONFIG_UNREADABLE


class SiteConfig(NamedTuple):
    source: str                     # the _config.yml path
    url: str                        # `url`, without a trailing slash ("" when unset)
    baseurl: str                    # `baseurl`, "/blog" form ("" when unset)
    collections: dict               # label -> folder relative to the site root ("people" -> "_people")
    defaults: tuple                 # DefaultsScope, in file order
    exclude: tuple                  # paths relative to the site root
    problem: ConfigProblem | None   # what is wrong with it (when it could not be used, all else is empty)


def read_config(path: str, limits: dict) -> SiteConfig:
    """The configuration at `path`; never raises for any content."""
    from linter.stages.parse import parse
    from linter.support.namedfiles import NamedFileError, read_named
    try:
        text = read_named(path, "site configuration", limits["max-front-matter-bytes"], roots=(os.path.dirname(path),))
    except NamedFileError as exc:
        return _unusable(path, ConfigProblem(str(exc), 1, 1))
    parsed = parse(text, 1, 0, limits["max-nodes"], limits["max-depth"])
    first = parsed.problems[0] if parsed.problems else None
    problem = ConfigProblem(first.message, first.line, first.column) if first is not None else None
    if parsed.record is None and problem is not None:
        return _unusable(path, problem)
    data = parsed.record if isinstance(parsed.record, dict) else {}
    if parsed.record is not None and not isinstance(parsed.record, dict):
        return _unusable(path, ConfigProblem("a site configuration must be a mapping of settings", 1, 1))
    # A problem that still left a mapping (a duplicate key, an unknown tag) is reported, and the
    # rest of the file used, as YAML readers that are not strict would.
    return SiteConfig(path, _url(data.get("url")), _baseurl(data.get("baseurl")), _collections(data),
                      _defaults(data.get("defaults"), parsed.spans), _paths(data.get("exclude")), problem)


def _unusable(path: str, problem: ConfigProblem) -> SiteConfig:
    return SiteConfig(path, "", "", dict(BUILTIN_COLLECTIONS), (), (), problem)


def _url(value) -> str:
    return value.strip().rstrip("/") if isinstance(value, str) else ""


def _baseurl(value) -> str:
    if not isinstance(value, str) or not value.strip("/ "):
        return ""
    return "/" + value.strip().strip("/")


def _collections(data: dict) -> dict:
    """Collection labels and their folders (`collections_dir` honoured). Jekyll accepts a
    mapping of label -> metadata or a plain list of labels."""
    found = dict(BUILTIN_COLLECTIONS)
    declared = data.get("collections")
    labels = list(declared) if isinstance(declared, (dict, list)) else []
    base = data.get("collections_dir")
    base = base.strip("/") if isinstance(base, str) else ""
    for label in labels:
        if isinstance(label, str) and label and "/" not in label:
            found[label] = f"{base}/_{label}" if base else f"_{label}"
    if base:
        found["posts"] = f"{base}/_posts"
    return found


def _defaults(entries, spans: dict) -> tuple:
    if not isinstance(entries, list):
        return ()
    scopes = []
    for order, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope") if isinstance(entry.get("scope"), dict) else {}
        path = scope.get("path", "")
        kind = scope.get("type")
        prefix = f"/defaults/{order}/values"
        lines = {pointer[len(prefix):]: span.line for pointer, span in spans.items()
                 if pointer.startswith(prefix + "/")}
        scopes.append(DefaultsScope(path.strip().strip("/") if isinstance(path, str) else "",
                                    kind if isinstance(kind, str) and kind else None,
                                    entry["values"], lines, order))
    return tuple(scopes)


def _paths(value) -> tuple:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(v.strip().strip("/") for v in value if isinstance(v, str) and v.strip().strip("/"))


def collection_of(config: SiteConfig, relative_path: str) -> str | None:
    """The label of the collection holding the file at `relative_path` (from the site root)."""
    for label, folder in config.collections.items():
        if relative_path.startswith(folder + "/"):
            return label
    return None


def document_type(config: SiteConfig, relative_path: str) -> str:
    """What Jekyll's defaults call the file's `type`: its collection's label, else "pages"."""
    label = collection_of(config, relative_path)
    if label is not None:
        return label
    return "drafts" if relative_path.startswith("_drafts/") else "pages"


def config_path(root: str) -> str:
    return os.path.join(root, CONFIG_NAME)
