"""Hover and completion from the record's schema (asked through `linter/schemas/reader.py`).

Both work on the editor's text as it is, half-typed YAML included: the cursor's place comes from
`outline.py`, and the schema is the one `lint` would pick for the file, from the block's
top-level keys. In TOML, completion reads the block line by line (`tomloutline.py`); in TOML
and JSON, hover reads the block with its parser (help on the keys of a block that parses).
JSON gets no completion.
"""
from __future__ import annotations

import json
import re
from types import ModuleType
from typing import NamedTuple

from lsprotocol import types

from linter.lsp import outline, ruledocs, tomloutline
from linter.lsp.positions import Lines

# A rule code or name in a `# lint: disable=…` comment.
_SUPPRESSION = re.compile(r"#\s*lint:\s*disable(?:-file)?=([^\n]*)")
_RULE_WORD = re.compile(r"[A-Za-z0-9-]+")


class Block(NamedTuple):
    """The front matter's lines, the document line its first one is, and how to read it."""
    lines: list
    first_line: int  # 0-based document line of `lines[0]`
    dialect: str


class Outline(NamedTuple):
    """How the cursor's place is read in half-typed front matter of a dialect."""
    reader: ModuleType   # cursor(), keys_present(), top_level_scalars()
    opening: str         # the line that opens a block being typed
    separator: str       # between a completed key and its value


OUTLINES = {"yaml": Outline(outline, "---", ": "), "toml": Outline(tomloutline, "+++", " = ")}


def block_of(text: str, path: str) -> Block | None:
    """The front matter, or while it is being typed (no closing line yet) the rest of the file;
    its `lines` are None where no outline reads the dialect (JSON) or the block is too long."""
    from linter.stages.frontmatter import Block as Split, split_file

    text = text.lstrip("\ufeff")
    found = split_file(text, path)
    if isinstance(found, Split):
        body, first_line, dialect = found.text, found.first_line - 1, found.dialect
    else:
        dialect = next((name for name, way in OUTLINES.items() if text.startswith(way.opening)), None)
        if dialect is None:
            return None
        body, first_line = text.split("\n", 1)[1] if "\n" in text else "", 1
    return Block(outline.lines_of(body) if dialect in OUTLINES else None, first_line, dialect)


def _parsed_key_at(text: str, place: tuple, path: str, settings):
    """(Cursor on the key at the linter position `place`, a function giving the schema) in TOML
    or JSON front matter, read whole by its parser: help on keys of a document that parses.
    (None, None) elsewhere."""
    from linter.model.pointers import unescape
    from linter.stages import dialects
    from linter.stages.frontmatter import YAML, Block as Split, split_file

    found = split_file(text.lstrip("\ufeff"), path)
    if not isinstance(found, Split) or found.dialect == YAML:
        return None, None
    try:
        parsed = dialects.parse_block(found, settings.limits)
    except Exception:  # noqa: BLE001 - help is best effort; the diagnostics say what is wrong
        return None, None
    line, column = place
    for pointer, span in parsed.spans.items():
        if span.key_line == line and span.key_column <= column <= span.key_end_column and pointer:
            container, _, key = pointer.rpartition("/")
            if not key.isdigit():
                return outline.Cursor(container, unescape(key), True, None, ""), (
                    lambda: _schema_of_record(parsed.record, path, settings))
    return None, None


def _schema_of_record(record, path: str, settings) -> str | None:
    from linter.pipeline import _schema_name
    try:
        return _schema_name(path, settings, record if isinstance(record, dict) else {}, [])
    except Exception:  # noqa: BLE001 - help is best effort
        return None


def _schema_of_scalars(scalars: dict, path: str, settings) -> str | None:
    from linter.pipeline import _schema_name
    try:
        return _schema_name(path, settings, scalars, [])
    except Exception:  # noqa: BLE001 - help is best effort; the diagnostics say what is wrong
        return None


def _where(lines: Lines, block: Block, position: types.Position):
    line = position.line - block.first_line
    if block.lines is None or not 0 <= line < len(block.lines):
        return None
    return OUTLINES[block.dialect].reader.cursor(block.lines, line, lines.character_index(position))


def _types_text(found) -> str:
    return " or ".join(sorted(found.types)) if found.types else "any type"


