"""Stage 1: expand the command-line paths into files to lint, in a deterministic order.

Directories are walked without following directory symlinks (no loops); files named on the
command line are always linted, whatever their extension. Problems (a missing path, an
unreadable folder) are yielded as they are met so the run can go on.
"""
from __future__ import annotations

import os
import re

from linter.site import root
from linter.support import globs
from linter.model.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Iterator


class Found(Record):
    __slots__ = _fields = ("path", "display", "explicit", "absolute", "site_root")

    def __init__(self, path: str, display: str, explicit: bool = False, absolute: str = "",
                 site_root: str | None = None):
        self.path = path            # filesystem path
        self.display = display      # as the user would write it: relative to the given root, forward slashes
        self.explicit = explicit
        self.absolute = absolute    # normalised absolute path
        # The Jekyll site holding it, as the walk saw the folders above: its root, or "" for
        # none; None when not known (a file named alone), which the pipeline then looks up.
        self.site_root = site_root


class Missing(Record):
    __slots__ = _fields = ("display", "reason")

    def __init__(self, display: str, reason: str):
        self.display = display
        self.reason = reason


def _display(path: str) -> str:
    return path.replace(os.sep, "/") if os.sep != "/" else path


HIDDEN = ".*"


class _Excluder:
    """Plain names are a set lookup; only real glob patterns pay for a relative path and a match
    (saves ~9 µs a folder entry with the default exclusions, all plain names)."""

    def __init__(self, settings):
        self.settings = settings
        # `.*`, hidden names, is a prefix test too; `..` in a relative path is no hidden name.
        self.hidden = HIDDEN in settings.exclude
        self.names = {p for p in settings.exclude if not any(c in p for c in "*?[/")}
        self.patterns = [p for p in settings.exclude if p not in self.names and p != HIDDEN]

    def __call__(self, name: str, path: str) -> bool:
        if name in self.names or self.hidden and name[:1] == "." and name not in (".", ".."):
            return True
        if not self.patterns:
            return False
        rel = self.settings.relative(path)
        return any(globs.matches(pattern, rel) for pattern in self.patterns)


class _JekyllSites:
    """The Jekyll sites met on the walk: which one holds each folder, and the `exclude` list of
    each `_config.yml` (paths relative to its root, which Jekyll neither builds nor publishes)."""

    def __init__(self, settings):
        self.settings = settings
        self.sites: list = []   # (site root + separator, anchored globs)

    def enter(self, absolute_folder: str, names: list, above: str | None) -> str | None:
        """The root of the site holding the folder's files (`names` those of its entries),
        `above` being that of the folder it was found in (None for the walk's top); None when
        sites are not read."""
        if not self.settings.site:
            return None
        if root.CONFIG_NAME not in names or not root.holds_config(absolute_folder):
            return above if above is not None else root.site_root_of(absolute_folder)
        site = root.site_at(absolute_folder)
        if site.config.exclude:
            patterns = "|".join(globs.compile_glob("/" + p).pattern for p in site.config.exclude)
            self.sites.append((site.root.rstrip(os.sep) + os.sep, re.compile(patterns)))
        return site.root

    def excludes(self, absolute_path: str) -> bool:
        for prefix, excluded in self.sites:
            if absolute_path.startswith(prefix):
                rel = absolute_path[len(prefix):]
                return excluded.match(rel.replace(os.sep, "/") if os.sep != "/" else rel) is not None
        return False


def discover(paths, settings_for, listed=None, force_exclude: bool = False) -> Iterator[Found | Missing]:
    """`settings_for(path)` gives the Settings (extensions, exclude) that apply below `path`;
    `listed(absolute_folder, has_config, is_root)` is told about every folder listed. A file
    named explicitly is linted even when excluded, unless `force_exclude` (pre-commit names
    every staged file: `archetypes/` must stay skipped there too)."""
    for given in paths:
        if os.path.isdir(given):
            yield from _walk(given, settings_for, listed)
        elif os.path.exists(given) or os.path.islink(given):
            if force_exclude and _excluded_file(given, settings_for(given)):
                continue
            yield Found(given, _display(given), explicit=True, absolute=os.path.abspath(given))
        else:
            yield Missing(_display(given), "no such file or directory")


def _excluded_file(path: str, settings) -> bool:
    """Whether a walk from the configuration's folder would have skipped `path`."""
    excluded = _Excluder(settings)
    absolute = os.path.abspath(path)
    parts = settings.relative(absolute).split("/")
    if parts[0] == "..":
        # Outside the configuration's folder: the names below the current folder, as a walk from
        # it would meet them; never the folders above it (`/home/me/.work/site/...`).
        below = os.path.relpath(absolute)
        parts = (below if not below.startswith("..") else os.path.basename(absolute)).split(os.sep)
    return any(excluded(part, "/".join(parts[:i + 1])) for i, part in enumerate(parts))


def _walk(top: str, settings_for, listed) -> Iterator[Found | Missing]:
    from linter.config import CONFIG_FILES
    settings = settings_for(top)
    excluded = _Excluder(settings)
    extensions = tuple(e.lower() for e in settings.extensions)
    config_names = frozenset(CONFIG_FILES)
    sites = _JekyllSites(settings)
    stack = [(top, os.path.abspath(top), None)]
    while stack:
        folder, absolute, above = stack.pop()
        try:  # scanning the absolute folder makes each DirEntry.path the absolute path, for free
            with os.scandir(absolute) as scanner:
                entries = list(scanner)
        except OSError as exc:
            yield Missing(_display(folder), f"cannot read directory: {exc.strerror or exc}")
            continue
        # Order does not matter here: every report is sorted before it is written.
        names = [entry.name for entry in entries]
        if listed is not None:
            listed(absolute, not config_names.isdisjoint(names), folder is top)
        prefix = "" if folder == "." else folder if folder.endswith(os.sep) else folder + os.sep
        site_root = sites.enter(absolute, names, above)
        for entry in entries:
            name = entry.name
            path = prefix + name
            if excluded(name, path) or sites.excludes(entry.path):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                # A link to a file is linted; a dangling one too (it is reported as unreadable).
                is_file = not is_dir and (entry.is_file() or (entry.is_symlink() and not os.path.isdir(entry.path)))
            except OSError:
                is_dir, is_file = False, True
            if is_dir:
                stack.append((path, entry.path, site_root))
            elif is_file and name.lower().endswith(extensions):
                yield Found(path, _display(path), absolute=entry.path, site_root=site_root)
