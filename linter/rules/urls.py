"""URL: every URL-valued field — absolute http(s), a real host, no whitespace, no HTML entities,
the AMP cache form of `ampWebUrl`, and the provider's domain.

URL fields are found generically: any key named `url` or ending in `Url`, at any depth
(`webUrl`, `originalUrl`, `ampWebUrl`, `cdnAmpWebUrl`, `images[].url`, `provider.images[].url`,
`related[].webUrl`, `related[].images[].url`, ...). Values that are not strings are the schema's
findings (SCH003). A finding of these rules on a value replaces the schema's generic `uri` format
error (SCH005) there.

Cost: each distinct URL is parsed once per process (corpora repeat the same logos and hosts),
and the union of the problems of a record's URLs is found once per record (URL001) and kept on
the context for the other rules. Nearly every record has none, so its URL values are only read,
without building pointers: on the fast path, where the record is valid against a schema that
admits no key it does not name, only where that schema allows URL fields (`_template`), else by
a walk of the whole record; the fields and their pointers are collected only for a record with a
problem. `idna` is imported only for a host with non-ASCII or `xn--` labels, and the public
suffix list (`publicsuffixlist`, shipped with the package, never fetched) is built only when a
provider domain cannot be confirmed without it.
"""
from __future__ import annotations

import re

from linter.model.pointers import MISSING, escape, resolve
from linter.rules import rule


def replace_string_value(span, new_value, description, safe=True):
    from linter.fix.edits import replace_string_value as replace  # built only for a finding being placed
    return replace(span, new_value, description, safe)


# --------------------------------------------------------------------------------------------
# Finding URL fields


def _collect(mapping: dict, pointer: str, out: list):
    for key, item in mapping.items():
        if isinstance(item, str):
            if key.__class__ is str and (key == "url" or key.endswith("Url")):
                out.append((f"{pointer}/{escape(key)}", key, item))
        elif item.__class__ is dict:
            _collect(item, f"{pointer}/{escape(key)}", out)
        elif item.__class__ is list:
            _collect_list(item, f"{pointer}/{escape(key)}", out)


def _collect_list(items: list, pointer: str, out: list):
    for index, item in enumerate(items):
        if item.__class__ is dict:
            _collect(item, f"{pointer}/{index}", out)
        elif item.__class__ is list:
            _collect_list(item, f"{pointer}/{index}", out)


def url_fields(record) -> list:
    """(pointer, key, value) of every string-valued URL field of the record, in source order."""
    return _record_urls(record)[0]


def _record_urls(record):
    """(URL fields, union of their problem kinds), by the generic walk (pointers and all)."""
    fields: list = []
    if record.__class__ is dict:
        _collect(record, "", fields)
    kinds = 0
    for field in fields:
        kinds |= parse(field[2]).kinds
    return fields, kinds


def _record_kinds(ctx) -> int:
    """The union of the problem kinds of the record's URL fields, computed once per record
    (`ctx.memo`) for the other URL rules.

    A clean record (kinds 0, nearly every record) needs no pointers: its URL values are read by
    a walk that builds none, and on the fast path, where the record is valid against a schema
    that admits no key it does not name, only where that schema allows URL fields (`_template`).
    Any problem found sends the record to the generic walk, which alone builds the fields."""
    record = ctx.record
    if record.__class__ is not dict:
        kinds = _record_urls(record)[1]
    else:
        walk = _walkers.get(ctx.schema, _UNSET) if ctx.screening else None
        if walk is _UNSET:
            walk = _walker(ctx.schema)
        kinds = walk(record) if walk is not None else _map_kinds(record)
        if kinds:
            kinds = _record_urls(record)[1]
    return kinds


def _report_fields(ctx, kind: int, report):
    """`report(ctx, fields)` for the URL fields with a problem of `kind`: () for nearly every
    record, whose URLs have none (known from one scan per record)."""
    fields = _fields_with(ctx, kind)
    return report(ctx, fields) if fields else ()


def _fields_with(ctx, kind: int):
    """(pointer, value, parsed) of the URL fields having a problem of `kind`."""
    kinds = ctx.memo(_record_kinds)
    if not kinds & kind:
        return ()
    fields = ctx.memo(_record_url_fields)
    return [(pointer, value, parse(value)) for pointer, _, value in fields if parse(value).kinds & kind]


def _record_url_fields(ctx) -> list:
    return url_fields(ctx.record)


_URL_KEYS: dict = {}  # key -> whether it names a URL field (`url`, `...Url`)


def _is_url_key(key) -> bool:
    found = key.__class__ is str and (key == "url" or key.endswith("Url"))
    if len(_URL_KEYS) > 4096:
        _URL_KEYS.clear()
    _URL_KEYS[key] = found
    return found


def _map_kinds(mapping: dict) -> int:
    """`_collect`'s URL values, their kinds only: the same walk without pointers."""
    kinds = 0
    for key, item in mapping.items():
        cls = item.__class__
        if cls is dict:
            kinds |= _map_kinds(item)
        elif cls is list:
            kinds |= _list_kinds(item)
        elif cls is str or isinstance(item, str):
            is_url = _URL_KEYS.get(key)
            if is_url is None:
                is_url = _is_url_key(key)
            if is_url:
                found = _cache.get(item)
                kinds |= (found if found is not None else parse(item)).kinds
    return kinds


def _list_kinds(items: list) -> int:
    kinds = 0
    for item in items:
        cls = item.__class__
        if cls is dict:
            kinds |= _map_kinds(item)
        elif cls is list:
            kinds |= _list_kinds(item)
    return kinds


