"""CON rules: category vs collection folder, topics (non-empty, trimmed, unique), blank required
text, and `originalUrl`/`webUrl` agreement. Planted defects at their exact position on both
paths; fixes applied to the text, re-linted, every other byte unchanged."""
import os

import pytest

from rule_testing import apply_fix, both_paths, edited
from conftest import ARTICLE, CORPUS, line_of
from linter.config import Settings, settings_from_mapping
from linter.rules import consistency, crossfile

NAME = "_news/2021-04-20-ferry-night-service.md"
FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)
WEB = "https://www.harbour-times.com/2021/04/20/ferry-night-service/"
TOPICS = "  - Transport\n  - Ferries\n"

RELATED = """related:
  - title: "Harbour Times adds a ferry timetable"
    excerpt: "The timetable is online."
    publishedDateTime: 2021-04-21T08:00:00Z
    webUrl: "https://www.harbour-times.com/2021/04/21/timetable/"
    type: article
    provider:
      name: Harbour Times
      domain: harbour-times.com
    quality: 50

secured:"""




def diagnostics(text: str, name: str = NAME, settings: Settings = REFERENCE):
    """Diagnostics of `text`, asserting that the fast and the reference path agree."""
    return both_paths(text, name, settings)


def found(text: str, prefix: str = "CON", **kwargs):
    return [(d.code, d.severity, d.line, d.column, d.pointer) for d in diagnostics(text, **kwargs)
            if d.code.startswith(prefix)]


def only(text: str, code: str, **kwargs):
    matching = [d for d in diagnostics(text, **kwargs) if d.code == code]
    assert len(matching) == 1, matching
    return matching[0]




def test_clean_article_has_no_con_findings():
    assert diagnostics(ARTICLE) == []
    assert diagnostics(edited(("secured:", RELATED))) == []


# ---------------------------------------------------------------------------------------------
# CON001 category vs collection folder


def test_category_other_than_the_folders_is_an_error_with_an_unsafe_fix():
    text = edited(("category: news", "category: blog"))
    finding = only(text, "CON001")
    assert (finding.severity, finding.line, finding.column, finding.pointer) == ("error", 2, 11, "/category")
    assert "`_news/`" in finding.message and "`news`" in finding.message
    assert not finding.fix.safe
    fixed = apply_fix(text, finding)
    assert fixed == ARTICLE and diagnostics(fixed) == []


def test_category_case_difference_is_named():
    text = edited(("category: news", 'category: "News"'))
    finding = only(text, "CON001")
    assert "case matters" in finding.message
    assert apply_fix(text, finding) == edited(("category: news", 'category: "news"'))


def test_files_outside_mapped_folders_are_not_checked():
    # `category: news` selects the article schema anywhere; a post may have any category
    text = ARTICLE
    assert found(text, name="_posts/2021-04-20-ferry.md") == []
    assert found(text, name="archive/2021/ferry.md") == []


def test_collections_option_maps_other_folders(tmp_path):
    settings = settings_from_mapping({
        "rules": {"CON001": {"collections": {"_news": "news", "_videos": "video"}}},
        "schemas": [{"files": "**/_videos/**", "schema": "article"}],
    }, "/")
    assert found(ARTICLE, name="_videos/2021-04-20-ferry.md", settings=settings) == [
        ("CON001", "error", 2, 11, "/category")]
    video = edited(("category: news", "category: video"))
    assert found(video, name="_videos/2021-04-20-ferry.md", settings=settings) == []
    assert found(ARTICLE, settings=settings) == []
    assert found(video, settings=settings) == [("CON001", "error", 2, 11, "/category")]


def test_the_innermost_mapped_folder_decides():
    mapping = {"_news": "news", "_archive": "archive"}
    assert consistency._collection_folder("_news/_archive/x.md", mapping) == "_archive"
    assert consistency._collection_folder("_archive/_news/x.md", mapping) == "_news"
    assert consistency._collection_folder("site/_news/2021/x.md", mapping) == "_news"
    assert consistency._collection_folder("_news.md", mapping) is None
    assert consistency._collection_folder("my_news/x.md", mapping) is None


def test_blank_category_is_reported_once_by_con005():
    text = edited(("category: news", 'category: ""'))
    assert found(text, prefix="") == [("CON005", "error", 2, 11, "/category")]


# ---------------------------------------------------------------------------------------------
# CON002..CON004 topics


