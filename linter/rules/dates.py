"""DAT: dates — timezone, RFC 3339 form, plausible range, agreement with the file name.

Checked values are every field the record's schema declares with `format: date-time`
(`publishedDateTime` and `related[].publishedDateTime` in the article schema), found once per
schema by the schema reader (`schemas/reader.py`). Values are read as written: on the fast
path a timestamp is the source text, on the reference path an unquoted one is a `Timestamp`
whose `.source` is that text, so both paths see the same thing. One regex reads every form
YAML accepts as a timestamp plus the RFC 3339 and ISO 8601 variants people type; anything it
cannot read is left to the schema (SCH005).

Cost: a record's dates are found once (DAT001) and kept on the context for the other rules; a
date in the common form `YYYY-MM-DDTHH:MM:SSZ` (nearly every one) decides DAT001, DAT003 and
DAT005 without parsing, DAT002 when it is two calendar years back, and DAT004 when it is the
file name's date.

The current time comes from `now()`, which tests replace.
"""
from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta, timezone

from linter.model.pointers import escape
from linter.rules import rule
from linter.schemas import reader
from linter.schemas.formats import is_rfc3339

# YAML 1.1 timestamps (`2020-7-5 1:05:00 +2`, `2020-07-15t21:05:00.Z`), RFC 3339 (`z`, space
# separator) and ISO 8601 basic offsets (`+0530`). Groups: year, month, day, hour, minute,
# second, fraction, offset.
_TIMESTAMP = re.compile(
    r"[ \t]*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"
    r"(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]*))?"
    r"(?:[ \t]*([Zz]|[-+][0-9]{2}(?::?[0-9]{2})?|[-+][0-9](?::[0-9]{2})?))?)?[ \t]*\Z")
# The one form every reader agrees on, and the form the fix writes.
_CANONICAL = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?"
                        r"(?:Z|[-+][0-9]{2}:[0-9]{2})\Z")
_FILE_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})-")

# Where the article schema keeps dates, for a schema that cannot be read here.
_DEFAULT_PATHS = (("publishedDateTime",), ("related", None, "publishedDateTime"))


def now() -> datetime:
    """The current time, timezone-aware (UTC). Tests monkeypatch this."""
    return datetime.now(timezone.utc)


# --- reading dates ---------------------------------------------------------------------------

DATE_ONLY, NAIVE, AWARE = "date", "naive", "aware"


class Parsed:
    """A timestamp as written: its kind, the instant (naive values taken as UTC) and the
    local calendar date as written."""

    __slots__ = ("kind", "moment", "match")

    def __init__(self, kind: str, moment: datetime, match):
        self.kind, self.moment, self.match = kind, moment, match

    @property
    def written_date(self) -> date:
        year, month, day = self.match.group(1, 2, 3)
        return date(int(year), int(month), int(day))

    def rfc3339(self, assume_utc: bool = False) -> str:
        """The same instant and offset as `YYYY-MM-DDTHH:MM:SS[.f](Z|±HH:MM)`."""
        year, month, day, hour, minute, second, fraction, offset = self.match.groups()
        if hour is None:
            hour, minute, second = "0", "00", "00"
        text = f"{year}-{int(month):02d}-{int(day):02d}T{int(hour):02d}:{minute}:{second}"
        if fraction:
            text += "." + fraction
        if offset is None:
            return text + "Z" if assume_utc else text
        if offset in "Zz":
            return text + "Z"
        digits = offset[1:].replace(":", "")
        hours, minutes = (digits, "00") if len(digits) <= 2 else (digits[:-2], digits[-2:])
        return f"{text}{offset[0]}{int(hours):02d}:{minutes}"


def parse(text: str):
    """A `Parsed`, or None when `text` is not a valid date or timestamp."""
    match = _TIMESTAMP.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, _, offset = match.groups()
    try:
        if hour is None:
            return Parsed(DATE_ONLY, datetime(int(year), int(month), int(day), tzinfo=timezone.utc), match)
        if offset is None:
            tz, kind = timezone.utc, NAIVE
        elif offset in "Zz":
            tz, kind = timezone.utc, AWARE
        else:
            digits = offset[1:].replace(":", "")
            hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
            if hours > 23 or minutes > 59:
                return None
            delta = timedelta(hours=hours, minutes=minutes)
            tz, kind = timezone(-delta if offset[0] == "-" else delta), AWARE
        # A leap second (:60) is valid RFC 3339; datetime cannot hold it.
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), min(int(second), 59), tzinfo=tz)
    except (ValueError, OverflowError):
        return None
    if int(second) > 60:
        return None
    return Parsed(kind, moment, match)


