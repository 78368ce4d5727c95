"""XF: checks across files, in one pass over the tree.

Each file contributes small index entries (an article key and where it stands), never the
record, so memory grows with the number of records, not their size. Findings are made when
every file has been read, and each is reported at its own location naming the other file.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from linter.model.diagnostics import Diagnostic
from linter.rules import rule

URL_KEYS = ("webUrl", "originalUrl")


# The code raised by `finish` after every file is linted (documented below).
DUPLICATE_URL_ACROSS_FILES = "XF001"
CODES = (DUPLICATE_URL_ACROSS_FILES,)


class Entry(NamedTuple):
    """A key of one record and where it stands; positions are looked up only for entries that
    are reported."""
    kind: str       # the code of the check
    key: str        # the normalised value compared across files
    display: str
    path: str
    pointer: str


class Position(NamedTuple):
    """Where an entry's value is in its file (1-based, end exclusive)."""
    line: int
    column: int
    end_line: int
    end_column: int


@rule("XF001", "duplicate-url-across-files", "warning", stage=True)
def duplicate_url_across_files():
    """Two records have the same `webUrl` or `originalUrl`.

    **What it does.** Compares the article URLs of every record in the run as the same article
    (http or https, host case, a leading `www.`, a default port, a trailing slash and a
    `#fragment` are ignored; the query counts) and reports each record at its own URL,
    naming the other file. With `--diff`, changed files are compared with the whole tree.
    Files with the same file name are versions of one record (snapshots, history exports,
    backups) and are not compared with each other. Raised by `linter/rules/crossfile.py`
    (`finish`), once every file is linted.

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


def _related_urls(ctx):
    """(index, normalised webUrl) of each related entry with a webUrl."""
    related = ctx.record.get("related")
    if not isinstance(related, list):
        return ()
    found = []
    for index, entry in enumerate(related):
        if isinstance(entry, dict):
            url = entry.get("webUrl")
            if isinstance(url, str) and url.strip():
                found.append((index, article_key(url)))
    return found


def _remove_related(ctx, index: int, description: str, safe: bool = True):
    from linter.model.diagnostics import Edit, Fix
    from linter.fix.edits import remove_sequence_item
    text = ctx.source.text
    fix = remove_sequence_item(text, ctx.span(f"/related/{index}"), "/related", description, safe)
    if fix is None or len(fix.edits) != 1:
        return fix
    # A block mapping's span runs to the next key: keep the blank and comment lines before it.
    edit = fix.edits[0]
    end = edit.end
    while end > edit.start:
        line_start = text.rfind("\n", edit.start, end - 1) + 1
        line = text[line_start:end].strip()
        if line_start <= edit.start or line and not line.startswith("#"):
            break
        end = line_start
    return Fix(fix.description, (Edit(edit.start, end, edit.replacement),), fix.safe, fix.scope)


@rule("XF002", "related-self-reference", fix="safe")
def related_self_reference(ctx):
    """A `related` entry that points at the record itself.

    **What it does.** Compares each related entry's `webUrl` with the record's own `webUrl`
    and `originalUrl`, compared as in XF001 (http or https, host case, `www.`, a trailing slash
    and a `#fragment` do not make another article), and reports the entry's `webUrl`. The safe fix removes the entry
    when the list has other entries.

    **Why it matters.** The article recommends itself in its own "related" block: a wasted
    slot and a visible pipeline bug.

    **Fails**
    ```
    webUrl: "https://example.com/story/"
    related:
      - title: "Story"
        webUrl: "https://example.com/story"
    ```
    **Passes**: related entries that are other articles.
    """
    if "related" not in ctx.record:
        return ()  # (most records)
    related = ctx.memo(_related_urls)  # XF002 and XF003 scan the list once
    if not related:
        return ()
    return _self_references(ctx, related)


def _self_references(ctx, related):
    own = set()
    for key in URL_KEYS:
        value = ctx.record.get(key)
        if isinstance(value, str) and value.strip():
            own.add(article_key(value))
    if not own:
        return
    many = len(ctx.record["related"]) > 1
    for index, url in related:
        if url in own:
            fix = (lambda i=index: _remove_related(ctx, i, "remove the related entry that is the record itself")
                   ) if many else None
            yield ctx.report(f"related[{index}] is this article itself (same URL as the record)",
                             f"/related/{index}/webUrl", fix=fix)


@rule("XF003", "duplicate-related", fix="safe")
def duplicate_related(ctx):
    """The same article twice in one `related` list.

    **What it does.** Compares the `webUrl`s of the related entries, normalised as for XF001,
    and reports each later copy at its `webUrl`, naming the first. The fix removes the later
    entry: safe when the two entries are identical, unsafe when they differ in other fields
    (which one is right is the editor's call).

    **Why it matters.** The same article shows twice in the "related" block.

    **Fails**
    ```
    related:
      - title: "Story"
        webUrl: "https://example.com/story/"
      - title: "Story"
        webUrl: "https://example.com/story"
    ```
    **Passes**: each related article once.
    """
    if "related" not in ctx.record:
        return ()  # (most records)
    related = ctx.memo(_related_urls)  # XF002 and XF003 scan the list once
    if len(related) < 2:
        return ()
    return _duplicates(ctx, related)


def _duplicates(ctx, related):
    first = {}
    entries = ctx.record["related"]
    for index, url in related:
        seen = first.get(url)
        if seen is None:
            first[url] = index
            continue
        where = "" if ctx.screening else _line_of(ctx, f"/related/{seen}/webUrl")
        same = entries[index] == entries[seen]
        yield ctx.report(f"related[{index}] is the same article as related[{seen}]{where}",
                         f"/related/{index}/webUrl",
                         fix=lambda i=index, s=same: _remove_related(ctx, i, "remove the duplicate related entry", s))


def _line_of(ctx, pointer: str) -> str:
    span = ctx.span(pointer)
    return f" (line {span.line})" if span is not None else ""


def article_key(url: str) -> str:
    """What must be equal for two URLs to name the same article (XF001-XF003, CON006): the host
    without `www.` and a default port, case-insensitive; the path without a trailing slash; the
    query. The scheme (http or https), a `#fragment` and a slash at the very end are ignored."""
    url = url.strip().split("#", 1)[0]
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    host, slash, path = rest.partition("/")
    path, question, query = path.partition("?")
    host = host.lower().rsplit("@", 1)[-1]
    scheme = scheme.lower()
    if host.endswith(":443") and scheme == "https" or host.endswith(":80") and scheme == "http":
        host = host.rsplit(":", 1)[0]
    if host.startswith("www."):
        host = host[4:]
    return f"{host}/{path.rstrip('/')}{question}{query.rstrip('/')}"  # `?v=1/`: a slash pasted on


def collect(ctx) -> list[Entry]:
    if not ctx.settings.enabled(DUPLICATE_URL_ACROSS_FILES, ctx.path):
        return []
    entries, seen = [], set()
    for key in URL_KEYS:
        value = ctx.record.get(key)
        if isinstance(value, str) and value.strip():
            normalised = article_key(value)
            if normalised in seen:  # webUrl == originalUrl within one record is fine
                continue
            seen.add(normalised)
            entries.append(Entry(DUPLICATE_URL_ACROSS_FILES, normalised, ctx.display, ctx.path, f"/{key}"))
    return entries


def finish(entries, settings_for, locate) -> list[Diagnostic]:
    """Diagnostics for every group of entries sharing a key; `locate(entry)` gives its Position."""
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
                                          f"same URL as {other.display}:{locate(other).line}{more}",
                                          entry.pointer, value=entry.key))
    return diagnostics


def _file_name(display: str) -> str:
    return display.rsplit("/", 1)[-1]
