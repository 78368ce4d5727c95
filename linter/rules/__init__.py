"""Rule registry. Each family module declares its rules with `@rule`; the decorated function's
docstring is the rule's documentation (what it does, why it matters, failing and passing
examples), printed by `lint rule CODE`. Rules whose findings come from a pipeline stage (front
matter, YAML, schema) are declared with `stage=True`: their function documents, it does not run.
"""
from __future__ import annotations

import importlib
import inspect
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

FAMILIES = ("frontmatter", "yaml", "limits", "schema", "urls", "images", "dates", "secured",
            "consistency", "pitfalls", "crossfile", "meta")


@dataclass
class Rule:
    code: str
    name: str
    severity: str
    doc: str
    family: str
    check: Optional[Callable] = None
    fix: Optional[str] = None           # None, "safe" or "unsafe"
    options: Dict[str, object] = field(default_factory=dict)
    # Schema keywords (e.g. "format") whose error on the same value this rule's finding replaces:
    # a precise "no timezone" beats a generic "must be a date-time".
    supersedes: tuple = ()

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0] if self.doc.strip() else ""


REGISTRY: Dict[str, Rule] = {}
_BY_NAME: Dict[str, Rule] = {}
_loaded = False


def rule(code: str, name: str, severity: str = "error", *, stage: bool = False,
         fix: Optional[str] = None, options: Optional[dict] = None, supersedes: tuple = ()):
    def register(function):
        family = function.__module__.rsplit(".", 1)[-1]
        entry = Rule(code, name, severity, inspect.cleandoc(function.__doc__ or ""), family,
                     None if stage else function, fix, dict(options or {}), tuple(supersedes))
        if code in REGISTRY or name in _BY_NAME:
            raise RuntimeError(f"rule {code} {name} declared twice")
        REGISTRY[code] = entry
        _BY_NAME[name] = entry
        return function
    return register


def load_all() -> Dict[str, Rule]:
    global _loaded
    if not _loaded:
        for family in FAMILIES:
            importlib.import_module(f"{__name__}.{family}")
        _loaded = True
    return REGISTRY


def get(code_or_name: str) -> Optional[Rule]:
    load_all()
    return REGISTRY.get(code_or_name.upper()) or _BY_NAME.get(code_or_name.lower())


def checks():
    """Content rules that run on records, in code order."""
    return [r for _, r in sorted(load_all().items()) if r.check is not None]
