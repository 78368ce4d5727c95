"""Stage 2: read a file's bytes and decode them, reporting encoding problems at the byte."""
from __future__ import annotations

import codecs
import os
import stat

from linter.model.findings import StageProblem
from linter.model.records import Record

# The codes this stage raises (documented in linter/rules/frontmatter.py).
INVALID_ENCODING = "FM006"
UNREADABLE_FILE = "FM007"
FILE_TOO_LARGE = "FM008"

UTF8_BOM = codecs.BOM_UTF8
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024  # the `max-file-bytes` setting's default
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


class Source(Record):
    """A decoded file. `text` has no BOM; `bom` remembers whether there was one (fixes keep it)."""

    __slots__ = _fields = ("path", "text", "bom")

    def __init__(self, path: str, text: str, bom: bool = False):
        self.path = path
        self.text = text
        self.bom = bom


class ReadProblem(StageProblem):
    __slots__ = ()


def position_of_byte(data: bytes, offset: int) -> tuple:
    """1-based line and column (in characters) of byte `offset`."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return line, column


def decode(path: str, data: bytes):
    """Return a Source, or a ReadProblem saying why the bytes are not UTF-8 text."""
    bom = data.startswith(UTF8_BOM)
    if bom:
        data = data[len(UTF8_BOM):]
    elif data.startswith(UTF32_BOMS):
        return ReadProblem(INVALID_ENCODING, "file is UTF-32 encoded; front matter must be UTF-8")
    elif data.startswith(UTF16_BOMS):
        return ReadProblem(INVALID_ENCODING, "file is UTF-16 encoded; front matter must be UTF-8")
    nul = data.find(b"\x00")
    if nul != -1:
        line, column = position_of_byte(data, nul)
        return ReadProblem(INVALID_ENCODING, "file contains a NUL byte: binary, not text", line, column)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = position_of_byte(data, exc.start)
        bad = data[exc.start:exc.start + 1].hex()
        return ReadProblem(INVALID_ENCODING, f"invalid UTF-8 (byte 0x{bad} at offset {exc.start + (3 if bom else 0)})", line, column)
    return Source(path, text, bom)


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
                (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_bytes(path: str, max_bytes: int | None = None):
    """The file's bytes, or a ReadProblem for an OSError, a non-regular file or an oversized file.

    Opened non-blocking and checked with fstat before reading: a named pipe or a device given on
    the command line (or swapped in after discovery) must never hang the run. Read with os.read
    on the descriptor: no buffered file object for a file read once, whole.
    """
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        return ReadProblem(UNREADABLE_FILE, f"cannot read file: {exc.strerror or exc.__class__.__name__}")
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "not a regular file")
            return ReadProblem(UNREADABLE_FILE, f"cannot read file: it is {kind}, not a regular file")
        limit = max_bytes + 1 if max_bytes else None
        chunks, size = [], 0
        while limit is None or size < limit:
            chunk = os.read(fd, max(info.st_size + 1 - size, 65536) if limit is None else
                            min(max(info.st_size + 1 - size, 65536), limit - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size == info.st_size and len(chunks) == 1:
                break  # all fstat gave, from a read asking for more: not reading on saves ~1 µs a file
        data = b"".join(chunks)
    except OSError as exc:
        return ReadProblem(UNREADABLE_FILE, f"cannot read file: {exc.strerror or exc.__class__.__name__}")
    finally:
        os.close(fd)
    if max_bytes and len(data) > max_bytes:
        return file_too_large(max_bytes)
    return data


def file_too_large(max_bytes: int) -> ReadProblem:
    return ReadProblem(FILE_TOO_LARGE, f"file is larger than the limit of {max_bytes} bytes (option max-file-bytes)")


def read_head(path: str, size: int = 64) -> bytes:
    """The first `size` bytes of a file already known to be regular (b"" if it cannot be read)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return b""
    try:
        return os.read(fd, size)
    except OSError:
        return b""
    finally:
        os.close(fd)


def may_hold_front_matter(head: bytes) -> bool:
    """Whether bytes that failed to read or decode could still be a front-matter file: they
    open with `---`, `+++` or a JSON object (after a BOM, in UTF-8, UTF-16 or UTF-32)."""
    from linter.stages.frontmatter import opens_front_matter
    for bom, encoding in ((UTF8_BOM, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                          (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return opens_front_matter(head[len(bom):].decode(encoding, "ignore"))
    return opens_front_matter(head.decode("latin-1"))


def read_file(path: str, display: str | None = None, max_bytes: int | None = None):
    """Read and decode `path`; an OSError or an oversized file becomes a ReadProblem."""
    data = read_bytes(path, max_bytes)
    return data if isinstance(data, ReadProblem) else decode(display or path, data)
