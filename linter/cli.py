"""Command line: `lint [PATH ...]`, `lint rules`, `lint rule CODE`, `lint schema`, `lint lsp`.

Exit codes: 0 no errors, 1 errors found, 2 usage, configuration or internal error.
"""
from __future__ import annotations

import argparse
import os
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "rule", "schema", "lsp", "init")
FIX_PREVIEW = "\0fix-preview"


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse exits 2 too, but say it our way
        self.print_usage(sys.stderr)
        sys.stderr.write(f"lint: error: {message}\n")
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    from linter.output.report import FORMATTERS
    # Every option lives in a group: argparse checks each option added to the parser itself with a
    # help formatter, whose construction imports shutil (3 ms of a one-file run) for the terminal
    # width. Options added to a group are not checked, and --help reads better in sections.
    parser = _Parser(prog="lint", add_help=False,
                     description="Validate and lint the YAML front matter of content files. "
                     "Subcommands: `lint rules`, `lint rule CODE`, `lint schema`, "
                     "`lint schema infer PATH...`, `lint init`, `lint lsp` (the language server).")
    what = parser.add_argument_group("what to lint")
    what.add_argument("paths", nargs="*", help="files or folders to lint (default: .); - reads standard input")
    what.add_argument("--force-exclude", action="store_true",
                      help="skip excluded files even when named on the command line (pre-commit names each file)")
    what.add_argument("--stdin-filename", help="with the path -, lint standard input as if it were this file")
    what.add_argument("--diff", nargs="?", const=FIX_PREVIEW, metavar="REF",
                      help="with a git REF: lint only files changed since REF (cross-file checks still see "
                           "the whole tree); alone: show the fixes as a unified diff without writing")
    checks = parser.add_argument_group("checks")
    checks.add_argument("--schema", help="validate every file against this schema (a path, or a built-in name: "
                        "`lint schema` lists them)")
    checks.add_argument("--show-schemas", action="store_true",
                        help="print, for every file, the schema that applies (or -) and why; lint nothing")
    checks.add_argument("--config", help="configuration file (default: nearest .frontmatter-lint.toml or pyproject.toml)")
    checks.add_argument("--select", help="comma-separated rule codes or prefixes to enable")
    checks.add_argument("--ignore", help="comma-separated rule codes or prefixes to disable")
    checks.add_argument("--no-cross-file", action="store_true", help="skip the checks across files")
    checks.add_argument("--allow-remote-refs", action="store_true",
                        help="let schemas fetch remote $ref URLs (the only network access the tool ever makes)")
    checks.add_argument("--baseline", metavar="FILE",
                        help="report only findings not recorded in FILE; writes FILE when it does not exist")
    checks.add_argument("--update-baseline", action="store_true", help="with --baseline: rewrite FILE from this run")
    fixes = parser.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    fixes.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff: include unsafe fixes")
    output = parser.add_argument_group("output")
    output.add_argument("--format", choices=sorted(FORMATTERS), help="output format (default: text)")
    output.add_argument("--output-file", "-o", help="write the report to this file instead of standard output")
    output.add_argument("--statistics", action="store_true", help="print the number of findings per rule")
    output.add_argument("--quiet", "-q", action="store_true", help="print no summary line")
    output.add_argument("--no-color", action="store_true", help="never colour the output")
    output.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    speed = parser.add_argument_group("speed")
    speed.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: automatic)")
    speed.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    speed.add_argument("--no-fast-path", action="store_true",
                       help="use only the reference path (PyYAML + jsonschema), not the accelerators")
    other = parser.add_argument_group("other")
    other.add_argument("--help", "-h", action="help", help="show this help message and exit")
    return parser


def _resolve_diff(args):
    """`--diff` is a git ref when it names a commit; a bare `--diff` followed by a path means the
    fix preview (argparse hands us the path as its value, so give it back to the paths)."""
    args.changed_since = None
    args.show_fix_diff = False
    if args.diff is None:
        return
    if args.diff == FIX_PREVIEW:
        args.show_fix_diff = True
        return
    from linter.run.gitdiff import is_git_ref
    if is_git_ref(args.diff, paths=args.paths):
        args.changed_since = args.diff
    elif os.path.exists(args.diff) or args.diff == "-":
        args.paths.insert(0, args.diff)
        args.show_fix_diff = True
    else:
        raise SystemExit(_usage_error(f"--diff {args.diff}: not a git ref, and no such path"))


