"""TOML (`+++`) and JSON (`{ }`) front matter: splitting, positions held to the value parsers,
planted defects at the right line on both paths, the dialect rules, suppressions and fixes."""
import datetime
import json

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ARTICLE, ARTICLE_JSON, ARTICLE_TOML, line_of
from linter import rules
from linter.config import Settings
from linter.fix.fixer import fix_text
from linter.model.pointers import escape
from linter.pipeline import enabled_checks, lint_bytes
from linter.stages import dialects, fastpath, parse_json, parse_toml
from linter.stages.frontmatter import JSON, TOML, YAML, Block, SplitProblem, split
from linter.support import tomlreader as tomllib  # the TOML reader the linter uses
from linter.stages.parsed import Timestamp
from rule_testing import both_paths, edited

NEWS = "_news/2021-04-20-ferry-night-service.md"
SETTINGS = Settings(root="/r")
LIMITS = {"max-nodes": 100_000, "max-depth": 100}


def found(text, name=NEWS, codes=None):
    return [(d.code, d.line, d.column) for d in both_paths(text, name) if codes is None or d.code in codes]


# --- splitting ---------------------------------------------------------------------------------

def test_split_finds_each_dialect_where_hugo_does():
    assert split(ARTICLE).dialect == YAML
    toml = split(ARTICLE_TOML)
    assert (toml.dialect, toml.first_line, toml.offset) == (TOML, 2, 4)
    assert ARTICLE_TOML[toml.offset + len(toml.text):].startswith("+++\nBody text with a +++ inside")
    block = split(ARTICLE_JSON)
    assert (block.dialect, block.first_line, block.offset) == (JSON, 1, 0)
    assert block.text.endswith("}") and ARTICLE_JSON[len(block.text):].startswith("\nBody text with a } inside")
    assert split('{"a": "}{\\"}", "b": {"c": 1}}\nbody').text == '{"a": "}{\\"}", "b": {"c": 1}}'


@pytest.mark.parametrize("text", ["{{< figure src=x >}}\n", "{% include nav.html %}\n", "{{ site.title }}\n",
                                  "{#- comment -#}\n", "{: .lead}\nText\n", "{#intro}\n", "+++ not a delimiter\n",
                                  "# Title\n"])
def test_templates_and_text_are_not_front_matter(text):
    assert split(text) is None
    assert found(text, "page.md") == []


@pytest.mark.parametrize("text,message", [
    ('+++\ntitle = "x"\n', "no closing `+++` line"),
    ('{\n  "title": "x"\n', "never closed"),
    ('{\n  "title": "x\n}\n', "this string is never closed"),
])
def test_unterminated_blocks(text, message):
    problem = split(text)
    assert isinstance(problem, SplitProblem) and problem.code == "FM002" and message in problem.message
    assert [d.code for d in both_paths(text, "page.md")] == ["FM002"]


def test_a_string_never_closed_is_reported_at_its_quote():
    problem = split('\n{\n  "title": "x",\n  "description": Text."\n}\n')  # after a blank line, as Hugo reads it
    assert (problem.code, problem.line, problem.column) == ("FM002", 4, 23), problem.message


def test_a_toml_or_json_block_after_blank_lines_is_read_there_as_hugo_and_zola_read_it():
    for text in ("\n \n" + ARTICLE_TOML, "\n" + ARTICLE_JSON, "\r\n\r\n" + ARTICLE_TOML.replace("\n", "\r\n")):
        assert found(text, NEWS) == []
        blank_lines = text[:text.index(text.lstrip()[:1])].count("\n")
        defect = edited(("quality = 64", 'quality = "64"') if "+++" in text else ('"quality": 64', '"quality": "64"'),
                        text=text)
        [(code, line, _)] = found(defect, NEWS)
        assert (code, line) == ("SCH003", line_of(text, "quality")) and line > blank_lines
        assert found(text, "content/posts/x.md") == []
    # YAML there is front matter Jekyll does not see: FM003 where a schema is due.
    assert found("\n" + ARTICLE, NEWS) == [("FM003", 2, 1)]


