"""Configuration (select, ignore, per-file-ignores, severity, options, schema mapping) and
inline suppressions."""
import json

import pytest

from conftest import ARTICLE


def _write(root, name, text):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


BAD = ARTICLE.replace("quality: 64", 'quality: "64"').replace("heat: 12", "heat: 12\nheat: 13")


def _codes(diagnostics):
    return sorted(d["code"] for d in diagnostics)


def test_pyproject_select_ignore(tmp_path, lint_json):
    _write(tmp_path, "pyproject.toml", '[tool.frontmatter-lint]\nignore = ["SCH003"]\n')
    _write(tmp_path, "_news/a.md", BAD)
    assert _codes(lint_json(tmp_path)[1]) == ["YML002"]


@pytest.mark.parametrize("table", [
    '[tool.frontmatter-lint]\nignore = ["SCH003"]\n',
    '[tool."frontmatter-lint"]\nignore = ["SCH003"]\n',
    'tool.frontmatter-lint.ignore = ["SCH003"]\n',
    '[tool]\nfrontmatter-lint = { ignore = ["SCH003"] }\n',
    '[tool]\nfrontmatter-lint.ignore = ["SCH003"]\n',
])
def test_every_toml_spelling_of_our_table_is_read(tmp_path, lint_json, table):
    # The byte screen that spares tomllib must not miss a legal way to write the table.
    _write(tmp_path, "pyproject.toml", table + '[project]\nname = "site"\n')
    _write(tmp_path, "_news/a.md", BAD)
    assert _codes(lint_json(tmp_path)[1]) == ["YML002"]


def test_a_pyproject_naming_us_without_our_table_is_not_a_configuration(tmp_path, lint_json):
    _write(tmp_path, "pyproject.toml", '[project]\nname = "frontmatter-lint"\n[project.scripts]\n'
                                       'frontmatter-lint = "linter.cli:main"\n')
    _write(tmp_path, "_news/a.md", BAD)
    assert _codes(lint_json(tmp_path)[1]) == ["SCH003", "YML002"]


def test_nearest_config_wins(tmp_path, lint_json):
    _write(tmp_path, ".frontmatter-lint.toml", 'ignore = ["YML"]\n')
    _write(tmp_path, "sub/.frontmatter-lint.toml", 'ignore = ["SCH"]\n')
    _write(tmp_path, "_news/a.md", BAD)
    _write(tmp_path, "sub/_news/a.md", BAD)
    diagnostics = lint_json(tmp_path)[1]
    assert {(d["path"].split("/")[-3], d["code"]) for d in diagnostics} == {
        (tmp_path.name, "SCH003"), ("sub", "YML002")}


def test_per_file_ignores_and_severity(tmp_path, lint_json):
    _write(tmp_path, ".frontmatter-lint.toml",
           '[per-file-ignores]\n"_news/legacy/**" = ["SCH003", "duplicate-key"]\n'
           '[severity]\nYML002 = "warning"\n')
    _write(tmp_path, "_news/legacy/a.md", BAD)
    _write(tmp_path, "_news/b.md", BAD)
    code, diagnostics = lint_json(tmp_path)
    assert [(d["path"].split("/")[-1], d["code"], d["severity"]) for d in diagnostics] == [
        ("b.md", "SCH003", "error"), ("b.md", "YML002", "warning")]
    assert code == 1


def test_warnings_alone_exit_zero(tmp_path, lint_json):
    _write(tmp_path, ".frontmatter-lint.toml", '[severity]\nSCH003 = "warning"\n')
    _write(tmp_path, "_news/a.md", ARTICLE.replace("quality: 64", 'quality: "64"'))
    code, diagnostics = lint_json(tmp_path)
    assert code == 0 and [d["severity"] for d in diagnostics] == ["warning"]


def test_schema_mapping_by_glob_and_dollar_schema(tmp_path, lint_json):
    person = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "$schema": {}},
              "additionalProperties": False}
    _write(tmp_path, "schemas/person.json", json.dumps(person))
    _write(tmp_path, ".frontmatter-lint.toml", '[[schemas]]\nfiles = "_people/**"\nschema = "schemas/person.json"\n')
    _write(tmp_path, "_people/a.md", "---\nnmae: Ada\n---\n")
    _write(tmp_path, "other/b.md", "---\n$schema: ../schemas/person.json\nname: 3\n---\n")
    _write(tmp_path, "other/c.md", "---\n$schema: ../schemas/missing.json\nname: x\n---\n")
    diagnostics = lint_json(tmp_path)[1]
    assert [(d["path"].split("/")[-1], d["code"]) for d in diagnostics] == [
        ("a.md", "SCH001"), ("b.md", "SCH003"), ("c.md", "SCH000")]


