"""The site as a whole (issue 17): Jekyll's `_config.yml` (defaults, collections, exclude, the
published address), references to the taxonomy and to other records, uniqueness across records,
and the local files records name. Every site here is written by `conftest.make_site`."""
import os
import subprocess
import sys

import pytest

from conftest import ARTICLE, ROOT, SITE_CONFIG, SITE_LOGO, SITE_LOGO_URL, line_of, make_site, png
from linter import lint_paths

NEWS = "_news/2021-04-20-ferry-night-service.md"


def _codes(diagnostics):
    return sorted((os.path.basename(d.path), d.line, d.column, d.code) for d in diagnostics)


def _lint(*args, cwd, stdin=None):
    done = subprocess.run([sys.executable, "-m", "linter", "--no-progress", *map(str, args)], cwd=cwd, input=stdin,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ROOT})
    assert "Traceback" not in done.stderr, done.stderr
    return done


def _article(*replacements) -> str:
    text = ARTICLE.replace("https://cdn.example.org/organizations/harbour-times.com-50x50.jpg", SITE_LOGO_URL)
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_a_clean_site_has_no_findings(tmp_path):
    make_site(tmp_path)
    assert lint_paths([str(tmp_path)]) == []


# ---------------------------------------------------------------------------------------------
# _config.yml: reading it


def test_config_is_read_with_anchors_merge_keys_and_the_lines_of_defaults(tmp_path):
    from linter.site.jekyll import read_config
    from linter.config import LIMIT_DEFAULTS
    (tmp_path / "_config.yml").write_text(SITE_CONFIG)
    config = read_config(str(tmp_path / "_config.yml"), dict(LIMIT_DEFAULTS))
    assert config.problem is None
    assert (config.url, config.baseurl) == ("https://harbour.example.org", "/news")
    assert config.collections == {"posts": "_posts", "stories": "_stories"}
    stories, archive = config.defaults
    assert (stories.path, stories.type) == ("", "stories")
    assert stories.values == {"layout": "post", "category": "news", "type": "article"}
    # A merged value's line is where the anchored mapping wrote it.
    assert stories.lines["/category"] == line_of(SITE_CONFIG, "category: news")
    assert stories.lines["/type"] == line_of(SITE_CONFIG, "type: article")
    assert (archive.path, archive.type, archive.values) == ("_stories/archive", None, {"published": False})
    assert config.exclude == ("drafts-not-published",)


@pytest.mark.parametrize("text,line,column", [
    ("defaults:\n  - scope: {path: \"\"\n", 2, 12),     # the flow mapping left open
    ("title: [a, b\nurl: x\n", 1, 8),
    ("- a list\n- not settings\n", 1, 1),
])
def test_an_unreadable_config_is_site001_at_its_line_and_the_run_goes_on(tmp_path, text, line, column):
    make_site(tmp_path, config=text)
    found = lint_paths([str(tmp_path)])
    problems = [d for d in found if d.code == "SITE001"]
    assert len(problems) == 1 and problems[0].path.endswith("_config.yml")
    assert (problems[0].line, problems[0].column) == (line, column)
    # The records are still linted: without the site's address the logo is just an external URL.
    assert not any(d.code.startswith(("LNT", "AST")) for d in found)


def test_a_config_linked_from_outside_the_site_is_not_read(tmp_path):
    outside = tmp_path / "secret.yml"
    outside.write_text("url: https://leak.example.org\n")
    site = tmp_path / "site"
    site.mkdir()
    make_site(site)
    (site / "_config.yml").unlink()
    (site / "_config.yml").symlink_to(outside)
    found = lint_paths([str(site)])
    assert [d.code for d in found if d.code == "SITE001"] == ["SITE001"]
    assert "outside" in next(d.message for d in found if d.code == "SITE001")


# ---------------------------------------------------------------------------------------------
# _config.yml: defaults merged under the record


STORY = "_stories/2021-04-20-ferry.md"


def _story(*replacements) -> str:
    """ARTICLE as another article (its own URLs), with `replacements`."""
    return _article(*replacements, *[("ferry-night-service/", "ferry-story/")] * 3)