# --- which values are dates ------------------------------------------------------------------

@functools.lru_cache(maxsize=64)
def _date_fields(schema_name) -> tuple:
    """The `format: date-time` fields of a schema (reader.paths_with_format; those of the
    article schema when the schema cannot be read): (top-level fields as (key, pointer, is a
    publication date), nested fields as (path, is a publication date)), a path being a tuple
    of keys with None for "every list item". A publication date's name contains `publish`."""
    paths = reader.paths_with_format(schema_name, "date-time")
    if paths is None:
        paths = _DEFAULT_PATHS
    # A field that also takes a date alone (`anyOf` date-time or date, as `lint schema infer`
    # writes for a key holding both) asks for no time of day: it is no date-time field.
    either = set(reader.paths_with_format(schema_name, "date") or ())
    paths = [p for p in paths if p not in either]
    return (tuple((p[0], "/" + escape(p[0]), "publish" in p[0].lower()) for p in paths if len(p) == 1),
            tuple((p, "publish" in p[-1].lower()) for p in paths if len(p) > 1))


def _follow(value, path, at: int, pointer: str):
    key = path[at]
    if key is None:
        if type(value) is list:
            for index, item in enumerate(value):
                yield from _follow(item, path, at + 1, f"{pointer}/{index}")
        return
    if type(value) is not dict or key not in value:
        return
    value = value[key]
    if at + 1 < len(path):
        yield from _follow(value, path, at + 1, f"{pointer}/{escape(key)}")
    elif isinstance(value, str):
        yield f"{pointer}/{escape(key)}", key, value


def _record_dates(ctx) -> list:
    """(pointer, key, value, text as written, is a publication date, is top level) of every
    date-time value of the record, found once per record (`ctx.memo`) for the date rules: an
    unquoted timestamp on the reference path keeps the text as written in `.source`."""
    record = ctx.record
    top, nested = _date_fields(ctx.schema)
    dates = []
    for key, pointer, published in top:
        value = record.get(key)
        if isinstance(value, str):
            dates.append((pointer, key, value, getattr(value, "source", value), published, True))
    for path, published in nested:
        if path[0] in record:
            dates.extend((p, k, v, getattr(v, "source", v), published, False)
                         for p, k, v in _follow(record, path, 0, ""))
    return dates


def _rewrite(ctx, pointer: str, text: str, description: str, safe: bool):
    """A fix writing `text` as the value at `pointer`, keeping plain values plain and quoted
    values quoted the same way."""
    from linter.fix.edits import replace_scalar_text, replace_string_value  # built only for a finding being placed
    span = ctx.span(pointer)
    if span is None or span.raw is None:
        return None
    if span.style is None:
        return replace_scalar_text(span, text, description, safe)
    return replace_string_value(span, text, description, safe)


# --- rules -----------------------------------------------------------------------------------

