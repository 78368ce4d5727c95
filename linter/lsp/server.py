"""`lint lsp`: the language server (pygls) and its handlers.

Threads: the protocol runs on pygls's event loop; every call into the linter (lint, fix,
hover, completion, the background index) runs on one lint thread, so the linter's per-process
caches are only ever touched by one thread, and a slow document never stalls the protocol.

Changes are debounced per document: a change lints at once when the document has not been
linted for DEBOUNCE_SECONDS, otherwise one lint of the latest text runs when that time is up.
Typing fast thus lints at most every DEBOUNCE_SECONDS, never queueing one lint per keystroke,
and a single change gets its diagnostics within a lint's time. Diagnostics of a version the
editor has already moved past are dropped (latest version wins).
"""
from __future__ import annotations

import asyncio
import logging
import os
import time
import traceback
from concurrent.futures import ThreadPoolExecutor

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from linter import __version__
from linter.lsp import diagnostics as converted
from linter.lsp.actions import FIX_ALL_KIND
from linter.lsp.positions import Lines
from linter.lsp.workspace import Indexer, WorkspaceIndex, workspace_findings
from linter.site.root import HUGO_CONFIGS

DEBOUNCE_SECONDS = 0.1
LANGUAGES = ("markdown", "mdx", "html")
# Files whose change means the configuration, a site's or a schema may have changed (a Hugo
# configuration decides whether keys are read whatever their case).
CONFIG_NAMES = (".frontmatter-lint.toml", "pyproject.toml", "_config.yml", *HUGO_CONFIGS)
WATCHED = (*(f"**/{name}" for name in CONFIG_NAMES), "**/*.schema.json", "**/*.schema.yaml", "**/*.schema.yml")

log = logging.getLogger("frontmatter-lint.lsp")


class Linted:
    """The last lint of a document: the text linted and what the linter made of it."""

    __slots__ = ("version", "text", "path", "settings", "result", "diagnostics", "failure")

    def __init__(self, version, text, path, settings=None, result=None, diagnostics=()):
        self.version, self.text, self.path = version, text, path
        self.settings, self.result, self.diagnostics = settings, result, list(diagnostics)
        self.failure: str | None = None  # the traceback, when linting failed


class DocumentState:
    __slots__ = ("uri", "linted", "last_lint", "timer", "running", "again")

    def __init__(self, uri: str):
        self.uri = uri
        self.linted: Linted | None = None
        self.last_lint = float("-inf")  # loop time the last change-triggered lint started
        self.timer: asyncio.TimerHandle | None = None
        self.running = False
        self.again = False


