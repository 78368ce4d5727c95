"""The fixer: minimal edits, verified, atomic and idempotent; `--fix`, `--diff`, `--unsafe-fixes`.

A synthetic rule registered for these tests (ZZZ001: a title with surrounding spaces, fixed by
trimming) keeps them independent of the real rule families, whose own tests check their fixes.
"""
import json
import os
import stat

import pytest

from conftest import ARTICLE
from linter.fix import edits
from linter import rules
from linter.cli import main
from linter.model.diagnostics import Edit, Fix

PADDED = ARTICLE.replace('title: "Harbour ferry adds a night service"',
                         'title: "  Harbour ferry adds a night service "  # keep this comment')


def _padded_title(ctx):
    title = ctx.record.get("title")
    if isinstance(title, str) and title != title.strip():
        yield ctx.report("title has surrounding spaces", "/title",
                         fix=lambda: edits.replace_string_value(ctx.span("/title"), title.strip(), "trim the title"))


def _unsafe_heat(ctx):
    if ctx.record.get("heat") == 12:
        yield ctx.report("heat 12", "/heat", fix=lambda: edits.replace_scalar_text(ctx.span("/heat"), "13", "bump", safe=False))


def _overreaching(ctx):
    """A broken fix: it claims to fix `quality` but also changes `heat`."""
    if ctx.record.get("quality") == 64:
        def fix():
            q, h = ctx.span("/quality"), ctx.span("/heat")
            return Fix("overreach", (Edit(q.start, q.end, "65"), Edit(h.start, h.end, "99")))
        yield ctx.report("quality 64", "/quality", fix=fix)


def _breaking(ctx):
    """A broken fix: its result is not YAML."""
    if ctx.record.get("type") == "article":
        yield ctx.report("type", "/type", fix=lambda: edits.replace_scalar_text(ctx.span("/type"), "[unclosed", "break"))


@pytest.fixture
def synthetic_rules(monkeypatch):
    rules.load_all()
    added = {}

    def add(code, check, fix="safe"):
        rule = rules.Rule(code, f"synthetic-{code.lower()}", "error", "Synthetic.", "test", check=check, fix=fix)
        monkeypatch.setitem(rules.REGISTRY, code, rule)
        added[code] = rule
    return add


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "_news").mkdir()
    return tmp_path


