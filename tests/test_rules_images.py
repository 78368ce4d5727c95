"""IMG rules: size bounds, aspect ratio, size named in the URL, provider logo named after the
domain. Each planted defect is checked at its exact line and column on both the fast and the
reference path; the unsafe fix is applied and the result re-linted."""

import pytest

from rule_testing import both_paths, edited
from conftest import ARTICLE, line_of
from linter.api import lint_text
from linter.config import Settings

NAME = "_news/2021-04-20-ferry-night-service.md"
FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)

LEAD = '  - url: "https://www.harbour-times.com/uploads/2021/04/ferry.jpg"\n    width: 1200\n    height: 675\n'
LOGO_URL = "https://cdn.example.org/organizations/harbour-times.com-50x50.jpg"




def lead(url="https://www.harbour-times.com/uploads/2021/04/ferry.jpg", width=1200, height=675) -> str:
    return edited((LEAD, f'  - url: "{url}"\n    width: {width}\n    height: {height}\n'))


def logo(url: str, domain: str = "harbour-times.com") -> str:
    return edited((LOGO_URL, url), ("  domain: harbour-times.com", f"  domain: {domain}"))


def diagnostics(text: str):
    """Diagnostics of `text`, asserting that the fast and the reference path agree."""
    return both_paths(text, NAME)


def found(text: str):
    return [(d.code, d.severity, d.line, d.column, d.pointer) for d in diagnostics(text)]


def config(tmp_path, text: str):
    path = tmp_path / ".frontmatter-lint.toml"
    path.write_text(text)
    return path


def codes(text: str, **kwargs):
    return [d.code for d in lint_text(text, path=NAME, **kwargs)]


# --- IMG001 image-size-out-of-bounds --------------------------------------------------------

def test_tracking_pixel():
    text = lead(width=1, height=1)
    assert found(text) == [("IMG001", "warning", 28, 12, "/images/0/width"),
                           ("IMG001", "warning", 29, 13, "/images/0/height")]


def test_too_large():
    text = lead(width=120000, height=675)
    assert found(text) == [("IMG001", "warning", 28, 12, "/images/0/width"),
                           ("IMG002", "warning", 28, 12, "/images/0/width")]
    assert "above the maximum of 10000" in lint_text(text, path=NAME)[0].message


def test_logo_bounds():
    text = edited(("      width: 50\n      height: 50", "      width: 50\n      height: 8"))
    assert ("IMG001", "warning", 20, 15, "/provider/images/0/height") in found(text)


@pytest.mark.parametrize("width", [0, -5, '"600"', 600.5, "true"])
def test_schema_errors_are_not_reported_twice(width):
    text = lead(width=width, height=675)
    assert not [c for c in codes(text) if c.startswith("IMG")]
    assert codes(text)  # the schema reports it


def test_bounds_options(tmp_path):
    text = lead(width=400, height=300)
    assert codes(text) == []
    path = config(tmp_path, "[rules.IMG001]\nmin-width = 600\nmax-height = 200\n")
    got = [(d.code, d.pointer) for d in lint_text(text, path=NAME, config=path)]
    assert got == [("IMG001", "/provider/images/0/width"),  # the 50×50 logo too
                   ("IMG001", "/images/0/width"), ("IMG001", "/images/0/height")]


# --- IMG002 extreme-aspect-ratio ------------------------------------------------------------

def test_banner_strip():
    text = lead(width=1200, height=40)
    assert found(text) == [("IMG002", "warning", 29, 13, "/images/0/height")]  # the odd side
    assert "30.0 times as wide" in lint_text(text, path=NAME)[0].message


def test_tall_strip():
    assert found(lead(width=100, height=2000)) == [("IMG002", "warning", 28, 12, "/images/0/width")]


@pytest.mark.parametrize("size", [(1200, 675), (1707, 2560), (1200, 300), (618, 285), (50, 50)])
def test_real_shapes_pass(size):
    assert found(lead(width=size[0], height=size[1])) == []


def test_ratio_option(tmp_path):
    path = config(tmp_path, "[rules.extreme-aspect-ratio]\nmax-ratio = 2\n")
    assert codes(lead(width=1200, height=500), config=path) == ["IMG002"]
    assert codes(lead(width=1200, height=675), config=path) == []


# --- IMG003 url-size-mismatch ---------------------------------------------------------------

def test_named_size_agrees():
    assert found(lead("https://example.com/uploads/ferry-630x355.jpg", 630, 355)) == []


def test_named_size_another_shape_is_an_error():
    text = lead("https://example.com/uploads/ferry-630x355.jpg", 1200, 800)
    assert found(text) == [("IMG003", "error", 28, 12, "/images/0/width")]
    message = lint_text(text, path=NAME)[0].message
    assert "630×355" in message and "1200×800" in message


def test_named_size_same_shape_is_a_warning():
    # a resized copy declared with the original's size
    text = lead("https://example.com/uploads/ferry-1024x576.jpg", 2048, 1152)
    assert found(text) == [("IMG003", "warning", 28, 12, "/images/0/width")]


def test_only_height_differs():
    text = lead("https://example.com/uploads/ferry-630x355.jpg", 630, 400)
    assert found(text) == [("IMG003", "error", 29, 13, "/images/0/height")]


def test_query_string_makes_it_a_warning():
    text = lead("https://example.com/uploads/ferry-630x355.jpg?w=1200", 1200, 800)
    assert found(text) == [("IMG003", "warning", 28, 12, "/images/0/width")]


