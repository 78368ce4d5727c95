"""URL rules: absolute http(s), real hosts, whitespace, HTML entities, plain http, the AMP cache
form of `ampWebUrl`, and the provider's registrable domain. Each planted defect is checked at
its exact line and column on both the fast and the reference path; fixes are applied to the
text and the result re-linted, with every byte outside the edit unchanged."""
import os
import subprocess
import sys

import pytest

from rule_testing import apply_fix, both_paths, edited
from conftest import ARTICLE, CORPUS, ROOT, line_of
from linter.config import Settings
from linter.pipeline import lint_bytes
from linter.rules import ampcache, publicsuffix, urlparts, urls

NAME = "_news/2021-04-20-ferry-night-service.md"
FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)
SEED = os.path.join(os.path.dirname(ROOT), "shared", "seeds", "000_104d5758e13c437e.txt")

WEB = "https://www.harbour-times.com/2021/04/20/ferry-night-service/"
AMP = "https://www.harbour-times.com/2021/04/20/ferry-night-service/amp/"
CDN = "https://www-harbour--times-com.cdn.ampproject.org/c/s/www.harbour-times.com/2021/04/20/ferry-night-service/amp/"
LEAD = "https://www.harbour-times.com/uploads/2021/04/ferry.jpg"
LOGO = "https://cdn.example.org/organizations/harbour-times.com-50x50.jpg"

RELATED = f"""related:
  - title: "Harbour Times adds a ferry timetable"
    excerpt: "The timetable is online."
    publishedDateTime: 2021-04-21T08:00:00Z
    webUrl: "{WEB}timetable/"
    ampWebUrl: "{AMP}timetable/"
    cdnAmpWebUrl: "{CDN}timetable/"
    type: article
    provider:
      name: Harbour Times
      domain: harbour-times.com
    quality: 50
    images:
      - url: "{LEAD}"
        width: 1200
        height: 675

secured:"""




def with_related(*replacements) -> str:
    return edited(*replacements, text=edited(("secured:", RELATED)))


def diagnostics(text: str, settings: Settings = REFERENCE):
    """Diagnostics of `text`, asserting that the fast and the reference path agree."""
    return both_paths(text, NAME, settings)


def url_findings(text: str):
    return [(d.code, d.severity, d.line, d.column, d.pointer) for d in diagnostics(text) if d.code.startswith("URL")]


def only(text: str, code: str):
    found = [d for d in diagnostics(text) if d.code == code]
    assert len(found) == 1, found
    return found[0]




# ---------------------------------------------------------------------------------------------
# Clean records


def test_clean_article_has_no_url_findings():
    assert url_findings(ARTICLE) == []
    assert url_findings(with_related()) == []


@pytest.mark.skipif(not os.path.isfile(SEED), reason="../shared/seeds is absent")
def test_seed_entities_are_reported_at_both_images():
    text = open(SEED, encoding="utf-8").read()
    found = [(d.code, d.line, d.column, d.pointer) for d in diagnostics(text) if d.code.startswith("URL")]
    assert found == [("URL005", line_of(text, "nvidia-selene.jpg"), 10, "/images/0/url"),
                     ("URL005", line_of(text, "oblique_facade"), 14, "/related/0/images/0/url")]


def test_url_fields_are_found_generically_at_any_depth():
    record = {"webUrl": "a", "url": "b", "urlish": "x", "URL": "x", "title": "Url",
              "provider": {"images": [{"url": "c"}], "homeUrl": "d"},
              "related": [{"images": [{"url": "e"}, "not a mapping"], "webUrl": "f", "n/a": {"url": "g"}}],
              "nested": [[{"url": "h"}]], "count": 3, "list": [1, "url"]}
    assert [(p, v) for p, _, v in urls.url_fields(record)] == [
        ("/webUrl", "a"), ("/url", "b"), ("/provider/images/0/url", "c"), ("/provider/homeUrl", "d"),
        ("/related/0/images/0/url", "e"), ("/related/0/webUrl", "f"), ("/related/0/n~1a/url", "g"),
        ("/nested/0/0/url", "h")]


