"""Stage 4 and 5 for TOML front matter (`+++`): the record from tomllib, positions from a scanner.

tomllib (or its compiled original tomli: `support/tomlreader.py`) builds the values and is the
judge of what is valid TOML; it keeps no positions. The scanner here walks the same text once and records where every key and
value is written, under the JSON pointer the record gives it, in the spans the YAML parser
gives (`stages/parsed.py`). It also finds what tomllib refuses without saying where: a key or
table defined twice. `tests/test_dialects.py` holds the scanner's pointers and texts to
tomllib's values on every file it meets and on generated documents.

Native dates and times become `Timestamp`s, as unquoted YAML timestamps do: an offset
date-time is a valid `date-time`, a local one or a date alone is DAT001's, and the source text
is kept for the date rules.
"""
from __future__ import annotations

import re
import sys

from linter.model.pointers import escape
from linter.stages.parsed import (TOO_DEEPLY_NESTED, BlockScanner, ParsedBlock, ParseProblem, TomlSpan,
                                  timestamp_of, too_deeply_nested, too_many_values)

from linter.support import tomlreader

# The codes this stage raises (documented in linter/rules/dialects.py; the limits in parsed.py).
TOML_SYNTAX_ERROR = "TOM001"
TOML_DUPLICATE_KEY = "TOM002"

_BLANKS = re.compile(r"[ \t]*")
# Blanks, line breaks and comments between statements and between array items.
_FILLER = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_END_OF_LINE = re.compile(r"[ \t]*(?:#[^\n]*)?(?:\r?\n|\Z)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""[^"\\]*(?:(?:\\[\s\S]|"{1,2}(?!"))[^"\\]*)*"{3,5}')
_ML_LITERAL = re.compile(r"'''[^']*(?:'{1,2}(?!')[^']*)*'{3,5}")
# A date-time may hold one space (`1979-05-27 07:32:00Z`); other unquoted values end at a blank.
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?"
                        r"(?:[Zz]|[-+][0-9]{2}:[0-9]{2})?)?|[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?")
_ATOM = re.compile(r"[^\s,\[\]{}#=\"']+")
# How tomllib says where it stopped (its exceptions carry no attributes before Python 3.14).
_AT = re.compile(r" \(at line (\d+), column (\d+)\)$| \(at end of document\)$")
_LONG_NUMBER = re.compile(r"[0-9_]{%d,}" % sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits")
                          else r"(?!)")
_YAML_STYLE_KEY = re.compile(r"[ \t]*[\w.\"'-]+[ \t]*:(?:[ \t]|$)")

_STRING_STYLES = {'"': _BASIC, "'": _LITERAL}
# The pointer prefix of what a duplicate defines: scanned for its syntax, never recorded.
_DISCARDED = "\0"


class _ScanError(Exception):
    """The scanner cannot read on; tomllib says what is wrong, and where."""


class _Table:
    """A table as the scanner knows it: how it came to be (TOML allows some tables to be
    named again and others not), its keys, and its pointer."""

    __slots__ = ("how", "children", "pointer", "line")

    def __init__(self, how: str, pointer: str, line: int):
        self.how = how            # "root", "implicit" (a parent named by a header), "header", "dotted", "inline"
        self.children: dict = {}  # key -> _Table, _TableArray or the line of a value
        self.pointer = pointer
        self.line = line


class _TableArray:
    __slots__ = ("tables", "pointer", "line")

    def __init__(self, pointer: str, line: int):
        self.tables: list[_Table] = []
        self.pointer = pointer
        self.line = line


