"""Stage 6: validate a record against its schema and turn each error into a precise finding."""
from __future__ import annotations

import difflib

from linter.model.findings import Finding
from linter.schemas.patterns import DESCRIBED, search
from linter.model.pointers import escape, unescape

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Iterator

# The codes this stage raises (documented in linter/rules/schema.py).
UNKNOWN_KEY = "SCH001"
MISSING_KEY = "SCH002"
WRONG_TYPE = "SCH003"
INVALID_VALUE = "SCH004"
INVALID_FORMAT = "SCH005"

_JSON_TYPE_NAMES = {
    "string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false",
    "array": "a list", "object": "a mapping", "null": "null",
}


def json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _pointer(path) -> str:
    return "".join(f"/{escape(token)}" for token in path)


def _name(pointer: str) -> str:
    if not pointer:
        return "the record"
    token = unescape(pointer.rsplit("/", 1)[-1])
    return f"`{pointer[1:].replace('/', '.')}`" if not token.isdigit() else f"item {pointer[1:].replace('/', '.')}"


def _short(value, limit: int = 60) -> str:
    """The value as YAML/JSON readers write it (`false`, `["a"]`, `null`), not as Python does."""
    if isinstance(value, str):
        text = repr(value)
    else:
        import json
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _type_message(error, pointer):
    expected = error.validator_value
    expected = [expected] if isinstance(expected, str) else list(expected)
    wanted = " or ".join(_JSON_TYPE_NAMES.get(t, t) for t in expected)
    return WRONG_TYPE, f"{_name(pointer)} must be {wanted}, not {json_type(error.instance)} {_short(error.instance)}"


def _enum_message(error, pointer):
    options = ", ".join(repr(v) for v in error.validator_value)
    suggestion = _suggest(error.instance, [v for v in error.validator_value if isinstance(v, str)])
    return INVALID_VALUE, f"{_name(pointer)} must be one of {options}, not {_short(error.instance)}{suggestion}"


def _bound_message(word):
    def message(error, pointer):
        return INVALID_VALUE, f"{_name(pointer)} must be {word} {error.validator_value}, not {_short(error.instance)}"
    return message


def _min_length_message(error, pointer):
    if error.validator_value == 1:
        return INVALID_VALUE, f"{_name(pointer)} must not be empty"
    return INVALID_VALUE, f"{_name(pointer)} must be at least {error.validator_value} characters long"


def _format_message(error, pointer):
    what = {"date-time": "an RFC 3339 date-time with a timezone (e.g. 2020-07-15T21:05:00Z)",
            "uri": "an absolute URI"}.get(error.validator_value, f"a valid {error.validator_value}")
    return INVALID_FORMAT, f"{_name(pointer)} must be {what}, not {_short(error.instance)}"


def _pattern_message(error, pointer):
    described = DESCRIBED.get(error.validator_value)
    if described is not None:
        return INVALID_VALUE, f"{_name(pointer)} must be {described}, not {_short(error.instance)}"
    return INVALID_VALUE, f"{_name(pointer)} {_short(error.instance)} does not match the pattern {error.validator_value!r}"


def _generic_message(error, pointer):
    return INVALID_VALUE, f"{_name(pointer)}: {error.message}"


# jsonschema keyword → (code, message). Keywords not listed fall back to jsonschema's own text.
_MESSAGES = {
    "type": _type_message,
    "enum": _enum_message,
    "const": lambda e, p: (INVALID_VALUE, f"{_name(p)} must be {e.validator_value!r}, not {_short(e.instance)}"),
    "minimum": _bound_message("at least"),
    "maximum": _bound_message("at most"),
    "exclusiveMinimum": _bound_message("greater than"),
    "exclusiveMaximum": _bound_message("less than"),
    "minLength": _min_length_message,
    "maxLength": lambda e, p: (INVALID_VALUE, f"{_name(p)} must be at most {e.validator_value} characters long"),
    "pattern": _pattern_message,
    "minItems": lambda e, p: (INVALID_VALUE, f"{_name(p)} must have at least {e.validator_value} item(s)"),
    "maxItems": lambda e, p: (INVALID_VALUE, f"{_name(p)} must have at most {e.validator_value} item(s)"),
    "uniqueItems": lambda e, p: (INVALID_VALUE, f"{_name(p)} must not contain duplicate items"),
    "format": _format_message,
}