def test_url_values_name_the_mapping_that_holds_each_field():
    """The URL values of the record walk (no schema): the fields `url_fields` gives, each with
    the very dict that holds it."""
    from types import SimpleNamespace
    from linter.model.pointers import resolve
    record = {"webUrl": "a", "provider": {"images": [{"url": "c"}], "homeUrl": "d"},
              "related": [{"images": [{"url": "e"}, "x"], "n/a": {"url": "g"}}], "nested": [[{"url": "h"}]]}
    ctx = SimpleNamespace(record=record, screening=False, schema=None)
    found = urls.url_values(ctx)
    fields = urls.url_fields(record)
    assert [(key, value) for _, key, value in found] == [(key, value) for _, key, value in fields]
    assert all(resolve(record, pointer.rsplit("/", 1)[0]) is mapping
               for (mapping, _, _), (pointer, _, _) in zip(found, fields))
    assert fields[-1].pointer == "/nested/0/0/url"


# ---------------------------------------------------------------------------------------------
# Planted defects: (edit, code, severity, line needle, column, pointer)

PLANTED = [
    ((WEB, "/2021/04/20/ferry-night-service/"), "URL001", "error", "webUrl:", 9, "/webUrl"),
    ((LEAD, "//cdn.harbour-times.com/ferry.jpg"), "URL001", "error", "//cdn.harbour", 10, "/images/0/url"),
    ((LOGO, "javascript:alert(1)"), "URL001", "error", "javascript:", 12, "/provider/images/0/url"),
    ((LEAD, "data:image/png;base64,iVBORw0KGgo="), "URL001", "error", "data:image", 10, "/images/0/url"),
    ((WEB, "mailto:desk@harbour-times.com"), "URL001", "error", "mailto:", 9, "/webUrl"),
    ((WEB, "https:/www.harbour-times.com/story/"), "URL001", "error", "webUrl:", 9, "/webUrl"),
    ((WEB, ""), "URL001", "error", "webUrl:", 9, "/webUrl"),
    ((WEB, "https://www.harbour times.com/story/"), "URL002", "error", "webUrl:", 9, "/webUrl"),
    ((WEB, "https:///story/"), "URL002", "error", "webUrl:", 9, "/webUrl"),
    ((WEB, "https://www.harbour-times.com:8o80/story/"), "URL002", "error", "webUrl:", 9, "/webUrl"),
    ((WEB, "https://www.harbour-times.com:70000/story/"), "URL002", "error", "webUrl:", 9, "/webUrl"),
    ((LEAD, "https://www..harbour-times.com/ferry.jpg"), "URL002", "error", "www..harbour", 10, "/images/0/url"),
    ((LEAD, "https://undefined/ferry.jpg"), "URL002", "error", "undefined", 10, "/images/0/url"),
    ((LEAD, "https://xn--a.com/ferry.jpg"), "URL002", "error", "xn--a.com", 10, "/images/0/url"),
    ((LEAD, "https://999.1.1.1/ferry.jpg"), "URL002", "error", "999.1", 10, "/images/0/url"),
    ((LEAD, "https://[::zz]/ferry.jpg"), "URL002", "error", "::zz", 10, "/images/0/url"),
    ((LEAD, "https://www.harbour-times.com\\\\uploads/ferry.jpg"), "URL002", "error", "uploads/ferry", 10, "/images/0/url"),
    ((WEB, " " + WEB), "URL003", "error", "webUrl:", 9, "/webUrl"),
    ((LEAD, LEAD + "\\t"), "URL003", "error", "ferry.jpg", 10, "/images/0/url"),
    ((LEAD, "https://www.harbour-times.com/uploads/night ferry.jpg"), "URL004", "error", "night ferry", 10,
     "/images/0/url"),
    ((LEAD, LEAD + "?w=1200&#038;strip=all"), "URL005", "error", "strip=all", 10, "/images/0/url"),
    ((LEAD, LEAD + "?w=1200&amp;strip=all"), "URL005", "error", "strip=all", 10, "/images/0/url"),
    ((LEAD, "http://www.harbour-times.com/uploads/2021/04/ferry.jpg"), "URL006", "warning", "http://", 10,
     "/images/0/url"),
    ((CDN, CDN.replace("www-harbour--times", "www-harbour-times")), "URL007", "error", "cdnAmpWebUrl:", 15,
     "/cdnAmpWebUrl"),
    ((f'cdnAmpWebUrl: "{CDN}"\n', ""), "URL008", "error", "ampWebUrl:", 12, "/ampWebUrl"),
    ((f'ampWebUrl: "{AMP}"\n', ""), "URL008", "error", "cdnAmpWebUrl:", 15, "/cdnAmpWebUrl"),
    (("  domain: harbour-times.com", "  domain: harbourtimes.com"), "URL009", "warning", "domain:", 11,
     "/provider/domain"),
]


