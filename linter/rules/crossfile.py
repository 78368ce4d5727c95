"""XF: checks across files, in one pass over the tree.

Each file contributes small index entries (a normalised URL and where it stands), never the
record, so memory grows with the number of records, not their size. Findings are made when
every file has been read, and each is reported at its own location naming the other file.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import List, NamedTuple

from ..diagnostics import Diagnostic
from . import rule

URL_KEYS = ("webUrl", "originalUrl")


class Entry(NamedTuple):
    """A key and where it stands; positions are looked up only for entries that are reported."""

    kind: str
    key: str           # normalised value compared across files
    display: str
    path: str
    pointer: str


@rule("XF001", "duplicate-url-across-files", "warning", stage=True)
def duplicate_url_across_files():
    """Two records have the same `webUrl` or `originalUrl`.

    **What it does.** Compares the article URLs of every record in the run (scheme and host
    case, a trailing slash and a `#fragment` are ignored) and reports each record at its own URL,
    naming the other file. With `--diff`, changed files are compared with the whole tree.
    Files with the same file name are versions of one record (snapshots, history exports,
    backups) and are not compared with each other.

    **Why it matters.** The same article imported twice shows twice on the site and splits its
    comments and statistics; it usually means the pipeline re-ingested an article under a new
    file name.

    **Fails**
    ```
    # _news/2021-03-04-a.md
    webUrl: "https://example.com/story/"
    # _news/2021-03-05-b.md
    webUrl: "https://example.com/story"
    ```
    **Passes**: each article URL in one record only.
    """


RULES = [duplicate_url_across_files]
CODES = ("XF001",)


def normalise_url(url: str) -> str:
    url = url.strip().split("#", 1)[0]
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}/{path}".rstrip("/")


def collect(ctx) -> List[Entry]:
    if not ctx.settings.enabled("XF001", ctx.path):
        return []
    entries, seen = [], set()
    for key in URL_KEYS:
        value = ctx.record.get(key)
        if isinstance(value, str) and value.strip():
            normalised = normalise_url(value)
            if normalised in seen:  # webUrl == originalUrl within one record is fine
                continue
            seen.add(normalised)
            entries.append(Entry("XF001", normalised, ctx.display, ctx.path, f"/{key}"))
    return entries


def finish(entries, settings_for, locate) -> List[Diagnostic]:
    """Diagnostics for every group of entries sharing a key; `locate(entry)` gives its
    (line, column, end_line, end_column)."""
    groups = defaultdict(list)
    for entry in entries:
        groups[(entry.kind, entry.key)].append(entry)
    diagnostics = []
    for (kind, _), group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda e: (e.display, e.pointer))
        names = [_file_name(e.display) for e in group]
        per_name = Counter(names)
        if len(per_name) < 2:
            continue  # versions of one record only
        for entry, name in zip(group, names):
            other = next(e for e, n in zip(group, names) if n != name)
            others = len(group) - per_name[name]
            more = f" and {others - 1} more" if others > 1 else ""
            settings = settings_for(entry.path)
            if not settings.enabled(kind, entry.path):
                continue
            severity = settings.severity_of(kind, "warning")
            line, column, end_line, end_column = locate(entry)
            diagnostics.append(Diagnostic(entry.display, line, column, end_line, end_column, kind, severity,
                                          f"same URL as {other.display}:{locate(other)[0]}{more}",
                                          entry.pointer, value=entry.key))
    return diagnostics


def _file_name(display: str) -> str:
    return display.rsplit("/", 1)[-1]
