"""URL: every URL-valued field — absolute http(s), a real host, no whitespace, no HTML entities,
the AMP cache form of `ampWebUrl`, and the provider's domain.

URL fields are found generically: any key named `url` or ending in `Url`, at any depth
(`webUrl`, `originalUrl`, `ampWebUrl`, `cdnAmpWebUrl`, `images[].url`, `provider.images[].url`,
`related[].webUrl`, `related[].images[].url`, ...). Values that are not strings are the schema's
findings (SCH003). A finding of these rules on a value replaces the schema's generic `uri` format
error (SCH005) there. A value the record's schema lists in an `enum` (or gives as `const`) is the
schema's own word on that field (`mailto:` links of a footer, an `http://` address a site keeps):
URL001-URL006 leave it alone. Parsing a URL is `urlparts.py`'s, the AMP cache form `ampcache.py`'s and
registrable domains `publicsuffix.py`'s.

Cost: the problems of a record's URLs are found once per record (URL001) and kept on the context
for the other rules. Nearly every record has none, so its URL values are only read, without
building pointers: on the fast path, where the record is valid against a schema that admits no
key it does not name, only where that schema lets URL fields be (the schema reader's
`key_places`), else by a walk of the whole record; the fields and their pointers are collected
only for a record with a problem.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from linter.model.pointers import escape
from linter.rules import rule
from linter.rules.ampcache import cache_url_problem
from linter.rules.publicsuffix import domain_matches, registrable_domain
from linter.rules.urlparts import (NO_PROBLEM, LOOKS_LIKE_HOST, Problem, ascii_name, entities, is_url_key, parse,
                                   percent_whitespace, shorten, unescape, unicode_name)
from linter.schemas import reader


def replace_string_value(span, new_value, description, safe=True):
    from linter.fix.edits import replace_string_value as replace  # built only for a finding being placed
    return replace(span, new_value, description, safe)


# --------------------------------------------------------------------------------------------
# Finding URL fields


class URLField(NamedTuple):
    pointer: str
    key: str
    value: str


def url_fields(record) -> list:
    """A URLField for every string-valued URL field of the record, in source order."""
    fields: list = []
    if record.__class__ is dict:
        _collect(record, "", fields)
    return fields


def _collect(mapping: dict, pointer: str, out: list):
    for key, item in mapping.items():
        if isinstance(item, str):
            if is_url_key(key):
                out.append(URLField(f"{pointer}/{escape(key)}", key, item))
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


def url_values(ctx) -> list:
    """(mapping, key, value) of every string-valued URL field of the record, `mapping` being
    the dict that holds it; found once per record (`ctx.memo(url_values)`) for the URL and
    asset rules. On the fast path, where the record is valid against a schema that admits no
    key it does not name, only where that schema lets URL fields be (the schema reader's
    `key_places`); else by a walk of the whole record. No pointer is built here (a path for
    every field would cost ~1.3 µs a record): a rule reporting a field finds its pointer with
    `ctx.walk()`, by its mapping. Both parsers build a fresh dict for every mapping, aliases
    included, so no dict stands twice in a record."""
    record = ctx.record
    if record.__class__ is not dict:
        return []
    places = reader.key_places(ctx.schema, is_url_key) if ctx.screening else None
    found: list = []
    if places is None:
        _values(record, found)
    else:
        _values_in_places(record, places, found)
    return found


def _values(mapping: dict, out: list):
    for key, item in mapping.items():
        cls = item.__class__
        if cls is dict:
            _values(item, out)
        elif cls is list:
            _values_in_list(item, out)
        elif isinstance(item, str) and is_url_key(key):
            out.append((mapping, key, item))


def _values_in_list(items: list, out: list):
    for item in items:
        cls = item.__class__
        if cls is dict:
            _values(item, out)
        elif cls is list:
            _values_in_list(item, out)


def _values_in_places(mapping: dict, places: reader.Places, out: list):
    """`_values` of a mapping valid against a closed schema, reading only where URL fields can
    be (`places`, from reader.key_places)."""
    for place in places.keys:
        item = mapping.get(place.key)
        if item is None:
            continue
        cls = item.__class__
        if cls is str:
            if place.wanted:
                out.append((mapping, place.key, item))
        elif cls is dict:
            if place.below.keys:
                _values_in_places(item, place.below, out)
        elif cls is list:
            if place.below.items is not None:
                _values_in_place_list(item, place.below.items, out)


def _values_in_place_list(items: list, places: reader.Places, out: list):
    for item in items:
        cls = item.__class__
        if cls is dict:
            if places.keys:
                _values_in_places(item, places, out)
        elif cls is list:
            if places.items is not None:
                _values_in_place_list(item, places.items, out)


def _record_problems(ctx) -> Problem:
    """The problems of the record's URL fields together, found once per record (`ctx.memo`).
    A record with a problem (hardly any) then gets its fields with pointers (`url_fields`)."""
    problems = NO_PROBLEM
    for _, _, value in ctx.memo(url_values):
        found = parse(value).problems
        if found:  # hardly ever: an IntFlag `|` costs ~1 µs
            problems |= found
    return problems


def record_url_fields(ctx) -> list:
    """`url_fields` of the context's record, once per record (`ctx.memo(record_url_fields)`)."""
    return url_fields(ctx.record)


