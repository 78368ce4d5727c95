"""The fast path (yaml-rs + jsonschema-rs screen) and the reference path (PyYAML nodes +
jsonschema) must give identical diagnostics: on planted defects, on YAML 1.1/1.2 traps, and on
the whole real corpus."""
import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ARTICLE, CORPUS
from linter.stages import fastpath
from linter.config import ConfigResolver, Settings
from linter.pipeline import lint_bytes
from linter.run.runner import run

pytestmark = pytest.mark.skipif(not fastpath.available(), reason="accelerators not installed")

FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)

VARIANTS = {
    "clean": ARTICLE,
    "crlf": ARTICLE.replace("\n", "\r\n"),
    "yaml11-bool": ARTICLE.replace("published: true", "published: yes"),
    "yaml11-title": ARTICLE.replace('title: "Harbour ferry adds a night service"', "title: no"),
    "octal": ARTICLE.replace("quality: 64", "quality: 0644"),
    "sexagesimal": ARTICLE.replace("heat: 12", "heat: 1:30"),
    "underscore": ARTICLE.replace("quality: 64", "quality: 6_4"),
    "exponent": ARTICLE.replace("quality: 64", "quality: 6e1"),
    "naive-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20 18:00:00"),
    "date-only": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20"),
    "quoted-time": ARTICLE.replace("2021-04-20T18:00:00Z", '"2021-04-20T18:00:00Z"'),
    "offset-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20T18:00:00+02:00"),
    "short-offset-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20 18:00:00 +2"),
    "lowercase-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20t18:00:00z"),
    "quoted-naive-time": ARTICLE.replace("2021-04-20T18:00:00Z", '"2021-04-20T18:00:00"'),
    "future-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2999-04-20T18:00:00Z"),
    "impossible-date-in-a-list": ARTICLE.replace("  - Ferries\n", "  - 2021-02-30\n"),
    "empty-key": ARTICLE.replace("heat: 12\n", "heat: 12\n: x\n"),
    "empty-key-in-a-list": ARTICLE.replace("  - Ferries\n", "  - : x\n"),
    "tab-line": ARTICLE.replace("topics:\n", "topics:\n\t\n"),
    "control-character": ARTICLE.replace("Harbour Times", "Harbour\x01Times"),
    "byte-order-mark-inside": ARTICLE.replace("heat: 12\n", "heat: 12\n\ufeff: x\n"),
    "lone-carriage-returns": ARTICLE.replace("published: true\n", "published: true\ryes: no\r:\n"),
    "c1-control-character": ARTICLE.replace("Harbour Times", "Harbour\x85Times\x9f"),
    "tab-indent": ARTICLE.replace("heat: 12\n", "heat: 12\n \tx: 1\n"),
    "html-entity": ARTICLE.replace("ferry.jpg", "ferry.jpg?w=1&#038;h=2"),
    "duplicate": ARTICLE.replace("heat: 12", "heat: 12\nheat: 13"),
    "anchor": ARTICLE.replace("heat: 12", "heat: &h 12\nquality2: *h"),
    "flow": ARTICLE.replace("  - Transport\n  - Ferries\n", "  - [Transport, yes]\n"),
    "flow-on-next-line": ARTICLE.replace("topics:\n  - Transport\n  - Ferries\n", "topics:\n  [Transport, yes]\n"),
    "unknown-key": ARTICLE.replace("title:", "tittle:"),
    "int-key": ARTICLE.replace("heat: 12", "heat: 12\n1: x"),
    "suppressed": ARTICLE.replace("quality: 64", 'quality: "64"  # lint: disable=SCH003'),
    "unused-suppression": ARTICLE.replace("quality: 64", "quality: 64  # lint: disable=SCH003"),
    "bad-url": ARTICLE.replace("https://www.harbour-times.com/2021/04/20/ferry-night-service/\"", "/ferry\""),
    "null": ARTICLE.replace("heat: 12", "heat: ~"),
    "inf": ARTICLE.replace("quality: 64", "quality: .inf"),
    "integral-float": ARTICLE.replace("      width: 50", "      width: 50.0"),
    "decimal-in-list": ARTICLE.replace("  - Ferries\n", "  - 2.5\n"),
    "tag": ARTICLE.replace("heat: 12", "heat: !!str 12"),
    "block-scalar": ARTICLE.replace('excerpt: "Two late departures each way from May."', "excerpt: >\n  Two late\n  departures"),
    "not-mapping": "---\n- a\n- b\n---\n",
    "comment-only": "---\n# nothing\n---\n",
}


def _diagnostics(text: str, settings: Settings):
    result = lint_bytes(text.encode(), "/r/_news/2021-04-20-x.md", "_news/2021-04-20-x.md", settings)
    return [d.to_dict() for d in result.diagnostics], result.checked


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_fast_and_reference_paths_agree(name):
    assert _diagnostics(VARIANTS[name], FAST) == _diagnostics(VARIANTS[name], REFERENCE)