def test_a_toml_or_json_record_where_a_schema_is_due_is_not_missing_front_matter():
    """The bug this work fixes: `+++` and `{` blocks were "no front matter" (FM001) there."""
    assert found(ARTICLE_TOML) == [] and found(ARTICLE_JSON) == []
    assert found("# no front matter\n") == [("FM001", 1, 1)]


def test_empty_blocks_are_records_without_keys():
    assert found("+++\n+++\n", "page.md") == [] and found("{}\n", "page.md") == []
    assert found("+++\n+++\n") == found("{}\nbody\n") == found("---\n---\n")


# --- clean records, on the fast path ------------------------------------------------------------

@pytest.mark.parametrize("text", [ARTICLE_TOML, ARTICLE_JSON, ARTICLE_TOML.replace("\n", "\r\n"),
                                  ARTICLE_JSON.replace("\n", "\r\n")], ids=["toml", "json", "toml-crlf", "json-crlf"])
def test_clean_records_are_clean_and_vouched_for_by_the_fast_path(text, monkeypatch):
    assert both_paths(text, NEWS) == []
    if fastpath.available():
        def no_reference(block, limits):
            raise AssertionError("the reference parser ran on a clean record")
        monkeypatch.setattr(dialects, "parse_block", no_reference)
        result = lint_bytes(text.encode(), "/r/" + NEWS, NEWS, SETTINGS)
        assert result.diagnostics == [] and result.checked


def test_same_record_whatever_the_dialect():
    from linter.stages.parse import parse_block as parse_yaml
    records = [dialects.parse_block(split(text), LIMITS).record for text in (ARTICLE_TOML, ARTICLE_JSON)]
    yaml_record = parse_yaml(split(ARTICLE), LIMITS).record
    assert records[0] == records[1] == yaml_record
    assert isinstance(records[0]["publishedDateTime"], Timestamp) and records[0]["publishedDateTime"].has_timezone


# --- planted defects, at the right line and column, on both paths --------------------------------

TOML_DEFECTS = [
    ("schema", ('title = "Harbour', 'tittle = "Harbour'), [("SCH001", 3, 1)]),
    ("type", ("quality = 64", 'quality = "64"'), [("SCH003", 10, 11)]),
    ("enum", ('type = "article"', 'type = "artcle"'), [("SCH004", 9, 8)]),
    ("url", ('url = "https://www.harbour-times.com/uploads', 'url = "http://www.harbour-times.com/uploads'),
     [("URL006", 26, 7)]),
    ("url-entity", ("ferry.jpg", "ferry.jpg?w=1&#038;h=2"), [("URL005", 26, 7)]),
    ("naive-date", ("2021-04-20T18:00:00Z", "2021-04-20T18:00:00"), [("DAT001", 5, 21)]),
    ("date-only", ("2021-04-20T18:00:00Z", "2021-04-20"), [("DAT001", 5, 21)]),
    ("quoted-date", ("2021-04-20T18:00:00Z", '"yesterday"'), [("SCH005", 5, 21)]),
    ("future-date", ("2021-04-20T18:00:00Z", "2999-04-20T18:00:00Z"), [("DAT002", 5, 21), ("DAT004", 5, 21)]),
    ("duplicate-topic", ('"Ferries"]', '"Ferries", "Transport"]'), [("CON004", 13, 35)]),
    ("duplicate-key", ("heat = 12", "heat = 12\nheat = 13"), [("TOM002", 12, 1)]),
    ("duplicate-table", ('[provider]\nname = "Harbour Times"', '[provider]\nname = "Harbour Times"\n[provider]'),
     [("TOM002", 18, 2)]),
    ("dotted-over-value", ("heat = 12", "heat = 12\nheat.x = 1"), [("TOM002", 12, 1)]),
    ("yaml-syntax", ("heat = 12", "heat: 12"), [("TOM001", 11, 5)]),
    ("unclosed-string", ('type = "article"', 'type = "article'), [("TOM001", 9, 16)]),
    ("missing-key", ('excerpt = "Two late departures each way from May."\n', ""), [("SCH002", 1, 1)]),
    ("nested-missing-key", ('domain = "harbour-times.com"\n', ""), [("SCH002", 16, 2)]),
]

