"""LNT: findings about the linter's own operation: suppressions and internal errors."""
from linter.rules import rule


@rule("LNT001", "unused-suppression", "warning", stage=True)
def unused_suppression():
    """A `# lint: disable=` comment that suppresses nothing.

    **What it does.** Reports each code in a `disable` or `disable-file` comment for which no
    finding was suppressed. Raised by `linter/stages/suppress.py` (`unused`).

    **Why it matters.** Stale suppressions hide the next real problem on that line.

    **Fails**
    ```
    title: "Fine"  # lint: disable=SCH003
    ```
    **Passes**
    ```
    quality: "89"  # lint: disable=SCH003
    ```
    """


@rule("LNT002", "internal-error", stage=True)
def internal_error():
    """The linter failed on this file: a bug in the linter, not in the file.

    **What it does.** Reports the exception and goes on with the other files; the run exits 2.
    Raised by `linter/pipeline.py`.

    **Why it matters.** One bad rule must never lose a whole run. Please report it.

    **Fails**: never, ideally. **Passes**: every other file.
    """


@rule("LNT003", "invalid-suppression", "warning", stage=True)
def invalid_suppression():
    """A `# lint:` comment that names an unknown rule or is malformed.

    **What it does.** Reports the comment. Raised by `linter/stages/suppress.py`
    (`find_suppressions`).

    **Why it matters.** A typo in a suppression silently suppresses nothing.

    **Fails**
    ```
    title: x  # lint: disable=SCH999
    ```
    **Passes**
    ```
    title: x  # lint: disable=SCH003
    ```
    """
