"""YML: YAML syntax and data-model problems in the front matter."""
from linter.rules import rule


@rule("YML001", "yaml-syntax-error", stage=True)
def yaml_syntax_error():
    """The front matter is not valid YAML.

    **What it does.** Reports the parser's error at its line and column in the Markdown file.
    Raised by `linter/stages/parse.py`.

    **Why it matters.** The site generator fails or drops the record.

    **Fails**
    ```
    title: "unclosed
    ```
    **Passes**
    ```
    title: "closed"
    ```
    """


@rule("YML002", "duplicate-key", stage=True)
def duplicate_key():
    """The same key appears twice in one mapping.

    **What it does.** Reports the second occurrence and names the line of the first. Raised by
    `linter/stages/parse.py`.

    **Why it matters.** YAML parsers silently keep the last value, so one of the two edits is
    lost without a word.

    **Fails**
    ```
    title: First
    title: Second
    ```
    **Passes**
    ```
    title: Second
    ```
    """


@rule("YML003", "invalid-scalar", stage=True, supersedes=("format",))
def invalid_scalar():
    """A value looks like a typed YAML scalar but is not a valid one.

    **What it does.** Reports unquoted values that YAML resolves to a type and then cannot
    construct, such as a timestamp with month 13. Raised by `linter/stages/parse.py`.

    **Why it matters.** The parser fails on the whole file (PyYAML raises), or another parser
    reads a string where a date was meant.

    **Fails**
    ```
    publishedDateTime: 2020-13-45T25:61:00Z
    ```
    **Passes**
    ```
    publishedDateTime: 2020-12-15T21:01:00Z
    ```
    """


@rule("YML004", "unsafe-tag", stage=True)
def unsafe_tag():
    """A YAML tag other than the plain data types, or a recursive alias.

    **What it does.** Reports `!!python/object`, `!!binary`, custom `!tags` and aliases that
    contain themselves. Nothing is ever constructed from such a tag. Raised by
    `linter/stages/parse.py`.

    **Why it matters.** Records must be plain data; some YAML loaders execute code for such
    tags, and other tools cannot read them.

    **Fails**
    ```
    title: !!python/object/apply:os.system ["rm -rf /"]
    ```
    **Passes**
    ```
    title: "plain text"
    ```
    """


@rule("YML005", "invalid-key", stage=True)
def invalid_key():
    """A mapping key that is a list or mapping, or a bad merge key.

    **What it does.** Reports complex keys (`? [a, b]`) and `<<` merges of non-mappings. Raised by
    `linter/stages/parse.py`.

    **Why it matters.** JSON, and therefore the schema and every consumer, only has string keys.

    **Fails**
    ```
    ? [a, b]
    : value
    ```
    **Passes**
    ```
    a: value
    ```
    """
