"""Building fixes: minimal text edits on the front matter, computed from value spans.

A rule never rewrites a file. It describes a `Fix` as a few `Edit`s (replace characters
`start:end` of the decoded file) and `linter/fixer.py` applies them, checks that the result
still parses to the same record except where intended, and writes atomically. Everything
outside an edit's span (comments, key order, quoting style, line endings, the body) is kept.

Helpers here return None when they cannot make a minimal, unambiguous edit (block scalars,
values split over lines, aliases): no fix is better than a risky one.
"""
from __future__ import annotations

import json
import re

from linter.model.diagnostics import Edit, Fix

# A plain scalar may hold these without quoting, provided the resolver still reads a string.
_PLAIN_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@`")
_PLAIN_UNSAFE = re.compile(r":(?:\s|$)|\s#|[\r\n\t]|^\s|\s$")


def render_string(value: str, style: str | None, dialect: str = "yaml") -> str | None:
    """`value` as a string of the dialect in `style` (YAML: None plain, "'" or '"'), or None
    where no minimal edit can write it (block and multi-line styles).

    Plain text that would no longer read back as that very string (`yes`, `1:30`, `a: b`) is
    double-quoted instead. TOML and JSON have no plain strings: a value written unquoted there
    (a number, a date) becomes a quoted string.
    """
    if dialect != "yaml":
        return _OTHER_DIALECTS[dialect](value, style)
    if style == '"':
        return _double_quoted(value)
    if style == "'":
        if "\n" in value or "\r" in value or any(ord(c) < 0x20 and c != "\t" for c in value):
            return _double_quoted(value)
        return "'" + value.replace("'", "''") + "'"
    if style is None:
        return value if plain_reads_back(value) else _double_quoted(value)
    return None  # block scalars: leave them to the author


def _double_quoted(value: str) -> str:
    # JSON string escapes are a subset of YAML's double-quoted escapes.
    return json.dumps(value, ensure_ascii=False)


# Characters a TOML basic string must escape (TOML 1.0: the control characters but tab, `"`, `\`).
_TOML_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
_TOML_MUST_ESCAPE = re.compile(r'["\\\x00-\x08\x0a-\x1f\x7f]')
_SURROGATE = re.compile("[\ud800-\udfff]")


def _toml_string(value: str, style: str | None) -> str | None:
    if _SURROGATE.search(value):
        return None  # TOML has no way to write half a surrogate pair
    if style in ('"""', "'''"):
        return None  # multi-line strings: leave them to the author
    if style == "'" and not _TOML_MUST_ESCAPE.search(value.replace('"', "").replace("\\", "")) and "'" not in value:
        return "'" + value + "'"  # a literal string holds anything but `'` and control characters
    return '"' + _TOML_MUST_ESCAPE.sub(lambda m: _TOML_ESCAPES.get(m.group(), f"\\u{ord(m.group()):04X}"), value) + '"'


def _json_string(value: str, style: str | None) -> str:
    # A lone surrogate can only be written escaped; everything else as it is.
    return json.dumps(value, ensure_ascii=bool(_SURROGATE.search(value)))


_OTHER_DIALECTS = {"toml": _toml_string, "json": _json_string}


def plain_reads_back(value: str) -> bool:
    """Whether `value` written plain reads back as the same string in YAML 1.1 and 1.2."""
    if not value or value[0] in _PLAIN_UNSAFE_START or _PLAIN_UNSAFE.search(value):
        return False
    from linter.support.yamltypes import plain_type_11, plain_type_12
    return plain_type_11(value) == plain_type_12(value) == "str"


def replace_span(span, text: str) -> Edit:
    return Edit(span.start, span.end, text)


def replace_string_value(span, new_value: str, description: str, safe: bool = True) -> Fix | None:
    """Rewrite a string scalar in place, keeping its quoting style where it can."""
    if span is None or span.raw is None or span.end_line != span.line and span.style is None:
        return None  # a multi-line plain scalar: the edit would not be minimal
    text = render_string(new_value, span.style, span.dialect)
    if text is None:
        return None
    return Fix(description, (replace_span(span, text),), safe)


