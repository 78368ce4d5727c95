"""REF: values that must name something the site defines — a topic of its taxonomy, a person of
its `_people/`, a tag of `_data/tags.yml`.

References are rows of a table (`linter/site/checks.py`): configured with
`[[tool.frontmatter-lint.references]]`, plus the built-in row of a site with a topic taxonomy.
Records give index entries (`crossfile.collect`); `resolve` judges them once every record is
read, against the names the targets define (`linter/site/targets.py`), read once per run.
"""
from __future__ import annotations

from linter.model.diagnostics import Diagnostic
from linter.rules import REGISTRY, rule

# The codes raised by `resolve` once every record is read (SITE002 is documented in rules/site.py).
UNKNOWN_REFERENCE = "REF001"
REFERENCE_CASE_MISMATCH = "REF002"
REFERENCE_TARGET_UNREADABLE = "SITE002"
REFERENCE_CODES = (UNKNOWN_REFERENCE, REFERENCE_CASE_MISMATCH)


@rule("REF001", "unknown-reference", stage=True)
def unknown_reference():
    """A value that must name something the site defines names nothing.

    **What it does.** For each reference (a field, the files that define its names, and the
    key holding each name), reports a value no target defines, with the closest defined name
    when one is close. Configured as data:

    ```toml
    [[tool.frontmatter-lint.references]]
    field = "/topics/*"              # a JSON pointer; `*` for any list item or key
    target = "_data/topics/*.yaml"   # data files (YAML, JSON, TOML, CSV) or records (`_people/*.md`)
    key = "name"                     # the field holding each name; "$stem": the file name; "$keys": a data file's keys
    files = "_news/**"               # optional: the records it applies to
    ```

    Globs start from the configuration's folder. Built in: in a Jekyll site (where
    `_config.yml` is) with a `_data/topics/` folder, the `topics` of the pipeline's records
    refer to the topics' `name`s. With `--diff`, pre-commit and standard input, the targets
    are read from the whole site. A value differing from a name only in case or spaces is
    REF002 instead. Raised by `linter/rules/references.py` (`resolve`), once every file is
    linted.

    **Why it matters.** A topic, tag or author the site does not define renders as a dead
    link or an empty page, and its records are missing from the lists they should be in.

    **Fails**
    ```
    topics:
      - Power Automate     # not in _data/topics/
    ```
    **Passes**: every topic is the `name` of a file in `_data/topics/`.
    """


@rule("REF002", "reference-case-mismatch", stage=True)
def reference_case_mismatch():
    """A reference differs from a defined name only in case or spaces.

    **What it does.** Reports a referring value (see REF001) that no target defines as
    written, but one does when case and runs of spaces are ignored, naming the defined form.
    Raised by `linter/rules/references.py` (`resolve`).

    **Why it matters.** Liquid and most templates compare names exactly: `power apps` does not
    find the topic `Power Apps`, and the site shows two spellings of one thing.

    **Fails**
    ```
    topics:
      - power apps
    ```
    **Passes**: `- Power Apps`, as the taxonomy writes it.
    """


def resolve(entries, settings_for, locate, display_of) -> list[Diagnostic]:
    """Diagnostics for the reference entries that name nothing defined; `locate(entry)` gives
    an entry's Position, `display_of(path)` how to show a target file."""
    from linter.site.targets import defined_names, fold
    by_scope: dict = {}
    for entry in entries:
        if entry.kind == UNKNOWN_REFERENCE:
            by_scope.setdefault(entry.scope, []).append(entry)
    diagnostics = []
    for scope, group in by_scope.items():
        root, target, key = scope.split("\0")
        settings = settings_for(group[0].path)
        names = defined_names(root, target, key, settings.limits, settings.extensions)
        for problem in names.problems:
            diagnostics.append(Diagnostic(display_of(problem.path), problem.line, problem.column, problem.line,
                                          problem.column + 1, REFERENCE_TARGET_UNREADABLE,
                                          REGISTRY[REFERENCE_TARGET_UNREADABLE].severity,
                                          f"reference target cannot be read: {problem.message}"))
        if not names.files:
            continue  # nothing defines names (yet): no value can be judged
        for entry in group:
            if entry.key in names.names:
                continue
            found = _finding(entry, names, fold)
            if found is None:
                continue
            code, message = found
            settings = settings_for(entry.path)
            if not settings.enabled(code, entry.path):
                continue
            line, column, end_line, end_column = locate(entry)
            diagnostics.append(Diagnostic(entry.display, line, column, end_line, end_column, code,
                                          settings.severity_of(code, REGISTRY[code].severity), message,
                                          entry.pointer, value=entry.key))
    return diagnostics


def _finding(entry, names, fold):
    where = "`" + entry.pointer[1:].replace("/", ".").replace("~1", "/").replace("~0", "~") + "`"
    same = names.folded.get(fold(entry.key))
    if same:
        return REFERENCE_CASE_MISMATCH, f"{where} {entry.key!r} is written differently from the defined {same[0]!r}"
    import difflib
    close = difflib.get_close_matches(entry.key, sorted(names.names), n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    _, target, key = entry.scope.split("\0")
    return UNKNOWN_REFERENCE, f"{where} {entry.key!r} is not a `{key}` defined in {target}{hint}"
