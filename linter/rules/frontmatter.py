"""FM: finding and reading the front matter block."""
from linter.rules import rule


@rule("FM001", "missing-front-matter", stage=True)
def missing_front_matter():
    """A file that a schema applies to has no front matter.

    **What it does.** Reports a file mapped to a schema (for example under `_news/`, or named on
    the command line with `--schema`) whose first line is not `---`. An empty file in a Hugo
    site is not reported: Hugo builds it as a page without settings (an empty `_index.md`
    declares a section). Raised by `linter/stages/frontmatter.py` (`missing`).

    **Why it matters.** Jekyll copies a file without front matter as a static file: the record
    silently disappears from the site. Hugo builds it as a page with no title, date or
    settings.

    **Fails**
    ```
    # MIT researchers warn ...
    ```
    **Passes**
    ```
    ---
    title: "MIT researchers warn ..."
    ---
    ```
    """


@rule("FM002", "unterminated-front-matter", stage=True)
def unterminated_front_matter():
    """The front matter block opens with `---` but never closes.

    **What it does.** Reports a file whose first line is `---` with no later line that is `---` or `...`.
    Raised by `linter/stages/frontmatter.py` (`split`).

    **Why it matters.** The whole file would be read as YAML, or the site generator ignores the block.

    **Fails**
    ```
    ---
    title: Hello
    Body text
    ```
    **Passes**
    ```
    ---
    title: Hello
    ---
    Body text
    ```
    """


@rule("FM003", "front-matter-not-at-start", stage=True)
def front_matter_not_at_start():
    """A front matter block that does not start on line 1.

    **What it does.** Reports a `---` block preceded by blank lines (or, in a file that must have
    front matter, by a comment or a line of text), in files a schema is due for by their path:
    a configured mapping, or a `_news/` folder. Elsewhere the file is taken to have no front
    matter: a page with no schema is not the linter's to judge. In a Hugo site a block after
    blank lines is front matter, read and checked as Hugo reads it (Hugo skips blank lines
    before a block; text or a comment before it is still FM003 where a schema is due).
    Raised by `linter/stages/frontmatter.py` (`split`, `split_file`, `missing`).

    **Why it matters.** Jekyll recognises front matter only on the very first line; anything
    else is rendered as Markdown (a horizontal rule and stray text).

    **Fails**
    ```

    ---
    title: Hello
    ---
    ```
    **Passes**
    ```
    ---
    title: Hello
    ---
    ```
    """


@rule("FM004", "empty-front-matter", stage=True)
def empty_front_matter():
    """Retired: an empty front matter block is not reported.

    **What it does.** Nothing: the code is kept so configurations and suppressions that name it
    stay valid. `---` followed by `---` is Jekyll's way of saying "process this file" (feeds,
    stylesheets, index pages). Where a schema applies, the empty record is validated like any
    other and the schema's findings (SCH002) name each missing key; where none applies, an empty
    block is not a defect.

    **Why it matters.** A linter that greets a new site with a false error is uninstalled.

    **Fails**: nothing. **Passes**
    ```
    ---
    ---
    ```
    """


@rule("FM005", "front-matter-not-mapping", stage=True)
def front_matter_not_mapping():
    """The front matter is YAML but not a mapping of keys to values.

    **What it does.** Reports a block whose top level is a list or a lone scalar. Raised by
    `linter/pipeline.py`.

    **Why it matters.** Every field of a record is looked up by key; a list or string has none.

    **Fails**
    ```
    ---
    - title: Hello
    ---
    ```
    **Passes**
    ```
    ---
    title: Hello
    ---
    ```
    """


@rule("FM006", "invalid-encoding", stage=True)
def invalid_encoding():
    """The file is not UTF-8 text.

    **What it does.** Reports invalid UTF-8 at the first bad byte, NUL bytes (binary files), and
    UTF-16/UTF-32 files. A UTF-8 byte-order mark is accepted. Only for files that open with a
    `---` line or that a schema is due for by their path: a Latin-1 HTML page with no front
    matter is not a front-matter defect. Raised by `linter/stages/read.py` (`decode`).

    **Why it matters.** Jekyll and most static site generators read front matter as UTF-8; a
    stray Latin-1 byte breaks the build or garbles the title.

    **Fails**: a title containing the byte `0xE9` (Latin-1 `é`).

    **Passes**: the same title saved as UTF-8 (`0xC3 0xA9`).
    """


@rule("FM007", "unreadable-file", stage=True)
def unreadable_file():
    """A file or directory could not be read.

    **What it does.** Reports permission errors, files that vanished during the run, broken
    symlinks and unreadable directories. The run goes on with the other files. Raised by
    `linter/stages/read.py` (`read_bytes`), and for a folder discovery cannot list by
    `linter/run/runner.py`.

    **Why it matters.** A file the linter cannot read is a file nobody checked.

    **Fails**: `chmod 000 _news/a.md`.

    **Passes**: a readable file.
    """


@rule("FM008", "file-too-large", stage=True)
def file_too_large():
    """A file is larger than the `max-file-bytes` limit (default 10 MiB).

    **What it does.** Skips the file with this diagnostic instead of reading it whole. Only for
    files that open with a `---` line or that a schema is due for by their path; other large
    pages are skipped silently. Raised by `linter/stages/read.py` (`read_bytes`).

    **Why it matters.** A content record is a few kilobytes; a huge file is usually a mistake
    (a video committed as `.md`) and would slow every run.

    **Fails**: a 50 MB `.md` file. **Passes**: a 5 kB record.
    """
