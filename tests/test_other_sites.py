"""Sites outside the pipeline, linted as their owners would (`lint .`, no configuration): no
false findings. Each fixture is a hand-written look-alike of what a real site holds and what the
linter once reported on it, from a sweep of twenty public sites (Jekyll's own docs, Hugo's docs
and blogs, Astro, Docusaurus, Eleventy, Zola, Hexo, the Ruby website, al-folio homepages):

- al-folio keeps announcements in `_news/` (9,000+ repositories): the article schema fired.
- Jekyll posts tagged `category: news`: the article schema fired.
- Hugo's `archetypes/` hold Go templates of front matter: YAML errors.
- Hugo reads a block after blank lines: FM003 (now read as Hugo reads it).
- `---` then `---` (Jekyll's "process this file"), or only a comment inside: FM004.
- A site checked out below a folder named `_news`: every file got the schema.
- A Latin-1 or very large HTML page without front matter: FM006, FM008.
"""
import os
import subprocess
import sys

import pytest

from conftest import ARTICLE, ROOT

LOOK_ALIKES = {
    # al-folio
    "_news/announcement_1.md": "---\nlayout: post\ndate: 2020-02-01 15:59:00-0400\ninline: true\n"
                               "related_posts: false\n---\nA simple inline announcement.\n",
    "_news/announcement_2.md": "---\nlayout: post\ntitle: A long announcement with details\n"
                               "date: 2015-11-07 16:11:00-0400\ninline: false\n---\nText.\n",
    "_layouts/bib.html": "---\n---\n<div>{{ entry.title }}</div>\n",
    # a Jekyll blog
    "_posts/news/2014-06-13-announcing-0.5.0.md": "---\nlayout: post\ntitle: Announcing 0.5.0\n"
                                                  "category: news\ntags: [news]\npermalink: /news/0.5.0/\n---\n",
    "feed.xml.md": "---\n---\n",
    "docs/rendering-process.md": "---\r\n---\r\nThe rendering process.\r\n",
    # Hugo
    "archetypes/default.md": '---\ntitle: "{{ replace .File.ContentBaseName "-" " " | title }}"\n'
                             "date: {{ .Date }}\ndraft: true\n---\n",
    "archetypes/news.md": "---\ntitle: {{ replace .File.ContentBaseName \"-\" \" \" | strings.FirstUpper }}\n"
                          "publishDate: {{ .Date }}\n---\n",
    "content/post/macvlan.md": "\n---\ntitle: macvlan\ndate: 2021-03-01T10:00:00+08:00\n---\nBody.\n",
    "content/_common/store-methods.md": "---\n# Do not remove front matter.\n---\n",
}
BINARY_LOOK_ALIKES = {
    "legacy/page.html": "<html><body>caf\u00e9 cr\u00e8me</body></html>\n".encode("latin-1"),
}


def _lint(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--no-progress", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": ROOT})
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "_news" / "someone.github.io"  # checked out below a folder named `_news`
    for name, text in LOOK_ALIKES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, newline="")
    for name, data in BINARY_LOOK_ALIKES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "assets").mkdir()
    (root / "assets" / "big.html").write_bytes(b"<html>" + b"x" * (11 * 1024 * 1024) + b"</html>\n")
    (root / "_config.yml").write_text("title: Someone\ncollections:\n  news:\n    output: true\n")
    return root


@pytest.mark.parametrize("fast", [True, False])
def test_a_site_outside_the_pipeline_lints_clean(site, fast):
    code, out = _lint(*(() if fast else ("--no-fast-path",)), ".", cwd=site)
    assert (code, out.splitlines()[:-1]) == (0, []), out
    linted = [n for n in [*LOOK_ALIKES, *BINARY_LOOK_ALIKES, "assets/big.html"] if not n.startswith("archetypes/")]
    assert out.splitlines()[-1].startswith(f"{len(linted)} files checked")


def test_the_pipeline_record_in_such_a_site_is_still_checked(site):
    (site / "_news" / "2021-04-20-ferry.md").write_text(ARTICLE.replace("quality: 64", "quality: x"))
    code, out = _lint(".", cwd=site)
    assert code == 1 and [line.split(" ")[1] for line in out.splitlines()[:-1]] == ["SCH003"], out


@pytest.mark.parametrize("text,code", [
    ("# a note before it\n---\ntitle: x\n---\n", "FM003"),  # a `_news/` file must open with ---
    ("Just text, no front matter.\n", "FM001"),
])
def test_a_news_folder_still_expects_front_matter_at_line_one(site, text, code):
    (site / "_news" / "broken.md").write_text(text)
    found, out = _lint(".", cwd=site)
    assert found == 1 and f"_news/broken.md:" in out and f" {code} " in out, out


@pytest.mark.parametrize("hugo", [True, False])
def test_an_empty_file_is_a_page_without_settings_in_hugo_only(tmp_path, hugo):
    """An empty `_index.md` declares a Hugo section; Jekyll builds no page from an empty file."""
    (tmp_path / ("hugo.toml" if hugo else "_config.yml")).write_text('title = "x"\n' if hugo else "title: x\n")
    (tmp_path / "schema.json").write_text('{"type": "object", "required": ["title"]}')
    (tmp_path / ".frontmatter-lint.toml").write_text('[[schemas]]\nfiles = "content/**"\nschema = "schema.json"\n')
    (tmp_path / "content" / "docs").mkdir(parents=True)
    (tmp_path / "content" / "docs" / "_index.md").write_text("\n")
    (tmp_path / "content" / "docs" / "notes.md").write_text("Text, no front matter.\n")
    code, out = _lint("--no-cache", ".", cwd=tmp_path)
    found = sorted(line.split()[:2] for line in out.splitlines()[:-1])
    assert found == sorted([["content/docs/notes.md:1:1:", "FM001"]] + ([] if hugo else [["content/docs/_index.md:1:1:",
                                                                                          "FM001"]]))


