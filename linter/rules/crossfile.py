"""XF: checks across files, in one pass over the tree.

Each file contributes small index entries (a value and where it stands), never the record, so
memory grows with the number of records, not their size. Findings are made when every file has
been read, and each is reported at its own location naming the other files. Which values must be
unique, and which must name something the site defines, are rows of tables
(`linter/site/checks.py`): XF001 is the built-in row of the uniqueness table, XF004 the
configured ones; references are judged in `rules/references.py`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from linter.model.diagnostics import Diagnostic
from linter.rules import REGISTRY, rule

URL_KEYS = ("webUrl", "originalUrl")


from linter.rules.references import REFERENCE_CODES, UNKNOWN_REFERENCE
from linter.rules import drift
from linter.rules.urlparts import article_key
from linter.site.checks import NORMALIZERS, applies, comparable, values_at, with_builtin_rows

# The codes raised by `finish` after every file is linted (documented below).
DUPLICATE_URL_ACROSS_FILES = "XF001"
DUPLICATE_VALUE_ACROSS_FILES = "XF004"
UNIQUENESS_CODES = (DUPLICATE_URL_ACROSS_FILES, DUPLICATE_VALUE_ACROSS_FILES)
# Every code judged after the run, over the index entries of all records.
CODES = UNIQUENESS_CODES + REFERENCE_CODES + drift.CODES


class Entry(NamedTuple):
    """A value of one record and where it stands; positions are looked up only for entries
    that are reported."""
    kind: str       # the code of the check
    scope: str      # which table row it belongs to (site/checks.py `scope`): only equal scopes compare
    key: str        # the value as compared (normalised for uniqueness, as written for references)
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


@rule("XF004", "duplicate-value-across-files", stage=True)
def duplicate_value_across_files():
    """Two records share a value that must be unique (configured).

    **What it does.** For each `[[tool.frontmatter-lint.unique]]` table, compares the values
    at its `field` (a JSON pointer; `*` for any list item or key; `fields` for several that
    count together) across every record its `files` glob covers (default: all), and reports
    every holder at its own value, naming the others (file and line). Strings are compared
    without surrounding whitespace; with `ignore-case = true`, case and inner whitespace do not
    count either. With `--diff`, pre-commit and standard input the whole site is compared.
    XF001 is the built-in case for article URLs. Raised by `linter/rules/crossfile.py`
    (`finish`), once every file is linted.

    ```toml
    [[tool.frontmatter-lint.unique]]
    field = "/slug"
    files = "_posts/**"
    ```

    **Why it matters.** Two pages claiming one slug, id or permalink overwrite each other
    when the site is built, and which one wins depends on the build order.

    **Fails**
    ```
    # _posts/2021-03-04-a.md
    slug: launch
    # _posts/2021-05-06-b.md
    slug: launch
    ```
    **Passes**: each slug in one record only.
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


def collect(ctx) -> list[Entry]:
    """The record's index entries: its values that some uniqueness or reference row covers.
    The built-in rows apply to records of the pipeline (those a schema applies to), the
    configured ones to every record."""
    settings = ctx.settings
    uniques, references = settings.unique, settings.references
    if ctx.schema is not None:
        uniques, references = with_builtin_rows(ctx.site, uniques, references)
    entries: list[Entry] = []
    for unique in uniques:
        if settings.enabled_for(unique.code, ctx.path):
            _unique_entries(ctx, unique, entries)
    if references and settings.any_enabled(REFERENCE_CODES, ctx.path):
        for reference in references:
            _reference_entries(ctx, reference, entries)
    if settings.any_enabled(drift.CODES, ctx.path) and drift.applies(ctx):
        entries.extend(drift.entries(ctx))
    return entries


def indexes_without_schema(settings) -> bool:
    """Whether a record no schema applies to gives index entries: the configured checks across
    records apply to every record, the drift checks to records without a closed schema."""
    return bool(settings.unique or settings.references) or not settings.enabled_codes.isdisjoint(drift.CODES)


def _unique_entries(ctx, unique, entries: list):
    if unique.files is not None and not applies(unique.files, unique.root, ctx.path):
        return
    normalize, seen = NORMALIZERS[unique.normalize], set()
    for field in unique.fields:
        for pointer, value in values_at(ctx.record, field):
            value = comparable(value)
            if value is None or not value.strip():
                continue
            key = normalize(value)
            if key not in seen:  # one record giving a value twice (webUrl == originalUrl) is fine
                seen.add(key)
                entries.append(Entry(unique.code, unique.scope, key, ctx.display, ctx.path, pointer))


def _reference_entries(ctx, reference, entries: list):
    if reference.files is not None and not applies(reference.files, reference.root, ctx.path):
        return
    for pointer, value in values_at(ctx.record, reference.field):
        value = comparable(value)
        if value is not None:
            entries.append(Entry(UNKNOWN_REFERENCE, reference.scope, value, ctx.display, ctx.path, pointer))


# Files with one file name are versions of one record (snapshots, history exports): not compared.
VERSIONED_KINDS = frozenset((DUPLICATE_URL_ACROSS_FILES,))
MAX_NAMED_HOLDERS = 5


def finish(entries, settings_for, locate) -> list[Diagnostic]:
    """Diagnostics for every group of uniqueness entries sharing a value; `locate(entry)` gives
    its Position."""
    groups = defaultdict(list)
    for entry in entries:
        if entry.kind in UNIQUENESS_CODES:
            groups[(entry.kind, entry.scope, entry.key)].append(entry)
    diagnostics = []
    for (kind, _, _), group in groups.items():
        if len(group) < 2:
            continue
        group.sort(key=lambda e: (e.display, e.pointer))
        names = [_file_name(e.display) if kind in VERSIONED_KINDS else e.path for e in group]
        per_name = Counter(names)
        if len(per_name) < 2:
            continue  # versions of one record only (or one record holding the value twice)
        for entry, name in zip(group, names):
            settings = settings_for(entry.path)
            if not settings.enabled(kind, entry.path):
                continue
            others = [e for e, n in zip(group, names) if n != name]
            severity = settings.severity_of(kind, REGISTRY[kind].severity)
            line, column, end_line, end_column = locate(entry)
            diagnostics.append(Diagnostic(entry.display, line, column, end_line, end_column, kind, severity,
                                          _duplicate_message(kind, entry, others, locate), entry.pointer,
                                          value=entry.key))
    return diagnostics


def _duplicate_message(kind: str, entry: Entry, others: list, locate) -> str:
    if kind == DUPLICATE_URL_ACROSS_FILES:
        more = f" and {len(others) - 1} more" if len(others) > 1 else ""
        return f"same URL as {others[0].display}:{locate(others[0]).line}{more}"
    shown = ", ".join(f"{o.display}:{locate(o).line}" for o in others[:MAX_NAMED_HOLDERS])
    more = f" and {len(others) - MAX_NAMED_HOLDERS} more" if len(others) > MAX_NAMED_HOLDERS else ""
    return f"`{entry.pointer[1:]}` must be unique, but {entry.key!r} is also in {shown}{more}"


def _file_name(display: str) -> str:
    return display.rsplit("/", 1)[-1]
