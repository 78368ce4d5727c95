"""DAT rules: timezone, future and too-old dates, file-name date, RFC 3339 normalisation.

Every planted defect is checked at its exact line and column, on both the fast and the
reference path; fixes are applied to the text and the result re-linted. "Now" is fixed.
"""
from datetime import datetime, timezone

import pytest

from rule_testing import both_paths
from conftest import ARTICLE, line_of
from linter.api import lint_text
from linter.config import Settings
from linter.rules import dates

NOW = datetime(2021, 5, 1, 12, 0, tzinfo=timezone.utc)
NAME = "_news/2021-04-20-ferry-night-service.md"
STAMP = "2021-04-20T18:00:00Z"
FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)
REAL_NOW = dates.now


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(dates, "now", lambda: NOW)


def with_date(value: str) -> str:
    text = ARTICLE.replace(STAMP, value, 1)
    assert (text != ARTICLE) == (value != STAMP)
    return text


RELATED = """related:
  - title: "Ferry timetable changes"
    excerpt: "New times from May."
    publishedDateTime: {stamp}
    webUrl: "https://www.harbour-times.com/2021/04/18/timetable/"
    type: article
    provider:
      name: Harbour Times
      domain: harbour-times.com
    quality: 50

secured:"""


def with_related(stamp: str) -> str:
    return ARTICLE.replace("secured:", RELATED.format(stamp=stamp), 1)


def diagnostics(text: str, name: str = NAME):
    """Diagnostics of `text`, asserting that the fast and the reference path agree."""
    return both_paths(text, name)


def found(text: str, name: str = NAME):
    return [(d.code, d.severity, d.line, d.column, d.pointer) for d in diagnostics(text, name)]


