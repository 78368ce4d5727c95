"""`lint init`: what it writes in a repository root, before anything is written."""
from __future__ import annotations

import json
import os
from typing import NamedTuple

from linter.config import NO_SCHEMA
from linter.support.words import counted

CONFIG_HEADER = """\
# Written by `lint init` from the records below this folder: one schema per collection, in
# {folder}/. Edit them: each key's description is a placeholder, and `required`, `enum` and the
# bounds are what the records hold today. The first mapping that matches a file applies.
"""


class Mapping(NamedTuple):
    order: int      # BARE, SECTIONS, JEKYLL, BUNDLES, NOT_OURS, DIRECT: the first mapping that matches applies
    depth: int      # deeper folders first within an order: `_learning/videos/*.md` before `_learning/*.md`
    folder: str
    glob: str
    schema: str


# A Jekyll collection is its folder, all of it. The sections' own pages are every `_index.*` below
# their folder. Otherwise a collection is its folder's own files and the page bundles below it
# (`posts/a/index.md`); the folder's own `index.*` (a bundle page of the folder above) and
# `_index.*` (a section's page, when the section pages get no schema) match `posts/*.md` too:
# they get none there. A file without front matter that some glob matches (a static file of a
# Jekyll collection, a README) gets none either, by its path, first: it would be FM001 else.
BARE, SECTIONS, JEKYLL, BUNDLES, NOT_OURS, DIRECT = range(6)

# A Jekyll site's templates, not records: their front matter (`layout:`) gets no schema.
JEKYLL_TEMPLATE_FOLDERS = ("_layouts", "_includes")


def _mappings(root: str, collection, schema: str) -> list:
    from linter.infer.records import BUNDLE_STEMS, page_stem
    folder = os.path.relpath(collection.folder, root).replace(os.sep, "/")
    depth = folder.count("/")
    if collection.sections:
        from linter.infer.records import SECTION_STEM
        return [Mapping(SECTIONS, depth, folder, f"{folder}/**/{SECTION_STEM}.*" if folder != "." else
                        f"**/{SECTION_STEM}.*", schema)]
    if collection.jekyll:
        return [Mapping(JEKYLL, depth, folder, f"{folder}/**", schema)]
    mappings, direct = [], set()
    for record in collection.records:
        name = os.path.basename(record.path)
        extension = os.path.splitext(name)[1]
        if os.path.dirname(record.path) == collection.folder:
            direct.add(extension)
        else:  # a bundle's page, or its translation (`index.fr.md`)
            stem = page_stem(name)
            language = "" if name == stem + extension else ".*"
            mappings.append(Mapping(BUNDLES, depth, folder, f"{folder}/*/{stem}{language}{extension}", schema))
    mappings += [Mapping(DIRECT, depth, folder, f"{folder}/*{extension}", schema) for extension in direct]
    try:
        names = os.listdir(collection.folder)
    except OSError:
        names = []
    for stem in sorted(BUNDLE_STEMS):
        # The folder's own page (or a translation of it), which `folder/*.md` matches too.
        if any(page_stem(name) == stem and os.path.splitext(name)[1] in direct for name in names):
            mappings.append(Mapping(NOT_OURS, depth, folder, f"{folder}/{stem}.*", NO_SCHEMA))
    return list(dict.fromkeys(mappings))


def _covered_by_sections(mapping: Mapping, mappings: list) -> bool:
    """Whether `mapping` gives a folder's section page no schema where the section pages' own
    mapping, which comes first, gives them theirs: a line that would never apply."""
    from linter.infer.records import SECTION_STEM
    if mapping.order != NOT_OURS or not mapping.glob.endswith(f"/{SECTION_STEM}.*"):
        return False
    return any(m.order == SECTIONS and (m.folder == "." or mapping.folder == m.folder
                                        or mapping.folder.startswith(m.folder + "/")) for m in mappings)


