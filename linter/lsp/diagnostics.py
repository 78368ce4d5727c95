"""A linter Diagnostic as the protocol's: range in the agreed code units, severity, code, a link
to the rule's documentation, and whether a fix exists (`data.fix`: "safe" or "unsafe")."""
from __future__ import annotations

from lsprotocol import types

from linter.lsp import ruledocs
from linter.lsp.positions import Lines
from linter.model.diagnostics import Diagnostic

SOURCE = "frontmatter-lint"
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning,
            "info": types.DiagnosticSeverity.Information}


def to_protocol(diagnostic: Diagnostic, lines: Lines, docs_template: str | None = None) -> types.Diagnostic:
    href = ruledocs.href(diagnostic.code, docs_template)
    fix = diagnostic.fix
    return types.Diagnostic(
        range=lines.range_from_linter(diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column),
        message=diagnostic.message, severity=SEVERITY.get(diagnostic.severity, types.DiagnosticSeverity.Error),
        code=diagnostic.code, source=SOURCE,
        code_description=types.CodeDescription(href=href) if href else None,
        data={"fix": "safe" if fix.safe else "unsafe"} if fix is not None and fix.edits else None)


def failure(display: str, message: str) -> Diagnostic:
    """The one diagnostic a document gets when the server itself failed on it."""
    from linter.pipeline import INTERNAL_ERROR
    return Diagnostic(display, 1, 1, 1, 4, INTERNAL_ERROR, "error", message)
