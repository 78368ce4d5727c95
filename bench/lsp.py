"""The language server's speed: a change's diagnostics, debouncing, start-up (`lint lsp`).

    python bench/lsp.py              # prints the table; targets from the issue in the last column

Rows:
- in process: what the server does between a change and its diagnostics (lint the editor's
  text with the pipeline, cross-file lookup, conversion to protocol diagnostics), for a ~2 KB
  record, clean (fast path) and with a planted defect (reference path); median and 90th
  percentile of 200 changes, each a different text.
- over stdio, a real client (pygls's) and `lint lsp` in a subprocess: start-up (process start
  to the first diagnostics of an opened record), beside the bare interpreter and the import of
  pygls alone in the same run; one change to its diagnostics as the client sees them; and a
  burst of 100 changes sent at once (how many diagnostics it publishes, and when the last arrives).

The record is the corpus file nearest 2 KB (`../shared/corpus`), else a generated one.
"""
import asyncio
import glob
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "news-history")
SERVER = [sys.executable, "-m", "linter", "lsp"]
ENV = {**os.environ, "PYTHONPATH": ROOT}


def record() -> tuple[str, str]:
    """(name, text) of a ~2 KB article record."""
    files = sorted(glob.glob(os.path.join(CORPUS, "*", "_news", "*.md")))[:400]
    if files:
        path = min(files, key=lambda f: abs(os.path.getsize(f) - 2048))
        with open(path, encoding="utf-8") as handle:
            return os.path.basename(path), handle.read()
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from conftest import ARTICLE
    related = "related:\n" + "".join(f'  - title: "Story {i}"\n    webUrl: "https://example.com/{i}/"\n' for i in range(12))
    return "2021-04-20-generated.md", ARTICLE.replace("\nsecured:", f"\n{related}secured:", 1)


def planted(text: str) -> str:
    """The record with `quality` quoted: SCH003, found on the reference path."""
    import re
    changed = re.sub(r"(?m)^quality: (\d+)$", r'quality: "\1"', text, count=1)
    assert changed != text
    return changed


def in_process(name: str, text: str, runs: int = 200):
    from linter.lsp.diagnostics import to_protocol
    from linter.lsp.positions import Lines
    from linter.lsp.server import FrontMatterServer

    server = FrontMatterServer()
    uri = "file://" + os.path.join(ROOT, "bench", "out", "lsp", "_news", name)
    times = []
    for i in range(runs + 20):
        changed = text.replace("title: \"", f"title: \"{i} ", 1)
        start = time.perf_counter()
        linted = server.lint_now(uri, changed, i)
        lines = Lines(changed)
        found = [to_protocol(d, lines) for d in linted.diagnostics]
        if i >= 20:  # the first ones import and compile
            times.append(time.perf_counter() - start)
    return statistics.median(times), sorted(times)[int(len(times) * 0.9)], len(found)


async def over_stdio(name: str, text: str, root: str):
    from lsprotocol import types
    from pygls.lsp.client import LanguageClient
    from pygls.uris import from_fs_path

    published = asyncio.Queue()
    client = LanguageClient("bench", "1")

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params):
        published.put_nowait((time.perf_counter(), params))

    uri = from_fs_path(os.path.join(root, "_news", name))
    start = time.perf_counter()
    await client.start_io(*SERVER, env=ENV)
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(),
                                                         root_uri=from_fs_path(root)))
    client.initialized(types.InitializedParams())
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="markdown", version=1, text=text)))
    arrived, _ = await published.get()
    startup = arrived - start

    line = next(i for i, t in enumerate(text.splitlines()) if t.startswith("title:"))
    version, single = 1, []
    for i in range(20):
        await asyncio.sleep(0.15)  # past the debounce: each change lints at once
        version += 1
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line, 0), end=types.Position(line, 5)),
                text="tittle" if i % 2 == 0 else "title")]))
        while True:
            arrived, params = await published.get()
            if params.version == version:
                break
        single.append(arrived - sent)

    await asyncio.sleep(0.3)
    sent = time.perf_counter()
    for i in range(100):
        version += 1
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=types.Position(line, 8), end=types.Position(line, 8)), text="x")]))
    burst, last = 0, None
    while last is None or last.version != version:
        arrived, last = await asyncio.wait_for(published.get(), 10)
        burst += 1
    burst_time = arrived - sent
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return startup, statistics.median(single), max(single), burst, burst_time


def process_seconds(code: str, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=ENV)
        best = min(best, time.perf_counter() - start)
    return best


def main():
    import tempfile
    name, text = record()
    print(f"record: {name}, {len(text.encode())} bytes")
    rows = []
    for label, body in (("clean", text), ("with a planted defect", planted(text))):
        median, p90, found = in_process(name, body)
        rows.append((f"in process: change → diagnostics, {label} ({found} diagnostics)",
                     f"{median * 1000:.2f} ms (p90 {p90 * 1000:.2f})", "≤ 5 ms", median <= 0.005))
    bare = process_seconds("pass")
    pygls = process_seconds("import pygls.lsp.server")
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "_news"))
        results = [asyncio.run(over_stdio(name, text, root)) for _ in range(5)]
    startup = min(r[0] for r in results)
    single = statistics.median(r[1] for r in results)
    worst = max(r[2] for r in results)
    burst = max(r[3] for r in results)
    burst_time = statistics.median(r[4] for r in results)
    rows += [
        ("stdio: process start → first diagnostics (best of 5)", f"{startup * 1000:.0f} ms", "< 300 ms", startup < 0.3),
        ("  bare interpreter, `python -c pass` (best of 5)", f"{bare * 1000:.0f} ms", "", None),
        ("  `import pygls.lsp.server` alone (lsprotocol's types), best of 5", f"{pygls * 1000:.0f} ms", "", None),
        ("stdio: one change → its diagnostics at the client (median; worst)",
         f"{single * 1000:.1f} ms; {worst * 1000:.1f}", "", None),
        ("stdio: 100 changes at once → diagnostics published (most of 5 runs)", f"{burst}", "≪ 100", burst < 10),
        ("  last change → its diagnostics (median)", f"{burst_time * 1000:.0f} ms", "", None),
    ]
    print("| measurement | value | target | met |\n|---|---|---|---|")
    for label, value, target, met in rows:
        print(f"| {label} | {value} | {target} | {'' if met is None else 'yes' if met else 'no'} |")


if __name__ == "__main__":
    main()
