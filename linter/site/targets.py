"""What a reference may name: the names its target files define.

A target is a glob of data files (`_data/topics/*.yaml`: YAML, JSON, TOML or CSV) or of records
(`_people/*.md`: their front matter), and a key: the field holding each entry's name (a file
may hold one entry, a list of entries, or map ids to entries), or the file's stem. Files are
read as every named file is (inside the root only, regular files, size-limited); one that
cannot be read or parsed is a problem to report at its line, never a crash.
"""
from __future__ import annotations

import os
from typing import NamedTuple

from linter.site.checks import KEYS_KEY, STEM_KEY
from linter.support import globs

DATA_EXTENSIONS = (".yml", ".yaml", ".json", ".toml", ".csv")
MAX_TARGET_FILES = 20_000


class TargetProblem(NamedTuple):
    path: str
    line: int
    column: int
    message: str


class Names(NamedTuple):
    names: frozenset        # as the targets write them
    folded: dict            # case- and space-folded name -> the names folding to it
    problems: tuple         # TargetProblem of files that could not be read
    files: int              # target files found


def fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def defined_names(root: str, target: str, key: str, limits: dict, extensions: tuple) -> Names:
    from linter.site import store
    files = _target_files(root, target, extensions)
    if store.active is None:
        return _names_of(files, root, key, limits)
    scope = "\0".join((root, target, key, repr(sorted(limits.items())), repr(extensions)))
    return store.active.target_names(scope, files, lambda: _names_of(files, root, key, limits))


def _names_of(files: list, root: str, key: str, limits: dict) -> Names:
    names, problems = set(), []
    for path in files:
        found = _names_in(path, root, key, limits)
        if isinstance(found, TargetProblem):
            problems.append(found)
        else:
            names.update(n for n in found if isinstance(n, str))
    folded: dict = {}
    for name in sorted(names):
        folded.setdefault(fold(name), []).append(name)
    return Names(frozenset(names), folded, tuple(problems), len(files))


def _target_files(root: str, target: str, extensions: tuple) -> list:
    """Files under `root` the glob matches, walking only below its literal leading folders."""
    parts = target.replace("\\", "/").strip("/").split("/")
    literal = []
    for part in parts[:-1]:
        if any(c in part for c in "*?["):
            break
        literal.append(part)
    start = os.path.join(root, *literal)
    found = []
    for folder, subfolders, names in os.walk(start):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root).replace(os.sep, "/")
            if globs.matches("/" + target.lstrip("/"), rel) and name.lower().endswith(DATA_EXTENSIONS + extensions):
                found.append(path)
                if len(found) >= MAX_TARGET_FILES:
                    return found
    return found


def _names_in(path: str, root: str, key: str, limits: dict):
    if key == STEM_KEY:
        return [os.path.splitext(os.path.basename(path))[0]]
    from linter.support.namedfiles import NamedFileError, read_named
    try:
        text = read_named(path, "reference target", limits["max-file-bytes"], roots=(root,))
    except NamedFileError as exc:
        return TargetProblem(path, 1, 1, str(exc))
    extension = os.path.splitext(path)[1].lower()
    if extension == ".csv":
        return _csv_names(text, key)
    data = _load(path, text, extension, limits)
    if isinstance(data, TargetProblem):
        return data
    if key == KEYS_KEY:
        return list(data) if isinstance(data, dict) else []
    entries = data if isinstance(data, list) else [data]
    return [entry[key] for entry in entries if isinstance(entry, dict) and key in entry]


def _load(path: str, text: str, extension: str, limits: dict):
    if extension == ".json":
        import json
        try:
            return json.loads(text)
        except ValueError as exc:
            return TargetProblem(path, getattr(exc, "lineno", 1), getattr(exc, "colno", 1), f"invalid JSON: {exc}")
    if extension == ".toml":
        from linter.support import tomlreader
        try:
            return tomlreader.loads(text)
        except tomlreader.TOMLDecodeError as exc:
            return TargetProblem(path, 1, 1, f"invalid TOML: {exc}")
    from linter.stages.dialects import parse_block
    from linter.stages.parse import parse
    if extension in (".yml", ".yaml"):
        parsed = parse(text, 1, 0, limits["max-nodes"], limits["max-depth"])
    else:  # a record: its front matter, in whichever dialect it is written
        from linter.stages.frontmatter import Block, split_file
        block = split_file(text, path)
        if not isinstance(block, Block):
            return {}
        parsed = parse_block(block, limits)
    if parsed.record is None and parsed.problems:
        problem = parsed.problems[0]
        return TargetProblem(path, problem.line, problem.column, problem.message)
    return parsed.record


def _csv_names(text: str, key: str) -> list:
    import csv
    import io
    try:
        return [row[key] for row in csv.DictReader(io.StringIO(text)) if row.get(key)]
    except csv.Error:
        return []