class FrontMatterServer(LanguageServer):
    def __init__(self):
        super().__init__("frontmatter-lint", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.states: dict[str, DocumentState] = {}
        self.lint_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="frontmatter-lint")
        self.resolver = None
        self.index = WorkspaceIndex()
        self.indexer: Indexer | None = None
        self.docs_template: str | None = None
        self.cross_file = True
        self.shut_down = False
        self.warmed = False

    # --- the lint thread ----------------------------------------------------------------------

    async def on_lint_thread(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.lint_thread, function, *args)

    def settings_resolver(self):
        if self.resolver is None:
            from linter.config import ConfigResolver
            self.resolver = ConfigResolver()
        return self.resolver

    def roots(self) -> list[str]:
        if self.protocol._workspace is None:  # not initialized (bench/lsp.py lints in process)
            return []
        folders = [to_fs_path(f.uri) for f in self.workspace.folders.values()]
        if not folders and self.workspace.root_path:
            folders = [self.workspace.root_path]
        return [f for f in folders if f and os.path.isdir(f)]

    def display_of(self, path: str) -> str:
        for root in self.roots():
            if path.startswith(root.rstrip(os.sep) + os.sep):
                return os.path.relpath(path, root).replace(os.sep, "/")
        return path.replace(os.sep, "/")

    def lint_now(self, uri: str, text: str, version) -> Linted:
        """Lint the editor's text of a document (on the lint thread). Never raises: a failure is
        logged and becomes the document's one diagnostic."""
        path = path_of(uri, self.roots())
        display = self.display_of(path)
        linted = Linted(version, text, path)
        try:
            from linter.pipeline import lint_bytes
            from linter.site import assets
            assets.forget()  # an image the record names may have changed since the last lint
            resolver = self.settings_resolver()
            settings = resolver.for_path(path)
            result = lint_bytes(text.lstrip("\ufeff").encode("utf-8", "surrogatepass"), path, display, settings)
            linted.settings, linted.result = settings, result
            linted.diagnostics = list(result.diagnostics)
            if self.cross_file:
                linted.diagnostics += workspace_findings(self.index, path, result, resolver.for_path)
        except Exception as exc:  # noqa: BLE001 - one document's failure must not take the server down
            linted.diagnostics = [converted.failure(display, failure_message(exc))]
            linted.failure = f"linting {uri} failed:\n{traceback.format_exc()}"
            log.error("%s", linted.failure)
        return linted

    def publish(self, uri: str, linted: Linted):
        if linted.failure:  # the client's log too (editors show it in the server's output)
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Error, message=linted.failure))
        lines = Lines(linted.text, self.workspace.position_codec.client_num_units)
        try:
            found = [converted.to_protocol(d, lines, self.docs_template) for d in linted.diagnostics]
        except Exception as exc:  # noqa: BLE001
            log.error("converting the diagnostics of %s failed:\n%s", uri, traceback.format_exc())
            found = [converted.to_protocol(converted.failure("", failure_message(exc)), lines)]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=found, version=linted.version))

    # --- scheduling ---------------------------------------------------------------------------

    def request_lint(self, uri: str, debounce: bool = True):
        state = self.states.get(uri)
        if state is None:
            return
        loop = asyncio.get_running_loop()
        if state.timer is not None:
            return  # a lint of the latest text is already due
        wait = state.last_lint + DEBOUNCE_SECONDS - loop.time() if debounce else 0
        if wait > 0:
            state.timer = loop.call_later(wait, self._fire, uri)
        else:
            self._fire(uri, debounce)

    def _fire(self, uri: str, debounced: bool = True):
        state = self.states.get(uri)
        if state is None:
            return
        state.timer = None
        if debounced:
            state.last_lint = asyncio.get_running_loop().time()
        if state.running:
            state.again = True  # lint the latest text once this one is done
            return
        state.running = True
        asyncio.ensure_future(self._lint_and_publish(uri))

    async def _lint_and_publish(self, uri: str):
        state = self.states.get(uri)
        try:
            while state is not None:
                state.again = False
                document = self.workspace.get_text_document(uri)
                linted = await self.on_lint_thread(self.lint_now, uri, document.source, document.version)
                if self.states.get(uri) is not state:
                    return  # closed meanwhile
                state.linted = linted
                if not state.again and self.workspace.get_text_document(uri).version == linted.version:
                    self.publish(uri, linted)
                    self.warm_up(linted)
                if not state.again:
                    return
        except Exception:  # noqa: BLE001
            log.error("linting %s failed:\n%s", uri, traceback.format_exc())
        finally:
            if state is not None:
                state.running = False

    def warm_up(self, linted: Linted):
        """After the first diagnostics, load the reference path (PyYAML, jsonschema, the compiled
        schema: ~100 ms) while the author reads, not on the first keystroke that plants a defect."""
        if self.warmed or linted.result is None or linted.settings is None:
            return
        self.warmed = True
        from linter.pipeline import lint_bytes
        data = linted.text.lstrip("\ufeff").encode("utf-8", "surrogatepass")
        reference = linted.settings.replace(fast=False)
        self.lint_thread.submit(lint_bytes, data, linted.path, linted.result.display, reference)

    async def current(self, uri: str) -> Linted | None:
        """The document's lint for its current text (linted now if it changed since)."""
        state = self.states.get(uri)
        if state is None:
            return None
        document = self.workspace.get_text_document(uri)
        if state.linted is None or state.linted.version != document.version or state.linted.text != document.source:
            state.linted = await self.on_lint_thread(self.lint_now, uri, document.source, document.version)
        return state.linted

    # --- workspace index and reloading ----------------------------------------------------------

    def start_index(self):
        if not self.cross_file or not self.roots():
            return
        self.index = WorkspaceIndex()
        self.indexer = Indexer(self.index, self.roots(), self.settings_resolver())
        asyncio.ensure_future(self._index_in_slices(self.indexer))

    async def _index_in_slices(self, indexer: Indexer):
        """Each slice is one job on the lint thread: a keystroke's lint waits one slice at most."""
        started = time.perf_counter()
        try:
            while indexer is self.indexer:
                if await self.on_lint_thread(indexer.run_slice):
                    break
                await asyncio.sleep(0)
        except Exception:  # noqa: BLE001 - an unreadable tree leaves the index partial, not the server down
            log.error("building the workspace index failed:\n%s", traceback.format_exc())
            return
        if indexer is self.indexer:
            log.info("workspace index: %d files in %.2f s", indexer.files, time.perf_counter() - started)
            for uri in list(self.states):  # cross-file findings of the open documents
                self.request_lint(uri, debounce=False)

    def reload(self):
        """Configuration or a schema changed: read them again and lint everything again."""
        self.resolver = None  # configuration files are read again as documents need them
        self.lint_thread.submit(forget_schemas)  # before any lint queued after it
        for state in self.states.values():
            state.linted = None
        self.indexer = None
        self.start_index()
        for uri in list(self.states):
            self.request_lint(uri, debounce=False)


