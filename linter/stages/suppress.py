"""Stage 8: inline suppressions written as YAML comments inside the front matter.

    title: x   # lint: disable=SCH003,URL001   -> that line's findings
    # lint: disable-file=IMG003                -> the whole file's findings
Codes may also be rule names. A suppression that suppresses nothing is reported (LNT001).
"""
from __future__ import annotations

import re

from linter.model.findings import StageProblem
from linter.model.records import Record

# The codes this stage raises (documented in linter/rules/meta.py).
UNUSED_SUPPRESSION = "LNT001"
INVALID_SUPPRESSION = "LNT003"

# The code list is taken as the rest of the line and checked on its own: one regex with a lazy
# list followed by `\s*$` backtracks quadratically on a long run of spaces.
_COMMENT = re.compile(r"#\s*lint:\s*(disable|disable-file)\s*=(.*)")
_CODE_LIST = re.compile(r"[A-Za-z0-9_,\- ]+")
_ANY = re.compile(r"#\s*lint:")


class Suppression(Record):
    __slots__ = _fields = ("line", "column", "end_column", "scope", "codes", "used")

    def __init__(self, line: int, column: int, end_column: int, scope: str, codes: list[str],
                 used: set[str] | None = None):
        self.line = line
        self.column = column
        self.end_column = end_column
        self.scope = scope           # "line" or "file"
        self.codes = codes
        self.used = set() if used is None else used


class SuppressionProblem(StageProblem):
    __slots__ = ()


def find_suppressions(yaml_text: str, first_line: int, resolve_code):
    """Returns (suppressions, problems): the `# lint:` comments of the block, and a
    SuppressionProblem (LNT003) for each that is malformed or names an unknown rule;
    `resolve_code` maps a code or name to a code or None."""
    suppressions, problems = [], []
    if "lint:" not in yaml_text:
        return suppressions, problems
    for index, line in enumerate(yaml_text.splitlines()):
        found = _ANY.search(line)
        if not found or not _in_comment(line, found.start()):
            continue
        number = first_line + index
        match = _COMMENT.match(line, found.start())
        if match and not _CODE_LIST.fullmatch(match.group(2).strip()):
            match = None
        if not match:
            problems.append(SuppressionProblem(
                INVALID_SUPPRESSION, "malformed suppression: expected `# lint: disable=CODE[,CODE]` or `disable-file=`",
                number, found.start() + 1))
            continue
        codes = []
        for raw in (c.strip() for c in match.group(2).split(",")):
            code = resolve_code(raw) if raw else None
            if code is None:
                problems.append(SuppressionProblem(INVALID_SUPPRESSION, f"unknown rule {raw!r} in suppression",
                                                   number, found.start() + 1))
            else:
                codes.append(code)
        scope = "file" if match.group(1) == "disable-file" else "line"
        suppressions.append(Suppression(number, found.start() + 1, len(line.rstrip()) + 1, scope, codes))
    return suppressions, problems


def _in_comment(line: str, position: int) -> bool:
    """A `#` starts a YAML comment only outside quotes and after white space (or at line start)."""
    quote = None
    for i, char in enumerate(line[:position]):
        if quote:
            if char == quote:
                quote = None
        elif char in "\"'" and (i == 0 or line[i - 1] in " :-[{,"):
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return True
    return quote is None and (position == 0 or line[position - 1] in " \t")


def apply(diagnostics, suppressions):
    """Drop suppressed diagnostics, marking which suppression codes were used."""
    if not suppressions:
        return diagnostics
    by_line = {}
    whole_file = []
    for s in suppressions:
        (whole_file if s.scope == "file" else by_line.setdefault(s.line, [])).append(s)
    kept = []
    for d in diagnostics:
        suppressed = False
        for s in whole_file + by_line.get(d.line, []):
            if d.code in s.codes:
                s.used.add(d.code)
                suppressed = True
        if not suppressed:
            kept.append(d)
    return kept


def unused(suppressions, reported) -> list[SuppressionProblem]:
    """LNT001 for each code of a suppression that suppressed nothing, among the codes for which
    `reported(code)` (a code turned off, or one whose findings come later, is not judged)."""
    problems = []
    for s in suppressions:
        for code in s.codes:
            if code not in s.used and reported(code):
                what = "file" if s.scope == "file" else "line"
                problems.append(SuppressionProblem(UNUSED_SUPPRESSION,
                                                   f"suppression of {code} on this {what} suppresses nothing",
                                                   s.line, s.column))
    return problems