@rule("DAT001", "date-without-timezone", "error", fix="unsafe", supersedes=("format",))
def date_without_timezone(ctx):
    """A date-time field has no timezone, or is a date without a time.

    **What it does.** Reports a `format: date-time` value (`publishedDateTime`,
    `related[].publishedDateTime`) written without `Z` or an offset, such as the unquoted YAML
    timestamp `2020-07-15 21:05:00` (which the schema lets through so that this rule can say
    exactly what is missing), or a date alone (`2020-07-15`). Quoted, the same values fail the
    schema's format check: this finding replaces that SCH005.

    Fix (unsafe): take the time as UTC and write it in RFC 3339, `2020-07-15T21:05:00Z`
    (midnight for a date alone). Unsafe because the author may have meant local time.

    **Why it matters.** Without a timezone every reader guesses: PyYAML gives a naive time,
    Ruby and JavaScript take UTC or the machine's local time. Sorting, "published N hours ago"
    and feeds are then off by up to a day.

    **Fails**
    ```
    publishedDateTime: 2020-07-15 21:05:00
    ```
    **Passes**
    ```
    publishedDateTime: 2020-07-15T21:05:00Z
    ```
    """
    found = []
    for pointer, key, value, text, _, _ in ctx.memo(_record_dates):
        if text[-1:] in ("Z", "z"):
            continue  # the common case, decided without parsing
        parsed = parse(text)
        if parsed is None or parsed.kind == AWARE:
            continue
        fixed = parsed.rfc3339(assume_utc=True)
        if parsed.kind == DATE_ONLY:
            message = f"{key} `{text.strip()}` is a date without a time and timezone; write a date-time such as {fixed}"
        else:
            message = f"{key} `{text.strip()}` has no timezone; add `Z` (UTC) or an offset such as `+02:00`"
        found.append(ctx.report(message, pointer,
                                fix=lambda p=pointer, t=fixed: _rewrite(ctx, p, t, f"take the time as UTC: {t}", False)))
    return found


@rule("DAT002", "date-in-future", "error", options={"tolerance-hours": 24})
def date_in_future(ctx):
    """A publication date lies in the future.

    **What it does.** Reports a `format: date-time` field whose name contains `publish`
    (`publishedDateTime`, `related[].publishedDateTime`) that is later than now plus
    `tolerance-hours`. Dates of things still to come (an event's start) are not publication
    dates and are not checked. A value without a timezone is taken as UTC.

    Option: `tolerance-hours` (default 24; a negative value counts as 0): covers clocks and
    timezones written wrongly by a few hours.

    **Why it matters.** A record describes an article that its provider has already
    published: a date in the future is a typo (2102 for 2021) or a wrong timezone, and it pins
    the record to the top of every date-sorted list until that date.

    **Fails**
    ```
    publishedDateTime: 2102-07-15T21:05:00Z
    ```
    **Passes**
    ```
    publishedDateTime: 2021-07-15T21:05:00Z
    ```
    """
    dates = ctx.memo(_record_dates)
    if not dates:
        return ()
    current = now()
    found = []
    for pointer, key, value, text, published, _ in dates:
        if not published:
            continue
        # A date two calendar years back cannot be ahead of now: decided without parsing.
        if text[:4].isdigit() and int(text[:4]) < current.year - 1:
            continue
        parsed = parse(text)
        if parsed is None:
            continue
        tolerance = max(ctx.option("tolerance-hours"), 0)
        ahead = parsed.moment - current
        if ahead > timedelta(hours=tolerance):
            amount = f"{ahead.days} days" if ahead.days >= 2 else f"{ahead.total_seconds() / 3600:.0f} hours"
            found.append(ctx.report(f"{key} {text.strip()} is {amount} in the future "
                                    f"(tolerance {tolerance:g} h; option tolerance-hours)", pointer))
    return found


@rule("DAT003", "date-too-old", "warning", options={"min-year": 1995})
def date_too_old(ctx):
    """A date is implausibly old.

    **What it does.** Reports a `format: date-time` value whose year, as written, is before
    `min-year`.

    Option: `min-year` (default 1995, when news sites appeared on the web). Lower it for an
    archive of older material.

    **Why it matters.** Such dates are placeholders and conversion accidents, not
    publication dates: `1970-01-01` (Unix time 0), `0001-01-01` (an unset .NET date),
    `1900-01-01` (a spreadsheet's day zero). They sink the record to the bottom of every list.

    **Fails**
    ```
    publishedDateTime: 1970-01-01T00:00:00Z
    ```
    **Passes**
    ```
    publishedDateTime: 2020-07-15T21:05:00Z
    ```
    """
    dates = ctx.memo(_record_dates)
    if not dates:
        return ()
    floor = ctx.option("min-year")
    found = []
    for pointer, key, value, text, _, _ in dates:
        text = text.lstrip()
        if text[:4].isdigit() and int(text[:4]) >= floor:
            continue  # decided on the text, without parsing
        parsed = parse(text)
        if parsed is not None and parsed.moment.year < floor:
            found.append(ctx.report(f"{key} {text.strip()} is before {floor}: a placeholder or conversion "
                                    f"error? (option min-year)", pointer))
    return found


