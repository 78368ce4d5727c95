"""Files the linter opens because content or configuration names them (namedfiles.py,
schemacheck.py, patterns.py): schemas named by `$schema`, `$ref`, `--schema` and the
configuration, the configuration itself and the baseline. Every case runs the real command
line and ends within seconds, with exit 0, 1 or 2, no traceback, and no LNT002."""
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

TIME_LIMIT = 20

PERSON = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
          "properties": {"$schema": {}, "name": {"type": "string"}}, "required": ["name"]}


def _lint(*args, cwd):
    done = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", *map(str, args)],
                          cwd=cwd, capture_output=True, timeout=TIME_LIMIT, text=True,
                          env={**os.environ, "PYTHONPATH": ROOT})
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode in (0, 1, 2), done.stderr
    report = json.loads(done.stdout) if done.stdout.strip() else []
    assert not any(d["code"] == "LNT002" for d in report), report
    return done.returncode, report, done.stderr


@pytest.fixture
def repo(tmp_path):
    """A git work tree with a record folder; files outside it live in `tmp_path / "outside"`."""
    root = tmp_path / "site"
    (root / "people").mkdir(parents=True)
    (root / ".git").mkdir()  # what namedfiles.git_work_tree looks for
    (tmp_path / "outside").mkdir()
    return root


def _record(root, schema_ref, name="ada.md", body="name: Ada\n"):
    path = root / "people" / name
    path.write_text(f"---\n$schema: {schema_ref}\n{body}---\n")
    return path


def _sch000(report):
    return [d for d in report if d["code"] == "SCH000"]


def test_a_schema_inside_the_repository_is_applied(repo):
    (repo / "schemas").mkdir()
    (repo / "schemas" / "person.json").write_text(json.dumps(PERSON))
    _record(repo, "../schemas/person.json", body="name: 3\n")
    code, report, _ = _lint(repo, cwd=repo)
    assert code == 1 and [d["code"] for d in report] == ["SCH003"]


@pytest.mark.parametrize("reference", ["/dev/zero", "/etc/passwd", "../../outside/secret.json",
                                       "../../../../../../../../etc/hostname"])
def test_a_record_cannot_name_a_file_outside_the_repository(repo, reference):
    secret = repo.parent / "outside" / "secret.json"
    secret.write_text(json.dumps(PERSON))
    _record(repo, reference)
    code, report, _ = _lint(repo, cwd=repo)
    found = _sch000(report)
    assert code == 1 and len(found) == 1 and "outside the repository" in found[0]["message"]
    assert found[0]["line"] == 2 and found[0]["pointer"] == "/$schema"


def test_a_symlink_out_of_the_repository_is_followed_before_the_check(repo):
    secret = repo.parent / "outside" / "secret.json"
    secret.write_text(json.dumps(PERSON))
    os.symlink(secret, repo / "people" / "innocent.json")
    _record(repo, "innocent.json")
    code, report, _ = _lint(repo, cwd=repo)
    assert code == 1 and "outside the repository" in _sch000(report)[0]["message"]


@pytest.mark.parametrize("kind", ["fifo", "directory", "huge"])
def test_a_named_file_that_is_not_a_small_regular_file_is_refused_without_blocking(repo, kind):
    target = repo / "people" / "schema.json"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "directory":
        target.mkdir()
    else:
        with open(target, "wb") as handle:  # sparse: 3 GB on paper, nothing on disk
            handle.truncate(3 * 1024 ** 3)
    _record(repo, "schema.json")
    code, report, _ = _lint(repo, cwd=repo)
    message = _sch000(report)[0]["message"]
    expected = {"fifo": "named pipe", "directory": "directory", "huge": "larger than the limit"}[kind]
    assert code == 1 and expected in message, message


@pytest.mark.parametrize("ref", ["file:///dev/zero", "/dev/zero", "../../outside/defs.json",
                                 "file:///etc/passwd"])
def test_a_ref_in_a_record_named_schema_stays_inside_the_repository(repo, ref):
    (repo.parent / "outside" / "defs.json").write_text(json.dumps({"type": "string"}))
    schema = dict(PERSON, properties={"$schema": {}, "name": {"$ref": ref}})
    (repo / "people" / "schema.json").write_text(json.dumps(schema))
    _record(repo, "schema.json")
    code, report, _ = _lint(repo, cwd=repo)
    message = _sch000(report)[0]["message"]
    assert code == 1 and "/properties/name/$ref" in message and ("outside the repository" in message
                                                                  or "character device" in message), message


def test_a_file_ref_inside_the_repository_resolves(repo):
    (repo / "people" / "defs.json").write_text(json.dumps({"$defs": {"name": {"type": "string"}}}))
    uri = (repo / "people" / "defs.json").as_uri()
    schema = dict(PERSON, properties={"$schema": {}, "name": {"$ref": uri + "#/$defs/name"},
                                      "nick": {"$ref": "defs.json#/$defs/name"}})
    (repo / "people" / "schema.json").write_text(json.dumps(schema))
    _record(repo, "schema.json", body="name: 3\nnick: 4\n")
    code, report, _ = _lint(repo, cwd=repo)
    assert code == 1 and [(d["code"], d["pointer"]) for d in report] == [("SCH003", "/name"), ("SCH003", "/nick")]


