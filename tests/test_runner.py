"""Many files: workers give the one-process output in the same order; the cache is exact."""
import os

from conftest import ARTICLE
from linter.config import ConfigResolver
from linter.runner import run


def _tree(root, count=40):
    news = root / "_news"
    news.mkdir()
    for i in range(count):
        text = ARTICLE.replace("quality: 64", f"quality: {'x' if i % 7 == 0 else i}")
        (news / f"2021-04-20-story-{i:03d}.md").write_text(text)
    return news


def _dicts(outcome):
    return [d.to_dict() for d in outcome.diagnostics]


def test_workers_match_one_process(tmp_path):
    news = _tree(tmp_path)
    one = run([str(news)], ConfigResolver(), jobs=1)
    two = run([str(news)], ConfigResolver(), jobs=2)
    assert _dicts(one) == _dicts(two) and one.files == two.files == 40
    assert any(d["code"] == "SCH003" for d in _dicts(one))


def test_cache_reuses_and_invalidates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    news = _tree(tmp_path, count=60)
    first = run([str(news)], ConfigResolver(), use_cache=True)
    assert os.path.isfile(tmp_path / ".frontmatter-lint-cache" / ".gitignore")

    from linter import runner
    linted = []
    original = runner.lint_file
    monkeypatch.setattr(runner, "lint_file", lambda *a, **k: linted.append(a[0]) or original(*a, **k))
    second = run([str(news)], ConfigResolver(), use_cache=True)
    assert _dicts(second) == _dicts(first) and linted == []

    changed = news / "2021-04-20-story-001.md"
    changed.write_text(ARTICLE.replace("quality: 64", "quality: bad"))
    third = run([str(news)], ConfigResolver(), use_cache=True)
    assert linted == [str(changed)]
    assert any(d.path.endswith("story-001.md") and d.code == "SCH003" for d in third.diagnostics)
