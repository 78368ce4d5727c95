"""A fast screen for clean files: YAML via yaml-rs, schema via jsonschema-rs.

Most files in a content repository are clean. This path decides "clean" without building
positions; any file it cannot vouch for (a finding of any kind, or YAML whose meaning could
differ between the fast parser and the reference) goes through the reference path — PyYAML
nodes with marks and the `jsonschema` validator — which alone produces diagnostics. Output is
therefore identical with or without the accelerators; `tests/test_differential.py` checks it.

yaml-rs reads YAML 1.2, the reference (like Jekyll) reads YAML 1.1. Plain scalars whose type
differs between the two (`yes`, `0755`, `1:30`, `1_000`, `1e3`…; also alone on the line after
their key, and before a CRLF), keys of that kind (`yes:`), tags, anchors, aliases, merge keys
and flow collections (wherever they stand) send the file to the reference path.
"""
from __future__ import annotations

import datetime
import functools
import re
from types import ModuleType
from typing import NamedTuple

from linter.schemas import reader
from linter.support import jsonschemars
from linter.support.guards import SAFE_NESTING, nesting_bound

# The number forms stand behind one lookahead for the start of a number: each begins with an
# optional sign, which the regex engine cannot rule out from a first character as it does for
# `[yY]es`, so a value such as `- url:` tried all six (1.4 us a record).
_VALUE = (r"(?:[yYnN]|[yY]es|YES|[nN]o|NO|[oO]n|ON|[oO]ff|OFF"       # YAML 1.1 booleans
          r"|=|<<"
          r"|(?=[-+]?[0-9._])(?:"
          r"[-+]?0[0-9_]+(?:\.[0-9_]*)?"                               # 1.1 octal / leading zero
          r"|[-+]?0[oObBxX][0-9a-fA-F_]*"                              # 0o (1.2) and 0b (1.1) ints
          r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"         # sexagesimal
          r"|[-+]?[0-9.]*_[0-9_.]*"                                    # digits with underscores
          r"|[-+]?[0-9.]+[eE][-+]?[0-9]+"                              # exponent forms
          r"|[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)))")                      # decimals: `integer` takes 50.0
                                                                       # in jsonschema-rs, not here
_END = r"[ \t]*(?:#.*)?\r?$"  # end of the value: blanks, a comment, the line break (CRLF too)
_NODE_PROPERTY = r"[&*!][^\s,\[\]{}#]|[\[{]"  # anchor, alias, tag or flow collection
# Lines that hold only blanks or a comment, between a key and its value on a later line.
_BLANK_LINES = r"(?:[ \t]*(?:#[^\n]*)?\r?\n)*"
# Each alternative starts at an indicator character, so the regex engine skips ahead quickly; the
# lookahead lists every character an alternative can start with, so a quoted value (nearly every
# value a pipeline writes) fails at once instead of trying each alternative.
# At the start of a line, after `- ` or `? `: a key that is not a string in YAML 1.1 (`yes:`,
# `0755:`), or a node property or flow collection (`&a yes: x`, `[a, yes]: x`).
# The indentation and `- ` indicators are matched atomically (a lookahead captures them, the
# backreference consumes them): giving any back could never match, and trying it on every list
# item line cost 2 us a record.
_KEY = (r"(?=([ \t]*(?:[-?][ \t]+)*))\1(?=[yYnNoO][a-zA-Z]{0,2}[ \t]*:|[0-9+\-.=<&*!\[{])"
        r"(?:[&*!\[{]|" + _VALUE + r"[ \t]*:(?:[ \t]|\r?$))")
# After an indicator, the value stands on the same line or on a later, indented one
# (`title:\n  no`, `topics:\n  [a, yes]`) after blank or comment lines. The value alternatives
# are written once, after both ways of reaching them: the pattern compiles in half the time
# (1.4 ms of a one-file run) and searches as fast. A plain decimal integer ending its line
# (`width: 1280`) is the same in 1.1 and 1.2: the negative lookahead turns it away at once
# instead of trying every number form (2 us a record).
_AFTER_INDICATOR = (
    r"(?:[ \t]+(?=[&*!\[{yYnNoO0-9+\-._=<#\r\n])(?![1-9][0-9]*\r?\n)"
    r"(?:(?:#[^\n]*)?\r?\n" + _BLANK_LINES + r"[ \t]+)?"
    r"|\r?\n" + _BLANK_LINES + r"[ \t]+)"
    r"(?:" + _NODE_PROPERTY + r"|" + _VALUE + _END + r")")