JSON_DEFECTS = [
    ("schema", ('"title": "Harbour', '"tittle": "Harbour'), [("SCH001", 3, 3)]),
    ("type", ('"quality": 64', '"quality": "64"'), [("SCH003", 10, 14)]),
    ("url", ('"url": "https://www.harbour-times.com/uploads', '"url": "http://www.harbour-times.com/uploads'),
     [("URL006", 26, 14)]),
    ("naive-date", ("2021-04-20T18:00:00Z", "2021-04-20 18:00:00"), [("DAT001", 5, 24)]),
    ("bad-date", ("2021-04-20T18:00:00Z", "yesterday"), [("SCH005", 5, 24)]),
    ("duplicate-topic", ('"Ferries"\n', '"Ferries",\n    "Transport"\n'), [("CON004", 23, 5)]),
    ("duplicate-key", ('"heat": 12,', '"heat": 12,\n  "heat": 13,'), [("JSN002", 12, 3)]),
    ("trailing-comma-array", ('"Ferries"\n', '"Ferries",\n'), [("JSN001", 22, 14)]),
    ("trailing-comma-object", ('"isCached": true\n', '"isCached": true,\n'), [("JSN001", 29, 23)]),
    ("line-comment", ('"heat": 12,', '"heat": 12, // how hot'), [("JSN001", 11, 15)]),
    ("block-comment", ('"heat": 12,', '/* hot */ "heat": 12,'), [("JSN001", 11, 3)]),
    ("single-quotes", ('"type": "article"', "'type': 'article'"), [("JSN001", 9, 3)]),
    ("unquoted-key", ('"type": "article"', 'type: "article"'), [("JSN001", 9, 3)]),
    ("nan", ('"heat": 12', '"heat": NaN'), [("JSN001", 11, 11)]),
    ("missing-comma", ('"heat": 12,', '"heat": 12'), [("JSN001", 12, 3)]),
]


@pytest.mark.parametrize("name,change,expected", TOML_DEFECTS, ids=[c[0] for c in TOML_DEFECTS])
def test_planted_defects_in_toml(name, change, expected):
    assert found(edited(change, text=ARTICLE_TOML)) == expected


@pytest.mark.parametrize("name,change,expected", JSON_DEFECTS, ids=[c[0] for c in JSON_DEFECTS])
def test_planted_defects_in_json(name, change, expected):
    assert found(edited(change, text=ARTICLE_JSON)) == expected


def test_syntax_errors_say_what_to_fix():
    messages = {d.code: d.message for d in both_paths(edited(("heat = 12", "heat: 12"), text=ARTICLE_TOML), NEWS)}
    assert "TOML writes `key = value`" in messages["TOM001"]
    for change, words in ((('"Ferries"\n', '"Ferries",\n'), "trailing comma"), (('"heat": 12,', '"heat": 12, // x'), "comments"),
                          (('"type": "article"', "'type': 'article'"), "double quotes"), (('"heat": 12', '"heat": NaN'), "NaN")):
        [diagnostic] = both_paths(edited(change, text=ARTICLE_JSON), NEWS)
        assert words in diagnostic.message


@pytest.mark.parametrize("opening,words", [
    ("{\n  'title': \"x\"\n}\n", "single quotes"), ('{\n  title: "x"\n}\n', "keys are strings in double quotes"),
    ('{\n  "title": "x", // the post\n  "draft": true\n}\n', "comments"),
])
def test_a_json_object_whose_first_key_is_written_as_json_forbids_is_json_front_matter(opening, words):
    """Hugo reads any `{` first as JSON and fails the build: the mistake is JSN001 at its place,
    not a file without front matter."""
    assert split(opening).dialect == JSON
    [diagnostic] = both_paths(opening, "page.md")
    assert (diagnostic.code, diagnostic.line) == ("JSN001", 2)
    assert words in diagnostic.message


@pytest.mark.parametrize("name,text", [
    ("page.mdx", "{/* prettier-ignore */}\n# Title\n\nimport X from './x'\n"),   # MDX's comment
    ("page.md", "{/* a note */}\nText\n"),
])
def test_a_comment_in_braces_first_is_no_json_front_matter(name, text):
    assert split(text) is None
    assert found(text, name) == []


@pytest.mark.parametrize("text,line", [("\n\n+++\ntitle = \"x\"\nBody\n", 3), ('\n{\n  "title": "x"\nBody\n', 2)])
def test_an_unterminated_block_after_blank_lines_is_fm002_at_its_opening(text, line):
    assert [(d.code, d.line) for d in both_paths(text, "page.md")] == [("FM002", line)]