# Where a schema lets URL fields be, for records known to be valid against it (the fast path):
# a node is (properties, items), properties a tuple of (key, names a URL field, node) holding
# only the keys below which a URL field may be, items the node of a list's items; None where
# no URL field can be. A schema that admits keys it does not name (or that this reading does
# not understand) has no template: the generic walk reads the whole record.
_UNSET = object()
_walkers: dict = {}  # schema name -> the walk of its template, None for the generic walk
_NO_URLS = (None, None)
_SCALARS = frozenset(("string", "integer", "number", "boolean", "null"))
# Keywords that admit values `properties` and `items` do not describe, or that this reading
# does not follow. The others (`required`, `anyOf`, `not`, `minimum`...) only narrow what the
# node's `type`, `properties` and `items` admit.
_WIDENING = ("patternProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems",
             "prefixItems", "$dynamicRef", "$recursiveRef")


class _Open(Exception):
    """The schema admits values the template would not visit."""


def _template(schema_name):
    """The schema's template, or None."""
    from linter.schemas.loader import SchemaError, load_schema
    try:
        root = load_schema(schema_name)
        found = _node_template(root, root, ())
    except (SchemaError, _Open, RecursionError, TypeError, ValueError, AttributeError):
        return None
    return found if found[0] is not None else None  # the record is a mapping


def _walker(schema_name):
    """The function giving a valid record's URL kinds by the schema's template, or None."""
    template = _template(schema_name)
    if template is None:
        walk = None
    else:
        def walk(record, template=template):
            return _template_kinds(record, template)
    if len(_walkers) > 64:
        _walkers.clear()
    _walkers[schema_name] = walk
    return walk


def _node_template(root, node, refs: tuple):
    if node is False:
        return _NO_URLS  # nothing is valid here
    if not isinstance(node, dict):
        raise _Open
    if any(keyword in node for keyword in _WIDENING):
        raise _Open
    ref = node.get("$ref")
    if ref is not None:
        # The reference alone bounds what is valid (its siblings can only narrow it).
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in refs:
            raise _Open
        target = resolve(root, ref[1:], MISSING)
        if target is MISSING:
            raise _Open
        return _node_template(root, target, refs + (ref,))
    for keyword in ("enum", "const"):
        if keyword in node:
            values = node[keyword] if keyword == "enum" else [node[keyword]]
            if isinstance(values, list) and not any(isinstance(v, (dict, list)) for v in values):
                return _NO_URLS  # scalars only
    kinds = node.get("type")
    if isinstance(kinds, str):
        kinds = {kinds}
    elif isinstance(kinds, list) and kinds and all(isinstance(kind, str) for kind in kinds):
        kinds = set(kinds)
    else:
        raise _Open  # no type: any value
    if kinds - _SCALARS - {"object", "array"}:
        raise _Open
    properties = items = None
    if "object" in kinds:
        named = node.get("properties", {})
        if node.get("additionalProperties", True) is not False or not isinstance(named, dict):
            raise _Open
        found = []
        for key, child in named.items():
            child_template = _node_template(root, child, refs)
            is_url = key == "url" or key.endswith("Url")
            if is_url or child_template != _NO_URLS:
                found.append((key, is_url, child_template))
        properties = tuple(found) or None
    if "array" in kinds:
        if "items" not in node:
            raise _Open
        items = _node_template(root, node["items"], refs)
        if items == _NO_URLS:
            items = None
    return (properties, items) if properties is not None or items is not None else _NO_URLS


def _template_kinds(mapping: dict, node) -> int:
    """`_map_kinds` of a mapping valid against the schema node: only where URL fields may be."""
    kinds = 0
    for key, is_url, child in node[0]:
        item = mapping.get(key)
        if item is None:
            continue
        cls = item.__class__
        if cls is str:
            if is_url:
                found = _cache.get(item)
                kinds |= (found if found is not None else parse(item)).kinds
        elif cls is dict:
            if child[0] is not None:
                kinds |= _template_kinds(item, child)
        elif cls is list:
            if child[1] is not None:
                kinds |= _template_list_kinds(item, child[1])
        elif isinstance(item, str):
            if is_url:
                kinds |= parse(item).kinds
    return kinds


def _template_list_kinds(items: list, node) -> int:
    kinds = 0
    for item in items:
        cls = item.__class__
        if cls is dict:
            if node[0] is not None:
                kinds |= _template_kinds(item, node)
        elif cls is list:
            if node[1] is not None:
                kinds |= _template_list_kinds(item, node[1])
    return kinds


def _field(pointer: str) -> str:
    return "`" + pointer[1:].replace("/", ".").replace("~1", "/").replace("~0", "~") + "`"


def _short(value: str, limit: int = 80) -> str:
    return value if len(value) <= limit else value[:limit - 3] + "..."


