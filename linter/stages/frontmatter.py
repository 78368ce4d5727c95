"""Stage 3: find the YAML front matter block between `---` lines at the top of a file."""
from __future__ import annotations

import re

from linter.model.findings import StageProblem
from linter.model.records import Record

# The codes this stage raises (documented in linter/rules/frontmatter.py and limits.py).
MISSING_FRONT_MATTER = "FM001"
UNTERMINATED_FRONT_MATTER = "FM002"
FRONT_MATTER_NOT_AT_START = "FM003"
FRONT_MATTER_TOO_LARGE = "LIM003"

# Jekyll's rule: the block opens on line 1 with `---` and closes at the next `---` or `...` line.
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
_OPENING = re.compile(r"---[ \t]*\r?$")


class Block(Record):
    """The front matter of a file: `yaml` starts at file line `first_line` (1-based); the
    closing `---` line starts at `offset + len(yaml)`."""

    __slots__ = _fields = ("yaml", "offset", "first_line")

    def __init__(self, yaml: str, offset: int, first_line: int):
        self.yaml = yaml
        self.offset = offset          # character offset of `yaml` in the decoded text
        self.first_line = first_line  # file line of the first YAML line


class SplitProblem(StageProblem):
    """A problem of the block itself; `line` 0: of the whole file (reported at its start)."""

    __slots__ = ()


def _closing_line_start(text: str, after: int) -> int:
    """Where the first `---` or `...` line at or after offset `after` (a line start) begins, or -1.

    `str.find` from candidate to candidate instead of `_CLOSING.search`, which tries every
    position of the block: saves ~5 µs a file in bench/out/x1.
    """
    best = -1
    for marker in ("---", "..."):
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


def split(text: str):
    """Return a Block, None when the file has no front matter, or a SplitProblem."""
    line, after = _first_line(text)
    if not _OPENING.fullmatch(line):
        return _misplaced_opening(text)
    closing = _closing_line_start(text, after)
    if closing == -1:
        return SplitProblem(UNTERMINATED_FRONT_MATTER, "front matter is not terminated: no closing `---` line")
    # An empty block (`---` then `---`) is a Block too: Jekyll's way to say "process this file".
    return Block(text[after:closing], after, 2)


def _misplaced_opening(text: str):
    """A `---` block after leading blank lines is front matter that Jekyll will not see."""
    position, line_no = 0, 1
    while position < len(text):
        line, next_position = _first_line(text, position)
        if _OPENING.fullmatch(line):
            if line_no > 1 and _CLOSING.search(text, next_position):
                return SplitProblem(FRONT_MATTER_NOT_AT_START, f"front matter must start on line 1, not line {line_no}", line_no, 1)
            return None
        if line.strip() or line_no > 20:
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
    return SplitProblem(MISSING_FRONT_MATTER, "no front matter: the file must start with a `---` line", 0, 0)


def too_large(block: Block, limit: int) -> SplitProblem | None:
    """LIM003 for a block of more than `limit` bytes of UTF-8, at its opening `---`."""
    if len(block.yaml) * 4 <= limit:  # at most 4 bytes a character: not encoding saves ~1 µs a file
        return None
    size = len(block.yaml.encode("utf-8", "surrogatepass"))
    if size <= limit:
        return None
    return SplitProblem(FRONT_MATTER_TOO_LARGE, f"front matter is {size} bytes, more than the limit of {limit} "
                                                "(option max-front-matter-bytes)", block.first_line - 1, 1)
