"""Hostile input: every case ends within seconds in a real process, with no traceback, a
documented exit code (0/1/2) and a JSON report that parses. One fixture per hostile case."""
import json
import os
import subprocess
import sys
import time

import pytest

from conftest import ARTICLE, ROOT

TIME_LIMIT = 20  # seconds a case may take on a loaded CI machine; each takes well under 1 s here


def _bomb(kind="seq"):
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi"):
        items = ", ".join(f"*{previous}" for _ in range(9))
        lines.append(f"{name}: &{name} [{items}]" if kind == "seq" else
                     f"{name}: &{name} {{" + ", ".join(f"k{i}: *{previous}" for i in range(9)) + "}")
    return "---\n" + "\n".join(lines) + "\n---\n"


# name -> (file content, the code the report must contain)
CASES = {
    "alias-bomb-lists": (_bomb("seq"), "LIM001"),
    "alias-bomb-mappings": (_bomb("map"), "LIM001"),
    "deep-flow-lists": ("---\na: " + "[" * 100_000 + "]" * 100_000 + "\n---\n", "LIM002"),
    "deep-flow-mappings": ("---\na: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n---\n", "LIM002"),
    "deep-block-sequences": ("---\n" + "- " * 60_000 + "x\n---\n", "LIM002"),
    "deep-indentation": ("---\n" + "".join(" " * i + f"k{i}:\n" for i in range(1200)) + "---\n", "LIM002"),
    "many-keys": ("---\n" + "".join(f"k{i}: {i}\n" for i in range(120_000)) + "---\n", "LIM003"),
    "very-long-line": ("---\ntitle: \"" + "x" * 3_000_000 + "\"\n---\n", "LIM003"),
    "large-file": ("---\ntitle: x\n---\n" + "body line\n" * 1_200_000, "FM008"),
    "many-colons-on-one-line": ("---\ntitle: x" + " :" * 100_000 + "\n---\n", "YML001"),  # the line-start screen
    "long-suppression-line": ("---\ntitle: x  # lint: disable=A" + " " * 200_000 + "x\n---\n", "LNT003"),
    "python-object-tag": ("---\ntitle: !!python/object/apply:os.system ['echo pwned']\n---\n", "YML004"),
    "python-name-tag": ("---\ntitle: !!python/name:os.system\n---\n", "YML004"),
    "unterminated": ("---\ntitle: x\n", "FM002"),
    "only-dashes": ("---\n", "FM002"),
    "crlf-empty": ("---\r\n---\r\n", None),  # Jekyll's "process this file": no finding
    # TOML (`+++`) and JSON (`{`) front matter: the same limits, each reported, nothing hangs.
    "toml-deep-arrays": ("+++\na = " + "[" * 100_000 + "]" * 100_000 + "\n+++\n", "LIM002"),
    "toml-deep-inline-tables": ("+++\na = " + "{a = " * 50_000 + "1" + "}" * 50_000 + "\n+++\n", "LIM002"),
    "toml-deep-dotted-key": ("+++\n" + "a." * 100_000 + "a = 1\n+++\n", "LIM002"),
    "toml-deep-table-header": ("+++\n[" + "a." * 100_000 + "a]\n+++\n", "LIM002"),
    "toml-many-table-arrays": ("+++\n" + "[[a]]\n" * 120_000 + "+++\n", "LIM001"),
    "toml-many-keys": ("+++\n" + "".join(f"k{i} = {i}\n" for i in range(120_000)) + "+++\n", "LIM003"),
    "toml-unterminated-string": ('+++\ntitle = """' + '""x' * 100_000 + "\n+++\n", "TOM001"),
    "toml-unterminated": ("+++\ntitle = 1\n", "FM002"),
    "toml-many-duplicates": ("+++\n" + "a = 1\n" * 50_000 + "+++\n", "TOM002"),
    "json-deep-arrays": ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "LIM002"),
    "json-deep-objects": ('{"a": ' + '{"a": ' * 100_000 + "1" + "}" * 100_000 + "}\n", "LIM002"),
    "json-unterminated": ('{"a": ' + "[" * 100_000 + "\n", "FM002"),
    "json-unterminated-string": ('{"a": "' + "\\" * 100_001 + "\n}\n", "FM002"),
    "json-many-duplicates": ("{" + '"a": 1, ' * 50_000 + '"a": 1}\n', "JSN002"),
    "json-nan": ('{"a": NaN, "b": Infinity}\n', "JSN001"),
    "json-long-number": ('{"a": ' + "9" * 100_000 + "}\n", "JSN001"),
    "toml-long-number": ("+++\na = " + "9" * 100_000 + "\n+++\n", "TOM001"),
}
BINARY_CASES = {
    "binary": (bytes(range(256)) * 20, "FM006"),
    "nul-byte": (b"---\ntitle: x\x00\n---\n", "FM006"),
    "invalid-utf8": (b"---\ntitle: caf\xe9\n---\n", "FM006"),
    "utf16-bom": ("---\ntitle: x\n---\n".encode("utf-16"), "FM006"),
    "utf32-bom": ("---\ntitle: x\n---\n".encode("utf-32"), "FM006"),
    "lone-surrogate-bytes": (b"---\ntitle: \xed\xa0\x80\n---\n", "FM006"),
}