def _jekyll_templates(folder: str) -> bool:
    """Whether `folder` is, or lies in, a Jekyll site's `_layouts/` or `_includes/`."""
    from linter.site.root import site_root_of
    root = site_root_of(folder)
    if not root:
        return False
    return os.path.relpath(folder, root).split(os.sep)[0] in JEKYLL_TEMPLATE_FOLDERS


def _without_front_matter(root: str, bare: list, mappings: list) -> list:
    """A `schema = "none"` mapping for each file without front matter that would get a schema.
    A name holding a glob's `*`, `?` or `\\` cannot be written as a pattern of itself: left as it is."""
    from linter.support.globs import matches
    found = []
    for path in bare:
        relative = os.path.relpath(path, root).replace(os.sep, "/")
        if any(special in relative for special in "*?\\"):
            continue
        first = next((m for m in mappings if matches(m.glob, relative)), None)
        if first is not None and first.schema != NO_SCHEMA:
            folder = os.path.dirname(relative)
            found.append(Mapping(BARE, folder.count("/"), folder, relative, NO_SCHEMA))
    return found


class Plan(NamedTuple):
    files: list         # (absolute path, text): the schemas, then the configuration
    notes: list         # lines for the user: what each schema covers, what was left out
    problem: str = ""   # why nothing can be written


def plan_init(root: str, min_records: int, schema_folder: str, config_name: str) -> Plan:
    from linter.config import ConfigError, ConfigResolver, _section
    from linter.infer import merge, records, render
    from linter.infer.command import slug
    pyproject = os.path.join(root, "pyproject.toml")
    try:
        if os.path.isfile(pyproject) and _section(pyproject) is not None:
            return Plan([], [], f"{pyproject} configures frontmatter-lint already, and {config_name} would "
                                "replace it: run `lint schema infer FOLDER -o schemas/NAME.schema.json` for each "
                                "collection and map the schemas there")
        resolver = ConfigResolver()
    except ConfigError as exc:
        return Plan([], [], str(exc))
    found = records.find([root], resolver)
    files, notes, mappings, taken = [], [], [], set()
    for collection in found.collections:
        if _jekyll_templates(collection.folder):
            notes.append(f"  {collection.name}: {counted(len(collection.records), 'template')} of the Jekyll site: no schema")
            continue
        at_root = collection.folder == root and not collection.sections
        if at_root or len(collection.records) < min_records:
            notes.append(f"  {collection.name}: {counted(len(collection.records), 'record')}"
                         f"{' at the root' if at_root else ''}: no schema")
            continue
        name = slug(collection.name)
        while name in taken:
            name += "-2"
        taken.add(name)
        relative_schema = f"{schema_folder}/{name}.schema.json"
        merged = merge.merge(collection.records)
        files.append((os.path.join(root, *relative_schema.split("/")), render.dumps(render.render(merged, collection.name))))
        left_out = f", {counted(len(merged.outliers), 'outlier')} left out (`lint` reports those the schema can tell)" if merged.outliers else ""
        notes.append(f"  {relative_schema}: {counted(len(collection.records), 'record')} of {collection.name}{left_out}")
        mappings.extend(_mappings(root, collection, relative_schema))
    if found.skipped:
        notes.append(f"  {counted(len(found.skipped), 'file')} with front matter the linter reports as broken: left out (`lint` shows why)")
    if not files:
        return Plan([], notes)
    mappings = [m for m in mappings if not _covered_by_sections(m, mappings)]
    mappings.sort(key=lambda m: (m.order, -m.depth, m.folder, m.glob))
    bare = _without_front_matter(root, found.bare, mappings)
    if bare:
        notes.append(f"  {counted(len(bare), 'file')} without front matter in those collections: no schema")
        mappings = bare + mappings
    config = CONFIG_HEADER.format(folder=schema_folder) + "".join(
        f"\n[[schemas]]\nfiles = {json.dumps(m.glob)}\nschema = {json.dumps(m.schema)}\n" for m in mappings)
    files.append((os.path.join(root, config_name), config))
    return Plan(files, notes)
