"""The pre-commit hook, used for real: a throwaway content repository runs `pre-commit try-repo`
against this checkout, then installs the hook from a local clone and commits. A commit with a bad
record is refused; the fixed record commits.

pre-commit builds the hook's environment with pip (this package and its dependencies, from the
package index) once per session, in a temporary PRE_COMMIT_HOME.
"""
import os
import shutil
import subprocess
import sys

import pytest

from conftest import ARTICLE, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BAD = ARTICLE.replace("type: article", "type: artcle")
CONFIG = """repos:
  - repo: {repo}
    rev: {rev}
    hooks: [{{id: frontmatter-lint}}]
"""


def _run(args, cwd, env, check=True):
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    if check and done.returncode != 0:
        raise AssertionError(f"{args} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done


def _pre_commit(*args, cwd, env, check=True):
    return _run([sys.executable, "-m", "pre_commit", *args], cwd, env, check)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    pytest.importorskip("pre_commit")
    home = tmp_path_factory.mktemp("home")
    (home / "gitconfig").write_text("[user]\n\tname = Content Editor\n\temail = editor@example.com\n"
                                    "[init]\n\tdefaultBranch = main\n")
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    environ.update(GIT_CONFIG_GLOBAL=str(home / "gitconfig"), GIT_CONFIG_NOSYSTEM="1",
                   PRE_COMMIT_HOME=str(home / "pre-commit-cache"))
    return environ


@pytest.fixture(scope="module")
def clone(tmp_path_factory, env):
    """A local clone of this checkout as it stands (uncommitted work included), at one commit."""
    target = tmp_path_factory.mktemp("frontmatter-lint-clone")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, env=env)
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode().split("\0") if n and os.path.isfile(os.path.join(ROOT, n))]
        for name in names:
            os.makedirs(target / os.path.dirname(name), exist_ok=True)
            shutil.copy2(os.path.join(ROOT, name), target / name)
    else:  # not a git checkout (an unpacked archive): copy the sources
        shutil.copytree(ROOT, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".git", ".venv", ".ci-venv", "*.egg-info", "build", "__pycache__",
                                                      ".pytest_cache", ".hypothesis", ".frontmatter-lint-cache"))
    assert (target / ".pre-commit-hooks.yaml").is_file()
    _run(["git", "init", "-q"], target, env)
    _run(["git", "add", "-A"], target, env)
    _run(["git", "commit", "-q", "-m", "snapshot"], target, env)
    rev = _run(["git", "rev-parse", "HEAD"], target, env).stdout.strip()
    return target, rev


@pytest.fixture
def content_repo(tmp_path, env):
    repo = tmp_path / "site"
    (repo / "_news").mkdir(parents=True)
    _run(["git", "init", "-q"], repo, env)
    (repo / "README.md").write_text("# A site\n")
    _run(["git", "add", "-A"], repo, env)
    _run(["git", "commit", "-q", "-m", "start"], repo, env)
    return repo


def test_try_repo_then_commit_time_hook(content_repo, clone, env):
    clone_path, rev = clone
    record = content_repo / "_news" / "2021-04-20-ferry.md"

    # 1. `pre-commit try-repo` against this checkout (pre-commit snapshots uncommitted changes to
    # tracked files itself; with new files not yet added, against the clone that has them): with a
    # bad record staged it fails, naming the defect.
    record.write_text(BAD)
    _run(["git", "add", "-A"], content_repo, env)
    untracked = _run(["git", "ls-files", "--others", "--exclude-standard"], ROOT, env, check=False)
    use_checkout = untracked.returncode == 0 and not untracked.stdout.strip()
    target = [ROOT, "frontmatter-lint"] if use_checkout else [str(clone_path), "frontmatter-lint", "--ref", rev]
    tried = _pre_commit("try-repo", *target, cwd=content_repo, env=env, check=False)
    output = tried.stdout + tried.stderr
    assert tried.returncode == 1, output
    assert "_news/2021-04-20-ferry.md:9:7: SCH004" in output and "Failed" in output

    # 2. The three-line configuration, installed as a git hook: `git commit` is refused...
    (content_repo / ".pre-commit-config.yaml").write_text(CONFIG.format(repo=clone_path, rev=rev))
    _pre_commit("install", cwd=content_repo, env=env)
    _run(["git", "add", "-A"], content_repo, env)
    refused = _run(["git", "commit", "-m", "add ferry story"], content_repo, env, check=False)
    assert refused.returncode != 0, refused.stdout + refused.stderr
    assert "SCH004" in refused.stdout + refused.stderr
    assert _run(["git", "rev-list", "--count", "HEAD"], content_repo, env).stdout.strip() == "1"

    # ...and once the record is fixed, the commit goes through with the hook passing.
    record.write_text(ARTICLE)
    _run(["git", "add", "-A"], content_repo, env)
    accepted = _run(["git", "commit", "-m", "add ferry story"], content_repo, env, check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "frontmatter-lint" in accepted.stdout + accepted.stderr and "Passed" in accepted.stdout + accepted.stderr
    assert _run(["git", "rev-list", "--count", "HEAD"], content_repo, env).stdout.strip() == "2"

    # Files the hook does not cover (not Markdown or HTML) are skipped.
    (content_repo / "notes.txt").write_text("---\na: [\n---\n")
    _run(["git", "add", "-A"], content_repo, env)
    skipped = _run(["git", "commit", "-m", "notes"], content_repo, env, check=False)
    assert skipped.returncode == 0 and "Skipped" in skipped.stdout + skipped.stderr


def test_fix_hook_repairs_the_record_and_stops_the_commit_once(content_repo, clone, env):
    clone_path, rev = clone
    record = content_repo / "_news" / "2021-04-20-ferry.md"
    fixable = ARTICLE.replace("ferry.jpg", "ferry.jpg?w=1200&#038;strip=all")
    record.write_text(fixable)
    (content_repo / ".pre-commit-config.yaml").write_text(
        CONFIG.format(repo=clone_path, rev=rev).replace("id: frontmatter-lint}", "id: frontmatter-lint-fix}"))
    _pre_commit("install", cwd=content_repo, env=env)
    _run(["git", "add", "-A"], content_repo, env)
    stopped = _run(["git", "commit", "-m", "add ferry story"], content_repo, env, check=False)
    assert stopped.returncode != 0, stopped.stdout + stopped.stderr
    assert "files were modified by this hook" in stopped.stdout + stopped.stderr
    assert record.read_text() == ARTICLE.replace("ferry.jpg", "ferry.jpg?w=1200&strip=all")
    _run(["git", "add", "-A"], content_repo, env)
    accepted = _run(["git", "commit", "-m", "add ferry story"], content_repo, env, check=False)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
