"""Merge a collection's records into one schema: genson does the merging (types, nested
mappings, lists of mappings), with strategies of ours that also count and look at the values.

What each strategy adds to genson's plain types (the thresholds are documented in the README,
"Inferring a schema"):

- mappings: how many mappings have each key (`x-seen`, which `render.py` turns into the
  description placeholder), `required` for the keys every one of them has, and
  `additionalProperties: false`;
- text: a `format` when every value has it (`date-time` written as RFC 3339 with a `T` and a
  timezone, `date`, `uri` with `http(s)://`, `email`), an `enum` for a small set of repeated
  values, `x-site-path` on a URL key (`url`, `...Url`) where values are paths the site serves
  (`/assets/logo.png`, Hugo's `url: about/`: the URL rules accept them there), and
  `x-may-be-empty` where a value is `""` (CON005 accepts it there);
- numbers: the bounds seen (`minimum`, `maximum`).

The outliers (`outliers.py`: rare keys that look like misspellings of common ones, values of
another kind than nearly all) are left out of the records before they are merged, and listed.
"""
from __future__ import annotations

import math
import os
import re
from collections import Counter
from typing import NamedTuple

from linter.infer import outliers
from linter.schemas.patterns import LOCAL_OR_AWARE_DATE

# An `enum` is written for text values when the key has at least ENUM_MIN_VALUES of them, at most
# ENUM_MAX_DISTINCT distinct ones, each repeated: on average every value at least ENUM_MIN_REPEATS
# times, and none longer than ENUM_MAX_LENGTH characters (longer text is prose, not a choice).
ENUM_MIN_VALUES = 10
ENUM_MAX_DISTINCT = 10
ENUM_MIN_REPEATS = 3
ENUM_MAX_LENGTH = 40

_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_HTTP = re.compile(r"https?://[^\s/?#]+[^\s]*\Z")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}\Z")


class Outlier(NamedTuple):
    display: str
    pointer: str
    message: str


class Merged(NamedTuple):
    schema: dict        # genson's schema with our keywords, before rendering
    records: int
    outliers: list      # Outlier, by file and pointer


def _formats(value: str) -> int:
    """The formats `value` has, as bits of FORMATS."""
    text = getattr(value, "source", None) or value  # a timestamp as written
    found = 0
    if _DATE_TIME.match(text):
        from linter.schemas.formats import is_rfc3339
        if is_rfc3339(text):
            found |= 1
    elif _DATE.match(text):
        found |= 2
    if _HTTP.match(value):
        from linter.schemas.formats import is_uri
        if is_uri(value):
            found |= 4
    if "@" in value and _EMAIL.match(value):
        found |= 8
    return found


def _is_site_path(value: str) -> bool:
    """A path of the site rather than a URL: no scheme, not `//host`, not `www.host/...`."""
    from linter.rules.urlparts import LOOKS_LIKE_HOST
    value = value.strip()
    return (bool(value) and not value.startswith("//") and ":" not in value.split("/", 1)[0]
            and not re.match(LOOKS_LIKE_HOST, value))


FORMATS = ((1, "date-time"), (2, "date"), (4, "uri"), (8, "email"))
_ALL_FORMATS = 15
_DATE_FORMATS = 3
_LOCAL_OR_AWARE_DATE = re.compile(LOCAL_OR_AWARE_DATE)


