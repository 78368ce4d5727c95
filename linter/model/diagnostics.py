"""The diagnostic record every stage and rule produces, and the fix it may carry."""
from __future__ import annotations

from linter.model.records import FrozenRecord, Record, set_field

SEVERITIES = ("error", "warning", "info")
# Keys of the JSON output, in order. Downstream tools parse this: keep it stable.
JSON_KEYS = ("path", "line", "column", "end_line", "end_column", "code", "severity", "message", "pointer")


class Edit(FrozenRecord):
    """Replace text[start:end] (character offsets in the decoded file) with `replacement`."""

    __slots__ = _fields = ("start", "end", "replacement")

    def __init__(self, start: int, end: int, replacement: str):
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "replacement", replacement)


class Fix(FrozenRecord):
    """Edits that fix one finding. The fixer re-parses the result and refuses it unless every
    value outside `scope` (a JSON pointer; None: the finding's own pointer) is unchanged."""

    __slots__ = _fields = ("description", "edits", "safe", "scope")

    def __init__(self, description: str, edits: tuple, safe: bool = True, scope: str | None = None):
        set_field(self, "description", description)
        set_field(self, "edits", edits)
        set_field(self, "safe", safe)
        set_field(self, "scope", scope)


class Diagnostic(Record):
    __slots__ = _fields = ("path", "line", "column", "end_line", "end_column", "code", "severity", "message",
                           "pointer", "fix", "value")
    _compare = _fields[:9]  # not `fix` nor `value`
    # `value`: what the finding is about, to match baseline entries independent of line numbers.

    def __init__(self, path: str, line: int, column: int, end_line: int, end_column: int, code: str,
                 severity: str, message: str, pointer: str = "", fix: Fix | None = None, value: str = ""):
        self.path = path
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column
        self.code = code
        self.severity = severity
        self.message = message
        self.pointer = pointer
        self.fix = fix
        self.value = value

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in JSON_KEYS}

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.code, self.message)

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
