"""XF002/XF003: in-record checks of the `related` list — an entry that is the record itself, and
the same article twice. Each at its own `webUrl`, on both paths; fixes applied to the text,
re-linted, every other byte unchanged; suppressions work like any per-file rule."""

import pytest

from rule_testing import apply_fix, both_paths
from conftest import ARTICLE, line_of
from linter.config import Settings
from linter.rules import crossfile

NAME = "_news/2021-04-20-ferry-night-service.md"
FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)
WEB = "https://www.harbour-times.com/2021/04/20/ferry-night-service/"


def entry(url: str, title: str = "Harbour Times adds a ferry timetable") -> str:
    return f"""  - title: "{title}"
    excerpt: "The timetable is online."
    publishedDateTime: 2021-04-21T08:00:00Z
    webUrl: "{url}"
    type: article
    provider:
      name: Harbour Times
      domain: harbour-times.com
    quality: 50
"""


def with_related(*entries: str, text: str = ARTICLE) -> str:
    assert "secured:" in text
    return text.replace("secured:", "related:\n" + "".join(entries) + "\nsecured:", 1)


def diagnostics(text: str, settings: Settings = REFERENCE):
    """Diagnostics of `text`, asserting that the fast and the reference path agree."""
    return both_paths(text, NAME, settings)


def xf(text: str):
    return [(d.code, d.severity, d.line, d.column, d.pointer) for d in diagnostics(text)]




def webUrl_lines(text: str):
    return [n for n, line in enumerate(text.splitlines(), 1) if line.startswith("    webUrl:")]


OTHER = entry("https://www.harbour-times.com/2021/04/21/timetable/")
SECOND = entry("https://www.harbour-times.com/2021/04/22/fares/", "Fares go up")


def test_distinct_related_articles_pass():
    assert diagnostics(with_related(OTHER, SECOND)) == []
    assert diagnostics(with_related(entry(WEB + "amp/"))) == []


def test_in_record_rules_are_per_file_rules_not_cross_file_ones():
    from linter import rules
    assert crossfile.CODES == ("XF001", "XF004", "REF001", "REF002", "DRF001", "DRF002")
    assert all(rules.get(code).check is None for code in crossfile.CODES)  # finished after the run, not per record
    assert rules.get("XF002").check is not None and rules.get("XF003").check is not None


# ---------------------------------------------------------------------------------------------
# XF002 related entry that is the record itself


@pytest.mark.parametrize("url", [WEB, WEB.rstrip("/"), WEB.replace("www.harbour-times", "WWW.Harbour-Times"),
                                 WEB + "#comments", "HTTPS" + WEB[5:]])
def test_related_entry_pointing_at_the_record_is_an_error(url):
    text = with_related(OTHER, entry(url, "Harbour ferry adds a night service"), SECOND)
    assert xf(text) == [("XF002", "error", webUrl_lines(text)[1], 13, "/related/1/webUrl")]


def test_self_reference_through_original_url():
    record = ARTICLE.replace("webUrl:", 'originalUrl: "https://harbour-times.example/original"\nwebUrl:')
    text = with_related(OTHER, entry("https://harbour-times.example/original/"), text=record)
    assert [d for d in xf(text) if d[0] == "XF002"] == [("XF002", "error", webUrl_lines(text)[1], 13,
                                                           "/related/1/webUrl")]


def test_self_reference_fix_removes_the_entry():
    text = with_related(OTHER, entry(WEB, "Harbour ferry adds a night service"), SECOND)
    [finding] = diagnostics(text)
    assert finding.fix.safe and finding.fix.scope == "/related"
    result = apply_fix(text, finding)
    assert result == with_related(OTHER, SECOND) and diagnostics(result) == []


def test_no_fix_when_the_self_reference_is_the_only_entry():
    [finding] = diagnostics(with_related(entry(WEB)))
    assert finding.code == "XF002" and finding.fix is None


# ---------------------------------------------------------------------------------------------
# XF003 duplicate related entries


def test_identical_duplicate_is_reported_at_the_later_entry_with_a_safe_fix():
    text = with_related(OTHER, SECOND, OTHER)
    lines = webUrl_lines(text)
    assert xf(text) == [("XF003", "error", lines[2], 13, "/related/2/webUrl")]
    [finding] = diagnostics(text)
    assert f"related[0] (line {lines[0]})" in finding.message
    assert finding.fix.safe and finding.fix.scope == "/related"
    result = apply_fix(text, finding)
    assert result == with_related(OTHER, SECOND) and diagnostics(result) == []


def test_duplicate_that_differs_elsewhere_has_an_unsafe_fix():
    text = with_related(OTHER, entry("https://WWW.harbour-times.com/2021/04/21/timetable", "Timetable online"))
    [finding] = diagnostics(text)
    assert (finding.code, finding.pointer) == ("XF003", "/related/1/webUrl")
    assert not finding.fix.safe
    assert apply_fix(text, finding) == with_related(OTHER)


def test_every_later_copy_names_the_first():
    text = with_related(OTHER, OTHER, SECOND, OTHER)
    assert [(d.code, d.pointer) for d in diagnostics(text)] == [("XF003", "/related/1/webUrl"),
                                                                 ("XF003", "/related/3/webUrl")]
    assert all("related[0]" in d.message for d in diagnostics(text))


def test_entries_without_web_url_are_skipped():
    broken = OTHER.replace('    webUrl: "https://www.harbour-times.com/2021/04/21/timetable/"\n', "")
    codes = [d.code for d in diagnostics(with_related(broken, broken))]
    assert "XF002" not in codes and "XF003" not in codes


def test_suppression_comment_works_and_a_stale_one_is_reported():
    text = with_related(OTHER, OTHER)
    line = webUrl_lines(text)[1]
    lines = text.splitlines(keepends=True)
    lines[line - 1] = lines[line - 1].rstrip("\n") + "  # lint: disable=XF003\n"
    assert diagnostics("".join(lines)) == []
    clean = with_related(OTHER).replace("timetable/\"\n", "timetable/\"  # lint: disable=XF003\n", 1)
    assert [d.code for d in diagnostics(clean)] == ["LNT001"]
    assert line_of(clean, "disable=XF003")


def test_removing_the_last_entry_keeps_the_blank_and_comment_lines_after_it():
    text = with_related(OTHER, OTHER).replace("\nsecured:", "\n# the blob\n\nsecured:", 1)
    [finding] = diagnostics(text)
    result = apply_fix(text, finding)
    assert result == with_related(OTHER).replace("\nsecured:", "\n# the blob\n\nsecured:", 1)
    assert diagnostics(result) == []
