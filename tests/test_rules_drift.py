"""Drift rules (DRF001, DRF002): planted misspelt keys and values of another kind, in hand-made
collections and in copies of the real site's records (skipped when ../shared/corpus is absent),
each reported at its line; nothing on the untouched records; thresholds as options."""
import os
import re
import shutil

import pytest

from conftest import CORPUS
from linter import lint_paths
from linter.infer.outliers import kind_of, misspelt_keys, resemblance

VIDEOS = os.path.join(CORPUS, "power-apps", "_learning", "videos")


def _post(i: int) -> str:
    return (f"---\ntitle: \"Post {i}\"\ndate: 2021-03-{i % 28 + 1:02d} 10:00:00 +0100\nauthor: ann\n"
            f"attachments: [a.pdf]\nversion: \"1.{i}.0\"\n---\nBody\n")


def _site(tmp_path, count=30):
    folder = tmp_path / "_posts"
    folder.mkdir()
    for i in range(count):
        (folder / f"p{i:02d}.md").write_text(_post(i))
    return folder


def _drift(paths, **kwargs):
    return [(os.path.basename(d.path), d.line, d.column, d.code, d.message)
            for d in lint_paths([str(p) for p in paths], select=["DRF"], **kwargs)]


def test_a_misspelt_key_and_a_value_of_another_kind_at_their_lines(tmp_path):
    folder = _site(tmp_path)
    (folder / "p03.md").write_text(_post(3).replace("attachments:", "attachment:"))
    (folder / "p07.md").write_text(_post(7).replace("date: 2021-03-08 10:00:00 +0100", "date: March 8, 2021"))
    (folder / "p09.md").write_text(_post(9).replace('version: "1.9.0"', "version: 3.0"))
    found = _drift([tmp_path])
    assert [f[:4] for f in found] == [("p03.md", 5, 1, "DRF001"), ("p07.md", 3, 7, "DRF002"), ("p09.md", 6, 10, "DRF002")]
    assert "`attachment` is in 1 of 30 records of _posts/, `attachments` in 29 (singular/plural)" in found[0][4]
    assert found[1][4] == "`date` is text here, but a date/time in 29 of 30 records of _posts/"
    assert found[2][4] == "`version` is a number here, but text in 29 of 30 records of _posts/"


def test_nothing_on_consistent_records_small_collections_or_blank_values(tmp_path):
    folder = _site(tmp_path)
    (folder / "p01.md").write_text(_post(1).replace('date: 2021-03-02 10:00:00 +0100', 'date: ""'))
    (folder / "p02.md").write_text(_post(2).replace("author: ann", "author:"))
    assert _drift([tmp_path]) == []
    small = tmp_path / "small"
    small.mkdir()
    for i in range(10):  # below min-records
        (small / f"s{i}.md").write_text(_post(i).replace("attachments:", "attachment:" if i == 0 else "attachments:"))
    assert _drift([small]) == []


def test_keys_written_side_by_side_or_numbered_are_not_misspellings():
    sets = [frozenset({"image", "images", "title"})] + [frozenset({"images", "title"})] * 40
    assert misspelt_keys(sets) == {}
    assert resemblance("image2", "image") is None
    assert resemblance("data", "date") is None          # short names: case, separators, plural only
    assert resemblance("tittle", "title") == "spelling"
    assert resemblance("featureImage", "feature_image") == "separators"
    assert resemblance("Author", "author") == "case"
    assert resemblance("category", "categories") == "singular/plural"


def test_value_kinds():
    assert [kind_of(v) for v in ("x", "", "2021-03-05", "2013-07-14 19:38:02 +0200", 1, 1.5, True, None, [], {})] == [
        "text", "empty", "timestamp", "timestamp", "integer", "number", "boolean", "null", "list", "mapping"]