def _lint(*args, cwd=None, stdin=None):
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", *map(str, args)],
                          cwd=cwd or ROOT, capture_output=True, timeout=TIME_LIMIT, input=stdin,
                          env={**os.environ, "PYTHONPATH": ROOT})
    elapsed = time.monotonic() - start
    assert "Traceback" not in done.stderr.decode("utf-8", "replace"), done.stderr[-2000:]
    assert done.returncode in (0, 1, 2), (done.returncode, done.stderr[-2000:])
    # exit 2 for a usage or configuration error (a broken --schema) comes before any report
    report = json.loads(done.stdout) if done.returncode != 2 or done.stdout.strip() else []
    return done.returncode, report, elapsed


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory):
    news = tmp_path_factory.mktemp("hostile") / "_news"
    news.mkdir()
    for name, (text, _) in CASES.items():
        (news / f"{name}.md").write_text(text, encoding="utf-8")
    for name, (data, _) in BINARY_CASES.items():
        (news / f"{name}.md").write_bytes(data)
    return news


@pytest.mark.parametrize("name", sorted(CASES) + sorted(BINARY_CASES))
def test_each_hostile_file_gets_its_diagnostic(hostile_tree, name):
    code, report, _ = _lint(hostile_tree / f"{name}.md")
    expected = {**CASES, **BINARY_CASES}[name][1]
    if expected is None:
        assert (code, report) == (0, [])
        return
    assert code in (0, 1) and any(d["severity"] == "error" for d in report) == (code == 1)
    assert expected in {d["code"] for d in report}, report[:3]
    for d in report:
        assert d["line"] >= 1 and d["column"] >= 1


