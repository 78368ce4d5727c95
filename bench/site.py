"""Benchmark of the site checks (issue 17): `_config.yml` defaults, references, uniqueness and
local images, on the real site ../shared/corpus/power-apps. Every figure is a whole-process wall
time, best of N runs; the target is a ratio against the same lint with the site checks turned
off (`jekyll-config = false`, REF and AST ignored), measured in the same run: the two are run
in turn, and the ratio is the median of each pair's (on this shared machine the best of each
side alone moves by ±4% from run to run; the median of pairs by about half that).

    python bench/site.py [--runs 5]
"""
import argparse
import os
import statistics
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run import PY, ROOT, measure  # noqa: E402

SITE = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "power-apps")


def lint(*args):
    return [PY, "-m", "linter", "--quiet", *args]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.isdir(SITE):
        raise SystemExit(f"{SITE} is absent")
    with tempfile.TemporaryDirectory() as folder:
        off = os.path.join(folder, "site-off.toml")
        with open(off, "w") as handle:
            handle.write('jekyll-config = false\nignore = ["REF", "AST"]\n')
        news = sorted(os.listdir(os.path.join(SITE, "_news")))[0]
        one = os.path.join(SITE, "_news", news)
        rows = []
        for name, extra in (("full lint, one process", ["-j", "1"]), ("full lint, default --jobs", [])):
            # Interleaved, so both sides see the same machine load.
            on_times, off_times = [], []
            for _ in range(args.runs):
                on_times.append(measure(lint("--no-cache", *extra, SITE), 1)[0])
                off_times.append(measure(lint("--no-cache", "--config", off, *extra, SITE), 1)[0])
            on, without = min(on_times), min(off_times)
            ratio = statistics.median(a / b for a, b in zip(on_times, off_times))
            rows.append((f"{name}, site checks on", on, ratio, 1.10))
            rows.append((f"{name}, site checks off", without, 1.0, None))
        # Re-lint of the unchanged site from the result cache (each side warms its own cache).
        on = measure(lint(SITE), args.runs)[0]
        without = measure(lint("--config", off, SITE), args.runs)[0]
        rows.append(("re-lint from the cache, site checks on", on, on / without, 1.10))
        rows.append(("re-lint from the cache, site checks off", without, 1.0, None))
        # One file as pre-commit names it: its site is indexed whole (from the cache once warm).
        warm = measure(lint(one), args.runs, cwd=SITE)[0]
        alone = measure(lint("--config", off, one), args.runs, cwd=SITE)[0]
        rows.append(("one file of the site, cache warm, site checks on", warm, warm / alone, None))
        rows.append(("one file of the site, site checks off", alone, 1.0, None))
    print(f"\n{'measurement (power-apps, 789 files)':58} {'seconds':>8} {'ratio':>7} {'target':>7}  ok")
    for name, seconds, ratio, target in rows:
        verdict = "" if target is None else ("yes" if ratio <= target else "NO")
        target_text = "" if target is None else f"<={target:g}"
        print(f"{name:58} {seconds:8.3f} {ratio:7.2f} {target_text:>7}  {verdict}")


if __name__ == "__main__":
    main()
