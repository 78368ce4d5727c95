"""The command line: formats, exit codes, subcommands, robustness of a run."""
import json
import os
import subprocess
import sys

import pytest

from conftest import ARTICLE, ROOT
from linter.cli import FAMILY_TITLES, main
from linter.model.diagnostics import JSON_KEYS


def test_json_output_has_exactly_the_documented_keys(news_dir, lint_json):
    (news_dir / "a.md").write_text(ARTICLE.replace("quality: 64", "quality: x"))
    _, [diagnostic] = lint_json(news_dir)
    assert tuple(diagnostic) == JSON_KEYS
    assert diagnostic["severity"] == "error" and diagnostic["pointer"] == "/quality"
    assert not os.path.isabs(diagnostic["path"]) or diagnostic["path"].startswith(str(news_dir))


def test_paths_are_reported_as_given(tmp_path, capsys, monkeypatch):
    (tmp_path / "_news").mkdir()
    (tmp_path / "_news" / "a.md").write_text("no front matter\n")
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cross-file", "_news/"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("_news/a.md:1:1: FM001 ")
    assert "1 file checked (0 against a schema): 1 error in 1 file" in out


def test_unreadable_and_missing_files_do_not_stop_the_run(news_dir, lint_json):
    (news_dir / "good.md").write_text(ARTICLE)
    (news_dir / "link.md").symlink_to(news_dir / "gone.md")
    code, diagnostics = lint_json(news_dir, news_dir / "nope.md")
    assert code == 1
    assert sorted(d["code"] for d in diagnostics) == ["FM007", "FM007"]