def apply(text: str, fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.replacement + text[edit.end:]
    return text


def only(text: str, code: str, path: str = NAME):
    [diagnostic] = [d for d in lint_text(text, path=path) if d.code == code]
    return diagnostic


def assert_fix(text: str, code: str, expected_value: str, safe: bool):
    """The fix rewrites exactly the value, to `expected_value`, and leaves nothing for `code`."""
    diagnostic = only(text, code)
    fix = diagnostic.fix
    assert fix is not None and fix.safe is safe
    [edit] = fix.edits
    assert edit.replacement == expected_value
    fixed = apply(text, fix)
    assert fixed[:edit.start] == text[:edit.start]
    assert fixed[edit.start + len(edit.replacement):] == text[edit.end:]
    assert not [d for d in lint_text(fixed, path=NAME) if d.code == code]
    return fixed


# --- DAT001 date-without-timezone -----------------------------------------------------------

@pytest.mark.parametrize("value", ["2021-04-20 18:00:00", "2021-04-20T18:00:00", "2021-04-20",
                                   "2021-4-20 18:00:00", "2021-04-20 18:00:00.25"])
def test_unquoted_timestamp_without_timezone(value):
    text = with_date(value)
    assert found(text) == [("DAT001", "error", 5, 20, "/publishedDateTime")]


@pytest.mark.parametrize("value", ['"2021-04-20 18:00:00"', "'2021-04-20'"])
def test_quoted_value_without_timezone_replaces_the_schema_format_error(value):
    # Without the date rules the schema reports SCH005 on the same value.
    assert [d.code for d in lint_text(with_date(value), path=NAME, ignore="DAT")] == ["SCH005"]
    assert found(with_date(value)) == [("DAT001", "error", 5, 20, "/publishedDateTime")]


def test_timezone_message_names_what_is_missing():
    assert "has no timezone" in only(with_date("2021-04-20 18:00:00"), "DAT001").message
    assert "date without a time" in only(with_date("2021-04-20"), "DAT001").message


@pytest.mark.parametrize("value", [STAMP, "2021-04-20T18:00:00+02:00", "2021-04-20T18:00:00-05:00",
                                   "2021-04-20T18:00:00.123Z"])
def test_timestamps_with_timezone_pass(value):
    assert found(with_date(value)) == []


@pytest.mark.parametrize("value,expected", [
    ("2021-04-20 18:00:00", "2021-04-20T18:00:00Z"),
    ("2021-4-20 8:00:00", "2021-04-20T08:00:00Z"),
    ("2021-04-20", "2021-04-20T00:00:00Z"),
    ('"2021-04-20 18:00:00"', '"2021-04-20T18:00:00Z"'),
    ("'2021-04-20'", "'2021-04-20T00:00:00Z'"),
])
def test_timezone_fix_is_unsafe_and_takes_utc(value, expected):
    assert_fix(with_date(value), "DAT001", expected, safe=False)


def test_nested_related_date_without_timezone():
    text = with_related("2021-04-18 09:30:00")
    assert found(text) == [("DAT001", "error", line_of(text, "2021-04-18 09:30"), 24,
                            "/related/0/publishedDateTime")]


# --- DAT002 date-in-future ------------------------------------------------------------------

def test_date_in_the_future():
    text = with_date("2021-05-03T00:00:00Z")  # 36 hours after NOW
    assert found(text) == [("DAT002", "error", 5, 20, "/publishedDateTime"),
                           ("DAT004", "warning", 5, 20, "/publishedDateTime")]
    assert "36 hours in the future" in only(text, "DAT002").message


def test_typo_year_far_in_the_future():
    message = only(with_date("2102-04-20T18:00:00Z"), "DAT002").message
    assert "days in the future" in message and "2102-04-20T18:00:00Z" in message


def test_within_tolerance_and_past_dates_pass():
    assert found(with_date("2021-05-02T06:00:00Z"), "_news/2021-05-01-x.md") == []  # 18 h ahead
    assert found(with_date("2021-05-01T12:00:00Z"), "_news/2021-05-01-x.md") == []  # now


def test_offset_is_taken_into_account():
    # 2021-05-02T10:00:00+14:00 is 2021-05-01T20:00Z: 8 hours ahead, within the tolerance.
    assert found(with_date("2021-05-02T10:00:00+14:00"), "_news/2021-05-01-x.md") == []
    # 2021-05-02T10:00:00-14:00 is 2021-05-03T00:00Z: 36 hours ahead.
    assert [c for c, *_ in found(with_date("2021-05-02T10:00:00-14:00"), "_news/2021-05-02-x.md")] == ["DAT002"]


def test_future_related_date():
    text = with_related("2021-06-18T09:30:00Z")
    assert found(text) == [("DAT002", "error", line_of(text, "2021-06-18"), 24, "/related/0/publishedDateTime")]


def test_tolerance_option(tmp_path):
    (tmp_path / ".frontmatter-lint.toml").write_text("[rules.DAT002]\ntolerance-hours = 0\n")
    text = with_date("2021-05-01T14:00:00Z")  # 2 hours ahead
    path = "_news/2021-05-01-x.md"
    assert [d.code for d in lint_text(text, path=path)] == []
    assert [d.code for d in lint_text(text, path=path, config=tmp_path / ".frontmatter-lint.toml")] == ["DAT002"]


def test_now_is_the_patched_function(monkeypatch):
    text = with_date("2021-05-03T00:00:00Z")
    monkeypatch.setattr(dates, "now", lambda: datetime(2021, 6, 1, tzinfo=timezone.utc))
    assert "DAT002" not in [d.code for d in lint_text(text, path="_news/2021-05-03-x.md")]


def test_real_now_is_aware_utc():
    moment = REAL_NOW()
    assert moment.tzinfo is not None and moment.utcoffset().total_seconds() == 0
    assert abs((datetime.now(timezone.utc) - moment).total_seconds()) < 60


# --- DAT003 date-too-old --------------------------------------------------------------------

@pytest.mark.parametrize("value", ["1970-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1900-01-01T00:00:00+01:00"])
def test_implausibly_old_dates(value):
    assert found(with_date(value), "_news/ferry.md") == [("DAT003", "warning", 5, 20, "/publishedDateTime")]


def test_min_year_option(tmp_path):
    config = tmp_path / ".frontmatter-lint.toml"
    config.write_text("[rules.date-too-old]\nmin-year = 1960\n")
    text = with_date("1970-01-01T00:00:00Z")
    assert [d.code for d in lint_text(text, path="_news/ferry.md", config=config)] == []
    config.write_text("[rules.DAT003]\nmin-year = 2021\n")
    assert [d.code for d in lint_text(with_date("2020-12-31T23:00:00Z"), path="_news/ferry.md",
                                      config=config)] == ["DAT003"]
    assert [d.code for d in lint_text(with_date("2021-01-01T00:00:00Z"), path="_news/ferry.md",
                                      config=config)] == []


def test_old_related_date_and_recent_dates_pass():
    text = with_related("1970-01-01T00:00:00Z")
    assert found(text) == [("DAT003", "warning", line_of(text, "1970-01-01"), 24, "/related/0/publishedDateTime")]
    assert found(with_date("1995-01-01T00:00:00Z"), "_news/ferry.md") == []


# --- DAT004 file-name-date-mismatch ---------------------------------------------------------

def test_file_name_date_disagrees():
    text = with_date("2021-04-25T18:00:00Z")
    assert found(text) == [("DAT004", "warning", 5, 20, "/publishedDateTime")]
    assert "2021-04-20" in only(text, "DAT004").message and "5 days apart" in only(text, "DAT004").message


@pytest.mark.parametrize("value", ["2021-04-20T18:00:00Z", "2021-04-21T03:00:00Z", "2021-04-19T23:00:00Z",
                                   # US evening: the UTC date is the next day, the written date the same
                                   "2021-04-20T22:00:00-05:00"])
def test_one_day_either_way_passes(value):
    assert found(with_date(value)) == []


def test_written_or_utc_date_whichever_is_closer(tmp_path):
    config = tmp_path / ".frontmatter-lint.toml"
    config.write_text("[rules.DAT004]\ntolerance-days = 0\n")
    # Written 2021-04-19, UTC 2021-04-20: the UTC date agrees.
    assert lint_text(with_date("2021-04-19T22:00:00-05:00"), path=NAME, config=config) == []
    assert [d.code for d in lint_text(with_date("2021-04-21T12:00:00Z"), path=NAME, config=config)] == ["DAT004"]


def test_no_date_in_file_name_is_not_checked():
    assert found(with_date("2021-04-25T18:00:00Z"), "_news/ferry-night-service.md") == []
    assert found(with_date("2021-04-25T18:00:00Z"), "_news/2021-13-45-ferry.md") == []


def test_related_dates_are_not_compared_with_the_file_name():
    assert found(with_related("2021-01-02T09:30:00Z")) == []


# --- DAT005 non-rfc3339-timestamp -----------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2021-04-20 18:00:00 +2", "2021-04-20T18:00:00+02:00"),
    ("2021-04-20 18:00:00Z", "2021-04-20T18:00:00Z"),
    ("2021-04-20 18:00:00 Z", "2021-04-20T18:00:00Z"),
    ("2021-04-20t18:00:00z", "2021-04-20T18:00:00Z"),
    ("2021-04-20T18:00:00.Z", "2021-04-20T18:00:00Z"),
    ("2021-4-20 8:00:00.250 -05", "2021-04-20T08:00:00.250-05:00"),
    ("2021-04-20 18:00:00+00:00", "2021-04-20T18:00:00+00:00"),
    ('"2021-04-20 18:00:00Z"', '"2021-04-20T18:00:00Z"'),
])
def test_non_rfc3339_timestamp_warning_with_safe_fix(value, expected):
    text = with_date(value)
    assert found(text) == [("DAT005", "warning", 5, 20, "/publishedDateTime")]
    fixed = assert_fix(text, "DAT005", expected, safe=True)
    assert found(fixed) == []