def _builder_class():
    """A genson SchemaBuilder with our strategies (genson is imported only when inferring)."""
    from genson import SchemaBuilder
    from genson.schema.strategies import Boolean, List, Null, Number, Object, String

    class Text(String):
        KEYWORDS = String.KEYWORDS + ("format", "enum", "x-site-path", "x-may-be-empty")

        def __init__(self, node_class):
            super().__init__(node_class)
            self.formats = _ALL_FORMATS
            self.values: Counter = Counter()
            self.count = 0
            self.choices = True     # still a candidate for an enum
            self.site_paths = False  # a value is a path the site serves (`/assets/logo.png`, `about/`)
            self.empty = False      # a value is "" or only whitespace
            self.dates = True       # every value is a date or a date-time (some the one, some the other)
            self.any_dates = True   # every value is a date or a date-time, with or without an offset

        def add_object(self, obj):
            self.count += 1
            if not self.site_paths and _is_site_path(obj):
                self.site_paths = True
            if not obj.strip():
                self.empty = True
            if self.formats or self.dates:
                formats = _formats(obj)
                self.formats &= formats
                self.dates = self.dates and bool(formats & _DATE_FORMATS)
            if self.any_dates:
                self.any_dates = _LOCAL_OR_AWARE_DATE.match(getattr(obj, "source", None) or obj) is not None
            if self.choices:
                if len(obj) > ENUM_MAX_LENGTH or outliers.kind_of(obj) == "timestamp":
                    # a timestamp is compared as written on one path and as RFC 3339 on the other
                    self.choices = False
                else:
                    self.values[str(obj)] += 1
                    self.choices = len(self.values) <= ENUM_MAX_DISTINCT

        def to_schema(self):
            schema = super().to_schema()
            for bit, name in FORMATS:
                if self.formats & bit:
                    schema["format"] = name
                    break
            else:
                if self.dates and self.count:
                    # Dates and date-times mixed (`date = 2017-04-28` in one record, a date-time in the
                    # next): either, as Hugo reads both; a TOML date is then no text where one is due.
                    schema["anyOf"] = [{"format": "date-time"}, {"format": "date"}]
                elif self.any_dates and self.count:
                    # Date-times without an offset among them (`2017-04-21T10:00:00`, TOML's local
                    # date-time): no format says "local", so the form is a pattern.
                    schema["pattern"] = LOCAL_OR_AWARE_DATE
            if (self.choices and self.count >= ENUM_MIN_VALUES
                    and len(self.values) * ENUM_MIN_REPEATS <= self.count and "format" not in schema
                    and "anyOf" not in schema and "pattern" not in schema):
                schema["enum"] = sorted(self.values)
            if self.site_paths:
                schema["x-site-path"] = True  # kept for URL keys only (render.py)
            if self.empty:
                schema["x-may-be-empty"] = True
            return schema

    class Numbers(Number):
        KEYWORDS = Number.KEYWORDS + ("minimum", "maximum")

        def __init__(self, node_class):
            super().__init__(node_class)
            self.low = self.high = None
            self.finite = True

        def add_object(self, obj):
            super().add_object(obj)
            if isinstance(obj, float) and not math.isfinite(obj):
                self.finite = False
            elif self.low is None:
                self.low = self.high = obj
            else:
                self.low, self.high = min(self.low, obj), max(self.high, obj)

        def to_schema(self):
            schema = super().to_schema()
            if self.finite and self.low is not None:
                schema["minimum"], schema["maximum"] = self.low, self.high
            return schema

    class Mapping(Object):
        KEYWORDS = Object.KEYWORDS + ("additionalProperties",)

        def __init__(self, node_class):
            super().__init__(node_class)
            self.seen: Counter = Counter()
            self.count = 0
            self.plain_keys = True  # a key that is not text (`2021:`) cannot be named by `properties`

        def add_object(self, obj):
            self.count += 1
            for key, value in obj.items():
                if isinstance(key, str):
                    self.seen[key] += 1
                    self._properties[key].add_object(value)
                else:
                    self.plain_keys = False

        def to_schema(self):
            schema = {"type": "object"}
            properties = {}
            for key, node in self._properties.items():
                sub = node.to_schema()
                sub["x-seen"] = [self.seen[key], self.count]
                properties[key] = sub
            if properties:
                schema["properties"] = properties
            required = sorted(k for k, n in self.seen.items() if n == self.count)
            if required:
                schema["required"] = required
            if self.plain_keys:
                schema["additionalProperties"] = False
            return schema

    class Builder(SchemaBuilder):
        STRATEGIES = (Null, Boolean, Numbers, Text, List, Mapping)

    return Builder


def merge(loaded: list, thresholds: outliers.Thresholds = outliers.DEFAULT) -> Merged:
    """The schema of the records `loaded` (records.Loaded), outliers left out and listed. In a
    Hugo site, which reads keys whatever their case, `keywords` beside `Keywords` is no outlier
    (as for the drift rules): the schema names both."""
    from linter.site.root import in_hugo_site
    key_sets = [frozenset(item.record) for item in loaded]
    ignore_case = bool(loaded) and in_hugo_site(os.path.dirname(os.path.abspath(min(i.path for i in loaded))))
    misspelt = outliers.misspelt_keys(key_sets, thresholds, ignore_case=ignore_case)
    kinds: dict = {}
    for item in loaded:
        for key, value in item.record.items():
            if isinstance(key, str):  # as the drift rules see records
                kinds.setdefault(key, Counter())[outliers.kind_of(value)] += 1
    odd = outliers.odd_kinds(kinds, thresholds)
    builder = _builder_class()(schema_uri=None)
    found = []
    for item in loaded:
        record = item.record
        if misspelt or odd:
            record, dropped = _without_outliers(record, misspelt, odd)
            found.extend(Outlier(item.display, pointer, message) for pointer, message in dropped)
        builder.add_object(record)
    if not loaded:
        builder.add_object({})
    return Merged(builder.to_schema(), len(loaded), sorted(found))


def _without_outliers(record: dict, misspelt: dict, odd: dict) -> tuple:
    from linter.model.pointers import escape
    kept, dropped = {}, []
    for key, value in record.items():
        if key in misspelt:
            usual = misspelt[key]
            dropped.append((f"/{escape(key)}", f"key `{key}` left out: {usual.common_count} records write "
                                                f"`{usual.common}` ({usual.reason})"))
            continue
        if key in odd:
            kind = outliers.kind_of(value)
            usual = odd[key][0]
            if not outliers.compatible(kind, usual.usual):
                dropped.append((f"/{escape(key)}", f"value left out: {outliers.KIND_NAMES[kind]}, where "
                                                    f"{usual.count} of {usual.total} records have "
                                                    f"{outliers.KIND_NAMES[usual.usual]}"))
                continue
        kept[key] = value
    return kept, dropped
