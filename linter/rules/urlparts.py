"""URL parsing for the URL rules (not a rule family): which keys are URL fields, a URL value's
parts and what is wrong with it (`parse`, one flag of `Problem` per rule), HTML character
references in URLs, and the ASCII and Unicode forms of host names.

Each distinct value is parsed once per process. `idna` is imported only for a host with
non-ASCII or `xn--` labels.
"""
from __future__ import annotations

import enum
import functools
import re
from typing import NamedTuple


def is_url_key(key) -> bool:
    """Whether a mapping key names a URL field: `url`, or a name ending in `Url` (`webUrl`)."""
    return key.__class__ is str and (key == "url" or key.endswith("Url"))


class Problem(enum.IntFlag):
    """What is wrong with a URL value: one flag per rule."""
    NOT_HTTP = 1      # URL001: not an absolute http(s) URL
    BAD_HOST = 2      # URL002: no real host, or a bad port
    EDGE_SPACE = 4    # URL003: leading or trailing whitespace
    INNER_SPACE = 8   # URL004: whitespace after the host
    ENTITY = 16       # URL005: an HTML character reference
    PLAIN_HTTP = 32   # URL006: plain http


NO_PROBLEM = Problem(0)


class ParsedURL(NamedTuple):
    """A URL value's parts (of the value stripped: surrounding whitespace is URL003's)."""
    scheme: str        # lower case, "" when there is none
    problem: str       # why it is not an absolute http(s) URL (URL001), "" when it is
    host: str          # as written, without user name and port
    host_problem: str  # why the host or port is not real (URL002), "" when they are
    rest: int          # index in the stripped value where the path, query or fragment starts
    is_ip: bool = False         # the host is an IP address literal
    problems: Problem = NO_PROBLEM  # of the value as written


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
WHITESPACE = re.compile(r"\s")
_AUTHORITY_END = re.compile(r"[/?#]")
# Characters no host may hold (WHATWG forbidden host code points, plus `%` and quotes/braces).
_FORBIDDEN_IN_HOST = re.compile(r"[\s\x00-\x1f\x7f#%/<>?@\[\\\]^|\"`{}]")
_ASCII_LABEL = re.compile(r"[A-Za-z0-9_-]+\Z")
_NUMERIC_LABEL = re.compile(r"(?:[0-9]+|0[xX][0-9A-Fa-f]*)\Z")
# Rarely needed patterns stay strings: `re` compiles (and caches) them on first use.
_IPV4 = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\Z"
# A value that starts with a host name (`www.example.com/story`): a URL without its scheme.
LOOKS_LIKE_HOST = r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?:[/?#]|\Z)"


# Corpora repeat logos and hosts, and several rules read each URL: saves 14 us a record (bench/out/x1).
@functools.lru_cache(maxsize=16384)
def parse(value: str) -> ParsedURL:
    """The URL's parts and problems."""
    url = value.strip()
    if not url:
        return _parsed(value, "", "is empty", "", "", 0)
    match = _SCHEME.match(url)
    if match is None:
        if url.startswith("//"):
            return _parsed(value, "", "is scheme-relative (starts with `//`)", "", "", 0)
        return _parsed(value, "", "is a relative URL", "", "", 0)
    scheme = match.group(1).lower()
    if scheme not in ("http", "https"):
        return _parsed(value, scheme, f"uses the `{match.group(1)}:` scheme", "", "", 0)
    start = match.end()
    if url[start:start + 2] != "//":
        return _parsed(value, scheme, f"has no `//` after `{match.group(0)}`", "", "", 0)
    start += 2
    end_match = _AUTHORITY_END.search(url, start)
    end = end_match.start() if end_match else len(url)
    authority = url[start:end]
    host_port = authority.rpartition("@")[2]
    host, problem, is_ip = _split_port(host_port)
    if not problem:
        problem, is_ip = _host_problem(host) if not is_ip else ("", True)
    return _parsed(value, scheme, "", host, problem, end, is_ip)


def _parsed(value: str, scheme: str, problem: str, host: str, host_problem: str, rest: int,
            is_ip: bool = False) -> ParsedURL:
    """The ParsedURL of `value` from its parts, with its problems."""
    found = NO_PROBLEM
    if problem:
        found |= Problem.NOT_HTTP
    elif host_problem:
        found |= Problem.BAD_HOST
    else:
        if WHITESPACE.search(value.strip(), rest):
            found |= Problem.INNER_SPACE
        if scheme == "http":
            found |= Problem.PLAIN_HTTP
    if value and (value[0].isspace() or value[-1].isspace()):
        found |= Problem.EDGE_SPACE
    if entities(value):
        found |= Problem.ENTITY
    return ParsedURL(scheme, problem, host, host_problem, rest, is_ip, found)


def _split_port(host_port: str):
    """(host, problem, is IPv6 literal)."""
    port = None
    if host_port.startswith("["):
        close = host_port.find("]")
        if close == -1:
            return host_port, f"host `{host_port}` has an unclosed `[`", False
        host, after = host_port[:close + 1], host_port[close + 1:]
        if after:
            if not after.startswith(":"):
                return host, f"unexpected `{after}` after the host `{host}`", False
            port = after[1:]
        import ipaddress
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return host, f"`{host}` is not a valid IPv6 address", False
        return host, _port_problem(port), True
    if ":" in host_port:
        host, _, port = host_port.rpartition(":")
        if ":" in host:
            return host_port, f"host `{host_port}` holds more than one `:` (IPv6 addresses need `[...]`)", False
        return host, _port_problem(port), False
    return host_port, "", False


def _port_problem(port: str | None) -> str:
    if not port:  # no port, or `host:` with an empty port (the default port)
        return ""
    if not port.isdigit() or not port.isascii():
        return f"port `{port}` is not a number"
    if not 0 < int(port) <= 65535:
        return f"port {port} is out of range (1-65535)"
    return ""


def _host_problem(host: str):
    """(problem, is an IPv4 address)."""
    if not host:
        return "has no host", False
    bad = _FORBIDDEN_IN_HOST.search(host)
    if bad:
        what = "whitespace" if bad.group(0).isspace() else f"`{bad.group(0)}`"
        return f"host `{shorten(host, 60)}` contains {what}", False
    name = host[:-1] if host.endswith(".") else host  # a fully qualified name's final dot
    labels = name.split(".")
    if "" in labels:
        return f"host `{host}` has an empty label (`..` or a leading `.`)", False
    if _NUMERIC_LABEL.match(labels[-1]):
        if re.match(_IPV4, name):
            return "", True
        return f"host `{host}` is neither a domain name nor a valid IPv4 address", False
    if len(labels) == 1:
        return f"host `{host}` is a single label, not a public host name", False
    if len(name) > 253:
        return f"host is {len(name)} characters long (at most 253)", False
    for label in labels:
        if label.isascii():
            if not _ASCII_LABEL.match(label):
                return f"host `{host}` has the label `{label}` with characters no host name may hold", False
            if len(label) > 63:
                return f"host label `{shorten(label, 40)}` is {len(label)} characters long (at most 63)", False
            if label[:4].lower() != "xn--":
                continue
        problem = _idna_problem(label)
        if problem:
            return f"host `{host}` is not a valid internationalized domain name ({problem})", False
    return "", False


def _idna_problem(label: str) -> str:
    import idna  # only hosts with non-ASCII or `xn--` labels get here

    try:
        if label.isascii():
            idna.decode(label)
        else:
            encoded = idna.encode(label, uts46=True)
            if len(encoded) > 63:
                return f"label `{label}` is {len(encoded)} characters long once encoded (at most 63)"
    except (idna.IDNAError, UnicodeError, ValueError) as exc:
        return f"`{label}`: {exc}"
    return ""


def shorten(value: str, limit: int = 80) -> str:
    """`value` cut to `limit` characters (with `...`), for a message."""
    return value if len(value) <= limit else value[:limit - 3] + "..."


# --- host names -------------------------------------------------------------------------------

def ascii_name(name: str) -> str | None:
    """Lower-case ASCII (punycode) form of a domain name, None when it is not valid IDNA."""
    name = name.lower().rstrip(".")
    if name.isascii() and "xn--" not in name:
        return name
    import idna
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return None


def unicode_name(name: str) -> str:
    """A domain name with its `xn--` labels decoded (as it is when one does not decode)."""
    try:
        return ".".join(label[4:].encode("ascii").decode("punycode") if label.startswith("xn--") else label
                        for label in name.split("."))
    except (UnicodeError, ValueError):
        return name


# --- percent-encoding and HTML character references -------------------------------------------

def percent_text(text: str) -> str:
    """`text` percent-encoded, every character (as UTF-8 bytes)."""
    return "".join(f"%{byte:02X}" for byte in text.encode("utf-8"))


def percent_whitespace(text: str) -> str:
    """`text` with each whitespace character percent-encoded (a space becomes `%20`)."""
    return WHITESPACE.sub(lambda match: percent_text(match.group(0)), text)


# An HTML character reference, with its semicolon: `&amp;`, `&#038;`, `&#x26;`.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Characters that may stand in a URL as they are (RFC 3986 unreserved and reserved, and `%`).
_URL_SAFE = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*\Z"


def entities(value: str) -> list:
    """The HTML character references in `value` (named ones only when HTML defines the name)."""
    if "&" not in value:
        return []
    found = []
    for match in _ENTITY.finditer(value):
        text = match.group(0)
        if text[1] != "#":
            from html.entities import html5
            if text[1:] not in html5:
                continue
        found.append(text)
    return found


def unescape(value: str) -> str:
    """`value` with its HTML character references replaced by their characters (a character
    that may not stand in a URL percent-encoded), twice escaped ones (`&amp;#038;`) included."""
    import html

    def replace(match):
        text = match.group(0)
        if text[1] != "#":
            from html.entities import html5
            if text[1:] not in html5:
                return text
        char = html.unescape(text)
        return char if re.match(_URL_SAFE, char) else percent_text(char)

    for _ in range(4):  # `&amp;#038;` is escaped twice
        new = _ENTITY.sub(replace, value)
        if new == value:
            break
        value = new
    return value


def article_key(url: str) -> str:
    """What must be equal for two URLs to name the same article (XF001-XF003, CON006): the host
    without `www.` and a default port, case-insensitive; the path without a trailing slash; the
    query. The scheme (http or https), a `#fragment` and a slash at the very end are ignored."""
    url = url.strip().split("#", 1)[0]
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    host, slash, path = rest.partition("/")
    path, question, query = path.partition("?")
    host = host.lower().rsplit("@", 1)[-1]
    scheme = scheme.lower()
    if host.endswith(":443") and scheme == "https" or host.endswith(":80") and scheme == "http":
        host = host.rsplit(":", 1)[0]
    if host.startswith("www."):
        host = host[4:]
    return f"{host}/{path.rstrip('/')}{question}{query.rstrip('/')}"  # `?v=1/`: a slash pasted on