@pytest.mark.parametrize("edit,code,severity,needle,column,pointer", PLANTED,
                         ids=[f"{p[1]}-{i}" for i, p in enumerate(PLANTED)])
def test_planted_defect_is_reported_once_at_its_value(edit, code, severity, needle, column, pointer):
    text = edited(edit)
    assert url_findings(text) == [(code, severity, line_of(text, needle), column, pointer)]


@pytest.mark.parametrize("value", [
    "https://www.harbour-times.com:8080/story/", "https://www.harbour-times.com:/story/",
    "https://user@www.harbour-times.com/story/", "https://192.0.2.10/story/", "https://[2001:db8::1]:443/story/",
    "https://bücher.example/story/", "https://xn--bcher-kva.example/story/", "https://my_blog.blogspot.com/story/",
    "HTTPS://WWW.HARBOUR-TIMES.COM/story/", "https://www.harbour-times.com./story/",
    "https://www.harbour-times.com/story/?q=a%20b&amp=1#top", "https://www.harbour-times.com/a&copy=2",
])
def test_valid_urls_pass(value):
    # (the provider's domain is URL009's business, tested below)
    assert [f for f in url_findings(edited((WEB, value))) if f[0] != "URL009"] == []


def test_each_problem_kind_is_reported_by_its_own_rule_only():
    text = edited((LEAD, " http://www.harbour-times.com/uploads/night ferry.jpg?a=1&#038;b=2 "))
    assert sorted(c for c, *_ in url_findings(text)) == ["URL003", "URL004", "URL005", "URL006"]
    # A relative URL is only "not absolute": no host, whitespace-in-path or http finding on top.
    assert [c for c, *_ in url_findings(edited((LEAD, "/uploads/night ferry.jpg")))] == ["URL001"]
    # Whitespace inside the host is a host problem, not an encodable one.
    assert [c for c, *_ in url_findings(edited((LEAD, "https://www.harbour times.com/a b.jpg")))] == ["URL002"]


def test_url_finding_replaces_the_schemas_format_error():
    codes = [d.code for d in diagnostics(edited((WEB, "/story/")))]
    assert codes == ["URL001"]  # not SCH005 as well


def test_related_items_are_checked_at_their_own_pointers():
    text = with_related((f'{WEB}timetable/', f'http://{WEB[8:]}timetable/'),
                        (f'{CDN}timetable/', f'{CDN}timetables/'),
                        ("      domain: harbour-times.com", "      domain: venturebeat.com"))
    assert url_findings(text) == [
        ("URL006", "warning", line_of(text, "    webUrl: \"http://"), 13, "/related/0/webUrl"),
        ("URL007", "error", line_of(text, "timetables/"), 19, "/related/0/cdnAmpWebUrl"),
        ("URL009", "warning", line_of(text, "venturebeat.com"), 15, "/related/0/provider/domain"),
    ]
    text = with_related((f'    cdnAmpWebUrl: "{CDN}timetable/"\n', ""))
    assert url_findings(text) == [("URL008", "error", line_of(text, "    ampWebUrl:"), 16, "/related/0/ampWebUrl")]