def test_a_key_supplied_only_by_defaults_is_not_missing(tmp_path):
    # `category` and `type` come from the defaults of the `stories` collection.
    story = _story(("category: news\n", ""), ("type: article\n", ""))
    make_site(tmp_path, {STORY: story})
    assert lint_paths([str(tmp_path)]) == []


def test_the_same_key_absent_where_no_default_applies_is_missing(tmp_path):
    news = make_site(tmp_path, article=_article(("type: article\n", "")))
    found = [d for d in lint_paths([str(tmp_path)]) if d.code == "SCH002"]
    assert [(d.path, d.line, d.message) for d in found] == [(str(news), 1, "missing required key `type` in the record")]


def test_a_finding_about_a_default_value_is_at_line_1_and_names_the_config_line(tmp_path):
    config = SITE_CONFIG.replace("      type: article\n", "      type: artcle\n")
    story = _story(("category: news\n", ""), ("type: article\n", ""))
    make_site(tmp_path, {STORY: story}, config=config)
    found = [d for d in lint_paths([str(tmp_path)]) if d.code == "SCH004"]
    assert len(found) == 1 and (found[0].line, found[0].column) == (1, 1)
    assert found[0].message.endswith(f"_config.yml:{line_of(config, 'type: artcle')})")
    assert "(the value comes from the defaults in " in found[0].message


def test_the_record_wins_over_defaults_and_a_longer_scope_path_wins(tmp_path):
    from linter.site.defaults import for_file, merge_under
    from linter.site.jekyll import DefaultsScope
    scopes = (DefaultsScope("", "stories", {"a": {"x": 1, "y": 1}, "b": 1}, {"/a/x": 10, "/a/y": 11, "/b": 12}, 0),
              DefaultsScope("_stories/archive", None, {"b": 2}, {"/b": 20}, 1),
              DefaultsScope("", None, {"b": 3, "c": 3}, {"/b": 30, "/c": 31}, 2))
    defaults = for_file(scopes, "_stories/archive/x.md", "stories")
    assert defaults.values == {"a": {"x": 1, "y": 1}, "b": 2, "c": 3}
    assert defaults.lines["/b"] == 20 and defaults.lines["/c"] == 31
    merged = merge_under({"a": {"x": 5}, "c": [1]}, defaults)
    assert merged.record == {"a": {"x": 5, "y": 1}, "b": 2, "c": [1]}
    assert merged.origins == {"/a/y": 11, "/b": 20}
    # A scope with a type wins over one without at the same path length.
    assert for_file(scopes, "_stories/x.md", "stories").values["b"] == 1
    assert for_file(scopes, "_posts/x.md", "posts").values == {"b": 3, "c": 3}


def test_keys_the_defaults_add_are_not_unknown_keys_of_a_closed_schema(tmp_path):
    person = "---\nname: Grace Hopper\ntype: profile\nbio: Rear admiral.\ntopics: [Transport]\n---\n"
    config = SITE_CONFIG.replace("collections:\n", "collections:\n  people:\n    output: true\n") + (
        "  - scope:\n      type: people\n    values:\n      layout: profile-page\n      permalink: /people/:path/\n")
    make_site(tmp_path, {"_people/grace-hopper.md": person}, config=config)
    assert not [d for d in lint_paths([str(tmp_path)]) if "grace" in d.path]
    # Written in the record itself, the same key is unknown.
    make_site(tmp_path, {"_people/grace-hopper.md": person.replace("bio:", "layout: x\nbio:")}, config=config)
    assert [d.code for d in lint_paths([str(tmp_path)]) if "grace" in d.path] == ["SCH001"]


def test_jekyll_exclude_is_honoured_and_jekyll_config_can_be_turned_off(tmp_path):
    make_site(tmp_path, {"drafts-not-published/x.md": "---\ntitle: [broken\n---\n"})
    assert lint_paths([str(tmp_path)]) == []
    (tmp_path / ".frontmatter-lint.toml").write_text("jekyll-config = false\n")
    assert "YML001" in {d.code for d in lint_paths([str(tmp_path)])}


# ---------------------------------------------------------------------------------------------
# References