@pytest.mark.parametrize("value,expected", [
    ('"2021-04-20T18:00:00+0530"', '"2021-04-20T18:00:00+05:30"'),
    ("2021-04-20T18:00:00+0530", "2021-04-20T18:00:00+05:30"),
    ("' 2021-04-20T18:00:00Z'", "'2021-04-20T18:00:00Z'"),
])
def test_value_failing_the_schema_format_is_an_error_that_replaces_sch005(value, expected):
    text = with_date(value)
    assert [d.code for d in lint_text(text, path=NAME, ignore="DAT")] == ["SCH005"]
    assert found(text) == [("DAT005", "error", 5, 20, "/publishedDateTime")]
    assert found(assert_fix(text, "DAT005", expected, safe=True)) == []


def test_normalised_fix_keeps_the_instant():
    text = with_date("2021-04-20 18:00:00 -3")
    fixed = assert_fix(text, "DAT005", "2021-04-20T18:00:00-03:00", safe=True)
    assert dates.parse("2021-04-20 18:00:00 -3").moment == dates.parse("2021-04-20T18:00:00-03:00").moment
    assert "publishedDateTime: 2021-04-20T18:00:00-03:00\n" in fixed


def test_rfc3339_fix_through_the_command_line(news_dir, capsys):
    from linter.cli import main

    path = news_dir / "2021-04-20-ferry.md"
    path.write_text(with_date("2021-04-20 18:00:00 +2"))
    main(["--fix", "--no-cache", "--no-cross-file", str(news_dir)])
    capsys.readouterr()
    assert path.read_text() == with_date("2021-04-20T18:00:00+02:00")