def test_messages_name_the_field_and_the_problem():
    message = only(edited((LEAD, LEAD + "?w=1200&#038;strip=all")), "URL005").message
    assert "`images.0.url`" in message and "`&#038;`" in message and "fragment" in message
    message = only(edited((WEB, "https://www.harbour-times.com:8o80/story/")), "URL002").message
    assert "port `8o80`" in message
    message = only(edited(("  domain: harbour-times.com", "  domain: harbourtimes.com")), "URL009").message
    assert "`harbourtimes.com`" in message and "`harbour-times.com`" in message


# ---------------------------------------------------------------------------------------------
# Fixes


FIXES = [
    # (edit, code, safe, expected value after the fix)
    ((WEB, "  " + WEB + " "), "URL003", True, f'"{WEB}"'),
    ((LEAD, "https://www.harbour-times.com/uploads/night ferry\\u00a0b.jpg"), "URL004", False,
     '"https://www.harbour-times.com/uploads/night%20ferry%C2%A0b.jpg"'),
    ((LEAD, LEAD + "?w=1200&#038;strip=all&amp;#038;x=1&#x26;y=&quot;z&quot;"), "URL005", True,
     f'"{LEAD}?w=1200&strip=all&x=1&y=%22z%22"'),
    ((LEAD, "http://www.harbour-times.com/uploads/2021/04/ferry.jpg"), "URL006", False, f'"{LEAD}"'),
    ((LEAD, "//www.harbour-times.com/uploads/2021/04/ferry.jpg"), "URL001", False, f'"{LEAD}"'),
    ((LEAD, "www.harbour-times.com/uploads/2021/04/ferry.jpg"), "URL001", False, f'"{LEAD}"'),
    ((CDN, CDN.replace("/c/s/", "/c/")), "URL007", True, f'"{CDN}"'),
    ((CDN, "https://www.harbour-times.com/amp/"), "URL007", True, f'"{CDN}"'),
    (("  domain: harbour-times.com", "  domain: www.harbour-times.com"), "URL009", False, "harbour-times.com"),
]


@pytest.mark.parametrize("edit,code,safe,expected", FIXES, ids=[f"{f[1]}-{i}" for i, f in enumerate(FIXES)])
def test_fix_changes_only_the_value_and_relints_clean(edit, code, safe, expected):
    text = edited(edit)
    diagnostic = only(text, code)
    assert diagnostic.fix.safe is safe
    fixed = apply_fix(text, diagnostic)
    assert expected in fixed
    assert [d for d in diagnostics(fixed) if d.code == code] == []
    assert url_findings(fixed) == []


def test_fix_keeps_the_quoting_style():
    text = edited((f'    - url: "{LOGO}"', f"    - url: 'http://{LOGO[8:]}'"))
    assert f"    - url: '{LOGO}'" in apply_fix(text, only(text, "URL006"))
    text = edited((f'    - url: "{LOGO}"', f"    - url: http://{LOGO[8:]}"))
    assert f"    - url: {LOGO}\n" in apply_fix(text, only(text, "URL006"))


def test_the_fixer_applies_the_safe_fixes_and_leaves_the_unsafe_ones():
    from linter.fix.fixer import fix_text

    text = edited((LEAD, " " + LEAD + "?w=1200&#038;strip=all"),
                  (CDN, CDN.replace("www-harbour--times", "www-harbour-times")),
                  (LOGO, "http://" + LOGO[8:]))
    result = lint_bytes(text.encode(), "/r/" + NAME, NAME, REFERENCE)
    outcome = fix_text(result, REFERENCE, unsafe=False)
    assert outcome.text == edited((LEAD, LEAD + "?w=1200&strip=all"), (LOGO, "http://" + LOGO[8:]))
    assert [d.code for d in outcome.remaining if d.code.startswith("URL")] == ["URL006"]
    outcome = fix_text(result, REFERENCE, unsafe=True)
    assert outcome.text == edited((LEAD, LEAD + "?w=1200&strip=all"))


