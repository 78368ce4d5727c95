"""Paths: whether one lies in a folder."""
from __future__ import annotations

import os


def inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies below it (both absolute and normalised)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