def replace_scalar_text(span, text: str, description: str, safe: bool = True) -> Fix | None:
    """Replace a scalar's source text with `text` (already valid YAML for one scalar)."""
    if span is None or span.raw is None or span.style in ("|", ">"):
        return None
    return Fix(description, (replace_span(span, text),), safe)


def remove_sequence_item(source_text: str, span, list_pointer: str, description: str,
                         safe: bool = True) -> Fix | None:
    """Delete one item of the list at `list_pointer`: a YAML block item (`- item` lines), a
    flow item (`[a, b]`, YAML, TOML or JSON, one line or one item a line) or a TOML
    `[[table]]` entry."""
    if span is None:
        return None
    fix = _removal(source_text, span, description, safe)
    return Fix(fix.description, fix.edits, safe, list_pointer) if fix else None


def _removal(source_text: str, span, description: str, safe: bool) -> Fix | None:
    line_start = source_text.rfind("\n", 0, span.start) + 1
    before = source_text[line_start:span.start]
    if span.style == "[[":
        # A TOML array-of-tables entry: its header line to the end of its section, and the blank
        # lines that set it apart from what comes before (those after it set the next one apart).
        start = line_start
        while start > 0:
            previous = source_text.rfind("\n", 0, start - 1) + 1
            if source_text[previous:start].strip():
                break
            start = previous
        return Fix(description, (Edit(start, span.end, ""),), safe)
    if not before.strip():
        alone = _item_alone_on_its_lines(source_text, span, line_start, description, safe)
        if alone is not None:
            return alone
    if re.fullmatch(r"[ \t]*-[ \t]+", before):
        # Block item: its lines, from the dash to the end of the value's last line.
        last_break = source_text.rfind("\n", span.start, span.end)
        if last_break != -1 and not source_text[last_break + 1:span.end].strip():
            # A block collection ends where the next token starts: its lines are the item, less
            # the blank and comment lines before that token (they belong to what follows).
            lines = source_text[line_start:last_break + 1].splitlines(keepends=True)
            while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
                lines.pop()
            return Fix(description, (Edit(line_start, line_start + len("".join(lines)), ""),), safe)
        line_end = source_text.find("\n", span.end)
        tail = source_text[span.end:line_end if line_end != -1 else len(source_text)]
        if tail.strip() and not tail.lstrip().startswith("#"):
            return None
        end = len(source_text) if line_end == -1 else line_end + 1
        return Fix(description, (Edit(line_start, end, ""),), safe)
    # Flow item: take the separating comma before it (or after it, for the first item).
    comma = re.search(r",[ \t\r\n]*\Z", source_text[max(0, span.start - 200):span.start])
    if comma is not None:
        start = span.start - (len(comma.group(0)))
        return Fix(description, (Edit(start, span.end, ""),), safe)
    after = re.match(r"[ \t]*,[ \t]*", source_text[span.end:span.end + 200])
    if after is not None and before.rstrip().endswith("["):
        return Fix(description, (Edit(span.start, span.end + after.end(), ""),), safe)
    return None


_ITEM_TAIL = re.compile(r"[ \t]*(,)?[ \t]*(?:#[^\n]*)?\r?(?:\n|\Z)")
_BETWEEN_ITEMS = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*\Z")


def _item_alone_on_its_lines(source_text: str, span, line_start: int, description: str, safe: bool) -> Fix | None:
    """A flow item that has its lines to itself (`  "b",` in an array written one item a line):
    remove those lines; for the last item, also the comma that ends the item before it (JSON
    allows no trailing comma)."""
    tail = _ITEM_TAIL.match(source_text, span.end)
    if tail is None:
        return None
    if tail.group(1):
        return Fix(description, (Edit(line_start, tail.end(), ""),), safe)
    comma = source_text.rfind(",", 0, line_start)
    if comma == -1 or not _BETWEEN_ITEMS.match(source_text, comma + 1, line_start):
        return None
    return Fix(description, (Edit(comma, comma + 1, ""), Edit(line_start, tail.end(), "")), safe)