# --------------------------------------------------------------------------------------------
# Parsing a URL (once per distinct value)

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_WHITESPACE = re.compile(r"\s")
_AUTHORITY_END = re.compile(r"[/?#]")
# Characters no host may hold (WHATWG forbidden host code points, plus `%` and quotes/braces).
_FORBIDDEN_IN_HOST = re.compile(r"[\s\x00-\x1f\x7f#%/<>?@\[\\\]^|\"`{}]")
_ASCII_LABEL = re.compile(r"[A-Za-z0-9_-]+\Z")
_NUMERIC_LABEL = re.compile(r"(?:[0-9]+|0[xX][0-9A-Fa-f]*)\Z")
# Rarely needed patterns stay strings: `re` compiles (and caches) them on first use.
_IPV4 = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}\Z"
_LOOKS_LIKE_HOST = r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}(?:[/?#]|\Z)"


class Parsed:
    """A URL's parts: `scheme` (lower case, "" when there is none), `problem` (why it is not an
    absolute http(s) URL: URL001), `host` (as written, without user name and port),
    `host_problem` (why the host or port is not real: URL002), `rest` (index in the stripped
    value where the path, query or fragment starts), `is_ip` (an IP address literal)."""

    __slots__ = ("scheme", "problem", "host", "host_problem", "rest", "is_ip", "kinds")

    def __init__(self, scheme, problem, host, host_problem, rest, is_ip=False):
        self.scheme, self.problem, self.host, self.host_problem = scheme, problem, host, host_problem
        self.rest, self.is_ip, self.kinds = rest, is_ip, 0


# Problem kinds of one URL value, one bit per rule.
NOT_HTTP, BAD_HOST, EDGE_SPACE, INNER_SPACE, ENTITY, PLAIN_HTTP = 1, 2, 4, 8, 16, 32

_cache: dict = {}


def parse(value: str) -> Parsed:
    """The URL's parts (of the value stripped: surrounding whitespace is URL003's) and problem
    kinds, computed once per distinct value."""
    found = _cache.get(value)
    if found is None:
        if len(_cache) > 20000:
            _cache.clear()
        found = _cache[value] = _parse(value.strip())
        found.kinds = _kinds(value, found)
    return found


def _kinds(value: str, parsed: Parsed) -> int:
    kinds = 0
    if parsed.problem:
        kinds |= NOT_HTTP
    elif parsed.host_problem:
        kinds |= BAD_HOST
    else:
        if _WHITESPACE.search(value.strip(), parsed.rest):
            kinds |= INNER_SPACE
        if parsed.scheme == "http":
            kinds |= PLAIN_HTTP
    if value and (value[0].isspace() or value[-1].isspace()):
        kinds |= EDGE_SPACE
    if "&" in value and _entities(value):
        kinds |= ENTITY
    return kinds


def _parse(url: str) -> Parsed:
    if not url:
        return Parsed("", "is empty", "", "", 0)
    match = _SCHEME.match(url)
    if match is None:
        if url.startswith("//"):
            return Parsed("", "is scheme-relative (starts with `//`)", "", "", 0)
        return Parsed("", "is a relative URL", "", "", 0)
    scheme = match.group(1).lower()
    if scheme not in ("http", "https"):
        return Parsed(scheme, f"uses the `{match.group(1)}:` scheme", "", "", 0)
    start = match.end()
    if url[start:start + 2] != "//":
        return Parsed(scheme, f"has no `//` after `{match.group(0)}`", "", "", 0)
    start += 2
    end_match = _AUTHORITY_END.search(url, start)
    end = end_match.start() if end_match else len(url)
    authority = url[start:end]
    host_port = authority.rpartition("@")[2]
    host, problem, is_ip = _split_port(host_port)
    if not problem:
        problem, is_ip = _host_problem(host) if not is_ip else ("", True)
    return Parsed(scheme, "", host, problem, end, is_ip)


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
        return f"host `{_short(host, 60)}` contains {what}", False
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
                return f"host label `{_short(label, 40)}` is {len(label)} characters long (at most 63)", False
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


# --------------------------------------------------------------------------------------------
# Rules on each URL field


@rule("URL001", "url-not-absolute-http", fix="unsafe", supersedes=("format",))
def url_not_absolute_http(ctx):
    """A URL field is not an absolute `http://` or `https://` URL.

    **What it does.** Checks every URL field (keys named `url` or ending in `Url`, at any
    depth) and reports empty values, relative paths (`/assets/logo.png`), scheme-relative URLs
    (`//cdn.example.com/x.jpg`), other schemes (`javascript:`, `data:`, `mailto:`, `ftp:`) and
    `https:` without `//`. For a scheme-relative URL, and for a value that starts with a host
    name (`www.example.com/story`), an unsafe fix adds `https:` or `https://`: check that the
    site serves the page over HTTPS.

    **Why it matters.** Records are shown on other sites, in feeds and in apps: a relative URL
    resolves against whichever page shows it and points nowhere; `javascript:` and `data:`
    URLs in links are a script injection vector; `mailto:` is not an article.

    **Fails**
    ```
    webUrl: "/2021/04/20/ferry-night-service/"
    images:
      - url: "//cdn.harbour-times.com/ferry.jpg"
    ```
    **Passes**
    ```
    webUrl: "https://www.harbour-times.com/2021/04/20/ferry-night-service/"
    images:
      - url: "https://cdn.harbour-times.com/ferry.jpg"
    ```
    """
    if not ctx.memo(_record_kinds) & NOT_HTTP:
        return ()  # no URL of the record has this problem (nearly every record)
    fields = _fields_with(ctx, NOT_HTTP)
    return _not_absolute_http(ctx, fields) if fields else ()


def _not_absolute_http(ctx, fields):
    for pointer, value, parsed in fields:
        stripped = value.strip()
        fix = None
        if stripped.startswith("//") and len(stripped) > 2:
            fix = _prefix_fix(ctx, pointer, value, "https:")
        elif not parsed.scheme and re.match(_LOOKS_LIKE_HOST, stripped):
            fix = _prefix_fix(ctx, pointer, value, "https://")
        shown = f" `{_short(stripped)}`" if stripped else ""
        yield ctx.report(f"{_field(pointer)}{shown} {parsed.problem}: it must be an absolute http(s) URL",
                         pointer, fix=fix)


def _prefix_fix(ctx, pointer, value, prefix):
    start = len(value) - len(value.lstrip())
    new = value[:start] + prefix + value[start:]
    return lambda: replace_string_value(ctx.span(pointer), new, f"add `{prefix}` in front of the URL", safe=False)


@rule("URL002", "url-invalid-host", supersedes=("format",))
def url_invalid_host(ctx):
    """An http(s) URL's host is not a real host name, or its port is not a port.

    **What it does.** Reports, in every URL field, a missing host (`https:///path`), a host
    with whitespace or characters no host name may hold, an empty label (`www..example.com`),
    a single-label host (`localhost`, `undefined`), a label longer than 63 characters, a
    numeric host that is not a valid IPv4 address, an invalid IPv6 literal, a non-ASCII or
    `xn--` label that is not a valid internationalized domain name (IDNA, checked with the
    `idna` package), and a port that is not a number from 1 to 65535. Valid non-ASCII hosts
    (`https://bücher.example/`) pass.

    **Why it matters.** Such a URL cannot be resolved by any browser or crawler: the link, the
    image or the logo is broken for every reader. A single-label host is a development or
    templating leftover (`https://undefined/...`).

    **Fails**
    ```
    webUrl: "https://www.harbour times.com/2021/04/20/ferry/"
    originalUrl: "https://www.harbour-times.com:8o80/2021/04/20/ferry/"
    ```
    **Passes**
    ```
    webUrl: "https://www.harbour-times.com/2021/04/20/ferry/"
    originalUrl: "https://www.harbour-times.com:8080/2021/04/20/ferry/"
    ```
    """
    return _report_fields(ctx, BAD_HOST, _invalid_host)


def _invalid_host(ctx, fields):
    for pointer, _, parsed in fields:
        yield ctx.report(f"{_field(pointer)}: {parsed.host_problem}", pointer)


@rule("URL003", "url-surrounding-whitespace", fix="safe", supersedes=("format",))
def url_surrounding_whitespace(ctx):
    """A URL field starts or ends with whitespace.

    **What it does.** Reports URL values with leading or trailing spaces, tabs, line breaks or
    non-breaking spaces. The safe fix strips them (the quoting style is kept).

    **Why it matters.** Consumers that do not trim (feeds, JSON APIs, `href` built by string
    concatenation, duplicate detection) see a different or invalid URL; the whitespace is
    always a copy-and-paste or pipeline accident.

    **Fails**
    ```
    webUrl: " https://www.harbour-times.com/2021/04/20/ferry/ "
    ```
    **Passes**
    ```
    webUrl: "https://www.harbour-times.com/2021/04/20/ferry/"
    ```
    """
    return _report_fields(ctx, EDGE_SPACE, _surrounding_whitespace)


def _surrounding_whitespace(ctx, fields):
    for pointer, value, _ in fields:
        new = value.strip()
        yield ctx.report(f"{_field(pointer)} has leading or trailing whitespace", pointer,
                         fix=lambda p=pointer, n=new: replace_string_value(ctx.span(p), n, "strip the whitespace"))


@rule("URL004", "url-inner-whitespace", fix="unsafe", supersedes=("format",))
def url_inner_whitespace(ctx):
    """A URL's path, query or fragment contains whitespace.

    **What it does.** Reports whitespace inside an http(s) URL after its host (whitespace in
    the host is URL002's, around the URL URL003's). The unsafe fix percent-encodes it (a space
    becomes `%20`): check that the result is the intended address, since a space may also
    stand for a lost character or a line break inside a pasted URL.

    **Why it matters.** A URL may not contain whitespace (RFC 3986). Browsers guess, but
    feeds, crawlers, Markdown renderers and JSON consumers cut the URL at the space or reject
    it.

    **Fails**
    ```
    images:
      - url: "https://www.harbour-times.com/uploads/night ferry.jpg"
    ```
    **Passes**
    ```
    images:
      - url: "https://www.harbour-times.com/uploads/night%20ferry.jpg"
    ```
    """
    return _report_fields(ctx, INNER_SPACE, _inner_whitespace)


def _inner_whitespace(ctx, fields):
    for pointer, value, parsed in fields:
        stripped = value.strip()
        start = len(value) - len(value.lstrip())
        new = value[:start] + stripped[:parsed.rest] + _WHITESPACE.sub(_percent, stripped[parsed.rest:]) \
            + value[start + len(stripped):]
        yield ctx.report(f"{_field(pointer)} contains whitespace: `{_short(stripped)}`", pointer,
                         fix=lambda p=pointer, n=new: replace_string_value(ctx.span(p), n,
                                                                           "percent-encode the whitespace", safe=False))


def _percent(match) -> str:
    return _percent_text(match.group(0))


def _percent_text(text: str) -> str:
    return "".join(f"%{byte:02X}" for byte in text.encode("utf-8"))


# An HTML character reference, with its semicolon: `&amp;`, `&#038;`, `&#x26;`.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Characters that may stand in a URL as they are (RFC 3986 unreserved and reserved, and `%`).
_URL_SAFE = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*\Z"


def _entities(value: str) -> list:
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


def _unescape(value: str) -> str:
    import html

    def replace(match):
        text = match.group(0)
        if text[1] != "#":
            from html.entities import html5
            if text[1:] not in html5:
                return text
        char = html.unescape(text)
        return char if re.match(_URL_SAFE, char) else _percent_text(char)

    for _ in range(4):  # `&amp;#038;` is escaped twice
        new = _ENTITY.sub(replace, value)
        if new == value:
            break
        value = new
    return value


@rule("URL005", "url-html-entity", fix="safe")
def url_html_entity(ctx):
    """A URL contains an HTML entity such as `&#038;` or `&amp;`.

    **What it does.** Reports HTML character references (`&amp;`, `&#038;`, `&#38;`, `&#x26;`,
    `&quot;`, ...; with their semicolon, named ones only when HTML defines the name) in every
    URL field. The safe fix unescapes them (`&#038;` becomes `&`; a character that may not
    stand in a URL is percent-encoded), keeping the quoting style.

    **Why it matters.** The URL was copied out of HTML without unescaping, a known pipeline
    defect (WordPress writes `&#038;` in `src` attributes). In a URL the `#` of `&#038;` starts
    the fragment, so everything after it never reaches the server: `?w=1200&#038;strip=all`
    requests `?w=1200&` and the image comes back unresized or not at all. `&amp;` sends a
    parameter named `amp;strip` instead of `strip`.

    **Fails**
    ```
    images:
      - url: "https://venturebeat.com/wp-content/uploads/2020/06/selene.jpg?w=1200&#038;strip=all"
    ```
    **Passes**
    ```
    images:
      - url: "https://venturebeat.com/wp-content/uploads/2020/06/selene.jpg?w=1200&strip=all"
    ```
    """
    return _report_fields(ctx, ENTITY, _html_entity)


def _html_entity(ctx, fields):
    for pointer, value, _ in fields:
        found = _entities(value)
        names = ", ".join(f"`{e}`" for e in dict.fromkeys(found))
        why = " (its `#` makes the rest of the URL a fragment)" if any(e[1] == "#" for e in found) else ""
        yield ctx.report(f"{_field(pointer)} contains the HTML entit{'ies' if len(set(found)) > 1 else 'y'} "
                         f"{names}{why}: unescape {'them' if len(set(found)) > 1 else 'it'}", pointer,
                         fix=lambda p=pointer, v=value: replace_string_value(ctx.span(p), _unescape(v),
                                                                             "unescape the HTML entities"))


@rule("URL006", "url-insecure-http", "warning", fix="unsafe")
def url_insecure_http(ctx):
    """A URL uses plain `http://` instead of `https://`.

    **What it does.** Reports http URLs with a valid host in every URL field. The unsafe fix
    switches the scheme to `https`: check that the site serves the same address over HTTPS.

    **Why it matters.** The site is served over HTTPS: browsers block or upgrade `http`
    images (mixed content) and warn on `http` links; an `http` article URL is usually a stale
    copy of an address that has moved to HTTPS. It is a warning because some small sites
    still serve only plain HTTP.

    **Fails**
    ```
    images:
      - url: "http://cherwell.org/wp-content/uploads/2021/04/ferry.jpg"
    ```
    **Passes**
    ```
    images:
      - url: "https://cherwell.org/wp-content/uploads/2021/04/ferry.jpg"
    ```
    """
    return _report_fields(ctx, PLAIN_HTTP, _insecure_http)


def _insecure_http(ctx, fields):
    for pointer, value, _ in fields:
        start = len(value) - len(value.lstrip())
        new = value[:start] + "https" + value[start + 4:]
        yield ctx.report(f"{_field(pointer)} uses plain http: use https", pointer,
                         fix=lambda p=pointer, n=new: replace_string_value(ctx.span(p), n, "use https",
                                                                           safe=False))


# --------------------------------------------------------------------------------------------
# AMP cache URLs

_CACHE_DOMAINS = ("cdn.ampproject.org", "bing-amp.com")
# Right-to-left and left-to-right letters (as the AMP toolbox classifies them): a host with both
# gets a hashed cache prefix.
_RTL = "[\u0591-\u06EF\u06FA-\u07FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFC]"
_LTR = ("[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02B8\u0300-\u0590\u0800-\u1FFF"
        "\u200E\u2C00-\uFB1C\uFE00-\uFE6F\uFEFD-\uFFFF]")


def _items(record):
    """(pointer prefix, mapping) of the record and of each `related[]` item."""
    yield "", record
    related = record.get("related")
    if type(related) is list:
        for index, item in enumerate(related):
            if type(item) is dict:
                yield f"/related/{index}", item


def amp_cache_prefix(host: str) -> str | None:
    """The AMP cache's domain prefix for a publisher host (`www-example-com`), or None when the
    cache uses its hashed fallback or the host is not an ASCII domain name (then the exact form
    is not computed here)."""
    host = host.lower()
    if host.endswith("."):
        return None
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label[4:].encode("ascii").decode("punycode")
            except (UnicodeError, ValueError):
                return None
        labels.append(label)
    unicode = ".".join(labels)
    if not host.isascii() or "." not in host or not unicode.isascii() and re.search(_RTL, unicode) \
            and re.search(_LTR, unicode):
        return None
    prefix = unicode.replace("-", "--").replace(".", "-")
    if prefix[2:4] == "--":
        prefix = f"0-{prefix}-0"
    if not prefix.isascii():
        try:
            prefix = "xn--" + prefix.encode("punycode").decode("ascii")
        except UnicodeError:
            return None
    return prefix if len(prefix) <= 63 else None


def amp_cache_url(amp_url: str):
    """(domain prefix or None, path) of the AMP cache URL of `amp_url`: the path is `/c/s/` (or
    `/c/` for http) and the AMP URL without its scheme. None when the AMP URL is not a plain
    http(s) URL (other rules report it) or the cache's form of it is not specified (a port, a
    user name, a host written in non-ASCII)."""
    parsed = parse(amp_url)
    if parsed.problem or parsed.host_problem or amp_url != amp_url.strip() or not parsed.host.isascii():
        return None
    if amp_url[amp_url.index("//") + 2:parsed.rest] != parsed.host:
        return None
    mode = "/c/s/" if parsed.scheme == "https" else "/c/"
    prefix = None if parsed.is_ip else amp_cache_prefix(parsed.host)
    return prefix, mode + parsed.host.lower() + amp_url[parsed.rest:]


_cache_url_problems: dict = {}  # (AMP URL, cache URL) -> _cache_url_problem of them


def _cache_url_problem(amp_url: str, cdn_url: str):
    """(message, rebuilt URL or None) when `cdn_url` is not the cache form of `amp_url`,
    computed once per distinct pair."""
    key = (amp_url, cdn_url)
    found = _cache_url_problems.get(key, _UNSET)
    if found is _UNSET:
        if len(_cache_url_problems) > 4096:
            _cache_url_problems.clear()
        found = _cache_url_problems[key] = _compare_cache_url(amp_url, cdn_url)
    return found


def _compare_cache_url(amp_url: str, cdn_url: str):
    expected = amp_cache_url(amp_url)
    if expected is None:
        return None
    prefix, path = expected
    cdn = cdn_url.strip()
    host = cdn[8:].split("/", 1)[0] if cdn[:8].lower() == "https://" else ""
    cache_domain = next((d for d in _CACHE_DOMAINS if host.lower().endswith("." + d)), None)
    expected_host = f"{prefix}.{cache_domain or _CACHE_DOMAINS[0]}" if prefix else None
    rebuilt = f"https://{expected_host}{path}" if expected_host else None
    if cache_domain is None:
        return "is not an AMP cache URL (`https://<prefix>.cdn.ampproject.org/c/...`)", rebuilt
    if expected_host is not None and host.lower() != expected_host:
        return f"has the cache host `{host}`, not `{expected_host}`", rebuilt
    if not _same_path(cdn[8 + len(host):], path):
        return f"does not end in `{_short(path, 60)}` (the AMP URL without its scheme)", rebuilt
    return None


def _same_path(actual: str, expected: str) -> bool:
    """Equal, except that the publisher host inside the path is compared case-insensitively."""
    if actual == expected:
        return True
    mode = "/c/s/" if expected.startswith("/c/s/") else "/c/"
    end = expected.find("/", len(mode))
    end = len(expected) if end == -1 else end
    return (actual.startswith(mode) and actual[:end].lower() == expected[:end]
            and actual[end:] == expected[end:])


@rule("URL007", "amp-cache-url-mismatch", fix="safe")
def amp_cache_url_mismatch(ctx):
    """`cdnAmpWebUrl` is not the AMP cache form of `ampWebUrl`.

    **What it does.** Rebuilds the Google AMP Cache URL of `ampWebUrl` (AMP Cache URL format:
    the host, with IDN labels decoded, has each `-` doubled and each `.` turned into `-`,
    wrapped in `0-`...`-0` when that puts `--` at the 3rd and 4th characters and
    punycode-encoded again; then `.cdn.ampproject.org/c/s/` and the AMP URL without its
    scheme, `/c/` without `s/` for an `http` AMP URL) and reports a different
    `cdnAmpWebUrl`, at the top level and in each `related[]` item. The safe fix writes the
    rebuilt URL. Where the cache uses its hashed host instead (a prefix over 63 characters, a
    host mixing right-to-left and left-to-right letters, an IP address) only the part after
    the host is compared and no fix is offered; an AMP URL whose cache form is not specified
    (a port, a user name, a host written in non-ASCII rather than `xn--`) is not compared.
    `bing-amp.com` cache URLs are compared the same way.

    **Why it matters.** The cache URL is derived from the AMP URL: when they disagree, one
    was edited without the other and readers of the cached page land on another article or a
    404.

    **Fails**
    ```
    ampWebUrl: "https://www.harbour-times.com/2021/04/20/ferry/amp/"
    cdnAmpWebUrl: "https://www-harbour-times-com.cdn.ampproject.org/c/s/www.harbour-times.com/2021/04/20/ferry/amp/"
    ```
    **Passes**
    ```
    ampWebUrl: "https://www.harbour-times.com/2021/04/20/ferry/amp/"
    cdnAmpWebUrl: "https://www-harbour--times-com.cdn.ampproject.org/c/s/www.harbour-times.com/2021/04/20/ferry/amp/"
    ```
    """
    record = ctx.record
    if "cdnAmpWebUrl" not in record and "related" not in record:
        return ()  # nothing to compare (most records)
    return _amp_cache_url_mismatch(ctx)


def _amp_cache_url_mismatch(ctx):
    for prefix, item in _items(ctx.record):
        amp, cdn = item.get("ampWebUrl"), item.get("cdnAmpWebUrl")
        if type(amp) is not str or type(cdn) is not str:
            continue
        found = _cache_url_problem(amp, cdn)
        if found is None:
            continue
        message, rebuilt = found
        pointer = f"{prefix}/cdnAmpWebUrl"
        fix = None
        if rebuilt is not None:
            fix = lambda p=pointer, n=rebuilt: replace_string_value(ctx.span(p), n, "rebuild it from ampWebUrl")
        yield ctx.report(f"{_field(pointer)} {message}: it must be the AMP cache form of {_field(prefix + '/ampWebUrl')}"
                         + (f" (`{_short(rebuilt, 120)}`)" if rebuilt else ""), pointer, fix=fix)


@rule("URL008", "amp-url-unpaired")
def amp_url_unpaired(ctx):
    """`ampWebUrl` without `cdnAmpWebUrl`, or `cdnAmpWebUrl` without `ampWebUrl`.

    **What it does.** Reports, at the top level and in each `related[]` item, an AMP URL whose
    cache URL is missing, or a cache URL whose AMP URL is missing, at the one that is present.

    **Why it matters.** The pipeline writes both or neither: every real record with an AMP
    page has both (50 of 50 in the corpus history), since the cache URL is computed from the
    AMP URL. One alone means an edit or an import lost the other, and the site shows a
    broken or missing AMP link. It is an error for that reason; a content tree whose records
    deliberately carry only `ampWebUrl` can lower it with a severity override.

    **Fails**
    ```
    ampWebUrl: "https://www.harbour-times.com/2021/04/20/ferry/amp/"
    ```
    **Passes**
    ```
    ampWebUrl: "https://www.harbour-times.com/2021/04/20/ferry/amp/"
    cdnAmpWebUrl: "https://www-harbour--times-com.cdn.ampproject.org/c/s/www.harbour-times.com/2021/04/20/ferry/amp/"
    ```
    """
    record = ctx.record
    if ("ampWebUrl" in record) is ("cdnAmpWebUrl" in record) and "related" not in record:
        return ()  # both or neither, and no related items (most records)
    return _amp_url_unpaired(ctx)


def _amp_url_unpaired(ctx):
    for prefix, item in _items(ctx.record):
        has_amp, has_cdn = "ampWebUrl" in item, "cdnAmpWebUrl" in item
        if has_amp and not has_cdn:
            pointer = f"{prefix}/ampWebUrl"
            yield ctx.report(f"{_field(pointer)} without {_field(prefix + '/cdnAmpWebUrl')} (its AMP cache URL)",
                             pointer)
        elif has_cdn and not has_amp:
            pointer = f"{prefix}/cdnAmpWebUrl"
            yield ctx.report(f"{_field(pointer)} without {_field(prefix + '/ampWebUrl')} (the AMP URL it caches)",
                             pointer)


# --------------------------------------------------------------------------------------------
# Provider domains

# Top-level domains under which the public suffix list has no ICANN rule but the TLD itself:
# there, a two-label `name.tld` that ends a host is that host's registrable domain (ICANN
# section) without building the list. tests/test_rules_urls.py checks this against the list.
FLAT_TLDS = frozenset(("com", "net", "org", "dev", "app", "info", "biz", "news", "blog", "tech", "de", "nl",
                       "ch", "eu", "ru", "tv", "cloud", "online", "site", "xyz"))
_psl: dict = {}
_psl_text: list = []


def _suffix_list(tld: str, icann_only: bool):
    """A `publicsuffixlist.PublicSuffixList` holding the rules of one top-level domain, from the
    list shipped in that package (read from its file, never fetched), built once per process
    for each top-level domain and section choice. Only rules ending in a name's top-level domain
    can match it, so the answers are those of the whole list; building the whole list costs
    ~25 ms, one top-level domain's ~3 ms."""
    found = _psl.get((tld, icann_only))
    if found is None:
        from publicsuffixlist import PSLFILE, PublicSuffixList
        if not _psl_text:
            with open(PSLFILE, encoding="utf-8") as handle:
                text = handle.read()
            _psl_text.extend((text, text.find("// ===END ICANN DOMAINS===")))
        text, icann_end = _psl_text
        pattern = re.compile(rf"^[^/\s]\S*\.{re.escape(tld)}$|^{re.escape(tld)}$", re.M)
        lines = pattern.findall(text, 0, icann_end)
        if not icann_only:
            lines += pattern.findall(text, icann_end)
        found = _psl[(tld, icann_only)] = PublicSuffixList(lines, accept_encoded_idn=False)
    return found


def _ascii_name(name: str) -> str | None:
    """Lower-case ASCII (punycode) form of a domain name, None when it is not valid IDNA."""
    name = name.lower().rstrip(".")
    if name.isascii() and "xn--" not in name:
        return name
    import idna
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError):
        return None


def _unicode_name(name: str) -> str:
    try:
        return ".".join(l[4:].encode("ascii").decode("punycode") if l.startswith("xn--") else l
                        for l in name.split("."))
    except (UnicodeError, ValueError):
        return name


def registrable_domain(host: str, icann_only: bool = False) -> str | None:
    """The registrable domain (public suffix plus one label) of a lower-case ASCII host, by the
    whole public suffix list or only its ICANN section; None when the host is a public suffix."""
    name = _unicode_name(host)
    found = _suffix_list(name.rpartition(".")[2], icann_only).privatesuffix(name)
    return _ascii_name(found) if found else None


def domain_matches(domain: str, host: str) -> bool:
    """Whether `domain` is the registrable domain of `host`, by the ICANN section of the public
    suffix list or by the whole list (so `blogspot.com` and `foo.blogspot.com` both pass for
    `foo.blogspot.com`). Both are lower-case ASCII."""
    if domain != host and not host.endswith("." + domain):
        return False
    labels = domain.count(".") + 1
    if labels == 2 and domain.rpartition(".")[2] in FLAT_TLDS:
        return True
    return registrable_domain(host, True) == domain or registrable_domain(host) == domain


_BAD_DOMAIN = re.compile(r"[\s/:]")


@rule("URL009", "provider-domain-mismatch", "warning", fix="unsafe")
def provider_domain_mismatch(ctx):
    """An article's `provider.domain` is not the registrable domain of its `webUrl`.

    **What it does.** For records and `related[]` items with `type: article`, compares
    `provider.domain` with the registrable domain (public suffix plus one label, from the
    public suffix list shipped with the `publicsuffixlist` package; never downloaded) of the
    `webUrl` host, or of `originalUrl` when there is no `webUrl`, and reports it at
    `provider.domain`. Accepted without a finding: a host that is `www.` or another
    subdomain of the domain (`docs.microsoft.com` for `microsoft.com`); for hosted blogs both
    the platform and the blog (`blogspot.com` or `foo.blogspot.com` for `foo.blogspot.com`);
    the domain of `originalUrl` when `webUrl` is an aggregator's or syndicator's copy; case
    and IDN spelling (`bücher.de` is `xn--bcher-kva.de`). A domain written with its
    subdomain (`www.venturebeat.com`) is reported. Video records are exempt: their URL is the video
    site's (YouTube) and the provider is the channel's publisher. The unsafe fix writes the
    registrable domain of the URL's host: check that the URL is the publisher's own.

    **Why it matters.** The provider's name, logo (`organizations/<domain>-50x50.jpg`) and
    grouping are keyed on its domain: a mismatch credits the article to the wrong publisher
    or shows no logo. It is a warning because syndicated articles legitimately live on
    another publisher's site.

    **Fails**
    ```
    webUrl: "https://www.geekwire.com/2021/power-apps-update/"
    type: article
    provider:
      domain: venturebeat.com
    ```
    **Passes**
    ```
    webUrl: "https://www.geekwire.com/2021/power-apps-update/"
    type: article
    provider:
      domain: geekwire.com
    ```
    """
    record = ctx.record
    if "related" not in record and (record.get("type") != "article" or _domain_problem(record) is None):
        return ()  # the record alone, and not an article or its domain agrees (most records)
    return _provider_domain_mismatch(ctx)


def _provider_domain_mismatch(ctx):
    for prefix, item in _items(ctx.record):
        found = _domain_problem(item)
        if found is None:
            continue
        key, host, shown = found
        domain = item["provider"]["domain"]
        pointer = f"{prefix}/provider/domain"
        yield ctx.report(f"{_field(pointer)} `{domain}` is not the registrable domain of "
                         f"{_field(prefix + '/' + key)}'s host `{host}` (`{shown}`)", pointer,
                         fix=lambda p=pointer, n=shown: replace_string_value(ctx.span(p), n,
                                                                             f"set it to `{n}`", safe=False))


_domain_verdicts: dict = {}  # (provider domain, usable (key, host) of the item's URLs) -> finding or None


def _domain_problem(item):
    """(URL key, its host, the registrable domain to show) when an article item's
    `provider.domain` is not the registrable domain of its URL's host, else None."""
    if item.get("type") != "article":
        return None
    provider = item.get("provider")
    if type(provider) is not dict:
        return None
    domain = provider.get("domain")
    if type(domain) is not str or not domain:
        return None
    key = (domain, item.get("webUrl", _UNSET), item.get("originalUrl", _UNSET))
    try:
        return _domain_problems[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable URL value: the schema's finding
        return _domain_problem_of(item, domain)
    found = _domain_problem_of(item, domain)
    if len(_domain_problems) > 20000:
        _domain_problems.clear()
    _domain_problems[key] = found
    return found


# (provider domain, webUrl, originalUrl; _UNSET where missing) of an article -> its finding or None.
_domain_problems: dict = {}


def _domain_problem_of(item: dict, domain: str):
    hosts = []
    for key in ("webUrl", "originalUrl"):
        url = item.get(key)
        if type(url) is str:
            parsed = _cache.get(url)
            if parsed is None:
                parsed = parse(url)
            if not parsed.problem and not parsed.host_problem and not parsed.is_ip:
                hosts.append((key, parsed.host))
    if not hosts or "webUrl" in item and hosts[0][0] != "webUrl":
        return None  # no usable URL (a broken webUrl is URL001/URL002's)
    memo = (domain, *hosts)
    found = _domain_verdicts.get(memo, _UNSET)
    if found is _UNSET:
        found = _domain_verdict(domain, hosts)
        if len(_domain_verdicts) > 4096:
            _domain_verdicts.clear()
        _domain_verdicts[memo] = found
    return found


def _domain_verdict(domain: str, hosts: list):
    if _BAD_DOMAIN.search(domain):
        return None  # the schema's pattern reports it
    wanted = _ascii_name(domain)
    if wanted is None:
        return None
    candidates = [(key, _ascii_name(host)) for key, host in hosts]
    if any(host and domain_matches(wanted, host) for _, host in candidates):
        return None
    key, host = candidates[0]
    if host is None:
        return None
    expected = registrable_domain(host)
    if expected is None:
        return None
    shown = _unicode_name(expected) if not domain.isascii() else expected
    return key, host, shown
