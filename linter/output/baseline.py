"""Baselines: record today's findings, then report only new ones.

A finding is identified by its file (relative to the baseline file's folder), its rule and the
offending value (or, for findings about no value such as a missing key, its JSON pointer and
message with any line numbers blanked). Line numbers are never part of it, so edits above a
finding, or reformatting, do not make it new. Identical findings in one file are counted: with
two recorded, a third is new.

The file is JSON, sorted and indented so that it diffs well in review:

    {"tool": "frontmatter-lint", "format": 1,
     "findings": [{"path": "_news/a.md", "code": "SCH004", "value": "artcle", "count": 1}, ...]}
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from typing import NamedTuple

from linter.model.diagnostics import Diagnostic
from linter.support.words import counted

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Iterable

FORMAT = 1
_LINE_NUMBERS = re.compile(r"(?<=line )\d+|(?<=lines )\d+|(?<=:)\d+(?::\d+)?")

class Key(NamedTuple):
    """What identifies a finding in the baseline: its file, rule and value, or (for a finding
    about no value) `context`, its pointer + "\0" + message with line numbers blanked."""
    path: str
    code: str
    value: str
    context: str


class BaselineError(Exception):
    """The baseline file cannot be read or written (exit code 2)."""


def relative_path(display: str, base: str) -> str:
    """The file of a diagnostic relative to `base`, with forward slashes."""
    try:
        rel = os.path.relpath(os.path.abspath(display), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(display)
    return rel.replace(os.sep, "/")


def key_of(diagnostic: Diagnostic, base: str) -> Key:
    path = relative_path(diagnostic.path, base)
    if diagnostic.value:
        return Key(path, diagnostic.code, diagnostic.value, "")
    return Key(path, diagnostic.code, "", f"{diagnostic.pointer}\0{_LINE_NUMBERS.sub('N', diagnostic.message)}")


def fingerprint(diagnostic: Diagnostic, occurrence: int = 0, base: str = ".") -> str:
    """A stable identifier that survives line moves (GitLab, SARIF): the baseline key, hashed."""
    text = "\0".join(key_of(diagnostic, os.path.abspath(base))) + f"\0{occurrence}"
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def fingerprints(diagnostics: list[Diagnostic], base: str = ".") -> list[str]:
    """One fingerprint per diagnostic, unique in the list (repeats get an occurrence number)."""
    seen: Counter = Counter()
    out = []
    for diagnostic in diagnostics:
        key = key_of(diagnostic, os.path.abspath(base))
        out.append(fingerprint(diagnostic, seen[key], base))
        seen[key] += 1
    return out


def _entry_key(entry: dict) -> Key:
    value = entry.get("value", "")
    if value:
        return Key(entry["path"], entry["code"], value, "")
    return Key(entry["path"], entry["code"], "", f"{entry.get('pointer', '')}\0{entry.get('message', '')}")


def load(path: str) -> Counter:
    """The recorded findings as a Counter of keys."""
    from linter.support.namedfiles import NamedFileError, read_named
    try:
        data = json.loads(read_named(path, "baseline"))
    except NamedFileError as exc:
        raise BaselineError(str(exc)) from None
    except (ValueError, RecursionError) as exc:
        raise BaselineError(f"baseline {path} is not valid JSON: {exc}") from None
    entries = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise BaselineError(f"baseline {path} has no `findings` list; was it written by frontmatter-lint?")
    counts: Counter = Counter()
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("path"), str) or not isinstance(entry.get("code"), str):
            raise BaselineError(f"baseline {path}: each finding needs `path` and `code`")
        if not all(isinstance(entry.get(key, ""), str) for key in ("value", "pointer", "message")):
            raise BaselineError(f"baseline {path}: `value`, `pointer` and `message` must be strings")
        count = entry.get("count", 1)
        counts[_entry_key(entry)] += count if isinstance(count, int) and count > 0 else 1
    return counts


def _entries(counts: Counter) -> list[dict]:
    entries = []
    for (path, code, value, rest), count in sorted(counts.items()):
        entry: dict[str, object] = {"path": path, "code": code}
        if value:
            entry["value"] = value
        else:
            pointer, _, message = rest.partition("\0")
            entry["pointer"] = pointer
            entry["message"] = message
        entry["count"] = count
        entries.append(entry)
    return entries


def write(path: str, counts: Counter):
    data = {"tool": "frontmatter-lint", "format": FORMAT, "findings": _entries(counts)}
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
        temporary = f"{path}.tmp{os.getpid()}"
        with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        raise BaselineError(f"cannot write baseline {path}: {exc.strerror}") from None


def count(diagnostics: Iterable[Diagnostic], base: str) -> Counter:
    return Counter(key_of(d, base) for d in diagnostics)


def new_findings(diagnostics: list[Diagnostic], recorded: Counter, base: str) -> tuple[list[Diagnostic], int]:
    """The diagnostics beyond what the baseline records, and how many matched it.

    When a file has more findings of one key than recorded, the last ones (in file order) are
    reported as new."""
    remaining = Counter(recorded)
    by_key: dict[Key, list[Diagnostic]] = {}
    for diagnostic in diagnostics:
        by_key.setdefault(key_of(diagnostic, base), []).append(diagnostic)
    new, matched = [], 0
    for key, group in by_key.items():
        allowed = min(remaining[key], len(group))
        matched += allowed
        new.extend(group[allowed:])
    new.sort(key=lambda d: d.sort_key)
    return new, matched


def updated(recorded: Counter, diagnostics: list[Diagnostic], linted: Iterable[str], base: str) -> Counter:
    """The baseline after this run: entries of the files linted now are replaced by what was
    found; entries of files not linted this run are kept unless the file no longer exists."""
    linted_rel = {relative_path(display, base) for display in linted}
    linted_rel |= {relative_path(d.path, base) for d in diagnostics}
    kept = Counter({key: n for key, n in recorded.items()
                    if key.path not in linted_rel and os.path.exists(os.path.join(base, key.path))})
    kept.update(count(diagnostics, base))
    return kept


def stale(recorded: Counter, diagnostics: list[Diagnostic], linted: Iterable[str], base: str) -> int:
    """How many recorded findings of the files linted now no longer occur (fixed since)."""
    linted_rel = {relative_path(display, base) for display in linted}
    now = count(diagnostics, base)
    return sum(max(0, n - now[key]) for key, n in recorded.items() if key.path in linted_rel)


def apply(baseline_path: str, update: bool, diagnostics: list[Diagnostic], linted: list[str],
          log) -> list[Diagnostic]:
    """Filter `diagnostics` through the baseline at `baseline_path`, writing it when asked or
    when it does not exist yet. Returns the diagnostics to report; `log(text)` says what happened."""
    base = os.path.dirname(os.path.abspath(baseline_path))
    exists = os.path.exists(baseline_path)
    recorded = load(baseline_path) if exists else Counter()
    if update or not exists:
        new_counts = updated(recorded, diagnostics, linted, base)
        write(baseline_path, new_counts)
        total = sum(new_counts.values())
        files = len({key.path for key in new_counts})
        verb = "updated" if exists else "wrote"
        log(f"lint: {verb} baseline {baseline_path}: {counted(total, 'finding')} "
            f"in {counted(files, 'file')}; later runs with --baseline report only new ones\n")
        return []
    new, matched = new_findings(diagnostics, recorded, base)
    gone = stale(recorded, diagnostics, linted, base)
    if matched:
        log(f"lint: {counted(matched, 'finding')} recorded in the baseline not shown\n")
    if gone:
        log(f"lint: {counted(gone, 'baseline finding')} no longer occur{'s' if gone == 1 else ''}; "
            f"--update-baseline drops {'them' if gone != 1 else 'it'}\n")
    return new