# A value stands after `: ` or a sequence's `- `. Not after `, `: that only separates entries in a
# flow collection, and every flow collection is refused at its bracket. One search per indicator
# rather than one for the class `[:\-]`: a pattern that starts with a literal character skips
# ahead to it in C, four times faster than testing each character against a class (16 -> 8 us a
# record).
AMBIGUOUS_VALUES = _AFTER_COLON, _AFTER_DASH = tuple(
    re.compile(r"(?m)" + re.escape(indicator) + _AFTER_INDICATOR) for indicator in ":-")
# Keys are a search of their own: as an alternative above, they would cost the whole search its
# fast skip to the next indicator (17 -> 42 us a record).
AMBIGUOUS_KEY = re.compile(r"(?m)\n" + _KEY)  # searched in "\n" + the text: the first line's key too


# What yaml-rs reads and PyYAML, the reference, refuses, at a line's start: a tab in the
# indentation (a blank line of one tab too), or a `:` with no key before it (`: value`).
_TAB_INDENT = re.compile(r"\n *\t")
_BLANKS_AND_DASHES = r"[ \t]*(?:-[ \t]+)*"
_LINE_START = re.compile(_BLANKS_AND_DASHES)
_KEYLESS_LINE = re.compile(_BLANKS_AND_DASHES + r":(?:[ \t]|\r?\n|\Z)")
# A `:` after a blank or a line break, then a blank or the line's end: where a keyless line's
# `:` can be. The search starts at the literal `:`, which the regex engine skips to.
_COLON_AFTER_BLANK = re.compile(r":(?<=[\n \t]:)(?:[ \t]|\r?\n|\Z)")


def _line_start_trap(yaml_text: str) -> bool:
    """Whether a line's indentation holds a tab, or a line's first character after its blanks
    and `- ` indicators is a `:` that ends the key (a key that is missing)."""
    if "\t" in yaml_text and _TAB_INDENT.search("\n" + yaml_text):
        return True
    if _KEYLESS_LINE.match(yaml_text):
        return True
    position = 0
    while (colon := _COLON_AFTER_BLANK.search(yaml_text, position)) is not None:
        end = colon.start()
        start = yaml_text.rfind("\n", 0, end) + 1
        if _LINE_START.fullmatch(yaml_text, start, end):
            return True
        # Only a line's first such `:` can be its first character: the rest of the line is skipped.
        position = yaml_text.find("\n", end) + 1
        if position == 0:
            return False
    return False


def ambiguous(yaml_text: str) -> bool:
    """Whether the text may mean different things to YAML 1.1 and 1.2, or uses features the
    fast path does not vouch for (merge keys, very deep nesting, flow or tagged documents)."""
    head = yaml_text.lstrip()[:1]
    # A merge key (`<<:`) is a key: the key search finds it, at a line's start or after `- `/`? `.
    return (head in ("[", "{", "&", "*", "!", "%") or "\n" + " " * 120 in yaml_text
            or _line_start_trap(yaml_text)
            or _AFTER_COLON.search(yaml_text) is not None or _AFTER_DASH.search(yaml_text) is not None
            or AMBIGUOUS_KEY.search("\n" + yaml_text) is not None)


class Accelerators(NamedTuple):
    yaml: ModuleType        # yaml_rs
    jsonschema: ModuleType  # jsonschema_rs


@functools.lru_cache(maxsize=None)
def accelerators() -> Accelerators | None:
    """The accelerator modules, None when one is not installed."""
    try:
        import yaml_rs
        jsonschema_rs = jsonschemars.jsonschema_rs()
    except ImportError:
        return None
    return Accelerators(yaml_rs, jsonschema_rs)


def available() -> bool:
    return accelerators() is not None


# A character YAML does not allow in a document (control characters other than tab and line
# breaks, surrogates, U+FFFE/U+FFFF), which PyYAML refuses and yaml-rs reads, or a byte-order
# mark inside the block, which PyYAML skips and yaml-rs reads as text (5 us a record).
_NON_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7f)) + b"\t\n\r"
# UTF-8 bytes that are no part of a character above: all but the ASCII controls and the lead bytes
# of U+0080-U+00BF (0xC2) and U+F000-U+FFFF (0xEF). Surrogates cannot be encoded at all.
_ALLOWED_UTF8_BYTES = _PRINTABLE_ASCII + bytes(byte for byte in range(0x80, 0x100) if byte not in (0xC2, 0xEF))


