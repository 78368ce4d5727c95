"""PIT: unquoted values that YAML 1.1 (Jekyll, PyYAML) and YAML 1.2 read differently.

Values are found with `ctx.plain_scalars()`, which is empty while screening: the fast path
never vouches for text holding such a value (fastpath.AMBIGUOUS_VALUES sends it to the reference
path), so these findings are identical on both paths. Keys are read from the record, where
both parsers give the source text of a `yes:` key. TOML and JSON have one reading of each
value: these rules check YAML records only (`dialects=("yaml",)`).
"""
from __future__ import annotations

import json
import math

from linter.rules import rule
from linter.schemas import reader

# YAML 1.1 booleans that YAML 1.2 reads as strings. PyYAML and Ruby's Psych (Jekyll) leave out
# y/n, which the 1.1 specification lists: for them they are strings, as in 1.2.
_BOOLEANS_11 = frozenset("y Y yes Yes YES n N no No NO on On ON off Off OFF".split())
_TRUE_11 = frozenset("y Y yes Yes YES on On ON true True TRUE".split())
_JEKYLL_STRINGS = frozenset("y Y n N".split())
# First characters of every plain scalar whose reading can differ (a cheap filter).
_FIRST = frozenset("yYnNoO0123456789+-.")

_TAG = "tag:yaml.org,2002:"
_JSON_TYPE = {bool: "boolean", int: "integer", float: "number", str: "string"}


def _int_11(text: str) -> int:
    text = text.replace("_", "")
    sign = -1 if text[0] == "-" else 1
    text = text.lstrip("+-")
    if text.startswith("0b"):
        return sign * int(text[2:], 2)
    if text.startswith("0x"):
        return sign * int(text[2:], 16)
    if ":" in text:
        value = 0
        for part in text.split(":"):
            value = value * 60 + int(part)
        return sign * value
    if len(text) > 1 and text[0] == "0":
        return sign * int(text, 8)
    return sign * int(text)


def _float_11(text: str) -> float:
    text = text.replace("_", "").lower()
    if text.endswith("nan"):
        return math.nan
    sign = -1.0 if text[0] == "-" else 1.0
    text = text.lstrip("+-")
    if text.endswith("inf"):
        return sign * math.inf
    if ":" in text:
        value = 0.0
        for part in text.split(":"):
            value = value * 60 + float(part)
        return sign * value
    return sign * float(text)


def _int_12(text: str) -> int:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text)


def _float_12(text: str) -> float:
    lowered = text.lower()
    if lowered.endswith("nan"):
        return math.nan
    if lowered.endswith("inf"):
        return -math.inf if lowered[0] == "-" else math.inf
    return float(text)


def readings(text: str) -> tuple[str, object, str, object] | None:
    """(type in 1.1, value in 1.1, type in 1.2, value in 1.2) of a plain scalar, when the two
    readings differ in type or value; None when they agree (or a value cannot be built: the
    YAML checks report that). Values are those of the specifications; for `y`/`n`, see above."""
    if not text or text[0] not in _FIRST:
        return None
    # Imported here: only the reference path has plain scalars to read, and the resolvers'
    # patterns cost 1 ms to compile at start-up.
    from linter.support.yamltypes import plain_type_11, plain_type_12
    kind_11, kind_12 = plain_type_11(text), plain_type_12(text)
    if kind_11 == kind_12 and kind_11 not in ("int", "float"):
        return None  # booleans, nulls, timestamps and strings the two read alike
    try:
        value_11 = (text in _TRUE_11 if kind_11 == "bool" else _int_11(text) if kind_11 == "int"
                    else _float_11(text) if kind_11 == "float" else text)
        value_12 = (_int_12(text) if kind_12 == "int" else _float_12(text) if kind_12 == "float"
                    else text in ("true", "True", "TRUE") if kind_12 == "bool" else text)
    except ValueError:
        return None
    if kind_11 == kind_12 and (value_11 == value_12 or value_11 != value_11 and value_12 != value_12):
        return None
    return kind_11, value_11, kind_12, value_12


def _describe(kind: str, value) -> str:
    if kind == "bool":
        return f"the boolean {'true' if value else 'false'}"
    if kind == "int":
        return f"the integer {value}"
    if kind == "float":
        return f"the number {_number_text(value)}"
    return f"the string {json.dumps(value, ensure_ascii=False)}"


def _number_text(value) -> str:
    if isinstance(value, float):
        if value != value:
            return ".nan"
        if math.isinf(value):
            return "-.inf" if value < 0 else ".inf"
    return repr(value)


def _allowed(value, expected: frozenset) -> bool:
    kind = _JSON_TYPE.get(type(value))
    return kind in expected or kind == "integer" and "number" in expected


