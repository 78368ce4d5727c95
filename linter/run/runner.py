"""Runs the pipeline over many files: discovery, per-file linting, cross-file checks, ordering.

Hooks let the front ends add behaviour without touching the loop: `report_only` (lint only these
files but index the whole tree for cross-file checks, for `--diff REF`), `progress` (an object
with `advance()`, and `start(total)` if it has one), `on_result` (called with each FileResult in the
main process, e.g. to fix).
"""
from __future__ import annotations

import os
import re
import sys
from itertools import chain, islice

from linter.model.diagnostics import Diagnostic
from linter.stages.discover import Found, Missing, discover
from linter.pipeline import FileResult, LazySpans, lint_bytes, lint_file
from linter.stages.read import UNREADABLE_FILE
from linter.model.records import Record
from linter.support.paths import inside

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Callable

STDIN = "-"
CACHE_MIN_FILES = 50
# Below this many files to lint, starting worker processes costs more than it saves (measured on
# 2 cores: even at ~450 files; at 1,000 files two workers take 15% less time than one process).
WORKERS_MIN_FILES = 600


class Outcome(Record):
    __slots__ = _fields = ("diagnostics", "files", "checked", "internal_error", "paths")

    def __init__(self, diagnostics: list[Diagnostic] | None = None, files: int = 0, checked: int = 0,
                 internal_error: bool = False, paths: list[str] | None = None):
        self.diagnostics = [] if diagnostics is None else diagnostics
        self.files = files
        self.checked = checked
        self.internal_error = internal_error
        self.paths = [] if paths is None else paths  # display paths of the files reported on


def _discovered(paths, resolver, outcome, force_exclude=False):
    """The files to lint, as discovery finds them; a path it cannot read is an FM007 in `outcome`."""
    seen = set()  # a file named and found again below a folder (its site, indexed whole) is linted once
    for item in discover([p for p in paths if p != STDIN], resolver.for_path, resolver.listed, force_exclude):
        if isinstance(item, Missing):
            outcome.diagnostics.append(Diagnostic(item.display, 1, 1, 1, 1, UNREADABLE_FILE, "error",
                                                  f"cannot read: {item.reason}"))
        elif item.absolute not in seen:
            seen.add(item.absolute)
            yield item


def collect_files(paths, resolver, outcome, force_exclude=False):
    """All of discovery at once, when the total must be known first (progress bars)."""
    return list(_discovered(paths, resolver, outcome, force_exclude))


