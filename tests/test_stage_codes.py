"""Codes raised by the pipeline's stages (rules declared with `stage=True`): each is produced by
a small input here, is a constant of the module that raises it (named like the rule:
`INVALID_ENCODING = "FM006"` for `invalid-encoding`), and its documentation names that module."""
import os
import re

import pytest

from conftest import ARTICLE, ROOT
from linter import lint_paths, lint_text, rules

NEWS = "_news/2021-04-20-ferry-night-service.md"


def _stage_rules():
    return [r for _, r in sorted(rules.load_all().items()) if r.check is None and not r.summary.startswith("Retired")]


def _config(tmp_path, **limits) -> str:
    path = tmp_path / ".frontmatter-lint.toml"
    path.write_text("".join(f"{name} = {value}\n" for name, value in limits.items()))
    return str(path)


def _article(*replacements) -> str:
    text = ARTICLE
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _failing_rule(monkeypatch, tmp_path):
    def crash(ctx):
        raise RuntimeError("boom")
    monkeypatch.setattr(rules.get("CON002"), "check", crash)
    return lint_text(ARTICLE, NEWS)


def _unreadable_file(monkeypatch, tmp_path):
    link = tmp_path / "gone.md"
    link.symlink_to(tmp_path / "nowhere.md")
    return lint_paths([str(link)])


def _too_large_file(monkeypatch, tmp_path):
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: Hello\n---\n")
    return lint_paths([str(page)], config=_config(tmp_path, **{"max-file-bytes": 8}))


def _duplicate_url(monkeypatch, tmp_path):
    folder = tmp_path / "_news"
    folder.mkdir()
    (folder / "2021-04-20-a.md").write_text(ARTICLE)
    (folder / "2021-04-21-b.md").write_text(ARTICLE)
    return lint_paths([str(tmp_path)], config=_config(tmp_path))


def _site(monkeypatch, tmp_path, **changes):
    from conftest import make_site
    make_site(tmp_path, **changes)
    return lint_paths([str(tmp_path)])


def _drifting_posts(monkeypatch, tmp_path):
    """25 posts, one with a misspelt key (DRF001) and one with a date that is text (DRF002)."""
    for i in range(25):
        key = "Title" if i == 1 else "title"
        date = "someday" if i == 2 else f"2021-03-{i + 1:02d}"
        (tmp_path / f"p{i}.md").write_text(f"---\n{key}: Post {i}\ndate: {date}\n---\n")
    return lint_paths([str(tmp_path)])


def _site_with(files=None, article_changes=(), config=None):
    from conftest import SITE_CONFIG, SITE_LOGO_URL
    article = ARTICLE.replace("https://cdn.example.org/organizations/harbour-times.com-50x50.jpg", SITE_LOGO_URL)
    for old, new in article_changes:
        article = article.replace(old, new, 1)
    return lambda monkeypatch, tmp_path: _site(monkeypatch, tmp_path, files=files, article=article,
                                               config=config or SITE_CONFIG)


_SLUG_PAGES = {".frontmatter-lint.toml": '[[unique]]\nfield = "/slug"\n', "a.md": "---\nslug: x\n---\n",
               "b.md": "---\nslug: x\n---\n"}


