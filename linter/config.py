"""Configuration: `[tool.frontmatter-lint]` in pyproject.toml or `.frontmatter-lint.toml`, the
file nearest to each linted file winning, or `--config FILE` for all. Plain data only: nothing
in a configuration file is ever executed."""
from __future__ import annotations

import functools
import os
import re
from typing import NamedTuple

from linter.support import globs
from linter.stages.read import DEFAULT_MAX_FILE_BYTES
from linter.model.records import Record
from linter.model.values import is_exactly
from linter.schemas.loader import BUILTIN_NAME, BUILTIN_NAMES

CONFIG_FILES = (".frontmatter-lint.toml", "pyproject.toml")
SEVERITY_NAMES = ("error", "warning", "info", "off")
DEFAULT_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".mdx", ".html", ".htm")
# Names starting with `.` (`.git`, `.venv`, caches, `.github`) are no site content: Jekyll, Hugo
# and Zola skip them too. Hugo's archetypes are Go templates of front matter, not records.
DEFAULT_EXCLUDE = (".*", "node_modules", "_site", "vendor", "venv", "__pycache__", "archetypes")
class BuiltinMapping(NamedTuple):
    folder: str             # a collection folder, at any depth below the configuration's folder
    schema: str             # a built-in schema name (schema/<name>.schema.json)
    types: tuple            # the `type` values the pipeline writes there


# Built-in schemas by collection folder, after any configured mapping; the first match wins.
# A mapping's schema that stops the search: the files it matches get no schema (and no built-in one).
NO_SCHEMA = "none"
BUILTIN_SCHEMAS = (
    BuiltinMapping("_news", "article", ("article", "video")),
    BuiltinMapping("_learning/videos", "video", ("video",)),
    BuiltinMapping("_learning/courses", "course", ("course",)),
    BuiltinMapping("_learning/collections", "collection", ("collection",)),
    BuiltinMapping("_samples", "sample", ("download",)),
    BuiltinMapping("_people", "person", ("profile",)),
    BuiltinMapping("_communities", "community", ("forum",)),
    BuiltinMapping("_newsletters", "newsletter", ("article",)),
)
# One search finds which of those folders a path is in (a glob match per mapping cost ~1 us each).
_BUILTIN_FOLDERS = re.compile("(?:^|/)(" + "|".join(re.escape(m.folder) for m in BUILTIN_SCHEMAS) + ")/")
_MAPPING_OF_FOLDER = {m.folder: m for m in BUILTIN_SCHEMAS}


def builtin_mapping(path: str) -> BuiltinMapping | None:
    """The built-in mapping of the outermost collection folder `path` (forward slashes) is in."""
    match = _BUILTIN_FOLDERS.search(path)
    return _MAPPING_OF_FOLDER[match.group(1)] if match else None


# Folders whose files must have front matter even before their records are read (FM001, FM003).
FRONT_MATTER_FOLDERS = ("_news",)
# A record's own `type` picks the schema outside those folders (and over a folder's schema when
# it names another type: a `type: collection` in `_people/`). Only types no other kind of
# record shares: `article` and `video` also name news articles.
SCHEMA_BY_TYPE = {"course": "course", "collection": "collection", "download": "sample",
                  "profile": "person", "forum": "community"}
# Keys that only the content pipeline's records have. Without a configured mapping, a built-in
# schema applies only to a record that has one of them (or the `type` the pipeline writes in that
# folder): many sites keep announcements in `_news/`, team pages in `_people/`, tag posts
# `category: news`, and those are not the pipeline's records.
PIPELINE_KEYS = frozenset(("secured", "webUrl", "originalUrl", "ampWebUrl", "cdnAmpWebUrl", "publishedDateTime",
                           "provider"))


class SchemaChoice(NamedTuple):
    schema: str | None      # a built-in name or a schema file's path; None: no schema applies
    reason: str             # why, for `lint --show-schemas`
