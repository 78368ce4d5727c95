"""Stage 9: write diagnostics in the requested format. One function per format, in a table."""
from __future__ import annotations

import json
from collections import Counter
from typing import Callable, Dict, List

from .diagnostics import Diagnostic


def summary_line(diagnostics: List[Diagnostic], files: int) -> str:
    counts = Counter(d.severity for d in diagnostics)
    if not diagnostics:
        return f"{files} file{'s' if files != 1 else ''} checked: no problems found"
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]]
    with_findings = len({d.path for d in diagnostics})
    return f"{files} file{'s' if files != 1 else ''} checked: {', '.join(parts)} in {with_findings} file{'s' if with_findings != 1 else ''}"


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}


def format_text(diagnostics, files, colour=False, **_) -> str:
    lines = []
    for d in diagnostics:
        if colour:
            lines.append(f"\033[1m{d.path}:{d.line}:{d.column}:\033[0m {_COLOURS[d.severity]}{d.code}\033[0m {d.message}")
        else:
            lines.append(d.text())
    lines.append(summary_line(diagnostics, files))
    return "\n".join(lines) + "\n"


def format_json(diagnostics, files, **_) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def format_json_lines(diagnostics, files, **_) -> str:
    return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in diagnostics)


FORMATTERS: Dict[str, Callable] = {
    "text": format_text,
    "json": format_json,
    "json-lines": format_json_lines,
}


def statistics(diagnostics: List[Diagnostic]) -> List[dict]:
    from . import rules
    counts = Counter(d.code for d in diagnostics)
    out = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        rule = rules.get(code)
        out.append({"code": code, "name": rule.name if rule else "", "count": count})
    return out


def format_statistics(diagnostics: List[Diagnostic], as_json: bool) -> str:
    rows = statistics(diagnostics)
    if as_json:
        return json.dumps(rows, indent=2) + "\n"
    return "".join(f"{row['count']:>6}  {row['code']:<7} {row['name']}\n" for row in rows)