def test_too_large_blocks_are_lim003_at_their_opening_line_in_every_dialect():
    from linter.stages.frontmatter import too_large
    for text, line in (("---\ntitle: xxxxxxxx\n---\n", 1), ("\n\n+++\ntitle = \"xxxxxxxx\"\n+++\n", 3),
                       ('\n\n{"title": "xxxxxxxx"}\n', 3), ('{"title": "xxxxxxxx"}\n', 1)):
        assert too_large(split(text), 5).line == line, text


def test_json_duplicate_keeps_the_last_value_and_the_rules_still_run():
    text = edited(('"heat": 12,', '"heat": 12,\n  "quality": "x",'), text=ARTICLE_JSON)
    assert [c for c, _, _ in found(text)] == ["JSN002", "SCH003"]


# --- dates: TOML's native ones -----------------------------------------------------------------

@pytest.mark.parametrize("written", ["2021-04-20T18:00:00Z", "2021-04-20T20:00:00+02:00", "2021-04-20T18:00:00.5Z",
                                     '"2021-04-20T18:00:00Z"'])
def test_a_toml_offset_date_time_is_a_date_time_as_a_quoted_one_is(written):
    assert found(ARTICLE_TOML.replace("2021-04-20T18:00:00Z", written)) == []


def test_a_toml_date_written_other_than_rfc_3339s_usual_form_is_dat005():
    text = ARTICLE_TOML.replace("2021-04-20T18:00:00Z", "2021-04-20 18:00:00Z")
    assert found(text) == [("DAT005", 5, 21)]


def test_a_toml_time_of_day_is_no_date_time():
    assert found(ARTICLE_TOML.replace("2021-04-20T18:00:00Z", "18:00:00")) == [("SCH005", 5, 21)]


@pytest.mark.parametrize("written,kind", [("2021-04-20", "date"), ("2021-04-20T18:00:00Z", "date-time"),
                                          ("18:00:00", "time")])
def test_toml_date_for_text(written, kind):
    text = ARTICLE_TOML.replace('excerpt = "Two late departures each way from May."', f"excerpt = {written}")
    [diagnostic] = both_paths(text, NEWS)
    assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("TOM003", 4, 11)
    assert f"TOML {kind} {written}" in diagnostic.message
    assert _fixed(text) == text.replace(f"excerpt = {written}", f'excerpt = "{written}"')


def test_yaml_only_rules_do_not_run_on_toml_or_json():
    yaml_only = {r.code for r in rules.checks() if r.dialects == ("yaml",)}
    assert yaml_only == {"PIT001", "PIT002"}
    for dialect in (TOML, JSON):
        assert not yaml_only & {r.code for r in enabled_checks(SETTINGS, "/r/x.md", dialect)}
    assert "TOM003" not in {r.code for r in enabled_checks(SETTINGS, "/r/x.md", YAML)}
    text = ARTICLE_TOML.replace("heat = 12", "heat = 12\nyes = true")
    assert [c for c, _, _ in found(text)] == ["SCH001"]
    assert "PIT001" in [c for c, _, _ in found(ARTICLE.replace("heat: 12", "heat: 12\nyes: true"))]


# --- suppressions ------------------------------------------------------------------------------

def test_inline_suppressions_in_toml():
    text = ARTICLE_TOML.replace("quality = 64", 'quality = "64"  # lint: disable=SCH003')
    assert found(text) == []
    text = ARTICLE_TOML.replace("quality = 64", "quality = 64  # lint: disable=wrong-type")
    assert found(text) == [("LNT001", 10, 15)]
    text = ARTICLE_TOML.replace("heat = 12", '# lint: disable-file=SCH003\nheat = "12"')
    assert found(text) == []


def test_json_has_no_comments_so_no_inline_suppressions():
    text = ARTICLE_JSON.replace('"quality": 64', '"quality": "64 # lint: disable=SCH003"')
    assert [c for c, _, _ in found(text)] == ["SCH003"]


# --- fixes, byte-exact --------------------------------------------------------------------------

