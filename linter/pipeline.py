"""The pipeline for one file: read → split → parse → record → schema → rules → suppressions.

Each stage lives in its own module; this one only sequences them, places findings in the file
and applies per-file settings. Nothing here raises for any input: an unexpected exception in a
stage or rule becomes an LNT002 internal-error diagnostic for that file.
"""
from __future__ import annotations

import os
from typing import NamedTuple

from linter import rules as rule_registry
from linter.config import Settings
from linter.model.diagnostics import Diagnostic
from linter.model.findings import Finding, StageProblem
from linter.stages.frontmatter import FRONT_MATTER_NOT_AT_START, YAML, Block, SplitProblem, missing, split_file, too_large
from linter.stages.dialects import DIALECTS
from linter.stages.read import (FILE_TOO_LARGE, ReadProblem, Source, decode, may_hold_front_matter, read_bytes, read_head,
                                file_too_large)
from linter.model.records import Record
from linter.support.namedfiles import content_roots
from linter.site.defaults import Merged, merge_under, only_known
from linter.site.root import empty_hugo_page, site_at, site_of
from linter.schemas.loader import BUILTIN_NAMES, SchemaError, builtin_named
from linter.schemas.reader import top_level_keys
from linter.model import pointers
from linter.stages import suppress
from linter.rules import crossfile

# The codes raised here, where the stages' results meet (documented in linter/rules/frontmatter.py,
# schema.py and meta.py).
FRONT_MATTER_NOT_MAPPING = "FM005"
SCHEMA_NOT_FOUND = "SCH000"
INTERNAL_ERROR = "LNT002"


class FileResult(Record):
    __slots__ = _fields = ("display", "path", "diagnostics", "index", "internal_error", "checked", "suppressions",
                           "digest", "from_stdin", "source", "depends")

    def __init__(self, display: str, path: str = "", diagnostics: list[Diagnostic] | None = None,
                 index: list | None = None, internal_error: bool = False, checked: bool = False,
                 suppressions: list | None = None, digest: bytes | None = None, from_stdin: bool = False,
                 source: Source | None = None, depends: list | None = None):
        self.display = display
        self.path = path                # the path linted (absolute from discovery); fixes write here
        self.diagnostics = [] if diagnostics is None else diagnostics
        # Cross-file index entries: (kind, value, pointer, line, column, end_line, end_column).
        self.index = [] if index is None else index
        self.internal_error = internal_error
        self.checked = checked          # validated against a schema
        # Kept only when cross-file findings may need them.
        self.suppressions = [] if suppressions is None else suppressions
        self.digest = digest            # content hash of the bytes linted
        self.from_stdin = from_stdin
        self.source = source
        # Other files the verdict depends on (the site's _config.yml, images it measured): the
        # result cache re-lints the file when one of them changes.
        self.depends = [] if depends is None else depends


_NOT_YET = object()  # a value `Context.memo` has not computed yet