def test_whole_hostile_tree_in_one_run_loses_nothing(hostile_tree):
    (hostile_tree / "good.md").write_text(ARTICLE)
    try:
        code, report, elapsed = _lint(hostile_tree.parent)
    finally:
        (hostile_tree / "good.md").unlink()
    reported = {d["path"].rsplit("/", 1)[-1] for d in report}
    assert code == 1
    assert reported >= {f"{n}.md" for n, (_, code) in {**CASES, **BINARY_CASES}.items() if code}
    assert not any(d["path"].endswith("good.md") for d in report)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_and_device_do_not_hang(tmp_path):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, report, _ = _lint(fifo, os.devnull, tmp_path)
    messages = {(d["path"].rsplit("/", 1)[-1], d["code"]): d["message"] for d in report}
    assert code == 1
    assert "named pipe" in messages[("pipe.md", "FM007")]
    assert "character device" in messages[(os.path.basename(os.devnull), "FM007")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks here")
def test_symlink_loops_dangling_links_and_odd_names(tmp_path):
    news = tmp_path / "_news"
    news.mkdir()
    os.symlink("loop-b.md", news / "loop-a.md")
    os.symlink("loop-a.md", news / "loop-b.md")
    os.symlink("/nonexistent/target.md", news / "dangling.md")
    os.symlink("..", news / "up")  # a folder loop: never followed
    odd = news / "odd name ü \t'\"$(x).md"
    odd.write_text(ARTICLE)
    code, report, _ = _lint(tmp_path)
    by_file = {}
    for d in report:
        by_file.setdefault(d["path"].rsplit("/", 1)[-1], set()).add(d["code"])
    assert by_file["loop-a.md"] == by_file["loop-b.md"] == by_file["dangling.md"] == {"FM007"}
    assert odd.name not in by_file
    assert code == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_and_directory(tmp_path):
    news = tmp_path / "_news"
    news.mkdir()
    (news / "secret.md").write_text(ARTICLE)
    os.chmod(news / "secret.md", 0)
    locked = news / "locked"
    locked.mkdir()
    os.chmod(locked, 0)
    try:
        code, report, _ = _lint(tmp_path)
    finally:
        os.chmod(locked, 0o755)
    codes = {(d["path"].rsplit("/", 1)[-1], d["code"]) for d in report}
    assert ("secret.md", "FM007") in codes and ("locked", "FM007") in codes
    assert code == 1


def test_unreadable_file_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    """The same as above for root too: the read itself fails."""
    from linter.stages import read
    from linter.config import ConfigResolver
    from linter.run.runner import run

    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(ARTICLE)
    (news / "b.md").write_text(ARTICLE.replace("ferry-night-service", "other"))
    real_open = os.open

    def failing_open(path, *args, **kwargs):
        if str(path).endswith("a.md"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(read.os, "open", failing_open)
    outcome = run([str(tmp_path)], ConfigResolver(), cross_file=False)
    assert [(d.path.rsplit("/", 1)[-1], d.code, d.message) for d in outcome.diagnostics] == [
        ("a.md", "FM007", "cannot read file: Permission denied")]
    assert outcome.files == 2


def test_file_that_vanishes_after_discovery(tmp_path, monkeypatch):
    from linter.run import runner
    from linter.config import ConfigResolver

    news = tmp_path / "_news"
    news.mkdir()
    (news / "gone.md").write_text(ARTICLE)
    real = runner._discovered

    def discover_then_delete(*args, **kwargs):
        for item in real(*args, **kwargs):
            (news / "gone.md").unlink()
            yield item
    monkeypatch.setattr(runner, "_discovered", discover_then_delete)
    outcome = runner.run([str(tmp_path)], ConfigResolver(), cross_file=False)
    assert [(d.code, d.message) for d in outcome.diagnostics] == [("FM007", "cannot read file: No such file or directory")]


def test_internal_error_in_a_rule_is_a_diagnostic_and_exit_2(tmp_path, monkeypatch, capsys):
    from linter import rules
    from linter.cli import main

    rules.load_all()
    victim = rules.Rule("ZZZ999", "always-fails", "error", "Fails.", "test", check=lambda ctx: 1 / 0)
    monkeypatch.setitem(rules.REGISTRY, victim.code, victim)
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(ARTICLE)
    (news / "b.md").write_text("---\ntitle: [unclosed\n---\n")
    code = main(["--no-cache", "--no-fast-path", "--format", "json", str(tmp_path)])
    report = json.loads(capsys.readouterr().out)
    assert code == 2
    internal = [d for d in report if d["code"] == "LNT002"]
    assert internal and "ZeroDivisionError" in internal[0]["message"] and victim.code in internal[0]["message"]
    assert any(d["code"] == "YML001" for d in report)  # the other file was still linted


def test_remote_schema_ref_is_refused_without_network(tmp_path):
    schema = tmp_path / "remote.schema.json"
    schema.write_text(json.dumps({"$schema": "https://json-schema.org/draft/2020-12/schema",
                                  "$ref": "https://example.invalid/article.schema.json"}))
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(ARTICLE)
    start = time.monotonic()
    code, report, _ = _lint("--schema", schema, tmp_path)
    assert time.monotonic() - start < 10
    assert code == 2


def test_configuration_cannot_execute_code(tmp_path):
    marker = tmp_path / "pwned"
    (tmp_path / ".frontmatter-lint.toml").write_text(
        f'select = ["ALL"]\nexclude = ["__import__(\'os\').system(\'touch {marker}\')"]\n')
    news = tmp_path / "_news"
    news.mkdir()
    (news / "a.md").write_text(ARTICLE)
    code, report, _ = _lint(tmp_path, cwd=tmp_path)
    assert code in (0, 1) and not marker.exists()