def _fields_with(ctx, problem: Problem) -> list:
    """(pointer, value, parsed) of the URL fields having `problem`: [] for nearly every record,
    whose URLs have none (known from one scan per record)."""
    found = ctx.memo(_record_problems)
    if not found or not found & problem:
        return []
    return [(field.pointer, field.value, parse(field.value)) for field in ctx.memo(record_url_fields)
            if parse(field.value).problems & problem
            and not (ctx.schema and reader.lists_value_at(ctx.schema, field.pointer, field.value))]


def _report_fields(ctx, problem: Problem, report):
    """`report(ctx, fields)` for the URL fields having `problem`, () when there are none."""
    fields = _fields_with(ctx, problem)
    return report(ctx, fields) if fields else ()


def _field(pointer: str) -> str:
    return "`" + pointer[1:].replace("/", ".").replace("~1", "/").replace("~0", "~") + "`"


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
    site serves the page over HTTPS. A value the schema lists in the field's `enum` (or gives
    as its `const`) is left alone, here and in URL002-URL006.

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
    return _report_fields(ctx, Problem.NOT_HTTP, _not_absolute_http)

def _not_absolute_http(ctx, fields):
    for pointer, value, parsed in fields:
        stripped = value.strip()
        if _site_path_allowed(ctx, pointer, stripped):
            continue
        fix = None
        if stripped.startswith("//") and len(stripped) > 2:
            fix = _prefix_fix(ctx, pointer, value, "https:")
        elif not parsed.scheme and re.match(LOOKS_LIKE_HOST, stripped):
            fix = _prefix_fix(ctx, pointer, value, "https://")
        shown = f" `{shorten(stripped)}`" if stripped else ""
        yield ctx.report(f"{_field(pointer)}{shown} {parsed.problem}: it must be an absolute http(s) URL",
                         pointer, fix=fix)


def _site_path_allowed(ctx, pointer: str, value: str) -> bool:
    """A path of the site (`/assets/logo.png`, or Hugo's `url: about/` without the slash) where
    the schema marks the field `x-site-path`, or Hugo's `url` in a Hugo site: the site serves it
    itself (Jekyll's `absolute_url`). Not `//host/...` nor `www.host/...`, which name another site."""
    if not ctx.schema or value.startswith("//"):
        return False
    if not value:  # an empty value, where the schema says the field may be empty
        from linter.schemas.reader import says_at
        return says_at(ctx.schema, pointer, "x-may-be-empty")
    if ":" in value.split("/", 1)[0]:
        return False  # a scheme: an absolute URL (or mailto:, data:)
    if pointer == "/url" and _in_hugo_site(ctx.path):
        return True  # `summit.html`, `events/summit/`: Hugo's paths, relative or not
    if not value.startswith("/") and re.match(LOOKS_LIKE_HOST, value):
        return False
    from linter.schemas.reader import says_at
    return says_at(ctx.schema, pointer, "x-site-path")


def _in_hugo_site(path: str) -> bool:
    """Hugo's own `url` key is the page's path on the site (`/events/summit/`), schema or not."""
    import os
    from linter.site.root import in_hugo_site
    return in_hugo_site(os.path.dirname(os.path.abspath(path)))


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
    return _report_fields(ctx, Problem.BAD_HOST, _invalid_host)


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
    return _report_fields(ctx, Problem.EDGE_SPACE, _surrounding_whitespace)


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
    return _report_fields(ctx, Problem.INNER_SPACE, _inner_whitespace)


def _inner_whitespace(ctx, fields):
    for pointer, value, parsed in fields:
        stripped = value.strip()
        start = len(value) - len(value.lstrip())
        new = value[:start] + stripped[:parsed.rest] + percent_whitespace(stripped[parsed.rest:]) \
            + value[start + len(stripped):]
        yield ctx.report(f"{_field(pointer)} contains whitespace: `{shorten(stripped)}`", pointer,
                         fix=lambda p=pointer, n=new: replace_string_value(ctx.span(p), n,
                                                                           "percent-encode the whitespace", safe=False))


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
    return _report_fields(ctx, Problem.ENTITY, _html_entity)


