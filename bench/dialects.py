"""Benchmark: the same records in YAML, TOML and JSON front matter, each tree linted in its own
process (best of N); the TOML and JSON rows are ratios to the YAML row of the same run.

    python bench/dialects.py            # builds bench/out/dialects/{yaml,toml,json}/ and prints the table
    python bench/dialects.py --runs 5

The records are bench/run.py's 1x replica (the shared corpus, else generated ones), each written
again as TOML (`+++`, native dates, `[table]` and `[[array]]` sections, as Hugo writes it) and
as JSON (an indented object). XF001 is left out of every row: the corpus holds many versions of
each article, and its duplicates are not what this compares.
"""
import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, ROOT)

from run import OUT, PY, build_replicas, measure  # noqa: E402

DIALECTS = ("yaml", "toml", "json")


def toml_text(record: dict) -> str:
    """A record as TOML: plain keys first, then one section per table and per list of tables."""
    from linter.fix.edits import render_string
    from linter.stages.parsed import Timestamp

    def value(item) -> str:
        if isinstance(item, Timestamp):
            return str(item)  # the RFC 3339 form: a native TOML date-time (local when it has no offset)
        if isinstance(item, str):
            return render_string(item, '"', "toml")
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, (int, float)):
            return repr(item)
        if isinstance(item, list):
            return "[" + ", ".join(value(v) for v in item if v is not None) + "]"
        if isinstance(item, dict):
            return "{" + ", ".join(f"{key(k)} = {value(v)}" for k, v in item.items() if v is not None) + "}"
        raise TypeError(type(item))

    def key(name: str) -> str:
        return name if name and all(c.isascii() and (c.isalnum() or c in "_-") for c in name) else \
            render_string(name, '"', "toml")

    lines = []

    def table(prefix: str, data: dict):
        sections = []
        for name, item in data.items():
            if item is None:
                continue  # TOML has no null: the key is left out, as Hugo's writers do
            if isinstance(item, dict):
                sections.append((name, [item], False))
            elif isinstance(item, list) and item and all(isinstance(v, dict) for v in item):
                sections.append((name, item, True))
            else:
                lines.append(f"{key(name)} = {value(item)}")
        for name, entries, is_array in sections:
            header = f"{prefix}.{key(name)}" if prefix else key(name)
            for entry in entries:
                lines.append("")
                lines.append(f"[[{header}]]" if is_array else f"[{header}]")
                table(header, entry)

    table("", record)
    return "\n".join(lines) + "\n"


def convert(source_tree: str, target: str):
    """Write every record of `source_tree` in each dialect under `target`/<dialect>/."""
    from linter.config import LIMIT_DEFAULTS
    from linter.stages.frontmatter import Block, split
    from linter.stages.parse import parse_block

    for dialect in DIALECTS:
        shutil.rmtree(os.path.join(target, dialect), ignore_errors=True)
    for folder, _, names in os.walk(source_tree):
        for name in names:
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, source_tree)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            block = split(text)
            record = parse_block(block, LIMIT_DEFAULTS).record if isinstance(block, Block) else None
            if not isinstance(record, dict):
                continue
            body = text[block.offset + len(block.text):].split("\n", 1)[1] if "\n" in text[block.offset + len(block.text):] else ""
            versions = {"yaml": text, "toml": "+++\n" + toml_text(record) + "+++\n" + body,
                        "json": json.dumps(record, indent=2, ensure_ascii=False) + "\n" + body}
            for dialect, content in versions.items():
                out = os.path.join(target, dialect, relative)
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, "w", encoding="utf-8") as handle:
                    handle.write(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    one, _ = build_replicas()
    target = os.path.join(OUT, "dialects")
    if not os.path.isdir(os.path.join(target, "json")):
        convert(one, target)
    files = sum(len(names) for _, _, names in os.walk(os.path.join(target, "yaml")))
    times = {}
    for dialect in DIALECTS:
        command = [PY, "-m", "linter", "--no-cache", "--no-progress", "--jobs", "1", "--ignore", "XF001",
                   os.path.join(target, dialect)]
        times[dialect], _ = measure(command, args.runs)
    print(f"{files} records in each dialect, one process, no cache, best of {args.runs}")
    print(f"{'dialect':<8}{'seconds':>10}{'ratio to YAML':>16}")
    for dialect in DIALECTS:
        print(f"{dialect:<8}{times[dialect]:>10.3f}{times[dialect] / times['yaml']:>16.2f}")


if __name__ == "__main__":
    main()