class _Scanner(BlockScanner):
    span_class = TomlSpan

    def __init__(self, text: str, first_line: int, offset: int, max_nodes: int, max_depth: int):
        super().__init__(text, first_line, offset, max_nodes, max_depth)
        self.duplicates: list[ParseProblem] = []
        self.limit: ParseProblem | None = None
        self.root = _Table("root", "", first_line)
        self.sections: list = []  # (span, key path) of each header, in order: where does its section end?

    def count(self, index: int, depth: int):
        self.visited += 1
        if self.visited > self.max_nodes:
            self.limit = too_many_values(self.max_nodes, *self.where(index))
            raise _ScanError
        self.nesting(index, depth)

    def nesting(self, index: int, depth: int):
        if depth > self.max_depth:
            self.limit = too_deeply_nested(self.max_depth, *self.where(index))
            raise _ScanError

    def duplicate(self, message: str, key: tuple, pointer: str):
        line, column = self.where(key[0])
        self.duplicates.append(ParseProblem(TOML_DUPLICATE_KEY, message, line, column, line,
                                            column + key[1] - key[0], pointer))

    # --- statements -------------------------------------------------------------------------

    def scan(self):
        text, table = self.text, self.root
        self.spans[""] = self.span(0, len(text))
        i = _FILLER.match(text, 0).end()
        while i < len(text):
            if text.startswith("[[", i):
                table, i = self.header(i, True)
            elif text[i] == "[":
                table, i = self.header(i, False)
            else:
                i = self.key_value(i, table, table.pointer.count("/") + 1)
            end = _END_OF_LINE.match(text, i)
            if end is None:
                raise _ScanError
            i = _FILLER.match(text, end.end()).end()
        self.close_sections()

    def key(self, i: int) -> tuple[list, int]:
        """The parts of a (dotted) key: (name, start, end) each, and where the key ends."""
        text, parts = self.text, []
        while True:
            i = _BLANKS.match(text, i).end()
            match = _BARE_KEY.match(text, i) or _BASIC.match(text, i) or _LITERAL.match(text, i)
            if match is None:
                raise _ScanError
            name = match.group()
            if name[0] == '"':
                name = _string_value(name)
            elif name[0] == "'":
                name = name[1:-1]
            parts.append((name, match.start(), match.end()))
            i = _BLANKS.match(text, match.end()).end()
            if not text.startswith(".", i):
                return parts, i
            i += 1

    def header(self, i: int, is_array: bool) -> tuple[_Table, int]:
        start = i
        parts, i = self.key(i + (2 if is_array else 1))
        self.nesting(start, len(parts))  # before any pointer is built: a deep one costs its length squared
        closing = "]]" if is_array else "]"
        if not self.text.startswith(closing, i):
            raise _ScanError
        end = i + len(closing)
        table = self.root
        for name, key_start, key_end in parts[:-1]:
            child = table.children.get(name)
            if child is None:
                child = table.children[name] = _Table("implicit", f"{table.pointer}/{escape(name)}", 0)
                self.spans[child.pointer] = self.span(start, end, (key_start, key_end))
            elif isinstance(child, _TableArray):
                child = child.tables[-1]
            elif not isinstance(child, _Table) or child.how == "inline":
                self.duplicate(f"`{name}` is already a value (line {child if isinstance(child, int) else child.line}), "
                               "not a table; TOML refuses the file", (key_start, key_end), f"{table.pointer}/{escape(name)}")
                return _Table("header", _DISCARDED, 0), end
            table = child
        name, key_start, key_end = parts[-1]
        line, _ = self.where(start)
        pointer = f"{table.pointer}/{escape(name)}"
        existing = table.children.get(name)
        if is_array:
            if existing is None:
                existing = table.children[name] = _TableArray(pointer, line)
                self.spans[pointer] = self.span(start, end, (key_start, key_end))
            elif not isinstance(existing, _TableArray):
                return self.redefined(name, existing, (key_start, key_end), pointer, end)
            element = _Table("header", f"{pointer}/{len(existing.tables)}", line)
            existing.tables.append(element)
            self.count(start, element.pointer.count("/"))
            span = self.spans[element.pointer] = self.span(start, end, style="[[")
            self.sections.append((span, tuple(p[0] for p in parts)))
            return element, end
        if existing is None:
            existing = table.children[name] = _Table("header", pointer, line)
        elif isinstance(existing, _Table) and existing.how == "implicit":
            existing.how, existing.line = "header", line
        else:
            return self.redefined(name, existing, (key_start, key_end), pointer, end)
        self.count(start, pointer.count("/"))
        span = self.spans[pointer] = self.span(start, end, (key_start, key_end))
        self.sections.append((span, tuple(p[0] for p in parts)))
        return existing, end

    def redefined(self, name: str, existing, key: tuple, pointer: str, end: int) -> tuple[_Table, int]:
        if isinstance(existing, int):
            what = f"is already a value (line {existing})"
        elif isinstance(existing, _TableArray):
            what = f"is already an array of tables (line {existing.line})"
        elif existing.how == "dotted":
            what = f"is already a table made by dotted keys (line {existing.line})"
        else:
            what = f"is already defined (line {existing.line})"
        self.duplicate(f"duplicate table `{name}`: it {what}; TOML refuses the file", key, pointer)
        return _Table("header", _DISCARDED, 0), end  # its keys are not recorded: the first definition's stand

    def key_value(self, i: int, table: _Table, depth: int) -> int:
        parts, i = self.key(i)
        if depth + len(parts) - 1 > self.max_depth:
            self.nesting(parts[self.max_depth - depth + 1][1], depth + len(parts) - 1)
        if not self.text.startswith("=", i):
            raise _ScanError
        i = _BLANKS.match(self.text, i + 1).end()
        for name, key_start, key_end in parts[:-1]:
            child = table.children.get(name)
            pointer = f"{table.pointer}/{escape(name)}"
            if child is None:
                child = table.children[name] = _Table("dotted", pointer, self.where(key_start)[0])
                self.spans[pointer] = self.span(key_start, key_end, (key_start, key_end))
            elif not isinstance(child, _Table) or child.how != "dotted":
                line = child if isinstance(child, int) else child.line
                self.duplicate(f"duplicate key `{name}` (first defined on line {line}); TOML refuses the file",
                               (key_start, key_end), pointer)
                child = _Table("dotted", _DISCARDED, 0)
            table = child
            depth += 1
        name, key_start, key_end = parts[-1]
        pointer = f"{table.pointer}/{escape(name)}"
        if name in table.children:
            existing = table.children[name]
            line = existing if isinstance(existing, int) else existing.line
            self.duplicate(f"duplicate key `{name}` (first defined on line {line}); TOML refuses the file",
                           (key_start, key_end), pointer)
            return self.value(i, _DISCARDED + pointer, depth, (key_start, key_end))
        line = self.where(key_start)[0]
        if self.text.startswith("{", i):
            inline = table.children[name] = _Table("inline", pointer, line)
            return self.value(i, pointer, depth, (key_start, key_end), inline)
        table.children[name] = line
        return self.value(i, pointer, depth, (key_start, key_end))

    # --- values -----------------------------------------------------------------------------

    def value(self, i: int, pointer: str, depth: int, key: tuple | None = None, inline: _Table | None = None) -> int:
        text = self.text
        self.count(i, depth)
        char = text[i:i + 1]
        if char == '"' or char == "'":
            long = text.startswith(char * 3, i)
            match = (_ML_BASIC if char == '"' else _ML_LITERAL).match(text, i) if long else _STRING_STYLES[char].match(text, i)
            if match is None:
                raise _ScanError
            self.spans[pointer] = self.span(i, match.end(), key, char * 3 if long else char)
            return match.end()
        if char == "[":
            return self.array(i, pointer, depth, key)
        if char == "{":
            return self.inline_table(i, inline or _Table("inline", pointer, 0), depth, key)
        match = _DATE_TIME.match(text, i)
        if match is None or _ATOM.match(text, match.end()):
            match = _ATOM.match(text, i)
        if match is None:
            raise _ScanError
        self.spans[pointer] = self.span(i, match.end(), key, raw=match.group())  # an unquoted scalar's text
        return match.end()

    def array(self, i: int, pointer: str, depth: int, key: tuple | None) -> int:
        text, start, index = self.text, i, 0
        i = _FILLER.match(text, i + 1).end()
        while not text.startswith("]", i):
            i = self.value(i, f"{pointer}/{index}", depth + 1)
            index += 1
            i = _FILLER.match(text, i).end()
            if text.startswith(",", i):
                i = _FILLER.match(text, i + 1).end()
            elif not text.startswith("]", i):
                raise _ScanError
        self.spans[pointer] = self.span(start, i + 1, key)
        return i + 1

    def inline_table(self, i: int, table: _Table, depth: int, key: tuple | None) -> int:
        text, start = self.text, i
        i = _BLANKS.match(text, i + 1).end()
        if not text.startswith("}", i):
            while True:
                i = self.key_value(i, table, depth + 1)
                i = _BLANKS.match(text, i).end()
                if text.startswith("}", i):
                    break
                if not text.startswith(",", i):
                    raise _ScanError
                i = _BLANKS.match(text, i + 1).end()
        for child in table.children.values():
            if isinstance(child, _Table):
                child.how = "inline"  # an inline table is whole: nothing may add to it later
        self.spans[table.pointer] = self.span(start, i + 1, key)
        return i + 1

    def close_sections(self):
        """A header's section, and so its span, runs to the next header that does not belong to
        it (`[[related]]`'s `[related.provider]` does)."""
        # The open sections form a stack, each inside the one below it: one pass closes them all.
        open_sections: list = []
        for span, path in self.sections:
            while open_sections and not (len(path) > len(open_sections[-1][1])
                                         and path[:len(open_sections[-1][1])] == open_sections[-1][1]):
                self.close(open_sections.pop()[0], span.start - self.offset)
            open_sections.append((span, path))
        for span, _ in open_sections:
            self.close(span, len(self.text))

    def close(self, span: TomlSpan, end: int):
        """End a section's span at `end`, the start of what follows it, less the blank and comment
        lines before that."""
        line_start = end
        while line_start > 0:
            previous = self.text.rfind("\n", 0, line_start - 1) + 1
            content = self.text[previous:line_start].strip()
            if content and not content.startswith("#") or previous >= line_start:
                break
            line_start = previous
        end = max(line_start, span.end - self.offset)
        span.end_line, span.end_column = self.where(end)
        span.end = end + self.offset


