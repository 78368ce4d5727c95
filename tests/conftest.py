import base64
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

SECURED = base64.b64encode(bytes(range(48))).decode() + ";" + base64.b64encode(bytes(range(16))).decode()

# A valid article record written for the tests. Line numbers below are relied on by tests:
# line 1 is `---`, `title` is on line 3, `quality` on line 11, `provider:` on line 15.
ARTICLE = f"""---
category: news
title: "Harbour ferry adds a night service"
excerpt: "Two late departures each way from May."
publishedDateTime: 2021-04-20T18:00:00Z
webUrl: "https://www.harbour-times.com/2021/04/20/ferry-night-service/"
ampWebUrl: "https://www.harbour-times.com/2021/04/20/ferry-night-service/amp/"
cdnAmpWebUrl: "https://www-harbour--times-com.cdn.ampproject.org/c/s/www.harbour-times.com/2021/04/20/ferry-night-service/amp/"
type: article
quality: 64
heat: 12
published: true

provider:
  name: Harbour Times
  domain: harbour-times.com
  images:
    - url: "https://cdn.example.org/organizations/harbour-times.com-50x50.jpg"
      width: 50
      height: 50

topics:
  - Transport
  - Ferries

images:
  - url: "https://www.harbour-times.com/uploads/2021/04/ferry.jpg"
    width: 1200
    height: 675
    isCached: true

secured: "{SECURED}"
---
Body text with a --- inside
---
and a line that is only dashes above.
"""


# The same article in TOML (Hugo's `+++`) and in JSON (an object first in the file): the
# dialect tests plant the same defects in each. Lines: `title` 3, `publishedDateTime` 5,
# `quality` 10, `topics` 13 in TOML; `title` 3, `quality` 10, `topics` 20 in JSON.
ARTICLE_TOML = f'''+++
category = "news"
title = "Harbour ferry adds a night service"
excerpt = "Two late departures each way from May."
publishedDateTime = 2021-04-20T18:00:00Z
webUrl = "https://www.harbour-times.com/2021/04/20/ferry-night-service/"
ampWebUrl = "https://www.harbour-times.com/2021/04/20/ferry-night-service/amp/"
cdnAmpWebUrl = "https://www-harbour--times-com.cdn.ampproject.org/c/s/www.harbour-times.com/2021/04/20/ferry-night-service/amp/"
type = "article"
quality = 64
heat = 12
published = true
topics = ["Transport", "Ferries"]
secured = "{SECURED}"

[provider]
name = "Harbour Times"
domain = "harbour-times.com"

[[provider.images]]
url = "https://cdn.example.org/organizations/harbour-times.com-50x50.jpg"
width = 50
height = 50

[[images]]
url = "https://www.harbour-times.com/uploads/2021/04/ferry.jpg"
width = 1200
height = 675
isCached = true
+++
Body text with a +++ inside
+++
'''

ARTICLE_JSON = f'''{{
  "category": "news",
  "title": "Harbour ferry adds a night service",
  "excerpt": "Two late departures each way from May.",
  "publishedDateTime": "2021-04-20T18:00:00Z",
  "webUrl": "https://www.harbour-times.com/2021/04/20/ferry-night-service/",
  "ampWebUrl": "https://www.harbour-times.com/2021/04/20/ferry-night-service/amp/",
  "cdnAmpWebUrl": "https://www-harbour--times-com.cdn.ampproject.org/c/s/www.harbour-times.com/2021/04/20/ferry-night-service/amp/",
  "type": "article",
  "quality": 64,
  "heat": 12,
  "published": true,
  "provider": {{
    "name": "Harbour Times",
    "domain": "harbour-times.com",
    "images": [
      {{"url": "https://cdn.example.org/organizations/harbour-times.com-50x50.jpg", "width": 50, "height": 50}}
    ]
  }},
  "topics": [
    "Transport",
    "Ferries"
  ],
  "images": [
    {{
      "url": "https://www.harbour-times.com/uploads/2021/04/ferry.jpg",
      "width": 1200,
      "height": 675,
      "isCached": true
    }}
  ],
  "secured": "{SECURED}"
}}
Body text with a }} inside
'''


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


@pytest.fixture
def news_dir(tmp_path):
    folder = tmp_path / "_news"
    folder.mkdir()
    return folder


@pytest.fixture
def lint_json(capsys):
    """Run the CLI with --format json; return (exit code, list of diagnostics)."""
    import json

    from linter.cli import main

    def run(*args):
        code = main(["--format", "json", "--no-cross-file", *map(str, args)])
        out = capsys.readouterr().out
        return code, json.loads(out)
    return run


def png(width: int, height: int) -> bytes:
    """A valid PNG image of the given size (black), for tests of local images."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\0" + b"\0" * width * 3 for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


# A Jekyll site around ARTICLE (see tests/test_site.py): its published address, a topic
# taxonomy with the article's two topics, the provider's logo as a local image, and defaults.
SITE_CONFIG = """\
title: Harbour news
url: "https://harbour.example.org"
baseurl: "/news"

news_defaults: &news_defaults
  layout: post
  category: news

collections:
  stories:
    output: true

defaults:
  - scope:
      path: ""
      type: stories
    values:
      <<: *news_defaults
      type: article
  - scope:
      path: "_stories/archive"
    values:
      published: false

exclude:
  - drafts-not-published
"""
SITE_LOGO = "assets/images/organizations/harbour-times.com-50x50.png"
SITE_LOGO_URL = "https://harbour.example.org/news/" + SITE_LOGO   # as the pipeline writes logos


def make_site(root, files: dict | None = None, article: str | None = None, config: str = SITE_CONFIG):
    """A site at `root` (a pathlib.Path): _config.yml, the taxonomy, the logo, ARTICLE (its logo
    at the site's address) in `_news/`, and `files` (relative path -> text or bytes) on top."""
    (root / "_config.yml").write_text(config)
    for name in ("Transport", "Ferries"):
        topic = root / "_data" / "topics" / f"{name.lower()}.yaml"
        topic.parent.mkdir(parents=True, exist_ok=True)
        topic.write_text(f"taxonomy: topic\nname: {name}\n")
    logo = root / SITE_LOGO
    logo.parent.mkdir(parents=True, exist_ok=True)
    logo.write_bytes(png(50, 50))
    text = article if article is not None else ARTICLE.replace(
        "https://cdn.example.org/organizations/harbour-times.com-50x50.jpg", SITE_LOGO_URL)
    news = root / "_news" / "2021-04-20-ferry-night-service.md"
    news.parent.mkdir(parents=True, exist_ok=True)
    news.write_text(text)
    for relative, content in (files or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return news
