"""Standard input linted as a named file, and `--diff REF`: only changed files are reported,
while cross-file checks still compare them with the whole tree."""
import io
import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ARTICLE, ROOT, line_of
from linter.cli import main

BAD = ARTICLE.replace("quality: 64", "quality: x")


def test_stdin_is_linted_as_the_named_file(tmp_path):
    done = subprocess.run([sys.executable, "-m", "linter", "-", "--stdin-filename", "_news/x.md"],
                          input=BAD, capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": ROOT})
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith(f"_news/x.md:{line_of(BAD, 'quality: x')}:10: SCH003 ")
    assert "1 file checked: 1 error in 1 file" in done.stdout


def test_stdin_filename_decides_the_schema(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    record = BAD.replace("category: news\n", "")  # so that only the path can select the schema
    for name, expected in (("_news/x.md", 1), ("pages/x.md", 0)):  # only _news/ gets the article schema
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(record.encode())))
        assert main(["--format", "json", "--stdin-filename", name]) == expected  # `-` is implied
        diagnostics = json.loads(capsys.readouterr().out)
        assert {d["path"] for d in diagnostics} == ({name} if expected else set())
        assert ("SCH003" in {d["code"] for d in diagnostics}) is bool(expected)


def test_stdin_without_a_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"---\na: [\n---\n")))
    assert main(["-"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:")


# --- --diff REF --------------------------------------------------------------------------------

def git(cwd, *args):
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Test")
    git(tmp_path, "config", "user.email", "test@example.com")
    news = tmp_path / "_news"
    news.mkdir()
    (news / "old-bad.md").write_text(BAD.replace("ferry-night-service/", "old-bad/"))
    (news / "old-good.md").write_text(ARTICLE.replace("ferry-night-service/", "shared-url/"))
    (news / "edited.md").write_text(ARTICLE.replace("ferry-night-service/", "edited/"))
    (tmp_path / ".gitignore").write_text("ignored/\n")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_diff_reports_only_changed_files_but_compares_with_the_whole_tree(repo, capsys):
    news = repo / "_news"
    # Changed since HEAD: one edited (unstaged), one staged, one untracked; one ignored file.
    (news / "edited.md").write_text(BAD.replace("ferry-night-service/", "edited/"))
    (news / "staged.md").write_text(BAD.replace("ferry-night-service/", "staged/"))
    git(repo, "add", "_news/staged.md")
    (news / "new.md").write_text(ARTICLE.replace("ferry-night-service/", "shared-url/"))  # duplicates old-good
    (repo / "ignored").mkdir()
    (repo / "ignored" / "x.md").write_text("---\na: [\n---\n")
    assert main(["--format", "json", "--diff", "HEAD", "."]) == 1
    diagnostics = json.loads(capsys.readouterr().out)
    found = sorted((d["path"], d["code"]) for d in diagnostics)
    assert found == [("_news/edited.md", "SCH003"), ("_news/new.md", "XF001"), ("_news/staged.md", "SCH003")]
    [dup] = [d for d in diagnostics if d["code"] == "XF001"]
    assert "_news/old-good.md" in dup["message"]


def test_diff_against_an_older_commit_includes_committed_changes(repo, capsys):
    (repo / "_news" / "later.md").write_text(BAD.replace("ferry-night-service/", "later/"))
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "later")
    assert main(["--format", "json", "--diff", "HEAD~1", "_news"]) == 1
    assert [d["path"] for d in json.loads(capsys.readouterr().out)] == ["_news/later.md"]
    assert main(["--format", "json", "--diff", "HEAD", "_news"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out) == []


def test_diff_outside_a_repository_or_with_a_bad_ref_exits_two(tmp_path, monkeypatch, capsys):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    monkeypatch.chdir(tmp_path)
    assert main(["--diff", "HEAD", "."]) == 2
    assert "lint: error:" in capsys.readouterr().err


def test_changed_files_names_the_folder_that_is_not_a_repository(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    from linter.run.gitdiff import GitError, changed_files
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    with pytest.raises(GitError, match="not inside a git repository"):
        changed_files("HEAD", [str(tmp_path)])


def test_diff_from_outside_the_repository(repo, tmp_path_factory, monkeypatch, capsys):
    (repo / "_news" / "edited.md").write_text(BAD.replace("ferry-night-service/", "edited/"))
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(elsewhere.parent))
    monkeypatch.chdir(elsewhere)
    assert main(["--format", "json", "--diff", "HEAD", str(repo / "_news")]) == 1
    assert [os.path.basename(d["path"]) for d in json.loads(capsys.readouterr().out)] == ["edited.md"]
