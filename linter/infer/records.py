"""The records below some paths, as the linter sees them, grouped into collections.

A record is the front matter's mapping read as YAML 1.1 (the fast path's reader where it gives
the same values, else the reference parser), with the Jekyll site's front-matter defaults merged
under it: the record `lint --schema` validates. A file without front matter, or whose front
matter the linter would report as broken, is not a record here (it is counted as skipped).

A collection is a Jekyll collection of the site's `_config.yml` (`_posts`, `_news`, ...), else
the record's folder; a page bundle's `index.md` (Hugo) belongs to the folder above its own. The
sections' own pages, `_index.md` (Hugo, Zola), are a collection of their own: a blog's are list
pages with keys of their own (`sort_by`, `cascade`), a documentation site's are its chapters,
and neither is a record of the folder above.
"""
from __future__ import annotations

import functools
import os
from typing import NamedTuple

from linter.support.paths import inside

BUNDLE_STEMS = frozenset(("index", "_index"))
SECTION_STEM = "_index"


class Loaded(NamedTuple):
    display: str    # as reports show it
    path: str       # absolute
    record: dict


class Collection(NamedTuple):
    name: str       # the Jekyll label, or the folder relative to where the walk started
    folder: str     # absolute
    records: list   # Loaded, in path order
    jekyll: bool    # a collection of `_config.yml` (every file below its folder), not a folder
    sections: bool = False  # the sections' own pages (`_index.*`) below `folder`, at any depth

SECTION_PAGES = "section pages"


class Found(NamedTuple):
    collections: list   # Collection, by folder
    skipped: list       # display paths of files with front matter that is not a readable record
    bare: list          # absolute paths of files without front matter (static files, READMEs)


def collection_key(path: str, site) -> tuple:
    """(folder, Jekyll label or None) of the collection holding the file at `path` (absolute);
    the folder is None for a section's own page, which no folder's collection holds. Jekyll
    has neither page bundles nor section pages: there a page outside the collections belongs
    to its folder, `docs/index.html` to `docs/`."""
    if site is not None:
        from linter.site.jekyll import collection_of
        relative = site.relative(path)
        label = collection_of(site.config, relative)
        if label is not None:
            return os.path.join(site.root, site.config.collections[label]), label
        return os.path.dirname(path), None
    return _folder_collection(os.path.dirname(path), page_stem(os.path.basename(path))), None


def page_stem(name: str) -> str:
    """A page's name without its language and extension: Hugo and Zola write a translation of
    `_index.md` as `_index.fr.md`."""
    return name.split(".", 1)[0]


# Saves a split and a join per record for the drift index entries: the files of a folder share it.
@functools.lru_cache(maxsize=4096)
def _folder_collection(folder: str, stem: str) -> str | None:
    if stem == SECTION_STEM:
        return None
    return os.path.dirname(folder) if stem in BUNDLE_STEMS else folder


# Why a file the walk found is no record: front matter the linter reports as broken (a block
# further down, FM003, among them), none at all (a static file, a README), or an empty page of
# a Hugo site (a page without settings, never FM001).
BROKEN, BARE, EMPTY_HUGO_PAGE = "broken", "bare", "empty Hugo page"


class Attempt(NamedTuple):
    record: dict | None
    why: str = ""   # without a record: BROKEN, BARE or EMPTY_HUGO_PAGE


def load(path: str, settings) -> dict | None:
    """The record of the file at `path`, or None (no front matter, or front matter the linter
    reports as broken)."""
    return _attempt(path, settings).record


def _attempt(path: str, settings) -> Attempt:
    from linter.stages.frontmatter import MISSING_FRONT_MATTER, Block, missing, opens_front_matter, split_file, too_large
    from linter.stages.read import Source, decode, read_bytes
    data = read_bytes(path, settings.limits["max-file-bytes"])
    if not isinstance(data, bytes):
        return Attempt(None, BROKEN)
    source = decode(path, data)
    if not isinstance(source, Source):
        return Attempt(None, BROKEN)
    text = source.text
    block = split_file(text, path)
    if block is None and not opens_front_matter(text):
        from linter.site.root import empty_hugo_page
        if empty_hugo_page(path, text):
            return Attempt(None, EMPTY_HUGO_PAGE)
        return Attempt(None, BARE if missing(text).code == MISSING_FRONT_MATTER else BROKEN)
    if not isinstance(block, Block) or too_large(block, settings.limits["max-front-matter-bytes"]):
        return Attempt(None, BROKEN)
    record = None
    if settings.fast:
        from linter.stages import fastpath
        if fastpath.available():
            record = fastpath.load_block(block, settings.limits)
    if record is None:
        from linter.stages.dialects import parse_block
        parsed = parse_block(block, settings.limits)
        if parsed.problems or not isinstance(parsed.record, (dict, type(None))):
            return Attempt(None, BROKEN)
        record = parsed.record or {}
    if settings.site:
        from linter.site.root import site_of
        site = site_of(path)
        if site is not None:
            from linter.site.defaults import merge_under
            record = merge_under(record, site.defaults_for(path)).record
    return Attempt(record)


def find(paths, resolver) -> Found:
    """Every record below `paths`, grouped into collections (sorted by folder, records by path)."""
    from linter.site.root import site_of
    from linter.stages.discover import Found as FoundFile, discover
    by_folder: dict = {}
    labels: dict = {}
    skipped, sections, bare = [], [], []
    starts = [os.path.abspath(p) for p in paths]
    tops = [start if os.path.isdir(start) else os.path.dirname(start) for start in starts]
    for item in discover(paths, resolver.for_path, resolver.listed):
        if not isinstance(item, FoundFile):
            continue
        settings = resolver.for_file(item.absolute)
        record, why = _attempt(item.absolute, settings)
        if record is None:
            if why == BROKEN:
                skipped.append(item.display)
            elif why == BARE:
                bare.append(item.absolute)
            continue
        site = site_of(item.absolute) if settings.site else None
        folder, label = collection_key(item.absolute, site)
        if folder is not None and not any(inside(folder, top) for top in tops):
            folder = os.path.dirname(item.absolute)  # the `index.md` at the top is no bundle of the folder above
        loaded = Loaded(item.display, item.absolute, record)
        if folder is None:
            sections.append(loaded)
            continue
        by_folder.setdefault(folder, []).append(loaded)
        labels.setdefault(folder, label)
    collections = [Collection(labels[folder] or _relative_name(folder, tops), folder,
                              sorted(records, key=lambda r: r.path), labels[folder] is not None)
                   for folder, records in sorted(by_folder.items())]
    if sections:
        # Below the deepest folder holding them all: `content/**/_index.*`.
        folder = os.path.commonpath([os.path.dirname(s.path) for s in sections])
        collections.append(Collection(SECTION_PAGES, folder, sorted(sections, key=lambda r: r.path), False, True))
    return Found(collections, sorted(skipped), sorted(bare))


def _relative_name(folder: str, tops: list) -> str:
    for top in tops:
        if inside(folder, top):
            relative = os.path.relpath(folder, os.path.dirname(top) if folder == top else top)
            return relative.replace(os.sep, "/")
    return os.path.basename(folder) or folder
