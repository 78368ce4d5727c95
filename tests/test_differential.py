"""The fast path (yaml-rs + jsonschema-rs screen) and the reference path (PyYAML nodes +
jsonschema) must give identical diagnostics: on planted defects, on YAML 1.1/1.2 traps, and on
the whole real corpus."""
import os

import pytest

from conftest import ARTICLE, CORPUS
from linter import fastpath
from linter.config import ConfigResolver, Settings
from linter.lint import lint_bytes
from linter.runner import run

pytestmark = pytest.mark.skipif(not fastpath.available(), reason="accelerators not installed")

FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)

VARIANTS = {
    "clean": ARTICLE,
    "crlf": ARTICLE.replace("\n", "\r\n"),
    "yaml11-bool": ARTICLE.replace("published: true", "published: yes"),
    "yaml11-title": ARTICLE.replace('title: "Harbour ferry adds a night service"', "title: no"),
    "octal": ARTICLE.replace("quality: 64", "quality: 0644"),
    "sexagesimal": ARTICLE.replace("heat: 12", "heat: 1:30"),
    "underscore": ARTICLE.replace("quality: 64", "quality: 6_4"),
    "exponent": ARTICLE.replace("quality: 64", "quality: 6e1"),
    "naive-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20 18:00:00"),
    "date-only": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20"),
    "quoted-time": ARTICLE.replace("2021-04-20T18:00:00Z", '"2021-04-20T18:00:00Z"'),
    "offset-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20T18:00:00+02:00"),
    "short-offset-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20 18:00:00 +2"),
    "lowercase-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2021-04-20t18:00:00z"),
    "quoted-naive-time": ARTICLE.replace("2021-04-20T18:00:00Z", '"2021-04-20T18:00:00"'),
    "future-time": ARTICLE.replace("2021-04-20T18:00:00Z", "2999-04-20T18:00:00Z"),
    "html-entity": ARTICLE.replace("ferry.jpg", "ferry.jpg?w=1&#038;h=2"),
    "duplicate": ARTICLE.replace("heat: 12", "heat: 12\nheat: 13"),
    "anchor": ARTICLE.replace("heat: 12", "heat: &h 12\nquality2: *h"),
    "flow": ARTICLE.replace("  - Transport\n  - Ferries\n", "  - [Transport, yes]\n"),
    "unknown-key": ARTICLE.replace("title:", "tittle:"),
    "int-key": ARTICLE.replace("heat: 12", "heat: 12\n1: x"),
    "suppressed": ARTICLE.replace("quality: 64", 'quality: "64"  # lint: disable=SCH003'),
    "unused-suppression": ARTICLE.replace("quality: 64", "quality: 64  # lint: disable=SCH003"),
    "bad-url": ARTICLE.replace("https://www.harbour-times.com/2021/04/20/ferry-night-service/\"", "/ferry\""),
    "null": ARTICLE.replace("heat: 12", "heat: ~"),
    "inf": ARTICLE.replace("quality: 64", "quality: .inf"),
    "integral-float": ARTICLE.replace("      width: 50", "      width: 50.0"),
    "decimal-in-list": ARTICLE.replace("  - Ferries\n", "  - 2.5\n"),
    "tag": ARTICLE.replace("heat: 12", "heat: !!str 12"),
    "block-scalar": ARTICLE.replace('excerpt: "Two late departures each way from May."', "excerpt: >\n  Two late\n  departures"),
    "not-mapping": "---\n- a\n- b\n---\n",
    "comment-only": "---\n# nothing\n---\n",
}


def _diagnostics(text: str, settings: Settings):
    result = lint_bytes(text.encode(), "/r/_news/2021-04-20-x.md", "_news/2021-04-20-x.md", settings)
    return [d.to_dict() for d in result.diagnostics], result.checked


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_fast_and_reference_paths_agree(name):
    assert _diagnostics(VARIANTS[name], FAST) == _diagnostics(VARIANTS[name], REFERENCE)


def test_the_fast_path_is_really_taken_for_clean_records(monkeypatch):
    from linter import parse
    calls = []
    monkeypatch.setattr(parse, "compose", lambda text: calls.append(text) or (_ for _ in ()).throw(AssertionError))
    diagnostics, checked = _diagnostics(ARTICLE, FAST)
    assert diagnostics == [] and checked and calls == []


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpus is absent")
@pytest.mark.parametrize("tree", ["news-history", "power-apps"])
def test_corpus_identical_on_both_paths(tree):
    folder = os.path.join(CORPUS, tree)

    def resolver(fast):
        return ConfigResolver(overrides=lambda s: s.replace(fast=fast))
    fast = run([folder], resolver(True), cross_file=True)
    reference = run([folder], resolver(False), cross_file=True)
    assert fast.files == reference.files > 0
    assert fast.checked == reference.checked
    assert [d.to_dict() for d in fast.diagnostics] == [d.to_dict() for d in reference.diagnostics]