def closest(word, candidates):
    if not isinstance(word, str):
        return None
    lowered = {c.lower(): c for c in candidates}
    if word.lower() in lowered:
        return lowered[word.lower()]
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return close[0] if close else None


def _suggest(word, candidates) -> str:
    match = closest(word, candidates)
    return f" (did you mean `{match}`?)" if match else ""


def _known_properties(schema) -> list[str]:
    return list(schema.get("properties", {})) if isinstance(schema, dict) else []


def _extra_keys(error) -> list[str]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = set(schema.get("properties", {}))
    patterns = schema.get("patternProperties", {})
    return [key for key in error.instance
            if key not in known and not any(search(p, key) for p in patterns)]


def findings_for_error(error) -> Iterator[Finding]:
    pointer = _pointer(error.absolute_path)
    keyword = error.validator
    if keyword == "required":
        for key in error.validator_value:
            if isinstance(error.instance, dict) and key not in error.instance:
                yield Finding(MISSING_KEY, f"missing required key `{key}` in {_name(pointer)}",
                              f"{pointer}/{escape(key)}", anchor="parent")
        return
    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        known = _known_properties(error.schema)
        # A schema may say how sure it is of its keys: the built-in schemas of record types seen on
        # one site only write `x-unknown-keys: warning` (another site may write keys they lack).
        severity = error.schema.get("x-unknown-keys") if isinstance(error.schema, dict) else None
        for key in _extra_keys(error):
            match = closest(key, known)
            yield Finding(UNKNOWN_KEY, f"unknown key `{key}`" + (f" (did you mean `{match}`?)" if match else ""),
                          f"{pointer}/{escape(key)}", anchor="key", suggestion=match,
                          severity=severity if severity in ("warning", "info") else None)
        return
    if keyword in ("anyOf", "oneOf") and error.context:
        yield from _alternatives(error, pointer)
        return
    code, message = _MESSAGES.get(keyword, _generic_message)(error, pointer)
    yield Finding(code, message, pointer, keyword=keyword)


def _alternatives(error, pointer):
    """anyOf/oneOf: say which keys would satisfy it, or report the closest alternative only."""
    context = error.context
    if all(e.validator == "required" and list(e.relative_path) == [] for e in context):
        options = [key for e in context for key in e.validator_value if key not in error.instance]
        listed = ", ".join(f"`{k}`" for k in dict.fromkeys(options))
        yield Finding(MISSING_KEY, f"{_name(pointer)} needs at least one of {listed}", pointer + "/" + escape(options[0]),
                      anchor="parent")
        return
    from jsonschema.exceptions import best_match
    best = best_match(context)
    if best is None:
        yield Finding(INVALID_VALUE, f"{_name(pointer)}: {error.message}", pointer, keyword=error.validator)
        return
    yield from findings_for_error(best)


def schema_findings(validator, record) -> list[Finding]:
    findings: dict = {}
    for error in validator.iter_errors(record):
        for finding in findings_for_error(error):
            # jsonschema yields one `required` error per missing key, each listing them all
            findings.setdefault((finding.code, finding.pointer, finding.message), finding)
    return _merge_typos(_without_consequences_of_type(list(findings.values())))


# A value of the wrong type is one mistake: that it is then none of the `enum`'s values, or not
# the `const`, says nothing more (the other keywords do not apply to a value of another type).
_FOLLOW_FROM_TYPE = frozenset(("enum", "const"))


def _without_consequences_of_type(findings: list[Finding]) -> list[Finding]:
    mistyped = {f.pointer for f in findings if f.keyword == "type"}
    if not mistyped:
        return findings
    return [f for f in findings if not (f.keyword in _FOLLOW_FROM_TYPE and f.pointer in mistyped)]


def _merge_typos(findings: list[Finding]) -> list[Finding]:
    """`tittle:` is one mistake, not two: an unknown key whose suggestion is a missing required
    key absorbs the missing-key finding."""
    missing = {f.pointer: f for f in findings if f.code == MISSING_KEY}
    if not missing:
        return findings
    absorbed = set()
    for finding in findings:
        if finding.code == UNKNOWN_KEY and finding.suggestion:
            target = finding.pointer.rsplit("/", 1)[0] + "/" + escape(finding.suggestion)
            if target in missing:
                absorbed.add(target)
                finding.message += f"; `{finding.suggestion}` is required"
                finding.severity = None  # a missing required key is an error, whatever the schema's x-unknown-keys
    return [f for f in findings if not (f.code == MISSING_KEY and f.pointer in absorbed)]
