"""PIT rules: unquoted values (and keys) that YAML 1.1 (Jekyll, PyYAML) and YAML 1.2 read
differently. The readings table, planted pitfalls at their exact position on both paths (the
fast path must route every one of them to the reference path), and the fixes: applied to the
text, re-linted, every other byte unchanged, and what Jekyll reads kept where the fix is safe."""
import json
import math

import pytest

from rule_testing import apply_fix, both_paths, edited
from conftest import line_of
from linter.stages import fastpath
from linter.config import Settings, settings_from_mapping
from linter.stages.frontmatter import split
from linter.stages.parse import parse
from linter.rules import pitfalls
from linter.schemas.loader import BUILTIN_NAME, load_schema

NAME = "_news/2021-04-20-ferry-night-service.md"
FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)




def diagnostics(text: str, settings: Settings = REFERENCE, name: str = NAME):
    """Diagnostics of `text`, asserting that the fast and the reference path agree."""
    return both_paths(text, name, settings, path=settings.root.rstrip("/") + "/" + name)


def pit(text: str, **kwargs):
    return [(d.code, d.severity, d.line, d.column, d.pointer) for d in diagnostics(text, **kwargs)
            if d.code.startswith("PIT")]


def only(text: str, code: str, **kwargs):
    matching = [d for d in diagnostics(text, **kwargs) if d.code == code]
    assert len(matching) == 1, matching
    return matching[0]




def record_of(text: str) -> dict:
    block = split(text)
    return parse(block.yaml, block.first_line, block.offset).record


# ---------------------------------------------------------------------------------------------
# The readings table


@pytest.mark.parametrize("text,expected", [
    ("yes", ("bool", True, "str", "yes")),
    ("No", ("bool", False, "str", "No")),
    ("ON", ("bool", True, "str", "ON")),
    ("off", ("bool", False, "str", "off")),
    ("y", ("bool", True, "str", "y")),
    ("N", ("bool", False, "str", "N")),
    ("0755", ("int", 493, "int", 755)),
    ("-0755", ("int", -493, "int", -755)),
    ("09", ("str", "09", "int", 9)),
    ("0o17", ("str", "0o17", "int", 15)),
    ("0b101", ("int", 5, "str", "0b101")),
    ("1:30", ("int", 90, "str", "1:30")),
    ("1:30.5", ("float", 90.5, "str", "1:30.5")),
    ("1_000", ("int", 1000, "str", "1_000")),
    ("1_000.5", ("float", 1000.5, "str", "1_000.5")),
    ("1e3", ("str", "1e3", "float", 1000.0)),
    ("1.5e3", ("str", "1.5e3", "float", 1500.0)),
])
def test_readings_that_differ(text, expected):
    assert pitfalls.readings(text) == expected


@pytest.mark.parametrize("text", ["true", "False", "12", "-3", "0", "0x1F", "1.5", "1.5e+3", ".5", ".inf", "-.Inf",
                                  ".nan", "~", "null", "2021-04-20", "2021-04-20T18:00:00Z", "Transport",
                                  "yes please", "no-reply", "1:30 pm", "+12", "0b", "0x_"])
def test_readings_that_agree_or_cannot_be_built(text):
    assert pitfalls.readings(text) is None


def test_readings_match_pyyaml_for_yaml_1_1():
    import yaml
    for text in ("yes", "No", "ON", "off", "0755", "-0755", "09", "0o17", "0b101", "1:30", "1:30.5", "1_000", "1e3"):
        kind, value, _, _ = pitfalls.readings(text)
        assert yaml.safe_load(f"v: {text}")["v"] == value, text


# ---------------------------------------------------------------------------------------------
# Planted pitfalls: (edit, code, needle, column, pointer, fixed text or None, fix is safe)

