"""What a check reports before it is placed in the file: a pointer, not a line."""
from __future__ import annotations

from linter.model.diagnostics import Fix
from linter.model.records import Record


class StageProblem(Record):
    """What a stage before parsing (reading, splitting) reports: a code, a message and a position,
    since there is no record to point into yet."""

    __slots__ = _fields = ("code", "message", "line", "column")

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1):
        self.code = code
        self.message = message
        self.line = line
        self.column = column


class Finding(Record):
    __slots__ = _fields = ("code", "message", "pointer", "anchor", "fix", "severity", "keyword", "value",
                           "suggestion", "line", "column", "end_line", "end_column")

    def __init__(self, code: str, message: str, pointer: str = "", anchor: str = "value", fix: Fix | None = None,
                 severity: str | None = None, keyword: str = "", value: str = "", suggestion: str | None = None,
                 line: int = 0, column: int = 0, end_line: int = 0, end_column: int = 0):
        self.code = code
        self.message = message
        self.pointer = pointer
        # Where to point: "value" (the value's span), "key" (the key holding it), "parent" (the key
        # of the mapping that should hold it: for missing keys), "file" (line 1).
        self.anchor = anchor
        self.fix = fix
        self.severity = severity      # overrides the rule's default (e.g. a warning variant)
        self.keyword = keyword        # the schema keyword, for schema findings
        self.value = value            # the offending value, for baselines
        self.suggestion = suggestion  # the closest known key or value, when there is one
        self.line = line              # explicit position, for findings with no pointer
        self.column = column
        self.end_line = end_line      # explicit end (exclusive); 0: one character
        self.end_column = end_column