LIMIT_DEFAULTS = {"max-file-bytes": DEFAULT_MAX_FILE_BYTES, "max-front-matter-bytes": 1024 * 1024,
                  "max-nodes": 100_000, "max-depth": 100}
_KNOWN_KEYS = {"select", "ignore", "extend-select", "per-file-ignores", "severity", "rules", "schemas",
               "exclude", "extend-exclude", "extensions", "allow-remote-refs", "jekyll-config", "references",
               "unique", *LIMIT_DEFAULTS}


class ConfigError(Exception):
    """Invalid configuration or command line (exit code 2)."""


class Settings(Record):
    """The settings for a file: the `_fields`, set by the configuration and the command line."""

    _fields = ("root", "source", "select", "ignore", "per_file_ignores", "severity", "rule_options", "schemas",
               "forced_schema", "exclude", "extensions", "limits", "allow_remote_refs", "disabled", "fast", "site",
               "references", "unique")

    def __init__(self, root: str = ".", source: str | None = None, select: tuple[str, ...] = ("ALL",),
                 ignore: tuple[str, ...] = (), per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
                 severity: dict[str, str] | None = None, rule_options: dict[str, dict] | None = None,
                 schemas: tuple[tuple[str, str], ...] = (), forced_schema: str | None = None,
                 exclude: tuple[str, ...] = DEFAULT_EXCLUDE, extensions: tuple[str, ...] = DEFAULT_EXTENSIONS,
                 limits: dict[str, int] | None = None, allow_remote_refs: bool = False,
                 disabled: tuple[str, ...] = (), fast: bool = True, site: bool = True,
                 references: tuple = (), unique: tuple = ()):
        self.root = root                    # folder that relative globs start from
        self.source = source                # the configuration file, if any
        self.select = select
        self.ignore = ignore
        self.per_file_ignores = per_file_ignores
        self.severity = {} if severity is None else severity
        self.rule_options = {} if rule_options is None else rule_options
        self.schemas = schemas
        self.forced_schema = forced_schema
        self.exclude = exclude
        self.extensions = extensions
        self.limits = dict(LIMIT_DEFAULTS) if limits is None else limits
        self.allow_remote_refs = allow_remote_refs
        # Rule codes turned off for this run only (e.g. cross-file checks with --no-cross-file).
        self.disabled = disabled
        # Screen clean files with the accelerators when installed (fastpath.py); off = reference only.
        self.fast = fast
        # Read the Jekyll site around each file (_config.yml defaults, local files): linter/site/.
        self.site = site
        self.references = references    # sitechecks.Reference: values that must name something defined
        self.unique = unique            # sitechecks.Unique: values no two records may share

    def relative(self, path: str) -> str:
        """`path` relative to the configuration's folder, with forward slashes."""
        prefix = self.root if self.root.endswith(os.sep) else self.root + os.sep
        if path.startswith(prefix):  # discovery hands us normalised absolute paths: just slice
            rel = path[len(prefix):]
        else:
            folder, name = os.path.split(path)
            rel_folder = _relative_folder(folder, self.root)
            rel = name if rel_folder == "." else os.path.join(rel_folder, name)
        return rel.replace(os.sep, "/") if os.sep != "/" else rel

    def enabled(self, code: str, path: str = "") -> bool:
        if code in self.disabled or self.severity.get(code) == "off":
            return False
        if not _matches_codes(code, self.select) or _matches_codes(code, self.ignore):
            return False
        if path and self.per_file_ignores:
            rel = self.relative(path)
            for pattern, codes in self.per_file_ignores:
                if _matches_codes(code, codes) and globs.matches(pattern, rel):
                    return False
        return True

    def severity_of(self, code: str, default: str) -> str:
        return self.severity.get(code, default)

    def enabled_for(self, code: str, path: str) -> bool:
        """`enabled(code, path)`, answered from `enabled_codes` when no per-file ignores apply
        (the checks across records ask it for every record)."""
        if self.per_file_ignores:
            return self.enabled(code, path)
        return code in self.enabled_codes

    def any_enabled(self, codes, path: str) -> bool:
        """Whether any of `codes` is enabled for the file at `path`."""
        if self.per_file_ignores:
            return any(self.enabled(code, path) for code in codes)
        return not self.enabled_codes.isdisjoint(codes)

    # Saves ~2 µs a question of `enabled_for`, three a record.
    @functools.cached_property
    def enabled_codes(self) -> frozenset:
        from linter import rules
        return frozenset(code for code in rules.load_all() if self.enabled(code))

    # Saves ~48 µs a file (the registry sorted and `enabled` asked for each content rule).
    @functools.cached_property
    def content_rules(self) -> list:
        """The content rules these settings run, in code order (per-file-ignores aside)."""
        from linter import rules
        return [r for r in rules.checks() if self.enabled(r.code)]

    # Saves ~1.1 µs a file: the content rules filtered by dialect and site once, not for each file.
    @functools.cached_property
    def content_rules_by_dialect_and_site(self) -> dict:
        """{(dialect, in a Jekyll site): the content rules for such records} (a rule may hold for
        some dialects only, or only in a site)."""
        from linter.stages.frontmatter import JSON, TOML, YAML
        return {(dialect, in_site): [r for r in self.content_rules if (r.dialects is None or dialect in r.dialects)
                                     and (in_site or not r.needs_site)]
                for dialect in (YAML, TOML, JSON) for in_site in (True, False)}

    def option(self, rule, name: str):
        """The rule's option `name`: as configured (`[tool.frontmatter-lint.rules.CODE]`, which
        `_rule_options` keys by code), else the rule's default. Every rule option is read here."""
        configured = self.rule_options.get(rule.code)
        if configured is not None and name in configured:
            return configured[name]
        return rule.options[name]

    def schema_for(self, path: str, record) -> str | None:
        return self.schema_choice(path, record).schema

    def schema_choice(self, path: str, record) -> SchemaChoice:
        """The schema a file gets, and why: `--schema`, a configured mapping, or a built-in one for
        a record of the pipeline by its collection folder, its `type` or `category: news`."""
        rel = self.relative(path)
        configured = self._configured_schema(rel)
        if configured == NO_SCHEMA:
            return SchemaChoice(None, 'configuration: schema = "none"')
        if configured is not None:
            return SchemaChoice(configured, "--schema" if self.forced_schema else "configuration")
        if not isinstance(record, dict):
            return SchemaChoice(None, "no front matter")
        kind = record.get("type")
        if not isinstance(kind, str):
            kind = None  # a list or mapping would not even hash
        pipeline = not record.keys().isdisjoint(PIPELINE_KEYS)
        mapping = builtin_mapping(rel) or builtin_mapping(path.replace(os.sep, "/"))
        if mapping is not None:
            if kind in SCHEMA_BY_TYPE and kind not in mapping.types and pipeline:
                return SchemaChoice(SCHEMA_BY_TYPE[kind], f"type: {kind} (in {mapping.folder}/)")
            if pipeline or kind in mapping.types:
                return SchemaChoice(mapping.schema, f"folder {mapping.folder}/")
            return SchemaChoice(None, f"folder {mapping.folder}/, but not a record of the pipeline")
        if pipeline and record.get("category") == "news":
            return SchemaChoice(BUILTIN_NAME, "category: news")
        if pipeline and kind in SCHEMA_BY_TYPE:
            return SchemaChoice(SCHEMA_BY_TYPE[kind], f"type: {kind}")
        return SchemaChoice(None, "no mapping, folder or type")

    def configured_schema(self, path: str) -> str | None:
        """The schema the user gave this file: `--schema`, or a configured mapping."""
        return self._configured_schema(self.relative(path))

    def _configured_schema(self, rel: str) -> str | None:
        """`configured_schema` of the file at `rel`, relative to the configuration's folder."""
        if self.forced_schema:
            return self.forced_schema
        for pattern, schema in self.schemas:
            if globs.matches(pattern, rel):
                return schema
        return None

    def path_expects_schema(self, path: str) -> bool:
        """Whether a file must have front matter: the user gave it a schema, or it lies in a
        folder of the pipeline's records (`_news/`, below the configuration's folder)."""
        configured = self.configured_schema(path)
        if configured is not None:
            return configured != NO_SCHEMA
        rel = "/" + self.relative(path)
        return any(f"/{folder}/" in rel for folder in FRONT_MATTER_FOLDERS)