def _fixed(text, name=NEWS, unsafe=False):
    settings = SETTINGS.replace(fast=False)
    result = lint_bytes(text.encode(), "/r/" + name, name, settings)
    outcome = fix_text(result, settings, unsafe)
    assert outcome.refused == 0
    return text if outcome.text is None else outcome.text


def test_fixes_after_leading_blank_lines_are_minimal_edits():
    for text in ("\n\n" + ARTICLE_TOML.replace('"Ferries"]', '"Ferries "]'),
                 "\n" + ARTICLE_JSON.replace('"Ferries"\n', '"Ferries "\n')):
        assert _fixed(text) == text.replace('"Ferries "', '"Ferries"')


@pytest.mark.parametrize("before,after,fixed", [
    ("ferry.jpg", "ferry.jpg?w=1&#038;h=2", "ferry.jpg?w=1&h=2"),                 # URL005, safe
    ('"Ferries"]', '"Ferries", "Transport"]', '"Ferries"]'),                      # CON004, remove an item
    ('topics = ["Transport", "Ferries"]', "topics = ['Transport', ' Ferries ']",  # CON003 in a literal string
     "topics = ['Transport', 'Ferries']"),
])
def test_toml_safe_fixes_are_minimal_edits(before, after, fixed):
    broken = ARTICLE_TOML.replace(before, after)
    assert broken != ARTICLE_TOML and _fixed(broken) == ARTICLE_TOML.replace(before, fixed)


def test_toml_unsafe_date_fix_writes_a_native_offset_date_time():
    broken = ARTICLE_TOML.replace("2021-04-20T18:00:00Z", "2021-04-20T18:00:00")
    assert _fixed(broken) == broken
    assert _fixed(broken, unsafe=True) == ARTICLE_TOML


def test_toml_strings_are_written_as_toml():
    broken = ARTICLE_TOML.replace('url = "https://www.harbour-times.com/uploads/2021/04/ferry.jpg"',
                                  'url = "https://www.harbour-times.com/uploads/2021/04/ferry.jpg?q=\\u007f&#038;"')
    fixed = _fixed(broken)
    assert 'ferry.jpg?q=\\u007F&"' in fixed
    assert tomllib.loads(split(fixed).text)["images"][0]["url"].endswith("?q=\x7f&")


@pytest.mark.parametrize("before,after,fixed", [
    ("ferry.jpg", "ferry.jpg?w=1&#038;h=2", "ferry.jpg?w=1&h=2"),
    ('"Ferries"\n', '"Ferries",\n    "Transport"\n', '"Ferries"\n'),       # the last item: its comma before too
    ('"Transport",\n', '"Transport",\n    "Transport",\n', '"Transport",\n'),  # one followed by a comma: its line
])
def test_json_safe_fixes_are_minimal_edits(before, after, fixed):
    broken = ARTICLE_JSON.replace(before, after, 1)
    assert broken != ARTICLE_JSON and _fixed(broken) == ARTICLE_JSON.replace(before, fixed, 1)


def _related(title: str, url: str) -> str:
    return (f'\n[[related]]\ntitle = "{title}"\nexcerpt = "The timetable is online."\n'
            f'publishedDateTime = 2021-04-21T08:00:00Z\nwebUrl = "{url}"\ntype = "article"\nquality = 50\n'
            '# its provider, a table of the entry\n[related.provider]\nname = "Harbour Times"\ndomain = "harbour-times.com"\n')


def test_toml_related_entry_removed_with_its_section():
    other = _related("Timetable", "https://www.harbour-times.com/2021/04/21/timetable/")
    itself = _related("Self", "https://www.harbour-times.com/2021/04/20/ferry-night-service/")
    last = _related("Fares", "https://www.harbour-times.com/2021/04/22/fares/")
    text = ARTICLE_TOML.replace("+++\nBody", other + itself + last + "+++\nBody")
    own = 'webUrl = "https://www.harbour-times.com/2021/04/20/ferry-night-service/"'
    assert found(text) == [("XF002", [n for n, line in enumerate(text.split("\n"), 1) if line == own][1], 10)]
    assert _fixed(text) == ARTICLE_TOML.replace("+++\nBody", other + last + "+++\nBody")


