"""Files `lint schema infer` and `lint init` write, and the line of an outlier they list."""
from __future__ import annotations

import os


def write_text(path: str, text: str, overwrite: bool) -> str | None:
    """Write `text` to `path` (its folder made if needed), atomically: a temporary file beside it,
    then a rename. Never over an existing file unless `overwrite`. A problem as a message, or None."""
    try:
        folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(folder, exist_ok=True)
        if not overwrite and os.path.lexists(path):
            return f"{path} already exists"
        temporary = os.path.join(folder, f".{os.path.basename(path)}.{os.getpid()}.tmp")
        with open(temporary, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        return f"cannot write {path}: {exc.strerror or exc}"
    return None


def line_of(path: str, pointer: str) -> int:
    """The line of the key at `pointer` in the file's front matter (1 when it cannot be told)."""
    from linter.config import LIMIT_DEFAULTS
    from linter.stages.frontmatter import Block, split_file
    from linter.stages.dialects import parse_block
    from linter.stages.read import Source, read_file
    source = read_file(path, path, LIMIT_DEFAULTS["max-file-bytes"])
    block = split_file(source.text, path) if isinstance(source, Source) else None
    if not isinstance(block, Block):
        return 1
    span = parse_block(block, LIMIT_DEFAULTS).spans.get(pointer)
    return (span.key_line or span.line) if span is not None else 1