class Context:
    """What a content rule sees: the record, the position of each value, settings and options.

    Rules read `record` (plain data) and touch positions only to report or fix: on the fast
    path (`screening`) positions cost a full parse, so `spans` are built only when asked for.
    """

    def __init__(self, path: str, display: str, record: dict, spans: dict, settings: Settings,
                 source: Source, block: Block, schema: str | None, screening: bool = False, site=None):
        self.path = path
        self.display = display
        self.record = record
        self.spans = spans
        self.settings = settings
        self.source = source
        self.block = block
        self.schema = schema
        self.screening = screening
        self.site = site                # the Jekyll site holding the file (linter/site/root.py), or None
        self.depends: list = []         # files of the site a rule read (see FileResult.depends)
        self.rule = None
        self._memo: dict = {}

    @property
    def relative_path(self) -> str:
        """The file's path relative to the configuration's folder, forward slashes."""
        return self.settings.relative(self.path)

    @property
    def file_name(self) -> str:
        return os.path.basename(self.path)

    def memo(self, compute):
        """`compute(ctx)`, computed once per record and shared by every rule that asks for it
        (a family's rules scan the record once). Kept on the context, not in the rule module,
        so nothing outlives the record."""
        value = self._memo.get(compute, _NOT_YET)
        if value is _NOT_YET:
            value = self._memo[compute] = compute(self)
        return value

    def option(self, name: str):
        return self.settings.option(self.rule, name)

    def report(self, message: str, pointer: str = "", *, anchor: str = "value", fix=None,
               severity: str | None = None, value: str = "") -> Finding:
        """A finding of the rule being run, about the value at `pointer`.

        `fix` is a Fix, or a function of no arguments returning one (or None): fixes need
        positions, so they are built only when the finding is placed, never while screening.
        """
        return Finding(self.rule.code, message, pointer, anchor=anchor, fix=fix, severity=severity, value=value)

    def span(self, pointer: str):
        return self.spans.get(pointer)

    def plain_scalars(self):
        """(pointer, span) of every unquoted scalar, in source order. Empty while screening:
        the fast path refuses any text whose plain scalars could read differently (fastpath.py)."""
        if self.screening:
            return ()
        return [(p, s) for p, s in self.spans.items() if s.raw is not None and s.style is None]

    def expected_types(self, pointer: str) -> frozenset:
        """JSON types the record's schema allows at `pointer` (empty when it does not say)."""
        from linter.schemas.reader import types_at
        return types_at(self.schema, pointer) if self.schema else frozenset()

    def get(self, pointer: str, default=None):
        """The value at a JSON pointer, or `default`."""
        return pointers.resolve(self.record, pointer, default)

    def walk(self, value=None, pointer: str = ""):
        """Every (pointer, key, value, parent) below the record, depth first, in source order."""
        stack = [(pointer, None, self.record if value is None else value, None)]
        while stack:
            current = stack.pop()
            yield current
            ptr, _, val, _ = current
            if isinstance(val, dict):
                stack.extend(reversed([(f"{ptr}/{pointers.escape(k)}", k, v, val) for k, v in val.items()]))
            elif isinstance(val, list):
                stack.extend(reversed([(f"{ptr}/{i}", i, v, val) for i, v in enumerate(val)]))


class Placer:
    """Turns findings (pointers) into diagnostics (lines and columns) for one file."""

    def __init__(self, display: str, settings: Settings, spans: dict, path: str):
        self.display, self.settings, self.spans, self.path = display, settings, spans, path
        # Values the site's defaults supplied: pointer -> _config.yml line (see site/defaults.py).
        self.origins: dict = {}
        self.origin_file = ""

    def _origin(self, pointer: str) -> int | None:
        """The _config.yml line of the default that supplied the value at `pointer`, if it did."""
        while pointer and pointer not in self.spans:
            line = self.origins.get(pointer)
            if line is not None:
                return line
            pointer = pointer.rsplit("/", 1)[0]
        return None

    def position(self, finding: Finding):
        if self.origins and not finding.line and self._origin(finding.pointer) is not None:
            return 1, 1, 1, 4  # the record's first line: the value is not written in the file
        if finding.line:
            column = finding.column or 1
            if finding.end_line and (finding.end_line, finding.end_column) > (finding.line, column):
                return finding.line, column, finding.end_line, finding.end_column
            return finding.line, column, finding.line, column + 1
        if finding.anchor == "file":
            return 1, 1, 1, 4
        pointer = finding.pointer
        if finding.anchor == "parent":
            pointer = pointer.rsplit("/", 1)[0] if pointer else ""
            if not pointer:
                return 1, 1, 1, 4  # a top-level key is missing: point at the opening `---`
            span = self._nearest(pointer)
            if span is not None and span.key_line:
                return span.key_line, span.key_column, span.key_line, span.key_end_column
        span = self._nearest(pointer)
        if span is None:
            return 1, 1, 1, 4
        if finding.anchor == "key" and span.key_line:
            return span.key_line, span.key_column, span.key_line, span.key_end_column
        return span.line, span.column, span.end_line, span.end_column

    def _nearest(self, pointer: str):
        while True:
            span = self.spans.get(pointer)
            if span is not None or not pointer:
                return span
            pointer = pointer.rsplit("/", 1)[0]

    def place(self, finding: Finding) -> Diagnostic | None:
        rule = rule_registry.REGISTRY.get(finding.code)
        default = finding.severity or (rule.severity if rule else "error")
        severity = self.settings.severity_of(finding.code, default)
        if severity == "off" or not self.settings.enabled(finding.code, self.path):
            return None
        line, column, end_line, end_column = self.position(finding)
        value = finding.value
        if not value:
            span = self.spans.get(finding.pointer)
            value = span.raw if span is not None and span.raw is not None else ""
        message = finding.message
        origin = self._origin(finding.pointer) if self.origins and not finding.line else None
        if origin is not None:
            message += f" (the value comes from the defaults in {self.origin_file}:{origin})"
        fix = finding.fix() if callable(finding.fix) else finding.fix
        return Diagnostic(self.display, line, column, end_line, end_column, finding.code, severity,
                          message, finding.pointer, fix, value)