def _value_text(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def key_markdown(key: str, found) -> str:
    title = f" — {found.title}" if found.title else ""
    text = f"**{key}**{title}\n\nType: {_types_text(found)}"
    if found.allowed:
        text += "\n\nAllowed values: " + ", ".join(f"`{_value_text(v)}`" for v in found.allowed)
    if found.description:
        text += f"\n\n{found.description}"
    return text


def hover(text: str, position: types.Position, path: str, settings, diagnostics, lines: Lines) -> str | None:
    """Markdown for the cursor: the key's schema help, the rule named in a suppression comment,
    and the rules of the diagnostics under the cursor."""
    from linter.schemas import reader

    parts = []
    block = block_of(text, path)
    if block is not None and block.dialect == "yaml":
        where = _where(lines, block, position)
        schema = (lambda: _schema_of_scalars(outline.top_level_scalars(block.lines), path, settings))
    else:
        where, schema = _parsed_key_at(text, lines.to_linter(position), path, settings)
    if where is not None and where.key is not None:
        schema = schema()
        found = reader.value_help(schema, f"{where.container}/{_escape(where.key)}") if schema else None
        if found is not None:
            parts.append(key_markdown(where.key, found))
    code = _suppressed_code(lines.line(position.line), lines.character_index(position))
    if code is not None:
        parts.append(ruledocs.summary_markdown(code))
    line, column = lines.to_linter(position)
    for diagnostic in diagnostics:
        if (diagnostic.line, diagnostic.column) <= (line, column) < (diagnostic.end_line, max(diagnostic.end_column, diagnostic.column + 1)):
            summary = ruledocs.summary_markdown(diagnostic.code)
            if summary and summary not in parts:
                parts.append(summary)
    return "\n\n---\n\n".join(p for p in parts if p) or None


def _escape(key: str) -> str:
    from linter.model.pointers import escape
    return escape(key)


def _suppressed_code(text: str, character: int) -> str | None:
    """The rule code or name under the cursor in a `# lint: disable=` comment."""
    from linter import rules
    match = _SUPPRESSION.search(text)
    if match is None or not match.start(1) <= character <= match.end(1):
        return None
    for word in _RULE_WORD.finditer(text, match.start(1), match.end(1)):
        if word.start() <= character <= word.end():
            found = rules.get(word.group(0))
            return found.code if found else None
    return None


def completion(text: str, position: types.Position, path: str, settings, lines: Lines,
               markup: types.MarkupKind = types.MarkupKind.Markdown) -> list:
    """Keys the schema allows at the cursor (required first, those present left out), or the
    allowed values of the value the cursor is in."""
    from linter.schemas import reader

    block = block_of(text, path)
    where = _where(lines, block, position) if block is not None else None
    if where is None:
        return []
    way = OUTLINES[block.dialect]
    schema = _schema_of_scalars(way.reader.top_level_scalars(block.lines), path, settings)
    if schema is None:
        return []
    items = []
    if where.pointer is not None:
        items.extend(_value_items(reader.value_help(schema, where.pointer), block.dialect))
    if where.on_key:
        present = way.reader.keys_present(block.lines, where.container) - {where.key}
        separator = way.separator
        for rank, key in enumerate(k for k in reader.keys_at(schema, where.container) if k.key not in present):
            items.append(types.CompletionItem(
                label=key.key, kind=types.CompletionItemKind.Property,
                detail=("required " if key.required else "") + _types_text(key.help),
                documentation=types.MarkupContent(kind=markup, value=key_markdown(key.key, key.help)),
                sort_text=f"{0 if key.required else 1}{rank:04d}", insert_text=f"{key.key}{separator}"))
    return items


def _value_items(found, dialect: str = "yaml") -> list:
    if found is None:
        return []
    values = list(found.allowed)
    if not values and found.types == frozenset({"boolean"}):
        values = [True, False]
    return [types.CompletionItem(label=_source_text(v, dialect), kind=types.CompletionItemKind.EnumMember,
                                 detail="allowed value", sort_text=f"{rank:04d}", insert_text=_source_text(v, dialect))
            for rank, v in enumerate(values) if not isinstance(v, (dict, list)) and (v is not None or dialect == "yaml")]


def _source_text(value, dialect: str) -> str:
    """A scalar as YAML (or TOML) source that reads back as that value."""
    if isinstance(value, str):
        from linter.fix.edits import render_string
        return render_string(value, None) if dialect == "yaml" else render_string(value, '"', dialect)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