def _string_value(quoted: str) -> str:
    """A basic string's value, escapes read by tomllib itself (TOML's are not JSON's)."""
    try:
        return tomlreader.loads(f"v = {quoted}")["v"]
    except tomlreader.TOMLDecodeError:
        raise _ScanError from None  # an invalid escape: tomllib says where


def _syntax_problem(text: str, exc: Exception, first_line: int) -> ParseProblem:
    if not isinstance(exc, tomlreader.TOMLDecodeError):
        digits = _LONG_NUMBER.search(text)
        where = text[:digits.start()] if digits else ""
        return ParseProblem(TOML_SYNTAX_ERROR, f"TOML value cannot be read: a number of more than "
                            f"{sys.get_int_max_str_digits()} digits" if digits else f"TOML value cannot be read: {exc}",
                            first_line + where.count("\n"), len(where) - where.rfind("\n"))
    message = str(exc)
    found = _AT.search(message)
    if found is not None:
        message = message[:found.start()]
    if found is not None and found.group(1):
        row, column = int(found.group(1)), int(found.group(2))
    else:  # at the end of the document
        row = text.count("\n", 0, len(text.rstrip())) + 1
        column = 1
    lines = text.split("\n")
    hint = ""
    if 0 < row <= len(lines) and _YAML_STYLE_KEY.match(lines[row - 1]):
        hint = " (TOML writes `key = value`, not `key: value`)"
    return ParseProblem(TOML_SYNTAX_ERROR, f"TOML syntax error: {message}{hint}", first_line + row - 1, column)


