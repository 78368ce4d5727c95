"""Benchmark of schema inference (issue 19): `lint schema infer` over the 10x replica (24,370
records when built from ../shared/corpus) against a full lint of the same records, measured in
the same run, interleaved so both see the same machine load. Target: inference takes at most
twice a full lint (one process, no cache). Every figure is a whole-process wall time, best of N.

    python bench/infer.py [--runs 3]
"""
import argparse
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import PY, build_replicas, measure  # noqa: E402


def lint(*args):
    return [PY, "-m", "linter", "--quiet", *args]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    _, ten = build_replicas()
    records = sum(name.endswith(".md") for _, _, names in os.walk(ten) for name in names)
    with tempfile.TemporaryDirectory() as folder:
        output = os.path.join(folder, "inferred.schema.json")
        commands = {
            "full lint, one process, no cache": lint("--no-cache", "-j", "1", ten),
            "full lint as `lint path/` runs it (workers), no cache": lint("--no-cache", ten),
            "lint schema infer": [PY, "-m", "linter", "schema", "infer", ten, "-o", output],
        }
        times = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(measure(command, 1)[0])
    best = {name: min(values) for name, values in times.items()}
    baseline = best["full lint, one process, no cache"]
    print(f"\n{f'measurement ({records:,} records, 10x replica)':58} {'seconds':>8} {'ratio':>7} {'target':>7}  ok")
    for name, seconds in best.items():
        ratio = seconds / baseline
        target = 2.0 if name == "lint schema infer" else None
        verdict = "" if target is None else ("yes" if ratio <= target else "NO")
        print(f"{name:58} {seconds:8.3f} {ratio:7.2f} {'' if target is None else f'<={target:g}':>7}  {verdict}")


if __name__ == "__main__":
    main()
