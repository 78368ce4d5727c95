"""Schema inference (`lint schema infer`, `lint init`): the schema accepts the records it came
from, on every collection of the real site (skipped when ../shared/corpus is absent) and on any
records (hypothesis); it is the same bytes whatever the order of the records; it compares with
the built-in schemas as the test below explains; `lint init` writes, refuses, then lints clean."""
import json
import os
import shutil

import pytest
from hypothesis import given, settings, strategies as st

from conftest import CORPUS
from linter import lint_paths
from linter.cli import main
from linter.config import BUILTIN_SCHEMAS, ConfigResolver
from linter.infer import merge, records, render
from linter.infer.records import Loaded

SITE = os.path.join(CORPUS, "power-apps")
needs_corpus = pytest.mark.skipif(not os.path.isdir(SITE), reason="../shared/corpus is absent")


def _schema_errors(diagnostics):
    return [d for d in diagnostics if d.code.startswith("SCH")]


@pytest.fixture(scope="module")
def corpus_collections():
    return records.find([SITE], ConfigResolver()).collections


@needs_corpus
def test_every_corpus_collection_accepts_its_own_records(corpus_collections, tmp_path):
    assert len(corpus_collections) == 8
    for collection in corpus_collections:
        merged = merge.merge(collection.records)
        schema = tmp_path / f"{collection.name.replace('/', '-')}.json"
        schema.write_text(render.dumps(render.render(merged, collection.name)))
        found = lint_paths([item.path for item in collection.records], schema=schema, cross_file=False)
        outliers = {(o.display, o.pointer) for o in merged.outliers}
        assert [d for d in _schema_errors(found) if (d.path, d.pointer) not in outliers] == [], collection.name
        assert merged.outliers == []  # the pipeline's records do not drift


@needs_corpus
def test_inferred_schemas_compared_with_the_built_in_ones(corpus_collections):
    """The built-in schemas were written for every site of the pipeline; the inferred ones say
    what this site's records hold. Three differences, and only these:
    - every key a built-in schema requires, every record here has: it is required in both, and
      the inferred schema requires more (`heat`, `secured`... are in every record of this site);
    - keys only the built-in schema names are keys no record of this collection has (`$schema`,
      `published`, `updatedDateTime`: other sites' and other versions' keys);
    - keys only the inferred schema names are the ones `_config.yml`'s defaults add (`layout`,
      `permalink`, `deleted`): the linter merges them under the record, and a closed built-in
      schema treats them as the site's, not the record's."""
    from linter.schemas.loader import load_schema
    builtin_by_folder = {m.folder: m.schema for m in BUILTIN_SCHEMAS}
    site = os.path.abspath(SITE)
    compared = 0
    for collection in corpus_collections:
        folder = os.path.relpath(collection.folder, site).replace(os.sep, "/")
        inferred = render.render(merge.merge(collection.records), collection.name)
        builtin = load_schema(builtin_by_folder[folder])
        ours, theirs = set(inferred["properties"]), set(builtin["properties"])
        assert set(builtin.get("required", ())) <= set(inferred["required"]), folder
        held = {key for item in collection.records for key in item.record}
        assert not (theirs - ours) & held, folder
        raw_keys = set()
        for item in collection.records:
            raw_keys.update(records.load(item.path, ConfigResolver().for_file(item.path).replace(site=False)))
        assert not (ours - theirs) & raw_keys, folder  # only the defaults' keys
        compared += 1
    assert compared == 8