def test_clean_run_exits_zero_and_says_so(news_dir, capsys):
    (news_dir / "a.md").write_text(ARTICLE)
    assert main([str(news_dir)]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_usage_and_config_errors_exit_two(tmp_path, capsys):
    assert main(["--format", "nope"]) == 2
    bad = tmp_path / "cfg.toml"
    bad.write_text("[tool.frontmatter-lint]\nselct = ['SCH']\n")
    assert main(["--config", str(bad), str(tmp_path)]) == 2
    assert "unknown setting" in capsys.readouterr().err
    assert main(["--schema", str(tmp_path / "missing.json"), str(tmp_path)]) == 2


def test_rules_and_rule_docs(capsys):
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert "SCH001" in listing and "unknown-key" in listing
    assert main(["rule", "unknown-key"]) == 0
    doc = capsys.readouterr().out
    assert "**Fails**" in doc and "**Passes**" in doc and "Why it matters" in doc
    assert main(["rule", "NOPE999"]) == 2


def test_schema_subcommand_prints_the_builtin_schema(capsys):
    assert main(["schema", "article"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["title"] == "Article record"
    # whole: the shapes it shares with the other types are copied in, every $ref is local
    assert "provider" in json.dumps(printed) and '"$ref": "common' not in json.dumps(printed)


def test_schema_subcommand_lists_the_builtin_schemas(capsys):
    assert main(["schema"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert names == ["article", "video", "course", "collection", "sample", "person", "community", "newsletter"]
    assert main(["schema", "nope"]) == 2


def test_python_dash_m_and_no_traceback(tmp_path):
    (tmp_path / "_news").mkdir()
    (tmp_path / "_news" / "x.md").write_bytes(b"---\n\xff\xfe: [\n---\n")
    done = subprocess.run([sys.executable, "-m", "linter", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert ":2:1: FM006 invalid UTF-8" in done.stdout


def test_every_rule_is_documented_in_four_parts_and_by_name(capsys):
    from linter import rules

    for code, rule in rules.load_all().items():
        assert main(["rule", code]) == 0 and main(["rule", rule.name]) == 0
        doc = capsys.readouterr().out
        for part in ("**What it does.**", "**Why it matters.**", "**Fails**", "**Passes**"):
            assert part in doc, (code, part)
        assert doc.index("**Fails**") < doc.index("**Passes**"), code
        assert rule.summary and not rule.summary.startswith("**"), code
        assert code[:len(code) - 3] in {p for p, _ in FAMILY_TITLES}, code
        for option in rule.options:
            assert f"`{option}`" in rule.doc, (code, option)  # options are documented


def _readme():
    from conftest import ROOT
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as handle:
        return handle.read()


def test_readme_rule_list_is_the_registry(capsys):
    assert main(["rules", "--markdown"]) == 0
    assert capsys.readouterr().out.strip() in _readme()


def test_readme_sample_output_is_what_lint_examples_prints(capsys, monkeypatch):
    from conftest import ROOT

    monkeypatch.chdir(ROOT)
    assert main(["--no-cache", "--no-color", "examples/"]) == 1
    assert capsys.readouterr().out in _readme()


def test_one_clean_file_imports_only_the_accelerators(news_dir):
    """What pre-commit runs: one clean record takes the fast path, so neither reference library,
    nor the help formatter's terminal lookup (shutil), nor what only a finding needs (the fixes'
    edits), nor jsonschema-rs's mail utilities are imported."""
    (news_dir / "a.md").write_text(ARTICLE)
    code = ("import sys; from linter.cli import main; status = main(['--no-cache', sys.argv[1]]); "
            "print(status, sorted(m for m in ('yaml', 'jsonschema', 'shutil', 'linter.stages.parse', "
            "'linter.fix.edits', 'email.utils', 'socket') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, str(news_dir / "a.md")], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 []"


@pytest.mark.parametrize("needs, expected", [
    ("email.utils.parsedate_to_datetime('Thu, 12 Nov 2026 07:50:16 +0000')", "stand-in"),
    ("email.utils.formatdate(0)", "real"),  # more than the stand-in holds: imported again, for real
])
def test_another_jsonschema_rs_gets_the_stand_in_or_else_the_real_email_utils(tmp_path, needs, expected):
    package = tmp_path / "jsonschema_rs"
    package.mkdir()
    (package / "__init__.py").write_text(
        f"import email.utils, sys\n{needs}\nUSED = 'stand-in' if email.utils.__spec__ is None else 'real'\n")
    program = ("import sys; from linter.support.jsonschemars import jsonschema_rs; module = jsonschema_rs(); "
               "import email; assert getattr(email, 'utils', None) is sys.modules.get('email.utils'); print(module.USED)")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join((str(tmp_path), ROOT))})
    assert done.stdout.strip() == expected, done.stderr


def test_jsonschema_rs_is_imported_as_it_is_while_another_thread_runs():
    """Another thread could import `email.utils` while the stand-in is there: no stand-in then."""
    program = """
import sys, threading
done = threading.Event()
threading.Thread(target=done.wait).start()
from linter.support.jsonschemars import jsonschema_rs
module = jsonschema_rs()
done.set()
print("email.utils" in sys.modules)
"""
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "True", done.stderr


def test_a_relint_from_the_cache_imports_neither_the_fast_path_nor_the_accelerators(news_dir):
    """Every file unchanged: the results come from the cache, and nothing that reads a file is
    imported (the fast path's patterns alone take milliseconds to compile)."""
    for day in range(1, 61):
        (news_dir / f"2021-04-{day % 28 + 1:02d}-story-{day}.md").write_text(
            ARTICLE.replace("ferry-night-service/", f"story-{day}/"))
    code = ("import sys; from linter.cli import main; status = main([sys.argv[1]]); "
            "print(status, sorted(m for m in ('linter.stages.fastpath', 'yaml_rs', 'jsonschema_rs', 'yaml') "
            "if m in sys.modules))")
    first, again = (subprocess.run([sys.executable, "-c", code, str(news_dir)], capture_output=True, text=True,
                                   cwd=news_dir.parent, env={**os.environ, "PYTHONPATH": ROOT}) for _ in range(2))
    first_imported = first.stdout.strip().splitlines()[-1]
    assert first_imported.startswith("0 ['jsonschema_rs', 'linter.stages.fastpath'"), first.stderr
    assert again.stdout.strip().splitlines()[-1] == "0 []", again.stderr


def test_jsonschema_rs_gets_its_build_time_from_the_stand_in_and_email_utils_still_imports_later():
    """jsonschema-rs imported without `email.utils` (support/jsonschemars.py): its build time is
    the datetime the real module gives, and the real module is there for a later import."""
    program = """
import sys
from linter.support.jsonschemars import jsonschema_rs
module = jsonschema_rs()
assert "email.utils" not in sys.modules and "socket" not in sys.modules, sorted(sys.modules)
assert module.validator_for({"type": "string"}).is_valid("x")
built = module.jsonschema_rs.__build__["info-time"]
import email.utils
assert email.utils.format_datetime(built) and callable(email.utils.getaddresses)
assert email.utils.parsedate_to_datetime(email.utils.format_datetime(built)) == built
from linter.support.jsonschemars import _parsedate_to_datetime
for text in ("Thu, 12 Nov 2026 07:50:16 +0000", "Thu, 12 Nov 2026 07:50:16 -0530", "12 Nov 2026 07:50:16 -0000"):
    assert _parsedate_to_datetime(text) == email.utils.parsedate_to_datetime(text), text
    assert repr(_parsedate_to_datetime(text)) == repr(email.utils.parsedate_to_datetime(text)), text
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
