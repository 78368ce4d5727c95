"""Worker processes for big trees: each receives a slice of paths (never file data) and returns
compact results; the parent merges them, so output is identical to one process."""
from __future__ import annotations

import multiprocessing
import os

from .lint import lint_file

_resolver = None


def auto_jobs() -> int:
    """One worker per core (up to 8) where processes can be forked; else one process."""
    cpus = os.cpu_count() or 1
    if cpus < 2 or not _can_fork():
        return 1
    return min(cpus, 8)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _init(resolver):
    global _resolver
    _resolver = resolver


def _lint_slice(items: list[tuple]):
    out = []
    for path, display, explicit, absolute in items:
        result = lint_file(absolute, display, _resolver.for_file(absolute), explicit)
        result.source = None  # the text stays in the worker
        out.append((absolute, result))
    return out


def lint_parallel(found, resolver, jobs: int, progress=None):
    """Yield (path, FileResult) in input order, linted by `jobs` forked workers."""
    if not _can_fork():
        raise RuntimeError("workers need the fork start method")
    items = [(f.path, f.display, f.explicit, f.absolute) for f in found]
    size = max(16, len(items) // (jobs * 8))
    slices = [items[i:i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_init, initargs=(resolver,)) as pool:
        for chunk in pool.imap(_lint_slice, slices):
            for path, result in chunk:
                yield path, result
                if progress is not None:
                    progress.advance()