def lint_file(path: str, display: str, settings: Settings, explicit: bool = False, digest: bool = True,
              site_root: str | None = None) -> FileResult:
    """Lint one file. `digest`: keep the content hash (the result cache and the fixer need it);
    `site_root`: the Jekyll site holding it, when discovery saw it ("" for none)."""
    data = read_bytes(path, settings.limits["max-file-bytes"])
    if isinstance(data, ReadProblem):
        if data.code == FILE_TOO_LARGE and _not_ours(path, settings, read_head(path)):
            return FileResult(display, path)
        return lint_loaded(path, display, settings, data)
    result = lint_bytes(data, path, display, settings, site_root)
    if digest:
        from linter.run.digest import content_digest
        result.digest = content_digest(data)
    return result


def lint_bytes(data: bytes, path: str, display: str, settings: Settings, site_root: str | None = None) -> FileResult:
    """Lint a file's content given as bytes (standard input, an editor's text): the same limit
    applies as to a file read from disk."""
    limit = settings.limits["max-file-bytes"]
    loaded = file_too_large(limit) if limit and len(data) > limit else decode(display, data)
    if isinstance(loaded, ReadProblem) and _not_ours(path, settings, data[:64]):
        return FileResult(display, path)
    return lint_loaded(path, display, settings, loaded, site_root)


def _not_ours(path: str, settings: Settings, head: bytes) -> bool:
    """A page that is too large or not UTF-8 is no concern of a front-matter linter unless it
    opens a front-matter block or the user gave it a schema (a Latin-1 HTML page, a big export)."""
    return not may_hold_front_matter(head) and not settings.path_expects_schema(path)


def lint_loaded(path: str, display: str, settings: Settings, loaded, site_root: str | None = None) -> FileResult:
    result = FileResult(display, path)
    placer = Placer(display, settings, {}, path)
    try:
        if isinstance(loaded, ReadProblem):
            _add(result, placer, _stage_finding(loaded))
            return result
        result.source = loaded
        _lint_source(result, placer, path, settings, loaded, site_root)
    except SchemaError:
        raise  # a schema the user named is broken: the run stops with exit 2 (cli.py)
    except Exception as exc:  # noqa: BLE001 - one file's failure must not lose the run
        result.internal_error = True
        import traceback
        where = traceback.extract_tb(exc.__traceback__)[-1]
        result.diagnostics.append(Diagnostic(display, 1, 1, 1, 1, INTERNAL_ERROR, "error",
                                             f"internal error: {exc.__class__.__name__}: {exc} "
                                             f"(at {os.path.basename(where.filename)}:{where.lineno}); please report it"))
    if len(result.diagnostics) > 1:
        result.diagnostics.sort(key=lambda d: d.sort_key)
    return result


def _add(result: FileResult, placer: Placer, finding: Finding):
    diagnostic = placer.place(finding)
    if diagnostic is not None:
        result.diagnostics.append(diagnostic)


def _site(path: str, settings: Settings, site_root: str | None):
    """The Jekyll site holding the file: as discovery saw it, else looked up."""
    if not settings.site:
        return None
    if site_root is None:
        return site_of(path)
    return site_at(site_root) if site_root else None


def _stage_finding(problem: StageProblem) -> Finding:
    """A finding at the problem's position, or about the whole file when it has none (line 0)."""
    return Finding(problem.code, problem.message, line=problem.line, column=problem.column, anchor="file")


