"""SCH: validation of the record against its JSON Schema."""
from linter.rules import rule


@rule("SCH000", "schema-not-found", stage=True)
def schema_not_found():
    """The schema named by the record's `$schema` key cannot be loaded.

    **What it does.** Reports the `$schema` value when the file does not exist, lies outside the
    repository (after symlinks are resolved), is not a regular file (a pipe, a device, a folder),
    is larger than `max-file-bytes`, does not parse, or is not a usable JSON Schema: an invalid
    keyword value, a top level that is not an object or a boolean, a `$ref` that cannot be
    resolved or that leads back to itself, a `pattern` RE2 cannot match in linear time. The
    message names the JSON pointer inside the schema. Paths are relative to the Markdown file.
    Raised by `linter/pipeline.py` (`_schema_name`, `_check_record`); the checks are in
    `linter/support/namedfiles.py` and `linter/schemas/check.py`.

    **Why it matters.** A record that names a schema nobody can read is checked by nothing, and
    records come from pull requests: a record must not make the linter read files outside the
    repository or stall on `/dev/zero`. A broken schema given on the command line or in the
    configuration is not this finding: the run stops with exit code 2.

    **Fails**
    ```
    $schema: ../schemas/missing.json
    ```
    **Passes**
    ```
    $schema: ../schemas/article.schema.json
    ```
    """


@rule("SCH001", "unknown-key", stage=True)
def unknown_key():
    """A key the schema does not define.

    **What it does.** Reports each key not in the schema's `properties`, at the key, with the
    closest known key as a suggestion. Raised by `linter/stages/validate.py`
    (`findings_for_error`).

    **Why it matters.** A typo such as `tittle:` passes every other check, and the site then
    renders a record with no title.

    **Fails**
    ```
    tittle: "Hello"
    ```
    **Passes**
    ```
    title: "Hello"
    ```
    """


@rule("SCH002", "missing-key", stage=True)
def missing_key():
    """A required key is missing.

    **What it does.** Reports the missing key at the key of the mapping that should hold it, or
    at the opening `---` for top-level keys. Where one of several keys is required (`webUrl` or
    `originalUrl`), one finding lists them. Raised by `linter/stages/validate.py`
    (`findings_for_error`).

    **Why it matters.** Templates and the pipeline read these fields unconditionally.

    **Fails**
    ```
    provider:
      name: VentureBeat
    ```
    **Passes**
    ```
    provider:
      name: VentureBeat
      domain: venturebeat.com
    ```
    """


@rule("SCH003", "wrong-type", stage=True)
def wrong_type():
    """A value has the wrong type.

    **What it does.** Reports the value, the expected type and the type YAML gave it.
    Raised by `linter/stages/validate.py` (`findings_for_error`).

    **Why it matters.** YAML types are implicit: `quality: "89"` is a string, `title: 2021` an
    integer. Consumers sort, compare and template these fields by type.

    **Fails**
    ```
    quality: "89"
    ```
    **Passes**
    ```
    quality: 89
    ```
    """


@rule("SCH004", "invalid-value", stage=True)
def invalid_value():
    """A value is of the right type but outside what the schema allows.

    **What it does.** Reports enum, bounds, length, pattern and item-count violations, with a
    suggestion for near-miss enum values. Raised by `linter/stages/validate.py`
    (`findings_for_error`).

    **Why it matters.** `type: artcle` or `heat: -5` break the templates that switch on them.

    **Fails**
    ```
    type: artcle
    ```
    **Passes**
    ```
    type: article
    ```
    """


@rule("SCH005", "invalid-format", stage=True)
def invalid_format():
    """A string does not have its declared format (`date-time`, `uri`).

    **What it does.** Checks RFC 3339 date-times and absolute URIs without any network access
    (`linter/schemas/formats.py`). A more specific finding of the URL or date rules at the same
    value replaces this one. Raised by `linter/stages/validate.py` (`findings_for_error`).

    **Why it matters.** Feeds, sitemaps and sorting parse these strings.

    **Fails**
    ```
    publishedDateTime: "15/07/2020"
    ```
    **Passes**
    ```
    publishedDateTime: 2020-07-15T21:05:00Z
    ```
    """
