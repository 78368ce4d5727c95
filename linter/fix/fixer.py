"""Applying fixes: `--fix` (write), `--diff` (show), `--unsafe-fixes` (include the unsafe ones).

A fix is a few character edits on the decoded file (see edits.py). For each file:
1. take the fixes of its findings (safe ones, plus unsafe ones when asked), dropping any that
   overlap an earlier one (it is retried on the next pass);
2. apply them and re-parse: the result must parse as before, and every value outside the fixes'
   scopes must be unchanged; a fix that breaks this is dropped (the others are tried alone);
3. lint the new text and repeat until nothing more is fixable (at most MAX_PASSES), so a second
   `--fix` finds nothing to do;
4. write atomically: a temporary file beside the original, the original's mode, then rename;
   the BOM and every byte outside the edits are kept. A file that changed since it was read is
   left alone.
"""
from __future__ import annotations

import difflib
import os
import tempfile

from linter.model.diagnostics import Diagnostic, Fix
from linter.model.pointers import escape
from linter.stages.read import UTF8_BOM, Source
from linter.model.records import Record
from linter.model.values import is_exactly
from linter.support.words import counted

MAX_PASSES = 5
# Findings that mean the text no longer reads as front matter: a fix must never cause one.
_STRUCTURAL = ("FM", "YML", "TOM001", "TOM002", "JSN", "LIM")


class FixOutcome(Record):
    """What fixing one file did: the new text (None when unchanged) and the fixes applied."""

    __slots__ = _fields = ("text", "applied", "remaining", "refused")

    def __init__(self, text: str | None = None, applied: list[Fix] | None = None,
                 remaining: list[Diagnostic] | None = None, refused: int = 0):
        self.text = text
        self.applied = [] if applied is None else applied
        self.remaining = [] if remaining is None else remaining
        self.refused = refused


def wanted(diagnostic: Diagnostic, unsafe: bool) -> bool:
    return diagnostic.fix is not None and (diagnostic.fix.safe or unsafe) and bool(diagnostic.fix.edits)


def fix_text(result, settings, unsafe: bool) -> FixOutcome:
    """Fix the file behind a FileResult (which holds its Source) as far as it can be fixed."""
    from linter.pipeline import lint_loaded

    source: Source = result.source
    outcome = FixOutcome(remaining=list(result.diagnostics))
    if source is None or not any(wanted(d, unsafe) for d in result.diagnostics):
        return outcome
    text, diagnostics = source.text, result.diagnostics
    before = _record(text, settings, result.path)
    if before is None:
        return outcome
    for _ in range(MAX_PASSES):
        candidates = [d for d in diagnostics if wanted(d, unsafe)]
        if not candidates:
            break
        new_text, applied, refused = _apply_verified(text, candidates, before, settings, result.path)
        outcome.refused += refused
        if not applied:
            break
        relinted = lint_loaded(result.path, result.display, settings, Source(source.path, new_text, source.bom))
        if _breaks_structure(diagnostics, relinted.diagnostics):
            outcome.refused += len(applied)
            break
        text, diagnostics, before = new_text, relinted.diagnostics, _record(new_text, settings, result.path)
        outcome.applied.extend(applied)
    if text != source.text:
        outcome.text = text
        outcome.remaining = diagnostics
    return outcome


def _apply_verified(text: str, candidates: list[Diagnostic], before, settings, path: str) -> tuple[str, list[Fix], int]:
    """Apply every non-overlapping fix at once if the result verifies, else each one alone."""
    chosen, taken = [], []
    for diagnostic in sorted(candidates, key=lambda d: min(e.start for e in d.fix.edits)):
        spans = [(e.start, e.end) for e in diagnostic.fix.edits]
        if any(_overlap(a, b) for a in spans for b in taken) or diagnostic.fix in [c.fix for c in chosen]:
            continue
        chosen.append(diagnostic)
        taken.extend(spans)
    new_text = _apply(text, [d.fix for d in chosen])
    if _verifies(new_text, before, chosen, settings, path):
        return new_text, [d.fix for d in chosen], 0
    applied, refused = [], 0
    for diagnostic in chosen:  # one bad fix must not cost the good ones
        candidate = _apply(text, [diagnostic.fix])
        if _verifies(candidate, before, [diagnostic], settings, path):
            return candidate, [diagnostic.fix], refused  # the rest on the next pass
        refused += 1
    return text, applied, refused


def verifies_alone(text: str, diagnostic: Diagnostic, settings, path: str) -> bool:
    """Whether the diagnostic's fix, applied alone to `text`, passes the check `--fix` makes
    before it keeps a fix (the language server offers only such fixes as quick fixes)."""
    before = _record(text, settings, path)
    return before is not None and _verifies(_apply(text, [diagnostic.fix]), before, [diagnostic], settings, path)


def _overlap(a, b) -> bool:
    """Whether two (start, end) character ranges share a character, or are the same insertion point."""
    (a_start, a_end), (b_start, b_end) = a, b
    return a_start < b_end and b_start < a_end or a == b


