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
