"""Many files: workers give the one-process output in the same order; the cache is exact."""
import os

from conftest import ARTICLE
from linter.config import ConfigResolver
from linter.run.runner import run


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


def test_workers_start_before_discovery_ends_and_see_settings_found_later(tmp_path, monkeypatch):
    # Workers are forked once the head of the tree is found; a configuration file in a folder
    # discovered after that must still apply to its files, exactly as in one process.
    from linter.run import runner
    monkeypatch.setattr(runner, "WORKERS_MIN_FILES", 20)
    monkeypatch.setattr(runner, "CACHE_MIN_FILES", 5)
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        _tree(tmp_path / name, count=30)
    (tmp_path / "c" / ".frontmatter-lint.toml").write_text('ignore = ["SCH003"]\n')
    outcomes = {jobs: run([str(tmp_path)], ConfigResolver(), jobs=jobs) for jobs in (1, 2, 0)}
    assert _dicts(outcomes[1]) == _dicts(outcomes[2]) == _dicts(outcomes[0])
    assert outcomes[1].files == outcomes[2].files == outcomes[0].files == 90
    assert outcomes[1].paths == outcomes[2].paths == outcomes[0].paths
    codes_by_folder = {(d.path.split("/")[-3], d.code) for d in outcomes[2].diagnostics}
    assert ("a", "SCH003") in codes_by_folder and ("c", "SCH003") not in codes_by_folder


def test_cache_reuses_and_invalidates(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    news = _tree(tmp_path, count=60)
    first = run([str(news)], ConfigResolver(), use_cache=True)
    assert os.path.isfile(tmp_path / ".frontmatter-lint-cache" / ".gitignore")

    from linter.run import runner
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


def test_cache_folder_keeps_only_the_most_recently_used_caches(tmp_path, monkeypatch):
    # Each day (and each change of settings) has its own cache file; old ones must not pile up.
    from linter.run.cache import CACHE_DIR, KEEP_CACHES
    monkeypatch.chdir(tmp_path)
    news = _tree(tmp_path, count=60)
    folder = tmp_path / CACHE_DIR
    folder.mkdir()
    for age in range(6):
        old = folder / f"v2-old{age}.marshal"
        old.write_bytes(b"0")
        os.utime(old, (1_000_000 + age, 1_000_000 + age))
    leftover = folder / "abc.tmp"
    leftover.write_bytes(b"")
    os.utime(leftover, (1_000_000, 1_000_000))
    run([str(news)], ConfigResolver(), use_cache=True)
    caches = sorted(p.name for p in folder.glob("v*.marshal"))
    assert len(caches) == KEEP_CACHES
    assert {"v2-old5.marshal", "v2-old4.marshal", "v2-old3.marshal"} < set(caches)  # the newest old ones
    assert not leftover.exists()
    second = run([str(news)], ConfigResolver(), use_cache=True)  # the current cache survived the pruning
    assert second.files == 60


def test_workers_fill_the_cache(tmp_path, monkeypatch):
    # Workers hash file contents only when the cache needs them: with the cache on, what they lint
    # must be stored, so that the next run lints nothing.
    monkeypatch.chdir(tmp_path)
    news = _tree(tmp_path, count=60)
    first = run([str(news)], ConfigResolver(), jobs=2, use_cache=True)

    from linter.run import runner
    linted = []
    original = runner.lint_file
    monkeypatch.setattr(runner, "lint_file", lambda *a, **k: linted.append(a[0]) or original(*a, **k))
    second = run([str(news)], ConfigResolver(), jobs=1, use_cache=True)
    assert _dicts(second) == _dicts(first) and second.files == 60 and linted == []


def test_automatic_workers_count_the_files_left_to_lint(tmp_path, monkeypatch):
    # A warm cache holds the files found first; the new ones found after them are still many
    # enough for workers. Files in a folder come before its subfolders, so the cached ones are
    # found first.
    from linter.run import runner, workers
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(runner, "WORKERS_MIN_FILES", 20)
    monkeypatch.setattr(runner, "CACHE_MIN_FILES", 5)
    monkeypatch.setattr(workers, "auto_jobs", lambda: 2)
    news = _tree(tmp_path, count=30)
    run([str(news)], ConfigResolver(), jobs=1, use_cache=True)
    _tree(news, count=30)  # news/_news/: 30 files the cache has not seen

    linted_by_workers = []
    original = workers.lint_parallel

    def spy(found, *args, **kwargs):
        for path, result in original(found, *args, **kwargs):
            linted_by_workers.append(path)
            yield path, result

    monkeypatch.setattr(workers, "lint_parallel", spy)
    outcome = run([str(news)], ConfigResolver(), jobs=0, use_cache=True)
    assert len(linted_by_workers) == 30 and all("/_news/_news/" in p for p in linted_by_workers)
    assert _dicts(outcome) == _dicts(run([str(news)], ConfigResolver(), jobs=1)) and outcome.files == 60


def test_real_paths_are_os_realpath_through_linked_folders_and_files(tmp_path):
    from linter.run.runner import RealPaths
    (tmp_path / "site" / "_news").mkdir(parents=True)
    (tmp_path / "site" / "_news" / "a.md").write_text("x")
    (tmp_path / "linked-site").symlink_to(tmp_path / "site")
    (tmp_path / "site" / "_news" / "b.md").symlink_to(tmp_path / "site" / "_news" / "a.md")
    (tmp_path / "jump").symlink_to(tmp_path / "site" / "_news")
    real_path = RealPaths()
    for path in ("site/_news/a.md", "linked-site/_news/a.md", "linked-site/_news/b.md", "site/_news/missing.md",
                 "site/../site/_news/a.md", "jump/../_news/a.md"):
        full = str(tmp_path / path)
        assert real_path(full) == os.path.realpath(full), path
    assert real_path(str(tmp_path / "linked-site/_news/b.md")) == os.path.realpath(tmp_path / "site" / "_news" / "a.md")