# code -> what produces it: text linted as (path, config limits), or a function of
# (monkeypatch, tmp_path) returning diagnostics.
CASES = [
    ("FM001", ("# MIT researchers warn\n", NEWS, {})),
    ("FM002", ("---\ntitle: Hello\nBody text\n", "page.md", {})),
    ("FM002", ('+++\ntitle = "Hello"\nBody text\n', "page.md", {})),
    ("FM002", ('{\n  "title": "Hello"\nBody text\n', "page.md", {})),
    ("FM003", ("\n---\ntitle: Hello\n---\n", NEWS, {})),
    ("FM005", ("---\n- title: Hello\n---\n", "page.md", {})),
    ("FM006", (b"---\ntitle: caf\xe9\n---\n", "page.md", {})),
    ("FM006", (b'+++\ntitle = "caf\xe9"\n+++\n', "page.md", {})),
    ("FM006", (b'{"title": "caf\xe9"}\n', "page.md", {})),
    ("FM007", _unreadable_file),
    ("FM007", lambda monkeypatch, tmp_path: lint_paths([str(tmp_path / "missing")])),
    ("FM008", _too_large_file),
    ("YML001", ('---\ntitle: "unclosed\n---\n', "page.md", {})),
    ("YML002", ("---\ntitle: First\ntitle: Second\n---\n", "page.md", {})),
    ("YML003", (_article(("publishedDateTime: 2021-04-20T18:00:00Z", "publishedDateTime: 2021-13-45T25:61:00Z")),
                NEWS, {})),
    ("YML004", ('---\ntitle: !!python/object/apply:os.system ["true"]\n---\n', "page.md", {})),
    ("YML005", ("---\n? [a, b]\n: value\n---\n", "page.md", {})),
    ("YML005", ("---\nx:\n  <<: 1\n  a: 2\n---\n", "page.md", {})),
    ("TOM001", ('+++\ntitle: "Hello"\n+++\n', "page.md", {})),
    ("TOM002", ('+++\ntitle = "First"\ntitle = "Second"\n+++\n', "page.md", {})),
    ("JSN001", ('{\n  "title": "Hello",\n}\n', "page.md", {})),
    ("JSN002", ('{"title": "First", "title": "Second"}\n', "page.md", {})),
    ("LIM001", ("---\na: [1, 2, 3, 4, 5, 6]\n---\n", "page.md", {"max-nodes": 4})),
    ("LIM001", ("+++\na = [1, 2, 3, 4, 5, 6]\n+++\n", "page.md", {"max-nodes": 4})),
    ("LIM001", ('{"a": [1, 2, 3, 4, 5, 6]}\n', "page.md", {"max-nodes": 4})),
    ("LIM002", ("---\na: [[[1]]]\n---\n", "page.md", {"max-depth": 2})),
    ("LIM002", ("+++\na = [[[1]]]\n+++\n", "page.md", {"max-depth": 2})),
    ("LIM002", ('{"a": [[[1]]]}\n', "page.md", {"max-depth": 2})),
    ("LIM003", ("---\ntitle: more than sixteen bytes\n---\n", "page.md", {"max-front-matter-bytes": 16})),
    ("LIM003", ('+++\ntitle = "more than sixteen bytes"\n+++\n', "page.md", {"max-front-matter-bytes": 16})),
    ("LIM003", ('{"title": "more than sixteen bytes"}\n', "page.md", {"max-front-matter-bytes": 16})),
    ("SCH000", ('---\n$schema: "https://example.com/x.schema.json"\ntitle: Hello\n---\n', "page.md", {})),
    ("SCH001", (_article(("\ntitle:", "\ntittle:")), NEWS, {})),
    ("SCH002", (_article(('excerpt: "Two late departures each way from May."\n', "")), NEWS, {})),
    ("SCH003", (_article(("quality: 64", 'quality: "64"')), NEWS, {})),
    ("SCH004", (_article(("type: article", "type: artcle")), NEWS, {})),
    ("SCH005", (_article(("publishedDateTime: 2021-04-20T18:00:00Z", 'publishedDateTime: "yesterday"')), NEWS, {})),
    ("LNT001", ("---\ntitle: Fine  # lint: disable=SCH003\n---\n", "page.md", {})),
    ("LNT002", _failing_rule),
    ("LNT003", ("---\ntitle: x  # lint: disable=SCH999\n---\n", "page.md", {})),
    ("XF001", _duplicate_url),
    ("XF004", _site_with(_SLUG_PAGES)),
    ("REF001", _site_with(article_changes=[("  - Ferries", "  - Ferrys")])),
    ("REF002", _site_with(article_changes=[("  - Ferries", "  - FERRIES")])),
    ("DRF001", _drifting_posts),
    ("DRF002", _drifting_posts),
    ("SITE001", _site_with(config="url: [unclosed\n")),
    ("SITE002", _site_with({"_data/topics/x.yaml": "name: 'unclosed\n"})),
]


@pytest.mark.parametrize("code,case", CASES, ids=[f"{code}-{i}" for i, (code, _) in enumerate(CASES)])
def test_stage_code_is_raised(code, case, monkeypatch, tmp_path):
    if callable(case):
        diagnostics = case(monkeypatch, tmp_path)
    else:
        text, path, limits = case
        diagnostics = lint_text(text, path, config=_config(tmp_path, **limits))
    assert code in {d.code for d in diagnostics}, [d.text() for d in diagnostics]


def test_every_stage_code_has_a_case():
    assert {code for code, _ in CASES} == {r.code for r in _stage_rules()}


def _modules() -> dict:
    found = {}
    for folder, _, names in os.walk(os.path.join(ROOT, "linter")):
        for name in names:
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    found[os.path.relpath(path, ROOT).replace(os.sep, "/")] = handle.read()
    return found


@pytest.mark.parametrize("rule", _stage_rules(), ids=lambda rule: rule.code)
def test_doc_names_the_module_holding_the_code(rule):
    modules = _modules()
    constant = rule.name.upper().replace("-", "_")
    holders = [path for path, text in modules.items()
               if re.search(rf'^{constant} = "{rule.code}"$', text, re.M)]
    assert len(holders) == 1, f"{constant} = {rule.code!r} should be defined once, in the module raising it: {holders}"
    raised_by = re.search(r"Raised by\s(.*?)(?:\n\s*\n|\Z)", rule.doc, re.S)
    assert raised_by is not None, f"{rule.code}'s documentation does not say `Raised by ...`"
    named = re.findall(r"`(linter/[\w/]+\.py)`", raised_by.group(1))
    assert named and all(path in modules for path in named), named
    assert holders[0] in named
    uses = modules[holders[0]].count(constant)
    assert uses >= 2, f"{holders[0]} defines {constant} but does not use it"
