"""FLOOR for the benchmark: walk the tree, read every file, split the front matter and
`yaml.load(..., CSafeLoader)` it. `--no-parse` stops after the split."""
import os
import re
import sys

import yaml

CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)


def main(argv):
    parse = "--no-parse" not in argv
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
            if parse:
                yaml.load(text[start:match.start()], Loader=yaml.CSafeLoader)
            count += 1
    print(count)


if __name__ == "__main__":
    main(sys.argv[1:])