def _lint_source(result: FileResult, placer: Placer, path: str, settings: Settings, source: Source,
                 site_root: str | None = None):
    block = split_file(source.text, path)
    if block is None:
        if settings.path_expects_schema(path) and not empty_hugo_page(path, source.text):
            _add(result, placer, _stage_finding(missing(source.text)))
        return
    if isinstance(block, SplitProblem):
        # Outside Hugo, a `---` block after blank lines is no front matter: misplaced only where a schema is due.
        if block.code != FRONT_MATTER_NOT_AT_START or settings.path_expects_schema(path):
            _add(result, placer, _stage_finding(block))
        return
    limits = settings.limits
    size_problem = too_large(block, limits["max-front-matter-bytes"])
    if size_problem is not None:
        _add(result, placer, _stage_finding(size_problem))
        return
    site = _site(path, settings, site_root)
    if site is not None:
        result.depends.append(site.source)
    screen = _screen(result, path, settings, source, block, site) if settings.fast else UNSCREENED
    if screen.clean:
        return
    from linter.stages.dialects import parse_block  # PyYAML etc.: only for files the fast path did not vouch for

    parsed = parse_block(block, limits)
    placer.spans = parsed.spans
    findings: list[Finding] = [Finding(p.code, p.message, p.pointer, line=p.line, column=p.column,
                                       end_line=p.end_line, end_column=p.end_column)
                               for p in parsed.problems]
    record = parsed.record
    if record is None and not parsed.problems:
        record = {}  # an empty block: no keys, which only a schema can object to
    if record is not None and not isinstance(record, dict):
        what = "list" if isinstance(record, list) else "scalar"
        findings.append(Finding(FRONT_MATTER_NOT_MAPPING, f"front matter must be a mapping of keys to values, "
                                                          f"not a {what}", "", line=block.first_line))
    elif isinstance(record, dict):
        if site is not None:
            record, placer.origins = _with_defaults(site, path, record)
            placer.origin_file = site.source_display
        findings.extend(_check_record(result, path, settings, source, block, record, parsed.spans,
                                      screen.schema_valid, site, placer.origins))
        findings = _without_superseded_schema_errors(findings, settings, path)
    diagnostics = [d for d in map(placer.place, findings) if d is not None]
    result.diagnostics.extend(_suppressed(result, diagnostics, block, placer))


# Front matter larger than this always takes the reference path, whose limits then apply.
_SCREEN_MAX_CHARS = 256 * 1024


class Screen(NamedTuple):
    """What the fast path could vouch for: the whole file (`clean`), or only its schema
    validation (`schema_valid`: the schema jsonschema-rs found the record valid against)."""
    clean: bool = False
    schema_valid: str | None = None


CLEAN, UNSCREENED = Screen(clean=True), Screen()


def _screen(result: FileResult, path: str, settings: Settings, source: Source, block: Block, site=None) -> Screen:
    """Screen a file with the accelerators (see fastpath.py); `clean` means no finding at all."""
    from linter.stages import fastpath  # its patterns take ~4 ms to compile: not for a re-lint from the cache
    if len(block.text) > _SCREEN_MAX_CHARS or not fastpath.available():
        return UNSCREENED
    record = fastpath.load_block(block, settings.limits)
    if record is None:
        return UNSCREENED
    origins = {}
    if site is not None:
        record, origins = _with_defaults(site, path, record)
    refused: list[Finding] = []
    schema = _schema_name(path, settings, record, refused)
    if refused:
        return UNSCREENED
    if origins and schema is not None:
        record = _without_unknown_defaults(record, origins, schema)
    if schema is None:
        if crossfile.indexes_without_schema(settings):
            ctx = Context(path, result.display, record, LazySpans(block, settings), settings, source, block, None,
                          screening=True, site=site)
            result.index = crossfile.collect(ctx)
        return CLEAN  # parsed cleanly, no schema applies: nothing to report
    try:
        if schema not in BUILTIN_NAMES:  # a user's schema passes schemacheck before anything trusts it
            _validator(path, settings, record, schema)
        if fastpath.is_valid(schema, record) is not True:
            return UNSCREENED
    except SchemaError:
        if _named_by_record(record, schema):
            return UNSCREENED  # the reference path reports it as SCH000
        raise
    ctx = Context(path, result.display, record, LazySpans(block, settings), settings, source, block, schema,
                  screening=True, site=site)
    if _run_rules(ctx, None, first_only=True):
        # The record is the one the reference parser builds (fastpath.load refuses any text where
        # YAML 1.1 and 1.2 differ), so the schema verdict stands and jsonschema need not run.
        return Screen(schema_valid=schema)
    result.checked = True
    result.index = crossfile.collect(ctx)
    result.depends.extend(ctx.depends)
    return CLEAN


