"""Code actions: each finding's fix as a quick fix, and "fix all safe problems in this file".

A quick fix is the finding's own `Fix` (the minimal edits `--fix` applies), offered only when
it passes the check `--fix` makes before keeping a fix (`fixer.verifies_alone`). "Fix all" runs
the fixer as `lint --fix` does (every safe fix, repeated until nothing more is fixable) and
sends the changed lines as edits, so its result is the text `lint --fix` would write.
"""
from __future__ import annotations

import difflib

from lsprotocol import types

from linter.lsp.positions import Lines

SOURCE = "frontmatter-lint"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"


def _wanted(kind: str, only) -> bool:
    return not only or any(kind == o or kind.startswith(f"{o}.") for o in only)


def code_actions(uri: str, version, linted, lines: Lines, selection: types.Range, only) -> list:
    """The actions for the diagnostics that touch `selection` (0-based protocol range)."""
    from linter.fix.fixer import verifies_alone

    actions = []
    result, settings = linted.result, linted.settings
    if result is None or result.source is None or settings is None:
        return actions
    text = result.source.text
    first, last = lines.to_linter(selection.start), lines.to_linter(selection.end)
    if _wanted(types.CodeActionKind.QuickFix, only):
        for diagnostic in result.diagnostics:
            fix = diagnostic.fix
            if fix is None or not fix.edits:
                continue
            if (diagnostic.end_line, diagnostic.end_column) < first or (diagnostic.line, diagnostic.column) > last:
                continue
            if not verifies_alone(text, diagnostic, settings, result.path):
                continue
            edits = [types.TextEdit(range=types.Range(start=lines.from_offset(e.start), end=lines.from_offset(e.end)),
                                    new_text=e.replacement) for e in fix.edits]
            safety = "" if fix.safe else " (unsafe fix: check the result)"
            actions.append(types.CodeAction(
                title=f"{diagnostic.code}: {fix.description}{safety}", kind=types.CodeActionKind.QuickFix,
                diagnostics=[_protocol_diagnostic(diagnostic, lines)], is_preferred=fix.safe,
                edit=_workspace_edit(uri, version, edits),
                data={"safe": fix.safe, "code": diagnostic.code}))
    fixable = any(d.fix is not None and d.fix.safe and d.fix.edits for d in result.diagnostics)
    if fixable and (_wanted(FIX_ALL_KIND, only) or _wanted(types.CodeActionKind.QuickFix, only)):
        edits = fix_all_edits(linted, lines)
        if edits:
            kind = FIX_ALL_KIND if _wanted(FIX_ALL_KIND, only) else types.CodeActionKind.QuickFix
            actions.append(types.CodeAction(title="Fix all safe problems in this file (frontmatter-lint)",
                                            kind=kind, edit=_workspace_edit(uri, version, edits)))
    return actions


def _protocol_diagnostic(diagnostic, lines: Lines) -> types.Diagnostic:
    from linter.lsp.diagnostics import to_protocol
    return to_protocol(diagnostic, lines)


def _workspace_edit(uri: str, version, edits: list) -> types.WorkspaceEdit:
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def fix_all_edits(linted, lines: Lines) -> list:
    """The edits that turn the document into what `lint --fix` writes (safe fixes only)."""
    from linter.fix.fixer import fix_text

    outcome = fix_text(linted.result, linted.settings, unsafe=False)
    if outcome.text is None:
        return []
    return text_edits(linted.result.source.text, outcome.text, lines)


def text_edits(old: str, new: str, lines: Lines) -> list:
    """Edits from `old` to `new`: the changed lines, each trimmed of what it shares at both ends."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    starts = [0]
    for line in old_lines:
        starts.append(starts[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        start, end = starts[i1], starts[i2]
        replacement = "".join(new_lines[j1:j2])
        before = old[start:end]
        head = 0
        while head < min(len(before), len(replacement)) and before[head] == replacement[head]:
            head += 1
        tail = 0
        while (tail < min(len(before), len(replacement)) - head
               and before[len(before) - 1 - tail] == replacement[len(replacement) - 1 - tail]):
            tail += 1
        edits.append(types.TextEdit(range=types.Range(start=lines.from_offset(start + head),
                                                      end=lines.from_offset(end - tail)),
                                    new_text=replacement[head:len(replacement) - tail]))
    return edits
