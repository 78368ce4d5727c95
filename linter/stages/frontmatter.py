"""Stage 3: find the front matter block at the top of a file, in one of three dialects.

YAML between `---` lines (Jekyll, Hugo), TOML between `+++` lines (Hugo, Astro), or a JSON
object that opens on line 1 (Hugo: the file starts with `{`; the object ends at its matching `}`).
"""
from __future__ import annotations

import os
import re
from typing import NamedTuple

from linter.model.findings import StageProblem
from linter.model.records import Record

# The codes this stage raises (documented in linter/rules/frontmatter.py and limits.py).
MISSING_FRONT_MATTER = "FM001"
UNTERMINATED_FRONT_MATTER = "FM002"
FRONT_MATTER_NOT_AT_START = "FM003"
FRONT_MATTER_TOO_LARGE = "LIM003"

# The dialects, as `Block.dialect` names them (stages/dialects.py: what each one's parser is).
YAML, TOML, JSON = "yaml", "toml", "json"

# Jekyll's rule: the block opens on line 1 with `---` and closes at the next `---` or `...` line.
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_OPENING = re.compile(r"---[ \t]*\r?$")
_TOML_OPENING = re.compile(r"\+\+\+[ \t]*\r?$")
# Hugo takes any `{` first as JSON; `{{ site.title }}`, `{% include %}` (Liquid, Go templates)
# open many a page that has no front matter, as kramdown's `{: .class}` and MDX's comment
# `{/* ... */}` may, so the object must start like one: a key (quoted, or written as JSON
# forbids: single-quoted or bare, so JSN001 says what to fix) or `}`.
_JSON_OPENING = re.compile(r"\{[ \t\r\n]*(?:[\"'}]|[A-Za-z_$][\w$-]*[ \t]*:)")
# A JSON string (escapes kept whole), a lone `"` (one never closed) or a brace.
_JSON_TOKEN = re.compile(r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"|"|[{}]')


class Block(Record):
    """The front matter of a file: `text` starts at file line `first_line` (1-based). For YAML
    and TOML the closing `---`/`+++` line starts at `offset + len(text)`; a JSON block is the
    object itself, from its `{` on line 1 to its `}`."""

    __slots__ = _fields = ("text", "offset", "first_line", "dialect")

    def __init__(self, text: str, offset: int, first_line: int, dialect: str = YAML):
        self.text = text
        self.offset = offset          # character offset of `text` in the decoded text
        self.first_line = first_line  # file line of the block's first line
        self.dialect = dialect        # YAML, TOML or JSON

    @property
    def opening_line(self) -> int:
        """The file line of the opening `---`/`+++`, or of a JSON block's `{` (its first line)."""
        return self.first_line if self.dialect == JSON else max(self.first_line - 1, 1)

    @property
    def yaml(self) -> str:
        """The text, for callers that only meet YAML blocks."""
        return self.text


class SplitProblem(StageProblem):
    """A problem of the block itself; `line` 0: of the whole file (reported at its start)."""

    __slots__ = ()


def _closing_line_start(text: str, after: int, markers: tuple = ("---", "...")) -> int:
    """Where the first line of a marker (`---` or `...`; `+++` for TOML) at or after offset
    `after` (a line start) begins, or -1.

    `str.find` from candidate to candidate instead of `_CLOSING.search`, which tries every
    position of the block: saves ~5 µs a file in bench/out/x1.
    """
    best = -1
    for marker in markers:
        position = after if text.startswith(marker, after) else _next_line_with(text, marker, after + 1, best)
        while position != -1:
            end = text.find("\n", position + 3)
            if _TRAILING.fullmatch(text, position + 3, len(text) if end == -1 else end):
                best = position  # the search was bounded by `best`, so this one comes first
                break
            position = _next_line_with(text, marker, position + 1, best)
    return best


_TRAILING = re.compile(r"[ \t]*\r?")


def _next_line_with(text: str, marker: str, start: int, limit: int) -> int:
    """Start of the first line at or after `start` (and before `limit`) that begins with `marker`."""
    found = text.find("\n" + marker, start - 1, len(text) if limit == -1 else limit)
    return -1 if found == -1 else found + 1


def _first_line(text: str, start: int = 0) -> tuple:
    end = text.find("\n", start)
    return (text[start:], len(text)) if end == -1 else (text[start:end], end + 1)


def split(text: str, yaml_after_blank_lines: bool = False):
    """Return a Block, None when the file has no front matter, or a SplitProblem.
    `yaml_after_blank_lines`: a `---` block after blank lines is front matter, as Hugo reads it
    (TOML and JSON blocks are read there in any case); else it is FM003."""
    line, after = _first_line(text)
    if _OPENING.fullmatch(line):
        closing = _closing_line_start(text, after)
        if closing == -1:
            return SplitProblem(UNTERMINATED_FRONT_MATTER, "front matter is not terminated: no closing `---` line")
        # An empty block (`---` then `---`) is a Block too: Jekyll's way to say "process this file".
        return Block(text[after:closing], after, 2)
    hugo_block = _hugo_block(text, line, 0, after, 1)
    return hugo_block if hugo_block is not None else _misplaced_opening(text, yaml_after_blank_lines)


def split_file(text: str, path: str):
    """`split` as the file's site generator reads it: in a Hugo site, a `---` block after blank
    lines too (Hugo skips blank lines before any block; Jekyll reads only one on line 1). The
    site is looked up only for a file that opens with a blank."""
    if not text[:1].isspace():
        return split(text)
    from linter.site.root import in_hugo_site
    return split(text, yaml_after_blank_lines=in_hugo_site(os.path.dirname(os.path.abspath(path))))


def _hugo_block(text: str, line: str, position: int, after: int, line_no: int):
    """The TOML or JSON block that `line` (line `line_no`, from `position` to `after`) opens, a
    SplitProblem when it is never closed, or None when it opens none."""
    if line[:1] == "+" and _TOML_OPENING.fullmatch(line):
        closing = _closing_line_start(text, after, ("+++",))
        if closing == -1:
            return SplitProblem(UNTERMINATED_FRONT_MATTER, "TOML front matter is not terminated: no closing `+++` line",
                                line_no, 1)
        return Block(text[after:closing], after, line_no + 1, TOML)
    if line[:1] == "{" and _JSON_OPENING.match(text, position):
        end = json_object_end(text, position)
        if not isinstance(end, Unclosed):
            return Block(text[position:end], position, line_no, JSON)
        if end.quote is None:
            return SplitProblem(UNTERMINATED_FRONT_MATTER, "JSON front matter is not terminated: the object opened "
                                                           f"on line {line_no} is never closed", line_no, 1)
        line = line_no + text.count("\n", position, end.quote)  # at the string's quote
        column = end.quote - text.rfind("\n", 0, end.quote)
        return SplitProblem(UNTERMINATED_FRONT_MATTER, "JSON front matter is not terminated: this string is "
                                                       "never closed (on its line)", line, column)
    return None


class Unclosed(NamedTuple):
    """A JSON object that never closes: `quote` is the offset of a string never closed on its
    line, which ends the search; None when every string closes but the braces do not."""
    quote: int | None


def json_object_end(text: str, start: int):
    """The offset just after the `}` that closes the object opening at `start`, as Hugo finds it
    (braces counted outside strings), or an Unclosed."""
    depth = 0
    for token in _JSON_TOKEN.finditer(text, start):
        kind = token.group()
        if kind == "{":
            depth += 1
        elif kind == "}":
            depth -= 1
            if depth == 0:
                return token.end()
        elif kind == '"':
            return Unclosed(token.start())
    return Unclosed(None)


def opens_front_matter(head: str) -> bool:
    """Whether the first characters of a file open a front matter block of some dialect."""
    return head.startswith(("---", "+++")) or _JSON_OPENING.match(head) is not None


def _misplaced_opening(text: str, yaml_after_blank_lines: bool):
    """After leading blank lines: a TOML or JSON block, which Hugo and Zola read there too; a
    YAML block, which Hugo reads and Jekyll does not see (FM003 unless `yaml_after_blank_lines`)."""
    position, line_no = 0, 1
    while position < len(text):
        line, next_position = _first_line(text, position)
        if line.strip():
            if line_no == 1:
                return None
            hugo_block = _hugo_block(text, line, position, next_position, line_no)
            if hugo_block is not None:
                return hugo_block  # a block, or one never closed (FM002 at its opening)
            closing = _closing_line_start(text, next_position) if _OPENING.fullmatch(line) else -1
            if closing != -1:
                # Hugo reads it; a Markdown rule above text (a README, a partial) is no block of keys.
                if yaml_after_blank_lines and _KEY_LINE.match(_first_line(text, next_position)[0]):
                    return Block(text[next_position:closing], next_position, line_no + 1)
                return SplitProblem(FRONT_MATTER_NOT_AT_START, f"front matter must start on line 1, not line {line_no}", line_no, 1)
            return None
        if line_no > 20:
            return None
        position, line_no = next_position, line_no + 1
    return None


_KEY_LINE = re.compile(r"[ \t]*[A-Za-z_$][\w$.-]*[ \t]*:(?:[ \t]|\r?$)")


def late_block_line(text: str, max_lines: int = 30) -> int:
    """For a file that must have front matter but has none on line 1: the line of a `---` block
    further down whose first line is a `key:` (text, a comment or a title above it pushed it
    down), or 0. Only asked for such files: elsewhere a `---` line is a Markdown rule."""
    position, line_no = 0, 1
    while position < len(text) and line_no <= max_lines:
        line, next_position = _first_line(text, position)
        if line_no > 1 and _OPENING.fullmatch(line):
            first, _ = _first_line(text, next_position)
            if _KEY_LINE.match(first) and _closing_line_start(text, next_position) != -1:
                return line_no
        position, line_no = next_position, line_no + 1
    return 0


def missing(text: str) -> SplitProblem:
    """Why a file that must have front matter has none on line 1: a block further down (FM003,
    `late_block_line`), or none at all (FM001)."""
    late = late_block_line(text)
    if late:
        return SplitProblem(FRONT_MATTER_NOT_AT_START, f"front matter must start on line 1, not line {late}", late, 0)
    return SplitProblem(MISSING_FRONT_MATTER, "no front matter: the file must start with a `---` line (`+++` for TOML, `{` for JSON)", 0, 0)


def too_large(block: Block, limit: int) -> SplitProblem | None:
    """LIM003 for a block of more than `limit` bytes of UTF-8, at its opening `---` (`+++`, `{`)."""
    if len(block.text) * 4 <= limit:  # at most 4 bytes a character: not encoding saves ~1 µs a file
        return None
    size = len(block.text.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return SplitProblem(FRONT_MATTER_TOO_LARGE, f"front matter is {size} bytes, more than the limit of {limit} "
                                                "(option max-front-matter-bytes)", block.opening_line, 1)
