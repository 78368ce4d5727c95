"""The diagnostic record every stage and rule produces, and the fix it may carry."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

SEVERITIES = ("error", "warning", "info")
# Keys of the JSON output, in order. Downstream tools parse this: keep it stable.
JSON_KEYS = ("path", "line", "column", "end_line", "end_column", "code", "severity", "message", "pointer")


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (character offsets in the decoded file) with `replacement`."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class Fix:
    """Edits that fix one finding. The fixer re-parses the result and refuses it unless every
    value outside `scope` (a JSON pointer; None: the finding's own pointer) is unchanged."""

    description: str
    edits: tuple
    safe: bool = True
    scope: Optional[str] = None


@dataclass
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    severity: str
    message: str
    pointer: str = ""
    fix: Optional[Fix] = field(default=None, compare=False)
    # The value the finding is about, used to match baseline entries independent of line numbers.
    value: str = field(default="", compare=False)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in JSON_KEYS}

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.code, self.message)

    def text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.code} {self.message}"
