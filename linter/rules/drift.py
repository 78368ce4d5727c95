"""DRF: drift across the records of a collection, judged from the records alone (no schema).

A collection is a Jekyll collection of the site's `_config.yml`, else the record's folder (a
page bundle's `index.md` counts in the folder above: `infer/records.py`). Each record without a
closed schema gives one index entry per top-level key: the key and the kind of its value, never
the value. Once every record is read, the run loop (`run/runner.py`) hands the entries to
`judge`, which asks `infer/outliers.py` what is out of line, the same judgement that leaves
outliers out of an inferred schema.
"""
from __future__ import annotations

import os
from collections import Counter

from linter.model.diagnostics import Diagnostic
from linter.rules import REGISTRY, rule
from linter.schemas.reader import top_level_keys

DRIFT = "DRF"   # the kind of the index entries: a record's key and the kind of its value
MISSPELT_KEY = "DRF001"
INCONSISTENT_VALUE_TYPE = "DRF002"
CODES = (MISSPELT_KEY, INCONSISTENT_VALUE_TYPE)


@rule("DRF001", "misspelt-key", "warning", stage=True,
      options={"min-records": 20, "max-rare-share": 0.02, "min-common-share": 0.25})
def misspelt_key():
    """A rare key that looks like a misspelling of a common key of the same collection.

    **What it does.** In each collection of at least `min-records` records without a closed
    schema (a Jekyll collection, else a folder), compares the top-level keys. A key found in at
    most `max-rare-share` of the records (at least one) is reported at the key, naming the
    common one, when a key of at least `min-common-share` of the records (and ten times as many)
    differs from it only in case, in separators (`feature_image`, `featureImage`), as singular
    and plural (`attachment`, `attachments`), or by one edit (two for names of 9 letters or
    more; names shorter than 5 letters are compared by the other ways only). Keys that differ
    in their digits (`image2`) and keys one record holds side by side are not misspellings, nor
    are keys differing only in case in a Hugo site (`hugo.toml`, `config/_default/`, or a
    `config.*` beside `content/` that is not Zola's), which reads `Keywords` as `keywords`.
    Raised by `linter/rules/drift.py` (`judge`), once every file is read.

    **Why it matters.** A misspelt key is silently ignored by the site: the attachment list or
    the image the author wrote never shows, and no build fails.

    **Fails**
    ```
    # _posts/2021-03-04-a.md (and 400 other posts write `attachments`)
    attachment: [report.pdf]
    ```
    **Passes**: the key written as the collection writes it.

    Options: `min-records` (20), `max-rare-share` (0.02), `min-common-share` (0.25).
    """


@rule("DRF002", "inconsistent-value-type", "warning", stage=True, options={"min-records": 20, "min-share": 0.95})
def inconsistent_value_type():
    """A value of another kind than the same key holds in nearly every record of the collection.

    **What it does.** In each collection without a closed schema, for each top-level key held
    by at least `min-records` records, finds the kind of value at least `min-share` of them
    hold (text, a date/time, an integer, a number, a boolean, a list, a mapping; text that is a
    YAML timestamp counts as a date/time, quoted or not) and reports each value of another kind,
    at the value. A blank value (`key:`, `key: ""`) is not a kind, and integers among numbers
    are numbers.
    Raised by `linter/rules/drift.py` (`judge`), once every file is read.

    **Why it matters.** Templates and tools read a key as the kind they expect: a `date`
    written as `March 5, 2021` where every other post has a timestamp sorts wrongly or breaks
    the build, and `version: 3.0` is the number 3 where the others are text like `"3.1.2"`.

    **Fails**
    ```
    # _posts/2021-03-04-a.md (every other post: date: 2021-03-05 10:00:00 +0100)
    date: March 4, 2021
    ```
    **Passes**: `date: 2021-03-04 09:00:00 +0100`.

    Options: `min-records` (20), `min-share` (0.95).
    """


def applies(ctx) -> bool:
    """Records without a closed schema drift unseen: no schema, or one that admits other keys."""
    if ctx.schema is None:
        return True
    return top_level_keys(ctx.schema) is None