def run(paths, resolver, cross_file: bool = True, *, stdin_filename: str | None = None,
        report_only: set[str] | None = None, progress=None,
        on_result: Callable[[FileResult], None] | None = None, stdin=None,
        jobs: int = 1, use_cache: bool = False, force_exclude: bool = False) -> Outcome:
    """Lint `paths`. `jobs`: worker processes (0: automatic); `use_cache`: reuse and store results."""
    outcome = Outcome()
    index, suppressions = [], {}
    from linter.site import assets, store
    assets.forget()  # the site's files as they are now
    # The caches are those of the configuration of the first path named (before sites are added).
    cache_settings = resolver.for_path(next((p for p in paths if p != STDIN), ".")) if use_cache else None
    cache_folder = _cache_folder(cache_settings) if use_cache else None
    store.activate(cache_folder, _tool_fingerprint)
    if cross_file:
        # Files named one by one (pre-commit), standard input: their site is indexed whole, so
        # checks across records still compare them with every other record; only they are reported.
        paths, report_only = _with_their_sites(paths, resolver, stdin_filename, report_only)
    if on_result is not None:
        jobs, use_cache = 1, False  # fixes need each file's text here, and are never cached
    if jobs == 1 or progress is not None:
        # One process: walking the whole tree first is faster than interleaving (measured: 10% on
        # the 10x replica). A progress bar needs the total first anyway.
        head, rest = collect_files(paths, resolver, outcome, force_exclude), iter(())
    else:
        # Workers start once enough files to lint are found (see _lint_all), not after the whole
        # tree is walked; whether to use the cache is decided on this head.
        rest = _discovered(paths, resolver, outcome, force_exclude)
        head = list(islice(rest, CACHE_MIN_FILES))
    # A handful of files (a pre-commit run) lints faster than a big cache loads.
    cache = _open_cache(cache_folder, cache_settings) if use_cache and len(head) >= CACHE_MIN_FILES else None
    if progress is not None and hasattr(progress, "start"):
        progress.start(len(head))
    results = _lint_all(head, rest, resolver, progress, jobs, cache, digest=cache is not None or on_result is not None)
    if STDIN in paths:
        results = _chain(results, [_lint_stdin(resolver, stdin_filename, stdin)])
    folders = set()
    # Standard input stands for its file name's file: the copy on disk (found when its site is
    # indexed) is neither reported nor compared with it.
    twin = os.path.realpath(stdin_filename) if STDIN in paths and stdin_filename else None
    real_path = RealPaths()
    for item_path, result in results:
        if twin is not None and not result.from_stdin and real_path(item_path) == twin:
            continue
        reported = report_only is None or real_path(item_path) in report_only
        if reported and result.depends:
            folders.add(os.path.dirname(os.path.abspath(item_path)))
        if on_result is not None and reported:
            on_result(result)
        if reported:
            outcome.files += 1
            outcome.paths.append(result.display)
            outcome.checked += result.checked
            outcome.internal_error |= result.internal_error
            outcome.diagnostics.extend(result.diagnostics)
        if cross_file and result.index:
            index.extend(result.index)
            if result.suppressions:
                suppressions[result.display] = result.suppressions
    outcome.diagnostics.extend(_site_problems(folders, resolver))
    if index:
        cross = _cross_file(index, suppressions, resolver)
        if report_only is not None:
            shown = set(outcome.paths)  # the displays of the files reported
            cross = [d for d in cross if d.path in shown]
        outcome.diagnostics.extend(cross)
    outcome.diagnostics.sort(key=lambda d: d.sort_key)
    if cache is not None:
        cache.save()
    if store.active is not None:
        store.active.save()
    return outcome


class RealPaths:
    """`os.path.realpath` of the files of a run, each folder resolved once: a file named alone
    in a site of 790 records costs 790 lstat calls instead of ~12,000 (bench/site.py, one file)."""

    def __init__(self):
        self.folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        if ".." in path:  # `link/../x.md`: the link is followed before `..` is taken
            return os.path.realpath(path)
        folder, name = os.path.split(os.path.abspath(path))
        real_folder = self.folders.get(folder)
        if real_folder is None:
            real_folder = self.folders[folder] = os.path.realpath(folder)
        joined = os.path.join(real_folder, name)
        return os.path.realpath(joined) if os.path.islink(joined) else joined


def _with_their_sites(paths, resolver, stdin_filename, report_only):
    """`paths` plus the site root of each file named alone (and of standard input's file name)
    whose site no folder in `paths` covers; and the files to report, when a root was added:
    those `paths` name. Outside a Jekyll site nothing changes."""
    from linter.site.root import site_of
    walked = [os.path.abspath(p) for p in paths if p != STDIN and os.path.isdir(p)]
    named = [p for p in paths if p != STDIN and not os.path.isdir(p)]
    if STDIN in paths and stdin_filename:
        named.append(stdin_filename)
    roots = []
    for path in named:
        settings = resolver.for_path(path)
        site = site_of(path) if settings.site else None
        if site is None or site.root in roots or any(inside(site.root, folder) for folder in walked):
            continue  # no site, or its whole tree is linted anyway
        roots.append(site.root)
    if not roots:
        return paths, report_only
    real_path = RealPaths()
    shown = {real_path(p) for p in named}
    if walked:
        shown.update(real_path(item.absolute) for item in discover(walked, resolver.for_path)
                     if isinstance(item, Found))
    if report_only is not None:
        shown &= report_only
    return list(paths) + roots, shown