def test_no_fix_where_the_amp_cache_host_is_hashed():
    long_host = "www." + "a" * 60 + ".com"
    text = edited((AMP, AMP.replace("www.harbour-times.com", long_host)),
                  (CDN, f"https://0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdef.cdn.ampproject.org"
                        f"/c/s/{long_host}/2021/04/20/other/amp/"))
    diagnostic = only(text, "URL007")
    assert diagnostic.fix is None and "does not end in" in diagnostic.message
    # ... and the hashed host itself is never reported.
    text = edited((AMP, AMP.replace("www.harbour-times.com", long_host)),
                  (CDN, f"https://v2c4ucasgcskftbjt4c7phpkbqedcdcqo23tkamleapoa5o6fygq.cdn.ampproject.org"
                        f"/c/s/{long_host}/2021/04/20/ferry-night-service/amp/"))
    assert url_findings(text) == []


# ---------------------------------------------------------------------------------------------
# The AMP cache URL format


@pytest.mark.parametrize("host,prefix", [
    ("example.com", "example-com"),
    ("foo.example.com", "foo-example-com"),
    ("foo-example.com", "foo--example-com"),
    ("xn--57hw060o.com", "xn---com-p33b41770a"),          # ⚡😊.com
    ("en-us.example.com", "0-en--us-example-com-0"),      # `--` at the 3rd and 4th characters
    ("WWW.Harbour-Times.com", "www-harbour--times-com"),
    ("www." + "a" * 56 + ".com", None),                     # over 63 characters: hashed
    ("xn--mgbh0fb.example", None),                          # right-to-left and left-to-right: hashed
    ("localhost", None),                                    # no dot: hashed
    ("xn--zz.example", None),                               # not decodable: not computed
])
def test_amp_cache_prefix_follows_the_documented_examples(host, prefix):
    assert ampcache.amp_cache_prefix(host) == prefix


def test_http_amp_urls_use_c_without_s():
    amp = "http://www.harbour-times.com/amp/"
    good = "https://www-harbour--times-com.cdn.ampproject.org/c/www.harbour-times.com/amp/"
    text = edited((AMP, amp), (CDN, good))
    assert [c for c, *_ in url_findings(text)] == ["URL006"]
    text = edited((AMP, amp), (CDN, good.replace("/c/", "/c/s/")))
    assert sorted(c for c, *_ in url_findings(text)) == ["URL006", "URL007"]


def test_amp_cache_comparison_details():
    # The publisher host in the path is case-insensitive, the query is kept, bing-amp.com counts.
    text = edited((AMP, AMP + "?utm=x"), (CDN, CDN.replace("www.harbour-times.com", "WWW.Harbour-Times.com") + "?utm=x"))
    assert url_findings(text) == []
    text = edited((CDN, CDN.replace("cdn.ampproject.org", "bing-amp.com")))
    assert url_findings(text) == []
    # A different query or path is a mismatch.
    assert [c for c, *_ in url_findings(edited((CDN, CDN + "?utm=x")))] == ["URL007"]
    # An AMP URL the other rules reject, or with a port, is not compared.
    assert [c for c, *_ in url_findings(edited((AMP, "/amp/")))] == ["URL001"]
    assert url_findings(edited((AMP, AMP.replace(".com/", ".com:8443/")))) == []


# ---------------------------------------------------------------------------------------------
# Provider domains


