"""LRN (learning resources) and PRF (profiles): rules on the record types beyond articles, on
hand-written records of the example site's kind, both paths."""
import os

import pytest

from conftest import ROOT, line_of
from rule_testing import both_paths

VIDEO = open(os.path.join(ROOT, "examples", "_learning", "videos", "2021-03-09-planting-a-rain-garden.md")).read()
PERSON = open(os.path.join(ROOT, "examples", "_people", "grace-hopper.md")).read()
VIDEO_NAME, PERSON_NAME = "_learning/videos/x.md", "_people/x.md"


def _codes(text, name, prefix):
    return [(d.code, d.line, d.severity) for d in both_paths(text, name) if d.code.startswith(prefix)]


def test_the_example_records_are_clean():
    assert both_paths(VIDEO, VIDEO_NAME) == []
    assert both_paths(PERSON, PERSON_NAME) == []


@pytest.mark.parametrize("length", ["PT13M34", "P", "PT", "13:34", "PT1M2H", "P1.5D"])
def test_a_length_meant_as_iso_8601_that_is_not_one(length):
    text = VIDEO.replace("length: PT13M34S", f'length: "{length}"')
    assert _codes(text, VIDEO_NAME, "LRN") + _codes(text, VIDEO_NAME, "SCH") == [
        ("LRN001", line_of(text, "length:"), "error")]


@pytest.mark.parametrize("length", ["PT31S", "PT1H1M24S", "P1M", "25 hours", "PT0.5S"])
def test_valid_lengths_and_text_lengths_pass(length):
    text = VIDEO.replace("length: PT13M34S", f'length: "{length}"').replace("type: video", "type: video")
    assert _codes(text, VIDEO_NAME, "LRN001") == []


@pytest.mark.parametrize("length,reported", [("PT0S", True), ("PT25H", True), ("PT23H59M", False)])
def test_zero_and_day_long_videos_are_implausible(length, reported):
    text = VIDEO.replace("length: PT13M34S", f"length: {length}")
    assert _codes(text, VIDEO_NAME, "LRN002") == ([("LRN002", line_of(text, "length:"), "warning")] if reported else [])


def test_an_embed_of_another_video_or_over_http():
    other = VIDEO.replace("youtube.com/embed/Rg7aX2kPq0w", "youtube.com/embed/zs7BnTR1H-M")
    assert _codes(other, VIDEO_NAME, "LRN003") == [("LRN003", line_of(other, "featuredContent:"), "error")]
    insecure = VIDEO.replace("src=\\\"https://www.youtube.com", "src=\\\"http://www.youtube.com")
    assert insecure != VIDEO and _codes(insecure, VIDEO_NAME, "LRN003")[0][0] == "LRN003"


def test_a_twitter_url_of_another_account():
    text = PERSON.replace("url: https://twitter.com/gracehopper", "url: https://twitter.com/adalovelace")
    assert _codes(text, PERSON_NAME, "PRF") == [("PRF001", line_of(text, "twitter.com/adalovelace"), "error")]
    same = PERSON.replace("url: https://twitter.com/gracehopper", "url: https://x.com/GraceHopper/")
    assert _codes(same, PERSON_NAME, "PRF") == []


def test_an_unknown_key_in_a_half_open_schema_is_a_warning_and_a_typo_of_a_required_one_errors():
    text = VIDEO.replace("type: video\n", "type: video\nduraton: PT1M\n")
    found = [(d.code, d.line, d.severity) for d in both_paths(text, VIDEO_NAME)]
    assert found == [("SCH001", line_of(text, "duraton:"), "warning")]
    typo = VIDEO.replace("title:", "tittle:")
    assert [(d.code, d.severity, d.message) for d in both_paths(typo, VIDEO_NAME)] == [
        ("SCH001", "error", "unknown key `tittle` (did you mean `title`?); `title` is required")]
