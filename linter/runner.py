"""Runs the pipeline over many files: discovery, per-file linting, cross-file checks, ordering."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List

from .diagnostics import Diagnostic
from .discover import Found, Missing, discover
from .lint import lint_file


@dataclass
class Outcome:
    diagnostics: List[Diagnostic] = field(default_factory=list)
    files: int = 0
    checked: int = 0
    internal_error: bool = False


def run(paths, resolver, cross_file: bool = True) -> Outcome:
    outcome = Outcome()
    index, suppressions = [], {}
    for item in discover(paths, resolver.for_path):
        if isinstance(item, Missing):
            outcome.diagnostics.append(Diagnostic(item.display, 1, 1, 1, 1, "FM007", "error", f"cannot read: {item.reason}"))
            continue
        settings = resolver.for_path(item.path)
        result = lint_file(item.path, item.display, settings, item.explicit)
        outcome.files += 1
        outcome.checked += result.checked
        outcome.internal_error |= result.internal_error
        outcome.diagnostics.extend(result.diagnostics)
        if cross_file and result.index:
            index.extend(result.index)
            if result.suppressions:
                suppressions[result.display] = result.suppressions
    if index:
        outcome.diagnostics.extend(_cross_file(index, suppressions, resolver))
    outcome.diagnostics.sort(key=lambda d: d.sort_key)
    return outcome


def _cross_file(index, suppressions, resolver):
    from . import suppress
    from .rules import crossfile
    found = crossfile.finish(index, resolver.for_path)
    by_file = {}
    for diagnostic in found:
        by_file.setdefault(diagnostic.path, []).append(diagnostic)
    kept = []
    for display, diagnostics in by_file.items():
        kept.extend(suppress.apply(diagnostics, suppressions.get(display, [])))
    return kept