def entries(ctx) -> list:
    """One index entry per top-level key: the collection, the kind of the value, the key."""
    from linter.infer.outliers import kind_of
    from linter.infer.records import collection_key
    from linter.model.pointers import escape
    from linter.rules.crossfile import Entry
    record = ctx.record
    if not record:
        return []
    scope = collection_key(os.path.abspath(ctx.path), ctx.site)[0]
    if scope is None:
        return []  # a section's own page: no collection's record
    return [Entry(DRIFT, scope, kind_of(value), ctx.display, ctx.path, "/" + escape(key))
            for key, value in record.items() if isinstance(key, str)]


def judge(index, settings_for, locate, locate_key) -> list:
    """DRF001 and DRF002 for the drift entries of `index`; `locate(entry)` gives the value's
    Position, `locate_key(entry)` the key's."""
    from linter.infer.outliers import KIND_NAMES, Thresholds, compatible, misspelt_keys, odd_kinds
    from linter.model.pointers import unescape
    from linter.site.root import in_hugo_site
    by_scope: dict = {}
    for entry in index:
        if entry.kind == DRIFT:
            by_scope.setdefault(entry.scope, {}).setdefault(entry.path, []).append(entry)
    found = []
    for scope, records in sorted(by_scope.items()):
        settings = settings_for(min(records))
        option = settings.option
        misspelt = {}
        if settings.enabled(MISSPELT_KEY):
            rule = REGISTRY[MISSPELT_KEY]
            misspelt = misspelt_keys(
                [frozenset(unescape(e.pointer[1:]) for e in group) for group in records.values()],
                Thresholds(option(rule, "min-records"), option(rule, "max-rare-share"),
                           option(rule, "min-common-share")),
                ignore_case=in_hugo_site(os.path.dirname(os.path.abspath(min(records)))))
        odd = {}
        if settings.enabled(INCONSISTENT_VALUE_TYPE):
            rule = REGISTRY[INCONSISTENT_VALUE_TYPE]
            kinds: dict = {}
            for group in records.values():
                for e in group:
                    counter = kinds.setdefault(e.pointer, {})
                    counter[e.key] = counter.get(e.key, 0) + 1
            odd = odd_kinds({k: Counter(v) for k, v in kinds.items()},
                            Thresholds(min_records=option(rule, "min-records"), min_kind_share=option(rule, "min-share")))
        if not misspelt and not odd:
            continue
        name = _collection_name(scope, settings)
        for path, group in sorted(records.items()):
            for entry in group:
                key = unescape(entry.pointer[1:])
                if key in misspelt:
                    usual = misspelt[key]
                    found.append(_diagnostic(
                        settings_for(path), MISSPELT_KEY, entry, locate_key(entry),
                        f"`{key}` is in {usual.rare_count} of {len(records)} records of {name}, "
                        f"`{usual.common}` in {usual.common_count} ({usual.reason}): did you mean `{usual.common}`?"))
                elif entry.pointer in odd and not compatible(entry.key, odd[entry.pointer][0].usual):
                    usual = odd[entry.pointer][0]
                    found.append(_diagnostic(
                        settings_for(path), INCONSISTENT_VALUE_TYPE, entry, locate(entry),
                        f"`{key}` is {KIND_NAMES.get(entry.key, entry.key)} here, but "
                        f"{KIND_NAMES[usual.usual]} in {usual.count} of {usual.total} records of {name}"))
    return [d for d in found if d is not None]


def _diagnostic(settings, code: str, entry, position, message: str):
    if not settings.enabled(code, entry.path):
        return None
    severity = settings.severity_of(code, REGISTRY[code].severity)
    if severity == "off":
        return None
    line, column, end_line, end_column = position
    return Diagnostic(entry.display, line, column, end_line, end_column, code, severity, message, entry.pointer)


def _collection_name(scope: str, settings) -> str:
    """The collection's folder as the user knows it: from the configuration's folder, or the
    current one without a configuration (a site may hold one `docs/` per language); its own
    name when it lies outside."""
    relative = settings.relative(scope)
    if relative in ("", ".", "..") or relative.startswith("../"):
        return f"{os.path.basename(scope) or scope}/"
    return f"{relative}/"