def test_nested_non_rfc3339():
    text = with_related("2021-04-18 09:30:00 +01:00")
    assert found(text) == [("DAT005", "warning", line_of(text, "2021-04-18"), 24, "/related/0/publishedDateTime")]
    assert_fix(text, "DAT005", "2021-04-18T09:30:00+01:00", safe=True)


@pytest.mark.parametrize("value", ['"15/07/2020"', '"2021-02-30T18:00:00Z"', '"2021-04-20T18:00:00+24:00"',
                                   '"2021-04-20T18:00"'])
def test_unreadable_dates_are_left_to_the_schema(value):
    assert [d.code for d in diagnostics(with_date(value), "_news/ferry.md")] == ["SCH005"]


# --- date fields come from the schema -------------------------------------------------------

def test_date_fields_of_the_article_schema():
    top, nested = dates._date_fields("article")
    assert top == (("publishedDateTime", "/publishedDateTime", True),)
    assert nested == ((("related", None, "publishedDateTime"), True),)


def test_date_fields_of_a_user_schema(tmp_path):
    import json

    schema = {"type": "object", "$defs": {"when": {"type": "string", "format": "date-time"}},
              "properties": {"startsAt": {"$ref": "#/$defs/when"},
                             "publishedAt": {"$ref": "#/$defs/when"},
                             "talks": {"type": "array", "items": {"properties": {"at": {"$ref": "#/$defs/when"}}}}}}
    path = tmp_path / "event.schema.json"
    path.write_text(json.dumps(schema))
    text = "---\n$schema: event.schema.json\nstartsAt: 2031-01-01T10:00:00Z\npublishedAt: 2031-01-01 10:00:00Z\n" \
           "talks:\n  - at: 2021-01-01 10:00:00\n---\n"
    (tmp_path / "e.md").write_text(text)
    got = [(d.code, d.line, d.pointer) for d in lint_text(text, path=tmp_path / "e.md")]
    # an event's start may lie ahead; its publication date may not
    assert got == [("DAT002", 4, "/publishedAt"), ("DAT005", 4, "/publishedAt"), ("DAT001", 6, "/talks/0/at")]


def test_clean_corpus_style_record_has_no_date_findings():
    assert found(ARTICLE) == []