def test_options_suppressions_and_closed_schemas(tmp_path):
    folder = _site(tmp_path)
    (folder / "p03.md").write_text(_post(3).replace("attachments:", "attachment:"))
    config = tmp_path / "strict.toml"
    config.write_text("[rules.DRF001]\nmin-records = 100\n")
    assert _drift([tmp_path], config=config) == []
    (folder / "p03.md").write_text(_post(3).replace("attachments: [a.pdf]", "attachment: [a.pdf]  # lint: disable=DRF001"))
    assert _drift([tmp_path]) == []
    closed = tmp_path / "closed.json"
    closed.write_text('{"type": "object", "properties": {"title": {}}, "additionalProperties": false}')
    assert [f for f in _drift([tmp_path], schema=closed) if f[3].startswith("DRF")] == []


@pytest.mark.skipif(not os.path.isdir(VIDEOS), reason="../shared/corpus is absent")
def test_planted_drift_in_a_copy_of_the_real_videos(tmp_path):
    """The site's 331 videos, copied where no built-in schema applies (a `talks/` folder)."""
    talks = tmp_path / "talks"
    shutil.copytree(VIDEOS, talks)
    assert _drift([talks]) == []
    names = sorted(os.listdir(talks))

    def plant(name, pattern, replacement):
        path = talks / name
        text = path.read_text()
        match = re.search(pattern, text, re.M)
        path.write_text(text[:match.start()] + replacement + text[match.end():])
        return text.count("\n", 0, match.start()) + 1

    typo = plant(names[10], r"^length:", "lenght:")
    case = plant(names[20], r"^heat:", "Heat:")
    text = plant(names[30], r"^heat: \d+", 'heat: "high"')
    date = plant(names[40], r"^publishedDateTime: \S+", "publishedDateTime: July 9, 2020")
    found = [(name, line, code) for name, line, _, code, _ in _drift([talks])]
    assert found == [(names[10], typo, "DRF001"), (names[20], case, "DRF001"),
                     (names[30], text, "DRF002"), (names[40], date, "DRF002")]


@pytest.mark.parametrize("config,name,text,case_matters", [
    (None, None, None, True),                                                 # a folder of records
    ("_config.yml", None, "title: A Jekyll site\n", True),                    # Jekyll: keys as written
    ("hugo.toml", None, 'title = "A Hugo site"\n', False),                    # Hugo reads `Author` as `author`
    ("config.toml", "content", 'baseURL = "https://example.org/"\n', False),  # Hugo before hugo.toml
    ("config.toml", "content", 'title = "baseURL set by CI"\n', False),
    ("config/_default/hugo.toml", "content", 'title = "A Docsy site"\n', False),
    ("config.toml", "content", 'base_url = "https://example.org"\n', True),   # Zola: keys as written
])
def test_keys_differing_only_in_case_are_one_key_where_the_site_reads_them_so(tmp_path, config, name, text,
                                                                                case_matters):
    if config:
        (tmp_path / config).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / config).write_text(text)
    if name:
        (tmp_path / name).mkdir()
    folder = _site(tmp_path)
    (folder / "p03.md").write_text(_post(3).replace("author:", "Author:"))
    (folder / "p04.md").write_text(_post(4).replace("attachments:", "attachment:"))
    found = [(f[0], f[3]) for f in _drift([folder])]
    assert found == ([("p03.md", "DRF001")] if case_matters else []) + [("p04.md", "DRF001")]


def test_a_collection_is_named_by_its_folder_from_the_configuration(tmp_path):
    """A site may hold one `docs/` per language: the message names which."""
    for language in ("en", "fr"):
        folder = tmp_path / "content" / language / "docs"
        folder.mkdir(parents=True)
        for i in range(30):
            (folder / f"p{i:02d}.md").write_text(_post(i))
    (tmp_path / "content" / "fr" / "docs" / "p09.md").write_text(_post(9).replace('version: "1.9.0"', "version: 3.0"))
    (tmp_path / ".frontmatter-lint.toml").write_text("")
    [found] = _drift([tmp_path])
    assert found[4] == "`version` is a number here, but text in 29 of 30 records of content/fr/docs/"
