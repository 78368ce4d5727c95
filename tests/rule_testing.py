"""Helpers shared by the rule families' tests: lint a text on both paths, edit the test record,
apply a fix and check it is a minimal edit."""

from conftest import ARTICLE
from linter.stages import fastpath
from linter.config import Settings
from linter.pipeline import lint_bytes

NEWS_SETTINGS = Settings(root="/r")


def both_paths(text: str, name: str, settings: Settings = NEWS_SETTINGS, path: str = ""):
    """Diagnostics of `text` linted as `name`, asserting that the fast and the reference path agree."""
    path = path or settings.root.rstrip("/") + "/" + name
    reference = lint_bytes(text.encode(), path, name, settings.replace(fast=False)).diagnostics
    if fastpath.available():
        fast = lint_bytes(text.encode(), path, name, settings.replace(fast=True)).diagnostics
        assert [d.to_dict() for d in fast] == [d.to_dict() for d in reference]
    return reference


def edited(*replacements, text: str = ARTICLE) -> str:
    """`text` with each (old, new) replaced once; each `old` must be there."""
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def apply_fix(text: str, diagnostic) -> str:
    """Apply a finding's fix and check that no byte outside its edits changed."""
    fix = diagnostic.fix
    assert fix is not None and fix.edits
    new = text
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        new = new[:edit.start] + edit.replacement + new[edit.end:]
    first, last = min(e.start for e in fix.edits), max(e.end for e in fix.edits)
    assert new[:first] == text[:first]
    assert new[len(new) - (len(text) - last):] == text[last:]
    return new
