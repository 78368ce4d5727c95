"""SITE: the site's own files that the linter reads — Jekyll's `_config.yml` and the targets
of references. A file that cannot be read is reported at its line and the run goes on without
it (`linter/site/`)."""
from __future__ import annotations

from linter.rules import rule


@rule("SITE001", "site-config-unreadable", stage=True)
def site_config_unreadable():
    """The site's `_config.yml` cannot be read or parsed.

    **What it does.** Reports Jekyll's configuration, at the line and column of the problem,
    when it is not readable UTF-8 text, is not valid YAML, is over the limits or is not a
    mapping. The site is then linted without it: no front-matter defaults, no site address
    for local files. Raised by `linter/site/jekyll.py` (`read_config`), reported once a run by
    `linter/run/runner.py`.

    **Why it matters.** Jekyll refuses to build the site too; and every check that needs the
    site's configuration is silently weaker until it is fixed.

    **Fails**
    ```
    # _config.yml
    defaults:
      - scope: {path: ""
    ```
    **Passes**: a `_config.yml` Jekyll can read.
    """


@rule("SITE002", "reference-target-unreadable", stage=True)
def reference_target_unreadable():
    """A file that defines reference names cannot be read or parsed.

    **What it does.** Reports a target file of a reference (REF001: a data file such as
    `_data/topics/power-apps.yaml`, or a record) that is not readable, not valid YAML, JSON or
    TOML, or lies outside the site, at the problem's line. Its names are then missing, so
    records naming them may be reported too. Raised by `linter/rules/references.py`
    (`resolve`).

    **Why it matters.** Jekyll fails on the same file, or silently drops its entry from the
    site's data.

    **Fails**: `_data/topics/x.yaml` holding `name: [unclosed`.
    **Passes**: a readable data file.
    """
