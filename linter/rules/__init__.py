"""Rule registry. Each family module declares its rules with `@rule`; the decorated function's
docstring is the rule's documentation (what it does, why it matters, failing and passing
examples), printed by `lint rule CODE`. Rules whose findings come from a pipeline stage (front
matter, YAML, schema) are declared with `stage=True`: their function documents, it does not run.
"""
from __future__ import annotations

import importlib

from ..records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Callable

FAMILIES = ("frontmatter", "yaml", "limits", "schema", "urls", "images", "dates", "secured",
            "consistency", "pitfalls", "crossfile", "meta")


class Rule(Record):
    __slots__ = _fields = ("code", "name", "severity", "doc", "family", "check", "fix", "options", "supersedes")

    def __init__(self, code: str, name: str, severity: str, doc: str, family: str, check: Callable | None = None,
                 fix: str | None = None, options: dict[str, object] | None = None, supersedes: tuple = ()):
        self.code = code
        self.name = name
        self.severity = severity
        self.doc = doc
        self.family = family
        self.check = check
        self.fix = fix                  # None, "safe" or "unsafe"
        self.options = {} if options is None else options
        # Schema keywords (e.g. "format") whose error on the same value this rule's finding replaces:
        # a precise "no timezone" beats a generic "must be a date-time".
        self.supersedes = supersedes

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""


REGISTRY: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}
_loaded = False


def _cleandoc(doc: str) -> str:
    """`inspect.cleandoc` (importing `inspect` costs milliseconds at start-up): drop the common
    indentation of the lines after the first, leading white space of the first, and blank lines
    at either end."""
    lines = doc.expandtabs().split("\n")
    margin = min((len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()), default=None)
    lines[0] = lines[0].lstrip()
    if margin is not None:
        lines[1:] = [line[margin:] for line in lines[1:]]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


def rule(code: str, name: str, severity: str = "error", *, stage: bool = False,
         fix: str | None = None, options: dict | None = None, supersedes: tuple = ()):
    def register(function):
        family = function.__module__.rsplit(".", 1)[-1]
        entry = Rule(code, name, severity, _cleandoc(function.__doc__ or ""), family,
                     None if stage else function, fix, dict(options or {}), tuple(supersedes))
        if code in REGISTRY or name in _BY_NAME:
            raise RuntimeError(f"rule {code} {name} declared twice")
        REGISTRY[code] = entry
        _BY_NAME[name] = entry
        return function
    return register


def load_all() -> dict[str, Rule]:
    global _loaded
    if not _loaded:
        for family in FAMILIES:
            importlib.import_module(f"{__name__}.{family}")
        _loaded = True
    return REGISTRY


def get(code_or_name: str) -> Rule | None:
    load_all()
    return REGISTRY.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())


def checks():
    """Content rules that run on records, in code order."""
    return [r for _, r in sorted(load_all().items()) if r.check is not None]
