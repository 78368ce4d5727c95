"""pitfalls rules."""
from . import rule  # noqa: F401
