"""Schema patterns (`pattern`, `patternProperties`), matched by RE2.

Python's `re` backtracks: `^(a+)+$` against forty `a`s and a `b` runs for hours, and both the
pattern (a schema) and the text (a record) may come from a pull request. RE2 matches in time
linear in the text. It has no lookaround and no backreferences; a schema that uses them is
refused with the reason, never matched by a backtracking engine.
"""
from __future__ import annotations

import functools


# A date, or a date-time with or without an offset, as YAML and TOML write them unquoted: the
# pattern `lint schema infer` writes for dates where no format says "local".
LOCAL_OR_AWARE_DATE = (r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
                       r"[ ]?([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)?)?$")

# What a pattern the tool writes asks for, in words: findings say this instead of the regex.
DESCRIBED = {
    LOCAL_OR_AWARE_DATE: "a date or date-time (2020-07-15, 2020-07-15 21:05:00, 2020-07-15T21:05:00+02:00)",
}


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
