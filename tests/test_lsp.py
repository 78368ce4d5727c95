"""`lint lsp` end to end: a real client (pytest-lsp) talks to the real server over stdio.

One server serves the module (start-up costs ~0.5 s); each test opens its own documents in a
workspace of its own files. Positions are checked exactly, in UTF-16 code units, on lines that
hold an emoji before the finding (one character, two UTF-16 units).
"""
import asyncio
import os
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient
from pygls.uris import from_fs_path

from conftest import ARTICLE, ARTICLE_JSON, ARTICLE_TOML, ROOT
from test_hostile import CASES

on_server = pytest.mark.asyncio(loop_scope="module")  # the tests sharing the module's server

SERVER = [sys.executable, "-m", "linter", "lsp"]
ENV = {**os.environ, "PYTHONPATH": ROOT}
# An article whose topics hold an emoji, then a topic with a trailing blank (CON003, safe fix).
EMOJI_TOPICS = ARTICLE.replace("topics:\n  - Transport\n  - Ferries", 'topics: ["🚢 Boats", "Ferries "]')
WEB_URL = 'webUrl: "https://www.harbour-times.com/2021/04/20/ferry-night-service/"'
DUPLICATE = 'webUrl: "https://www.harbour-times.com/2021/04/19/same-story/"'


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "_news").mkdir()
    # On disk only: the workspace index must find its URL (XF001 against an open document).
    (root / "_news" / "2021-04-19-indexed.md").write_text(ARTICLE.replace(WEB_URL, DUPLICATE), encoding="utf-8")
    return root


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER, server_env=ENV))
async def client(lsp_client: LanguageClient, workspace):
    markdown = [types.MarkupKind.Markdown, types.MarkupKind.PlainText]
    capabilities = types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(content_format=markdown),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(documentation_format=markdown))),
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)))
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=from_fs_path(str(workspace)),
        workspace_folders=[types.WorkspaceFolder(uri=from_fs_path(str(workspace)), name="site")]))
    yield
    await lsp_client.shutdown_session()


def uri_of(workspace, name):
    return from_fs_path(str(workspace / "_news" / name))


async def diagnostics_for(client, uri, timeout=10.0):
    """The server's next diagnostics of `uri` (the caller drops the previous ones: `expect`)."""
    async def published():
        while uri not in client.diagnostics:
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return list(client.diagnostics[uri])
    return await asyncio.wait_for(published(), timeout)


def expect(client, uri):
    """Forget the diagnostics of `uri`, so `diagnostics_for` waits for the next ones."""
    client.diagnostics.pop(uri, None)


def open_document(client, uri, text, version=1):
    expect(client, uri)
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)))


def change(client, uri, version, start, end, text):
    expect(client, uri)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(*start), end=types.Position(*end)), text=text)]))


def shape(diagnostic):
    r = diagnostic.range
    return (diagnostic.code, r.start.line, r.start.character, r.end.line, r.end.character)


def lines_of(text):
    return text.splitlines()


def line_of(text, prefix):
    return next(i for i, line in enumerate(text.splitlines()) if line.startswith(prefix))


def lint_fix(text, name):
    """What `lint --fix` makes of the text (standard input, written to standard output)."""
    done = subprocess.run([sys.executable, "-m", "linter", "--fix", "--no-cache", "-", "--stdin-filename", name],
                          input=text.encode(), capture_output=True, env=ENV, cwd=ROOT, timeout=60)
    return done.stdout.decode()


def apply_edits(text, edits):
    """Apply TextEdits (UTF-16 positions) as an editor does."""
    lines = text.splitlines(keepends=True)

    def offset(position):
        line = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while units < position.character:
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return sum(len(x) for x in lines[:position.line]) + index

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


@on_server
async def test_diagnostics_after_open_have_exact_utf16_ranges_code_and_link(client, workspace):
    uri = uri_of(workspace, "2021-04-20-open.md")
    open_document(client, uri, EMOJI_TOPICS)
    found = await diagnostics_for(client, uri)
    line = line_of(EMOJI_TOPICS, "topics:")
    # `topics: ["🚢 Boats", ` is 20 characters but 21 UTF-16 units; the range covers `"Ferries "`.
    assert [shape(d) for d in found] == [("CON003", line, 21, line, 31)]
    diagnostic = found[0]
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert diagnostic.source == "frontmatter-lint"
    assert diagnostic.code_description.href.startswith("file://")
    assert diagnostic.code_description.href.split("#")[0].endswith("/linter/rules/consistency.py")
    assert diagnostic.data == {"fix": "safe"}