def test_fixes_keep_crlf():
    for text in (ARTICLE_TOML, ARTICLE_JSON):
        broken = text.replace("ferry.jpg", "ferry.jpg?w=1&#038;h=2").replace("\n", "\r\n")
        assert _fixed(broken) == text.replace("ferry.jpg", "ferry.jpg?w=1&h=2").replace("\n", "\r\n")


# --- positions, held to the value parsers ---------------------------------------------------------

def _leaves(value, pointer=""):
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, f"{pointer}/{escape(key)}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, f"{pointer}/{index}")
    else:
        yield pointer, value


def _containers(value, pointer=""):
    if isinstance(value, (dict, list)):
        yield pointer
        for key, child in (value.items() if isinstance(value, dict) else enumerate(value)):
            yield from _containers(child, f"{pointer}/{escape(key)}" if isinstance(value, dict) else f"{pointer}/{key}")


def assert_positions_agree(text: str):
    """Every value of the record has a span whose text, read alone by the value parser, is that
    value; every key's span is the key as written; line and column agree with the offsets."""
    block = split(text)
    assert isinstance(block, Block) and block.dialect in (TOML, JSON)
    parsed = dialects.parse_block(block, LIMITS)
    assert parsed.problems == [] and isinstance(parsed.record, dict), parsed.problems
    reading = tomllib.loads(block.text) if block.dialect == TOML else json.loads(block.text)
    leaves = dict(_leaves(reading))
    assert set(leaves) | set(_containers(reading)) == set(parsed.spans)
    lines = text.split("\n")
    for pointer, span in parsed.spans.items():
        written = text[span.start:span.end]
        assert lines[span.line - 1][span.column - 1:].startswith(written.split("\n")[0]) or not written
        if pointer in leaves:
            alone = tomllib.loads(f"v = {written}")["v"] if block.dialect == TOML else json.loads(written)
            assert alone == leaves[pointer] or alone != alone and leaves[pointer] != leaves[pointer], (pointer, written)
            if isinstance(leaves[pointer], str):
                assert span.raw == leaves[pointer] and span.style is not None
            else:
                assert span.raw == written and span.style is None
        if span.key_line:
            key = lines[span.key_line - 1][span.key_column - 1:span.key_end_column - 1]
            name = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
            assert key == name or (key[:1] in "\"'" and (json.loads(key) if key[0] == '"' else key[1:-1]) == name), (key, name)


@pytest.mark.parametrize("text", [ARTICLE_TOML, ARTICLE_JSON, ARTICLE_TOML.replace("\n", "\r\n")])
def test_positions_of_the_articles(text):
    assert_positions_agree(text)


TOML_SHAPES = '''+++
# a comment
"quoted key" = 'literal'
bare-key_1 = """
multi "line" \\
  basic"""
lit = \'\'\'no \\escapes
here\'\'\'
ints = [0x1F, 0o17, 0b101, 1_000, -3, +4]
floats = [1.5, -2e-3, inf, -inf, nan, 6.626e-34]
dates = [1979-05-27T07:32:00Z, 1979-05-27 07:32:00.999-07:00, 1979-05-27T07:32:00, 1979-05-27, 07:32:00]
nested = [[1, 2], ["a", 'b'], [{x = 1}, {y = {z = "deep"}}], [],]
site.title = "dotted"
site."sub key".n = 1
empty = {}
inline = { a = 1, b.c = "two", "d e" = [true, false] }

[table.sub]
k = "v" # trailing comment
[table]
direct = 1
[[arr]]
n = 1
[arr.inner]
m = 2
[[arr.list]]
o = 3
[[arr]]
n = 2
+++
'''


def test_positions_of_every_toml_shape():
    assert_positions_agree(TOML_SHAPES)