def _with_defaults(site, path: str, record: dict) -> tuple:
    """The record with the site's front-matter defaults under it, and which values they gave."""
    merged = merge_under(record, site.defaults_for(path))
    return merged.record, merged.origins


def _without_unknown_defaults(record: dict, origins: dict, schema: str) -> dict:
    """The record without the keys the site's defaults added that the closed schema does not
    name (site/defaults.only_known); they leave `origins` too."""
    kept = only_known(Merged(record, origins), top_level_keys(schema))
    if kept.record is not record:
        origins.clear()
        origins.update(kept.origins)
    return kept.record


def _display_of(path: str) -> str:
    """A path as the report shows it: relative to the current folder when inside it."""
    relative = os.path.relpath(path)
    shown = path if relative.startswith("..") else relative
    return shown.replace(os.sep, "/") if os.sep != "/" else shown


class LazySpans:
    """Positions for the fast path, built by the reference parser only if a rule asks for one."""

    def __init__(self, block: Block, settings: Settings):
        self.block, self.settings, self._spans = block, settings, None

    def _load(self) -> dict:
        if self._spans is None:
            from linter.stages.dialects import parse_block
            self._spans = parse_block(self.block, self.settings.limits).spans
        return self._spans

    def get(self, pointer, default=None):
        return self._load().get(pointer, default)

    def __getitem__(self, pointer):
        return self._load()[pointer]

    def __contains__(self, pointer):
        return pointer in self._load()

    def __iter__(self):
        return iter(self._load())

    def __len__(self):
        return len(self._load())


def _without_superseded_schema_errors(findings: list[Finding], settings: Settings, path: str) -> list[Finding]:
    """A precise finding on a value replaces the schema's generic error there, for the schema
    keywords its rule declares it `supersedes` (a rule turned off supersedes nothing)."""
    claimed = set()
    for finding in findings:
        rule = rule_registry.REGISTRY.get(finding.code)
        if rule is not None and rule.supersedes and finding.pointer and settings.enabled(finding.code, path):
            claimed.update((finding.pointer, keyword) for keyword in rule.supersedes)
    if not claimed:
        return findings
    return [f for f in findings if not (f.code.startswith("SCH") and (f.pointer, f.keyword) in claimed)]


def _schema_name(path: str, settings: Settings, record: dict, findings: list[Finding]) -> str | None:
    declared = record.get("$schema")
    if isinstance(declared, str) and declared.strip():
        builtin = builtin_named(declared)
        if builtin is not None:
            return builtin
        if declared.startswith(("http://", "https://")):
            findings.append(Finding(SCHEMA_NOT_FOUND, f"remote schema {declared!r} is not fetched (no network at "
                                                      "run time); use a local path", "/$schema"))
            return None
        # Whether it lies inside the repository is the loader's check (`_validator` passes the roots).
        return os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(path)), declared))
    return settings.schema_for(path, record)


def record_roots(path: str, settings: Settings) -> tuple:
    """Where the files a record names may lie (namedfiles.content_roots)."""
    return content_roots(path, settings.root if settings.source else None)


def _validator(path: str, settings: Settings, record: dict, schema: str):
    """The compiled schema; one a record named may only reach files inside its repository."""
    from linter.schemas.loader import compiled_validator
    roots = record_roots(path, settings) if _named_by_record(record, schema) else ()
    return compiled_validator(schema, settings.allow_remote_refs, roots, settings.limits["max-file-bytes"])


