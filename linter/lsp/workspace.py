"""Cross-file findings in the editor: the workspace index, and the one place the language server
asks the linter's cross-file checks (`linter/rules/crossfile.py`) about a document.

The index holds each file's cross-file entries (`FileResult.index`: a value a uniqueness or
reference row covers, and where it stands), never its record. It is built in the background at start, in slices the lint
thread runs between keystrokes (`Indexer`), and a file's entries are replaced when it is saved.
`workspace_findings` is all the server calls: when the cross-file machinery changes, this
module is what follows it.
"""
from __future__ import annotations

import os
import time
from collections import defaultdict

# A slice of the background index build runs this long at most before the lint thread takes
# the next keystroke (a 2 KB record lints in ~1-3 ms: the wait stays under a frame).
SLICE_SECONDS = 0.010


class WorkspaceIndex:
    """Cross-file entries by file, and by (kind, scope, key) to find a document's matches at once."""

    def __init__(self):
        self.by_path: dict[str, list] = {}
        self.by_key: dict[tuple, dict[str, list]] = defaultdict(dict)
        self.complete = False  # the background build has seen every file

    def update(self, path: str, entries) -> None:
        for entry in self.by_path.pop(path, ()):
            self.by_key[(entry.kind, entry.scope, entry.key)].pop(path, None)
        entries = list(entries or ())
        if entries:
            self.by_path[path] = entries
            for entry in entries:
                self.by_key[(entry.kind, entry.scope, entry.key)].setdefault(path, []).append(entry)

    def matches(self, entries, path: str) -> list:
        """Entries of other files sharing a (kind, scope, key) with `entries`."""
        found = []
        for entry in entries:
            for other, theirs in self.by_key.get((entry.kind, entry.scope, entry.key), {}).items():
                if other != path:
                    found.extend(theirs)
        return found


def workspace_findings(index: WorkspaceIndex, path: str, result, settings_for) -> list:
    """The cross-file diagnostics of the document at `path`, linted as `result` (a FileResult of
    the editor's text, which may differ from the file on disk), against every other indexed file,
    after the document's own `# lint: disable` comments."""
    if result is None or not result.index:
        return []
    from linter.pipeline import _display_of
    from linter.rules import crossfile, references
    from linter.stages import suppress

    locator = _Locator(path, result, settings_for)
    # References are judged against the names the site defines (read from disk), uniqueness
    # against the other indexed files.
    found = references.resolve(result.index, settings_for, locator, _display_of)
    others = index.matches([e for e in result.index if e.kind in crossfile.UNIQUENESS_CODES], path)
    if others:
        found += crossfile.finish(list(result.index) + others, settings_for, locator)
    mine = [d for d in found if d.path == result.display]
    return suppress.apply(mine, result.suppressions)


class _Locator:
    """Where an entry's value is: in the document's text for its own entries, else in the file."""

    def __init__(self, path: str, result, settings_for):
        self.path, self.result, self.settings_for = path, result, settings_for
        self.spans: dict[str, object] = {}

    def __call__(self, entry):
        from linter.rules.crossfile import Position
        spans = self.spans.get(entry.path)
        if spans is None:
            spans = self.spans[entry.path] = self._spans(entry.path)
        span = spans.get(entry.pointer) if spans else None
        return Position(span.line, span.column, span.end_line, span.end_column) if span else Position(1, 1, 1, 4)

    def _spans(self, path: str):
        from linter.pipeline import LazySpans
        from linter.stages.frontmatter import Block, split_file
        from linter.stages.read import Source, read_file

        settings = self.settings_for(path)
        if path == self.path and self.result.source is not None:
            source = self.result.source
        else:
            source = read_file(path, path, settings.limits["max-file-bytes"])
        block = split_file(source.text, path) if isinstance(source, Source) else None
        return LazySpans(block, settings) if isinstance(block, Block) else None


class Indexer:
    """The background build of the index over the workspace folders, run a slice at a time."""

    def __init__(self, index: WorkspaceIndex, roots: list[str], resolver):
        self.index, self.resolver = index, resolver
        self.roots = [os.path.abspath(r) for r in roots]
        self._files = self._discover()
        self.files = 0

    def _discover(self):
        from linter.stages.discover import Found, discover
        for root in self.roots:
            for item in discover([root], self.resolver.for_path, self.resolver.listed):
                if isinstance(item, Found):
                    yield item.absolute, os.path.relpath(item.absolute, root).replace(os.sep, "/")

    def run_slice(self) -> bool:
        """Index files for up to SLICE_SECONDS; True when every file is indexed."""
        from linter.pipeline import lint_file
        deadline = time.perf_counter() + SLICE_SECONDS
        for path, display in self._files:
            result = lint_file(path, display, self.resolver.for_file(path), digest=False)
            self.index.update(path, result.index)
            self.files += 1
            if time.perf_counter() > deadline:
                return False
        self.index.complete = True
        return True