@pytest.mark.parametrize("web,domain", [
    ("https://harbour-times.com/story/", "harbour-times.com"),
    ("https://docs.microsoft.com/en-us/powerapps/", "microsoft.com"),
    ("https://www.reseller.co.nz/article/1/", "reseller.co.nz"),
    ("https://foo.blogspot.com/2021/04/story.html", "blogspot.com"),
    ("https://foo.blogspot.com/2021/04/story.html", "foo.blogspot.com"),
    ("https://WWW.Harbour-Times.COM/story/", "Harbour-Times.com"),
    ("https://www.xn--bcher-kva.de/story/", "bücher.de"),
    ("https://www.bücher.de/story/", "xn--bcher-kva.de"),
])
def test_provider_domain_accepted(web, domain):
    text = edited((WEB, web), ("  domain: harbour-times.com", f"  domain: {domain}"))
    assert [c for c, *_ in url_findings(text) if c == "URL009"] == []


@pytest.mark.parametrize("web,domain,expected", [
    ("https://www.harbour-times.com/story/", "www.harbour-times.com", "harbour-times.com"),
    ("https://www.harbour-times.com/story/", "venturebeat.com", "harbour-times.com"),
    ("https://www.reseller.co.nz/article/1/", "co.nz", "reseller.co.nz"),
    ("https://news.yahoo.com/story/", "reuters.com", "yahoo.com"),
])
def test_provider_domain_mismatch(web, domain, expected):
    text = edited((WEB, web), ("  domain: harbour-times.com", f"  domain: {domain}"))
    diagnostic = only(text, "URL009")
    assert (diagnostic.line, diagnostic.column) == (line_of(text, "  domain:"), 11)
    assert f"(`{expected}`)" in diagnostic.message
    assert f"domain: {expected}\n" in apply_fix(text, diagnostic)


def test_aggregator_copy_passes_when_original_url_is_the_publishers():
    text = edited((WEB, "https://news.yahoo.com/ferry-night-service/"),
                  ("type: article", f'originalUrl: "{WEB}"\ntype: article'))
    assert [c for c, *_ in url_findings(text)] == []


def test_video_records_are_exempt():
    text = edited((WEB, "https://youtube.com/watch?v=4xfT4uZPLlw"), ("type: article", "type: video"),
                  ("  domain: harbour-times.com", "  domain: microsoft.com"))
    assert [c for c, *_ in url_findings(text) if c == "URL009"] == []


def test_flat_tlds_have_no_icann_rule_below_them_in_the_shipped_list():
    from publicsuffixlist import PSLFILE

    text = open(PSLFILE, encoding="utf-8").read()
    icann = text[:text.index("// ===END ICANN DOMAINS===")]
    rules = [line.strip() for line in icann.splitlines() if line.strip() and not line.startswith("//")]
    for tld in publicsuffix.FLAT_TLDS:
        assert [r for r in rules if r.endswith("." + tld)] == [], tld
        assert tld in rules


def test_per_tld_lists_answer_as_the_whole_list():
    from publicsuffixlist import PublicSuffixList

    whole, icann = PublicSuffixList(), PublicSuffixList(only_icann=True)
    hosts = ["www.reseller.co.nz", "foo.blogspot.com", "x.github.io", "a.b.kawasaki.jp", "city.kawasaki.jp",
             "www.example.ck", "www.bbc.co.uk", "a.b.c.sch.uk", "www.example.com.au", "foo.s3.amazonaws.com",
             "www.example.xn--fiqs8s", "www.example.unknowntld", "example.com"]
    for host in hosts:
        assert publicsuffix.registrable_domain(host) == whole.privatesuffix(host), host
        assert publicsuffix.registrable_domain(host, True) == icann.privatesuffix(host), host


def test_suffix_list_never_uses_the_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    publicsuffix._shipped_list.cache_clear()  # read and built again, under the refusing socket
    publicsuffix._suffix_list.cache_clear()
    assert publicsuffix.registrable_domain("www.bbc.co.uk") == "bbc.co.uk"


