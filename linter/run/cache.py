"""Result cache: re-linting an unchanged tree reads almost nothing.

One file per configuration fingerprint (tool version and sources, settings, schema texts) in
`.frontmatter-lint-cache/` beside the configuration (or in the current folder). An entry is
keyed on the file's content hash; its size and modification time let an unchanged file skip
even the read. Stored with `marshal` (plain data only: loading it can never run code). The
folder keeps the few most recently used caches: the fingerprint includes the date, so older
ones would otherwise pile up.
"""
from __future__ import annotations

import functools
import marshal
import os
from typing import NamedTuple

from linter import __version__
from linter.model.diagnostics import Diagnostic, Edit, Fix
from linter.run.digest import content_digest, text_digest
from linter.pipeline import FileResult
from linter.stages.read import read_bytes
from linter.rules.crossfile import Entry
from linter.stages.suppress import Suppression

CACHE_DIR = ".frontmatter-lint-cache"
_FORMAT = 4  # index entries have a scope, results their dependencies: no result of format 3 is read
KEEP_CACHES = 4  # cache files kept in the folder, most recently used first


@functools.cache
def tool_fingerprint() -> str:
    """Version plus every file of the package (its path inside it, size and time) and the
    built-in schemas, so an edited, moved or upgraded checkout never reuses stale results."""
    from linter.schemas.loader import SOURCE_FOLDER
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = [__version__]
    for top in (package, SOURCE_FOLDER):
        for folder, subfolders, names in os.walk(top):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(names):
                if name.endswith((".py", ".json")):
                    path = os.path.join(folder, name)
                    try:
                        stat = os.stat(path)
                    except OSError:
                        continue
                    parts.append(f"{os.path.relpath(path, top)}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def settings_fingerprint(settings) -> str:
    from linter.config import NO_SCHEMA
    from linter.support.namedfiles import NamedFileError, read_named
    texts = []  # the built-in schemas are in tool_fingerprint, with the package's files
    for name in [s for _, s in settings.schemas if s != NO_SCHEMA] + [settings.forced_schema or ""]:
        try:
            texts.append(read_named(name, "schema", settings.limits["max-file-bytes"]))
        except NamedFileError:
            texts.append(f"missing:{name}")
    # Today's date too: the date rules compare with "now", so yesterday's verdicts may be stale.
    import datetime
    today = datetime.date.today().isoformat()
    fields = sorted((name, getattr(settings, name)) for name in settings._fields)
    blob = "\0".join([tool_fingerprint(), repr(fields), today, *texts])
    return text_digest(blob)


class CacheEntry(NamedTuple):
    """What the cache keeps of a file (stored as a plain tuple: marshal writes no other kind)."""
    size: int                   # size and modification time: unchanged, the file is not even read
    mtime_ns: int
    digest: bytes               # content_digest of the bytes linted
    checked: bool
    diagnostics: tuple          # `_entry_of` below
    index: tuple
    suppressions: tuple
    depends: tuple              # (path, size, mtime_ns) of each file of the site the verdict read


class ResultCache:
    def __init__(self, folder: str, fingerprint: str):
        self.folder = folder  # the cache folder itself (.frontmatter-lint-cache)
        self.file = os.path.join(self.folder, f"v{_FORMAT}-{fingerprint}.marshal")
        self.entries: dict[str, tuple] = {}
        self.fresh: dict[str, tuple] = {}
        self._stamps: dict[str, tuple] = {}
        try:
            # One read, then loads: marshal.load on a file reads it in many small pieces (4x slower).
            data = read_bytes(self.file)  # a regular file only: never a pipe or device planted there
            loaded = marshal.loads(data) if isinstance(data, bytes) else None
            if isinstance(loaded, dict):
                self.entries = loaded
                os.utime(self.file)  # used: the pruning in save() keeps the most recently used
        except (OSError, EOFError, ValueError, TypeError):
            self.entries = {}

    def lookup(self, path: str, display: str) -> FileResult | None:
        """A cached result when the file is unchanged; None otherwise (and nothing is read)."""
        key = path  # a normalised absolute path from discovery
        stored = self.entries.get(key)
        if stored is None:
            return None
        try:
            entry = CacheEntry._make(stored)
            stat = os.stat(path)
        except (TypeError, OSError):  # an entry of another shape, a file gone
            return None
        if (stat.st_size, stat.st_mtime_ns) != (entry.size, entry.mtime_ns):
            data = read_bytes(path)
            if not isinstance(data, bytes) or content_digest(data) != entry.digest:
                return None
            entry = entry._replace(size=stat.st_size, mtime_ns=stat.st_mtime_ns)
        if any(self._stamp(path) != (size, mtime_ns) for path, size, mtime_ns in entry.depends):
            return None
        self.fresh[key] = tuple(entry)
        return _result_from(entry, path, display)

    def _stamp(self, path: str) -> tuple:
        """(size, mtime_ns) of a file results depend on, (-1, -1) when it is gone; one stat a
        run (a site's _config.yml is a dependency of every record in it)."""
        stamp = self._stamps.get(path)
        if stamp is None:
            try:
                info = os.stat(path)
                stamp = (info.st_size, info.st_mtime_ns)
            except (OSError, ValueError):
                stamp = (-1, -1)
            self._stamps[path] = stamp
        return stamp

    def store(self, path: str, result: FileResult):
        if result.internal_error or result.digest is None:
            return  # never cache a failure
        try:
            stat = os.stat(path)
        except OSError:
            return
        depends = tuple((p, *self._stamp(p)) for p in dict.fromkeys(result.depends))
        self.fresh[path] = tuple(CacheEntry(stat.st_size, stat.st_mtime_ns, result.digest, *_entry_of(result), depends))

    def save(self):
        """Write entries of this run (files no longer linted drop out), atomically."""
        entries = self.entries
        if all(entries.get(path) == entry for path, entry in self.fresh.items()):
            return  # nothing new (a pre-commit run of a cached site): the file stays as it is
        try:
            os.makedirs(self.folder, exist_ok=True)
            ignore = os.path.join(self.folder, ".gitignore")
            if not os.path.exists(ignore):
                with open(ignore, "w") as handle:
                    handle.write("# Created by frontmatter-lint: a cache, never commit it.\n*\n")
            merged = dict(self.entries)
            merged.update(self.fresh)
            if len(merged) > 2 * len(self.fresh) + 10_000:
                merged = self.fresh  # mostly files of other runs: start over rather than grow
            import tempfile
            fd, temp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                marshal.dump(merged, handle)
            os.replace(temp, self.file)
        except OSError:
            return  # a read-only tree simply runs without a cache
        self._prune()

    def _prune(self):
        """Delete all but the KEEP_CACHES most recently used cache files (this one among them),
        and temporary files a killed run left behind."""
        import time
        caches, now = [], time.time()
        try:
            with os.scandir(self.folder) as entries:
                for entry in entries:
                    name = entry.name
                    if name.endswith(".tmp") and now - entry.stat().st_mtime > 3600:
                        os.unlink(entry.path)
                    elif name.startswith("v") and name.endswith(".marshal") and entry.path != self.file:
                        caches.append((entry.stat().st_mtime, entry.path))
            caches.sort(reverse=True)
            for _, path in caches[KEEP_CACHES - 1:]:
                os.unlink(path)
        except OSError:
            pass  # another run pruning at the same time, or a read-only folder: try next time


def _fix_entry(fix: Fix | None):
    if fix is None:
        return None
    return (fix.description, tuple((e.start, e.end, e.replacement) for e in fix.edits), fix.safe, fix.scope)


def _fix_from(entry) -> Fix | None:
    if entry is None:
        return None
    description, edits, safe, scope = entry
    return Fix(description, tuple(Edit(*e) for e in edits), safe, scope)


def _entry_of(result: FileResult) -> tuple:
    """(checked, diagnostics, index, suppressions) of a result, as plain data."""
    diagnostics = tuple((d.line, d.column, d.end_line, d.end_column, d.code, d.severity, d.message, d.pointer, d.value,
                         _fix_entry(d.fix)) for d in result.diagnostics)
    index = tuple((e.kind, e.scope, e.key, e.pointer) for e in result.index)
    suppressions = tuple((s.line, s.column, s.end_column, s.scope, tuple(s.codes), tuple(sorted(s.used)))
                         for s in result.suppressions)
    return (bool(result.checked), diagnostics, index, suppressions)


def _result_from(entry: CacheEntry, path: str, display: str) -> FileResult:
    result = FileResult(display, path, checked=entry.checked)
    result.diagnostics = [Diagnostic(display, line, column, end_line, end_column, code, severity, message, pointer,
                                     value=value, fix=_fix_from(fix))
                          for line, column, end_line, end_column, code, severity, message, pointer, value, fix
                          in entry.diagnostics]
    result.index = [Entry(kind, scope, key, display, path, pointer) for kind, scope, key, pointer in entry.index]
    result.depends = [path for path, _, _ in entry.depends]
    result.suppressions = [Suppression(line, column, end_column, scope, list(codes), set(used))
                           for line, column, end_column, scope, codes, used in entry.suppressions]
    return result