PLANTED = [
    (("published: true", "published: yes"), "PIT001", "published:", 12, "/published", "published: true", True),
    (("published: true", "published: Off"), "PIT001", "published:", 12, "/published", "published: false", True),
    (("published: true", "published: y"), "PIT001", "published:", 12, "/published", "published: true", False),
    (('title: "Harbour ferry adds a night service"', "title: No"), "PIT001", "title:", 8, "/title",
     'title: "No"', True),
    (("  - Ferries\n", "  - On\n"), "PIT001", "  - On", 5, "/topics/1", '  - "On"\n', True),
    (("  - Ferries\n", "  - n\n"), "PIT001", "  - n", 5, "/topics/1", '  - "n"\n', True),
    (("quality: 64", "quality: 0644"), "PIT002", "quality:", 10, "/quality", "quality: 420", False),
    (("quality: 64", "quality: 0o17"), "PIT002", "quality:", 10, "/quality", "quality: 15", False),
    (("heat: 12", "heat: 1:30"), "PIT002", "heat:", 7, "/heat", "heat: 90", False),
    (("heat: 12", "heat: 1e3"), "PIT002", "heat:", 7, "/heat", "heat: 1000", False),
    (("heat: 12", "heat: 1_2"), "PIT002", "heat:", 7, "/heat", "heat: 12", False),
    (("  - Ferries\n", "  - 1:30\n"), "PIT002", "  - 1:30", 5, "/topics/1", '  - "1:30"\n', True),
    (("  - Ferries\n", "  - 0755\n"), "PIT002", "  - 0755", 5, "/topics/1", '  - "0755"\n', True),
    (("      width: 50", "      width: 0b110010"), "PIT002", "width: 0b", 14, "/provider/images/0/width",
     "      width: 50", False),
]


@pytest.mark.parametrize("edit,code,needle,column,pointer,fixed,safe", PLANTED,
                         ids=[f"{p[1]}-{p[0][1].strip()}" for p in PLANTED])
def test_planted_pitfall_is_reported_at_the_value_and_fixed(edit, code, needle, column, pointer, fixed, safe):
    text = edited(edit)
    assert pit(text) == [(code, "warning", line_of(text, needle), column, pointer)]
    finding = only(text, code)
    assert finding.fix is not None and finding.fix.safe is safe
    result = apply_fix(text, finding)
    assert result == edited((edit[0], fixed.rstrip("\n") if not edit[0].endswith("\n") else fixed))
    assert pit(result) == []
    if safe and not pointer.startswith("/topics") and pointer != "/title":
        # a safe fix keeps what Jekyll (YAML 1.1) reads
        assert record_of(result) == record_of(text)


def test_messages_name_both_readings_and_how_to_quote():
    assert only(edited(("quality: 64", "quality: 0644")), "PIT002").message == (
        '`0644` is the integer 420 in YAML 1.1 (Jekyll, PyYAML) but the integer 644 in YAML 1.2; '
        'quote it ("0644") if text is meant, or write `420` or `644` in plain decimal')
    message = only(edited(("published: true", "published: no")), "PIT001").message
    assert "the boolean false in YAML 1.1" in message and 'the string "no" in YAML 1.2' in message
    assert 'quote it ("no")' in message and "write `false`" in message
    message = only(edited(("published: true", "published: y")), "PIT001").message
    assert "1.1 specification" in message and 'the string "y" for Jekyll, PyYAML and YAML 1.2' in message


def test_the_schema_type_error_stays_beside_the_pitfall():
    # Jekyll really reads a boolean title: the schema error is right, the pitfall explains it
    text = edited(('title: "Harbour ferry adds a night service"', "title: no"))
    assert [d.code for d in diagnostics(text)] == ["PIT001", "SCH003"]


def test_quoted_tagged_and_agreeing_values_pass():
    text = edited(("published: true", "published: true"), ("heat: 12", "heat: !!str 0755"),
                  ("  - Ferries\n", "  - 'yes'\n  - \"0755\"\n  - 0x1F\n  - Yes please\n"))
    assert pit(text) == []


# ---------------------------------------------------------------------------------------------
# Values the fast path must not vouch for


@pytest.mark.parametrize("edit,needle,column", [
    (('title: "Harbour ferry adds a night service"', "title:\n  no"), "  no", 3),
    (('title: "Harbour ferry adds a night service"', "title:  # a comment\n\n  # more\n  Off  # c"), "  Off", 3),
    (("  - Ferries\n", "  -\n    1:30\n"), "    1:30", 5),
])
def test_value_on_the_next_line(edit, needle, column):
    text = edited(edit)
    assert fastpath.ambiguous(split(text).yaml)
    assert [(c, l, col) for c, _, l, col, _ in pit(text)] == [
        ("PIT002" if "1:30" in needle else "PIT001", line_of(text, needle), column)]


