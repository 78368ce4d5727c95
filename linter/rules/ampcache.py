"""The AMP cache URL of an AMP page (not a rule family; URL007 compares with it).

Google's AMP Cache serves `https://www.example.com/a/amp/` at
`https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a/amp/`: the publisher host,
with IDN labels decoded, has each `-` doubled and each `.` turned into `-`, is wrapped in
`0-`...`-0` when that puts `--` at its 3rd and 4th characters, and is punycode-encoded again;
`/c/` without `s/` stands for an `http` page. Where that prefix would be longer than 63
characters, or the host mixes right-to-left and left-to-right letters or is an IP address, the
cache uses a hashed host instead, which is not computed here. `bing-amp.com` caches use the
same form.
"""
from __future__ import annotations

import re

from linter.rules.urlparts import parse, shorten

CACHE_DOMAINS = ("cdn.ampproject.org", "bing-amp.com")
# Right-to-left and left-to-right letters (as the AMP toolbox classifies them): a host with both
# gets a hashed cache prefix.
_RTL = "[\u0591-\u06EF\u06FA-\u07FF\u200F\uFB1D-\uFDFF\uFE70-\uFEFC]"
_LTR = ("[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02B8\u0300-\u0590\u0800-\u1FFF"
        "\u200E\u2C00-\uFB1C\uFE00-\uFE6F\uFEFD-\uFFFF]")


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


def cache_url_problem(amp_url: str, cdn_url: str):
    """(what is wrong, the cache URL rebuilt from `amp_url` or None where its host is hashed)
    when `cdn_url` is not the AMP cache URL of `amp_url`; None when it is, or when the cache's
    form of `amp_url` is not computed here."""
    expected = amp_cache_url(amp_url)
    if expected is None:
        return None
    prefix, path = expected
    cdn = cdn_url.strip()
    host = cdn[8:].split("/", 1)[0] if cdn[:8].lower() == "https://" else ""
    cache_domain = next((d for d in CACHE_DOMAINS if host.lower().endswith("." + d)), None)
    expected_host = f"{prefix}.{cache_domain or CACHE_DOMAINS[0]}" if prefix else None
    rebuilt = f"https://{expected_host}{path}" if expected_host else None
    if cache_domain is None:
        return "is not an AMP cache URL (`https://<prefix>.cdn.ampproject.org/c/...`)", rebuilt
    if expected_host is not None and host.lower() != expected_host:
        return f"has the cache host `{host}`, not `{expected_host}`", rebuilt
    if not _same_path(cdn[8 + len(host):], path):
        return f"does not end in `{shorten(path, 60)}` (the AMP URL without its scheme)", rebuilt
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
