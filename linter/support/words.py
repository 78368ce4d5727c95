"""Words for messages: a number with its noun."""
from __future__ import annotations


def counted(number: int, noun: str, plural: str = "") -> str:
    """`1 file`, `2 files`; `plural` where the noun does not take an `s` (`fix`, `fixes`)."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
