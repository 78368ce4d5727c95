"""The benchmark's own parts: the records it generates when ../shared/corpus is absent, and the
stage profile (bench/stages.py), which must keep naming the pipeline's real stages."""
import os
import subprocess
import sys

from conftest import ROOT

BENCH = os.path.join(ROOT, "bench")


def _generate(folder, count):
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {BENCH!r}); from generate import generate; "
                    f"generate({str(folder)!r}, {count})"], check=True)


def test_generated_records_are_clean_and_take_the_fast_path(tmp_path):
    _generate(tmp_path, 12)
    done = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json", str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    profile = subprocess.run([sys.executable, os.path.join(BENCH, "stages.py"), str(tmp_path)],
                             cwd=ROOT, capture_output=True, text=True)
    assert profile.returncode == 0, profile.stderr
    rows = {line[:44].strip(): line[44:].split() for line in profile.stdout.splitlines() if line[44:].strip()}
    assert rows["lint a file"][-1] == "12"
    # A benchmark of clean records measures the fast path: none takes the reference path.
    assert rows["yaml-rs"][-1] == rows["content rules"][-1] == "12"
    assert "reference path (PyYAML, jsonschema)" not in rows


def test_stage_profile_times_every_rule(tmp_path):
    _generate(tmp_path, 3)
    profile = subprocess.run([sys.executable, os.path.join(BENCH, "stages.py"), str(tmp_path), "--rules"],
                             cwd=ROOT, capture_output=True, text=True)
    assert profile.returncode == 0, profile.stderr
    from linter import rules
    listed = {line.split()[0] for line in profile.stdout.split("\ncontent rule ", 1)[1].splitlines()[1:] if line}
    assert listed == {rule.code for rule in rules.checks()}


def test_dialect_benchmark_records_say_the_same_in_toml_and_json(tmp_path):
    """bench/dialects.py writes each record again in TOML and JSON: the linter must find exactly
    the same in each (the benchmark compares the cost of one content)."""
    _generate(tmp_path / "records", 12)
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {BENCH!r}); from dialects import convert; "
                    f"convert({str(tmp_path / 'records')!r}, {str(tmp_path / 'out')!r})"], check=True, cwd=ROOT)
    results = {}
    for dialect in ("yaml", "toml", "json"):
        done = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--format", "json",
                               str(tmp_path / "out" / dialect)], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode in (0, 1), done.stderr
        import json
        results[dialect] = sorted((d["path"].split(dialect, 1)[1], d["code"], d["pointer"]) for d in json.loads(done.stdout))
    assert len(os.listdir(tmp_path / "out" / "toml")) > 0
    assert results["toml"] == results["yaml"] == results["json"]