def test_a_topic_not_in_the_taxonomy_and_one_differing_in_case(tmp_path):
    news = make_site(tmp_path, article=_article(("  - Transport\n", "  - Transprt\n"), ("  - Ferries\n", "  - ferries\n")))
    text = news.read_text()
    found = {d.code: d for d in lint_paths([str(tmp_path)])}
    assert set(found) == {"REF001", "REF002"}
    assert (found["REF001"].line, found["REF001"].column) == (line_of(text, "- Transprt"), 5)
    assert "'Transprt' is not a `name` defined in _data/topics/*" in found["REF001"].message
    assert "did you mean 'Transport'?" in found["REF001"].message
    assert (found["REF002"].line, found["REF002"].column) == (line_of(text, "- ferries"), 5)
    assert "defined 'Ferries'" in found["REF002"].message


def test_configured_references_to_data_lists_stems_and_records(tmp_path):
    config = """
[[references]]
field = "/authors/*"
target = "_data/authors.yml"
key = "id"

[[references]]
field = "/provider/name"
target = "_providers/*.md"
key = "title"

[[references]]
field = "/series"
target = "_series/*"
key = "$stem"
files = "notes/**"
"""
    page = ("---\ntitle: A page\nauthors: [ann, bob]\nseries: harbour-life\nprovider:\n  name: Harbour Times\n---\n")
    make_site(tmp_path, {
        ".frontmatter-lint.toml": config,
        "_data/authors.yml": "- id: ann\n  name: Ann\n- id: bo\n  name: Bo\n",
        "_providers/harbour-times.md": "---\ntitle: Harbour Times\n---\n",
        "_series/harbour-life.md": "Body only.\n",
        "notes/page.md": page,
        "pages/page.md": page.replace("harbour-life", "no-such-series").replace("Harbour Times", "Harbor Times"),
    })
    found = [(d.path.split(str(tmp_path))[1], d.line, d.code, d.message) for d in lint_paths([str(tmp_path)])]
    assert found == [
        ("/notes/page.md", 3, "REF001", "`authors.1` 'bob' is not a `id` defined in _data/authors.yml (did you mean 'bo'?)"),
        ("/pages/page.md", 3, "REF001", "`authors.1` 'bob' is not a `id` defined in _data/authors.yml (did you mean 'bo'?)"),
        ("/pages/page.md", 6, "REF001", "`provider.name` 'Harbor Times' is not a `title` defined in _providers/*.md "
                                        "(did you mean 'Harbour Times'?)"),
    ]  # `series` is checked in notes/ only


def test_an_unreadable_reference_target_is_site002_at_its_line(tmp_path):
    make_site(tmp_path, {"_data/topics/broken.yaml": "name: [Transport\n"})
    found = [d for d in lint_paths([str(tmp_path)]) if d.code == "SITE002"]
    assert len(found) == 1 and found[0].path.endswith("broken.yaml") and (found[0].line, found[0].column) == (1, 7)


@pytest.mark.parametrize("entry,problem", [
    ('[[references]]\nfield = "topics"\ntarget = "x"\n', "JSON pointer"),
    ('[[references]]\nfield = "/topics/*"\n', "target must be a glob"),
    ('[[references]]\nfield = "/a"\ntarget = "x"\nkeys = "y"\n', "unknown setting(s) keys"),
    ('[[unique]]\nfields = []\n', "field must be a JSON pointer"),
    ('[[unique]]\nfield = "/slug"\nignore-case = "yes"\n', "ignore-case must be true or false"),
    ('references = "x"\n', "references must be an array of tables"),
])
def test_bad_reference_and_unique_tables_are_configuration_errors(tmp_path, entry, problem):
    make_site(tmp_path, {".frontmatter-lint.toml": entry})
    done = _lint(".", cwd=tmp_path)
    assert done.returncode == 2 and problem in done.stderr, done.stderr


# ---------------------------------------------------------------------------------------------
# Uniqueness


