"""Stage 9: write diagnostics in the requested format. One function per format, in a table.

Every formatter takes the diagnostics (sorted), the number of files checked and keyword
arguments: `colour` (text), `paths` (the files checked, for formats that list clean files too)
and `root` (the folder paths are made relative to, for formats read by CI services).
"""
from __future__ import annotations

import json
import os
from collections import Counter

from linter.model.diagnostics import Diagnostic
from linter.support.words import counted

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Callable

TOOL_NAME = "frontmatter-lint"


def summary_line(diagnostics: list[Diagnostic], files: int, checked: int | None = None) -> str:
    """`N files checked: ...`; `(M against a schema)` follows N when not every file had one."""
    counts = Counter(d.severity for d in diagnostics)
    head = f"{counted(files, 'file')} checked"
    if checked is not None and checked != files:
        head += f" ({checked} against a schema)"
    if not diagnostics:
        return f"{head}: no problems found"
    parts = [counted(counts[s], s) for s in ("error", "warning", "info") if counts[s]]
    with_findings = len({d.path for d in diagnostics})
    return f"{head}: {', '.join(parts)} in {counted(with_findings, 'file')}"


_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}


def format_text(diagnostics, files, colour=False, checked=None, **_) -> str:
    lines = []
    for d in diagnostics:
        if colour:
            lines.append(f"\033[1m{d.path}:{d.line}:{d.column}:\033[0m {_COLOURS[d.severity]}{d.code}\033[0m {d.message}")
        else:
            lines.append(d.text())
    lines.append(summary_line(diagnostics, files, checked))
    return "\n".join(lines) + "\n"


def format_json(diagnostics, files, **_) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def format_json_lines(diagnostics, files, **_) -> str:
    return "".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in diagnostics)





def statistics(diagnostics: list[Diagnostic]) -> list[dict]:
    from linter import rules
    counts = Counter(d.code for d in diagnostics)
    out = []
    for code in sorted(counts, key=lambda code: (-counts[code], code)):  # most frequent first
        rule = rules.get(code)
        out.append({"code": code, "name": rule.name if rule else "", "count": counts[code]})
    return out


def format_statistics(diagnostics: list[Diagnostic], as_json: bool) -> str:
    rows = statistics(diagnostics)
    if as_json:
        return json.dumps(rows, indent=2) + "\n"
    return "".join(f"{row['count']:>6}  {row['code']:<7} {row['name']}\n" for row in rows)


# --- Formats read by CI services -------------------------------------------------------------

LEVELS = {"error": "error", "warning": "warning", "info": "note"}            # SARIF
GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}   # workflow commands
GITLAB_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}   # Code Quality
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_ROOT = "%SRCROOT%"


def relative_to(display: str, root: str | None = None) -> str:
    """A diagnostic's file relative to `root` (default: the current folder), forward slashes;
    unchanged when it lies outside `root`."""
    root = os.path.abspath(root or os.getcwd())
    absolute = os.path.abspath(display)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive on Windows
        return absolute.replace(os.sep, "/")
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return display.replace(os.sep, "/") if not os.path.isabs(display) else absolute.replace(os.sep, "/")
    return rel.replace(os.sep, "/")


def _rule(code: str):
    from linter import rules
    return rules.get(code)


# GitHub Actions workflow commands: `::error file=F,line=L,...::message`, escaped as the
# Actions toolkit does (data: % CR LF; properties: also : and ,).
def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diagnostics, files, root: str | None = None, checked=None, **_) -> str:
    root = root or os.environ.get("GITHUB_WORKSPACE") or None
    lines = []
    for d in diagnostics:
        rule = _rule(d.code)
        title = f"{d.code} {rule.name}" if rule else d.code
        properties = (f"file={_gh_property(relative_to(d.path, root))},line={d.line},endLine={d.end_line},"
                      f"col={d.column},endColumn={d.end_column},title={_gh_property(title)}")
        lines.append(f"::{GITHUB_LEVELS[d.severity]} {properties}::{_gh_data(d.message)}")
    lines.append(summary_line(diagnostics, files, checked))
    return "\n".join(lines) + "\n"


# SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.
def _sarif_rule(rule, code: str) -> dict:
    if rule is None:
        return {"id": code, "shortDescription": {"text": code}}
    doc = rule.doc.strip()
    paragraphs = [p.strip() for p in doc.split("\n\n") if p.strip()]
    full = " ".join(paragraphs[1].split()) if len(paragraphs) > 1 else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": full or rule.name},
        "help": {"text": doc or rule.name, "markdown": doc or rule.name},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": ["front-matter", rule.family], "fix": rule.fix or "none"},
    }


def _tool_driver(descriptors: list) -> dict:
    from linter import __version__
    driver = {"name": TOOL_NAME, "version": __version__, "semanticVersion": __version__,
              "rules": descriptors}
    uri = _information_uri()
    if uri:
        driver["informationUri"] = uri
    return driver


def _information_uri() -> str | None:
    """The project's home page from the installed package metadata, when it declares one."""
    try:
        from importlib.metadata import metadata
        meta = metadata(TOOL_NAME)
    except Exception:  # noqa: BLE001 - not installed (a source checkout): no URL
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "repository", "source"):
            return url.strip()
    return meta.get("Home-page") or None


def _file_uri(path: str) -> str:
    from pathlib import Path
    return Path(path).resolve().as_uri()


def format_sarif(diagnostics, files, root: str | None = None, **_) -> str:
    from urllib.parse import quote

    from linter import rules
    from linter.output.baseline import fingerprints

    root = os.path.abspath(root or os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    known = rules.load_all()
    descriptors, index = [], {}
    for code in sorted(set(known) | {d.code for d in diagnostics}):
        index[code] = len(descriptors)
        descriptors.append(_sarif_rule(known.get(code), code))
    results = []
    for d, fingerprint in zip(diagnostics, fingerprints(diagnostics, root)):
        rel = relative_to(d.path, root)
        if os.path.isabs(rel):
            artifact = {"uri": _file_uri(rel)}
        else:
            artifact = {"uri": quote(rel, safe="/"), "uriBaseId": SARIF_ROOT}
        end_line = max(d.end_line, d.line)
        end_column = max(d.end_column, d.column) if end_line == d.line else max(d.end_column, 1)
        results.append({
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVELS[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact,
                "region": {"startLine": d.line, "startColumn": d.column,
                           "endLine": end_line, "endColumn": end_column}}}],
            "partialFingerprints": {"frontmatterLint/v1": fingerprint},
            **({"properties": {"pointer": d.pointer}} if d.pointer else {}),
        })
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": _tool_driver(descriptors)},
            "originalUriBaseIds": {SARIF_ROOT: {"uri": _file_uri(root).rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# JUnit XML: one test suite; each finding is a failed test case named after its rule and
# position (classname and file: the file), and each file without findings one passing case.
_XML_INVALID = {c: f"\\x{c:02x}" for c in [*range(0, 9), 11, 12, *range(14, 32)]}


def _xml_text(text: str) -> str:
    text = text.translate(_XML_INVALID)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _junit_order(case) -> tuple:
    """By file, the files without findings first."""
    path, diagnostic = case
    return path, diagnostic.sort_key if diagnostic else ()


def format_junit(diagnostics, files, paths=None, **_) -> str:
    import xml.etree.ElementTree as ET

    with_findings = {d.path for d in diagnostics}
    clean = sorted(set(paths or ()) - with_findings)
    tests = len(diagnostics) + len(clean)
    failures = len(diagnostics)
    counts = {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": "0"}
    suites = ET.Element("testsuites", name=TOOL_NAME, **counts)
    suite = ET.SubElement(suites, "testsuite", name=TOOL_NAME, **counts)
    cases = [(d.path, d) for d in diagnostics] + [(path, None) for path in clean]
    for path, d in sorted(cases, key=_junit_order):
        name = f"{d.code} at line {d.line}, column {d.column}" if d else "front matter"
        case = ET.SubElement(suite, "testcase", classname=_xml_text(path), name=name, file=_xml_text(path))
        if d is not None:
            failure = ET.SubElement(case, "failure", type=d.severity, message=_xml_text(f"{d.code} {d.message}"))
            failure.text = _xml_text(f"{d.text()} [{d.severity}]" + (f"\npointer: {d.pointer}" if d.pointer else ""))
    if hasattr(ET, "indent"):  # Python 3.9+
        ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


# GitLab Code Quality (a subset of the Code Climate spec): a JSON array of issues.
def format_gitlab(diagnostics, files, root: str | None = None, **_) -> str:
    from linter.output.baseline import fingerprints

    root = os.path.abspath(root or os.environ.get("CI_PROJECT_DIR") or os.getcwd())
    issues = []
    for d, fingerprint in zip(diagnostics, fingerprints(diagnostics, root)):
        issues.append({
            "type": "issue",
            "check_name": d.code,
            "description": f"{d.code} {d.message}",
            "fingerprint": fingerprint,
            "severity": GITLAB_SEVERITIES[d.severity],
            "location": {"path": relative_to(d.path, root), "lines": {"begin": d.line, "end": max(d.end_line, d.line)}},
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


FORMATTERS: dict[str, Callable] = {
    "text": format_text,
    "json": format_json,
    "json-lines": format_json_lines,
    "github": format_github,
    "sarif": format_sarif,
    "junit": format_junit,
    "gitlab": format_gitlab,
}


# --- Writing the report: format choice, destination, colour, statistics --------------------

MACHINE_FORMATS = ("json", "json-lines", "sarif", "junit", "gitlab")


def choose_format(requested: str | None, output_file: str | None, environ=None) -> str:
    """`--format`, else `github` inside GitHub Actions when writing to the log, else `text`."""
    environ = os.environ if environ is None else environ
    if requested:
        return requested
    if environ.get("GITHUB_ACTIONS") == "true" and not output_file:
        return "github"
    return "text"


def use_colour(stream, environ=None, disabled: bool = False) -> bool:
    """Colour only on a terminal, never with --no-color or a non-empty NO_COLOR (no-color.org)."""
    environ = os.environ if environ is None else environ
    if disabled or environ.get("NO_COLOR") or environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def write_report(outcome, *, fmt: str | None = None, output_file: str | None = None,
                 quiet: bool = False, no_color: bool = False, show_statistics: bool = False,
                 stdout=None, stderr=None) -> str | None:
    """Write the report; returns an error message when the output file cannot be written.

    `--statistics`: with text and github output the per-rule counts follow the findings; with
    json and json-lines on standard output they replace them (as JSON), so the output stays one
    document; with the other formats on standard output they go to standard error; with
    `--output-file` the report goes to the file and the counts to standard output."""
    import sys
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    fmt = choose_format(fmt, output_file)
    diagnostics, files = outcome.diagnostics, outcome.files
    colour = fmt == "text" and not output_file and use_colour(stdout, disabled=no_color)
    statistics_replace = show_statistics and not output_file and fmt in ("json", "json-lines")
    text = "" if statistics_replace else FORMATTERS[fmt](diagnostics, files, colour=colour,
                                                         paths=getattr(outcome, "paths", None),
                                                         checked=getattr(outcome, "checked", None))
    if quiet and fmt in ("text", "github") and text:
        text = "".join(line + "\n" for line in text.splitlines()[:-1])
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        except OSError as exc:
            return f"cannot write {output_file}: {exc.strerror or exc}"
    else:
        stdout.write(text)
    if show_statistics:
        as_json = fmt in ("json", "json-lines")
        target = stdout if output_file or fmt in ("text", "github") or statistics_replace else stderr
        target.write(format_statistics(diagnostics, as_json=as_json))
    return None
