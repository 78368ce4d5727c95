"""Stage 6: the article schema, and planted defects reported at the right line and column."""
import json
import os

import pytest

from conftest import ARTICLE, ROOT, line_of

SCHEMA_PATH = os.path.join(ROOT, "schema", "article.schema.json")


def test_schema_is_valid_2020_12_with_docs_on_every_property():
    import jsonschema

    schema = json.load(open(SCHEMA_PATH))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] and schema["$schema"].endswith("2020-12/schema")

    def walk(node, where):
        for name, prop in node.get("properties", {}).items():
            assert prop.get("title") and prop.get("description"), f"{where}.{name} lacks title/description"
            walk(prop, f"{where}.{name}")
    walk(schema, "")
    for name, definition in schema["$defs"].items():
        walk(definition, name)


def test_clean_article_has_no_findings(news_dir, lint_json):
    (news_dir / "a.md").write_text(ARTICLE)
    assert lint_json(news_dir) == (0, [])


# (edit to ARTICLE, code, line of needle, column) — each defect alone in an otherwise valid record
PLANTED = [
    (("title:", "tittle:"), "SCH001", "tittle:", 1),
    (("quality: 64", 'quality: "64"'), "SCH003", "quality:", 10),
    (("type: article", "type: artcle"), "SCH004", "type: artcle", 7),
    (("heat: 12", "heat: -5"), "SCH004", "heat:", 7),
    (("  domain: harbour-times.com\n", ""), "SCH002", "provider:", 1),
    (("publishedDateTime: 2021-04-20T18:00:00Z", 'publishedDateTime: "20 April 2021"'), "SCH005", "publishedDateTime", 20),
    (("publishedDateTime: 2021-04-20T18:00:00Z", "publishedDateTime: 2021-13-45T25:61:00Z"), "YML003", "publishedDateTime", 20),
    (("heat: 12", "heat: 12\nheat: 13"), "YML002", "heat: 13", 1),
    (("      width: 50", "      width: fifty"), "SCH003", "width: fifty", 14),
    (("    isCached: true", "    isCached: true\n    colour: red"), "SCH001", "colour:", 5),
    (("heat: 12", "heat: [12"), "YML001", None, None),
]


@pytest.mark.parametrize("edit,code,needle,column", PLANTED, ids=[p[1] + "-" + str(i) for i, p in enumerate(PLANTED)])
def test_planted_defect_is_reported_at_its_position(news_dir, lint_json, edit, code, needle, column):
    text = ARTICLE.replace(*edit, 1)
    assert text != ARTICLE
    (news_dir / "a.md").write_text(text)
    exit_code, diagnostics = lint_json(news_dir)
    assert exit_code == 1
    assert [d["code"] for d in diagnostics] == [code], diagnostics
    if needle is not None:
        assert (diagnostics[0]["line"], diagnostics[0]["column"]) == (line_of(text, needle), column)


def test_missing_top_level_key_points_at_opening_dashes(news_dir, lint_json):
    (news_dir / "a.md").write_text(ARTICLE.replace('excerpt: "Two late departures each way from May."\n', ""))
    _, [diagnostic] = lint_json(news_dir)
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"], diagnostic["pointer"]) == ("SCH002", 1, 1, "/excerpt")


def test_missing_url_alternatives_is_one_finding(news_dir, lint_json):
    text = "\n".join(l for l in ARTICLE.splitlines() if "Url:" not in l) + "\n"
    (news_dir / "a.md").write_text(text)
    _, [diagnostic] = lint_json(news_dir)
    assert diagnostic["code"] == "SCH002" and "`webUrl`, `originalUrl`" in diagnostic["message"]


def test_bom_and_crlf_do_not_shift_positions(news_dir, lint_json):
    text = ARTICLE.replace("quality: 64", 'quality: "64"')
    (news_dir / "a.md").write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    _, [diagnostic] = lint_json(news_dir)
    assert (diagnostic["line"], diagnostic["column"], diagnostic["end_column"]) == (line_of(text, "quality"), 10, 14)


def test_category_news_outside_news_folder_is_validated(tmp_path, lint_json):
    (tmp_path / "post.md").write_text(ARTICLE.replace("quality: 64", "quality: high"))
    _, diagnostics = lint_json(tmp_path)
    assert [d["code"] for d in diagnostics] == ["SCH003"]


