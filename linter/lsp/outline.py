"""Where the cursor is in a front-matter block, read from indentation alone.

Completion runs on half-typed YAML (`tit` with no colon yet, a list item with nothing after its
dash), which no YAML parser accepts. So the block is read line by line: a key (`name:`) or a
list item (`- `) at some column belongs to the nearest line above it with a smaller column.
That gives the JSON pointer of the mapping a line belongs to, which is what the schema reader
is asked about. Flow collections and multi-line quoted scalars are not followed; the lines of
a block scalar (`|`, `>`) are skipped.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from linter.model.pointers import escape

KEY, ITEM = "key", "item"
# Longer or deeper than this, a block is not read for help (a hostile block is the linter's
# business: LIM002 stops at 100 levels by default).
MAX_LINES = 5000
MAX_DEPTH = 100

# A mapping key and its colon: plain (not starting with an indicator), or quoted.
_KEY = re.compile(r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s"'#\[\]{},&*!|>%@`-][^\n#]*?|-[^\s#][^\n#]*?)"""
                  r"""[ \t]*:(?=[ \t]|$)""")
_WORD = re.compile(r"[^\s:\-#'\"\[\]{},]*$")


class Frame(NamedTuple):
    indent: int
    token: str             # the key, or the index of a list item
    kind: str              # KEY or ITEM
    block_scalar: bool = False


class Line(NamedTuple):
    """One line's key (or None), where it is, and the pointer of the mapping that holds it."""
    container: str
    key: str | None
    key_start: int
    key_end: int
    value_start: int       # first character after `key:` and blanks (or after `- `)
    item: str | None       # the pointer of the list item this line opens (`- `), if it opens one


def pointer_of(frames) -> str:
    return "".join(f"/{escape(f.token) if f.kind == KEY else f.token}" for f in frames)


def _unquote(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] == '"':
        return key[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if len(key) >= 2 and key[0] == key[-1] == "'":
        return key[1:-1].replace("''", "'")
    return key


def read_line(stack: list, text: str) -> Line | None:
    """Advance `stack` (the Frames of the lines above) past one line; None for a line that is
    blank, a comment, or inside a block scalar."""
    stripped = text.lstrip(" ")
    column = len(text) - len(stripped)
    if stack and stack[-1].block_scalar and (not stripped or column > stack[-1].indent):
        return None
    if not stripped or stripped.startswith("#"):
        return None
    opened = 0  # list items this line opens (`- - x`)
    while text.startswith("-", column) and (column + 1 == len(text) or text[column + 1] in " \t"):
        while stack and stack[-1].indent > column:
            stack.pop()
        index = 0
        if stack and stack[-1].kind == ITEM and stack[-1].indent == column:
            index = int(stack.pop().token) + 1
        stack.append(Frame(column, str(index), ITEM))
        if len(stack) > MAX_DEPTH:
            return None
        opened += 1
        column += 1
        while column < len(text) and text[column] in " \t":
            column += 1
    item = pointer_of(stack) if opened else None
    match = _KEY.match(text, column)
    if match is None:
        return Line(pointer_of(stack), None, column, column, column, item)
    while stack and stack[-1].indent >= column:
        stack.pop()
    if len(stack) >= MAX_DEPTH:
        return None
    container = pointer_of(stack)
    key = _unquote(match.group(1).rstrip())
    value_start = match.end()
    while value_start < len(text) and text[value_start] in " \t":
        value_start += 1
    scalar = text[value_start:value_start + 1] in ("|", ">")
    stack.append(Frame(column, key, KEY, scalar))
    return Line(container, key, column, column + len(match.group(1).rstrip()), value_start, item)


class Cursor(NamedTuple):
    """What the cursor is on. `pointer`: the value the cursor is in (value position) or the key it
    is on; `container`: the mapping whose keys can be typed there; `prefix`: the word before it."""
    container: str
    key: str | None        # the whole key on the cursor's line
    on_key: bool           # the cursor is on the key, or where a key can be typed
    pointer: str | None    # in value position: the value's pointer
    prefix: str


def lines_of(text: str) -> list[str] | None:
    """A block's lines without line breaks (YAML's or TOML's), None when too many to read for help."""
    lines = text.split("\n")
    if len(lines) > MAX_LINES:
        return None
    return [line.rstrip("\r") for line in lines]


def cursor(lines: list[str], line: int, character: int) -> Cursor | None:
    """The cursor at `character` (index) of `line` (0-based in the block)."""
    if not 0 <= line < len(lines):
        return None
    stack: list = []
    for text in lines[:line]:
        read_line(stack, text)
    text = lines[line]
    whole = read_line(list(stack), text)
    before = text[:character]
    shape = read_line(list(stack), before) if before.strip() else None
    prefix = _WORD.search(before).group(0)
    if shape is None:  # a blank line: a key can be typed at the cursor's column
        frames = [f for f in stack if f.indent < character]
        return Cursor(pointer_of(frames), None, True, None, prefix)
    if shape.key is not None and shape.value_start <= character:
        return Cursor(shape.container, shape.key, False, f"{shape.container}/{escape(shape.key)}",
                      before[shape.value_start:].strip())
    if whole is not None and whole.key is not None and whole.key_start <= character <= whole.key_end:
        return Cursor(whole.container, whole.key, True, None, prefix)
    if shape.item is not None and shape.key is None and not before[shape.key_start:].strip():
        # `- ` and nothing yet: an item's value, or the first key of an item that is a mapping
        return Cursor(shape.item, None, True, shape.item, prefix)
    return Cursor(shape.container, None, True, None, prefix)


def keys_present(lines: list[str], container: str) -> set:
    """The keys written in the mapping at `container`."""
    stack: list = []
    found = set()
    for text in lines:
        shape = read_line(stack, text)
        if shape is not None and shape.key is not None and shape.container == container:
            found.add(shape.key)
    return found


def top_level_scalars(lines: list[str]) -> dict:
    """The top-level `key: value` pairs, values as written (quotes removed): enough to pick the
    record's schema (`type`, `category`, `$schema`, the pipeline's keys) from half-typed YAML."""
    record = {}
    stack: list = []
    for text in lines:
        shape = read_line(stack, text)
        if shape is not None and shape.key is not None and shape.container == "" and shape.item is None:
            value = text[shape.value_start:].split(" #", 1)[0].strip()
            record[shape.key] = _unquote(value) if value else None
    return record
