"""Stages 4-5: YAML nodes with positions and the record built from them."""
import datetime

import pytest

from linter.stages.parse import Timestamp, parse


def test_positions_are_file_lines_and_columns():
    parsed = parse("title: Hello\nprovider:\n  name: X\n", first_line=2, char_offset=4)
    span = parsed.spans["/provider/name"]
    assert (span.line, span.column, span.end_column) == (4, 9, 10)
    assert (span.key_line, span.key_column) == (4, 3)
    assert parsed.spans["/title"].start == 4 + len("title: ")


def test_duplicate_key_reported_at_second_occurrence():
    parsed = parse("a: 1\nb: 2\na: 3\n", 2, 4)
    [problem] = parsed.problems
    assert (problem.code, problem.line, problem.column) == ("YML002", 4, 1)
    assert "line 2" in problem.message and parsed.record["a"] == 3


def test_timestamps_become_rfc3339_strings_remembering_timezone():
    parsed = parse("a: 2020-07-15T21:05:00Z\nb: 2020-07-15 21:05:00\nc: 2020-07-15\n", 2, 4)
    a, b, c = (parsed.record[k] for k in "abc")
    assert isinstance(a, Timestamp) and a == "2020-07-15T21:05:00Z" and a.has_timezone
    assert b == "2020-07-15T21:05:00" and not b.has_timezone
    assert c == "2020-07-15" and isinstance(c.moment, datetime.date)


def test_invalid_timestamp_is_a_problem_not_an_exception():
    parsed = parse("publishedDateTime: 2020-13-45T25:61:00Z\n", 2, 4)
    [problem] = parsed.problems
    assert (problem.code, problem.line, problem.column) == ("YML003", 2, 20)


def test_syntax_error_has_position():
    parsed = parse("a: 1\nb: [unclosed\nc: 2\n", 2, 4)
    assert parsed.record is None
    assert parsed.problems[0].code == "YML001" and parsed.problems[0].line >= 3


def test_unsafe_tags_are_not_constructed():
    parsed = parse("a: !!python/object/apply:os.system [echo hi]\n", 2, 4)
    assert parsed.problems[0].code == "YML004"


def test_alias_bomb_is_bounded():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    parsed = parse("\n".join(lines) + "\n", 2, 4, max_nodes=10_000)
    assert [p.code for p in parsed.problems] == ["LIM001"]


def test_recursive_alias_and_deep_nesting():
    assert parse("a: &x [*x]\n", 2, 4).problems[0].code == "YML004"
    deep = "a: " + "[" * 300 + "]" * 300 + "\n"
    assert parse(deep, 2, 4, max_depth=100).problems[0].code == "LIM002"


def test_merge_keys_expand_with_own_keys_winning():
    parsed = parse("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n", 2, 4)
    assert parsed.record["c"] == {"x": 1, "y": 3} and not parsed.problems


DEEP_SHAPES = {
    "block mappings": "".join(" " * i + f"k{i}:\n" for i in range(150)) + " " * 150 + "leaf: 1\n",
    "block sequences": "".join(" " * (2 * i) + "-\n" for i in range(150)) + " " * 300 + "- x\n",
    "flow lists": "a: " + "[" * 150 + "]" * 150 + "\n",
    "flow mappings": "a: " + "{b: " * 150 + "1" + "}" * 150 + "\n",
    "mixed, scalar leaf at the limit": "".join(" " * i + f"k{i}:\n" for i in range(100)) + " " * 100 + "x\n",
}


@pytest.mark.parametrize("shape", DEEP_SHAPES)
def test_event_stream_depth_agrees_with_the_builder(shape):
    """Files nested past libyaml's own limit (or SAFE_NESTING) are measured on the event stream;
    the rest by the builder. Both must put LIM002 at the same place."""
    from linter.stages.parse import too_deep
    text = DEEP_SHAPES[shape]
    built = parse(text, 2, 4, max_depth=100).problems
    mark = too_deep(text, 100)
    if not built:
        assert mark is None
        return
    assert [p.code for p in built] == ["LIM002"]
    assert (mark.line + 2, mark.column + 1) == (built[0].line, built[0].column)


def test_libyaml_nesting_limit_is_lim002_not_a_syntax_error(monkeypatch):
    """libyaml >= 0.2.5 (PyYAML 6.0.4) stops at 1,000 levels with a scanner error."""
    import yaml

    from linter.stages import parse as parse_module
    text = "".join(" " * i + f"k{i}:\n" for i in range(150)) + " " * 150 + "leaf: 1\n"

    def stopped(_text):
        raise yaml.scanner.ScannerError("while increasing block level", None,
                                        parse_module.LIBYAML_NESTING_PROBLEM, yaml.Mark("<unicode string>", 0, 140, 140, None, None))
    monkeypatch.setattr(parse_module, "compose", stopped)
    problems = parse(text, 2, 4, max_depth=100).problems
    assert [(p.code, p.line, p.column) for p in problems] == [("LIM002", 103, 102)]
    assert "deeper than 100 levels" in problems[0].message
    # Past the limit but not past max-depth as far as the events went: where libyaml stopped.
    problems = parse(text, 2, 4, max_depth=500).problems
    assert [(p.code, p.line, p.column) for p in problems] == [("LIM002", 142, 141)]
