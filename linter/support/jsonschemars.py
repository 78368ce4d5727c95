"""jsonschema-rs, imported without the standard library's mail utilities.

jsonschema-rs's extension module imports `email.utils` at its import for one call: it turns
its own build time (`Thu, 12 Nov 2026 07:50:16 +0000`) into the datetime of its `__build__`
information. `email.utils` brings `socket`, `random` and `email.charset` with it, ~8 ms of a
process that lints one file. During the import `email.utils` is a stand-in holding only
`parsedate_to_datetime`, built on the same date parser (`email._parseaddr`); it is removed
afterwards, so a later `import email.utils` gets the real module. The real module is used when
it is already imported, when another thread runs (it could import `email.utils` while the
stand-in is there: the language server lints on a thread of its own), and when the import with
the stand-in fails in any way (another version of jsonschema-rs that needs more of it).
"""
from __future__ import annotations

import sys
import types


def _parsedate_to_datetime(data):
    import datetime
    from email._parseaddr import _parsedate_tz
    parsed = _parsedate_tz(data)
    if parsed is None:
        raise ValueError(f"invalid date value or format {data!r}")
    *fields, offset = parsed
    if offset is None:
        return datetime.datetime(*fields[:6])
    return datetime.datetime(*fields[:6], tzinfo=datetime.timezone(datetime.timedelta(seconds=offset)))


# Saves ~8 ms a process (bench/stages.py: "import jsonschema-rs").
def jsonschema_rs():
    """The jsonschema_rs module; ImportError when it is not installed."""
    threading = sys.modules.get("threading")
    if ("jsonschema_rs" not in sys.modules and "email.utils" not in sys.modules
            and (threading is None or threading.active_count() == 1)):
        try:
            return _with_stand_in()
        except Exception:  # noqa: BLE001 - whatever it was, the real module is imported below
            for name in [name for name in sys.modules if name.split(".")[0] == "jsonschema_rs"]:
                del sys.modules[name]
    import jsonschema_rs as module
    return module


def _with_stand_in():
    import email
    stand_in = types.ModuleType("email.utils")
    stand_in.parsedate_to_datetime = _parsedate_to_datetime
    sys.modules["email.utils"], email.utils = stand_in, stand_in
    try:
        import jsonschema_rs as module
    finally:
        if sys.modules.get("email.utils") is stand_in:
            del sys.modules["email.utils"]
        if getattr(email, "utils", None) is stand_in:
            del email.utils
    return module
