"""Stage 4 and 5 for JSON front matter (a `{ ... }` object first in the file, as Hugo reads it).

The `json` module builds the values and judges the syntax; a scanner records where each key and
value is written (the spans the YAML parser gives, `stages/parsed.py`) and finds what `json`
lets pass: a key twice in one object (the last one wins, as in YAML and Go), and `NaN` or
`Infinity`, which are not JSON. Syntax errors are said in JSON's terms at the character to fix:
a trailing comma at the comma, a comment at its `//` or `/*`, a single quote at the quote.
"""
from __future__ import annotations

import json
import re
import sys

from linter.model.pointers import escape
from linter.stages.parsed import (TOO_DEEPLY_NESTED, BlockScanner, JsonSpan, ParsedBlock, ParseProblem,
                                  too_deeply_nested, too_many_values)

# The codes this stage raises (documented in linter/rules/dialects.py; the limits in parsed.py).
JSON_SYNTAX_ERROR = "JSN001"
JSON_DUPLICATE_KEY = "JSN002"

_BLANKS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"[^"\\\x00-\x1f]*(?:\\.[^"\\\x00-\x1f]*)*"')
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_$][\w$]*|[-+]?[0-9][\w.+-]*")
_LITERALS = {"true", "false", "null"}
_MAX_DIGITS = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else 10 ** 9


class _ScanError(Exception):
    def __init__(self, message: str, index: int):
        super().__init__(message)
        self.message, self.index = message, index


class _Scanner(BlockScanner):
    span_class = JsonSpan

    def __init__(self, text: str, first_line: int, offset: int, max_nodes: int, max_depth: int):
        super().__init__(text, first_line, offset, max_nodes, max_depth)
        self.problems: list[ParseProblem] = []

    def value(self, i: int, pointer: str, depth: int, key: tuple | None = None) -> int:
        text = self.text
        self.visited += 1
        if self.visited > self.max_nodes:
            raise _Limit(too_many_values(self.max_nodes, *self.where(i)))
        if depth > self.max_depth:
            raise _Limit(too_deeply_nested(self.max_depth, *self.where(i)))
        char = text[i:i + 1]
        if char == '"':
            match = _STRING.match(text, i)
            if match is None:
                raise _ScanError("a string is not closed on its line, or holds a control character", i)
            self.spans[pointer] = self.span(i, match.end(), key, '"', _string_value(match.group(), i))
            return match.end()
        if char == "{":
            return self.object(i, pointer, depth, key)
        if char == "[":
            return self.array(i, pointer, depth, key)
        match = _NUMBER.match(text, i)
        word = _WORD.match(text, i)
        if word is not None and (match is None or word.end() > match.end()):
            if word.group() not in _LITERALS:
                raise _ScanError(f"`{word.group()}` is not a JSON value (strings are in double quotes; numbers "
                                 "are decimal, without NaN or Infinity)", i)
            match = word
        if match is None:
            raise _ScanError(_unexpected(text, i, "a value"), i)
        if match.end() - i > _MAX_DIGITS and "." not in match.group() and "e" not in match.group().lower():
            raise _ScanError(f"an integer of more than {_MAX_DIGITS} digits, which Python refuses to read", i)
        self.spans[pointer] = self.span(i, match.end(), key, None, match.group())
        return match.end()

    def object(self, i: int, pointer: str, depth: int, key: tuple | None) -> int:
        text, start, seen = self.text, i, {}
        i = _BLANKS.match(text, i + 1).end()
        if not text.startswith("}", i):
            while True:
                match = _STRING.match(text, i)
                if match is None:
                    raise _ScanError(_unexpected(text, i, "a key in double quotes"), i)
                name = _string_value(match.group(), i)
                child = f"{pointer}/{escape(name)}"
                if name in seen:
                    line, column = self.where(match.start())
                    self.problems.append(ParseProblem(
                        JSON_DUPLICATE_KEY, f"duplicate key `{name}` (first defined on line {seen[name]}); "
                        "JSON readers keep only the last value", line, column, line,
                        column + match.end() - match.start(), child))
                seen[name] = self.where(match.start())[0]
                i = _BLANKS.match(text, match.end()).end()
                if not text.startswith(":", i):
                    raise _ScanError(_unexpected(text, i, "`:` after the key"), i)
                i = _BLANKS.match(text, i + 1).end()
                i = self.value(i, child, depth + 1, (match.start(), match.end()))
                i, closed = self.after_member(i, "}")
                if closed:
                    break
        self.spans[pointer] = self.span(start, i + 1, key, None, None)
        return i + 1

    def after_member(self, i: int, closer: str) -> tuple:
        """Past the blanks and the comma after a member or an item: (where the next one starts,
        or the closer is; whether the container closes there)."""
        text = self.text
        i = _BLANKS.match(text, i).end()
        if text.startswith(closer, i):
            return i, True
        if not text.startswith(",", i):
            raise _ScanError(_unexpected(text, i, f"`,` or `{closer}`"), i)
        comma = i
        i = _BLANKS.match(text, i + 1).end()
        if text.startswith(closer, i):
            raise _ScanError(f"trailing comma: JSON allows no `,` before `{closer}`", comma)
        return i, False

    def array(self, i: int, pointer: str, depth: int, key: tuple | None) -> int:
        text, start, index = self.text, i, 0
        i = _BLANKS.match(text, i + 1).end()
        if not text.startswith("]", i):
            while True:
                i = self.value(i, f"{pointer}/{index}", depth + 1)
                index += 1
                i, closed = self.after_member(i, "]")
                if closed:
                    break
        self.spans[pointer] = self.span(start, i + 1, key, None, None)
        return i + 1


class _Limit(Exception):
    def __init__(self, problem: ParseProblem):
        super().__init__(problem.message)
        self.problem = problem


def _unexpected(text: str, i: int, wanted: str) -> str:
    """What stands at `i` where `wanted` should, in JSON's terms."""
    if i >= len(text):
        return f"expected {wanted}, found the end of the front matter"
    if text.startswith(("//", "/*"), i):
        return "comments are not allowed in JSON front matter"
    if text[i] == "'":
        return f"expected {wanted}: JSON strings and keys are in double quotes, not single quotes"
    if wanted.startswith("a key") and _WORD.match(text, i):
        return f"expected {wanted}: JSON keys are strings in double quotes"
    shown = text[i]
    return f"expected {wanted}, found `{shown}`" if shown.strip() else f"expected {wanted}"


def _string_value(token: str, index: int) -> str:
    if "\\" not in token:
        return token[1:-1]
    try:
        return json.loads(token)
    except ValueError:
        raise _ScanError("invalid escape in a string (JSON knows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", index) from None


def _not_json(name: str):
    raise ValueError(f"{name} is not JSON")


def parse(text: str, first_line: int, char_offset: int, max_nodes: int = 100_000, max_depth: int = 100) -> ParsedBlock:
    """Parse a JSON block; problems are positioned in the file, never raised."""
    scanner = _Scanner(text, first_line, char_offset, max_nodes, max_depth)
    try:
        end = scanner.value(_BLANKS.match(text, 0).end(), "", 0)
        if text[end:].strip():
            raise _ScanError(_unexpected(text, _BLANKS.match(text, end).end(), "the end of the object"),
                             _BLANKS.match(text, end).end())
    except _Limit as exc:
        return ParsedBlock(None, {}, [exc.problem])
    except _ScanError as exc:
        line, column = scanner.where(exc.index)
        return ParsedBlock(None, scanner.spans, scanner.problems + [
            ParseProblem(JSON_SYNTAX_ERROR, f"JSON syntax error: {exc.message}", line, column)])
    except RecursionError:
        return ParsedBlock(None, {}, [ParseProblem(TOO_DEEPLY_NESTED, "front matter is nested too deeply to parse",
                                                   first_line, 1)])
    try:
        record = json.loads(text, parse_constant=_not_json)
    except (ValueError, RecursionError) as exc:
        # The scanner accepts only JSON: this is the net under it.
        line, column = scanner.where(getattr(exc, "pos", 0))
        return ParsedBlock(None, scanner.spans, [ParseProblem(JSON_SYNTAX_ERROR, f"JSON syntax error: {exc}", line, column)])
    return ParsedBlock(record, scanner.spans, scanner.problems)


def parse_block(block, limits: dict) -> ParsedBlock:
    """Parse a JSON front matter Block (frontmatter.split) with the configuration's limits."""
    return parse(block.text, block.first_line, block.offset, limits["max-nodes"], limits["max-depth"])
