"""The site as read, kept between runs: each `_config.yml` parsed, and the names each
reference target defines, stored in the cache folder beside the result cache and keyed on the
size and modification time of the files they were read from.

A re-lint of an unchanged site (a cached run, a pre-commit run on one file) then parses no
site file and never imports PyYAML: ~13 ms of a 75 ms run (bench/site.py, the cached and
one-file rows). The run loop turns it on with the result cache (`activate`); `--no-cache`, the
workers and the language server read the files each time. Stored with `marshal`, like the
result cache: plain data only, so loading it can never run code; anything of another shape,
or a value marshal cannot hold (a YAML timestamp in a default), is simply read again, and so
is a file modified less than 2 s before it was read (an edit within the clock's step would
keep its stamp, as git's "racily clean" files).
"""
from __future__ import annotations

import marshal
import os

from linter.site.jekyll import ConfigProblem, DefaultsScope, SiteConfig
from linter.site.targets import Names, TargetProblem

STORE_FORMAT = 1


class SiteStore:
    def __init__(self, cache_folder: str, tool):
        self.file = os.path.join(cache_folder, f"site-v{STORE_FORMAT}.marshal")
        self.tool = tool            # () -> the tool's fingerprint: another version reads the files again
        self.configs: dict = {}     # path -> (stamps, plain SiteConfig)
        self.names: dict = {}       # scope -> (stamps, plain Names)
        self.loaded = False         # the file is read on first use
        self.changed = False

    def _load(self):
        if self.loaded:
            return
        self.loaded = True
        from linter.stages.read import read_bytes
        data = read_bytes(self.file)  # a regular file only: never a pipe or device planted there
        try:
            loaded = marshal.loads(data) if isinstance(data, bytes) else None
        except (EOFError, ValueError, TypeError):
            loaded = None
        if isinstance(loaded, tuple) and len(loaded) == 3 and loaded[0] == self.tool():
            if isinstance(loaded[1], dict) and isinstance(loaded[2], dict):
                self.configs.update(loaded[1])
                self.names.update(loaded[2])

    def config(self, path: str, read) -> SiteConfig:
        """The configuration at `path`: as stored when the file is unchanged, else `read()`."""
        return self._recall(self.configs, path, [path], read, _plain_config, _config_from)

    def target_names(self, scope: str, files: list, read) -> Names:
        """The names `files` define (one scope of targets): as stored when the same files are
        there unchanged, else `read()`."""
        return self._recall(self.names, scope, files, read, _plain_names, _names_from)

    def _recall(self, table: dict, key: str, files: list, read, to_plain, from_plain):
        """What `read()` gives from `files`: as stored under `key` when the same files are there
        unchanged; else read, and stored unless a file changed moments ago or marshal cannot
        hold the value (both: read again next time)."""
        self._load()
        stamps = tuple((path, *_stamp(path)) for path in files)
        try:
            stored = table.get(key)
            if stored is not None and stored[0] == stamps:
                return from_plain(stored[1])
        except (TypeError, ValueError, IndexError, KeyError):
            pass  # another shape: read again
        value = read()
        plain = to_plain(value)
        if not _racy(stamps) and _marshallable(plain):
            table[key] = (stamps, plain)
            self.changed = True
        return value

    def save(self):
        if not self.changed:
            return
        try:
            os.makedirs(os.path.dirname(self.file), exist_ok=True)
            import tempfile
            fd, temp = tempfile.mkstemp(dir=os.path.dirname(self.file), suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                marshal.dump((self.tool(), self.configs, self.names), handle)
            os.replace(temp, self.file)
        except OSError:
            return  # a read-only tree simply reads its site each run
        self.changed = False


# A file modified this close to now may be modified again without its stamp changing (a file
# system with 1-2 s timestamps, `touch -r`): it is not stored, and read again next run.
RACY_NS = 2_000_000_000


def _racy(stamps: tuple) -> bool:
    """Whether a file of `stamps` ((path, size, mtime_ns), ...) changed moments ago."""
    import time
    return max((mtime for _, _, mtime in stamps), default=0) > time.time_ns() - RACY_NS


def _marshallable(plain) -> bool:
    try:
        marshal.dumps(plain)
    except ValueError:
        return False  # a YAML timestamp in a default, say
    return True


def _stamp(path: str) -> tuple:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def _plain_config(config: SiteConfig) -> tuple:
    return (config.source, config.url, config.baseurl, config.collections,
            tuple(tuple(scope) for scope in config.defaults), config.exclude,
            tuple(config.problem) if config.problem is not None else None)


def _config_from(plain: tuple) -> SiteConfig:
    source, url, baseurl, collections, defaults, exclude, problem = plain
    return SiteConfig(source, url, baseurl, collections, tuple(DefaultsScope(*scope) for scope in defaults), exclude,
                      ConfigProblem(*problem) if problem is not None else None)


def _plain_names(names: Names) -> tuple:
    return (names.names, names.folded, tuple(tuple(problem) for problem in names.problems), names.files)


def _names_from(plain: tuple) -> Names:
    names, folded, problems, files = plain
    return Names(frozenset(names), folded, tuple(TargetProblem(*problem) for problem in problems), files)


# The store of this run, when the result cache is on (the run loop sets it).
active: SiteStore | None = None


def activate(cache_folder: str | None, tool=str):
    """Use a store in `cache_folder` from now on (None: no store); `tool()` is the tool's
    fingerprint, asked for only when the store is read or written."""
    global active
    active = SiteStore(cache_folder, tool) if cache_folder is not None else None
