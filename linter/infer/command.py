"""`lint schema infer PATH... [-o FILE]` and `lint init [--force] [ROOT]`."""
from __future__ import annotations

import os
import re
import sys

from linter.support.words import counted

EXIT_CLEAN, EXIT_ERROR = 0, 2
# `lint init` writes a schema for a collection of at least this many records: fewer say too
# little about what the next record will hold.
INIT_MIN_RECORDS = 5
SCHEMA_FOLDER = "schemas"
CONFIG_NAME = ".frontmatter-lint.toml"


def infer_main(args: list) -> int:
    """`lint schema infer PATH... [-o FILE]`: one schema for every record below the paths."""
    paths, output = [], None
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg in ("-o", "--output-file"):
            if not rest:
                return _usage("lint schema infer PATH... [-o FILE]")
            output = rest.pop(0)
        elif arg.startswith("-"):
            return _usage("lint schema infer PATH... [-o FILE]")
        else:
            paths.append(arg)
    if not paths:
        return _usage("lint schema infer PATH... [-o FILE]")
    from linter.config import ConfigError, ConfigResolver
    from linter.infer import merge, records, render
    try:
        resolver = ConfigResolver()
    except ConfigError as exc:
        return _error(str(exc))
    found = records.find(paths, resolver)
    loaded = [item for collection in found.collections for item in collection.records]
    if not loaded:
        return _error(f"no records (files with front matter) below {' '.join(paths)}")
    loaded.sort(key=lambda item: item.path)
    merged = merge.merge(loaded)
    title = found.collections[0].name if len(found.collections) == 1 else " ".join(paths)
    text = render.dumps(render.render(merged, title))
    _report(len(loaded), found.skipped, merged.outliers, output or "the schema")
    if output is None:
        sys.stdout.write(text)
        return EXIT_CLEAN
    from linter.infer.files import write_text
    problem = write_text(output, text, overwrite=True)
    return _error(problem) if problem else EXIT_CLEAN


def init_main(args: list) -> int:
    """`lint init [--force] [ROOT]`: a schema per collection into ROOT/schemas/, and the
    configuration that maps them (ROOT/.frontmatter-lint.toml)."""
    force = "--force" in args
    rest = [a for a in args if a != "--force"]
    if len(rest) > 1 or any(a.startswith("-") for a in rest):
        return _usage("lint init [--force] [ROOT]")
    root = os.path.abspath(rest[0] if rest else ".")
    if not os.path.isdir(root):
        return _error(f"{root}: not a folder")
    from linter.infer.files import write_text
    from linter.infer.init import plan_init
    plan = plan_init(root, INIT_MIN_RECORDS, SCHEMA_FOLDER, CONFIG_NAME)
    if plan.problem:
        return _error(plan.problem)
    if not plan.files:
        return _error(f"no collection of {INIT_MIN_RECORDS} or more records below {root}")
    existing = [path for path, _ in plan.files if os.path.lexists(path)]
    if existing and not force:
        shown = ", ".join(os.path.relpath(p, root) for p in existing)
        return _error(f"{shown} already exist{'s' if len(existing) == 1 else ''}: `lint init --force` overwrites")
    for path, text in plan.files:
        problem = write_text(path, text, overwrite=force)
        if problem:
            return _error(problem)
    for line in plan.notes:
        sys.stderr.write(line + "\n")
    sys.stderr.write(f"lint init: wrote {counted(len(plan.files) - 1, 'schema')} and {CONFIG_NAME}; now run `lint`\n")
    return EXIT_CLEAN


def _report(count: int, skipped: list, outliers: list, where: str):
    sys.stderr.write(f"lint: inferred from {count} records\n")
    if skipped:
        sys.stderr.write(f"lint: {counted(len(skipped), 'file')} with front matter the linter reports as broken left out "
                         f"(`lint` shows why): {', '.join(skipped[:5])}{' ...' if len(skipped) > 5 else ''}\n")
    if outliers:
        from linter.infer.files import line_of
        sys.stderr.write(f"lint: {counted(len(outliers), 'outlier')} left out of {where}, each a mistake or a form it should allow "
                         "(with the schema, `lint` reports those it can tell):\n")
        for outlier in outliers:
            sys.stderr.write(f"{outlier.display}:{line_of(outlier.display, outlier.pointer)}: {outlier.message}\n")


def _usage(text: str) -> int:
    sys.stderr.write(f"usage: {text}\n")
    return EXIT_ERROR


def _error(message: str) -> int:
    sys.stderr.write(f"lint: {message}\n")
    return EXIT_ERROR


def slug(name: str) -> str:
    """A schema file name for a collection name (`_learning/videos` -> `learning-videos`)."""
    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "pages"
