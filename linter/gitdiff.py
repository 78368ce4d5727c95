"""`--diff REF`: which files changed since a git ref (placeholder: filled in by the ecosystem work)."""
from __future__ import annotations

import subprocess


def is_git_ref(ref: str) -> bool:
    try:
        done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
                              capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0