def _non_printable(yaml_text: str) -> bool:
    # Saves ~5 µs an ASCII record and ~3 µs most others: bytes.translate deletes the allowed bytes
    # in one C loop, where the regex tries its class at each character; only a block left with
    # some byte (a control, or a character of those two ranges) is searched.
    if yaml_text.isascii():
        return bool(yaml_text.encode("ascii").translate(None, _PRINTABLE_ASCII))
    try:
        left = yaml_text.encode("utf-8").translate(None, _ALLOWED_UTF8_BYTES)
    except UnicodeEncodeError:
        return True  # a surrogate
    return bool(left) and _NON_PRINTABLE.search(yaml_text) is not None


_LONE_CR = re.compile(r"\r(?!\n)")

# A surrogate escape in a double-quoted scalar (`"\ud800\udc00"`): yaml-rs joins the pair into one
# character, PyYAML (the reference) refuses it as a syntax error.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


# A date that does not exist (`2021-02-30`, `2021-04-20 25:00:00`): yaml-rs keeps a plain one as
# text, PyYAML (the reference) refuses it as a timestamp. Looked for anywhere, quoted or not (a
# false alarm only costs the reference path); the search starts at the `-` after the year,
# a literal the regex engine skips to (3 us a record, against 31 from the year's digits).
_DATE_AFTER_YEAR = re.compile(r"-([0-9]{1,2})-([0-9]{1,2})"
                              r"(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.[0-9]*)?"
                              r"(?:[ \t]*([-+])([0-9]{1,2})(?::([0-9]{2}))?)?)?(?=[ \t.Zz+\-:\r\n]|$)")


def _impossible_date(yaml_text: str) -> bool:
    for match in _DATE_AFTER_YEAR.finditer(yaml_text):
        year = yaml_text[max(0, match.start() - 4):match.start()]
        if len(year) < 4 or not year.isascii() or not year.isdigit():
            continue  # not after a year (a lookbehind would cost the search its skip to `-`)
        month, day, hour, minute, second, sign, tz_hour, tz_minute = match.groups()
        try:
            datetime.date(int(year), int(month), int(day))
            if hour is not None:
                datetime.time(int(hour), int(minute), int(second))
            if sign is not None:  # PyYAML's offset: strictly within a day
                datetime.timezone(datetime.timedelta(hours=int(tz_hour), minutes=int(tz_minute or 0)))
        except ValueError:
            return True
    return False


