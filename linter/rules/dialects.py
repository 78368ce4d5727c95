"""TOM, JSN: front matter written in TOML (`+++`) or JSON (`{ }`), as Hugo reads it.

The record a TOML or JSON block gives meets the same schemas and content rules as a YAML one;
these are the problems of the dialects themselves. The YAML 1.1 pitfalls (PIT) do not run on
them: they declare `dialects=("yaml",)`.
"""
from __future__ import annotations

from linter.model.values import is_exactly
from linter.rules import rule
from linter.schemas import reader


@rule("TOM001", "toml-syntax-error", stage=True)
def toml_syntax_error():
    """The TOML front matter is not valid TOML.

    **What it does.** Reports the error the TOML reader (tomli, the standard library's tomllib) finds, at
    its line and column in the file, with a hint when a line is written in YAML's `key: value`.
    Raised by `linter/stages/parse_toml.py`.

    **Why it matters.** Hugo stops the build on front matter it cannot read.

    **Fails**
    ```
    +++
    title: "Hello"
    +++
    ```
    **Passes**
    ```
    +++
    title = "Hello"
    +++
    ```
    """


@rule("TOM002", "toml-duplicate-key", stage=True)
def toml_duplicate_key():
    """A key or table defined twice in TOML front matter.

    **What it does.** Reports the second definition and names the line of the first: a key
    given twice in one table, a `[table]` header twice, a table header for a key that already
    holds a value or a table made with dotted keys. Raised by `linter/stages/parse_toml.py`.

    **Why it matters.** TOML forbids it: unlike YAML, where the last value silently wins, the
    whole file is refused, and Hugo stops the build.

    **Fails**
    ```
    +++
    title = "First"
    title = "Second"
    +++
    ```
    **Passes**
    ```
    +++
    title = "Second"
    +++
    ```
    """


@rule("JSN001", "json-syntax-error", stage=True)
def json_syntax_error():
    """The JSON front matter is not valid JSON.

    **What it does.** Reports the first error at the character to fix, in JSON's terms: a
    trailing comma (at the comma), a comment (at its `//` or `/*`), a single-quoted string or
    an unquoted key, `NaN` or `Infinity`, a missing `,` or `:`. Raised by
    `linter/stages/parse_json.py`.

    **Why it matters.** Hugo stops the build on front matter it cannot read; JavaScript's and
    YAML's looser habits (trailing commas, comments) are the usual cause.

    **Fails**
    ```
    {
      "title": "Hello",
    }
    ```
    **Passes**
    ```
    {
      "title": "Hello"
    }
    ```
    """


@rule("JSN002", "json-duplicate-key", stage=True)
def json_duplicate_key():
    """The same key twice in one JSON object.

    **What it does.** Reports the second occurrence and names the line of the first. Raised by
    `linter/stages/parse_json.py`.

    **Why it matters.** JSON readers keep only the last value (Hugo's too), so one of the two
    edits is lost without a word.

    **Fails**
    ```
    {"title": "First", "title": "Second"}
    ```
    **Passes**
    ```
    {"title": "Second"}
    ```
    """


# Formats whose values a native TOML date or time rightly gives.
_DATE_FORMATS = ("date-time", "date", "time")


def _native_dates(ctx) -> list:
    """(pointer, value) of every native TOML date or time in the record: the only Timestamps
    a TOML record holds."""
    found = []
    for pointer, _, value, _ in ctx.walk():
        if isinstance(value, str) and not is_exactly(value, str):
            found.append((pointer, value))
    return found


def _is_date_field(schema: str, pointer: str) -> bool:
    tokens = pointer.split("/")[1:]
    for format_name in _DATE_FORMATS:
        for path in reader.paths_with_format(schema, format_name) or ():
            if len(path) == len(tokens) and all(key is None and token.isdigit() or key == token
                                                for key, token in zip(path, tokens)):
                return True
    return False


def _pattern_takes(schema: str, pointer: str, text: str) -> bool:
    """Whether a `pattern` of the schema at `pointer` takes the date as written: the schema wants
    text of that form (`lint schema infer` writes one for local date-times)."""
    from linter.schemas.patterns import PatternError, search
    for node in reader.nodes_at(schema, pointer):
        pattern = node.get("pattern") if isinstance(node, dict) else None
        if isinstance(pattern, str):
            try:
                if search(pattern, text):
                    return True
            except PatternError:
                continue
    return False


@rule("TOM003", "toml-date-for-text", "warning", fix="safe", dialects=("toml",))
def toml_date_for_text(ctx):
    """A native TOML date or time where the schema wants text.

    **What it does.** Reports an unquoted TOML date, date-time or time (`2021-03-04`,
    `1979-05-27T07:32:00Z`, `07:32:00`) at a key whose schema type is a string without a date
    format (`format: date-time`, `date` or `time`) or a `pattern` that the date as written
    matches. The fix quotes the value as written (safe: it is the text the schema asks for).

    Where the schema wants a date-time (`publishedDateTime`), a native offset date-time is
    accepted just as a quoted RFC 3339 string is; a local one (no offset) or a date alone is
    DAT001's, exactly as an unquoted YAML timestamp.

    **Why it matters.** TOML reads the value as a date, not as the text written: Hugo gives
    templates a date object (`title` prints as `2021-03-04 00:00:00 +0000 UTC`), and other
    tools reformat it.

    **Fails**
    ```
    +++
    title = 2021-03-04
    +++
    ```
    **Passes**
    ```
    +++
    title = "2021-03-04"
    +++
    ```
    """
    dates = _native_dates(ctx)
    if not dates:
        return ()
    found = []
    for pointer, value in dates:
        if (_is_date_field(ctx.schema, pointer) or "string" not in ctx.expected_types(pointer)
                or _pattern_takes(ctx.schema, pointer, value.source)):
            continue
        name = pointer[1:].replace("/", ".")
        kind = "time" if value.has_timezone is None else "date-time" if ":" in value.source else "date"
        found.append(ctx.report(f"`{name}` is the TOML {kind} {value.source}, not text, where the schema wants a "
                                f"string; quote it (\"{value.source}\") if text is meant", pointer,
                                fix=lambda p=pointer, v=value: _quote(ctx, p, v)))
    return found


def _quote(ctx, pointer: str, value):
    from linter.fix.edits import render_string, replace_scalar_text
    span = ctx.span(pointer)
    if span is None:
        return None
    quoted = render_string(value.source, '"', span.dialect)
    return replace_scalar_text(span, quoted, f"quote the {pointer[1:]} value: {quoted}", True)
