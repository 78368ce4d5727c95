"""Schema patterns (`pattern`, `patternProperties`), matched by RE2.

Python's `re` backtracks: `^(a+)+$` against forty `a`s and a `b` runs for hours, and both the
pattern (a schema) and the text (a record) may come from a pull request. RE2 matches in time
linear in the text. It has no lookaround and no backreferences; a schema that uses them is
refused with the reason, never matched by a backtracking engine.
"""
from __future__ import annotations

import functools


class PatternError(Exception):
    """A pattern RE2 cannot compile; the message says why."""


@functools.lru_cache(maxsize=None)
def _options():
    import re2
    options = re2.Options()
    options.log_errors = False  # RE2 would print its own copy of the error on standard error
    return options


@functools.lru_cache(maxsize=4096)
def compiled(pattern: str):
    try:
        import re2
    except ImportError:
        raise PatternError("cannot be matched: the google-re2 package is not installed") from None
    try:
        return re2.compile(pattern, _options())
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"cannot be matched in linear time ({reason}; lookaround and "
                           "backreferences are not supported)") from None


def search(pattern: str, text: str) -> bool:
    """Whether `pattern` matches anywhere in `text`, as ECMA-262's `test` (JSON Schema's rule)."""
    return compiled(pattern).search(text) is not None
