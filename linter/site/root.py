"""The site a file belongs to: the nearest folder above it holding Jekyll's `_config.yml`; and
whether a folder lies in a Hugo site."""
from __future__ import annotations

import functools
import os
import re

from linter.site import defaults as site_defaults
from linter.support.paths import inside
from linter.site.jekyll import CONFIG_NAME, SiteConfig, document_type, read_config


class Site:
    """A site root and what its configuration says; one object per root and process."""

    def __init__(self, root: str, config: SiteConfig):
        self.root = root
        self.config = config
        self._prefix = root.rstrip(os.sep) + os.sep
        self._defaults_by_folder: dict = {}

    @property
    def source(self) -> str:
        return self.config.source

    @functools.cached_property
    def source_display(self) -> str:
        """The _config.yml path as reports show paths: relative to the current folder inside it."""
        relative = os.path.relpath(self.source)
        shown = self.source if relative.startswith("..") else relative
        return shown.replace(os.sep, "/") if os.sep != "/" else shown

    def relative(self, path: str) -> str:
        """`path` (inside the site) from the site root, forward slashes."""
        absolute = path if os.path.isabs(path) else os.path.abspath(path)
        rel = absolute[len(self._prefix):] if absolute.startswith(self._prefix) else os.path.relpath(absolute, self.root)
        return rel.replace(os.sep, "/") if os.sep != "/" else rel

    def defaults_for(self, path: str) -> site_defaults.Defaults:
        if not self.config.defaults:
            return site_defaults.NO_DEFAULTS
        rel = self.relative(path)
        folder = rel.rpartition("/")[0]
        # Saves ~4 µs a record: the files of a folder share their defaults, unless a scope names
        # a path below the folder (a file, or a prefix of file names).
        known = self._defaults_by_folder.get(folder)
        if known is not None:
            return known
        found = site_defaults.for_file(self.config.defaults, rel, document_type(self.config, rel))
        if folder and not any(_depends_on_file_name(scope.path, folder) for scope in self.config.defaults):
            self._defaults_by_folder[folder] = found
        return found

    def contains(self, path: str) -> bool:
        return inside(os.path.abspath(path), self.root)

    def __repr__(self):
        return f"Site({self.root!r})"


def _depends_on_file_name(scope_path: str, folder: str) -> bool:
    """Whether a scope's path can apply to some files of `folder` and not others: a path (or
    prefix) below the folder, or a glob whose folders match it and whose last segment falls on
    the file names."""
    if "*" not in scope_path:
        return scope_path.startswith(folder + "/")
    import fnmatch
    segments, folders = scope_path.split("/"), folder.split("/")
    return len(segments) == len(folders) + 1 and all(map(fnmatch.fnmatchcase, folders, segments))


def site_of(path: str) -> Site | None:
    """The site holding the file at `path`, or None outside any Jekyll site."""
    absolute = path if os.path.isabs(path) else os.path.abspath(path)
    return _site_of_folder(os.path.dirname(absolute))


# Saves a walk up the folders (an `isfile` each) per record: the files of a folder share a site.
@functools.lru_cache(maxsize=4096)
def _site_of_folder(folder: str) -> Site | None:
    if holds_config(folder):
        return site_at(folder)
    parent = os.path.dirname(folder)
    return None if parent == folder else _site_of_folder(parent)


def holds_config(folder: str) -> bool:
    """Whether `folder` is a site's root: its `_config.yml` is a file (a link that loops or
    leads nowhere is not)."""
    return os.path.isfile(os.path.join(folder, CONFIG_NAME))


def site_root_of(folder: str) -> str:
    """The root of the site holding the files of `folder`, "" outside any site."""
    site = _site_of_folder(folder)
    return site.root if site is not None else ""


@functools.lru_cache(maxsize=64)
def site_at(root: str) -> Site:
    """The site whose `_config.yml` is in `root`."""
    # The default limits: a site's configuration is read once for every file in it, whatever
    # limits each file's own settings set.
    from linter.config import LIMIT_DEFAULTS
    from linter.site import store
    path = os.path.join(root, CONFIG_NAME)
    if store.active is not None:
        return Site(root, store.active.config(path, lambda: read_config(path, LIMIT_DEFAULTS)))
    return Site(root, read_config(path, LIMIT_DEFAULTS))


# Hugo's configuration: `hugo.*`, `config.*` (older sites), or a `config/` folder of them
# (`config/_default/hugo.toml`). `config.*` is also Zola's, whose keys are case-sensitive: Zola's
# sets `base_url`, which it requires and Hugo does not know.
HUGO_CONFIGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml",
                "config.json")
_ZOLA_BASE_URL = re.compile(r"""^[ \t]*["']?base_url["']?[ \t]*=""", re.M)


# Saves a walk up the folders (eight `isfile`s each) per collection judged.
@functools.lru_cache(maxsize=1024)
def in_hugo_site(folder: str) -> bool:
    """Whether `folder` lies in a Hugo site, which reads front-matter keys whatever their case:
    the nearest folder at or above it with a site configuration holds `hugo.*` or a `config/`
    folder of Hugo's, or a `config.*` beside `content/` that is not Zola's (not Jekyll's
    `_config.yml` either)."""
    if os.path.isfile(os.path.join(folder, CONFIG_NAME)):
        return False
    for name in HUGO_CONFIGS:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            if name.startswith("hugo."):
                return True
            if os.path.isdir(os.path.join(folder, "content")):
                return not _is_zola_config(candidate)
    if os.path.isdir(os.path.join(folder, "content")) and any(
            os.path.isfile(os.path.join(folder, "config", "_default", name)) for name in HUGO_CONFIGS):
        return True
    parent = os.path.dirname(folder)
    return False if parent == folder else in_hugo_site(parent)


def empty_hugo_page(path: str, text: str) -> bool:
    """An empty file in a Hugo site: a page without settings, as an empty `_index.md` declares a
    section; Jekyll would not build an empty file as a page, so there it is FM001."""
    if text.strip():
        return False
    return in_hugo_site(os.path.dirname(os.path.abspath(path)))


def _is_zola_config(path: str) -> bool:
    from linter.support.namedfiles import NamedFileError, read_named
    try:
        text = read_named(path, "site configuration", 1 << 20, roots=(os.path.dirname(path),))
    except NamedFileError:
        return False  # unreadable: judged by its folder as Hugo's
    return _ZOLA_BASE_URL.search(text) is not None


def clear():
    """Forget every site read (the language server calls it when a `_config.yml` changes)."""
    _site_of_folder.cache_clear()
    site_at.cache_clear()
    in_hugo_site.cache_clear()
