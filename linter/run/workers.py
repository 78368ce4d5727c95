"""Worker processes for big trees: each receives a slice of paths (never file data) and returns
compact results; the parent merges them, so output is identical to one process. The parent goes
on discovering files while the workers lint the first ones."""
from __future__ import annotations

import multiprocessing
import os

from linter.pipeline import lint_file


def auto_jobs() -> int:
    """One worker per core (up to 8) where processes can be forked; else one process."""
    cpus = os.cpu_count() or 1
    if cpus < 2 or not _can_fork():
        return 1
    return min(cpus, 8)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


# Files per task: small enough that the first tasks start while discovery goes on and the two
# workers finish together; large enough that sending tasks and results costs little.
SLICE = 128


def _lint_slice(task: tuple):
    items, digest = task
    out = []
    for display, explicit, absolute, settings, site_root in items:
        result = lint_file(absolute, display, settings, explicit, digest, site_root)
        result.source = None  # the text stays in the worker
        out.append((absolute, result))
    return out


def _slices(found, settings_for, digest: bool):
    """Tasks of SLICE files, each with its settings: resolved here, where discovery has seen every
    folder (the workers were forked before it had). Runs in the pool's feeder thread."""
    chunk = []
    for item in found:
        chunk.append((item.display, item.explicit, item.absolute, settings_for(item.absolute), item.site_root))
        if len(chunk) == SLICE:
            yield chunk, digest
            chunk = []
    if chunk:
        yield chunk, digest


def lint_parallel(found, jobs: int, settings_for, progress=None, digest: bool = True):
    """Yield (path, FileResult) in input order, linted by `jobs` forked workers. `found` may be a
    discovery still in progress: it is consumed as the workers ask for more. `digest`: keep each
    file's content hash (the result cache needs it)."""
    if not _can_fork():
        raise RuntimeError("workers need the fork start method")
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs) as pool:
        for chunk in pool.imap(_lint_slice, _slices(found, settings_for, digest)):
            for path, result in chunk:
                yield path, result
                if progress is not None:
                    progress.advance()