def _site_problems(folders, resolver) -> list:
    """SITE001 for each site of the files reported whose _config.yml could not be used."""
    from linter.site.root import site_of
    from linter.pipeline import _display_of
    found, seen = [], set()
    for folder in sorted(folders):
        settings = resolver.for_path(folder)
        site = site_of(os.path.join(folder, "x"))
        if site is None or site.root in seen or site.config.problem is None:
            continue
        seen.add(site.root)
        problem = site.config.problem
        if not settings.enabled(problem.code):
            continue
        found.append(Diagnostic(_display_of(site.source), problem.line, problem.column, problem.line,
                                problem.column + 1, problem.code, settings.severity_of(problem.code, "error"),
                                problem.message))
    return found


def _cache_folder(settings) -> str:
    """Where the caches live: `.frontmatter-lint-cache/` beside the configuration file, or in
    the current folder."""
    from linter.run.cache import CACHE_DIR
    return os.path.join(os.path.dirname(settings.source) if settings.source else os.getcwd(), CACHE_DIR)


def _open_cache(folder: str, settings):
    from linter.run.cache import ResultCache, settings_fingerprint
    return ResultCache(folder, settings_fingerprint(settings))


def _tool_fingerprint() -> str:
    from linter.run.cache import tool_fingerprint
    return tool_fingerprint()


def _chain(first, second):
    yield from first
    yield from second


def _lint_all(head: list, rest, resolver, progress, jobs: int = 1, cache=None, digest: bool = True):
    """(path, FileResult) for every file, in discovery order: cached, then linted here or in workers.

    `head` is the list of files found so far, `rest` an iterator over those discovery has yet to
    find. With workers, `rest` is walked (and looked up in the cache) in the pool's feeder
    thread while the workers lint what it has already found."""
    order, done = [], {}

    def uncached(items):
        for item in items:
            if cache is not None:
                order.append(item.absolute)
                cached = cache.lookup(item.absolute, item.display)
                if cached is not None:
                    done[item.absolute] = cached
                    if progress is not None:
                        progress.advance()
                    continue
            yield item

    pending, parallel = uncached(chain(_released(head), rest)), False
    if jobs != 1:
        # Automatic: workers only pay off for many files to lint (and cost an import). Counted
        # among the files the cache does not hold, walking on as far as it takes: a warm cache
        # that holds the first part of a tree still starts them for a cold rest.
        first = list(islice(pending, WORKERS_MIN_FILES if jobs == 0 else 2))
        if jobs == 0:
            jobs = 1
            if len(first) >= WORKERS_MIN_FILES:
                from linter.run.workers import auto_jobs
                jobs = auto_jobs()
        pending, parallel = chain(first, pending), jobs > 1 and len(first) > 1
    if parallel:
        from linter.run.workers import lint_parallel
        fresh = lint_parallel(pending, jobs, resolver.for_file, progress, digest=digest)
    else:
        fresh = _lint_serial(pending, resolver, progress, digest=digest)
    if cache is None:
        yield from fresh
        return
    for path, result in fresh:
        cache.store(path, result)
        done[path] = result
    for path in order:
        yield path, done[path]


def _released(items: list):
    """The list's items, each dropped from it once handed on: memory stays flat on big trees."""
    for index, item in enumerate(items):
        items[index] = None
        yield item


def _lint_serial(found, resolver, progress, digest: bool = True):
    for item in found:
        yield item.absolute, lint_file(item.absolute, item.display, resolver.for_file(item.absolute), item.explicit,
                                       digest, item.site_root)
        if progress is not None:
            progress.advance()


