"""Files the linter opens because something names them: schemas (`--schema`, the configuration,
a record's `$schema`, a schema's `$ref`), the configuration and the baseline.

Every such file is read here and nowhere else, with the protections the linted files have
(`read.read_bytes`: regular files only, opened without blocking, at most `max-file-bytes`).
Files named by content (a record, or a schema a record named) must also lie inside the
repository, after symlinks are resolved: a pull request must not make the linter read
`/etc/…` or another checkout's secrets, or stall on `/dev/zero`.
"""
from __future__ import annotations

import os

from linter.stages.read import DEFAULT_MAX_FILE_BYTES, INVALID_ENCODING, ReadProblem, decode, read_bytes
from linter.support.paths import inside


class NamedFileError(Exception):
    """A named file that is refused or cannot be read; the message says which and why."""


def read_named(path: str, what: str, max_bytes: int | None = None, roots: tuple[str, ...] = ()) -> str:
    """The text of the file `what` (e.g. "schema") at `path`. With `roots`, the file must lie
    inside one of them once symlinks are resolved, or it is not opened at all."""
    if roots and not inside_any(path, roots):
        raise NamedFileError(f"{what} {path} lies outside the repository ({roots[0]}): not read")
    data = read_bytes(path, max_bytes or DEFAULT_MAX_FILE_BYTES)
    source = data if isinstance(data, ReadProblem) else decode(path, data)
    if isinstance(source, ReadProblem):
        where = f" (line {source.line}, column {source.column})" if source.code == INVALID_ENCODING else ""
        raise NamedFileError(f"cannot read {what} {path}: {source.message.replace('cannot read file: ', '')}{where}")
    return source.text


def inside_any(path: str, roots) -> bool:
    real = os.path.realpath(path)
    return any(inside(real, root) for root in map(os.path.realpath, roots))


# Saves ~17 µs a record that names its schema (one `lexists` a folder up to the root).
def git_work_tree(folder: str) -> str | None:
    """The git work tree holding `folder` (the nearest parent with a `.git`), or None."""
    current = os.path.abspath(folder)
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def content_roots(record_path: str, config_root: str | None) -> tuple[str, ...]:
    """Where files named by a record may lie: its git work tree and its configuration's folder;
    with neither, the current folder when the record is inside it, else the record's folder."""
    folder = os.path.dirname(os.path.abspath(record_path))
    roots = tuple(r for r in (git_work_tree(folder), config_root) if r)
    if roots:
        return roots
    here = os.getcwd()
    return (here,) if inside_any(folder, (here,)) else (folder,)
