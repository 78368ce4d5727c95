"""A rule's documentation for the editor: the link a diagnostic carries (`codeDescription`)
and the text a hover shows.

The rules are documented in their docstrings (`lint rule CODE` prints them); there is no
documentation site. So the link is, by default, the rule's declaration in the installed
package (`file://…/linter/rules/urls.py#L120`: editors open it at that line), and a client
can give a template of its own (`initializationOptions.ruleDocsUrl`, e.g.
`https://example.org/rules/{code}.html`; `{code}` and `{name}` are filled in).
"""
from __future__ import annotations

import functools
import os

from linter import rules


@functools.lru_cache(maxsize=None)
def _declaration(code: str) -> str | None:
    """`file://` URI of the line declaring the rule (`@rule("CODE", …)`), or None."""
    rule = rules.get(code)
    if rule is None:
        return None
    path = os.path.join(os.path.dirname(os.path.abspath(rules.__file__)), f"{rule.family}.py")
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.lstrip().startswith(f'@rule("{code}"'):
                    break
            else:
                number = 1
    except OSError:
        return None
    from pygls.uris import from_fs_path
    return f"{from_fs_path(path)}#L{number}"


def href(code: str, template: str | None = None) -> str | None:
    """Where the rule's documentation is, or None for an unknown code."""
    rule = rules.get(code)
    if rule is None:
        return None
    if template:
        return template.replace("{code}", rule.code).replace("{name}", rule.name)
    return _declaration(rule.code)


def summary_markdown(code: str) -> str | None:
    """`CODE name` (severity, fix) and the rule's one-line summary, as a hover shows it."""
    rule = rules.get(code)
    if rule is None:
        return None
    fix = f"; fix: {rule.fix}" if rule.fix else ""
    return f"**{rule.code}** `{rule.name}` ({rule.severity}{fix}): {rule.summary}\n\n`lint rule {rule.code}` has the full documentation."
