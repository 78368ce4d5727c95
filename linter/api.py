"""The Python API: lint files or text and get `Diagnostic` objects back.

    >>> from linter import lint_paths, lint_text
    >>> for d in lint_text("---\\ntitle: x\\n---\\n", path="_news/x.md"):
    ...     print(d.line, d.code, d.message)

Both take the same options as the command line: `config` (a configuration file; default: the
nearest `.frontmatter-lint.toml` or `pyproject.toml` of each file), `schema` (a schema file for
every file, or "article"), `select` and `ignore` (rule codes or prefixes). Configuration and
schema problems raise `linter.ConfigError` / `linter.SchemaError`; problems in the files are
diagnostics, never exceptions. Heavy modules are imported on the first call, not on `import linter`.
"""
from __future__ import annotations

import io
import os

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Iterable

    from linter.model.diagnostics import Diagnostic

    PathLike = str | os.PathLike[str]


def _codes(codes) -> tuple:
    if codes is None:
        return ()
    if isinstance(codes, str):
        codes = codes.split(",")
    return tuple(c.strip() for c in codes if c and c.strip())


def _resolver(config, schema, select, ignore):
    from linter.config import ConfigResolver, _check_codes, _code_of
    from linter.schemas.loader import load_schema

    forced = None
    if schema is not None:
        forced = "article" if str(schema) == "article" else os.path.abspath(os.fspath(schema))
        if forced != "article":
            load_schema(forced)  # SchemaError now, not per file
    selected = tuple(_code_of(c) for c in _codes(select))
    ignored = tuple(_code_of(c) for c in _codes(ignore))
    _check_codes(selected + ignored, "lint options")

    def overrides(settings):
        changes = {}
        if forced:
            changes["forced_schema"] = forced
        if selected:
            changes["select"] = selected
        if ignored:
            changes["ignore"] = settings.ignore + ignored
        return settings.replace(**changes) if changes else settings

    return ConfigResolver(os.fspath(config) if config is not None else None, overrides)


def lint_paths(paths: PathLike | Iterable[PathLike], *, config: PathLike | None = None,
               schema: PathLike | None = None, select=None, ignore=None,
               cross_file: bool = True) -> list["Diagnostic"]:
    """Lint files and folders (folders are walked as on the command line); return the
    diagnostics sorted by file, line and column. A missing path is an FM007 diagnostic."""
    from linter.run.runner import run

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    resolver = _resolver(config, schema, select, ignore)
    return run(paths, resolver, cross_file=cross_file, progress=None).diagnostics


def lint_text(text: str | bytes, path: PathLike = "_news/x.md", *, config: PathLike | None = None,
              schema: PathLike | None = None, select=None, ignore=None) -> list["Diagnostic"]:
    """Lint one file's content as if it were the file at `path` (which need not exist; it
    decides the schema, e.g. `_news/` files get the article schema, and the configuration)."""
    from linter.run.runner import STDIN, run

    data = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else bytes(text)
    resolver = _resolver(config, schema, select, ignore)
    return run([STDIN], resolver, cross_file=False, stdin_filename=os.fspath(path),
               stdin=io.BytesIO(data)).diagnostics