BAD_SCHEMAS = {
    "ref-cycle": ({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
                  "$ref cycle"),
    "self-ref": ({"anyOf": [{"$ref": "#"}]}, "$ref cycle"),
    "unresolvable": ({"properties": {"a": {"$ref": "#/$defs/missing"}}}, "/properties/a/$ref cannot be resolved"),
    "remote": ({"$ref": "https://example.invalid/x.json"}, "no network"),
    "bad-type": ({"type": "strnig"}, "not a valid JSON Schema at /type"),
    "bad-keyword-value": ({"properties": {"a": {"minLength": "x"}}}, "at /properties/a/minLength"),
    "top-level-list": ([1, 2], "must be an object or a boolean"),
    "top-level-string": ("schema", "must be an object or a boolean"),
    "lookahead": ({"properties": {"name": {"pattern": "(?=a)b"}}}, "at #/properties/name/pattern"),
    "not-json": ("{", "does not parse"),
}


@pytest.mark.parametrize("case", sorted(BAD_SCHEMAS))
def test_a_bad_schema_named_by_a_record_is_sch000_naming_the_place(repo, case):
    content, expected = BAD_SCHEMAS[case]
    (repo / "people" / "schema.json").write_text(content if case == "not-json" else json.dumps(content))
    _record(repo, "schema.json")
    code, report, _ = _lint(repo, cwd=repo)
    found = _sch000(report)
    assert code == 1 and len(found) == 1 and expected in found[0]["message"], report


@pytest.mark.parametrize("case", sorted(BAD_SCHEMAS))
def test_a_bad_schema_given_by_the_user_exits_two(repo, case):
    content, expected = BAD_SCHEMAS[case]
    schema = repo.parent / "outside" / "schema.json"
    schema.write_text(content if case == "not-json" else json.dumps(content))
    (repo / "people" / "ada.md").write_text("---\nname: Ada\n---\n")
    code, report, stderr = _lint("--schema", schema, repo, cwd=repo)
    assert code == 2 and expected in stderr, stderr


def test_a_schema_the_user_names_may_live_outside_the_repository(repo):
    schema = repo.parent / "outside" / "person.json"
    schema.write_text(json.dumps(PERSON))
    (repo / "people" / "ada.md").write_text("---\nname: 3\n---\n")
    code, report, _ = _lint("--schema", schema, repo, cwd=repo)
    assert code == 1 and [d["code"] for d in report] == ["SCH003"]


@pytest.mark.parametrize("where", ["--schema", "config"])
def test_a_user_named_schema_that_is_a_fifo_or_device_exits_two(repo, where):
    fifo = repo.parent / "outside" / "schema.json"
    os.mkfifo(fifo)
    (repo / "people" / "ada.md").write_text("---\nname: Ada\n---\n")
    if where == "--schema":
        code, _, stderr = _lint("--schema", fifo, repo, cwd=repo)
    else:
        (repo / ".frontmatter-lint.toml").write_text(f'[[schemas]]\nfiles = "people/**"\nschema = "{fifo}"\n')
        code, _, stderr = _lint(repo, cwd=repo)
    assert code == 2 and "named pipe" in stderr


def test_catastrophic_patterns_do_not_stall_a_run(repo):
    schema = dict(PERSON, properties={"$schema": {}, "name": {"type": "string", "pattern": "^(a+)+$"}},
                  patternProperties={"^(x+x+)+y$": {"type": "integer"}}, additionalProperties=False)
    (repo / "people" / "schema.json").write_text(json.dumps(schema))
    evil = "a" * 5000 + "!"
    _record(repo, "schema.json", body=f"name: {evil}\n? {'x' * 5000}\n: 1\n")
    code, report, _ = _lint("--no-fast-path", repo, cwd=repo)  # the reference path, `jsonschema`
    assert code == 1 and {d["code"] for d in report} == {"SCH004", "SCH001"}, report


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_a_configuration_that_is_not_a_regular_file_exits_two(repo, kind):
    (repo / "people" / "ada.md").write_text("---\nname: Ada\n---\n")
    config = repo / ".frontmatter-lint.toml"
    if kind == "fifo":
        os.mkfifo(config)
        code, _, stderr = _lint(repo, cwd=repo)
    elif kind == "device":
        code, _, stderr = _lint("--config", "/dev/zero", repo, cwd=repo)
    else:
        config.mkdir()
        code, _, stderr = _lint("--config", config, repo, cwd=repo)
    assert code == 2 and "configuration" in stderr and "regular file" in stderr, stderr


@pytest.mark.parametrize("content", ["fifo", "[" * 100_000, '{"findings": [{"path": "a", "code": "X", "value": []}]}'])
def test_a_bad_baseline_exits_two(repo, content):
    (repo / "people" / "ada.md").write_text("---\nname: Ada\n---\n")
    baseline = repo / "baseline.json"
    if content == "fifo":
        os.mkfifo(baseline)
    else:
        baseline.write_text(content)
    code, _, stderr = _lint("--baseline", baseline, repo, cwd=repo)
    assert code == 2 and "baseline" in stderr, stderr