def test_crlf_line_endings():
    text = edited(('title: "Harbour ferry adds a night service"', "title: no")).replace("\n", "\r\n")
    assert fastpath.ambiguous(split(text).yaml)
    assert pit(text) == [("PIT001", "warning", 3, 8, "/title")]
    finding = only(text, "PIT001")
    assert apply_fix(text, finding) == edited(('"Harbour ferry adds a night service"', '"no"')).replace("\n", "\r\n")


def test_clean_text_still_takes_the_fast_path():
    for yaml_text in ("title: Harbour\n", "title: 'no'\n", "heat: 12\n", "excerpt: |\n  no\n  yes\n",
                      "a:\n  b: c\n", "when: 2021-04-20T18:00:00Z\n"):
        assert not fastpath.ambiguous(yaml_text), yaml_text


# ---------------------------------------------------------------------------------------------
# Keys


def test_boolean_key_is_reported_at_the_key_and_quoted_by_a_safe_fix():
    text = edited(("heat: 12", "heat: 12\nyes: 1"))
    assert pit(text) == [("PIT001", "warning", line_of(text, "yes: 1"), 1, "/yes")]
    finding = only(text, "PIT001")
    assert "page.yes" in finding.message and finding.fix.safe
    result = apply_fix(text, finding)
    assert result == edited(("heat: 12", 'heat: 12\n"yes": 1'))
    assert pit(result) == [] and record_of(result) == record_of(text)


def test_nested_and_quoted_keys():
    text = edited(("  domain: harbour-times.com", "  domain: harbour-times.com\n  'on': 1\n  off: 2"))
    assert pit(text) == [("PIT001", "warning", line_of(text, "  off: 2"), 3, "/provider/off")]


def test_builtin_schema_is_closed_so_screening_skips_the_key_walk():
    assert pitfalls._no_boolean_key_admitted(load_schema(BUILTIN_NAME))
    assert not pitfalls._no_boolean_key_admitted({"type": "object"})
    assert not pitfalls._no_boolean_key_admitted({"type": "object", "additionalProperties": False,
                                                  "properties": {"a": {"type": "array"}}})
    assert not pitfalls._no_boolean_key_admitted({"type": "object", "additionalProperties": False,
                                                  "properties": {"yes": {"type": "string"}}})
    assert not pitfalls._no_boolean_key_admitted({"type": "object", "additionalProperties": False,
                                                  "properties": {"a": {"$ref": "#/definitions/x"}}})


# ---------------------------------------------------------------------------------------------
# A schema that says nothing about a key: keep what Jekyll reads


@pytest.fixture
def open_schema(tmp_path):
    (tmp_path / "open.json").write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema",
                                                    "type": "object"}))
    return settings_from_mapping({"schemas": [{"files": "**/_pages/**", "schema": "open.json"}]}, str(tmp_path))


@pytest.mark.parametrize("line,fixed,safe", [
    ("comments: no", "comments: false", True),
    ("answer: y", 'answer: "y"', True),
    ("mode: 0755", "mode: 493", False),
    ("version: 0o17", "version: \"0o17\"", True),
])
def test_fix_keeps_the_jekyll_reading_where_the_schema_says_nothing(open_schema, line, fixed, safe):
    text = f"---\ntitle: x\n{line}\n---\n"
    [finding] = diagnostics(text, open_schema, "_pages/a.md")
    assert (finding.code[:3], finding.line, finding.column) == ("PIT", 3, line.index(":") + 3)
    assert finding.fix.safe is safe
    result = apply_fix(text, finding)
    assert result == f"---\ntitle: x\n{fixed}\n---\n"
    assert diagnostics(result, open_schema, "_pages/a.md") == []
    assert record_of(result) == record_of(text)


def test_boolean_key_under_an_open_schema_on_both_paths(open_schema):
    text = "---\ntitle: x\nyes: 1\nextra:\n  - n: 2\n---\n"
    found = diagnostics(text, open_schema, "_pages/a.md")
    assert [(d.code, d.line, d.column, d.pointer) for d in found] == [
        ("PIT001", 3, 1, "/yes"), ("PIT001", 5, 5, "/extra/0/n")]


def test_nan_and_infinity_compare_as_equal_readings():
    assert pitfalls.readings(".NaN") is None and math.isnan(pitfalls._float_12(".NaN"))
