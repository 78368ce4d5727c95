"""Format checks for `date-time` and `uri`, written here to avoid the import cost of
rfc3339-validator and rfc3987 (check-jsonschema pays ~2.5 s of start-up for `uri`), and because
jsonschema silently skips those formats when the optional packages are absent."""
from __future__ import annotations

import re
from datetime import datetime

_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})\Z")
# RFC 3986: scheme ":" then no whitespace, no control characters, nothing outside ASCII printable
# except percent-encodable characters that browsers accept (IRIs); the URL rules look closer.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\s\x00-\x1f\x7f<>\"{}|\\^`]*\Z")


def is_rfc3339(value) -> bool:
    if not isinstance(value, str):
        return True
    if getattr(value, "has_timezone", None) is False:
        return True  # an unquoted YAML timestamp without offset: the date rules report it precisely
    match = _RFC3339.match(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    try:
        datetime(year, month, day, hour, minute, min(second, 59))  # leap second 60 is allowed
    except ValueError:
        return False
    return second <= 60 and (match.group(8) in "Zz" or _offset_ok(match.group(8)))


def _offset_ok(offset: str) -> bool:
    return int(offset[1:3]) < 24 and int(offset[4:6]) < 60


def is_uri(value) -> bool:
    return not isinstance(value, str) or bool(_URI.match(value))


def format_checker():
    from jsonschema import FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date-time")(is_rfc3339)
    checker.checks("uri")(is_uri)
    return checker