@on_server
async def test_a_change_plants_a_defect_at_the_exact_position(client, workspace):
    uri = uri_of(workspace, "2021-04-20-change.md")
    text = ARTICLE.replace('title: "Harbour ferry adds a night service"', 'title: "🚢 Harbour ferry"')
    open_document(client, uri, text)
    assert await diagnostics_for(client, uri) == []
    line = line_of(text, "quality:")
    change(client, uri, 2, (line, 9), (line, 11), '"72"')
    found = await diagnostics_for(client, uri)
    assert [shape(d) for d in found] == [("SCH003", line, 9, line, 13)]
    assert "integer" in found[0].message
    # A defect after the emoji: the title line, an unknown key added at its end.
    title = line_of(text, "title:")
    change(client, uri, 3, (title, 0), (title, 5), "tittle")
    found = await diagnostics_for(client, uri)
    assert ("SCH001", title, 0, title, 6) in [shape(d) for d in found]


@on_server
async def test_quick_fix_gives_the_text_lint_fix_writes(client, workspace):
    uri = uri_of(workspace, "2021-04-20-fix.md")
    open_document(client, uri, EMOJI_TOPICS)
    found = await diagnostics_for(client, uri)
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=found[0].range,
        context=types.CodeActionContext(diagnostics=found)))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.title.startswith("CON003")]
    assert len(quick) == 1 and quick[0].is_preferred
    edits = quick[0].edit.document_changes[0].edits
    line = line_of(EMOJI_TOPICS, "topics:")
    assert [(e.range.start.line, e.range.start.character, e.range.end.character, e.new_text) for e in edits] == \
        [(line, 21, 31, '"Ferries"')]
    expected = lint_fix(EMOJI_TOPICS, "_news/2021-04-20-fix.md")
    assert expected != EMOJI_TOPICS
    assert apply_edits(EMOJI_TOPICS, edits) == expected
    fix_all = [a for a in actions if a.title.startswith("Fix all safe problems")]
    assert len(fix_all) == 1
    assert apply_edits(EMOJI_TOPICS, fix_all[0].edit.document_changes[0].edits) == expected


# The same emoji-then-blank topics in TOML and in JSON: the range and the quick fix are exact there too.
DIALECT_TOPICS = {
    "toml": (ARTICLE_TOML.replace('topics = ["Transport", "Ferries"]', 'topics = ["🚢 Boats", "Ferries "]'),
             'topics = ["🚢 Boats", ', '"Ferries "'),
    "json": (ARTICLE_JSON.replace('"topics": [\n    "Transport",\n    "Ferries"\n  ]',
                                  '"topics": ["🚢 Boats", "Ferries "]'),
             '  "topics": ["🚢 Boats", ', '"Ferries "'),
}


@pytest.mark.parametrize("dialect", sorted(DIALECT_TOPICS))
@on_server
async def test_toml_and_json_documents_get_exact_ranges_and_quick_fixes(client, workspace, dialect):
    text, before, value = DIALECT_TOPICS[dialect]
    assert value in text
    uri = uri_of(workspace, f"2021-04-20-{dialect}.md")
    open_document(client, uri, text)
    found = await diagnostics_for(client, uri)
    line = line_of(text, before.split(":")[0].split(" =")[0])
    start = len(before.encode("utf-16-le")) // 2  # the emoji is two UTF-16 units
    assert [shape(d) for d in found] == [("CON003", line, start, line, start + len(value))]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=found[0].range,
        context=types.CodeActionContext(diagnostics=found)))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.title.startswith("CON003")]
    fixed = apply_edits(text, quick[0].edit.document_changes[0].edits)
    assert fixed == lint_fix(text, f"_news/2021-04-20-{dialect}.md") == text.replace(value, '"Ferries"')
    # Hover on a key gives its schema help, read from the parsed block; on a value, nothing.
    title = line_of(text, "title" if dialect == "toml" else '  "title"')
    for character, expected in ((4, True), (len(lines_of(text)[title]) - 2, False)):
        hover = await client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(title, character)))
        assert (hover is not None and hover.contents.value.startswith("**title**")) if expected else hover is None
    # Completion reads TOML line by line (below); JSON gets none rather than a wrong key.
    completion = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line + 1, 0)))
    if dialect == "json":
        assert list(completion.items) == []
    else:
        assert completion.items and all(item.insert_text.endswith(" = ") for item in completion.items)


