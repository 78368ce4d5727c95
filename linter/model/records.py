"""A base for the package's small data classes, without `dataclasses` (slow to import and to apply).

Each subclass lists its fields in `_fields` (usually also its `__slots__`) and writes its own
`__init__`; the base gives them what @dataclass did: a `Name(a=1, b='x')` repr, equality over
`_compare` (default: all fields, and only with an object of the same class; unhashable, like a
mutable dataclass), `replace(**changes)` for a changed copy, and pickling by constructor call.
"""
from __future__ import annotations

from linter.model.values import is_exactly


class Record:
    __slots__ = ()
    _fields: tuple = ()
    _compare: tuple = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "_compare" not in cls.__dict__:
            cls._compare = cls._fields

    def __repr__(self) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{self.__class__.__qualname__}({values})"

    def __eq__(self, other):
        if not is_exactly(other, self.__class__):
            return NotImplemented
        return self._key() == other._key()

    __hash__ = None  # mutable: like a dataclass with eq and without frozen

    def _key(self) -> tuple:
        return tuple([getattr(self, name) for name in self._compare])

    def replace(self, **changes):
        """A copy with some fields changed (what `dataclasses.replace` did)."""
        values = {name: getattr(self, name) for name in self._fields}
        values.update(changes)
        return self.__class__(**values)

    def __reduce__(self):
        return self.__class__, tuple([getattr(self, name) for name in self._fields])


set_field = object.__setattr__  # how a FrozenRecord's `__init__` sets its fields


class FrozenRecord(Record):
    """Immutable and hashable over its fields (a frozen dataclass); `__init__` uses `set_field`."""

    __slots__ = ()

    def __setattr__(self, name, value):
        raise AttributeError(f"cannot assign to field {name!r} of a frozen {self.__class__.__name__}")

    def __delattr__(self, name):
        raise AttributeError(f"cannot delete field {name!r} of a frozen {self.__class__.__name__}")

    def __hash__(self):
        return hash(self._key())
