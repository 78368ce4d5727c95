"""The site checks on copies of the real site (skipped when ../shared/corpus is absent): the real
`_config.yml`, taxonomy and 183 real images, with one defect planted in each copy, each reported
at its line, and nothing else changed in the report."""
import os
import re
import shutil

import pytest

from conftest import CORPUS
from linter import lint_paths

pytestmark = pytest.mark.skipif(not os.path.isdir(CORPUS), reason="../shared/corpus is absent")
SITE = os.path.join(CORPUS, "power-apps")
NEWS = "_news/2019-08-26-microsoft-power-apps-portals-2019-release-wave-2-overview.md"
PERSON = "_people/april-dunnam.md"


@pytest.fixture(scope="module")
def baseline():
    """The findings on the untouched site, as (file, code)."""
    return _pairs(lint_paths([SITE]), SITE)


@pytest.fixture()
def site(tmp_path):
    copy = tmp_path / "power-apps"
    shutil.copytree(SITE, copy)
    return copy


def _pairs(diagnostics, root):
    return {(os.path.relpath(d.path, root), d.code) for d in diagnostics}


def _plant(site, relative, pattern, replacement) -> int:
    """Replace the first match of `pattern` in the file; the line it is on."""
    path = site / relative
    text = path.read_bytes().decode("utf-8")
    match = re.search(pattern, text, re.M)
    assert match is not None, pattern
    path.write_bytes((text[:match.start()] + replacement + text[match.end():]).encode("utf-8"))
    return text.count("\n", 0, match.start()) + 1


def _new_findings(site, baseline):
    found = lint_paths([str(site)])
    return sorted((os.path.relpath(d.path, site), d.line, d.code, d.message) for d in found
                  if (os.path.relpath(d.path, site), d.code) not in baseline)


def test_the_real_site_has_no_site_findings(baseline):
    assert not {code for _, code in baseline if code.startswith(("REF", "AST", "SITE"))}


def test_a_topic_not_in_the_taxonomy(site, baseline):
    line = _plant(site, NEWS, r"^  - Portals", "  - Power Portals")
    assert _new_findings(site, baseline) == [
        (NEWS, line, "REF001", "`topics.1` 'Power Portals' is not a `name` defined in _data/topics/* "
                               "(did you mean 'Portals'?)")]


def test_a_topic_differing_only_in_case(site, baseline):
    line = _plant(site, NEWS, r"^  - Portals", "  - portals")
    assert [f[:3] for f in _new_findings(site, baseline)] == [(NEWS, line, "REF002")]


def test_a_missing_local_image(site, baseline):
    line = _plant(site, NEWS, r"microsoft\.com-50x50\.jpg", "microsoft.com-50x50.jpeg")
    found = _new_findings(site, baseline)
    assert [f[:3] for f in found] == [(NEWS, line, "AST001")]
    assert "did you mean `microsoft.com-50x50.jpg`?" in found[0][3]


def test_a_local_image_declared_at_the_wrong_size(site, baseline):
    logo = _plant(site, NEWS, r"microsoft\.com-50x50\.jpg", "aws.amazon.com-400x400.jpg")  # really 320x320
    width = _plant(site, NEWS, r"^      width: 50", "      width: 400")
    height = _plant(site, NEWS, r"^      height: 50", "      height: 400")
    assert height == width + 1
    found = _new_findings(site, baseline)
    assert [f[:3] for f in found] == [(NEWS, logo, "AST003"), (NEWS, logo, "IMG004"), (NEWS, width, "AST002")]
    assert "is 320×320 pixels, but the record declares 400×400" in found[2][3]


def test_a_key_only_the_defaults_supply_is_not_missing(site, baseline):
    _plant(site, PERSON, r'^type: "profile"\r?\n', "")  # `_people` records get `type: profile` from _config.yml
    assert _new_findings(site, baseline) == []


def test_the_same_key_absent_where_no_default_applies(site, baseline):
    _plant(site, NEWS, r"^type: video\r?\n", "")
    assert [f[:3] for f in _new_findings(site, baseline)] == [(NEWS, 1, "SCH002")]


def test_a_changed_default_is_reported_at_line_1_naming_the_config_line(site, baseline):
    line = _plant(site, "_config.yml", r"^  type: profile", "  type: profil")
    _plant(site, PERSON, r'^type: "profile"\r?\n', "")
    found = _new_findings(site, baseline)
    assert [f[:3] for f in found] == [(PERSON, 1, "SCH004")]
    assert found[0][3].endswith(f"_config.yml:{line})")