def test_the_fast_path_is_really_taken_for_clean_records(monkeypatch):
    from linter.stages import parse
    calls = []
    monkeypatch.setattr(parse, "compose", lambda text: calls.append(text) or (_ for _ in ()).throw(AssertionError))
    diagnostics, checked = _diagnostics(ARTICLE, FAST)
    assert diagnostics == [] and checked and calls == []


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpus is absent")
@pytest.mark.parametrize("tree", ["news-history", "power-apps"])
def test_corpus_identical_on_both_paths(tree):
    folder = os.path.join(CORPUS, tree)

    def resolver(fast):
        return ConfigResolver(overrides=lambda s: s.replace(fast=fast))
    fast = run([folder], resolver(True), cross_file=True)
    reference = run([folder], resolver(False), cross_file=True)
    assert fast.files == reference.files > 0
    assert fast.checked == reference.checked
    assert [d.to_dict() for d in fast.diagnostics] == [d.to_dict() for d in reference.diagnostics]


# Every YAML 1.1/1.2 trap, written in every place a value (or a key) can stand. The schema accepts
# anything, so no schema error sends the record to the reference path: only the screen can.
TRAPS = ["yes", "No", "on", "OFF", "y", "0755", "0o17", "0x1F", "0b101", "1:30", "190:20:30", "1_000", "1e3",
         "6.5", "50.0", ".5", "~", "null", "2021-04-20", "2021-04-20 18:00:00", "=", "<<", ".inf", "-.NaN", "word",
         "2021-02-30", "2021-13-01", "2021-02-28 25:00:00", "2021-04-31T10:00:00Z",  # dates that do not exist
         "2021-04-20T10:00:00+24:00", "2021-04-20 10:00:00 +23:99", "2021-04-20T10:00:00.5 -05",
         '"yes"', "'0755'", "&a yes", "*a", "!!str 12", "[a, yes]", "{b: on}", "|\n    yes", ">-\n    no"]
PLACES = [
    "key: {v}",                 # after its key
    "key:\n  {v}",              # on the next line
    "key:  # note\n  {v}",      # after a comment
    "key:\n  - {v}",            # a sequence item
    "key:\n  -\n    {v}",       # an item on the line after its dash
    "key:\n  [x, {v}]",         # inside a flow sequence on the next line
    "key:\n  - a: 1\n    b: {v}",  # in a mapping inside a sequence
    "key: [x,\n  {v}]",         # a flow sequence continued on the next line
    "key: x\n  {v}",            # continuing a plain scalar
    "{v}: key",                 # as a key
    "key:\n  - {v}: x",         # as a key inside a sequence
    "key:\n  {v}: x",           # as a nested key
]


@pytest.fixture(scope="module")
def permissive(tmp_path_factory):
    schema = tmp_path_factory.mktemp("schema") / "anything.json"
    schema.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema"}))
    return Settings(root="/", schemas=(("**", str(schema)),))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(TRAPS)), min_size=1, max_size=3),
       st.booleans())
def test_the_screen_sends_every_trap_to_the_reference_path(permissive, entries, crlf):
    lines = ["title: plain"]
    for number, (place, value) in enumerate(entries):
        lines.append(place.replace("key", f"k{number}").format(v=value))
    text = "---\n" + "\n".join(lines) + "\n---\n"
    if crlf:
        text = text.replace("\n", "\r\n")
    assert _diagnostics(text, permissive) == _diagnostics(text, permissive.replace(fast=False))


# The fast path checks `format: date-time`/`uri` with a pattern in Rust (fastpath._FORMAT_PATTERNS):
# every string a pattern accepts must be one the reference's format check accepts too.
_DATE_PARTS = st.tuples(st.sampled_from(["2021", "2020", "0000", "0001", "1999", "٢٠٢١"]),
                        st.sampled_from(["01", "02", "04", "12", "13", "00"]),
                        st.sampled_from(["01", "28", "29", "30", "31", "32", "00"]),
                        st.sampled_from(["T", "t", " ", "_"]), st.sampled_from(["00", "23", "24"]),
                        st.sampled_from(["00", "59", "60"]), st.sampled_from(["00", "59", "60", "61"]),
                        st.sampled_from(["", ".5", ".", ".123456"]),
                        st.sampled_from(["Z", "z", "+00:00", "-23:59", "+24:00", "+01:60", "", "+0100"]),
                        st.sampled_from(["", "\n", " "]))
_URI_CHARS = st.characters(blacklist_categories=("Cs",)) | st.sampled_from(
    list(' \t\n\x0b\x0c\r\x1c\x1f\x7f\x85\xa0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff<>"{}|\\^`%#'))