def _usage_error(message: str) -> int:
    sys.stderr.write(f"lint: error: {message}\n")
    return EXIT_ERROR


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return _subcommand(argv[0], argv[1:])
        args = build_parser().parse_args(argv)
        _resolve_diff(args)
        return _lint(args)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write("lint: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as exc:  # noqa: BLE001 - last resort: a message, never a traceback
        sys.stderr.write(f"lint: internal error: {exc.__class__.__name__}: {exc}\n")
        return EXIT_ERROR


def _subcommand(name: str, args: list[str]) -> int:
    from linter import rules
    if name == "init":  # schema inference (linter/infer/)
        from linter.infer.command import init_main
        return init_main(args)
    if name == "rules":
        if args and args != ["--markdown"]:
            sys.stderr.write("usage: lint rules [--markdown]\n")
            return EXIT_ERROR
        if args:
            sys.stdout.write(rules_markdown())
            return EXIT_CLEAN
        for code, rule in sorted(rules.load_all().items()):
            fix = f" [fix: {rule.fix}]" if rule.fix else ""
            print(f"{code:<7} {rule.name:<32} {rule.severity:<8} {rule.summary}{fix}")
        return EXIT_CLEAN
    if name == "lsp":
        if [a for a in args if a != "--stdio"]:  # editors' clients often add --stdio
            sys.stderr.write("usage: lint lsp [--stdio]  (a language server on standard input and output)\n")
            return EXIT_ERROR
        from linter.lsp.server import main as serve
        return serve()
    if name == "rule":
        if len(args) != 1:
            sys.stderr.write("usage: lint rule CODE\n")
            return EXIT_ERROR
        found = rules.get(args[0])
        if found is None:
            sys.stderr.write(f"lint: unknown rule {args[0]!r}; `lint rules` lists them\n")
            return EXIT_ERROR
        print(render_rule_doc(found))
        return EXIT_CLEAN
    return _schema_subcommand(args)


def _schema_subcommand(args: list[str]) -> int:
    """`lint schema`: the built-in schemas, one a line; `lint schema NAME`: that schema, whole
    (the shapes it shares with the others copied in, so an editor can use it alone)."""
    import json

    from linter.config import BUILTIN_SCHEMAS
    from linter.schemas.loader import BUILTIN_NAMES, load_schema
    if args and args[0] == "infer":  # schema inference (linter/infer/)
        from linter.infer.command import infer_main
        return infer_main(args[1:])
    if not args:
        folders = {m.schema: m.folder + "/" for m in reversed(BUILTIN_SCHEMAS)}
        for name in BUILTIN_NAMES:
            print(f"{name:<12} {folders.get(name, ''):<24} {load_schema(name).get('title', '')}")
        return EXIT_CLEAN
    if len(args) != 1 or args[0] not in BUILTIN_NAMES:
        sys.stderr.write(f"usage: lint schema [{'|'.join(BUILTIN_NAMES)}] | lint schema infer PATH... [-o FILE]\n")
        return EXIT_ERROR
    sys.stdout.write(json.dumps(load_schema(args[0]), indent=2, ensure_ascii=False) + "\n")
    return EXIT_CLEAN


# Rule families in the order a file meets them, with the heading `lint rules --markdown` gives each.
FAMILY_TITLES = (
    ("FM", "Front matter: finding and reading the block"),
    ("YML", "YAML: syntax and data model"),
    ("TOM", "TOML front matter (`+++`, Hugo)"),
    ("JSN", "JSON front matter (`{ }`, Hugo)"),
    ("LIM", "Limits: hostile input"),
    ("SCH", "Schema"),
    ("URL", "URLs: every URL field, nested ones included"),
    ("IMG", "Images: `images[]`, `provider.images[]`, `related[].images[]`"),
    ("LRN", "Learning resources: durations and embeds"),
    ("PRF", "Profiles of people and communities"),
    ("DAT", "Dates: `publishedDateTime` and every nested date-time"),
    ("SEC", "The `secured` blob"),
    ("CON", "Record consistency"),
    ("PIT", "YAML 1.1 pitfalls (Jekyll reads YAML 1.1)"),
    ("XF", "Across records"),
    ("REF", "References: values that name something the site defines"),
    ("DRF", "Drift: keys and value kinds out of line with the rest of the collection (no schema needed)"),
    ("AST", "Local files: assets the records name"),
    ("SITE", "The site's own files: `_config.yml`, reference targets"),
    ("LNT", "The linter itself"),
)


def rules_markdown() -> str:
    """Every rule as Markdown tables, one per family (the README's rule list is this output)."""
    from linter import rules
    registry = rules.load_all()
    out = []
    for prefix, title in FAMILY_TITLES:
        out.append(f"**{title}**\n\n| code | name | severity | fix | what |\n|---|---|---|---|---|\n")
        for code in sorted(c for c in registry if c[len(prefix):][:1].isdigit() and c.startswith(prefix)):
            rule = registry[code]
            summary = rule.summary.replace("|", "\\|")
            out.append(f"| {code} | {rule.name} | {rule.severity} | {rule.fix or ''} | {summary} |\n")
        out.append("\n")
    return "".join(out)


def render_rule_doc(rule) -> str:
    header = f"{rule.code} {rule.name}\n\nDefault severity: {rule.severity}"
    header += f"\nFix: {rule.fix or 'none'}"
    if rule.options:
        header += "\nOptions: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items())
    return f"{header}\n\n{rule.doc}\n"


def _overrides(args):
    from linter.schemas.loader import BUILTIN_NAMES

    def apply(settings):
        changes = {}
        if args.schema:
            changes["forced_schema"] = args.schema if args.schema in BUILTIN_NAMES else os.path.abspath(args.schema)
        if args.select:
            changes["select"] = tuple(c.strip() for c in args.select.split(",") if c.strip())
        if args.ignore:
            changes["ignore"] = settings.ignore + tuple(c.strip() for c in args.ignore.split(",") if c.strip())
        if args.allow_remote_refs:
            changes["allow_remote_refs"] = True
        if args.no_fast_path:
            changes["fast"] = False
        return settings.replace(**changes) if changes else settings
    return apply


def _lint(args) -> int:
    from linter.config import ConfigError, ConfigResolver
    from linter.run.runner import run
    from linter.schemas.loader import BUILTIN_NAMES, SchemaError, load_schema

    try:
        resolver = ConfigResolver(args.config, _overrides(args))
        if args.schema and args.schema not in BUILTIN_NAMES:
            load_schema(os.path.abspath(args.schema))
    except (ConfigError, SchemaError) as exc:
        sys.stderr.write(f"lint: {exc}\n")
        return EXIT_ERROR
    paths = args.paths or (["-"] if args.stdin_filename else ["."])
    if args.show_schemas:
        from linter.run.coverage import schema_coverage
        for row in schema_coverage(paths, resolver):
            print(f"{row.display}  {row.schema}  {row.reason}")
        return EXIT_CLEAN
    if "-" in paths and not args.stdin_filename:
        args.stdin_filename = None
    if args.update_baseline and not args.baseline:
        return _usage_error("--update-baseline needs --baseline FILE")
    report_only = None
    if args.changed_since:
        from linter.run.gitdiff import GitError, changed_files
        try:
            report_only = changed_files(args.changed_since, paths)
        except GitError as exc:
            return _usage_error(str(exc))
    if args.unsafe_fixes and not (args.fix or args.show_fix_diff):
        return _usage_error("--unsafe-fixes goes with --fix or --diff")
    fixing = None
    if args.fix or args.show_fix_diff:
        from linter.fix.fixer import FixSession
        fixing = FixSession(resolver, write=args.fix and not args.show_fix_diff, unsafe=args.unsafe_fixes)
    from linter.run.progress import for_run
    progress = for_run(args.no_progress)
    try:
        outcome = run(paths, resolver, cross_file=not args.no_cross_file, stdin_filename=args.stdin_filename,
                      jobs=args.jobs, use_cache=not args.no_cache, report_only=report_only, progress=progress,
                      on_result=fixing, force_exclude=args.force_exclude)
    except (ConfigError, SchemaError) as exc:
        sys.stderr.write(f"lint: {exc}\n")
        return EXIT_ERROR
    finally:
        if progress is not None:
            progress.close()
    if fixing is not None:
        done = _finish_fixing(args, fixing, paths)
        if done is not None:
            return done
    if args.baseline:
        from linter.output.baseline import BaselineError, apply
        try:
            outcome.diagnostics = apply(args.baseline, args.update_baseline, outcome.diagnostics, outcome.paths,
                                        sys.stderr.write)
        except BaselineError as exc:
            sys.stderr.write(f"lint: {exc}\n")
            return EXIT_ERROR
    if _write_report(args, outcome):
        return EXIT_ERROR
    if outcome.internal_error:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(d.severity == "error" for d in outcome.diagnostics) else EXIT_CLEAN


def _finish_fixing(args, fixing, paths) -> int | None:
    """After a fixing run: `--diff` prints the diffs and ends the run; `--fix` says what it did
    (and, for standard input, prints the fixed text) and lets the report follow."""
    for problem in fixing.problems:
        sys.stderr.write(f"lint: {problem}\n")
    if args.show_fix_diff:
        sys.stdout.write("".join(fixing.diffs))
        sys.stderr.write(fixing.summary() + "\n")
        return EXIT_FINDINGS if fixing.diffs else EXIT_CLEAN
    if "-" in paths and fixing.stdin_text is not None:
        sys.stdout.write(fixing.stdin_text)
        sys.stdout.flush()
        args.report_to_stderr = True
    if not args.quiet:
        sys.stderr.write(fixing.summary() + "\n")
    return None


def _write_report(args, outcome) -> bool:
    """Write the report; True when it could not be written (the message is on standard error)."""
    from linter.output.report import write_report
    problem = write_report(outcome, fmt=args.format, output_file=args.output_file, quiet=args.quiet,
                           no_color=args.no_color, show_statistics=args.statistics,
                           stdout=sys.stderr if getattr(args, "report_to_stderr", False) else None)
    if problem:
        sys.stderr.write(f"lint: {problem}\n")
    return bool(problem)
