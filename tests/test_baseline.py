"""Baselines: adopt today's findings, then fail only on new ones, whatever moves around them."""
import json

import pytest

from conftest import ARTICLE, line_of
from linter.cli import main

BAD = ARTICLE.replace("type: article", "type: artcle")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(BAD)
    (news / "b.md").write_text(ARTICLE.replace("ferry-night-service/", "other/").replace("quality: 64", "quality: x"))
    (news / "c.md").write_text(ARTICLE.replace("ferry-night-service/", "third/"))
    return tmp_path


def lint(capsys, *args):
    code = main(["--format", "json", "--no-cross-file", *args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out or "[]"), captured.err


def test_first_run_writes_the_baseline_and_passes(repo, capsys):
    code, shown, err = lint(capsys, "--baseline", "baseline.json", "_news")
    assert code == 0 and shown == []
    assert "wrote baseline baseline.json: 2 findings in 2 files" in err
    data = json.loads((repo / "baseline.json").read_text())
    assert data["tool"] == "frontmatter-lint" and data["format"] == 1
    assert data["findings"] == [
        {"path": "_news/a.md", "code": "SCH004", "value": "artcle", "count": 1},
        {"path": "_news/b.md", "code": "SCH003", "value": "x", "count": 1},
    ]
    code, shown, err = lint(capsys, "--baseline", "baseline.json", "_news")
    assert code == 0 and shown == [] and "2 findings recorded in the baseline not shown" in err


def test_edits_above_a_finding_do_not_make_it_new(repo, capsys):
    lint(capsys, "--baseline", "baseline.json", "_news")
    moved = BAD.replace("category: news\n", "category: news\n# a comment\n\n# another one\n")
    (repo / "_news" / "a.md").write_text(moved)
    code, shown, _ = lint(capsys, "_news/a.md")
    assert [(d["code"], d["line"]) for d in shown] == [("SCH004", line_of(moved, "artcle"))]
    assert line_of(moved, "artcle") == line_of(BAD, "artcle") + 3
    code, shown, _ = lint(capsys, "--baseline", "baseline.json", "_news")
    assert code == 0 and shown == []
    # The file is also found from another working folder and another spelling of the path.
    code, shown, _ = lint(capsys, "--baseline", str(repo / "baseline.json"), str(repo / "_news"))
    assert code == 0 and shown == []


def test_a_new_defect_fails_and_only_it_is_shown(repo, capsys):
    lint(capsys, "--baseline", "baseline.json", "_news")
    (repo / "_news" / "c.md").write_text(ARTICLE.replace("ferry-night-service/", "third/").replace("heat: 12", "heat: hot"))
    code, shown, _ = lint(capsys, "--baseline", "baseline.json", "_news")
    assert code == 1
    assert [(d["path"], d["code"]) for d in shown] == [("_news/c.md", "SCH003")]


def test_identical_findings_are_counted(repo, capsys):
    (repo / "_news" / "b.md").write_text(ARTICLE.replace("quality: 64", "quality: x").replace("heat: 12", "heat: x"))
    lint(capsys, "--baseline", "baseline.json", "_news")
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert {"path": "_news/b.md", "code": "SCH003", "value": "x", "count": 2} in entries
    # A third identical finding in the same file is new; the first two are not.
    text = (repo / "_news" / "b.md").read_text().replace("published: true", "published: x")
    (repo / "_news" / "b.md").write_text(text)
    code, shown, _ = lint(capsys, "--baseline", "baseline.json", "_news")
    assert code == 1 and [(d["code"], d["pointer"]) for d in shown] == [("SCH003", "/published")]


def test_findings_without_a_value_match_by_pointer_and_message(repo, capsys):
    (repo / "_news" / "c.md").write_text(ARTICLE.replace("  domain: harbour-times.com\n", ""))
    lint(capsys, "--baseline", "baseline.json", "_news")
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    [missing] = [e for e in entries if e["code"] == "SCH002"]
    assert missing["pointer"] == "/provider/domain" and "domain" in missing["message"]
    (repo / "_news" / "c.md").write_text("---\n# moved\n" + ARTICLE[4:].replace("  domain: harbour-times.com\n", ""))
    code, shown, _ = lint(capsys, "--baseline", "baseline.json", "_news")
    assert code == 0 and shown == []


def test_update_baseline_rewrites_and_keeps_files_not_linted(repo, capsys):
    lint(capsys, "--baseline", "baseline.json", "_news")
    (repo / "_news" / "a.md").write_text(ARTICLE)  # fixed
    code, _, err = lint(capsys, "--baseline", "baseline.json", "_news")
    assert code == 0 and "1 baseline finding no longer occurs" in err
    # Updating from a run over one file keeps the other files' entries.
    code, _, err = lint(capsys, "--baseline", "baseline.json", "--update-baseline", "_news/a.md")
    assert code == 0 and "updated baseline" in err
    entries = json.loads((repo / "baseline.json").read_text())["findings"]
    assert [(e["path"], e["code"]) for e in entries] == [("_news/b.md", "SCH003")]
    # Entries of deleted files go at the next update.
    (repo / "_news" / "b.md").unlink()
    lint(capsys, "--baseline", "baseline.json", "--update-baseline", "_news")
    assert json.loads((repo / "baseline.json").read_text())["findings"] == []


def test_baseline_errors_exit_two(repo, capsys):
    code, _, err = lint(capsys, "--update-baseline", "_news")
    assert code == 2 and "--update-baseline needs --baseline" in err
    (repo / "broken.json").write_text("{not json")
    code, _, err = lint(capsys, "--baseline", "broken.json", "_news")
    assert code == 2 and "not valid JSON" in err
    (repo / "other.json").write_text('{"something": []}')
    code, _, err = lint(capsys, "--baseline", "other.json", "_news")
    assert code == 2 and "findings" in err


def test_baseline_file_is_stable_and_sorted(repo, capsys):
    lint(capsys, "--baseline", "one.json", "_news")
    lint(capsys, "--baseline", "two.json", "_news/c.md", "_news/b.md", "_news/a.md")
    assert (repo / "one.json").read_text() == (repo / "two.json").read_text()
    assert (repo / "one.json").read_text().endswith("}\n")