@on_server
async def test_completion_in_toml_offers_the_tables_missing_keys_and_enum_values_as_toml(client, workspace):
    uri = uri_of(workspace, "2021-04-20-toml-complete.md")
    text = ARTICLE_TOML.replace("heat = 12\n", "\n").replace('type = "article"', "type = ")
    open_document(client, uri, text)
    await diagnostics_for(client, uri)

    async def labels(line, character):
        found = await client.text_document_completion_async(types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, character)))
        return {item.label: item.insert_text for item in found.items}

    blank = lines_of(text).index("", 1)            # where `heat = 12` was: the root table
    root = await labels(blank, 0)
    assert root["heat"] == "heat = " and "title" not in root and "provider" not in root
    below_provider = line_of(text, "domain =") + 1   # in `[provider]`: its keys, not the top's
    assert await labels(below_provider, 0) == {}     # name, domain and [[provider.images]] are all there
    without_domain = text.replace('domain = "harbour-times.com"\n', "\n")
    change(client, uri, 2, (0, 0), (len(lines_of(text)), 0), without_domain)
    await diagnostics_for(client, uri)
    assert await labels(line_of(without_domain, "name =") + 1, 0) == {"domain": "domain = "}
    kind = line_of(without_domain, "type = ")
    assert await labels(kind, len("type = ")) == {'"article"': '"article"', '"video"': '"video"'}


@on_server
async def test_fix_all_applies_every_safe_fix_and_no_unsafe_one(client, workspace):
    uri = uri_of(workspace, "2021-04-20-fixall.md")
    text = (EMOJI_TOPICS.replace("published: true", "published: yes")                     # PIT001, safe
            .replace("publishedDateTime: 2021-04-20T18:00:00Z", "publishedDateTime: 2021-04-20 18:00:00"))  # DAT001, unsafe
    open_document(client, uri, text)
    found = await diagnostics_for(client, uri)
    assert {"CON003", "PIT001", "DAT001"} <= {d.code for d in found}
    everything = types.Range(start=types.Position(0, 0), end=types.Position(60, 0))
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=everything,
        context=types.CodeActionContext(diagnostics=[], only=["source.fixAll"])))
    assert [a.kind for a in actions] == ["source.fixAll.frontmatter-lint"]
    fixed = apply_edits(text, actions[0].edit.document_changes[0].edits)
    assert fixed == lint_fix(text, "_news/2021-04-20-fixall.md")
    assert "published: true" in fixed and "2021-04-20 18:00:00" in fixed  # the unsafe fix is not applied
    quick = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=everything,
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.QuickFix])))
    unsafe = [a for a in quick if a.title.startswith("DAT001")]
    assert unsafe and "unsafe" in unsafe[0].title and not unsafe[0].is_preferred


@on_server
async def test_hover_on_a_key_shows_its_schema_help_and_on_a_finding_its_rule(client, workspace):
    uri = uri_of(workspace, "2021-04-20-hover.md")
    text = ARTICLE.replace("quality: 64", 'quality: "64"')
    open_document(client, uri, text)
    await diagnostics_for(client, uri)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line_of(text, "type:"), 2)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    value = hover.contents.value
    assert value.startswith("**type** — Type")
    assert "Type: string" in value and 'Allowed values: `"article"`, `"video"`' in value
    assert "Kind of content: a written article or a video." in value
    line = line_of(text, "quality:")
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, 11)))
    assert "**quality**" in hover.contents.value and "Type: integer" in hover.contents.value
    assert "**SCH003** `wrong-type` (error): A value has the wrong type." in hover.contents.value
    body = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(len(text.splitlines()) - 1, 2)))
    assert body is None


