"""The front-matter dialects and what differs between them, as data: which parser reads a block,
which of its findings mean the text no longer reads as a record, whether `# lint:` comments can
be written in it. Everything else (schemas, content rules, fixes) is the same for every dialect;
a rule that holds for some dialects only says so itself (`@rule(..., dialects=...)`)."""
from __future__ import annotations

import importlib
from typing import NamedTuple

from linter.stages.frontmatter import JSON, TOML, YAML


class Dialect(NamedTuple):
    name: str
    parser: str              # the module whose parse_block(block, limits) reads it
    unreadable: frozenset    # parse codes after which there is no record to fix
    comments: bool           # `# lint: disable=` suppressions can be written


_LIMITS = frozenset(("LIM001", "LIM002"))

DIALECTS = {
    YAML: Dialect(YAML, "linter.stages.parse", _LIMITS | {"YML001", "YML004", "YML005"}, True),
    TOML: Dialect(TOML, "linter.stages.parse_toml", _LIMITS | {"TOM001", "TOM002"}, True),
    JSON: Dialect(JSON, "linter.stages.parse_json", _LIMITS | {"JSN001"}, False),
}


def parse_block(block, limits: dict):
    """The ParsedBlock of a front matter Block, by the parser of its dialect."""
    return importlib.import_module(DIALECTS[block.dialect].parser).parse_block(block, limits)
