"""Fixes on copies of real records (../shared/corpus, skipped when absent): only the intended
bytes change, a re-lint shows the fixed findings gone and nothing new, and a second `--fix`
changes nothing."""
import collections
import difflib
import os
import shutil

import pytest

from conftest import CORPUS
from linter.cli import main
from linter.config import ConfigResolver
from linter.run.runner import run

pytestmark = pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpus is absent")
SAMPLE = 80  # records with safe fixes, spread over the corpus


@pytest.fixture(scope="module")
def fixed_copies(tmp_path_factory):
    folder = os.path.join(CORPUS, "news-history")
    before = run([folder], ConfigResolver(), cross_file=False)
    by_file = collections.defaultdict(list)
    for d in before.diagnostics:
        by_file[d.path].append(d)
    fixable = sorted(p for p, ds in by_file.items() if any(d.fix is not None and d.fix.safe for d in ds))
    if not fixable:
        pytest.skip("no record of the corpus has a safe fix")
    step = max(1, len(fixable) // SAMPLE)
    chosen = fixable[::step][:SAMPLE]
    root = tmp_path_factory.mktemp("fixes")
    copies = {}
    for path in chosen:
        relative = os.path.relpath(path, folder)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        copies[str(target)] = (path, by_file[path])
    assert main(["--no-cache", "--no-cross-file", "--quiet", "--fix", str(root)]) in (0, 1)
    return root, copies


def _key(d):
    return d.code, d.pointer, d.message


def test_only_the_lines_of_fixed_findings_change(fixed_copies):
    _, copies = fixed_copies
    for copy, (original, diagnostics) in copies.items():
        old = open(original, "rb").read().decode("utf-8-sig").splitlines(keepends=True)
        new = open(copy, "rb").read().decode("utf-8-sig").splitlines(keepends=True)
        fixed_lines = {line for d in diagnostics if d.fix is not None and d.fix.safe
                       for line in range(d.line, d.end_line + 1)}
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag == "equal":
                continue
            changed = set(range(i1 + 1, i2 + 1))
            assert changed <= fixed_lines, (copy, tag, old[i1:i2])


def test_relint_shows_the_safe_fixes_applied_and_nothing_new(fixed_copies):
    root, copies = fixed_copies
    after = run([str(root)], ConfigResolver(), cross_file=False)
    by_file = collections.defaultdict(list)
    for d in after.diagnostics:
        by_file[os.path.realpath(d.path)].append(d)
    for copy, (_, diagnostics) in copies.items():
        remaining = by_file.get(os.path.realpath(copy), [])
        assert not [d for d in remaining if d.fix is not None and d.fix.safe], copy
        unfixed_before = collections.Counter(_key(d) for d in diagnostics if d.fix is None or not d.fix.safe)
        now = collections.Counter(_key(d) for d in remaining)
        assert not (now - unfixed_before), (copy, now - unfixed_before)


def test_second_fix_changes_nothing(fixed_copies):
    root, copies = fixed_copies
    contents = {c: open(c, "rb").read() for c in copies}
    main(["--no-cache", "--no-cross-file", "--quiet", "--fix", str(root)])
    assert all(open(c, "rb").read() == data for c, data in contents.items())