def _pattern_accepts(format_name):
    import jsonschema_rs
    schema = fastpath._with_format_patterns({"type": "string", "format": format_name})
    assert "format" not in schema
    return jsonschema_rs.validator_for(schema).is_valid


@settings(max_examples=500, deadline=None)
@given(_DATE_PARTS)
def test_the_fast_date_time_pattern_accepts_only_what_the_reference_accepts(parts):
    from linter.schemas.formats import is_rfc3339
    year, month, day, sep, hour, minute, second, fraction, offset, tail = parts
    value = f"{year}-{month}-{day}{sep}{hour}:{minute}:{second}{fraction}{offset}{tail}"
    if _pattern_accepts("date-time")(value):
        assert is_rfc3339(value), value


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["https:", "http://", "a+b.c-d:", "1http:", "", "mailto:"]), st.text(_URI_CHARS, max_size=12))
def test_the_fast_uri_pattern_accepts_only_what_the_reference_accepts(scheme, rest):
    from linter.schemas.formats import is_uri
    value = scheme + "//x.com/" + rest if scheme.endswith(":") else scheme + rest
    if _pattern_accepts("uri")(value):
        assert is_uri(value), repr(value)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab: -\t\n\r#'\"\x00\x7f\x80\x84\x85\x86\x9f\xa0\xbf\ufeff\ufffe\uffff"
                                              "\uf000\ufefe\ud7ff\ud800\udfff\u00e9\u2028\xad\U0001f600")),
               max_size=40))
def test_the_byte_test_for_control_characters_answers_as_the_regex(text):
    """The byte test that screens a block for control characters (ASCII, or UTF-8 without the
    lead bytes of the ranges it does not allow) never changes the answer."""
    assert fastpath._non_printable(text) == (fastpath._NON_PRINTABLE.search(text) is not None)


# The line-start screen as one regex tried at every line: the candidate search must answer as it does.
_LINE_START_TRAP = re.compile(r"\n(?: *\t|[ \t]*(?:-[ \t]+)*:(?:[ \t]|\r?\n|\Z))")


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a:- \t\n\r#")), max_size=30))
def test_the_line_start_screen_answers_as_one_regex_at_every_line(text):
    assert fastpath._line_start_trap(text) == (_LINE_START_TRAP.search("\n" + text) is not None), repr(text)


def test_the_line_start_screen_finds_a_keyless_line_or_a_tab_in_the_indentation():
    assert fastpath._line_start_trap("a: 1\n: 2\n")
    assert fastpath._line_start_trap(": 2\n")
    assert fastpath._line_start_trap("a:\n  - - : x\n")
    assert fastpath._line_start_trap("a:\n\t b: 1\n")
    assert not fastpath._line_start_trap('a: "x : y"\nb: https://x.com/\n- c:\n')


def test_the_fast_patterns_accept_the_usual_values():
    assert _pattern_accepts("date-time")("2021-04-20T18:00:00Z")
    assert _pattern_accepts("date-time")("2021-04-20T18:00:00.25+02:00")
    assert not _pattern_accepts("date-time")("2020-02-29T18:00:00Z")  # valid: the reference decides
    assert _pattern_accepts("uri")("https://www.harbour-times.com/2021/04/20/ferry-night-service/?a=1&b=é")


def test_format_patterns_replace_formats_only_where_a_schema_has_subschemas():
    schema = {"properties": {"format": {"type": "string", "format": "uri"},
                             "when": {"format": "date-time", "pattern": "^2"}},
              "items": [{"format": "uri"}], "$defs": {"u": {"anyOf": [{"format": "uri"}]}},
              "x-custom": {"format": "uri"}, "format": "email"}
    copy = fastpath._with_format_patterns(schema)
    assert copy["properties"]["format"] == {"type": "string", "pattern": fastpath._FORMAT_PATTERNS["uri"]}
    assert copy["properties"]["when"] == {"format": "date-time", "pattern": "^2"}  # its own pattern stays
    assert copy["items"][0] == {"pattern": fastpath._FORMAT_PATTERNS["uri"]}
    assert copy["$defs"]["u"]["anyOf"][0] == {"pattern": fastpath._FORMAT_PATTERNS["uri"]}
    assert copy["x-custom"] == {"format": "uri"} and copy["format"] == "email"  # the Python check runs there
    assert schema["properties"]["format"]["format"] == "uri"  # the loaded schema is not changed


def test_a_february_29_record_is_valid_on_both_paths():
    text = ARTICLE.replace("2021-04-20T18:00:00Z", "2024-02-29T18:00:00Z")
    assert _diagnostics(text, FAST) == _diagnostics(text, REFERENCE)
