"""`lint --show-schemas`: for every file, the schema that applies (or `-`) and why, so a team can
see what its CI gate checks before trusting it."""
from __future__ import annotations

from typing import NamedTuple


class Coverage(NamedTuple):
    display: str
    schema: str        # a built-in name, a schema file, or "-"
    reason: str


def schema_coverage(paths, resolver) -> list[Coverage]:
    from linter.pipeline import _schema_name
    from linter.run.runner import Outcome, collect_files
    from linter.stages.frontmatter import Block, split_file
    from linter.stages.dialects import parse_block
    from linter.stages.read import ReadProblem, decode, read_bytes

    outcome = Outcome()
    rows = []
    for item in collect_files(paths, resolver, outcome):
        settings = resolver.for_file(item.absolute)
        data = read_bytes(item.absolute, settings.limits["max-file-bytes"])
        source = data if isinstance(data, ReadProblem) else decode(item.display, data)
        block = None if isinstance(source, ReadProblem) else split_file(source.text, item.absolute)
        record = parse_block(block, settings.limits).record if isinstance(block, Block) else None
        if isinstance(block, Block) and record is None:
            record = {}  # an empty block
        if not isinstance(record, dict):
            rows.append(Coverage(item.display, "-", "no front matter that could be read"))
            continue
        refused: list = []
        schema = _schema_name(item.absolute, settings, record, refused)
        if isinstance(record.get("$schema"), str) and record["$schema"].strip():
            reason = "$schema" if not refused else f"$schema refused: {refused[0].message}"
        else:
            reason = settings.schema_choice(item.absolute, record).reason
        rows.append(Coverage(item.display, _shown(schema, settings), reason))
    rows.extend(Coverage(d.path, "-", d.message) for d in outcome.diagnostics)
    return sorted(rows)


def _shown(schema, settings) -> str:
    if schema is None:
        return "-"
    from linter.schemas.loader import BUILTIN_NAMES
    return schema if schema in BUILTIN_NAMES else settings.relative(schema)