@needs_corpus
def test_infer_command_writes_the_same_bytes_twice(tmp_path, capsys):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    videos = os.path.join(SITE, "_learning", "videos")
    assert main(["schema", "infer", videos, "-o", str(first)]) == 0
    assert "inferred from 331 records" in capsys.readouterr().err
    assert main(["schema", "infer", videos, "-o", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    schema = json.loads(first.read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema["properties"]["heat"]["type"] == "integer" and "minimum" in schema["properties"]["heat"]
    assert schema["properties"]["publishedDateTime"]["format"] == "date-time"
    assert schema["properties"]["type"]["enum"] == ["video"]
    assert schema["properties"]["heat"]["description"].endswith("In 331 of 331 records.")


def test_infer_command_usage_and_nothing_found(tmp_path, capsys):
    assert main(["schema", "infer"]) == 2
    assert main(["schema", "infer", "--bogus", "x"]) == 2
    (tmp_path / "plain.md").write_text("no front matter\n")
    assert main(["schema", "infer", str(tmp_path)]) == 2
    assert "no records" in capsys.readouterr().err


def _record(i, **changes):
    record = {"title": f"Post {i}", "date": f"2021-03-{i % 28 + 1:02d}T10:00:00Z", "layout": "post",
              "tags": ["a", "b"], "views": i, "author": {"name": "Ann", "url": "https://example.com/ann"}}
    record.update(changes)
    return record


def _loaded(items):
    return [Loaded(f"_posts/{i:03d}.md", f"/site/_posts/{i:03d}.md", r) for i, r in enumerate(items)]


def test_formats_enum_bounds_required_and_nesting():
    items = [_record(i) for i in range(30)] + [_record(30, subtitle="x")]
    schema = render.render(merge.merge(_loaded(items)), "posts")
    props = schema["properties"]
    assert schema["required"] == ["author", "date", "layout", "tags", "title", "views"]
    assert props["date"]["format"] == "date-time"
    assert props["layout"]["enum"] == ["post"]
    assert "enum" not in props["title"]  # every value differs: not a choice
    assert (props["views"]["minimum"], props["views"]["maximum"]) == (0, 30)
    assert props["author"]["properties"]["url"]["format"] == "uri"
    assert props["author"]["additionalProperties"] is False
    assert props["subtitle"]["description"] == "TODO: describe `subtitle`. In 1 of 31 records."
    assert props["author"]["properties"]["name"]["description"] == "TODO: describe `name`. In 31 of 31 `author` mappings."


def test_dates_and_date_times_mixed_in_toml_are_either_and_lint_clean(tmp_path, capsys):
    """Hugo posts with `date = 2017-04-28` in some and a native date-time in others: the schema
    takes either, and neither TOM003 (a date where text is due) nor DAT001 (no time) follows."""
    for i in range(12):
        date = f"2017-04-{i + 1:02d}" if i % 3 else f"2014-07-{i + 1:02d}T09:48:46Z"
        (tmp_path / f"post-{i}.md").write_text(f'+++\ntitle = "Post {i}"\ndate = {date}\n+++\nBody\n')
    schema_file = tmp_path.parent / f"{tmp_path.name}.schema.json"
    assert main(["schema", "infer", str(tmp_path), "-o", str(schema_file)]) == 0
    date = json.loads(schema_file.read_text())["properties"]["date"]
    assert "format" not in date and sorted(b["format"] for b in date["anyOf"]) == ["date", "date-time"]
    capsys.readouterr()
    assert main(["--no-cache", "--schema", str(schema_file), str(tmp_path)]) == 0, capsys.readouterr().out
    # Text is still no date: a title that is one is TOM003's.
    (tmp_path / "post-0.md").write_text('+++\ntitle = 2021-03-04\ndate = 2017-04-01\n+++\n')
    main(["--no-cache", "--schema", str(schema_file), str(tmp_path)])  # a warning: exit 0
    assert "post-0.md:2:9: TOM003" in capsys.readouterr().out


def test_outliers_are_left_out_and_listed():
    items = [_record(i) for i in range(40)]
    items[3] = _record(3, Tags=["x"])
    del items[3]["tags"]
    items[7] = _record(7, views="many")
    merged = merge.merge(_loaded(items))
    assert [(o.display, o.pointer) for o in merged.outliers] == [("_posts/003.md", "/Tags"), ("_posts/007.md", "/views")]
    schema = render.render(merged, "posts")
    assert "Tags" not in schema["properties"] and schema["properties"]["views"]["type"] == "integer"


# Records as the parsers give them: text keys, JSON-like values (plus non-finite floats).
_scalars = (st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
            | st.text(max_size=12) | st.sampled_from(["2021-03-05", "2021-03-05T10:00:00Z", "https://x.org/a",
                                                      "/assets/a.png", "a@b.org", ""]))
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)
_records = st.lists(st.dictionaries(st.sampled_from(["title", "date", "tags", "Tags", "views", "url", "x"])
                                    | st.text(max_size=5) | st.integers(0, 3), _values, max_size=5), max_size=30)


def _validator(schema):
    from jsonschema import Draft202012Validator
    from linter.schemas.formats import format_checker
    return Draft202012Validator(schema, format_checker=format_checker())


@settings(max_examples=150, deadline=None)
@given(_records, st.randoms(use_true_random=False))
def test_any_records_give_a_schema_that_accepts_them_whatever_their_order(items, random):
    loaded = _loaded(items)
    merged = merge.merge(loaded)
    text = render.dumps(render.render(merged, "x"))
    schema = json.loads(text)
    validator = _validator(schema)
    outliers = {(o.display, o.pointer) for o in merged.outliers}
    for item in loaded:
        for error in validator.iter_errors(item.record):
            pointer = "/" + "/".join(str(p) for p in list(error.absolute_path)[:1])
            assert (item.display, pointer) in outliers, (error.message, item.record)
    shuffled = list(loaded)
    random.shuffle(shuffled)
    assert render.dumps(render.render(merge.merge(shuffled), "x")) == text


@needs_corpus
def test_lint_init_in_a_copy_of_the_site(tmp_path, monkeypatch, capsys):
    copy = tmp_path / "power-apps"
    shutil.copytree(SITE, copy)
    monkeypatch.chdir(copy)
    assert main(["init"]) == 0
    written = sorted(os.listdir(copy / "schemas"))
    assert written == ["communities.schema.json", "learning-collections.schema.json",
                       "learning-courses.schema.json", "learning-videos.schema.json", "news.schema.json",
                       "newsletters.schema.json", "people.schema.json", "samples.schema.json"]
    config = (copy / ".frontmatter-lint.toml").read_text()
    assert 'files = "_people/**"\nschema = "schemas/people.schema.json"' in config
    assert 'files = "_learning/videos/*.md"' in config
    capsys.readouterr()
    before = (copy / "schemas" / "news.schema.json").read_bytes()
    (copy / "schemas" / "news.schema.json").write_text("{}")
    assert main(["init"]) == 2  # never overwrites without --force
    assert "already exist" in capsys.readouterr().err
    assert (copy / "schemas" / "news.schema.json").read_text() == "{}"
    assert main(["init", "--force"]) == 0
    assert (copy / "schemas" / "news.schema.json").read_bytes() == before
    assert _schema_errors(lint_paths([str(copy)], cross_file=False)) == []
    assert main(["--show-schemas", str(copy / "_news")]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert len(shown) == 192 and all("schemas/news.schema.json" in line for line in shown)


def test_lint_init_maps_each_collection_to_its_own_files_only(tmp_path, monkeypatch, capsys):
    """A Hugo content tree: a section's `_index.md` and a sub-section's pages are not the
    section's posts; a page bundle's `index.md` is. After `lint init`, lint finds nothing."""
    posts = tmp_path / "content" / "posts"
    for i in range(6):
        (posts / f"post-{i}.md").parent.mkdir(parents=True, exist_ok=True)
        (posts / f"post-{i}.md").write_text(f'+++\ntitle = "Post {i}"\nweight = {i}\n+++\n')
    (posts / "bundle").mkdir()
    (posts / "bundle" / "index.md").write_text('+++\ntitle = "A bundle"\nweight = 3\n+++\n')
    (posts / "bundle" / "notes.md").write_text("A resource of the bundle, no front matter.\n")
    (posts / "_index.md").write_text('+++\nsort_by = "date"\n+++\n')
    (posts / "archive").mkdir()
    (posts / "archive" / "old.md").write_text('+++\ntitle = "Old"\nweight = 99\nlegacy = true\n+++\n')
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    config = (tmp_path / ".frontmatter-lint.toml").read_text()
    assert ('files = "content/posts/*/index.md"' in config and 'files = "content/posts/_index.*"\nschema = "none"'
            in config and 'files = "content/posts/*.md"' in config)
    assert config.index("content/posts/_index.*") < config.index('"content/posts/*.md"')
    capsys.readouterr()
    assert main(["--no-cache", "."]) == 0, capsys.readouterr().out
    assert main(["--show-schemas", "content/posts/archive/old.md", "content/posts/bundle/index.md"]) == 0
    shown = capsys.readouterr().out
    assert "old.md  -" in shown and "index.md  schemas/" in shown


def test_a_section_page_is_no_record_of_the_collection_above_it(tmp_path, monkeypatch, capsys):
    """Hugo's `_index.md` is a section's list page: a sub-section's must not count among the
    posts (it would take `date` out of their required keys), nor get their schema."""
    posts = tmp_path / "content" / "posts"
    (posts / "tips").mkdir(parents=True)
    for i in range(6):
        (posts / f"post-{i}.md").write_text(f'+++\ntitle = "Post {i}"\ndate = 2024-01-0{i + 1}\n+++\n')
    (posts / "tips" / "_index.md").write_text('+++\ntitle = "Tips"\nsort_by = "weight"\n+++\n')
    (posts / "_index.md").write_text('+++\ntitle = "Posts"\n+++\n')
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    schema = json.loads((tmp_path / "schemas" / "content-posts.schema.json").read_text())
    assert schema["required"] == ["date", "title"] and "sort_by" not in schema["properties"]
    capsys.readouterr()
    assert main(["--no-cache", "."]) == 0, capsys.readouterr().out
    assert main(["--show-schemas", "content/posts/tips/_index.md", "content/posts/_index.md"]) == 0
    shown = [line.split()[:2] for line in capsys.readouterr().out.splitlines() if line.startswith("content/")]
    assert sorted(shown) == [["content/posts/_index.md", "-"], ["content/posts/tips/_index.md", "-"]]


def test_translated_section_and_bundle_pages_are_known_by_their_stem(tmp_path, monkeypatch, capsys):
    """Hugo and Zola name a translation `_index.fr.md`, `index.fr.md`: still a section's page
    and a bundle's page, not posts of their folder."""
    blog = tmp_path / "content" / "blog"
    (blog / "trip").mkdir(parents=True)
    for i in range(6):
        for language in ("", ".fr"):
            (blog / f"post-{i}{language}.md").write_text(f'+++\ntitle = "Post {i}"\ndate = 2024-01-0{i + 1}\n+++\n')
    for language in ("", ".fr", ".es"):
        (blog / f"_index{language}.md").write_text('+++\ntitle = "Blog"\nsort_by = "date"\n+++\n')
        (blog / "trip" / f"index{language}.md").write_text('+++\ntitle = "A trip"\ndate = 2024-02-01\n+++\n')
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    schema = json.loads((tmp_path / "schemas" / "content-blog.schema.json").read_text())
    assert schema["required"] == ["date", "title"] and "sort_by" not in schema["properties"]
    config = (tmp_path / ".frontmatter-lint.toml").read_text()
    assert 'files = "content/blog/*/index.md"' in config and 'files = "content/blog/*/index.*.md"' in config
    assert 'files = "content/blog/_index.*"\nschema = "none"' in config  # 3 section pages: no schema of their own
    capsys.readouterr()
    assert main(["--no-cache", "."]) == 0, capsys.readouterr().out
    assert main(["--show-schemas", "content/blog/_index.es.md", "content/blog/trip/index.es.md"]) == 0
    shown = dict(line.split()[:2] for line in capsys.readouterr().out.splitlines() if line.startswith("content/"))
    assert shown == {"content/blog/_index.es.md": "-", "content/blog/trip/index.es.md": "schemas/content-blog.schema.json"}


def test_the_section_pages_of_a_documentation_site_get_a_schema_of_their_own(tmp_path, monkeypatch, capsys):
    docs = tmp_path / "content" / "docs"
    for name in "abcdef":
        (docs / name).mkdir(parents=True)
        (docs / name / "_index.md").write_text(f'---\ntitle: "Chapter {name}"\ndescription: "On {name}"\nweight: 1\n---\n')
    for i in range(6):
        (docs / "a" / f"page-{i}.md").write_text(f'---\ntitle: "Page {i}"\ndate: 2024-01-0{i + 1}\n---\n')
    (tmp_path / "content" / "_index.md").write_text('---\ntitle: "Home"\ndescription: "Start here"\nweight: 0\n---\n')
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    config = (tmp_path / ".frontmatter-lint.toml").read_text()
    # The section pages' mapping comes first; no folder's `_index.*` is left a dead "none" line.
    assert config.index('files = "content/**/_index.*"\nschema = "schemas/section-pages.schema.json"') < config.index(
        'files = "content/docs/a/*.md"') and '_index.*"\nschema = "none"' not in config
    capsys.readouterr()
    assert main(["--no-cache", "."]) == 0, capsys.readouterr().out
    (docs / "f" / "_index.md").write_text('---\ntitle: "Chapter f"\nweight: "last"\n---\n')
    assert main(["--no-cache", "."]) == 1
    assert sorted(line.split()[1] for line in capsys.readouterr().out.splitlines() if "_index.md:" in line) == [
        "SCH002", "SCH003"]


@pytest.mark.parametrize("hugo", [False, True])
def test_a_case_variant_key_is_an_outlier_except_where_the_site_reads_keys_whatever_their_case(tmp_path, hugo):
    if hugo:
        (tmp_path / "hugo.toml").write_text('title = "A Hugo site"\n')
    posts = tmp_path / "content" / "post"
    posts.mkdir(parents=True)
    for i in range(30):
        key = "keywords" if i == 7 else "Keywords"
        (posts / f"p{i:02d}.md").write_text(f'---\ntitle: "Post {i}"\n{key}: [go]\n---\n')
    loaded = records.find([str(tmp_path)], ConfigResolver()).collections[0].records
    merged = merge.merge(loaded)
    keys = set(merged.schema["properties"])
    assert (keys, len(merged.outliers)) == (({"title", "Keywords", "keywords"}, 0) if hugo else ({"title", "Keywords"}, 1))


@pytest.mark.parametrize("dates", [
    ["2017-04-21T10:00:00"] * 6,                                           # TOML local date-times
    ["2017-04-21T10:00:00"] * 4 + ["2017-04-22"] * 4 + ["2017-04-20T10:00:00Z"],   # all three kinds
])
def test_local_date_times_in_toml_give_a_pattern_the_records_meet(tmp_path, capsys, dates):
    for i, date in enumerate(dates):
        (tmp_path / f"p{i}.md").write_text(f'+++\ntitle = "Post {i}"\ndate = {date}\n+++\n')
    schema_file = tmp_path.parent / f"{tmp_path.name}.schema.json"
    assert main(["schema", "infer", str(tmp_path), "-o", str(schema_file)]) == 0
    assert "pattern" in json.loads(schema_file.read_text())["properties"]["date"]
    capsys.readouterr()
    for fast in ([], ["--no-fast-path"]):
        assert main(["--no-cache", *fast, "--schema", str(schema_file), str(tmp_path)]) == 0
        assert "no problems found" in capsys.readouterr().out


def test_lint_init_leaves_out_jekyll_templates_and_files_without_front_matter(tmp_path, monkeypatch, capsys):
    """A root layout has no front matter, nor a collection's README (a static file to Jekyll):
    `lint init` gives neither a schema, so the lint that follows finds nothing (it said FM001)."""
    (tmp_path / "_config.yml").write_text("collections:\n  articles:\n    output: true\n")
    (tmp_path / "_layouts").mkdir()
    (tmp_path / "_layouts" / "default.html").write_text("<!DOCTYPE html>\n<html>{{ content }}</html>\n")
    for i in range(6):
        (tmp_path / "_layouts" / f"page-{i}.html").write_text("---\nlayout: default\n---\n{{ content }}\n")
        (tmp_path / "_articles" / "en").mkdir(parents=True, exist_ok=True)
        (tmp_path / "_articles" / "en" / f"article-{i}.md").write_text(f"---\ntitle: Article {i}\n---\nText.\n")
    (tmp_path / "_articles" / "README.md").write_text("How to write an article.\n")
    (tmp_path / "_articles" / "en" / "README.md").write_text("The English ones.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    notes = capsys.readouterr().err
    assert "_layouts: 6 templates of the Jekyll site: no schema" in notes and "2 files without front matter" in notes
    assert os.listdir(tmp_path / "schemas") == ["articles.schema.json"]
    config = (tmp_path / ".frontmatter-lint.toml").read_text()
    assert config.index('files = "_articles/README.md"\nschema = "none"') < config.index('files = "_articles/**"')
    assert 'files = "_articles/en/README.md"\nschema = "none"' in config
    assert main(["--no-cache", "."]) == 0, capsys.readouterr().out
    # a new article without front matter is still FM001: only the files seen are left out
    (tmp_path / "_articles" / "en" / "article-9.md").write_text("Forgot the front matter.\n")
    assert main(["--no-cache", "."]) == 1 and "FM001" in capsys.readouterr().out


def test_lint_init_keeps_the_pages_at_the_top_in_the_site(tmp_path, monkeypatch, capsys):
    """The root's own `index.md` (and its translations) is no page bundle of the folder above the
    site: before, init wrote a schema for them mapped as `../*/index.md`, which nothing matched."""
    for name in ("index.md", "index.fr.md", "index.de.md", "index.es.md", "index.it.md", "index.ja.md"):
        (tmp_path / name).write_text(f"---\ntitle: Home {name}\nweight: 1\n---\n")
    (tmp_path / "posts").mkdir()
    for i in range(5):
        (tmp_path / "posts" / f"post-{i}.md").write_text(f"---\ntitle: Post {i}\ndate: 2024-01-0{i + 1}\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    assert f"{tmp_path.name}: 6 records at the root: no schema" in capsys.readouterr().err
    config = (tmp_path / ".frontmatter-lint.toml").read_text()
    assert "../" not in config and os.listdir(tmp_path / "schemas") == ["posts.schema.json"]


def test_jekyll_has_no_page_bundles(tmp_path):
    """In a Jekyll site `docs/index.html` is a page of `docs/`, not of the folder above."""
    (tmp_path / "_config.yml").write_text("title: x\n")
    (tmp_path / "docs" / "guide").mkdir(parents=True)
    for path in ("docs/index.html", "docs/a.md", "docs/guide/index.md", "docs/guide/b.md"):
        (tmp_path / path).write_text("---\ntitle: x\n---\n")
    found = records.find([str(tmp_path)], ConfigResolver())
    assert {os.path.relpath(c.folder, tmp_path): len(c.records) for c in found.collections} == {"docs": 2,
                                                                                               "docs/guide": 2}


def test_lint_init_leaves_broken_files_and_nested_includes_alone(tmp_path, monkeypatch, capsys):
    """A block further down (FM003) is broken front matter, not none: it keeps its finding. A
    subfolder of `_includes/` is a template folder too."""
    (tmp_path / "_config.yml").write_text("collections:\n  articles:\n    output: true\n")
    (tmp_path / "_includes" / "cards").mkdir(parents=True)
    (tmp_path / "_articles").mkdir()
    for i in range(6):
        (tmp_path / "_includes" / "cards" / f"card-{i}.html").write_text("---\nkind: card\n---\n<div></div>\n")
        (tmp_path / "_articles" / f"article-{i}.md").write_text(f"---\ntitle: Article {i}\n---\n")
    (tmp_path / "_articles" / "late.md").write_text("My title\n\n---\ntitle: Late\n---\n")
    (tmp_path / "_articles" / "blank.md").write_text("\n\n---\ntitle: Blank\n---\n")
    monkeypatch.chdir(tmp_path)
    assert main(["init"]) == 0
    notes = capsys.readouterr().err
    assert "_includes/cards: 6 templates of the Jekyll site: no schema" in notes
    assert "2 files with front matter the linter reports as broken" in notes and "without front matter" not in notes
    assert os.listdir(tmp_path / "schemas") == ["articles.schema.json"]
    assert main(["--no-cache", "."]) == 1
    found = sorted(line.split()[:2] for line in capsys.readouterr().out.splitlines()[:-1])
    assert found == [["_articles/blank.md:3:1:", "FM003"], ["_articles/late.md:3:1:", "FM003"]]
