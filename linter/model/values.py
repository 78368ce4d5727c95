"""The values of a record: plain data as the parsers build it (dict, list, str, int, float, bool,
None), where a boolean is also an `int` and the reference parser's `Timestamp` also a `str`."""


def is_exactly(value, kind: type) -> bool:
    """Whether `value` is a `kind` itself, not a subclass: `True` is no integer of the schema's,
    a `Timestamp` no plain string. The one exact type check of the package."""
    return type(value) is kind