@rule("DAT004", "file-name-date-mismatch", "warning", options={"tolerance-days": 1})
def file_name_date_mismatch(ctx):
    """The date in the file name disagrees with the publication date.

    **What it does.** When the file name starts with a date (`2020-07-15-title.md`, Jekyll's
    convention), compares it with the top-level publication date (`publishedDateTime`) and
    reports the date if they are more than `tolerance-days` apart, taking the closer of the
    date as written and the date in UTC.

    Option: `tolerance-days` (default 1). The pipeline names files by its own clock (US
    time, or the day it ran): of 2,629 real records, 42 are a day off and none more.

    **Why it matters.** Jekyll takes a document's date and URL from its file name: when the
    two disagree, the site shows one date and the record says another, and usually one of
    them was edited by hand without the other.

    **Fails**
    ```
    # _news/2021-05-20-ferry-night-service.md
    publishedDateTime: 2021-04-02T18:00:00Z
    ```
    **Passes**
    ```
    # _news/2021-04-02-ferry-night-service.md
    publishedDateTime: 2021-04-02T18:00:00Z
    ```
    """
    name = ctx.file_name
    found = []
    for pointer, key, value, text, published, top in ctx.memo(_record_dates):
        if not published or not top:
            continue
        if text[:10] == name[:10]:
            continue  # the same day as written: decided without parsing
        match = _FILE_DATE.match(name)
        parsed = parse(text)
        if match is None or parsed is None:
            continue
        try:
            named = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            return found
        tolerance = ctx.option("tolerance-days")
        utc = parsed.moment.astimezone(timezone.utc).date()
        apart = min(abs((utc - named).days), abs((parsed.written_date - named).days))
        if apart > tolerance:
            found.append(ctx.report(f"the file name says {named.isoformat()} but {key} is "
                                    f"{text.strip()}: {apart} days apart (option tolerance-days)", pointer))
    return found


@rule("DAT005", "non-rfc3339-timestamp", "warning", fix="safe", supersedes=("format",))
def non_rfc3339_timestamp(ctx):
    """A timestamp with a timezone that is not written in RFC 3339 form.

    **What it does.** Reports a `format: date-time` value that is a valid instant with an
    offset but not written as `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`: a space separator
    (`2020-07-15 21:05:00Z`), lowercase `t` or `z`, a short or compact offset (`+2`,
    `+0200`), single-digit fields (`2020-7-5 1:05:00Z`), surrounding spaces. A **warning**
    when the value still passes the schema's `date-time` format (YAML reads an unquoted
    timestamp as a date whatever its spelling); an **error**, replacing the schema's SCH005,
    when it does not (a quoted `"2020-07-15T21:05:00+0530"` is just a string that feeds and
    sitemaps cannot parse).

    Fix (safe): rewrite it in RFC 3339 with the same instant and offset (`Z` where the source
    said `Z`), keeping the value's quoting: `2020-07-15 21:05:00 +2` becomes
    `2020-07-15T21:05:00+02:00`.

    **Why it matters.** Only RFC 3339 is read the same way by every consumer: JavaScript's
    `Date`, RSS/Atom generators and strict JSON Schema validators reject or misread the
    other spellings.

    **Fails**
    ```
    publishedDateTime: 2020-07-15 21:05:00 +2
    ```
    **Passes**
    ```
    publishedDateTime: 2020-07-15T21:05:00+02:00
    ```
    """
    found = []
    for pointer, key, value, text, _, _ in ctx.memo(_record_dates):
        if _CANONICAL.match(text):
            continue
        parsed = parse(text)
        if parsed is None or parsed.kind != AWARE:
            continue
        fixed = parsed.rfc3339()
        found.append(ctx.report(f"{key} `{text.strip()}` is not in RFC 3339 form: write {fixed}", pointer,
                                severity="error" if not is_rfc3339(value) else None,
                                fix=lambda p=pointer, t=fixed: _rewrite(ctx, p, t, f"write the timestamp as {t}", True)))
    return found