def _first_problem_line(problems: list[ParseProblem]) -> int:
    return min(p.line for p in problems)


def parse(text: str, first_line: int, char_offset: int, max_nodes: int = 100_000, max_depth: int = 100) -> ParsedBlock:
    """Parse a TOML block; problems are positioned in the file, never raised."""
    scanner = _Scanner(text, first_line, char_offset, max_nodes, max_depth)
    try:
        scanner.scan()
    except _ScanError:
        pass  # a limit (below), or a syntax error that tomllib names
    except RecursionError:
        return ParsedBlock(None, {}, [ParseProblem(TOO_DEEPLY_NESTED, "front matter is nested too deeply to parse",
                                                   first_line, 1)])
    if scanner.limit is not None:
        return ParsedBlock(None, {}, [scanner.limit])
    try:
        record = tomlreader.loads(text)
    except ValueError as exc:  # TOMLDecodeError, or an integer too long for Python to convert
        problem = _syntax_problem(text, exc, first_line)
        if scanner.duplicates and _first_problem_line(scanner.duplicates) <= problem.line:
            spans = {p: s for p, s in scanner.spans.items() if not p.startswith(_DISCARDED)}
            return ParsedBlock(None, spans, scanner.duplicates)
        return ParsedBlock(None, scanner.spans, [problem])
    except RecursionError:
        return ParsedBlock(None, {}, [ParseProblem(TOO_DEEPLY_NESTED, "front matter is nested too deeply to parse",
                                                   first_line, 1)])
    # tomllib read it: any duplicate the scanner saw was its own mistake (tests/test_dialects.py).
    return ParsedBlock(_with_timestamps(record, scanner.spans), scanner.spans, [])


_NATIVE_DATES = None


def native_date_types() -> tuple:
    """The types tomllib gives dates and times (datetime is a date)."""
    global _NATIVE_DATES
    if _NATIVE_DATES is None:
        import datetime
        _NATIVE_DATES = (datetime.date, datetime.time)
    return _NATIVE_DATES


def _with_timestamps(record: dict, spans: dict) -> dict:
    """The record with every date and time a Timestamp of its source text, and each string's
    span given the string as its `raw` (as a quoted YAML scalar's is)."""
    dates = native_date_types()
    stack = [("", record)]
    while stack:
        pointer, node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            child = f"{pointer}/{escape(key)}"
            if isinstance(value, (dict, list)):
                stack.append((child, value))
                continue
            span = spans.get(child)
            if isinstance(value, str):
                if span is not None:
                    span.raw = value
            elif isinstance(value, dates):
                node[key] = timestamp_of(value, span.raw if span is not None and span.raw else value.isoformat())
    return record


def parse_block(block, limits: dict) -> ParsedBlock:
    """Parse a TOML front matter Block (frontmatter.split) with the configuration's limits."""
    return parse(block.text, block.first_line, block.offset, limits["max-nodes"], limits["max-depth"])