def test_wordpress_cdn_resize_query_names_the_exact_size():
    url = "https://i2.wp.com/example.com/wp-content/uploads/2021/02/image.png?resize=620%2C497&ssl=1"
    assert found(lead(url, 620, 497)) == []
    assert found(lead(url, 620, 400)) == [("IMG003", "error", 29, 13, "/images/0/height")]
    # the query's size wins over the file name's
    assert found(lead("https://i0.wp.com/example.com/a/photo-300x200.jpg?resize=620,497", 620, 497)) == []


@pytest.mark.parametrize("url", [
    "https://example.com/uploads/2020/06/selene.jpg?w=1200&strip=all",            # w= never enlarges
    "https://example.com/article/images/800x800/dimg/photo.jpg",                  # a folder
    "https://example.com/images/unsplash_2400x1600-100788531-large.jpg",           # an upload name
    "https://example.com/uploads/Satya-Nadella-1000x563-1.jpg",                    # not the suffix
    "https://example.com/uploads/photo-1024x576@2x.jpg",                           # retina copy
])
def test_sizes_that_are_not_the_file_size_are_ignored(url):
    assert found(lead(url, 800, 533)) == []


def test_real_wordpress_suffix_after_an_upload_name():
    assert found(lead("https://cdn.geekwire.com/wp-content/uploads/2020/09/Satya-Nadella-1000x563-1-630x355.jpg",
                      630, 355)) == []


def test_logo_size_named_in_url():
    text = edited(("      width: 50\n      height: 50", "      width: 60\n      height: 60"))
    assert found(text) == [("IMG003", "warning", 19, 14, "/provider/images/0/width")]


def test_unsafe_fix_declares_the_named_size():
    text = lead("https://example.com/uploads/ferry-630x355.jpg", 1200, 800)
    [diagnostic] = lint_text(text, path=NAME)
    fix = diagnostic.fix
    assert fix is not None and not fix.safe and fix.scope == "/images/0"
    fixed = text
    for edit in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        fixed = fixed[:edit.start] + edit.replacement + fixed[edit.end:]
    assert fixed == lead("https://example.com/uploads/ferry-630x355.jpg", 630, 355)
    assert lint_text(fixed, path=NAME) == []


def test_related_images_are_checked():
    related = ('related:\n  - title: "T"\n    excerpt: "E"\n    publishedDateTime: 2021-04-18T09:30:00Z\n'
               '    webUrl: "https://www.harbour-times.com/t/"\n    type: article\n    provider:\n'
               '      name: Harbour Times\n      domain: harbour-times.com\n      images:\n'
               '        - url: "https://cdn.example.org/organizations/venturebeat.com-50x50.jpg"\n'
               '          width: 50\n          height: 50\n    quality: 50\n    images:\n'
               '      - url: "https://www.harbour-times.com/uploads/t-300x200.jpg"\n'
               '        width: 300\n        height: 100\n\nsecured:')
    text = edited(("secured:", related))
    assert found(text) == [
        ("IMG004", "error", line_of(text, "venturebeat.com-50x50"), 16, "/related/0/provider/images/0/url"),
        ("IMG003", "error", line_of(text, "height: 100"), 17, "/related/0/images/0/height"),
    ]


# --- IMG004 provider-logo-name --------------------------------------------------------------

def test_logo_of_another_provider():
    text = logo("https://cdn.example.org/organizations/venturebeat.com-50x50.jpg")
    assert found(text) == [("IMG004", "error", 18, 12, "/provider/images/0/url")]
    assert "venturebeat.com" in lint_text(text, path=NAME)[0].message


@pytest.mark.parametrize("url,domain", [
    (LOGO_URL, "harbour-times.com"),
    ("https://cdn.example.org/organizations/www.harbour-times.com-50x50.jpg", "harbour-times.com"),
    ("https://cdn.example.org/organizations/Harbour-Times.com-50x50.JPG", "harbour-times.com"),
    ("https://cdn.example.org/organizations/harbour-times.com-50x50.jpg", "www.harbour-times.com"),
    ("https://cdn.example.org/organizations/microsoft.com-50x50.jpg", "news.microsoft.com"),
    ("https://cdn.example.org/organizations/news.microsoft.com-50x50.jpg", "microsoft.com"),
    ("https://cdn.example.org/organizations/harbour-times.com.png", "harbour-times.com"),
    ("https://cdn.example.org/organizations/harbour-times.com-50x50.jpg?v=2", "harbour-times.com"),
    ("https://www.harbour-times.com/wp-content/themes/ht/logo.png", "harbour-times.com"),
    ("https://cdn.example.org/logos/harbour-times.com/logo.png", "harbour-times.com"),
])
def test_logo_named_after_the_domain_passes(url, domain):
    # (other families may have a word on a changed domain: only the logo rule matters here)
    assert [f for f in found(logo(url, domain)) if f[0].startswith("IMG")] == []


def test_logo_not_named_after_any_domain_is_a_warning():
    text = logo("https://cdn.example.org/organizations/logo.png")
    assert found(text) == [("IMG004", "warning", 18, 12, "/provider/images/0/url")]


def test_logo_named_after_another_site_outside_the_pipeline_form_is_a_warning():
    text = logo("https://cdn.example.org/organizations/venturebeat.com.png")
    assert found(text) == [("IMG004", "warning", 18, 12, "/provider/images/0/url")]


def test_lookalike_domain_is_not_the_same_site():
    text = logo("https://cdn.example.org/organizations/harbour-times.com.au-50x50.jpg")
    assert found(text) == [("IMG004", "error", 18, 12, "/provider/images/0/url")]


def test_clean_article_has_no_image_findings():
    assert found(ARTICLE) == []


def test_invalid_domain_is_left_to_the_schema():
    text = logo("https://cdn.example.org/organizations/logo.png", "https://harbour-times.com")
    assert not [c for c in codes(text) if c.startswith("IMG")]
    assert "SCH004" in codes(text)