def test_configured_uniqueness_reports_every_holder(tmp_path):
    page = "---\ntitle: {0}\nslug: {1}\n---\n"
    make_site(tmp_path, {
        ".frontmatter-lint.toml": '[[unique]]\nfield = "/slug"\nignore-case = true\n',
        "pages/a.md": page.format("A", "launch"),
        "pages/b.md": page.format("B", "Launch"),
        "pages/c.md": page.format("C", "other"),
        "pages/d.md": page.format("D", "launch "),
    })
    found = sorted((os.path.basename(d.path), d.line, d.code, d.message) for d in lint_paths([str(tmp_path)]))
    assert [f[:3] for f in found] == [("a.md", 3, "XF004"), ("b.md", 3, "XF004"), ("d.md", 3, "XF004")]
    assert "b.md:3" in found[0][3] and "d.md:3" in found[0][3]
    assert found[1][3].startswith("`slug` must be unique, but 'launch' is also in ")


def test_uniqueness_is_limited_to_its_files(tmp_path):
    page = "---\ntitle: {0}\nslug: same\n---\n"
    make_site(tmp_path, {
        ".frontmatter-lint.toml": '[[unique]]\nfield = "/slug"\nfiles = "pages/**"\n',
        "pages/a.md": page.format("A"),
        "other/b.md": page.format("B"),
    })
    assert lint_paths([str(tmp_path)]) == []


# ---------------------------------------------------------------------------------------------
# Local files


def test_a_missing_local_image_is_ast001_with_a_close_name(tmp_path):
    news = make_site(tmp_path, article=_article(("harbour-times.com-50x50.png", "harbour-times.com-50x50.jpg")))
    found = lint_paths([str(tmp_path)])
    assert [(d.code, d.line, d.column) for d in found] == [
        ("AST001", line_of(news.read_text(), "50x50.jpg"), 12)]
    assert "no such file (did you mean `harbour-times.com-50x50.png`?)" in found[0].message


def test_a_local_image_declared_at_the_wrong_size_and_its_unsafe_fix(tmp_path):
    news = make_site(tmp_path, {SITE_LOGO: png(50, 40)})
    found = lint_paths([str(tmp_path)])
    codes = {d.code: d for d in found}
    assert set(codes) == {"AST002", "AST003"}
    text = news.read_text()
    height_line = line_of(text, "height: 50")
    assert (codes["AST002"].line, codes["AST002"].column) == (height_line, 15)
    assert "is 50×40 pixels, but the record declares 50×50" in codes["AST002"].message
    fix = codes["AST002"].fix
    assert fix is not None and not fix.safe
    fixed = text[:fix.edits[0].start] + fix.edits[0].replacement + text[fix.edits[0].end:]
    assert fixed == text.replace("      height: 50", "      height: 40", 1)
    assert codes["AST003"].line == line_of(text, SITE_LOGO) and "named 50×50" in codes["AST003"].message


def test_the_site_file_rules_run_only_on_records_inside_a_site():
    from linter import rules
    from linter.config import Settings
    from linter.pipeline import enabled_checks
    site_only = {r.code for r in rules.checks() if r.needs_site}
    assert site_only == {"AST001", "AST002", "AST003", "AST004"}
    settings = Settings(root="/r")
    assert site_only <= {r.code for r in enabled_checks(settings, "/r/x.md", "yaml", in_site=True)}
    outside = {r.code for r in enabled_checks(settings, "/r/x.md", "yaml", in_site=False)}
    assert not site_only & outside and "URL001" in outside


@pytest.mark.parametrize("url", ["/" + SITE_LOGO, "/news/" + SITE_LOGO, SITE_LOGO,
                                 "http://harbour.example.org/news/" + SITE_LOGO, "//harbour.example.org/news/" + SITE_LOGO])
def test_every_form_of_a_site_url_names_the_same_file(tmp_path, url):
    from linter.site.assets import site_file
    found = site_file(url, str(tmp_path), "https://harbour.example.org", "/news")
    assert found is not None and found.path == os.path.join(str(tmp_path), *SITE_LOGO.split("/"))


@pytest.mark.parametrize("url", ["https://elsewhere.example.org/news/" + SITE_LOGO, "/news/2021/04/20/story.html",
                                 "/api/news/index.json", "mailto:desk@example.org", "/about/", "data:image/png;base64,AA"])
def test_urls_that_name_no_stored_file_of_the_site(tmp_path, url):
    from linter.site.assets import site_file
    assert site_file(url, str(tmp_path), "https://harbour.example.org", "/news") is None


