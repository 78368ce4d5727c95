"""What a check reports before it is placed in the file: a pointer, not a line."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .diagnostics import Fix


@dataclass
class Finding:
    code: str
    message: str
    pointer: str = ""
    # Where to point: "value" (the value's span), "key" (the key holding it), "parent" (the key
    # of the mapping that should hold it: for missing keys), "file" (line 1).
    anchor: str = "value"
    fix: Optional[Fix] = None
    severity: Optional[str] = None   # overrides the rule's default (e.g. a warning variant)
    keyword: str = ""                # the schema keyword, for schema findings
    value: str = ""                  # the offending value, for baselines
    suggestion: Optional[str] = None  # the closest known key or value, when there is one
    line: int = 0                    # explicit position, for findings with no pointer
    column: int = 0
    end_line: int = 0                # explicit end (exclusive); 0: one character
    end_column: int = 0