@pytest.mark.parametrize("hugo", [True, False])
@pytest.mark.parametrize("fast", [True, False])
def test_a_block_after_blank_lines_is_front_matter_in_hugo_only(tmp_path, hugo, fast):
    """Hugo skips blank lines before a `---` block (its page lexer's intro section); Jekyll reads
    front matter on line 1 only. In Hugo the block is linted at its place, and fixed there."""
    (tmp_path / ("hugo.toml" if hugo else "_config.yml")).write_text('title = "x"\n' if hugo else "title: x\n")
    (tmp_path / "schema.json").write_text('{"type": "object", "required": ["title"], '
                                          '"properties": {"draft": {"type": "boolean"}}}')
    (tmp_path / ".frontmatter-lint.toml").write_text('[[schemas]]\nfiles = "content/**"\nschema = "schema.json"\n')
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "page.md"
    page.write_text("\n\n---\ntitle: Blank lines first\ndraft: yes\n---\nBody.\n")
    (tmp_path / "content" / "noted.md").write_text("A note\n---\ntitle: x\n---\n")
    options = () if fast else ("--no-fast-path",)
    code, out = _lint("--no-cache", *options, ".", cwd=tmp_path)
    found = sorted(line.split()[:2] for line in out.splitlines()[:-1])
    late = [["content/noted.md:2:1:", "FM003"]]
    assert found == sorted(late + ([["content/page.md:5:8:", "PIT001"]] if hugo else [["content/page.md:3:1:", "FM003"]]))
    code, out = _lint("--no-cache", *options, "--fix", ".", cwd=tmp_path)
    assert ("draft: true" in page.read_text()) is hugo and page.read_text().startswith("\n\n---\n"), out


def test_in_hugo_a_rule_above_text_is_no_block_after_blank_lines(tmp_path):
    """Only a block whose first line is a `key:` is front matter after blank lines: a README's
    or a partial's `---` rules are Markdown, and so is a list between two rules."""
    (tmp_path / "hugo.toml").write_text('title = "x"\n')
    (tmp_path / "README.md").write_text("\n---\n\nThis theme is great. Note: it needs Hugo.\n\n- one\n\n---\n\nMore.\n")
    (tmp_path / "layouts" / "partials").mkdir(parents=True)
    (tmp_path / "layouts" / "partials" / "note.md").write_text("\n\n---\nSome text\n---\n")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "list.md").write_text("\n\n\n\n---\n- a: 1\n- b: 2\n---\n")
    (tmp_path / "content" / "page.md").write_text("\n---\ntitle: A page\n---\n")
    code, out = _lint("--no-cache", ".", cwd=tmp_path)
    assert (code, out) == (0, "4 files checked (0 against a schema): no problems found\n")


def test_the_language_server_reads_the_block_hugo_reads(tmp_path):
    from linter.lsp.schemahelp import block_of
    (tmp_path / "hugo" / "content").mkdir(parents=True)
    (tmp_path / "hugo" / "hugo.toml").write_text('title = "x"\n')
    (tmp_path / "jekyll").mkdir()
    (tmp_path / "jekyll" / "_config.yml").write_text("title: x\n")
    text = "\n\n---\ntitle: x\ndraft: yes\n---\n"
    block = block_of(text, str(tmp_path / "hugo" / "content" / "page.md"))
    assert block is not None and block.lines[:2] == ["title: x", "draft: yes"] and block.first_line == 3
    assert block_of(text, str(tmp_path / "jekyll" / "page.md")) is None


def test_an_empty_block_with_a_schema_reports_the_missing_keys(site):
    (site / ".frontmatter-lint.toml").write_text('[[schemas]]\nfiles = "_news/**"\nschema = "article"\n')
    (site / "_news" / "empty.md").write_text("---\n---\n")
    code, out = _lint("_news/empty.md", cwd=site)
    assert code == 1 and "SCH002 missing required key `secured`" in out and "FM004" not in out, out


def test_diff_reports_nothing_the_full_run_does_not(site):
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q", "."], cwd=site, check=True)
    subprocess.run([*git, "add", "-A"], cwd=site, check=True)
    subprocess.run([*git, "commit", "-qm", "site"], cwd=site, check=True)
    (site / "_news" / "announcement_1.md").write_text(LOOK_ALIKES["_news/announcement_1.md"] + "More.\n")
    (site / "_news" / "announcement_3.md").write_text("---\nlayout: post\ninline: true\n---\n")
    (site / "archetypes" / "default.md").write_text("---\ndate: {{ .Date }}\n---\n")
    # the archetype is not linted at all; the two announcements are, and are clean
    assert _lint("--diff", "HEAD", ".", cwd=site) == (0, "2 files checked (0 against a schema): no problems found\n")


def test_the_pre_commit_hook_way_reports_nothing_the_full_run_does_not(site):
    """pre-commit names every staged file (the hook's entry adds --force-exclude): the
    archetypes stay skipped as in a walk, and the rest is as clean as the full run."""
    import yaml
    hook = yaml.safe_load(open(os.path.join(ROOT, ".pre-commit-hooks.yaml")))[0]
    assert "--force-exclude" in hook["entry"].split()
    staged = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.suffix in (".md", ".html"))
    assert any(name.startswith("archetypes") for name in staged)
    code, out = _lint("--force-exclude", *staged, cwd=site)
    assert code == 0 and out.endswith("files checked (0 against a schema): no problems found\n"), out
    code, out = _lint(*staged, cwd=site)  # named on purpose, an excluded file is linted
    assert code == 1 and "archetypes/news.md" in out
