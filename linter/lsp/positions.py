"""Positions between the linter and the protocol.

The linter counts 1-based lines and columns in characters (code points), and a fix's edits are
character offsets in the decoded text. LSP counts 0-based lines and, within a line, code units
of the encoding the client and server agreed on (UTF-16 unless the client offered another):
an emoji is one character but two UTF-16 units. A byte-order mark is not in the linter's text
but may be in the editor's, as the first character of line 0.
"""
from __future__ import annotations

import bisect
import re
from typing import Callable

from lsprotocol import types

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # LSP's line breaks
BOM = "\ufeff"


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Lines:
    """A document's text split into lines as LSP splits them, with conversions both ways.

    `units(text)` counts a string's code units in the agreed encoding (pygls's position codec).
    """

    def __init__(self, text: str, units: Callable[[str], int] = utf16_units):
        self.text = text
        self.units = units
        self.bom = 1 if text.startswith(BOM) else 0  # the linter's offsets start after it
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        # Lines whose every character is one code unit, so a character index is the position:
        # a one-line JSON block of 400 KB with 50,000 findings converts in linear time, not quadratic.
        self._one_unit_lines: dict[int, bool] = {}

    def line(self, index: int) -> str:
        """Line `index` (0-based) without its line break; "" past the end."""
        if not 0 <= index < len(self.starts):
            return ""
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")

    def _position(self, line: int, character: int) -> types.Position:
        """The protocol position of character index `character` of document line `line` (0-based)."""
        if line >= len(self.starts):
            return types.Position(line=len(self.starts) - 1, character=self.units(self.line(len(self.starts) - 1)))
        character = max(0, character)
        one_unit = self._one_unit_lines.get(line)
        if one_unit is None:
            text = self.line(line)
            one_unit = self._one_unit_lines[line] = self.units(text) == len(text)
        if one_unit:
            return types.Position(line=line, character=min(character, self._length(line)))
        return types.Position(line=line, character=self.units(self.line(line)[:character]))

    def _length(self, line: int) -> int:
        """The length of line `line` without its line break, without copying it."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end - self.starts[line]

    def from_linter(self, line: int, column: int) -> types.Position:
        """A linter position (1-based line and column in characters of the text without BOM)."""
        line0 = max(0, line - 1)
        return self._position(line0, column - 1 + (self.bom if line0 == 0 else 0))

    def range_from_linter(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(start=self.from_linter(line, column), end=self.from_linter(end_line, end_column))

    def from_offset(self, offset: int) -> types.Position:
        """A linter character offset (in the text without BOM)."""
        offset = min(max(0, offset + self.bom), len(self.text))
        line = bisect.bisect_right(self.starts, offset) - 1
        return self._position(line, offset - self.starts[line])

    def character_index(self, position: types.Position) -> int:
        """The index in its line of the character at a protocol position."""
        text = self.line(position.line)
        seen = 0
        for index, char in enumerate(text):
            if seen >= position.character:
                return index
            seen += self.units(char)
        return len(text)

    def to_linter(self, position: types.Position) -> tuple[int, int]:
        """A protocol position as a linter (line, column), 1-based, without the BOM."""
        column = self.character_index(position) + 1
        if position.line == 0:
            column -= self.bom
        return position.line + 1, max(1, column)
