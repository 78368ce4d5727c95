"""The progress bar: on a terminal for long runs only; never in pipes, CI logs or with
--no-progress; tqdm imported only when a bar is drawn; no bar (and no error) without tqdm."""
import io
import os
import subprocess
import sys

import pytest

from conftest import ARTICLE, ROOT
from linter.run import progress
from linter.cli import main


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_when_a_bar_is_wanted():
    assert progress.wanted(Terminal(), {}) is True
    assert progress.wanted(io.StringIO(), {}) is False                    # a pipe or a file
    assert progress.wanted(Terminal(), {"CI": "true"}) is False           # CI logs
    assert progress.wanted(Terminal(), {"CI": "1"}) is False
    assert progress.wanted(Terminal(), {"CI": "false"}) is True
    assert progress.wanted(Terminal(), {"TERM": "dumb"}) is False
    assert progress.wanted(Terminal(), {}, disabled=True) is False        # --no-progress
    assert progress.wanted(object(), {}) is False


def test_small_runs_never_import_tqdm(monkeypatch):
    monkeypatch.delitem(sys.modules, "tqdm", raising=False)
    bar = progress.Progress(Terminal(), min_files=50)
    bar.start(3)
    bar.advance()
    bar.close()
    assert "tqdm" not in sys.modules and bar.bar is None


def test_bar_is_drawn_and_erased_on_a_terminal():
    pytest.importorskip("tqdm")
    stream = Terminal()
    bar = progress.Progress(stream, min_files=2, delay=0)
    bar.start(4)
    for _ in range(4):
        bar.advance()
    bar.close()
    drawn = stream.getvalue()
    assert "/4 [" in drawn and "file/s" in drawn
    assert drawn.endswith("\r") and drawn.rstrip("\r").split("\r")[-1].strip() == ""  # erased: leave=False


def test_missing_tqdm_means_no_bar(monkeypatch):
    monkeypatch.setitem(sys.modules, "tqdm", None)  # import tqdm raises ImportError
    bar = progress.Progress(Terminal(), min_files=1, delay=0)
    bar.start(10)
    bar.advance()
    bar.close()
    assert bar.bar is None


def _tree(tmp_path, count):
    news = tmp_path / "_news"
    news.mkdir()
    for i in range(count):
        (news / f"{i:03d}.md").write_text(ARTICLE.replace("ferry-night-service/", f"s{i}/"))
    return news


def test_cli_draws_a_bar_on_a_terminal_only(tmp_path, monkeypatch, capsys):
    pytest.importorskip("tqdm")
    news = _tree(tmp_path, 60)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(progress, "DELAY", 0)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["--no-cache", str(news)]) == 0
    assert "/60 [" in terminal.getvalue()
    for args, env in ((["--no-progress"], {}), ([], {"CI": "true"})):
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        terminal = Terminal()
        monkeypatch.setattr("sys.stderr", terminal)
        assert main(["--no-cache", *args, str(news)]) == 0
        assert terminal.getvalue() == "", (args, env)
    assert "no problems found" in capsys.readouterr().out


def test_no_bar_when_standard_error_is_a_pipe(tmp_path):
    news = _tree(tmp_path, 60)
    env = {**{k: v for k, v in os.environ.items() if k != "CI"}, "PYTHONPATH": ROOT}
    done = subprocess.run([sys.executable, "-m", "linter", str(news)], capture_output=True, text=True,
                          cwd=tmp_path, env=env)  # its result cache beside the tree, not in the project
    assert done.returncode == 0 and done.stderr == ""