def _named_by_record(record: dict, schema: str) -> bool:
    return schema not in BUILTIN_NAMES and isinstance(record.get("$schema"), str) and bool(record["$schema"].strip())


def _check_record(result, path, settings, source, block, record, spans, schema_valid=None, site=None,
                  origins=None) -> list[Finding]:
    """Schema validation, then the content rules. `schema_valid` names a schema the fast path
    already found the record valid against: jsonschema (and its import) is skipped for it."""
    findings: list[Finding] = []
    schema = _schema_name(path, settings, record, findings)
    if origins and schema is not None:
        record = _without_unknown_defaults(record, origins, schema)  # the Placer's origins follow
    if schema is None:
        if crossfile.indexes_without_schema(settings):
            result.index = crossfile.collect(Context(path, result.display, record, spans, settings, source, block,
                                                     None, site=site))
        return findings
    if schema != schema_valid:
        from linter.stages.validate import schema_findings
        by_record = _named_by_record(record, schema)
        try:
            validator = _validator(path, settings, record, schema)
        except SchemaError as exc:
            if by_record:
                findings.append(Finding(SCHEMA_NOT_FOUND, str(exc), "/$schema"))
                return findings
            raise
        from referencing.exceptions import Unresolvable
        try:
            findings.extend(schema_findings(validator, record))
        except (RecursionError, Unresolvable) as exc:
            # schemacheck refuses such schemas up front; this is the net under it.
            findings.append(Finding(SCHEMA_NOT_FOUND, f"schema {schema} cannot be applied: {exc.__class__.__name__}",
                                    "/$schema" if by_record else "", anchor="value" if by_record else "file"))
            return findings
    result.checked = True
    ctx = Context(path, result.display, record, spans, settings, source, block, schema, site=site)
    findings.extend(_run_rules(ctx, result))
    result.depends.extend(ctx.depends)
    result.index = crossfile.collect(ctx)
    return findings


def enabled_checks(settings: Settings, path: str, dialect: str = YAML, in_site: bool = True) -> list:
    """The content rules to run on the file at `path`, whose front matter is in `dialect`,
    inside a Jekyll site or not."""
    checks = settings.content_rules_by_dialect_and_site[dialect, in_site]
    if settings.per_file_ignores:
        return [r for r in checks if settings.enabled(r.code, path)]
    return checks


def _run_rules(ctx: Context, result: FileResult | None, first_only: bool = False) -> list[Finding]:
    """Every content rule's findings; with `first_only`, stop at the first (screening: no
    `result`, since the reference path runs the rules again and reports what they find)."""
    found: list[Finding] = []
    for rule in enabled_checks(ctx.settings, ctx.path, ctx.block.dialect, ctx.site is not None):
        ctx.rule = rule
        try:
            reported = rule.check(ctx)
            if not reported:  # () or None: nearly every rule on nearly every record
                continue
            for finding in reported:
                if finding.code is None:
                    finding.code = rule.code
                found.append(finding)
                if first_only:
                    return found
        except Exception as exc:  # noqa: BLE001 - a rule bug is reported, never fatal
            if result is not None:
                result.internal_error = True
            found.append(Finding(INTERNAL_ERROR, f"internal error in rule {rule.code} ({rule.name}): "
                                                 f"{exc.__class__.__name__}: {exc}; please report it", anchor="file"))
    return found


def _suppressed(result: FileResult, diagnostics: list[Diagnostic], block: Block, placer: Placer) -> list[Diagnostic]:
    def resolve(code):
        found = rule_registry.get(code)
        return found.code if found else None

    if not DIALECTS[block.dialect].comments:
        return diagnostics  # JSON: only the configuration and a baseline can silence a finding
    suppressions, problems = suppress.find_suppressions(block.text, block.first_line, resolve)
    kept = suppress.apply(diagnostics, suppressions)
    if result.index and suppressions:
        # Cross-file findings come after this file is done: check their suppressions then.
        result.suppressions = suppressions
    settings, path = placer.settings, placer.path
    problems += suppress.unused(suppressions, lambda code: code not in crossfile.CODES and settings.enabled(code, path))
    kept.extend(d for d in (placer.place(_stage_finding(p)) for p in problems) if d is not None)
    return kept
