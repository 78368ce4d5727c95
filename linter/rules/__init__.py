"""Rule registry. Each family module declares its rules with `@rule`; the decorated function's
docstring is the rule's documentation (what it does, why it matters, failing and passing
examples), printed by `lint rule CODE`. Rules whose findings come from a pipeline stage (front
matter, YAML, schema) are declared with `stage=True`: their function documents, it does not run.
"""
from __future__ import annotations

import importlib

from linter.model.records import Record

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Callable

FAMILIES = ("frontmatter", "yaml", "dialects", "limits", "schema", "urls", "images", "dates", "secured",
            "consistency", "pitfalls", "learning", "profiles", "crossfile", "references", "drift", "assets",
            "site", "meta")


class Rule(Record):
    _fields = ("code", "name", "severity", "doc", "family", "check", "fix", "options", "supersedes", "dialects",
               "needs_site")
    __slots__ = ("code", "name", "severity", "_doc", "family", "check", "fix", "options", "supersedes", "dialects",
                 "needs_site")

    def __init__(self, code: str, name: str, severity: str, doc: str, family: str, check: Callable | None = None,
                 fix: str | None = None, options: dict[str, object] | None = None, supersedes: tuple = (),
                 dialects: tuple | None = None, needs_site: bool = False):
        self.code = code
        self.name = name
        self.severity = severity
        self._doc = doc  # as written (indented): see `doc`
        self.family = family
        self.check = check
        self.fix = fix                  # None, "safe" or "unsafe"
        self.options = {} if options is None else options
        # Schema keywords (e.g. "format") whose error on the same value this rule's finding replaces:
        # a precise "no timezone" beats a generic "must be a date-time".
        self.supersedes = supersedes
        # The front-matter dialects ("yaml", "toml", "json") whose records it checks; None: all.
        self.dialects = dialects
        # Whether it checks only records inside a Jekyll site (site/root.py): not run on others.
        self.needs_site = needs_site

    @property
    def doc(self) -> str:
        """The documentation, dedented. Only `lint rule(s)` and SARIF read it, so it is cleaned
        here (and `inspect` imported) when read, not for every rule at start-up."""
        import inspect
        return inspect.cleandoc(self._doc)

    @property
    def summary(self) -> str:
        doc = self.doc.strip()
        return doc.splitlines()[0] if doc else ""


REGISTRY: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}
_loaded = False


def rule(code: str, name: str, severity: str = "error", *, stage: bool = False,
         fix: str | None = None, options: dict | None = None, supersedes: tuple = (), dialects: tuple | None = None,
         needs_site: bool = False):
    def register(function):
        family = function.__module__.rsplit(".", 1)[-1]
        entry = Rule(code, name, severity, function.__doc__ or "", family,
                     None if stage else function, fix, dict(options or {}), tuple(supersedes),
                     None if dialects is None else tuple(dialects), needs_site)
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
