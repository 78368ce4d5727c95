"""Bounds that keep hostile YAML away from parsers that would crash on it.

libyaml's composer (PyYAML) and yaml-rs both recurse natively: nesting tens of thousands of
levels deep overflows the C stack, a segmentation fault no exception handler can catch. Both
are safe at SAFE_NESTING levels (measured: they crash only beyond ~20,000). `nesting_bound`
costs a few `str.count` calls, so every file pays almost nothing; only files whose bound is
above SAFE_NESTING have their real depth measured, from PyYAML's iterative event stream.
"""
from __future__ import annotations

import math

SAFE_NESTING = 5000


def nesting_bound(yaml_text: str) -> int:
    """An upper bound on the nesting depth: each level needs an indicator (`[ { - ? :`) or one
    more column of indentation than the level above (k levels of that take k²/2 characters)."""
    size = len(yaml_text)
    if size < SAFE_NESTING // 2:  # no count needed: there are at most `size` indicators
        return size + math.isqrt(2 * size) + 1
    indicators = sum(yaml_text.count(c) for c in "[{-?:")
    return indicators + math.isqrt(2 * size) + 1