def _lint(capsys, *args):
    code = main(["--no-cache", "--no-cross-file", "--select", "ZZZ", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_fix_is_a_minimal_edit_keeping_every_other_byte(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ001", _padded_title)
    path = repo / "_news" / "2021-04-20-a.md"
    original = ("\ufeff" + PADDED).replace("\n", "\r\n").encode("utf-8")
    path.write_bytes(original)
    os.chmod(path, 0o640)
    code, out, err = _lint(capsys, "--fix", path)
    fixed = path.read_bytes()
    assert fixed == original.replace(b'"  Harbour ferry adds a night service "', b'"Harbour ferry adds a night service"')
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert code == 0 and "ZZZ001" not in out and "Fixed 1 finding in 1 file" in err
    assert not [p for p in os.listdir(path.parent) if p.startswith(".")], "temporary file left behind"


def test_second_fix_changes_nothing(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ001", _padded_title)
    path = repo / "_news" / "2021-04-20-a.md"
    path.write_text(PADDED)
    _lint(capsys, "--fix", path)
    once = path.read_bytes()
    code, _, err = _lint(capsys, "--fix", path)
    assert path.read_bytes() == once and code == 0 and "Fixed 0 findings" in err


def test_diff_shows_without_writing(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ001", _padded_title)
    path = repo / "_news" / "2021-04-20-a.md"
    path.write_text(PADDED)
    code, out, err = _lint(capsys, "--diff", path)
    assert path.read_text() == PADDED
    assert code == 1 and "Would fix 1 finding" in err
    assert '-title: "  Harbour ferry adds a night service "  # keep this comment' in out
    assert '+title: "Harbour ferry adds a night service"  # keep this comment' in out
    assert out.startswith("--- a/_news/2021-04-20-a.md\n+++ b/_news/2021-04-20-a.md\n")


def test_unsafe_fixes_only_when_asked(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ002", _unsafe_heat, fix="unsafe")
    path = repo / "_news" / "2021-04-20-a.md"
    path.write_text(ARTICLE)
    code, out, _ = _lint(capsys, "--fix", path)
    assert path.read_text() == ARTICLE and code == 1 and "ZZZ002" in out
    code, out, _ = _lint(capsys, "--fix", "--unsafe-fixes", path)
    assert path.read_text() == ARTICLE.replace("heat: 12", "heat: 13") and code == 0


def test_unsafe_fixes_needs_fix_or_diff(repo, capsys):
    assert main(["--unsafe-fixes", str(repo)]) == 2


def test_fix_that_would_change_another_value_is_refused(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ003", _overreaching)
    synthetic_rules("ZZZ001", _padded_title)
    path = repo / "_news" / "2021-04-20-a.md"
    path.write_text(PADDED)
    code, out, err = _lint(capsys, "--fix", path)
    text = path.read_text()
    assert "quality: 64" in text and "heat: 12" in text  # refused
    assert 'title: "Harbour ferry adds a night service"' in text  # the good fix still applied
    assert "refused" in err and "ZZZ003" in out and code == 1


def test_fix_whose_result_does_not_parse_is_refused(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ004", _breaking)
    path = repo / "_news" / "2021-04-20-a.md"
    path.write_text(ARTICLE)
    code, out, err = _lint(capsys, "--fix", path)
    assert path.read_text() == ARTICLE and "refused" in err and code == 1


def test_file_changed_since_it_was_read_is_not_written(repo, capsys, synthetic_rules, monkeypatch):
    from linter.fix import fixer

    synthetic_rules("ZZZ001", _padded_title)
    path = repo / "_news" / "2021-04-20-a.md"
    path.write_text(PADDED)
    real_fix_text = fixer.fix_text

    def edit_meanwhile(*args, **kwargs):
        outcome = real_fix_text(*args, **kwargs)
        path.write_text(PADDED + "\nedited by someone else\n")
        return outcome
    monkeypatch.setattr(fixer, "fix_text", edit_meanwhile)
    code, _, err = _lint(capsys, "--fix", path)
    assert path.read_text().endswith("edited by someone else\n")
    assert "changed while it was being linted" in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_fix_through_a_symlink_keeps_the_link(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ001", _padded_title)
    target = repo / "real.md"
    target.write_text(PADDED)
    link = repo / "_news" / "2021-04-20-a.md"
    os.symlink(target, link)
    _lint(capsys, "--fix", link)
    assert os.path.islink(link) and 'title: "Harbour ferry adds a night service"' in target.read_text()


def test_stdin_fix_prints_the_fixed_text(repo, capsys, synthetic_rules, monkeypatch):
    import io
    import sys

    synthetic_rules("ZZZ001", _padded_title)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PADDED.encode())))
    code, out, err = _lint(capsys, "--fix", "-", "--stdin-filename", "_news/2021-04-20-a.md")
    assert out == PADDED.replace('"  Harbour ferry adds a night service "', '"Harbour ferry adds a night service"')
    assert code == 0


def test_json_report_after_fix_lists_only_what_remains(repo, capsys, synthetic_rules):
    synthetic_rules("ZZZ001", _padded_title)
    synthetic_rules("ZZZ002", _unsafe_heat, fix="unsafe")
    path = repo / "_news" / "2021-04-20-a.md"
    path.write_text(PADDED)
    code, out, _ = _lint(capsys, "--fix", "--format", "json", path)
    assert [d["code"] for d in json.loads(out)] == ["ZZZ002"] and code == 1


@pytest.mark.parametrize("text,item,expected", [
    ("topics:\n  - A\n  - B\n  - A\nx: 1\n", "/topics/2", "topics:\n  - A\n  - B\nx: 1\n"),
    ("topics:\n  - A\n  - B  # why\n  - A\n", "/topics/1", "topics:\n  - A\n  - A\n"),
    ("topics: [A, B, A]\n", "/topics/2", "topics: [A, B]\n"),
    ("topics: [A, B, A]\n", "/topics/0", "topics: [B, A]\n"),
    ("list:\n  - url: a\n    w: 1\n  - url: b\n    w: 2\n", "/list/0", "list:\n  - url: b\n    w: 2\n"),
    ("list:\n  - url: a\n    w: 1\n\n  # b next\n  - url: b\n", "/list/0", "list:\n\n  # b next\n  - url: b\n"),
])
def test_remove_sequence_item(text, item, expected):
    from linter.stages.parse import parse

    spans = parse(text, 1, 0).spans
    fix = edits.remove_sequence_item(text, spans[item], item.rsplit("/", 1)[0], "remove")
    assert fix is not None and fix.scope == item.rsplit("/", 1)[0]
    (edit,) = fix.edits
    assert text[:edit.start] + edit.replacement + text[edit.end:] == expected


@pytest.mark.parametrize("value,style,expected", [
    ("plain text", None, "plain text"),
    ("yes", None, '"yes"'),
    ("1:30", None, '"1:30"'),
    ("a: b", None, '"a: b"'),
    ("it's", "'", "'it''s'"),
    ('say "hi"', '"', '"say \\"hi\\""'),
    ("x", "|", None),
])
def test_render_string_keeps_the_style_when_it_can(value, style, expected):
    assert edits.render_string(value, style) == expected
