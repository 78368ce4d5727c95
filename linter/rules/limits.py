"""LIM: resource limits that keep a hostile file from hanging or exhausting the run."""
from linter.rules import rule


@rule("LIM001", "too-many-values", stage=True)
def too_many_values():
    """The front matter expands to more values than `max-nodes` (default 100000).

    **What it does.** Stops building the record and reports the file. Raised by
    `linter/stages/parsed.py` for every dialect's parser (`linter/stages/parse.py`,
    `linter/stages/parse_toml.py`, `linter/stages/parse_json.py`).

    **Why it matters.** YAML aliases can expand exponentially ("billion laughs"): a few lines
    can describe billions of values and exhaust memory in every tool that reads them.

    **Fails**
    ```
    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    ...
    ```
    **Passes**: a record without aliases.
    """


@rule("LIM002", "too-deeply-nested", stage=True)
def too_deeply_nested():
    """The front matter is nested deeper than `max-depth` (default 100) levels.

    **What it does.** Reports the file instead of recursing. Raised by `linter/stages/parsed.py`
    for every dialect's parser (`linter/stages/parse.py`, `linter/stages/parse_toml.py`,
    `linter/stages/parse_json.py`).

    **Why it matters.** Deep nesting is never a real record and crashes recursive parsers.

    **Fails**: `a: [[[[[[ ... ]]]]]]` 500 levels deep. **Passes**: an article record (depth 4).
    """


@rule("LIM003", "front-matter-too-large", stage=True)
def front_matter_too_large():
    """The front matter is larger than `max-front-matter-bytes` (default 1 MiB).

    **What it does.** Reports the file at its opening `---` without parsing the block. The
    Markdown body does not count; whole files are bounded by `max-file-bytes` (FM008). Raised by
    `linter/stages/frontmatter.py` (`too_large`).

    **Why it matters.** A real record is a few kilobytes. Megabytes of YAML are a generated or
    corrupted file, and parsing them would make a pre-commit hook crawl.

    **Fails**: a front matter block of 2 MiB. **Passes**: an article record (about 5 KiB).
    """