def test_empty_topics_list():
    text = edited(("topics:\n" + TOPICS, "topics: []\n"))
    assert found(text) == [("CON002", "error", line_of(text, "topics:"), 9, "/topics")]
    assert found(edited((TOPICS, "  - Transport\n"))) == []


@pytest.mark.parametrize("topic,fixed", [
    ('" Transport"', '"Transport"'),
    ("'Transport  '", "'Transport'"),
    ('"\\tTransport\\u00a0"', '"Transport"'),
])
def test_untrimmed_topic_has_a_safe_strip_fix(topic, fixed):
    text = edited(("  - Transport\n", f"  - {topic}\n"))
    finding = only(text, "CON003")
    assert (finding.line, finding.column, finding.pointer) == (line_of(text, "Ferries") - 1, 5, "/topics/0")
    assert finding.fix.safe
    result = apply_fix(text, finding)
    assert result == edited(("  - Transport\n", f"  - {fixed}\n"))
    assert found(result) == []


def test_exact_duplicate_topic_is_removed_by_a_safe_fix():
    text = edited((TOPICS, TOPICS + "  - Transport\n"))
    finding = only(text, "CON004")
    assert (finding.severity, finding.line, finding.column, finding.pointer) == (
        "error", line_of(text, "Ferries") + 1, 5, "/topics/2")
    assert f"topics[0] (line {line_of(text, 'Ferries') - 1})" in finding.message
    assert finding.fix.safe and finding.fix.scope == "/topics"
    result = apply_fix(text, finding)
    assert result == ARTICLE and diagnostics(result) == []


def test_duplicate_in_a_flow_list_is_removed():
    text = edited(("topics:\n" + TOPICS, "topics: [Transport, Ferries, Transport]\n"))
    finding = only(text, "CON004")
    assert (finding.line, finding.column) == (line_of(text, "topics:"), 30)
    result = apply_fix(text, finding)
    assert result == edited(("topics:\n" + TOPICS, "topics: [Transport, Ferries]\n"))
    assert found(result) == []


def test_case_only_duplicate_is_a_warning_without_fix():
    text = edited((TOPICS, TOPICS + "  - ferries\n  - ' Transport'\n"))
    assert found(text) == [
        ("CON004", "warning", line_of(text, "- ferries"), 5, "/topics/2"),
        ("CON003", "error", line_of(text, "' Transport'"), 5, "/topics/3"),
        ("CON004", "warning", line_of(text, "' Transport'"), 5, "/topics/3"),
    ]
    assert all(d.fix is None for d in diagnostics(text) if d.code == "CON004")


def test_later_copies_all_name_the_first():
    text = edited((TOPICS, TOPICS + "  - Ferries\n  - Ferries\n"))
    findings = [d for d in diagnostics(text) if d.code == "CON004"]
    assert [d.pointer for d in findings] == ["/topics/2", "/topics/3"]
    assert all("topics[1]" in d.message for d in findings)


def test_non_string_topics_are_left_to_the_schema():
    text = edited((TOPICS, "  - Transport\n  - 12\n  - Transport\n"))
    assert found(text) == [("CON004", "error", line_of(text, "  - 12") + 1, 5, "/topics/2")]


# ---------------------------------------------------------------------------------------------
# CON005 blank required text


@pytest.mark.parametrize("edit,needle,column,pointer", [
    (('title: "Harbour ferry adds a night service"', 'title: ""'), "title:", 8, "/title"),
    (('excerpt: "Two late departures each way from May."', "excerpt: '   '"), "excerpt:", 10, "/excerpt"),
    (("  name: Harbour Times", '  name: ""'), "  name:", 9, "/provider/name"),
    (("  - Ferries\n", '  - " "\n'), '- " "', 5, "/topics/1"),
])
def test_blank_required_text_is_reported_once(edit, needle, column, pointer):
    text = edited(edit)
    assert found(text, prefix="") == [("CON005", "error", line_of(text, needle), column, pointer)]


def test_blank_related_text():
    text = edited(("secured:", RELATED), ('"Harbour Times adds a ferry timetable"', '""'),
                  ('"The timetable is online."', '" "'), ("      name: Harbour Times", '      name: ""'))
    assert found(text, prefix="") == [
        ("CON005", "error", line_of(text, '- title: ""'), 12, "/related/0/title"),
        ("CON005", "error", line_of(text, 'excerpt: " "'), 14, "/related/0/excerpt"),
        ("CON005", "error", line_of(text, '      name: ""'), 13, "/related/0/provider/name"),
    ]


