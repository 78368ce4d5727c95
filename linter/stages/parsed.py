"""What a parser of any dialect gives: the record's values and where each one is written.

Kept apart from the parsers so that a TOML or JSON file never imports PyYAML, and a YAML file
never imports a TOML parser.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re

from linter.model.records import Record


class Timestamp(str):
    """An unquoted YAML timestamp or a native TOML date or time, handed to the validator as its
    RFC 3339 string.

    `has_timezone` remembers whether the source gave an offset (None for a TOML time of day,
    which is no date-time at all: the format check refuses it); `moment` is the parsed value;
    `source` is the text as written (on the fast path, YAML timestamps are plain strings of it).
    """

    has_timezone: bool | None
    moment: _dt.datetime | _dt.date | _dt.time
    source: str

    def __new__(cls, text: str, moment, has_timezone: bool, source: str = ""):
        obj = super().__new__(cls, text)
        obj.moment = moment
        obj.has_timezone = has_timezone
        obj.source = source or text
        return obj


class Span(Record):
    """Where a value sits in the file (1-based lines and columns, end exclusive), plus its key.

    `dialect` says how the text around it is written, for fixes that rewrite a value: a class
    attribute, so a YAML span carries nothing more (TomlSpan and JsonSpan say otherwise).
    """

    dialect = "yaml"

    __slots__ = _fields = ("line", "column", "end_line", "end_column", "start", "end", "key_line", "key_column",
                           "key_end_column", "style", "raw", "tag")

    def __init__(self, line: int, column: int, end_line: int, end_column: int, start: int, end: int,
                 key_line: int = 0, key_column: int = 0, key_end_column: int = 0, style: str | None = None,
                 raw: str | None = None, tag: str = ""):
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.start = start                    # character offsets in the decoded file text
        self.end = end
        self.key_line = key_line              # the key that holds this value (0 for list items / the root)
        self.key_column = key_column
        self.key_end_column = key_end_column
        # Scalar style: None plain (TOML/JSON: a number, boolean or date), "'" or '"' quoted, "|" ">"
        # a YAML block scalar, '"""' "'''" a TOML multi-line string, "[[" a TOML array-of-tables entry.
        self.style = style
        self.raw = raw                        # scalar source text before type resolution; a quoted one's value
        self.tag = tag


class TomlSpan(Span):
    __slots__ = ()
    dialect = "toml"


class JsonSpan(Span):
    __slots__ = ()
    dialect = "json"


class BlockScanner:
    """What the TOML and JSON scanners share: a block's text, where it stands in the file, the
    limits on values and nesting, and spans from block offsets."""

    span_class = Span

    def __init__(self, text: str, first_line: int, offset: int, max_nodes: int, max_depth: int):
        self.text = text
        self.first_line = first_line  # file line of the block's first line
        self.offset = offset          # character offset of the block in the decoded file text
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.spans: dict[str, Span] = {}
        self.visited = 0              # values seen, against max_nodes

    def where(self, index: int) -> tuple:
        """File line and column (1-based, in characters) of a block offset."""
        row = bisect.bisect_right(self.line_starts, index) - 1
        return self.first_line + row, index - self.line_starts[row] + 1

    def span(self, start: int, end: int, key: tuple | None = None, style: str | None = None,
             raw: str | None = None) -> Span:
        """The span of block offsets `start`..`end`, with its key's (start, end) when it has one."""
        line, column = self.where(start)
        end_line, end_column = self.where(end)
        span = self.span_class(line, column, end_line, end_column, start + self.offset, end + self.offset,
                               style=style, raw=raw)
        if key is not None:
            span.key_line, span.key_column = self.where(key[0])
            span.key_end_column = span.key_column + key[1] - key[0]
        return span


class ParseProblem(Record):
    __slots__ = _fields = ("code", "message", "line", "column", "end_line", "end_column", "pointer")

    def __init__(self, code: str, message: str, line: int, column: int, end_line: int = 0, end_column: int = 0,
                 pointer: str = ""):
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.pointer = pointer


class ParsedBlock(Record):
    """A front matter block parsed: its record, where each value is, and what went wrong."""

    __slots__ = _fields = ("record", "spans", "problems")

    def __init__(self, record: object, spans: dict[str, Span], problems: list[ParseProblem] | None = None):
        self.record = record  # plain JSON-like data
        self.spans = spans
        self.problems = [] if problems is None else problems


# The limits every dialect's parser enforces (documented in linter/rules/limits.py).
TOO_MANY_VALUES = "LIM001"
TOO_DEEPLY_NESTED = "LIM002"


def too_many_values(max_nodes: int, line: int, column: int) -> ParseProblem:
    return ParseProblem(TOO_MANY_VALUES, f"front matter expands to more than {max_nodes} values "
                        "(an alias bomb?); option max-nodes", line, column)


def too_deeply_nested(max_depth: int, line: int, column: int) -> ParseProblem:
    return ParseProblem(TOO_DEEPLY_NESTED, f"front matter is nested deeper than {max_depth} levels; option max-depth",
                        line, column)


def timestamp_of(moment, source: str) -> Timestamp:
    """A native date or time (TOML's; YAML's timestamps are built in parse.py alike) as the
    Timestamp the validator and the date rules read: a date-time keeps its offset, `Z` as written."""
    if isinstance(moment, _dt.datetime):
        has_timezone = moment.tzinfo is not None
        text = moment.isoformat()
        if has_timezone and text.endswith("+00:00") and source.rstrip().endswith(("Z", "z")):
            text = text[:-6] + "Z"
        return Timestamp(text, moment, has_timezone, source)
    return Timestamp(moment.isoformat(), moment, False if isinstance(moment, _dt.date) else None, source)