def load(yaml_text: str):
    """The record as plain data, or None when the reference path must decide."""
    if "lint:" in yaml_text or ambiguous(yaml_text) or nesting_bound(yaml_text) > SAFE_NESTING:
        return None
    if _SURROGATE_ESCAPE.search(yaml_text) or _non_printable(yaml_text) or _impossible_date(yaml_text):
        return None
    if "\r" in yaml_text and _LONE_CR.search(yaml_text):
        return None  # a line break the screens above, which look for `\n`, do not see
    try:
        # Timestamps stay their source text: an RFC 3339 value is exactly what the reference
        # gives the validator, and anything else fails the format check and goes to the reference.
        data = accelerators().yaml.loads(yaml_text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any failure: the reference path reports it exactly
        return None
    return data if isinstance(data, dict) else None


def is_valid(schema_name: str, record: dict) -> bool | None:
    """True/False from jsonschema-rs with our own format checks; None when it cannot say (its
    validator is built once, by name)."""
    validator = _validator(schema_name)
    if validator is None:
        return None
    try:
        return validator.is_valid(record)
    except ValueError:
        pass  # a TOML record's dates are Timestamps, which jsonschema-rs does not take for strings
    except Exception:  # noqa: BLE001
        return None
    try:
        return validator.is_valid(_plain(record))
    except Exception:  # noqa: BLE001
        return None


def _plain(value):
    """A copy of the record with every string a `str` itself (a Timestamp is its RFC 3339 text)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, str) else value


@functools.lru_cache(maxsize=64)
def _validator(schema_name: str):
    """jsonschema-rs's validator for the schema, None when it must not or cannot judge it (a
    reference to another file, which it would resolve on its own terms)."""
    from linter.schemas.formats import is_rfc3339, is_uri
    from linter.schemas.loader import load_schema
    if reader.has_external_refs(schema_name):
        return None
    try:
        return accelerators().jsonschema.validator_for(
            _with_format_patterns(load_schema(schema_name)), formats={"date-time": is_rfc3339, "uri": is_uri},
            validate_formats=True, offline=True)
    except Exception:  # noqa: BLE001 - a schema it cannot load or compile: reference path only
        return None


# jsonschema-rs calls back into Python for every `format` it checks (6 us a record, more than
# the rest of the validation). The fast path's copy of a schema checks these patterns instead,
# in Rust. Each accepts only strings that our format checks (formats.py) accept too, and fewer:
# no February 29, no leap second, ASCII digits, every Unicode blank excluded by name. A record
# they pass is valid for the reference; one they fail goes to the reference, which decides.
_FORMAT_PATTERNS = {
    "date-time": (
        r"^(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
        r"-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
        r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
        r"[Tt ](?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])$"),
    "uri": (r'^[A-Za-z][A-Za-z0-9+.\-]*:[^\s\x00-\x20\x7f-\x9f<>"{}|\\^`'
            "\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$"),
}


def _with_format_patterns(node):
    """A copy of the schema with `format: date-time`/`uri` checked by a pattern wherever a
    subschema can be (reader.SUBSCHEMAS) and no `pattern` is there already (elsewhere the
    Python check still runs)."""
    if not isinstance(node, dict):
        return node
    copy = reader.with_subschemas(node, _with_format_patterns)
    pattern = _FORMAT_PATTERNS.get(copy.get("format")) if isinstance(copy.get("format"), str) else None
    if pattern is not None and "pattern" not in copy:
        del copy["format"]
        copy["pattern"] = pattern
    return copy


# --- TOML and JSON ------------------------------------------------------------------------------
# Their values have one reading, so the fast path needs no ambiguity screen: it loads the record
# with the reference's own value parser (tomllib, json), without the position scanner, and the
# schema and the rules decide as for YAML. Only what the reference would report or build
# differently is sent there: suppressions, duplicates (tomllib refuses them; json is asked to),
# and TOML dates written other than as Python writes them back (the date rules read the text).

# A date or time a Timestamp built from the value would not write back as it stands: a space or
# lowercase `t` separator, lowercase `z`, a fraction, `+00:00` (Python writes `Z`'s offset so).
# Searched in strings too: a false alarm only costs the reference path. What else TOML may come
# to allow is caught by looking for the text written back.
_REWRITTEN_DATE = re.compile(r"[0-9]-[0-9]{2}[ t][0-9]{2}:|[0-9]{2}:[0-9]{2}(?:z|\.[0-9])|[-+]00:00")


def load_toml(text: str, limits: dict):
    """The record of a TOML block, or None when the reference path must decide (the limits too:
    no value needs less than a character, and the depth is counted on the way)."""
    if "lint:" in text or len(text) > limits["max-nodes"]:
        return None
    from linter.stages.parse_toml import native_date_types
    from linter.support import tomlreader
    from linter.stages.parsed import timestamp_of
    try:
        record = tomlreader.loads(text)
    except Exception:  # noqa: BLE001 - any failure: the reference path reports it exactly
        return None
    dates = native_date_types()
    max_depth = limits["max-depth"]
    rewritten = None  # whether some date is written otherwise than Python writes it: asked once
    stack = [(record, 1)]
    while stack:
        node, depth = stack.pop()
        for key, value in (node.items() if isinstance(node, dict) else enumerate(node)):
            if isinstance(value, (dict, list)):
                if depth >= max_depth:
                    return None
                stack.append((value, depth + 1))
            elif isinstance(value, dates):
                if rewritten is None:
                    rewritten = _REWRITTEN_DATE.search(text) is not None
                if rewritten:
                    return None
                source = value.isoformat()
                source = source[:-6] + "Z" if source.endswith("+00:00") else source
                if source not in text:
                    return None
                node[key] = timestamp_of(value, source)
    return record


class _Duplicate(Exception):
    pass


def _unique(pairs: list) -> dict:
    record = dict(pairs)
    if len(record) != len(pairs):
        raise _Duplicate
    return record


def _not_json(name: str):
    raise ValueError(name)


def load_json(text: str, limits: dict):
    """The record of a JSON block, or None when the reference path must decide (the limits too:
    no value needs less than a character, no level less than a bracket)."""
    if len(text) > limits["max-nodes"] or text.count("[") + text.count("{") > limits["max-depth"]:
        return None
    import json
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_constant=_not_json)
    except Exception:  # noqa: BLE001 - any failure: the reference path reports it exactly
        return None


def load_yaml(text: str, limits: dict):
    """`load`, for the table below (the screen bounds YAML's nesting itself)."""
    return load(text)


_LOADERS = {"yaml": load_yaml, "toml": load_toml, "json": load_json}


def load_block(block, limits: dict):
    """The record of a front matter Block as plain data, or None when the reference path must decide."""
    return _LOADERS[block.dialect](block.text, limits)