def test_clean_records_import_neither_idna_nor_the_suffix_list(tmp_path):
    folder = tmp_path / "_news"
    folder.mkdir()
    (folder / "a.md").write_text(with_related())
    code = ("import sys; from linter.api import lint_paths; "
            f"assert lint_paths({str(folder)!r}) == []; "
            "print(sorted(m for m in ('idna', 'publicsuffixlist') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------------------------------
# HTML entities and the real corpus


def test_unescape_handles_double_escaping_and_leaves_non_entities():
    assert urlparts.unescape("a?x=1&amp;amp;y=2&#038;z=3") == "a?x=1&y=2&z=3"
    assert urlparts.unescape("a?x=&lt;b&gt;&#8217;") == "a?x=%3Cb%3E%E2%80%99"
    assert urlparts.entities("https://x.com/?a=1&copy=2&foo;&amp") == []
    assert urlparts.entities("https://x.com/?a=1&#x26;b=2&AMP;c") == ["&#x26;", "&AMP;"]


@pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpus is absent")
def test_real_corpus_url_findings_are_the_known_defects():
    from linter.config import ConfigResolver
    from linter.run.runner import run

    outcome = run([os.path.join(CORPUS, "news-history")], ConfigResolver(), cross_file=False)
    found = sorted((d.path.split("/news-history/")[1], d.code, d.pointer)
                   for d in outcome.diagnostics if d.code.startswith("URL"))
    assert found == [
        ("0e2db53060/_news/2021-05-07-microsoft-power-apps-popular-in-oxford.md", "URL006", "/images/0/url"),
        ("1fdd9c00f8/_news/2021-05-07-microsoft-power-apps-popular-in-oxford.md", "URL006", "/images/0/url"),
        ("64835e254b/_news/2021-02-16-power-apps-filtering-by-multi-select-sharepoint-columns.md", "URL005",
         "/images/0/url"),
    ]


@pytest.mark.parametrize("hugo_config,expected", [(None, ["URL001"]), ("hugo.toml", [])])
def test_hugos_own_url_key_is_a_site_path_in_a_hugo_site(tmp_path, hugo_config, expected):
    from linter import lint_paths
    if hugo_config:
        (tmp_path / hugo_config).write_text('title = "A Hugo site"\n')
    schema = tmp_path / "page.schema.json"
    schema.write_text('{"type": "object", "properties": {"url": {"type": "string"}, "webUrl": {"type": "string"}}}')
    page = tmp_path / "content" / "events" / "summit.md"
    page.parent.mkdir(parents=True)
    for url in ("/events/summit-2023/", "summit.html"):
        page.write_text(f'+++\nurl = "{url}"\nwebUrl = "/events/summit-2023/"\n+++\n')
        found = [(d.code, d.line) for d in lint_paths([str(page)], schema=str(schema), select=["URL001"])]
        assert found == [(code, 2) for code in expected] + [("URL001", 3)]  # webUrl is no Hugo key


@pytest.mark.parametrize("fast", [True, False])
def test_a_value_the_schema_lists_is_left_alone(tmp_path, fast):
    """A schema's `enum` (or `const`) is its own word on a field: `lint init` lists the links of
    a footer, `mailto:` and `http://` ones among them, and the URL rules must not fight it."""
    import json
    schema = tmp_path / "footer.json"
    schema.write_text(json.dumps({"type": "object", "properties": {
        "links": {"type": "array", "items": {"type": "object", "properties": {
            "url": {"type": "string", "enum": ["mailto:info@example.org", "http://example.org/en"]}}}},
        "contactUrl": {"const": "tel:555-0123"}, "termsUrl": {"type": "string"}}}))
    page = tmp_path / "footer.md"
    page.write_text("---\nlinks:\n  - url: mailto:info@example.org\n  - url: http://example.org/en\n"
                    "contactUrl: tel:555-0123\ntermsUrl: http://example.org/terms\n---\n")
    done = subprocess.run([sys.executable, "-m", "linter", "--no-cache", "--schema", str(schema), str(page),
                           *(() if fast else ("--no-fast-path",))], cwd=ROOT, capture_output=True, text=True)
    found = [line.split()[:2] for line in done.stdout.splitlines()[:-1]]
    assert found == [[f"{page}:6:11:", "URL006"]], done.stdout
