"""Benchmark: every figure is a whole-process wall time, best of N runs, and every target is a
ratio against a baseline measured in the same run (FLOOR: read + split + CSafeLoader load).

    python bench/run.py            # builds bench/out/ replicas (1x and 10x) and prints the table
    python bench/run.py --runs 5

Records come from ../shared/corpus/news-history when present, else from bench/generate.py.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "news-history")
PY = sys.executable


def build_replicas():
    one, ten = os.path.join(OUT, "x1"), os.path.join(OUT, "x10")
    if os.path.isdir(ten) and os.path.isdir(one):
        return one, ten
    shutil.rmtree(OUT, ignore_errors=True)
    if os.path.isdir(CORPUS):
        shutil.copytree(CORPUS, one)
        source = "shared corpus (2,437 real records)"
    else:
        sys.path.insert(0, HERE)
        from generate import generate
        generate(one)
        source = "generated records (bench/generate.py)"
    for copy in range(10):
        shutil.copytree(one, os.path.join(ten, f"c{copy}"))
    print(f"replicas built from {source}")
    return one, ten


# As installed by pip, which compiles every module to bytecode: a source checkout run with
# PYTHONDONTWRITEBYTECODE set would recompile the whole package in every process measured.
BENCH_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def measure(command, runs, cwd=ROOT, env=None):
    """Best wall time and the peak RSS (KiB) of that process, over `runs` runs after one warm-up
    (bytecode written, files in the page cache)."""
    env = BENCH_ENV if env is None else {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best, peak = None, 0
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(command)} failed with {process.returncode}: {process.stderr.read().decode()}")
        best = elapsed if best is None else min(best, elapsed)
        peak = max(peak, usage.ru_maxrss)
    return best, peak


CONSOLE_SCRIPT = [PY, "-c", "import sys; from linter.cli import main; sys.exit(main())"]


def lint(*args):
    return [PY, "-m", "linter", "--quiet", *args]


def same_results(tree):
    """Workers must give exactly the single-process output."""
    outputs = []
    for jobs in ("1", "2"):
        done = subprocess.run(lint("--no-cache", "--format", "json", "-j", jobs, tree), cwd=ROOT,
                              capture_output=True, text=True)
        outputs.append(json.loads(done.stdout))
    return outputs[0] == outputs[1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    one, ten = build_replicas()
    runs = args.runs
    one_file = next(os.path.join(d, f) for d, _, fs in os.walk(one) for f in fs if f.endswith(".md"))
    env_nocache = dict(os.environ)
    rows = []

    bare, _ = measure([PY, "-c", "pass"], max(runs, 5))
    floor1, _ = measure([PY, os.path.join(HERE, "floor.py"), one], runs)
    floor10, _ = measure([PY, os.path.join(HERE, "floor.py"), ten], runs)
    split1, _ = measure([PY, os.path.join(HERE, "floor.py"), "--no-parse", one], runs)
    # Lower bounds of this design (no screen, no rules, no report): what the unmet targets are up against.
    accelerators1, _ = measure([PY, os.path.join(HERE, "floor.py"), "--accelerators", one], runs)
    accelerators10, _ = measure([PY, os.path.join(HERE, "floor.py"), "--accelerators", ten], runs)
    imports, _ = measure([PY, "-c", "import re, argparse, json, yaml_rs, jsonschema_rs"], max(runs, 5))
    lint1, mem1 = measure(lint("--no-cache", "-j", "1", one), runs)
    lint10, mem10 = measure(lint("--no-cache", "-j", "1", ten), runs)
    lint10j, _ = measure(lint("--no-cache", "-j", "2", ten), runs)
    lint1auto, _ = measure(lint("--no-cache", one), runs)  # as `lint path/` runs: workers chosen for it
    subprocess.run(lint(one), cwd=ROOT, stdout=subprocess.DEVNULL)  # warm the cache
    cached1, _ = measure(lint(one), runs)
    # As pre-commit runs the hook: the `lint` console script, which is `sys.exit(main())`.
    single, _ = measure(CONSOLE_SCRIPT + ["--no-cache", one_file], max(runs, 5), env=env_nocache)
    reference1, _ = measure(lint("--no-cache", "--no-fast-path", "-j", "1", one), 1)

    rows.append(("bare interpreter start-up", bare, None, None))
    rows.append(("FLOOR 1x: read + split + CSafeLoader load", floor1, 1.0, None))
    rows.append(("FLOOR 10x", floor10, floor10 / floor1, None))
    rows.append(("read + split only, 1x", split1, split1 / floor1, None))
    rows.append(("   walk + read + split + yaml-rs + jsonschema-rs only, 1x", accelerators1,
                 accelerators1 / floor1, None))
    rows.append(("   walk + read + split + yaml-rs + jsonschema-rs only, 10x", accelerators10,
                 accelerators10 / floor10, None))
    rows.append(("1. full lint 1x, one process, no cache", lint1, lint1 / floor1, 0.5))
    rows.append(("1. full lint 10x, one process, no cache", lint10, lint10 / floor10, 0.5))
    rows.append(("2. full lint 10x, 2 workers", lint10j, lint10j / floor10, 0.3))
    rows.append(("   full lint 1x, default --jobs (automatic)", lint1auto, lint1auto / floor1, None))
    rows.append(("3. re-lint 1x, unchanged, cache", cached1, cached1 / floor1, 0.25))
    rows.append(("4. one file (pre-commit), vs bare start-up", single, single / bare, 3.0))
    rows.append(("   import re, argparse, json, yaml_rs, jsonschema_rs only", imports, imports / bare, None))
    rows.append(("   reference path only (PyYAML + jsonschema), 1x", reference1, reference1 / floor1, None))

    checker = shutil.which("check-jsonschema")
    if checker:
        extracted = os.path.join(OUT, "extracted")
        if not os.path.isdir(extracted):
            _extract(one, extracted)
        files = sorted(os.path.join(extracted, f) for f in os.listdir(extracted))
        schema = os.path.join(ROOT, "schema", "article.schema.json")
        cj, _ = measure([checker, "--schemafile", schema, *files], 1)
        rows.append(("check-jsonschema 1x (schema only, YAML pre-extracted)", cj, cj / floor1, None))
        rows.append(("6. check-jsonschema time / full lint time", cj, cj / lint1, 10.0))

    print(f"\n{'measurement':58} {'seconds':>8} {'ratio':>7} {'target':>7}  ok")
    for name, seconds, ratio, target in rows:
        ratio_text = f"{ratio:7.2f}" if ratio is not None else " " * 7
        if target is None:
            verdict, target_text = "", ""
        elif name.startswith("6."):
            verdict, target_text = ("yes" if ratio >= target else "NO"), f">={target:g}"
        else:
            verdict, target_text = ("yes" if ratio <= target else "NO"), f"<={target:g}"
        print(f"{name:58} {seconds:8.3f} {ratio_text} {target_text:>7}  {verdict}")
    growth = mem10 / mem1
    print(f"{'5. peak memory 10x / 1x (KiB: %d / %d)' % (mem10, mem1):58} {'':8} {growth:7.2f} {'<=1.5':>7}  "
          f"{'yes' if growth <= 1.5 else 'NO'}")
    print(f"{'   linear growth: lint 10x / lint 1x':58} {'':8} {lint10 / lint1:7.2f}")
    print(f"{'   workers give the one-process output':58} {'':8} {'':7} {'':7}  {'yes' if same_results(one) else 'NO'}")


def _extract(tree, target):
    os.makedirs(target)
    count = 0
    for folder, _, names in os.walk(tree):
        for name in names:
            if name.endswith(".md"):
                text = open(os.path.join(folder, name), encoding="utf-8").read()
                block = text.split("\n---", 1)[0][4:] if text.startswith("---\n") else ""
                with open(os.path.join(target, f"{count:05d}.yaml"), "w", encoding="utf-8") as handle:
                    handle.write(block)
                count += 1


if __name__ == "__main__":
    main()
