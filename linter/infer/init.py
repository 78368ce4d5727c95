"""`lint init`: what it writes in a repository root, before anything is written."""
from __future__ import annotations

import json
import os
from typing import NamedTuple

CONFIG_HEADER = """\
# Written by `lint init` from the records below this folder: one schema per collection, in
# {folder}/. Edit them: each key's description is a placeholder, and `required`, `enum` and the
# bounds are what the records hold today. The first mapping that matches a file applies.
"""


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
        if collection.folder == root or len(collection.records) < min_records:
            notes.append(f"  {collection.name}: {len(collection.records)} records"
                         f"{'' if collection.folder != root else ' at the root'}: no schema")
            continue
        name = slug(collection.name)
        while name in taken:
            name += "-2"
        taken.add(name)
        relative_schema = f"{schema_folder}/{name}.schema.json"
        merged = merge.merge(collection.records)
        files.append((os.path.join(root, *relative_schema.split("/")), render.dumps(render.render(merged, collection.name))))
        left_out = f", {len(merged.outliers)} outliers left out (the drift rules report them)" if merged.outliers else ""
        notes.append(f"  {relative_schema}: {len(collection.records)} records of {collection.name}{left_out}")
        folder = os.path.relpath(collection.folder, root).replace(os.sep, "/")
        globs = [f"{folder}/**"] if collection.jekyll else [f"{folder}/*", f"{folder}/*/index.*", f"{folder}/*/_index.*"]
        mappings.extend((folder.count("/"), folder, glob, relative_schema) for glob in globs)
    if not files:
        return Plan([], notes)
    # Deeper folders first: `_learning/videos/*` before a mapping of `_learning/**`.
    mappings.sort(key=lambda m: (-m[0], m[1], m[2]))
    config = CONFIG_HEADER.format(folder=schema_folder) + "".join(
        f"\n[[schemas]]\nfiles = {json.dumps(glob)}\nschema = {json.dumps(schema)}\n" for _, _, glob, schema in mappings)
    files.append((os.path.join(root, config_name), config))
    return Plan(files, notes)