@on_server
async def test_completion_offers_missing_keys_required_first_and_enum_values(client, workspace):
    uri = uri_of(workspace, "2021-04-20-complete.md")
    text = "---\ncategory: news\ntitle: x\nwebUrl: https://example.com/a\n\ntype: \n---\n"
    open_document(client, uri, text)
    items = (await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(4, 0)))).items
    ordered = [i.label for i in sorted(items, key=lambda i: i.sort_text)]
    required = ["excerpt", "publishedDateTime", "provider", "topics", "secured"]
    assert ordered[:len(required)] == required  # `type` is required but written: left out too
    assert not {"category", "title", "webUrl", "type"} & set(ordered)
    assert "originalUrl" in ordered and "quality" in ordered
    assert all(i.detail.startswith("required") for i in items if i.label in required)
    values = (await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(5, 6)))).items
    assert [(i.label, i.kind) for i in values] == [("article", types.CompletionItemKind.EnumMember),
                                                  ("video", types.CompletionItemKind.EnumMember)]
    nested = (await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(4, 0)))).items
    assert "domain" not in [i.label for i in nested]


@on_server
async def test_cross_file_duplicate_found_from_the_workspace_index(client, workspace):
    uri = uri_of(workspace, "2021-04-20-dup.md")
    text = ARTICLE.replace(WEB_URL, DUPLICATE)
    open_document(client, uri, text)
    for _ in range(50):  # the index is built in the background: wait for the re-lint it triggers
        found = await diagnostics_for(client, uri)
        if found:
            break
        await asyncio.sleep(0.1)
        change(client, uri, 2, (0, 0), (0, 0), "")
    assert [(d.code, d.range.start.line) for d in found] == [("XF001", line_of(text, "webUrl:"))]
    assert "_news/2021-04-19-indexed.md:6" in found[0].message


@on_server
async def test_configuration_reloaded_when_it_changes(client, workspace):
    uri = uri_of(workspace, "2021-04-20-config.md")
    text = ARTICLE.replace("quality: 64", 'quality: "64"')
    open_document(client, uri, text)
    assert [d.code for d in await diagnostics_for(client, uri)] == ["SCH003"]
    watched = [w["globPattern"] for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
               for w in r.register_options["watchers"]]
    assert {"**/.frontmatter-lint.toml", "**/*.schema.json", "**/_config.yml", "**/hugo.toml"} <= set(watched)
    config = workspace / ".frontmatter-lint.toml"
    config.write_text('ignore = ["SCH003"]\n', encoding="utf-8")
    try:
        expect(client, uri)
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Created)]))
        assert await diagnostics_for(client, uri) == []
    finally:
        config.unlink()
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=from_fs_path(str(config)), type=types.FileChangeType.Deleted)]))


@pytest.mark.parametrize("name", sorted(CASES))
@on_server
async def test_hostile_documents_get_their_diagnostic_and_the_server_stays_up(client, workspace, name):
    text, code = CASES[name]
    uri = uri_of(workspace, f"hostile-{name}.md")
    open_document(client, uri, text)
    found = await diagnostics_for(client, uri, timeout=30)
    assert (code in {d.code for d in found}) if code else found == []
    # Requests at odd places of the same document are answered too.
    await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 3)))
    await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 0)))
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


# A server whose pipeline fails on every document: the failure must become that document's
# diagnostic, and the server must go on answering.
CRASHING = [sys.executable, "-c", "import sys, linter.pipeline as p\n"
            "def boom(*a): raise RuntimeError('planted failure')\n"
            "p.lint_bytes = boom\n"
            "from linter.lsp.server import main\nsys.exit(main())"]


@pytest_lsp.fixture(config=ClientServerConfig(server_command=CRASHING, server_env=ENV))
async def crashing_client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio(loop_scope="function")
async def test_an_internal_error_is_the_documents_diagnostic_and_the_server_stays_up(crashing_client, tmp_path):
    uri = from_fs_path(str(tmp_path / "_news" / "x.md"))
    open_document(crashing_client, uri, ARTICLE)
    found = await diagnostics_for(crashing_client, uri)
    assert [(d.code, d.range.start.line) for d in found] == [("LNT002", 0)]
    assert "RuntimeError: planted failure" in found[0].message and "the server goes on" in found[0].message
    assert any("RuntimeError: planted failure" in m.message and m.type == types.MessageType.Error
               for m in crashing_client.log_messages)
    hover = await crashing_client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(1, 1)))
    assert hover is None


