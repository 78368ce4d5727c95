"""The Python API: `from linter import lint_paths, lint_text`, cheap to import."""
import os
import subprocess
import sys

import pytest

import linter
from conftest import ARTICLE, ROOT, line_of
from linter import Diagnostic, lint_paths, lint_text

BAD = ARTICLE.replace("type: article", "type: artcle")


def test_lint_text_returns_diagnostics_for_the_named_path():
    [d] = lint_text(BAD, path="_news/2021-04-20-x.md")
    assert isinstance(d, Diagnostic)
    assert (d.path, d.line, d.column, d.code, d.severity) == ("_news/2021-04-20-x.md", line_of(BAD, "artcle"), 7,
                                                              "SCH004", "error")
    assert d.pointer == "/type" and d.value == "artcle" and "artcle" in d.message
    assert lint_text(ARTICLE) == []
    assert lint_text(BAD.encode("utf-8")) != []                              # bytes too
    assert lint_text(BAD.replace("category: news\n", ""), path="notes/x.md") == []   # no schema there


def test_lint_paths_walks_folders_and_applies_options(tmp_path):
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(BAD)
    (news / "b.md").write_text(ARTICLE.replace("quality: 64", "quality: x").replace("ferry-night-service/", "b/"))
    found = lint_paths([news])
    assert [(os.path.basename(d.path), d.code) for d in found] == [("a.md", "SCH004"), ("b.md", "SCH003")]
    assert [d.code for d in lint_paths(str(news), select=["SCH003"])] == ["SCH003"]
    assert [d.code for d in lint_paths(news, ignore="SCH003")] == ["SCH004"]
    [missing] = lint_paths([tmp_path / "nope.md"])
    assert missing.code == "FM007"


def test_lint_paths_cross_file(tmp_path):
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(ARTICLE)
    (news / "b.md").write_text(ARTICLE)
    assert {d.code for d in lint_paths(news)} == {"XF001"}
    assert lint_paths(news, cross_file=False) == []


def test_configuration_and_schema_errors_raise(tmp_path):
    with pytest.raises(linter.ConfigError):
        lint_paths(tmp_path, select=["NOPE"])
    bad = tmp_path / "cfg.toml"
    bad.write_text("[tool.frontmatter-lint]\nselct = ['SCH']\n")
    with pytest.raises(linter.ConfigError):
        lint_paths(tmp_path, config=bad)
    with pytest.raises(linter.SchemaError):
        lint_text("---\na: 1\n---\n", schema=tmp_path / "missing.json")


def test_a_schema_file_for_every_path(tmp_path):
    schema = tmp_path / "s.json"
    schema.write_text('{"type": "object", "required": ["title"]}')
    [d] = lint_text("---\nname: x\n---\n", path="pages/p.md", schema=schema)
    assert d.code == "SCH002"


def test_import_linter_is_cheap():
    code = ("import sys, linter; from linter import lint_paths, lint_text; "
            "heavy = [m for m in sys.modules if m.split('.')[0] in ('yaml', 'jsonschema', 'tqdm', 'yaml_rs', "
            "'jsonschema_rs') or m in ('linter.run.runner', 'linter.pipeline', 'linter.cli')]; "
            "print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_text_larger_than_the_file_limit_is_fm008_as_a_file_would_be():
    from linter import lint_text
    text = "---\ntitle: x\n---\n" + "body line\n" * 1_200_000
    assert [d.code for d in lint_text(text, path="_news/x.md")] == ["FM008"]