# Saves ~16 µs a file outside the configuration's folder (power-apps linted from the repository).
@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, root: str) -> str:
    """`folder` relative to `root` (the path itself on another drive, on Windows)."""
    try:
        return os.path.relpath(os.path.abspath(folder or "."), root)
    except ValueError:
        return os.path.abspath(folder or ".")


def _matches_codes(code: str, selectors) -> bool:
    return any(s == "ALL" or code.startswith(s) for s in selectors)


def _load_toml(path: str, text: str) -> dict:
    from linter.support import tomlreader
    try:
        return tomlreader.loads(text)
    except tomlreader.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _read_config(path: str) -> str:
    from linter.support.namedfiles import NamedFileError, read_named
    try:
        return read_named(path, "configuration")
    except NamedFileError as exc:
        raise ConfigError(str(exc)) from None


# Where our table can start: `[tool.frontmatter-lint…]`, a dotted `tool.frontmatter-lint.x = …`, or
# inside `[tool]` as `frontmatter-lint = {…}` / `frontmatter-lint.x = …`. A project's own name or
# script entry (`frontmatter-lint = "…"`) is not one.
_OUR_TABLE = re.compile(r'(?m)^[ \t]*(?:\[[ \t]*)?(?:tool[ \t]*\.[ \t]*)?["\']?frontmatter-lint["\']?[ \t]*'
                        r'(?:[.\]]|=[ \t]*\{)')