def test_a_file_that_is_not_an_image_and_a_folder(tmp_path):
    make_site(tmp_path, {SITE_LOGO: "<html>Not found</html>"})
    found = lint_paths([str(tmp_path)])
    assert [d.code for d in found] == ["AST004"]
    assert "not an image format" in found[0].message
    (tmp_path / SITE_LOGO).unlink()
    (tmp_path / SITE_LOGO).mkdir()
    assert [(d.code, d.message.split(": ", 1)[1]) for d in lint_paths([str(tmp_path)])] == [
        ("AST001", "it is a folder, not a file")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_pipe_or_a_link_out_of_the_site_is_never_opened(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    make_site(site)
    (site / SITE_LOGO).unlink()
    os.mkfifo(site / SITE_LOGO)  # opening it would block forever
    assert [d.code for d in lint_paths([str(site)])] == ["AST001"]
    (site / SITE_LOGO).unlink()
    (tmp_path / "outside.png").write_bytes(png(50, 50))
    (site / SITE_LOGO).symlink_to(tmp_path / "outside.png")
    found = lint_paths([str(site)])
    assert [d.code for d in found] == ["AST001"] and "outside the site" in found[0].message


def test_the_result_cache_sees_a_changed_image_and_a_changed_config(tmp_path):
    make_site(tmp_path, {f"_news/2021-04-{day:02d}-story.md": _article(*[("ferry-night-service/", f"story-{day}/")] * 3)
                         for day in range(1, 60)})
    assert _lint(".", cwd=tmp_path).returncode == 0
    assert _lint(".", cwd=tmp_path).returncode == 0  # from the cache
    (tmp_path / SITE_LOGO).write_bytes(png(50, 49))
    done = _lint(".", cwd=tmp_path)
    assert done.returncode == 1 and done.stdout.count("AST002") == 60
    (tmp_path / SITE_LOGO).write_bytes(png(50, 50))
    assert _lint(".", cwd=tmp_path).returncode == 0
    (tmp_path / "_config.yml").write_text(SITE_CONFIG.replace('"/news"', '"/other"'))
    done = _lint(".", cwd=tmp_path)
    # /news/assets/... is no longer below the site's baseurl: a file of its own, not there.
    assert done.returncode == 1 and done.stdout.count("AST001") == 60


def test_a_site_file_changed_this_instant_is_not_stored(tmp_path):
    from linter.site.jekyll import SiteConfig
    from linter.site.store import SiteStore
    config = tmp_path / "_config.yml"
    config.write_text("title: x\n")
    store = SiteStore(str(tmp_path), lambda: "tool")
    store.config(str(config), lambda: SiteConfig(str(config), "", "", {}, (), (), None))
    assert store.configs == {} and not store.changed  # an edit within the clock's step would keep its stamp
    os.utime(config, (config.stat().st_atime - 10, config.stat().st_mtime - 10))
    store.config(str(config), lambda: SiteConfig(str(config), "", "", {}, (), (), None))
    assert list(store.configs) == [str(config)]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="symbolic links")
def test_a_config_link_that_loops_is_no_site_and_the_walk_goes_on(tmp_path):
    (tmp_path / "_config.yml").symlink_to(tmp_path / "_config.yml")
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / "2024-01-01-a.md").write_text("---\ntitle: Hi\n---\n")
    done = _lint(".", cwd=tmp_path)
    assert done.returncode == 0 and "1 file checked" in done.stdout, done.stdout + done.stderr


@pytest.mark.parametrize("stored", [1, None, (), ("stamp",), ((9, 9), 5), ((9, 9), ("a", "b")), [["x"]], {"a": 1}])
def test_a_site_store_of_another_shape_is_read_again(tmp_path, stored):
    import marshal
    from linter.site.jekyll import SiteConfig
    from linter.site.store import SiteStore
    from linter.site.targets import Names
    config = tmp_path / "_config.yml"
    config.write_text("title: x\n")
    store = SiteStore(str(tmp_path), lambda: "tool")
    (tmp_path / "site-v1.marshal").write_bytes(marshal.dumps(("tool", {str(config): stored}, {"scope": stored})))
    read = SiteConfig(str(config), "", "", {}, (), (), None)
    assert store.config(str(config), lambda: read) is read
    names = Names(frozenset({"a"}), {}, (), 1)
    assert store.target_names("scope", [str(config)], lambda: names) is names


