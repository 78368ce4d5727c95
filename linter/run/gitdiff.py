"""`--diff REF`: which files changed since a git ref.

"Changed since REF" means what a reviewer would see: the working tree compared with REF, so
committed, staged and unstaged changes all count, plus untracked files git does not ignore.
Deleted files are left out (there is nothing to lint). Git runs in the repository holding each
linted path, so `lint --diff main ../site/` works from anywhere.
"""
from __future__ import annotations

import os
import subprocess

TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - annotations only
    from collections.abc import Iterable


class GitError(Exception):
    """`--diff REF` cannot be answered: no git, not a repository, or an unknown ref (exit code 2)."""


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=60)
    except FileNotFoundError:
        raise GitError("--diff needs git, and git is not installed") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"cannot run git: {exc}") from None


def is_git_ref(ref: str, cwd: str = ".", paths: Iterable[str] = ()) -> bool:
    """Whether `ref` names a commit in the repository of `cwd`, or of any of `paths`."""
    folders = [cwd] + [_existing_folder(p) for p in paths if p != "-"]
    for folder in dict.fromkeys(folders):
        try:
            done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                                  capture_output=True, text=True, timeout=10, cwd=folder)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0:
            return True
    return False


def _existing_folder(path: str) -> str:
    folder = os.path.abspath(path)
    while not os.path.isdir(folder):
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return folder


def repository_root(path: str) -> str:
    """The top folder of the work tree holding `path`; GitError when there is none."""
    done = _git(["rev-parse", "--show-toplevel"], _existing_folder(path))
    if done.returncode != 0:
        raise GitError(f"--diff: {path} is not inside a git repository")
    return done.stdout.decode("utf-8", "surrogateescape").strip()


def _names(output: bytes, top: str) -> set[str]:
    names = output.decode("utf-8", "surrogateescape").split("\0")
    return {os.path.realpath(os.path.join(top, name)) for name in names if name}


def changed_files(ref: str, paths: Iterable[str]) -> set[str]:
    """Real paths of the files changed since `ref` in every repository holding one of `paths`."""
    changed: set[str] = set()
    tops = {repository_root(p) for p in paths if p != "-"} or {repository_root(".")}
    for top in sorted(tops):
        if not is_git_ref(ref, top):
            raise GitError(f"--diff {ref}: not a commit in the repository at {top}")
        diff = _git(["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", ref, "--"], top)
        if diff.returncode != 0:
            message = diff.stderr.decode("utf-8", "replace").strip()
            raise GitError(f"--diff {ref}: git diff failed: {message}")
        changed |= _names(diff.stdout, top)
        untracked = _git(["ls-files", "-z", "--others", "--exclude-standard"], top)
        if untracked.returncode == 0:
            changed |= _names(untracked.stdout, top)
    return {path for path in changed if os.path.exists(path)}