def _section(path: str) -> dict | None:
    text = _read_config(path)
    if os.path.basename(path) == "pyproject.toml":
        if _OUR_TABLE.search(text) is None:
            return None  # most pyproject.toml files are someone else's: no TOML parser needed
        return _load_toml(path, text).get("tool", {}).get("frontmatter-lint")
    data = _load_toml(path, text)
    return data.get("tool", {}).get("frontmatter-lint", data)


def _config_in(folder: str) -> str | None:
    """The configuration file in `folder` itself, if any (a pyproject.toml only with our section)."""
    for name in CONFIG_FILES:
        candidate = os.path.join(folder, name)
        if os.path.lexists(candidate):  # a pipe, device or broken link by that name is reported
            if name != "pyproject.toml" or _section(candidate) is not None:
                return candidate
    return None


def _string_list(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(value)


def _check_codes(codes, where: str):
    from linter import rules
    known = rules.load_all()
    for code in codes:
        if code != "ALL" and not any(c.startswith(code) for c in known) and rules.get(code) is None:
            raise ConfigError(f"{where}: unknown rule or prefix {code!r}")


def _code_of(selector: str) -> str:
    from linter import rules
    found = rules.get(selector)
    return found.code if found else selector


def settings_from_file(path: str) -> Settings:
    section = _section(path)
    if section is None:
        return Settings(root=os.path.dirname(os.path.abspath(path)), source=path)
    return settings_from_mapping(section, os.path.dirname(os.path.abspath(path)), path)


def settings_from_mapping(section: dict, root: str, source: str | None = None) -> Settings:
    where = source or "configuration"
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: [tool.frontmatter-lint] must be a table")
    unknown = set(section) - _KNOWN_KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(sorted(unknown))}")
    settings = Settings(root=root, source=source)
    if "select" in section:
        settings.select = tuple(_code_of(c) for c in _string_list(section["select"], f"{where}: select"))
    if "extend-select" in section:
        settings.select += tuple(_code_of(c) for c in _string_list(section["extend-select"], f"{where}: extend-select"))
    if "ignore" in section:
        settings.ignore = tuple(_code_of(c) for c in _string_list(section["ignore"], f"{where}: ignore"))
    _check_codes(settings.select + settings.ignore, where)
    pfi = section.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: per-file-ignores must be a table of glob = [codes]")
    entries = []
    for pattern, codes in pfi.items():
        codes = tuple(_code_of(c) for c in _string_list(codes, f"{where}: per-file-ignores.{pattern}"))
        _check_codes(codes, where)
        entries.append((pattern, codes))
    settings.per_file_ignores = tuple(entries)
    severity = section.get("severity", {})
    if not isinstance(severity, dict):
        raise ConfigError(f"{where}: severity must be a table of CODE = \"error|warning|info|off\"")
    for code, level in severity.items():
        if level not in SEVERITY_NAMES:
            raise ConfigError(f"{where}: severity.{code} must be one of {', '.join(SEVERITY_NAMES)}")
        _check_codes([_code_of(code)], where)
        settings.severity[_code_of(code)] = level
    settings.rule_options = _rule_options(section.get("rules", {}), where)
    schemas = section.get("schemas", [])
    if not isinstance(schemas, list):
        raise ConfigError(f"{where}: schemas must be an array of tables ([[tool.frontmatter-lint.schemas]])")
    mapped = []
    for entry in schemas:
        if not isinstance(entry, dict) or not isinstance(entry.get("files"), str) or not isinstance(entry.get("schema"), str):
            raise ConfigError(f"{where}: each schemas entry needs files = \"glob\" and schema = \"path or article\"")
        schema = entry["schema"]
        if schema not in BUILTIN_NAMES and schema != NO_SCHEMA:
            schema = os.path.normpath(os.path.join(root, schema))
        mapped.append((entry["files"], schema))
    settings.schemas = tuple(mapped)
    if "exclude" in section:
        settings.exclude = _string_list(section["exclude"], f"{where}: exclude")
    if "extend-exclude" in section:
        settings.exclude += _string_list(section["extend-exclude"], f"{where}: extend-exclude")
    if "extensions" in section:
        settings.extensions = tuple(e if e.startswith(".") else "." + e
                                    for e in _string_list(section["extensions"], f"{where}: extensions"))
    for name in LIMIT_DEFAULTS:
        if name in section:
            value = section[name]
            if not is_exactly(value, int) or value <= 0:
                raise ConfigError(f"{where}: {name} must be a positive integer")
            settings.limits[name] = value
    if "jekyll-config" in section:
        if not isinstance(section["jekyll-config"], bool):
            raise ConfigError(f"{where}: jekyll-config must be true or false")
        settings.site = section["jekyll-config"]
    if "references" in section or "unique" in section:
        from linter.site.checks import references_from, unique_from
        settings.references = references_from(section.get("references", []), root, where)
        settings.unique = unique_from(section.get("unique", []), root, where)
    if "allow-remote-refs" in section:
        if not isinstance(section["allow-remote-refs"], bool):
            raise ConfigError(f"{where}: allow-remote-refs must be true or false")
        settings.allow_remote_refs = section["allow-remote-refs"]
    return settings