def test_discovery_knows_the_site_of_each_file_as_the_lookup_does(tmp_path):
    """The walk tells each file's site from the folders it listed (no lookup a record); the
    answer is the one `site_of` gives, for a site above the walk's top, a site inside another,
    and a folder named `_config.yml`, which is none."""
    from linter.config import ConfigResolver
    from linter.site.root import clear, site_of
    from linter.stages.discover import Found, discover
    make_site(tmp_path, {"docs/inner/_config.yml": "title: inner\n", "docs/inner/_news/b.md": ARTICLE,
                         "docs/odd/_config.yml/keep.txt": "", "docs/odd/_news/c.md": ARTICLE})
    clear()
    resolver = ConfigResolver()
    for top in (tmp_path, tmp_path / "_news", tmp_path / "docs"):
        found = [item for item in discover([str(top)], resolver.for_path) if isinstance(item, Found)]
        assert found and all(item.site_root == site_of(item.absolute).root for item in found)
        roots = {os.path.relpath(item.absolute, tmp_path): os.path.relpath(item.site_root, tmp_path) for item in found}
        inner, odd = os.path.join("docs", "inner", "_news", "b.md"), os.path.join("docs", "odd", "_news", "c.md")
        assert roots.get(inner, "docs/inner") == os.path.join("docs", "inner") and roots.get(odd, ".") == "."
        assert (inner in roots, odd in roots) == ((True, True) if top != tmp_path / "_news" else (False, False))


def test_a_cached_relint_reads_the_site_from_the_store_and_sees_every_change(tmp_path):
    make_site(tmp_path, {f"_news/2021-04-{day:02d}-story.md": _article(*[("ferry-night-service/", f"story-{day}/")] * 3,
                                                                        ("  - Ferries\n", "  - Buses\n"))
                         for day in range(1, 60)})
    program = ("import sys; from linter.cli import main; code = main(['--no-progress', '.']); "
               "print('PyYAML imported' if 'yaml' in sys.modules else 'PyYAML not imported'); sys.exit(code)")

    def relint():
        return subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": ROOT})
    (tmp_path / "_data" / "topics" / "buses.yaml").write_text("name: Buses\n")
    for path in tmp_path.rglob("*"):  # written seconds ago: a file changed this instant is never stored
        os.utime(path, (path.stat().st_atime - 10, path.stat().st_mtime - 10))
    first = relint()
    assert first.returncode == 0 and "PyYAML imported" in first.stdout
    again = relint()  # an unchanged site: its _config.yml and taxonomy come from the store
    assert again.returncode == 0 and "PyYAML not imported" in again.stdout
    assert (tmp_path / ".frontmatter-lint-cache" / "site-v1.marshal").is_file()
    (tmp_path / "_data" / "topics" / "buses.yaml").unlink()  # one target file fewer
    assert relint().stdout.count("REF001") == 59
    (tmp_path / "_config.yml").write_text(SITE_CONFIG.replace('"/news"', '"/other"'))  # a changed config
    assert relint().stdout.count("AST001") == 60
    (tmp_path / ".frontmatter-lint-cache" / "site-v1.marshal").write_bytes(b"\xff not marshal")  # damaged
    done = relint()
    assert done.stdout.count("AST001") == 60 and "Traceback" not in done.stderr


# ---------------------------------------------------------------------------------------------
# Changed files only: pre-commit, standard input, --diff


