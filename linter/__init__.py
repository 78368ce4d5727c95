"""frontmatter-lint: a schema validator and linter for the YAML front matter of content files.

    from linter import lint_paths, lint_text
    for d in lint_paths(["_news/"]):
        print(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}")

Importing the package is cheap: YAML and JSON Schema are loaded on the first lint.
"""
__version__ = "0.1.0"

from linter.api import lint_paths, lint_text  # noqa: E402 - light: imports happen inside the functions
from linter.model.diagnostics import Diagnostic, Fix  # noqa: E402

__all__ = ["lint_paths", "lint_text", "Diagnostic", "Fix", "ConfigError", "SchemaError", "__version__"]


def __getattr__(name):  # PEP 562: the exception classes without importing their modules up front
    if name == "ConfigError":
        from linter.config import ConfigError
        return ConfigError
    if name == "SchemaError":
        from linter.schemas.loader import SchemaError
        return SchemaError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