def _rule_options(table, where: str) -> dict[str, dict]:
    from linter import rules
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: rules must be a table of rule tables")
    options = {}
    for key, values in table.items():
        found = rules.get(key)
        if found is None:
            raise ConfigError(f"{where}: rules.{key}: unknown rule")
        if not isinstance(values, dict):
            raise ConfigError(f"{where}: rules.{key} must be a table of options")
        for name, value in values.items():
            if name not in found.options:
                known = ", ".join(found.options) or "none"
                raise ConfigError(f"{where}: rules.{key}.{name}: unknown option (known: {known})")
            default = found.options[name]
            if not is_exactly(value, type(default)) and not (is_exactly(default, float) and is_exactly(value, int)):
                raise ConfigError(f"{where}: rules.{key}.{name} must be of type {type(default).__name__}")
        options[found.code] = dict(values)
    return options


class ConfigResolver:
    """Finds the settings for each file: `--config` for all, else the nearest configuration file.

    Discovery tells it which folders it walked (`listed`): every folder between a walked root
    and a file found in it was listed, so only the few holding a configuration file name are
    remembered, not one entry per folder (a tree of 24,000 folders costs no memory here).
    """

    def __init__(self, explicit: str | None = None, overrides=None):
        self.explicit = explicit
        self.overrides = overrides or (lambda s: s)
        self._by_folder: dict[str, Settings] = {}        # folders probed on disk (above the roots)
        self._by_file: dict[str | None, Settings] = {}
        self._roots: list[tuple] = []                    # folders discovery walked, absolute, and
                                                         # each one's prefix (with the separator)
        self._named: dict[str, str | None] = {}        # listed folders with a config file name
        # The last file's folder and its settings (the files of a folder come together): saves
        # ~1.5 µs a file where folders hold many files (power-apps).
        self._last_folder: str | None = None
        self._last_settings: Settings | None = None
        self._fixed = self._finish(settings_from_file(explicit)) if explicit else None

    def _finish(self, settings: Settings) -> Settings:
        return self.overrides(settings)

    def for_path(self, path: str) -> Settings:
        if self._fixed is not None:
            return self._fixed
        folder = os.path.abspath(path)
        if not os.path.isdir(folder):
            folder = os.path.dirname(folder)
        return self._for_folder(folder)

    def for_file(self, absolute_path: str) -> Settings:
        """Settings for a file given as a normalised absolute path (as discovery gives them)."""
        if self._fixed is not None:
            return self._fixed
        folder = os.path.dirname(absolute_path)
        if folder != self._last_folder:
            self._last_folder, self._last_settings = folder, self._for_listed_folder(folder)
        return self._last_settings

    def listed(self, absolute_folder: str, has_config: bool, is_root: bool = False):
        """Discovery saw the folder's names: no need to probe it for configuration files."""
        if is_root:
            self._roots.append((absolute_folder, absolute_folder.rstrip(os.sep) + os.sep))
        if has_config:
            self._named[absolute_folder] = None  # probed (is it our section?) when first needed

    def _for_listed_folder(self, folder: str) -> Settings:
        root = next((r for r, prefix in self._roots if folder == r or folder.startswith(prefix)), None)
        if root is None:
            return self._for_folder(folder)
        if not self._named or not self._named_below(root):  # no configuration file anywhere in the walked tree
            return self._for_root(root)
        current = folder
        while True:
            if current in self._named:
                source = self._named[current]
                if source is None:
                    source = self._named[current] = _config_in(current) or ""
                if source:
                    return self._settings_of(source)
            if current == root:
                return self._for_root(root)
            current = os.path.dirname(current)

    def _named_below(self, root: str) -> bool:
        prefix = root.rstrip(os.sep) + os.sep
        return any(folder == root or folder.startswith(prefix) for folder in self._named)

    def _for_root(self, root: str) -> Settings:
        """Settings above a walked root (its parent's), the same for every file of the tree."""
        parent = os.path.dirname(root)
        return self._default() if parent == root else self._for_folder(parent)

    def _settings_of(self, source: str) -> Settings:
        settings = self._by_file.get(source)
        if settings is None:
            settings = self._by_file[source] = self._finish(settings_from_file(source))
        return settings

    def _default(self) -> Settings:
        settings = self._by_file.get(None)
        if settings is None:
            settings = self._by_file[None] = self._finish(Settings(root=os.getcwd()))
        return settings

    def _for_folder(self, folder: str) -> Settings:
        """A folder not walked by discovery: its own config file, else its parent's settings."""
        settings = self._by_folder.get(folder)
        if settings is None:
            source = _config_in(folder)
            parent = os.path.dirname(folder)
            if source is not None:
                settings = self._settings_of(source)
            elif parent == folder:
                settings = self._default()
            else:
                settings = self._for_folder(parent)
            self._by_folder[folder] = settings
        return settings