def _html_entity(ctx, fields):
    for pointer, value, _ in fields:
        found = entities(value)
        names = ", ".join(f"`{e}`" for e in dict.fromkeys(found))
        why = " (its `#` makes the rest of the URL a fragment)" if any(e[1] == "#" for e in found) else ""
        yield ctx.report(f"{_field(pointer)} contains the HTML entit{'ies' if len(set(found)) > 1 else 'y'} "
                         f"{names}{why}: unescape {'them' if len(set(found)) > 1 else 'it'}", pointer,
                         fix=lambda p=pointer, v=value: replace_string_value(ctx.span(p), unescape(v),
                                                                             "unescape the HTML entities"))


@rule("URL006", "url-insecure-http", "warning", fix="unsafe")
def url_insecure_http(ctx):
    """A URL uses plain `http://` instead of `https://`.

    **What it does.** Reports http URLs with a valid host in every URL field, but not one the
    schema lists in the field's `enum`. The unsafe fix switches the scheme to `https`: check
    that the site serves the same address over HTTPS.

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
    return _report_fields(ctx, Problem.PLAIN_HTTP, _insecure_http)


def _insecure_http(ctx, fields):
    for pointer, value, _ in fields:
        start = len(value) - len(value.lstrip())
        new = value[:start] + "https" + value[start + 4:]
        yield ctx.report(f"{_field(pointer)} uses plain http: use https", pointer,
                         fix=lambda p=pointer, n=new: replace_string_value(ctx.span(p), n, "use https",
                                                                           safe=False))


# --------------------------------------------------------------------------------------------
# AMP cache URLs


def _items(record):
    """(pointer prefix, mapping) of the record and of each `related[]` item."""
    yield "", record
    related = record.get("related")
    if type(related) is list:
        for index, item in enumerate(related):
            if type(item) is dict:
                yield f"/related/{index}", item


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
        found = cache_url_problem(amp, cdn)
        if found is None:
            continue
        message, rebuilt = found
        pointer = f"{prefix}/cdnAmpWebUrl"
        fix = None
        if rebuilt is not None:
            fix = lambda p=pointer, n=rebuilt: replace_string_value(ctx.span(p), n, "rebuild it from ampWebUrl")
        yield ctx.report(f"{_field(pointer)} {message}: it must be the AMP cache form of {_field(prefix + '/ampWebUrl')}"
                         + (f" (`{shorten(rebuilt, 120)}`)" if rebuilt else ""), pointer, fix=fix)


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


class DomainMismatch(NamedTuple):
    key: str     # the URL field whose host was compared (`webUrl`, else `originalUrl`)
    host: str    # its host, lower-case ASCII
    shown: str   # the registrable domain of that host, as the record should write it


def _domain_problem(item) -> DomainMismatch | None:
    """Why an article item's `provider.domain` is not the registrable domain of its URL's host,
    or None."""
    if item.get("type") != "article":
        return None
    provider = item.get("provider")
    if type(provider) is not dict:
        return None
    domain = provider.get("domain")
    if type(domain) is not str or not domain:
        return None
    hosts = _url_hosts(item)
    return _domain_verdict(domain, hosts) if hosts else None


def _url_hosts(item: dict) -> tuple:
    """(key, host) of the item's `webUrl` and `originalUrl` that are http(s) URLs with a host
    name; none when `webUrl` is there but is not one (a broken webUrl is URL001/URL002's)."""
    hosts = []
    for key in ("webUrl", "originalUrl"):
        url = item.get(key)
        parsed = parse(url) if type(url) is str else None
        if parsed is not None and not parsed.problem and not parsed.host_problem and not parsed.is_ip:
            hosts.append((key, parsed.host))
        elif key == "webUrl" and key in item:
            return ()
    return tuple(hosts)


# Corpora repeat a publisher's domain and hosts, and a verdict may read the public suffix list:
# saves 0.7 us a record (bench/out/x1).
@functools.lru_cache(maxsize=4096)
def _domain_verdict(domain: str, hosts: tuple) -> DomainMismatch | None:
    if _BAD_DOMAIN.search(domain):
        return None  # the schema's pattern reports it
    wanted = ascii_name(domain)
    if wanted is None:
        return None
    candidates = [(key, ascii_name(host)) for key, host in hosts]
    if any(host and domain_matches(wanted, host) for _, host in candidates):
        return None
    key, host = candidates[0]
    if host is None:
        return None
    expected = registrable_domain(host)
    if expected is None:
        return None
    return DomainMismatch(key, host, unicode_name(expected) if not domain.isascii() else expected)