def _lint_stdin(resolver, stdin_filename, stdin):
    display = (stdin_filename or "<stdin>").replace(os.sep, "/")
    path = stdin_filename or os.path.join(os.getcwd(), "<stdin>")
    stream = stdin if stdin is not None else sys.stdin.buffer
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    result = lint_bytes(data, path, display, resolver.for_path(path))
    result.from_stdin = True
    return path, result


def _cross_file(index, suppressions, resolver):
    from linter.stages import suppress
    from linter.rules import crossfile, drift, references
    from linter.pipeline import _display_of
    locate = _Locator(resolver)
    found = crossfile.finish(index, resolver.for_path, locate)
    found += references.resolve(index, resolver.for_path, locate, _display_of)
    found += drift.judge(index, resolver.for_path, locate, locate.key)
    by_file = {}
    for diagnostic in found:
        by_file.setdefault(diagnostic.path, []).append(diagnostic)
    kept = []
    for display, diagnostics in by_file.items():
        kept.extend(suppress.apply(diagnostics, suppressions.get(display, [])))
    return kept


class _Locator:
    """Positions of cross-file entries, by parsing the few files that have a finding."""

    def __init__(self, resolver):
        self.resolver = resolver
        self.spans = {}

    def __call__(self, entry):
        from linter.rules.crossfile import Position
        spans = self.spans.get(entry.path)
        if spans is None:
            spans = self.spans[entry.path] = self._spans(entry.path)
        span = spans.get(entry.pointer)
        return Position(span.line, span.column, span.end_line, span.end_column) if span else Position(1, 1, 1, 4)

    def key(self, entry):
        """Where the key holding an entry's value is (its value's position when it has no key)."""
        from linter.rules.crossfile import Position
        spans = self.spans.get(entry.path)
        if spans is None:
            spans = self.spans[entry.path] = self._spans(entry.path)
        span = spans.key_span(entry.pointer) if isinstance(spans, _TopLevelSpans) else None
        if span is None or not span.key_line:
            return self(entry)
        return Position(span.key_line, span.key_column, span.key_line, span.key_end_column)

    def _spans(self, path):
        from linter.stages.frontmatter import Block, split_file
        from linter.stages.read import Source, read_file
        settings = self.resolver.for_path(path)
        source = read_file(path, path, settings.limits["max-file-bytes"])
        block = split_file(source.text, path) if isinstance(source, Source) else None
        if not isinstance(block, Block):
            return {}
        return _TopLevelSpans(block, settings)


class _TopLevelSpans:
    """Positions of top-level values written on one line (`webUrl: "..."`), found with a regex;
    anything else is left to the reference parser. Saves importing PyYAML and parsing each file
    with a cross-file finding in a cached run (bench/run.py's re-lint row: 0.165 -> 0.113 s)."""

    _VALUE = re.compile(r"""[ \t]*("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^\s"'&*!|>\[{#%@`][^\n]*?)[ \t]*(?:#[^\n]*)?\r?$""", re.M)

    def __init__(self, block, settings):
        self.block, self._parsed = block, LazySpans(block, settings)

    def key_span(self, pointer):
        """The reference parser's span of the value at `pointer`, which knows its key."""
        return self._parsed.get(pointer)

    def get(self, pointer, default=None):
        from linter.rules.crossfile import Position
        key = pointer[1:]
        if pointer.count("/") == 1 and key.isidentifier():
            match = re.search(rf"(?m)^{re.escape(key)}[ \t]*:(?=[ \t])", self.block.yaml)
            value = self._VALUE.match(self.block.yaml, match.end()) if match else None
            if value is not None and not re.search(rf"(?m)^{re.escape(key)}[ \t]*:", self.block.yaml[value.end():]):
                line = self.block.first_line + self.block.yaml.count("\n", 0, value.start(1))
                column = value.start(1) - (self.block.yaml.rfind("\n", 0, value.start(1)) + 1) + 1
                return Position(line, column, line, column + len(value.group(1)))
        return self._parsed.get(pointer, default)