def _yaml_text(value) -> str:
    """`value` written so that YAML 1.1 and 1.2 read the same thing."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return _number_text(value)


def _choose_fix(raw: str, read, spec_value, expected: frozenset):
    """(yaml text, safe, description) for a plain scalar that Jekyll reads as `read` and the
    other YAML version as `spec_value`, or None. Booleans and strings keep what Jekyll reads
    today (safe); rewriting a number loses the author's notation and may not be what was meant
    (`0755`: 493 or 755?), so it is unsafe. Where the schema wants a string and Jekyll reads
    something else, the text as written is the string: quoting it is safe."""
    def keep(value, why):
        return _yaml_text(value), not isinstance(value, (int, float)) or isinstance(value, bool), why

    if not expected:
        return keep(read, "write what YAML 1.1 (Jekyll) reads today")
    if _allowed(read, expected):
        return keep(read, "write what YAML 1.1 (Jekyll) reads today")
    if "string" in expected:
        return json.dumps(raw, ensure_ascii=False), True, "quote the text"
    if isinstance(spec_value, float) and spec_value.is_integer() and "integer" in expected:
        spec_value = int(spec_value)
    if _allowed(spec_value, expected):
        return _yaml_text(spec_value), False, "write the value the other YAML version reads"
    return None


def _value_findings(ctx):
    """(code, pointer, message, fix) for each plain scalar value read differently."""
    found = []
    for pointer, span in ctx.plain_scalars():
        raw = span.raw
        if not raw or raw[0] not in _FIRST:
            continue
        read = readings(raw)
        if read is None:
            continue
        kind_11, value_11, kind_12, value_12 = read
        jekyll_kind = "str" if raw in _JEKYLL_STRINGS else kind_11
        if span.tag != _TAG + jekyll_kind:
            continue  # an explicit tag (`!!str 0755`) decides the type
        code = "PIT001" if "bool" in (kind_11, kind_12) else "PIT002"
        quoted = json.dumps(raw, ensure_ascii=False)
        if raw in _JEKYLL_STRINGS:
            message = (f"`{raw}` is {_describe('bool', value_11)} in the YAML 1.1 specification (and tools that "
                       f"follow it) but the string {quoted} for Jekyll, PyYAML and YAML 1.2; "
                       f"quote it ({quoted}) if text is meant, or write `{_yaml_text(value_11)}`")
            jekyll, other = raw, value_11
        else:
            if kind_11 in ("int", "float") and kind_12 in ("int", "float"):
                alternative = f"`{_yaml_text(value_11)}` or `{_yaml_text(value_12)}` in plain decimal"
            else:
                alternative = f"`{_yaml_text(value_11 if kind_11 != 'str' else value_12)}`"
            message = (f"`{raw}` is {_describe(kind_11, value_11)} in YAML 1.1 (Jekyll, PyYAML) but "
                       f"{_describe(kind_12, value_12)} in YAML 1.2; quote it ({quoted}) if text is meant, "
                       f"or write {alternative}")
            jekyll, other = value_11, value_12
        found.append((code, pointer, message, _fix_builder(ctx, pointer, span, raw, jekyll, other)))
    return found


def _fix_builder(ctx, pointer, span, raw, jekyll, other):
    def build():
        choice = _choose_fix(raw, jekyll, other, ctx.expected_types(pointer))
        if choice is None:
            return None
        text, safe, why = choice
        from linter.fix.edits import replace_scalar_text
        return replace_scalar_text(span, text, f"{why}: `{raw}` → `{text}`", safe)
    return build


def _has_boolean_key(record) -> bool:
    stack = [record]
    while stack:
        node = stack.pop()
        if not _BOOLEANS_11.isdisjoint(node):
            return True
        for value in node.values():
            kind = type(value)
            if kind is dict:
                stack.append(value)
            elif kind is list:
                stack.extend(item for item in value if type(item) is dict)
    return False


def _is_yaml11_boolean(key) -> bool:
    return key in _BOOLEANS_11


def _no_boolean_key_admitted(schema: dict) -> bool:
    """Whether the schema is closed (reader.places_in) and names no `yes`-like key: then no
    record valid against it holds one."""
    return reader.places_in(schema, _is_yaml11_boolean) == reader.NOWHERE


def _no_boolean_key_can_pass(schema_name: str) -> bool:
    """While screening the record has passed the schema: when the schema is closed and names no
    `yes`-like key, no such key can be in the record, and the walk is skipped."""
    return reader.key_places(schema_name, _is_yaml11_boolean) == reader.NOWHERE


def _key_findings(ctx):
    """PIT001 for each plain key `yes:`, `off:`...: YAML 1.1 makes it a boolean key."""
    if not _has_boolean_key(ctx.record):
        return []
    found = []
    for pointer, key, _, parent in ctx.walk():
        if not isinstance(parent, dict) or key not in _BOOLEANS_11:
            continue
        start = None if ctx.screening else _key_start(ctx, pointer)
        if not ctx.screening and (start is None or ctx.source.text[start] in "\"'"):
            continue  # a quoted key is a string in every version
        if key in _JEKYLL_STRINGS:
            message = (f"key `{key}` is a boolean in the YAML 1.1 specification (and tools that follow it) but "
                       f"the string {json.dumps(key)} for Jekyll, PyYAML and YAML 1.2; quote it ({json.dumps(key)}:)")
        else:
            message = (f"key `{key}` is {_describe('bool', key in _TRUE_11)} in YAML 1.1 (Jekyll: "
                       f"`page.{key}` is then empty) but the string {json.dumps(key)} in YAML 1.2; "
                       f"quote it ({json.dumps(key)}:)")
        found.append(("PIT001", pointer, message, _key_fix(ctx, key, start), "key"))
    return found


def _key_start(ctx, pointer: str) -> int | None:
    span = ctx.span(pointer)
    if span is None or not span.key_line:
        return None
    text = ctx.source.text
    start = 0
    for _ in range(span.key_line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    return start + span.key_column - 1


def _key_fix(ctx, key: str, start: int | None):
    if start is None:
        return None

    def build():
        from linter.model.diagnostics import Edit, Fix
        if ctx.source.text[start:start + len(key)] != key:
            return None
        return Fix(f"quote the key `{key}`", (Edit(start, start + len(key), json.dumps(key)),), True)
    return build


def _pitfalls(ctx):
    """Findings of both rules, computed once per record (the rules ask in turn)."""
    return ctx.memo(_record_pitfalls)


def _record_pitfalls(ctx):
    return [(*f, "value") for f in _value_findings(ctx)] + _key_findings(ctx)


def _report(ctx, code: str):
    if ctx.screening and _no_boolean_key_can_pass(ctx.schema):
        return ()  # values: the fast path refuses ambiguous text; keys: the record can hold none
    found = _pitfalls(ctx)
    if not found:
        return ()
    return [ctx.report(message, pointer, anchor=anchor, fix=fix)
            for kind, pointer, message, fix, anchor in found if kind == code]


@rule("PIT001", "yaml11-boolean", "warning", fix="safe", dialects=("yaml",))
def yaml11_boolean(ctx):
    """An unquoted `yes`, `no`, `on`, `off`, `y` or `n`: a boolean in YAML 1.1, a string in 1.2.

    **What it does.** Reports each such plain value, and each such plain key, at its position,
    saying what each YAML version reads. Jekyll (Ruby's Psych) and PyYAML read YAML 1.1, where
    `yes`/`on` are true and `no`/`off` false; YAML 1.2 tools (and many editors, linters and
    converters) read the string. `y` and `n` are booleans in the 1.1 specification but strings
    for Jekyll and PyYAML. The fix keeps what Jekyll reads today: where the schema expects a
    boolean, or says nothing, it writes `true`/`false` (`y`/`n`: quotes them); where it
    expects text, it quotes the value (`"no"`); a key is quoted. Writing `true` for a `y` that
    the schema wants boolean changes what Jekyll reads (the string "y"), so that fix is unsafe.

    **Why it matters.** `title: No` is the boolean false for Jekyll, and `published: no`
    reads as the truthy string "no" in a YAML 1.2 tool: the same file means different things
    to the site and to the tools around it.

    **Fails**
    ```
    published: yes
    topics:
      - On
    ```
    **Passes**
    ```
    published: true
    topics:
      - "On"
    ```
    """
    return _report(ctx, "PIT001")


@rule("PIT002", "yaml11-number", "warning", fix="unsafe", dialects=("yaml",))
def yaml11_number(ctx):
    """An unquoted number that YAML 1.1 and 1.2 read differently: `0755`, `0o17`, `1:30`, `1_000`, `1e3`.

    **What it does.** Reports each plain value whose type or value differs between the two
    versions, naming both readings: leading-zero octal (`0755` is 493 in 1.1, 755 in 1.2; `09`
    is a string in 1.1, 9 in 1.2), `0o` octal and `0b` binary (an integer in one version, a
    string in the other), base-60 sexagesimal (`1:30` is 90 in 1.1), digit separators
    (`1_000`) and exponents without a dot or sign (`1e3` is a string in 1.1). The fix quotes
    the value as written (safe) where the schema expects text, or where it says nothing and
    Jekyll reads text today (`0o17`). Otherwise it writes a number in plain decimal (unsafe):
    what YAML 1.1 (Jekyll) reads today when that is a number the schema accepts, else the
    YAML 1.2 reading. It is unsafe because the author's notation is lost and the other reading
    may have been meant (`0755` as 755).

    **Why it matters.** A leading zero or a colon silently changes a number on the site, and
    the record means different things to Jekyll and to YAML 1.2 tools.

    **Fails**
    ```
    quality: 0755
    title: 1:30
    ```
    **Passes**
    ```
    quality: 755
    title: "1:30"
    ```
    """
    return _report(ctx, "PIT002")