_KEYS = st.one_of(st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,8}", fullmatch=True), st.text(max_size=6))
_SCALARS = st.one_of(
    st.text(max_size=12), st.integers(-2**63, 2**63 - 1), st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(timezones=st.sampled_from([None, datetime.timezone.utc,
                                            datetime.timezone(datetime.timedelta(hours=-7))])).map(
        lambda d: d.replace(microsecond=d.microsecond // 1000 * 1000)),
    st.dates(), st.times().map(lambda t: t.replace(microsecond=0)))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
                       max_leaves=12)


def _toml_key(key, draw):
    if key and all(c.isalnum() and c.isascii() or c in "_-" for c in key) and not draw(st.booleans()):
        return key
    if "'" not in key and "\n" not in key and not any(ord(c) < 32 or ord(c) == 127 for c in key) and draw(st.booleans()):
        return f"'{key}'"
    return _toml_string(key)


def _toml_string(value):
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 32 or ord(char) == 127:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _toml_value(value, draw):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=draw(st.sampled_from("T t".split(" ") + [" "])))
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, str):
        if "'" not in value and not any(ord(c) < 32 and c != "\t" or ord(c) == 127 for c in value) and draw(st.booleans()):
            return f"'{value}'"
        return _toml_string(value)
    if isinstance(value, list):
        sep = draw(st.sampled_from([", ", ",\n  ", " , ", ",  # c\n"]))
        return "[" + sep.join(_toml_value(v, draw) for v in value) + (draw(st.sampled_from(["", ","])) if value else "") + "]"
    return "{" + ", ".join(f"{_toml_key(k, draw)} = {_toml_value(v, draw)}" for k, v in value.items()) + "}"


@st.composite
def toml_documents(draw):
    record = draw(st.dictionaries(_KEYS, _VALUES, max_size=5))
    lines, tables = [], []
    for key, value in record.items():
        if isinstance(value, dict) and value and draw(st.booleans()):
            tables.append((key, value, False))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and draw(st.booleans()):
            tables.append((key, value, True))
        else:
            lines.append(f"{_toml_key(key, draw)} = {_toml_value(value, draw)}")
    for key, value, is_array in tables:
        header = _toml_key(key, draw)
        for entry in (value if is_array else [value]):
            lines.append(f"\n[[{header}]]" if is_array else f"\n[{header}]")
            lines.extend(f"{_toml_key(k, draw)} = {_toml_value(v, draw)}" for k, v in entry.items())
    return "+++\n" + "\n".join(lines) + "\n+++\nbody\n"


@st.composite
def json_documents(draw):
    record = draw(st.dictionaries(_KEYS, _VALUES.filter(lambda v: True), max_size=5))
    text = json.dumps(record, default=str, ensure_ascii=draw(st.booleans()),
                      indent=draw(st.sampled_from([None, 2, "\t"])))
    return text + "\nbody\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toml_documents())
def test_positions_of_generated_toml(text):
    assert_positions_agree(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_documents())
def test_positions_of_generated_json(text):
    assert_positions_agree(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(toml_documents())
def test_generated_toml_both_paths_agree(text):
    both_paths(text, "page.md")
    both_paths(text, NEWS)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet='+=[]{}"\'#.,:\n \\ab1-_T', max_size=60))
def test_arbitrary_toml_and_json_never_crash_and_agree(body):
    for text in ("+++\n" + body + "\n+++\n", "{" + body + "}\n", '{"a": ' + body + "}\n"):
        for diagnostic in both_paths(text, "page.md"):
            assert diagnostic.code != "LNT002", diagnostic.message


def test_scanner_and_tomllib_agree_on_what_is_valid():
    for text in ('a = 1\n[a]\n', '[a]\nb.c = 1\n[a.b]\n', '[a.b.c]\n[a]\nb.d = 1\n', 'a = {b = 1}\na.c = 2\n',
                 '[[a]]\n[a.b]\n[[a]]\n[a.b]\n', 'a = [1]\n[[a]]\n', '[a]\n[a.b]\n[a]\n'):
        parsed = parse_toml.parse(text, 2, 4)
        try:
            tomllib.loads(text)
            valid = True
        except tomllib.TOMLDecodeError:
            valid = False
        assert (parsed.record is not None) == valid, (text, parsed.problems)
        assert valid or parsed.problems[0].code in ("TOM001", "TOM002")


def test_json_scanner_refuses_only_what_is_not_json():
    for text in ('{"a": 01}', '{"a": 1.}', '{"a": .5}', '{"a": +1}', '{"a": "\t"}', '{"a": tru}'):
        assert parse_json.parse(text, 1, 0).problems[0].code == "JSN001", text
    assert parse_json.parse('{"a": -0.5e+3, "b": [true, false, null], "c": "\\u00e9\\ud83d\\ude00"}', 1, 0).problems == []