def test_other_collections_are_parsed_not_schema_checked(tmp_path, lint_json):
    people = tmp_path / "_people"
    people.mkdir()
    (people / "a.md").write_text("---\nname: A\nname: B\n---\n")
    (people / "b.md").write_text("---\nanything: goes\n---\n")
    (people / "c.md").write_text("no front matter\n")
    _, diagnostics = lint_json(tmp_path)
    assert [(d["path"].rsplit("/", 1)[-1], d["code"]) for d in diagnostics] == [("a.md", "YML002")]


def test_forced_schema_applies_to_every_file(tmp_path, lint_json):
    schema = tmp_path / "person.json"
    schema.write_text(json.dumps({"type": "object", "required": ["name"], "additionalProperties": False,
                                  "properties": {"name": {"type": "string"}}}))
    (tmp_path / "p.md").write_text("---\nnmae: A\n---\n")
    _, diagnostics = lint_json("--schema", schema, tmp_path / "p.md")
    [diagnostic] = diagnostics  # the typo absorbs the missing-key finding
    assert diagnostic["code"] == "SCH001" and "did you mean `name`?); `name` is required" in diagnostic["message"]


@pytest.mark.parametrize("fast", [True, False])
def test_a_value_of_the_wrong_type_is_one_finding_not_also_outside_the_enum(tmp_path, lint_json, fast):
    schema = tmp_path / "term.json"
    schema.write_text(json.dumps({"type": "object", "properties": {
        "category": {"type": "string", "enum": ["concept", "technology"]},
        "level": {"type": "integer", "const": 1}}}))
    (tmp_path / "t.md").write_text("---\ncategory: [concept, platform]\nlevel: 2\n---\n")
    _, diagnostics = lint_json(*(() if fast else ("--no-fast-path",)), "--schema", schema, tmp_path / "t.md")
    # the list is not a string (and so none of the enum's strings: not said twice); 2 is an
    # integer that is not the const
    assert [(d["code"], d["pointer"]) for d in diagnostics] == [("SCH003", "/category"), ("SCH004", "/level")]


def test_each_missing_key_reported_once(news_dir, lint_json):
    # a record with none of the pipeline's keys gets the schema only by configuration
    (news_dir / ".frontmatter-lint.toml").write_text('[[schemas]]\nfiles = "**"\nschema = "article"\n')
    (news_dir / "a.md").write_text("---\ntitle: x\n---\n")
    _, diagnostics = lint_json(news_dir)
    keys = [d["pointer"] for d in diagnostics]
    assert len(keys) == len(set(keys)) == 8  # 7 required keys + one of webUrl/originalUrl


def test_integral_float_is_not_an_integer(news_dir, lint_json):
    (news_dir / "a.md").write_text(ARTICLE.replace("      width: 50", "      width: 50.0"))
    code, diagnostics = lint_json(news_dir)
    assert code == 1
    assert [(d["code"], d["line"], d["message"]) for d in diagnostics] == [
        ("SCH003", line_of(ARTICLE, "      width: 50"), "`provider.images.0.width` must be an integer, not number 50.0")]


def test_a_pattern_the_tool_writes_is_said_in_words(tmp_path, lint_json):
    from linter.schemas.patterns import LOCAL_OR_AWARE_DATE
    schema = tmp_path / "post.json"
    schema.write_text(json.dumps({"type": "object", "properties": {
        "date": {"type": "string", "pattern": LOCAL_OR_AWARE_DATE}, "slug": {"type": "string", "pattern": "^[a-z-]+$"}}}))
    (tmp_path / "p.md").write_text('---\ndate: "2023-01-29 18:30:22 2023 -0800"\nslug: "A slug"\n---\n')
    _, diagnostics = lint_json("--schema", schema, tmp_path / "p.md")
    assert [d["message"] for d in diagnostics] == [
        "`date` must be a date or date-time (2020-07-15, 2020-07-15 21:05:00, 2020-07-15T21:05:00+02:00), "
        "not '2023-01-29 18:30:22 2023 -0800'",
        "`slug` 'A slug' does not match the pattern '^[a-z-]+$'"]
