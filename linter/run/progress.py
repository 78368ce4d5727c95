"""A progress bar on standard error for long runs on a terminal, drawn by tqdm.

Never shown when standard error is not a terminal (pipes, files, CI logs), when the `CI`
variable is set, with `--no-progress`, with `TERM=dumb`, or for small runs; tqdm is imported only
when a bar is to be drawn, and when it is not installed there is simply no bar. The bar waits
`DELAY` seconds before it appears, so quick runs never flash one, and it erases itself when done
so the report that follows is left alone.
"""
from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Mapping

MIN_FILES = 50
DELAY = 0.5


def wanted(stream=None, environ: Mapping[str, str] | None = None, disabled: bool = False) -> bool:
    """Whether a bar may be drawn on `stream` at all."""
    stream = sys.stderr if stream is None else stream
    environ = os.environ if environ is None else environ
    if disabled or environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        return False
    if environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


class Progress:
    """What the runner drives: `start(total)` once files are known, `advance()` per file, `close()`."""

    def __init__(self, stream, min_files: int | None = None, delay: float | None = None):
        self.stream = stream
        self.min_files = MIN_FILES if min_files is None else min_files
        self.delay = DELAY if delay is None else delay
        self.bar = None

    def start(self, total: int):
        if total < self.min_files or self.bar is not None:
            return
        try:
            from tqdm import tqdm
        except ImportError:  # optional: no library, no bar
            return
        self.bar = tqdm(total=total, file=self.stream, unit="file", delay=self.delay, leave=False,
                        dynamic_ncols=True, desc="lint")

    def advance(self, count: int = 1):
        if self.bar is not None:
            self.bar.update(count)

    def close(self):
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def for_run(disabled: bool = False, stream=None, environ=None) -> Progress | None:
    stream = sys.stderr if stream is None else stream
    return Progress(stream) if wanted(stream, environ, disabled) else None
