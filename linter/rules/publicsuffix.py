"""Registrable domains by the public suffix list (not a rule family; URL009 uses it).

The list is the one shipped in the `publicsuffixlist` package, read from its file and never
fetched. It is built only when a domain cannot be confirmed without it, and then one top-level
domain at a time: only rules ending in a name's top-level domain can match it, so the answers
are those of the whole list, and one top-level domain's rules build in ~3 ms where the whole
list takes ~25 ms.
"""
from __future__ import annotations

import functools
import re

from linter.rules.urlparts import ascii_name, unicode_name

# Top-level domains under which the public suffix list has no ICANN rule but the TLD itself:
# there, a two-label `name.tld` that ends a host is that host's registrable domain (ICANN
# section) without building the list. tests/test_rules_urls.py checks this against the list.
FLAT_TLDS = frozenset(("com", "net", "org", "dev", "app", "info", "biz", "news", "blog", "tech", "de", "nl",
                       "ch", "eu", "ru", "tv", "cloud", "online", "site", "xyz"))


@functools.lru_cache(maxsize=None)
def _shipped_list() -> tuple[str, int]:
    """The text of the list shipped with `publicsuffixlist`, and where its ICANN section ends."""
    from publicsuffixlist import PSLFILE
    with open(PSLFILE, encoding="utf-8") as handle:
        text = handle.read()
    return text, text.find("// ===END ICANN DOMAINS===")


@functools.lru_cache(maxsize=None)
def _suffix_list(tld: str, icann_only: bool):
    """A `publicsuffixlist.PublicSuffixList` holding the rules of one top-level domain, from the
    whole list or only its ICANN section."""
    from publicsuffixlist import PublicSuffixList
    text, icann_end = _shipped_list()
    pattern = re.compile(rf"^[^/\s]\S*\.{re.escape(tld)}$|^{re.escape(tld)}$", re.M)
    lines = pattern.findall(text, 0, icann_end)
    if not icann_only:
        lines += pattern.findall(text, icann_end)
    return PublicSuffixList(lines, accept_encoded_idn=False)


def registrable_domain(host: str, icann_only: bool = False) -> str | None:
    """The registrable domain (public suffix plus one label) of a lower-case ASCII host, by the
    whole public suffix list or only its ICANN section; None when the host is a public suffix."""
    name = unicode_name(host)
    found = _suffix_list(name.rpartition(".")[2], icann_only).privatesuffix(name)
    return ascii_name(found) if found else None


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