def _apply(text: str, fixes: list[Fix]) -> str:
    edits = sorted((e for f in fixes for e in f.edits), key=lambda e: e.start, reverse=True)
    for edit in edits:
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def _record(text: str, settings, path: str):
    """The record the text of the file at `path` parses to (reference parser), or None if it
    does not parse cleanly."""
    from linter.stages.dialects import DIALECTS, parse_block
    from linter.stages.frontmatter import Block, split_file

    block = split_file(text, path)
    if not isinstance(block, Block):
        return None
    parsed = parse_block(block, settings.limits)
    unreadable = DIALECTS[block.dialect].unreadable
    if any(p.code in unreadable for p in parsed.problems):
        return None
    return parsed.record


def _verifies(new_text: str, before, chosen: list[Diagnostic], settings, path: str) -> bool:
    after = _record(new_text, settings, path)
    if after is None:
        return False
    scopes = [d.fix.scope if d.fix.scope is not None else d.pointer for d in chosen]
    return all(any(_within(changed, scope) for scope in scopes) for changed in _differences(before, after, ""))


def _within(pointer: str, scope: str) -> bool:
    return pointer == scope or pointer.startswith(scope + "/")


def _differences(a, b, pointer: str):
    """Pointers where two records differ (types matter: `true` is not `"true"`)."""
    if isinstance(a, dict) and isinstance(b, dict):
        if list(a) != list(b):
            yield pointer
            return
        for key in a:
            yield from _differences(a[key], b[key], f"{pointer}/{escape(key)}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            yield pointer
            return
        for index, (x, y) in enumerate(zip(a, b)):
            yield from _differences(x, y, f"{pointer}/{index}")
    elif not is_exactly(a, type(b)) or a != b:
        yield pointer


def _breaks_structure(old: list[Diagnostic], new: list[Diagnostic]) -> bool:
    had = {d.code for d in old if d.code.startswith(_STRUCTURAL)}
    return any(d.code.startswith(_STRUCTURAL) and d.code not in had for d in new)


def unified_diff(display: str, old: str, new: str) -> str:
    """A git-style diff (paths relative to the current folder), which `git apply` accepts."""
    from linter.output.report import relative_to

    name = relative_to(display)
    return "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        fromfile=f"a/{name}", tofile=f"b/{name}"))


def write_atomically(path: str, source: Source, new_text: str, expected_digest: bytes | None) -> str | None:
    """Replace the file's content; returns a reason when it was not written."""
    from linter.run.digest import content_digest

    target = os.path.realpath(path)  # write through a symlink, keep the link
    try:
        with open(target, "rb") as handle:
            current = handle.read()
        if expected_digest is not None and content_digest(current) != expected_digest:
            return "the file changed while it was being linted"
        mode = os.stat(target).st_mode & 0o7777
        data = (UTF8_BOM if source.bom else b"") + new_text.encode("utf-8", "surrogateescape")
        fd, temp = tempfile.mkstemp(dir=os.path.dirname(target) or ".", prefix=".", suffix=".fmlint-tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(temp, mode)
            os.replace(temp, target)
        except BaseException:
            try:
                os.unlink(temp)
            except OSError:
                pass
            raise
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    return None


class FixSession:
    """The runner's `on_result` hook for `--fix` and `--diff`: fixes each file as it is linted.

    With `write`, fixed files are replaced and their findings become those that remain; standard
    input is never written back: its fixed text is kept in `stdin_text` for the caller to print.
    Without `write`, the unified diffs are collected in `diffs`.
    """

    def __init__(self, resolver, write: bool, unsafe: bool):
        self.resolver, self.write, self.unsafe = resolver, write, unsafe
        self.fixes = 0
        self.files = 0
        self.refused = 0
        self.diffs: list[str] = []
        self.problems: list[str] = []
        self.stdin_text: str | None = None

    def __call__(self, result):
        if result.source is None:
            return
        is_stdin = result.from_stdin
        outcome = fix_text(result, self.resolver.for_path(result.path), self.unsafe)
        self.refused += outcome.refused
        if is_stdin:
            self.stdin_text = outcome.text if outcome.text is not None else result.source.text
        if outcome.text is None:
            return
        if not self.write:
            self.diffs.append(unified_diff(result.display, result.source.text, outcome.text))
        elif not is_stdin:
            reason = write_atomically(result.path, result.source, outcome.text, result.digest)
            if reason:
                self.problems.append(f"{result.display}: not fixed: {reason}")
                return
        self.fixes += len(outcome.applied)
        self.files += 1
        if self.write:
            result.diagnostics = outcome.remaining

    def summary(self) -> str:
        verb = "Fixed" if self.write else "Would fix"
        text = f"{verb} {counted(self.fixes, 'finding')} in {counted(self.files, 'file')}"
        if self.refused:
            text += f"; {counted(self.refused, 'fix', 'fixes')} refused (the result would not " \
                    "re-parse to the same record)"
        return text + "."
