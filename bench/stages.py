"""Where the time goes: the profile behind the benchmark's unmet targets.

Runs the real `lint` in this process on a tree (default: the 10x replica, one process, no
cache) with a timer around each stage of the pipeline, and prints each stage's time a file:
in all, and its own (less the stages inside it). FLOOR's time a file, measured beside it in a
subprocess, gives the budget a target leaves.

    python bench/stages.py                 # the 10x replica (bench/run.py builds it)
    python bench/stages.py bench/out/x1 --rules   # and each content rule's time

Each timer costs a fraction of a µs a call (printed below the table), left out of the
enclosing stage's own time; a stage's total still holds its own timer (with --rules, the
content rules' total holds 31 more). FLOOR runs first, best of 3 after a warm-up, which also
brings the files into the page cache: the lint is timed warm.
"""
import argparse
import collections
import importlib
import io
import os
import sys
from contextlib import redirect_stdout
from time import perf_counter_ns

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

# (label, module, function, enclosing stage): the pipeline's stages as the code names them.
# Wrapping the name a caller looks up (`linter.run.runner.lint_file`, not `linter.pipeline.lint_file`)
# times every call the pipeline makes.
STAGES = (
    ("discover: walk the tree", "linter.run.runner", "collect_files", None),
    ("lint a file", "linter.run.runner", "lint_file", None),
    ("read", "linter.pipeline", "read_bytes", "lint a file"),
    ("decode", "linter.pipeline", "decode", "lint a file"),
    ("split the front matter", "linter.pipeline", "split_file", "lint a file"),
    ("site: which Jekyll site", "linter.pipeline", "site_of", "lint a file"),
    ("fast path", "linter.pipeline", "_screen", "lint a file"),
    ("parse", "linter.stages.fastpath", "load", "fast path"),
    ("site: _config.yml defaults", "linter.pipeline", "_with_defaults", "fast path"),
    ("YAML 1.1/1.2 ambiguity screen", "linter.stages.fastpath", "ambiguous", "parse"),
    ("nesting depth", "linter.stages.fastpath", "nesting_bound", "parse"),
    ("yaml-rs", "yaml_rs", "loads", "parse"),
    ("which schema", "linter.pipeline", "_schema_name", "fast path"),
    ("import jsonschema-rs", "linter.support.jsonschemars", "jsonschema_rs", "fast path"),
    ("jsonschema-rs", "linter.stages.fastpath", "is_valid", "fast path"),
    ("content rules", "linter.pipeline", "_run_rules", "fast path"),
    ("site: files records name", "linter.rules.assets", "_site_files", "content rules"),
    ("import imagesize", "linter.support.imagesizes", "imagesize", "site: files records name"),
    ("cross-file index entries", "linter.rules.crossfile", "collect", "fast path"),
    ("reference path (PyYAML, jsonschema)", "linter.stages.parse", "parse_block", "lint a file"),
    ("cross-file findings", "linter.run.runner", "_cross_file", None),
    ("report", "linter.output.report", "write_report", None),
)


def _timed(function, cell):
    """`function`, adding its nanoseconds and calls to `cell` ([ns, calls])."""
    def timed(*args, **kwargs):
        start = perf_counter_ns()
        try:
            return function(*args, **kwargs)
        finally:
            cell[0] += perf_counter_ns() - start
            cell[1] += 1
    return timed


def _install(cells, per_rule: bool):
    for label, module_name, name, _ in STAGES:
        module = importlib.import_module(module_name)
        setattr(module, name, _timed(getattr(module, name), cells[label]))
    if per_rule:
        from linter import rules
        for rule in rules.checks():
            rule.check = _timed(rule.check, cells[rule.code])


def _timer_cost() -> float:
    """µs a wrapped call adds, measured on a function that does nothing."""
    def nothing():
        return None
    timed = _timed(nothing, [0, 0])
    best = None
    for _ in range(5):
        start = perf_counter_ns()
        for _ in range(20_000):
            timed()
        middle = perf_counter_ns()
        for _ in range(20_000):
            nothing()
        cost = ((middle - start) - (perf_counter_ns() - middle)) / 20_000 / 1e3
        best = cost if best is None else min(best, cost)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", nargs="?", default=os.path.join(HERE, "out", "x10"))
    parser.add_argument("--rules", action="store_true", help="time each content rule too")
    args = parser.parse_args()
    if not os.path.isdir(args.tree):
        sys.exit(f"{args.tree}: no such folder (python bench/run.py builds the replicas)")
    sys.path.insert(0, HERE)
    from run import measure  # bench/run.py: best of N whole processes, after a warm-up run
    floor, _ = measure([sys.executable, os.path.join(HERE, "floor.py"), os.path.abspath(args.tree)], 3)

    cells = collections.defaultdict(lambda: [0, 0])
    _install(cells, args.rules)
    from linter.cli import main as lint_main
    start = perf_counter_ns()
    with redirect_stdout(io.StringIO()):
        lint_main(["--quiet", "--no-cache", "-j", "1", args.tree])
    whole = perf_counter_ns() - start
    timer = _timer_cost()
    totals = {label: ns for label, (ns, _) in cells.items()}
    calls = {label: count for label, (_, count) in cells.items()}
    files = calls.get("lint a file") or 1

    children = collections.defaultdict(list)
    for label, _, _, parent in STAGES:
        children[parent].append(label)

    def per_file(ns):
        return ns / files / 1e3
    print(f"{files} files; in process, one worker, no cache: {per_file(whole):.1f} µs a file "
          f"(FLOOR: {floor / files * 1e6:.1f} µs a file as a whole process; 0.5 x FLOOR = "
          f"{floor / files * 1e6 / 2:.1f})\n")
    print(f"{'stage':44} {'µs/file':>8} {'own':>7} {'calls':>7}")

    def show(label, depth):
        # The timers around the stages inside it run in this stage's time: taken out.
        # With --rules, the content rules' timers hold every stage inside them.
        inside = rule_codes if label == "content rules" and rule_codes else children[label]
        own = totals.get(label, 0) - sum(totals.get(c, 0) + calls.get(c, 0) * timer * 1e3 for c in inside)
        print(f"{'  ' * depth + label:44} {per_file(totals.get(label, 0)):8.1f} {per_file(own):7.1f} "
              f"{calls.get(label, 0):7d}")
        for child in children[label]:
            if calls.get(child):
                show(child, depth + 1)

    from linter import rules
    rule_codes = [rule.code for rule in rules.checks()] if args.rules else []
    for label in children[None]:
        show(label, 0)
    outside = whole - sum(totals.get(label, 0) for label in children[None])
    print(f"{'the rest: options, settings, the run loop':44} {per_file(outside):8.1f}")
    print(f"\ntimers: ~{timer:.2f} µs a call; \"own\" leaves out those of the stages inside")
    if args.rules:
        print(f"\n{'content rule':44} {'µs/file':>8}")
        for rule in sorted(rules.checks(), key=lambda r: -totals.get(r.code, 0)):
            print(f"{rule.code + ' ' + rule.name:44} {per_file(totals.get(rule.code, 0)):8.2f}")


if __name__ == "__main__":
    main()
