"""FLOOR for the benchmark: walk the tree, read every file, split the front matter and
`yaml.load(..., CSafeLoader)` it. `--no-parse` stops after the split.

`--accelerators` is not FLOOR but a lower bound for the linter's design: the same walk, read and
split, then yaml-rs parses each block and jsonschema-rs validates it against the built-in schema
(formats not checked). No screen, no rules, no positions: what any lint built on these two
libraries pays before it does its own work."""
import os
import re
import sys

CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "schema")


def _parser(argv):
    if "--no-parse" in argv:
        return None
    if "--accelerators" in argv:
        import json

        import jsonschema_rs
        import yaml_rs
        sys.path.insert(0, ROOT)
        from linter.schemas.bundle import bundled  # the shared shapes copied in, as the linter loads it
        with open(os.path.join(SCHEMAS, "article.schema.json"), encoding="utf-8") as handle:
            validator = jsonschema_rs.validator_for(bundled(json.load(handle), SCHEMAS), validate_formats=False)
        return lambda text: validator.is_valid(yaml_rs.loads(text, parse_datetime=False))
    import yaml
    return lambda text: yaml.load(text, Loader=yaml.CSafeLoader)


def main(argv):
    parse = _parser(argv)
    top = [a for a in argv if not a.startswith("--")][0]
    count = 0
    for folder, _, names in os.walk(top):
        for name in names:
            if not name.endswith(".md"):
                continue
            with open(os.path.join(folder, name), "rb") as handle:
                text = handle.read().decode("utf-8")
            if not text.startswith("---"):
                continue
            start = text.find("\n") + 1
            match = CLOSING.search(text, start)
            if match is None:
                continue
            if parse is not None:
                parse(text[start:match.start()])
            count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1:])