def test_blank_topic_is_removed_when_others_remain():
    text = edited(("  - Ferries\n", '  - ""\n  - Ferries\n'))
    finding = only(text, "CON005")
    assert finding.fix.safe and finding.fix.scope == "/topics"
    result = apply_fix(text, finding)
    assert result == ARTICLE and diagnostics(result) == []
    lone = edited(("topics:\n" + TOPICS, 'topics:\n  - ""\n'))
    assert only(lone, "CON005").fix is None  # removing it would leave no topic


def test_missing_fields_are_not_blank():
    text = edited(('title: "Harbour ferry adds a night service"\n', ""))
    assert found(text) == [] and [d.code for d in diagnostics(text)] == ["SCH002"]


# ---------------------------------------------------------------------------------------------
# CON006 originalUrl vs webUrl


@pytest.mark.parametrize("original", [
    WEB,
    "http://www.harbour-times.com/2021/04/20/ferry-night-service/",
    "https://harbour-times.com/2021/04/20/ferry-night-service",
    "https://WWW.Harbour-Times.com:443/2021/04/20/ferry-night-service/#comments",
])
def test_original_url_naming_the_same_article_passes(original):
    assert found(edited(("webUrl:", f'originalUrl: "{original}"\nwebUrl:'))) == []


@pytest.mark.parametrize("original", [
    "https://www.harbour-times.com/2021/04/21/bus-strike/",
    "https://www.harbour-times.com/2021/04/20/Ferry-Night-Service/",
    "https://www.harbour-times.com/2021/04/20/ferry-night-service/?page=2",
    "https://news.harbour-times.com/2021/04/20/ferry-night-service/",
])
def test_original_url_naming_another_article_is_a_warning(original):
    text = edited(("webUrl:", f'originalUrl: "{original}"\nwebUrl:'))
    finding = only(text, "CON006")
    assert (finding.severity, finding.line, finding.column, finding.pointer) == (
        "warning", line_of(text, "originalUrl:"), 14, "/originalUrl")
    assert WEB in finding.message and f"(line {line_of(text, 'webUrl:')})" in finding.message
    assert finding.fix is None


def test_original_url_alone_or_not_absolute_is_not_compared():
    assert found(edited(("webUrl:", "originalUrl:"))) == []
    text = edited(("webUrl:", 'originalUrl: "/2021/04/20/other/"\nwebUrl:'))
    assert found(text) == []


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpus is absent")
def test_real_records_with_both_urls_agree():
    import glob

    from linter.stages.frontmatter import split
    from linter.stages.parse import parse

    compared = 0
    for path in glob.glob(os.path.join(CORPUS, "news-history", "*", "_news", "*.md")):
        block = split(open(path, encoding="utf-8").read())
        record = parse(block.yaml, block.first_line, block.offset).record
        if "originalUrl" in record and "webUrl" in record:
            compared += 1
            assert crossfile.article_key(record["originalUrl"]) == crossfile.article_key(record["webUrl"]), path
    assert compared > 100



@pytest.mark.parametrize("root,path", [
    ("/site", "/site/_news/x.md"),
    ("/site/", "/site/_news/2021/x.md"),
    ("/site", "/elsewhere/_news/x.md"),
    ("/a/_news/site", "/a/_news/other/_posts/x.md"),      # `_news` is above the configuration
    ("/a/_news/site", "/a/_news/site/_posts/x.md"),
    ("/a/_news", "/a/_news/x.md"),
    ("/a/_news", "/a/_news/_news/x.md"),
    ("/a/b", "/a/_news/_videos/b/x.md"),
    ("/", "/_videos/_news/x.md"),
    ("/site", "_news/x.md"),                              # relative (stdin, API)
    ("/site", "/site/../_news/x.md"),
])
def test_folder_lookup_matches_the_relative_path(root, path):
    mapping = {"_news": "news", "_videos": "video"}
    settings = Settings(root=root)
    ctx = type("Ctx", (), {"path": path, "settings": settings, "relative_path": settings.relative(path)})()
    assert consistency._folder_of(ctx, mapping) == consistency._collection_folder(settings.relative(path), mapping)
