"""Stages 2-3: decoding bytes and splitting the front matter block."""
import codecs

import pytest

from linter.stages.frontmatter import Block, SplitProblem, split
from linter.stages.read import ReadProblem, Source, decode


def test_utf8_bom_is_stripped_and_remembered():
    source = decode("a.md", codecs.BOM_UTF8 + b"---\na: 1\n---\n")
    assert isinstance(source, Source) and source.bom and source.text.startswith("---")


def test_invalid_utf8_points_at_the_byte():
    problem = decode("a.md", b"---\ntitle: caf\xe9\n---\n")
    assert isinstance(problem, ReadProblem)
    assert (problem.code, problem.line, problem.column) == ("FM006", 2, 11)
    assert "0xe9" in problem.message


def test_nul_and_utf16_are_reported():
    assert decode("a.md", b"---\na\x00: 1\n").code == "FM006"
    utf16 = decode("a.md", codecs.BOM_UTF16_LE + "---\n".encode("utf-16-le"))
    assert utf16.code == "FM006" and "UTF-16" in utf16.message


def test_split_finds_block_and_ignores_dashes_in_body():
    text = "---\na: 1\n---\nbody\n---\nmore\n"
    block = split(text)
    assert isinstance(block, Block)
    assert block.yaml == "a: 1\n" and block.first_line == 2
    assert text[block.offset + len(block.yaml):].startswith("---\nbody")


def test_split_accepts_dots_terminator_and_crlf():
    block = split("---\r\na: 1\r\n...\r\nbody")
    assert isinstance(block, Block) and block.yaml == "a: 1\r\n"


def test_no_front_matter_is_none():
    assert split("# Title\n\ntext\n") is None
    assert split("") is None


def test_problems():
    assert split("---\na: 1\n").code == "FM002"
    late = split("\n\n---\na: 1\n---\n")
    assert isinstance(late, SplitProblem) and (late.code, late.line) == ("FM003", 3)


def test_an_empty_block_is_a_block_with_no_yaml():
    # Jekyll's way to say "process this file": not a problem (FM004 is retired)
    assert split("---\n---\n").yaml == ""
    assert split("---\n  \t\n\n---\n").yaml == "  \t\n\n"


@pytest.mark.parametrize("before", ["# a note\n", "Draft, do not publish\n\n", "\n" * 25, "<!-- x -->\n"])
def test_front_matter_pushed_down_in_a_record_file_is_fm003_at_its_line(news_dir, lint_json, before):
    from conftest import ARTICLE

    (news_dir / "2021-04-20-a.md").write_text(before + ARTICLE)
    code, diagnostics = lint_json(news_dir)
    line = before.count("\n") + 1
    assert code == 1 and [(d["code"], d["line"]) for d in diagnostics] == [("FM003", line)]


def test_markdown_rules_in_a_file_without_schema_are_not_front_matter(tmp_path, lint_json):
    (tmp_path / "page.md").write_text("# Title\n---\nkey: value\n---\n")
    assert lint_json(tmp_path) == (0, [])