def test_shutdown_then_exit_ends_the_process_with_0_and_exit_alone_with_1():
    import json

    def message(payload):
        body = json.dumps({"jsonrpc": "2.0", **payload}).encode()
        return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)

    initialize = message({"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None,
                                                                       "capabilities": {}}})
    polite = initialize + message({"method": "initialized", "params": {}}) + message(
        {"id": 2, "method": "shutdown"}) + message({"method": "exit"})
    done = subprocess.run(SERVER, input=polite, capture_output=True, env=ENV, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert b'"id": 2' in done.stdout or b'"id":2' in done.stdout
    abrupt = initialize + message({"method": "exit"})
    done = subprocess.run(SERVER, input=abrupt, capture_output=True, env=ENV, timeout=60)
    assert done.returncode == 1
    assert b"Traceback" not in done.stderr


@on_server
async def test_typing_a_record_character_by_character_ends_with_the_linters_diagnostics(client, workspace):
    """Half-typed YAML at every step, requests between keystrokes, changes faster than the
    debounce: the server answers each request and its last diagnostics are those of the text."""
    from linter import lint_text

    uri = uri_of(workspace, "2021-04-20-typed.md")
    target = ARTICLE.split("provider:")[0].replace("quality: 64", 'quality: "64"') + "---\n"
    open_document(client, uri, "")
    await diagnostics_for(client, uri)
    line, character = 0, 0
    for version, char in enumerate(target[:400], start=2):
        change(client, uri, version, (line, character), (line, character), char)
        if char == "\n":
            line, character = line + 1, 0
        else:
            character += 1
        if version % 25 == 0:
            await client.text_document_completion_async(types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, character)))
            await client.text_document_hover_async(types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line, 0)))
    typed = target[:400]
    expected = [(d.code, d.line - 1, d.column - 1) for d in lint_text(typed, "_news/2021-04-20-typed.md")]
    assert expected  # half a record: required keys are missing
    for _ in range(50):
        found = await diagnostics_for(client, uri)
        if [(d.code, d.range.start.line, d.range.start.character) for d in found] == expected:
            break
        expect(client, uri)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == expected


def test_workspace_findings_include_references_to_the_site(tmp_path):
    """The editor's cross-file findings come from the same tables as `lint`: a topic the site's
    taxonomy does not define is REF001 in the document, with no other file indexed."""
    from conftest import line_of, make_site
    from linter.config import ConfigResolver
    from linter.lsp.workspace import WorkspaceIndex, workspace_findings
    from linter.pipeline import lint_bytes
    news = make_site(tmp_path)
    text = news.read_text().replace("  - Ferries\n", "  - Ferrys\n")
    resolver = ConfigResolver()
    result = lint_bytes(text.encode(), str(news), str(news), resolver.for_path(str(news)))
    found = workspace_findings(WorkspaceIndex(), str(news), result, resolver.for_path)
    assert [(d.code, d.line) for d in found] == [("REF001", line_of(text, "- Ferrys"))]


def test_an_image_changed_between_two_lints_is_measured_again(tmp_path):
    """The editor's server lives long: what the file system says of the site's images is read
    again for every lint, not kept from the last."""
    from conftest import SITE_LOGO, make_site, png
    from linter.lsp.server import FrontMatterServer
    news = make_site(tmp_path)
    server, text = FrontMatterServer(), news.read_text()
    assert [d.code for d in server.lint_now(news.as_uri(), text, 1).diagnostics] == []
    (tmp_path / SITE_LOGO).write_bytes(png(50, 49))
    assert sorted(d.code for d in server.lint_now(news.as_uri(), text, 2).diagnostics) == ["AST002", "AST003"]


def test_a_hugo_configuration_is_a_file_whose_change_reloads_the_settings():
    from linter.lsp.server import is_config_or_schema
    assert all(is_config_or_schema(f"/site/{name}") for name in ("hugo.toml", "config.yaml", "_config.yml"))
    assert not is_config_or_schema("/site/content/posts/hugo.md")