@pytest.mark.parametrize("text,message", [
    ('select = "SCH"\nbogus = 1\n', "unknown setting"),
    ('ignore = ["NOPE1"]\n', "unknown rule"),
    ('[severity]\nSCH003 = "loud"\n', "must be one of"),
    ('[rules.SCH003]\nx = 1\n', "unknown option"),
    ("ignore = [\n", "invalid TOML"),
])
def test_bad_configuration_exits_two(tmp_path, capsys, text, message):
    from linter.cli import main
    _write(tmp_path, ".frontmatter-lint.toml", text)
    _write(tmp_path, "_news/a.md", ARTICLE)
    assert main([str(tmp_path)]) == 2
    assert message in capsys.readouterr().err


def test_inline_suppressions(tmp_path, lint_json):
    text = (ARTICLE.replace("quality: 64", 'quality: "64"  # lint: disable=SCH003')
            .replace("heat: 12", "heat: 12  # lint: disable=wrong-type")
            .replace("published: true", "published: true\n# lint: disable-file=YML002\npublished: false"))
    _write(tmp_path, "_news/a.md", text)
    code, diagnostics = lint_json(tmp_path)
    assert [(d["code"], d["line"]) for d in diagnostics] == [("LNT001", 11)]
    assert "suppresses nothing" in diagnostics[0]["message"] and code == 0


def test_unknown_code_in_suppression(tmp_path, lint_json):
    _write(tmp_path, "_news/a.md", ARTICLE.replace("heat: 12", "heat: 12  # lint: disable=SCH999"))
    assert [d["code"] for d in lint_json(tmp_path)[1]] == ["LNT003"]


def test_hash_inside_quotes_is_not_a_suppression(tmp_path, lint_json):
    _write(tmp_path, "_news/a.md", ARTICLE.replace('title: "Harbour', 'title: "# lint: disable=SCH003 Harbour'))
    assert lint_json(tmp_path)[1] == []


def test_readme_configuration_example_is_valid(tmp_path, lint_json):
    """The README's [tool.frontmatter-lint] example names real rules, options and settings."""
    import os
    import re

    from conftest import ROOT

    readme = open(os.path.join(ROOT, "README.md"), encoding="utf-8").read()
    example = re.search(r"```toml\n(\[tool\.frontmatter-lint\].*?)```", readme, re.S).group(1)
    _write(tmp_path, "pyproject.toml", example)
    _write(tmp_path, "_news/2021-04-20-a.md", ARTICLE)
    assert lint_json(tmp_path) == (0, [])


def test_a_mapping_to_schema_none_gives_no_schema_and_stops_the_search(tmp_path, lint_json, capsys):
    _write(tmp_path, ".frontmatter-lint.toml", '[[schemas]]\nfiles = "_news/drafts/**"\nschema = "none"\n')
    _write(tmp_path, "_news/drafts/a.md", BAD.replace("heat: 12\n", ""))   # no built-in article schema
    _write(tmp_path, "_news/drafts/plain.md", "No front matter: none is due.\n")
    _write(tmp_path, "_news/b.md", BAD)
    code, found = lint_json(tmp_path)
    assert sorted((d["path"].rsplit("/", 1)[-1], d["code"]) for d in found) == [("b.md", "SCH003"), ("b.md", "YML002")]
    from linter.cli import main
    assert main(["--show-schemas", str(tmp_path / "_news" / "drafts" / "a.md")]) == 0
    assert 'configuration: schema = "none"' in capsys.readouterr().out


def test_a_folder_walk_skips_hidden_names_and_a_named_hidden_file_is_linted(tmp_path, lint_json):
    _write(tmp_path, ".github/ISSUE_TEMPLATE/bug.md", "---\na: [\n---\n")
    _write(tmp_path, "_news/.draft.md", "---\na: [\n---\n")
    _write(tmp_path, "page.md", "---\ntitle: x\n---\n")
    assert lint_json(tmp_path) == (0, [])
    code, found = lint_json(tmp_path / "_news" / ".draft.md")
    assert code == 1 and [d["code"] for d in found] == ["YML001"]


def test_force_exclude_judges_no_hidden_folder_above_the_current_one(tmp_path, lint_json, monkeypatch):
    repo = tmp_path / ".work" / "repo"
    _write(repo, "docs/x.md", "---\na: [\n---\n")
    _write(tmp_path / ".work", "other/x.md", "---\na: [\n---\n")
    _write(repo, ".github/y.md", "---\na: [\n---\n")
    monkeypatch.chdir(repo)
    code, found = lint_json("--force-exclude", "docs/x.md", "../other/x.md", ".github/y.md")
    assert sorted(d["path"] for d in found) == ["../other/x.md", "docs/x.md"]
