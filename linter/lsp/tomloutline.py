"""Where the cursor is in TOML front matter, read line by line (as `outline.py` reads YAML).

Completion runs on half-typed TOML (`tit` with no `=` yet), which tomllib refuses. So the block
is read line by line: a `[table]` or `[[array]]` header opens the table the lines below it
belong to, a `key = value` line holds a key of it. That gives the JSON pointer of the table a
line belongs to. Inline tables, multi-line strings and arrays spanning lines are not followed.
"""
from __future__ import annotations

import re

from linter.lsp.outline import Cursor
from linter.model.pointers import escape

_HEADER = re.compile(r"[ \t]*(\[\[?)[ \t]*([^\[\]#]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$")
_KEY = re.compile(r"""[ \t]*("[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_.-]+)[ \t]*=[ \t]*""")
_WORD = re.compile(r"[A-Za-z0-9_-]*$")


def _unquote(key: str) -> str:
    return key[1:-1] if len(key) >= 2 and key[0] == key[-1] and key[0] in "\"'" else key


def _header_pointer(kind: str, name: str, arrays: dict) -> str:
    """The pointer of the table a header opens; `arrays` counts the entries of each `[[array]]`."""
    path = "".join(f"/{escape(_unquote(part.strip()))}" for part in name.split("."))
    if kind == "[[":
        arrays[path] = arrays.get(path, -1) + 1
        return f"{path}/{arrays[path]}"
    return path


def _tables(lines: list[str]):
    """(line index, pointer of the table the line belongs to, the key it writes or None)."""
    container, arrays = "", {}
    for index, text in enumerate(lines):
        header = _HEADER.match(text)
        if header is not None:
            container = _header_pointer(header.group(1), header.group(2), arrays)
            yield index, None, None
            continue
        key = _KEY.match(text)
        yield index, container, _unquote(key.group(1)) if key is not None and "." not in key.group(1) else None


def cursor(lines: list[str], line: int, character: int) -> Cursor | None:
    """The cursor at `character` (index) of `line` (0-based in the block)."""
    if not 0 <= line < len(lines):
        return None
    container = None
    for index, table, _ in _tables(lines[:line + 1]):
        container = table
    if container is None:
        return None  # on a header line
    text = lines[line]
    before = text[:character]
    key = _KEY.match(text)
    if key is not None and key.end() <= character:
        name = _unquote(key.group(1))
        return Cursor(container, name, False, f"{container}/{escape(name)}", before[key.end():].strip())
    if before.strip() and not _WORD.search(before).group(0) == before.strip():
        return None  # inside something else (an array continued, a string)
    return Cursor(container, _unquote(key.group(1)) if key is not None else None, True, None,
                  _WORD.search(before).group(0))


def keys_present(lines: list[str], container: str) -> set:
    """The keys written in the table at `container`: by `key = value`, and by the headers of
    the tables below it (`[provider]` writes `provider` at the top)."""
    present = {key for _, table, key in _tables(lines) if table == container and key is not None}
    for text in lines:
        header = _HEADER.match(text)
        if header is not None:
            parent = ""
            for part in header.group(2).split("."):
                name = _unquote(part.strip())
                if parent == container:
                    present.add(name)
                parent = f"{parent}/{escape(name)}"
    return present


def top_level_scalars(lines: list[str]) -> dict:
    """The `key = value` pairs above the first header, values as written (quotes removed):
    enough to pick the record's schema (`type`, `$schema`, the pipeline's keys) from half-typed
    TOML."""
    record = {}
    for text in lines:
        if _HEADER.match(text):
            break
        key = _KEY.match(text)
        if key is not None:
            value = text[key.end():].split(" #", 1)[0].strip()
            record[_unquote(key.group(1))] = _unquote(value)
    return record