def forget_schemas():
    """Drop what the process knows of schema files, so the next lint reads them again."""
    from linter.schemas import loader, reader
    from linter.stages import fastpath
    loader.forget_loaded()
    # Every cache keyed by a schema's name (its path): a changed file must not answer from them.
    for cached in (reader.paths_with_format, reader.key_places, reader.has_external_refs, reader.top_level_keys,
                   fastpath._validator):
        cached.cache_clear()
    from linter.site import checks, root
    root.clear()  # a changed _config.yml: its defaults, address and collections are read again
    checks.builtin_references.cache_clear()
    checks.with_builtin_rows.cache_clear()


def failure_message(exc: BaseException) -> str:
    return (f"frontmatter-lint failed on this document ({exc.__class__.__name__}: {exc}); "
            "the server goes on: see its log, and please report it")


def path_of(uri: str, roots: list[str]) -> str:
    """The file a document is, or for an unsaved one (`untitled:`) a name in the first root."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path:
        return os.path.abspath(path)
    name = uri.rsplit("/", 1)[-1].rsplit(":", 1)[-1] or "untitled.md"
    return os.path.join(roots[0] if roots else os.getcwd(), name)


def is_config_or_schema(path: str) -> bool:
    name = os.path.basename(path)
    return name in CONFIG_NAMES or name.endswith((".schema.json", ".schema.yaml", ".schema.yml"))


server = FrontMatterServer()


@server.feature(types.INITIALIZE)
def initialize(ls: FrontMatterServer, params: types.InitializeParams):
    options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
    template = options.get("ruleDocsUrl")
    ls.docs_template = template if isinstance(template, str) and template else None
    ls.cross_file = options.get("crossFile", True) is not False


@server.feature(types.INITIALIZED)
async def initialized(ls: FrontMatterServer, params: types.InitializedParams):
    ls.start_index()
    dynamic = (ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
               and ls.client_capabilities.workspace.did_change_watched_files.dynamic_registration)
    if dynamic:
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
        try:
            await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                id="frontmatter-lint-watch", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        except Exception as exc:  # noqa: BLE001 - didSave of those files still reloads
            log.warning("the client refused the file watchers: %s", exc)


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FrontMatterServer, params: types.DidOpenTextDocumentParams):
    document = params.text_document
    if not _ours(document.uri, document.language_id):
        return
    ls.states[document.uri] = DocumentState(document.uri)
    ls.request_lint(document.uri, debounce=False)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FrontMatterServer, params: types.DidChangeTextDocumentParams):
    ls.request_lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: FrontMatterServer, params: types.DidSaveTextDocumentParams):
    uri = params.text_document.uri
    path = path_of(uri, ls.roots())
    if is_config_or_schema(path):
        ls.reload()
        return
    if uri in ls.states:
        linted = await ls.current(uri)
        if linted is not None and linted.result is not None:
            ls.index.update(linted.path, linted.result.index)
        ls.request_lint(uri, debounce=False)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FrontMatterServer, params: types.DidCloseTextDocumentParams):
    state = ls.states.pop(params.text_document.uri, None)
    if state is not None:
        if state.timer is not None:
            state.timer.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: FrontMatterServer, params: types.DidChangeWatchedFilesParams):
    if any(is_config_or_schema(to_fs_path(change.uri) or "") for change in params.changes):
        ls.reload()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
async def code_action(ls: FrontMatterServer, params: types.CodeActionParams):
    uri = params.text_document.uri
    linted = await ls.current(uri)
    if linted is None:
        return None
    from linter.lsp.actions import code_actions
    lines = Lines(linted.text, ls.workspace.position_codec.client_num_units)
    return await ls.on_lint_thread(code_actions, uri, linted.version, linted, lines, params.range, params.context.only)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: FrontMatterServer, params: types.HoverParams):
    uri = params.text_document.uri
    linted = await ls.current(uri)
    if linted is None or linted.settings is None:
        return None
    from linter.lsp.schemahelp import hover as hover_text
    lines = Lines(linted.text, ls.workspace.position_codec.client_num_units)
    text = await ls.on_lint_thread(hover_text, linted.text, params.position, linted.path, linted.settings,
                                   linted.diagnostics, lines)
    if not text:
        return None
    return types.Hover(contents=types.MarkupContent(kind=markup_kind(ls, "hover"), value=text))


@server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "-"]))
async def completion(ls: FrontMatterServer, params: types.CompletionParams):
    uri = params.text_document.uri
    state = ls.states.get(uri)
    if state is None:
        return None
    document = ls.workspace.get_text_document(uri)
    path = path_of(uri, ls.roots())
    from linter.lsp.schemahelp import completion as complete

    def items():
        settings = ls.settings_resolver().for_path(path)
        lines = Lines(document.source, ls.workspace.position_codec.client_num_units)
        return complete(document.source, params.position, path, settings, lines, markup_kind(ls, "completion"))

    return types.CompletionList(is_incomplete=False, items=await ls.on_lint_thread(items))


@server.feature(types.SHUTDOWN)
def shutdown(ls: FrontMatterServer, *args):
    ls.shut_down = True
    ls.indexer = None
    for state in ls.states.values():
        if state.timer is not None:
            state.timer.cancel()
    ls.lint_thread.shutdown(wait=False, cancel_futures=True)


def markup_kind(ls: FrontMatterServer, feature: str) -> types.MarkupKind:
    """Markdown where the client reads it, else the same text as plain text."""
    capabilities = ls.client_capabilities.text_document
    if feature == "hover":
        hover = capabilities and capabilities.hover
        formats = hover and hover.content_format
    else:
        completion = capabilities and capabilities.completion
        item = completion and completion.completion_item
        formats = item and item.documentation_format
    return types.MarkupKind.Markdown if formats and types.MarkupKind.Markdown in formats else types.MarkupKind.PlainText


def _ours(uri: str, language_id: str | None) -> bool:
    """Markdown, MDX and HTML documents, and any file with an extension the linter walks."""
    if language_id in LANGUAGES:
        return True
    return os.path.splitext(uri)[1].lower() in (".md", ".markdown", ".mdx", ".html", ".htm")


def main() -> int:
    """Serve on standard input and output until the client says exit; 0 after a shutdown request."""
    logging.basicConfig(level=logging.WARNING, format="frontmatter-lint lsp: %(levelname)s %(message)s")
    log.setLevel(logging.INFO)  # pygls logs every message at INFO: only its warnings
    server.start_io()
    return 0 if server.shut_down else 1