def test_named_files_are_compared_with_the_whole_site_and_only_they_are_reported(tmp_path):
    make_site(tmp_path, {"_news/2021-04-21-copy.md": ARTICLE.replace(
        "https://cdn.example.org/organizations/harbour-times.com-50x50.jpg", SITE_LOGO_URL),
        "_news/2021-04-22-typo.md": _article(("  - Ferries\n", "  - Ferrys\n"),
                                            ("ferry-night-service/", "other/"), ("ferry-night-service/", "other/"),
                                            ("ferry-night-service/", "other/"))})
    done = _lint("_news/2021-04-21-copy.md", cwd=tmp_path)
    assert done.stdout.splitlines()[:-1] == [
        f"_news/2021-04-21-copy.md:{line_of(ARTICLE, 'webUrl:')}:9: XF001 same URL as "
        f"{tmp_path}/_news/2021-04-20-ferry-night-service.md:{line_of(ARTICLE, 'webUrl:')}"] or \
        [line.split(": ")[1].split()[0] for line in done.stdout.splitlines()[:-1]] == ["XF001"]
    assert "1 file checked" in done.stdout and "typo" not in done.stdout
    typo = _lint("_news/2021-04-22-typo.md", cwd=tmp_path)
    assert "REF001" in typo.stdout and "XF001" not in typo.stdout


def test_standard_input_is_compared_with_the_site_but_not_with_its_own_file(tmp_path):
    news = make_site(tmp_path)
    text = news.read_text().replace("  - Ferries\n", "  - Ferrys\n")
    done = _lint("--stdin-filename", NEWS, "-", cwd=tmp_path, stdin=text)
    codes = [line.split(": ")[1].split()[0] for line in done.stdout.splitlines()[:-1]]
    assert codes == ["REF001"], done.stdout  # no XF001 against the same file on disk


# ---------------------------------------------------------------------------------------------
# Hostile site files: a pull request can change _config.yml, the taxonomy and the assets too


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))


@pytest.mark.parametrize("config", [
    BOMB + "defaults:\n  - scope: {path: ''}\n    values: {x: *i}\n",
    "defaults:\n" + "  " * 0 + "- " * 5000 + "x\n",
    "url: !!python/object/apply:os.system ['echo pwned']\n",
    "\ufeffurl: https://x.example.org\n\x00",
    "x" * 3_000_000,
])
def test_a_hostile_config_is_a_site001_never_a_hang_or_a_crash(tmp_path, config):
    make_site(tmp_path, config=config)
    found = lint_paths([str(tmp_path)])
    assert [d.code for d in found if d.code.startswith(("SITE", "LNT"))] == ["SITE001"]


def test_a_hostile_taxonomy_file_is_a_site002(tmp_path):
    make_site(tmp_path, {"_data/topics/bomb.yaml": BOMB + "name: *i\n"})
    found = lint_paths([str(tmp_path)])
    assert [d.code for d in found] == ["SITE002"]


def test_an_image_with_a_damaged_header_is_ast004(tmp_path):
    make_site(tmp_path, {SITE_LOGO: png(50, 50)[:20]})
    assert [d.code for d in lint_paths([str(tmp_path)])] == ["AST004"]


def test_imagesize_is_imported_without_the_network_modules_and_they_still_import_later():
    # A fresh process: the stand-ins are used only where the real modules are not yet imported.
    program = """
import io, struct, sys
from linter.support.imagesizes import NEVER_USED, imagesize
module = imagesize()
assert not any(name in sys.modules for name in NEVER_USED), sorted(sys.modules)
header = b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 50, 40) + bytes(9)
assert module.get(io.BytesIO(header)) == (50, 40)
assert module.get("https://example.org/logo.png") == (-1, -1)  # refused, never fetched
import urllib.request, xml.etree.ElementTree
assert callable(urllib.request.urlopen) and callable(xml.etree.ElementTree.fromstring)
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr


from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list("abc:-[]{}&*<> \n'\"!|#/.0_")), max_size=200))
def test_any_config_text_is_read_without_raising(tmp_path_factory, text):
    from linter.config import LIMIT_DEFAULTS
    from linter.site.defaults import for_file, merge_under
    from linter.site.jekyll import read_config
    folder = tmp_path_factory.mktemp("site")
    (folder / "_config.yml").write_text(text)
    config = read_config(str(folder / "_config.yml"), dict(LIMIT_DEFAULTS))
    defaults = for_file(config.defaults, "_posts/x.md", "posts")
    merged = merge_under({"title": "x"}, defaults)
    assert merged.record["title"] == "x"
    assert all(pointer.startswith("/") for pointer in merged.origins)
