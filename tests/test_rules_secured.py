"""SEC rules: the `secured` blob `<base64 ciphertext>;<base64 IV>` — shape (strict base64), a
16-byte IV, a ciphertext of whole 16-byte blocks. Planted defects at their exact position on
both paths; the whitespace fix applied to the text and re-linted; the length arithmetic checked
against the base64 module."""
import base64
import binascii
import os
import random

import pytest

from rule_testing import apply_fix, both_paths
from conftest import ARTICLE, ROOT, SECURED, line_of
from linter.config import Settings
from linter.pipeline import lint_bytes
from linter.rules import secured

NAME = "_news/2021-04-20-ferry-night-service.md"
FAST = Settings(root="/")
REFERENCE = FAST.replace(fast=False)
SEED = os.path.join(os.path.dirname(ROOT), "shared", "seeds", "000_104d5758e13c437e.txt")

CIPHERTEXT, IV = SECURED.split(";")   # 48 bytes, 16 bytes


def b64(size: int) -> str:
    return base64.b64encode(bytes(range(size))).decode()


def with_secured(value: str, quote: str = '"') -> str:
    text = ARTICLE.replace(f'secured: "{SECURED}"', f"secured: {quote}{value}{quote}")
    assert text != ARTICLE
    return text


def diagnostics(text: str):
    """Diagnostics of `text`, asserting that the fast and the reference path agree."""
    return both_paths(text, NAME)




def test_clean_article_and_seed_have_no_sec_findings():
    assert diagnostics(ARTICLE) == []
    if os.path.isfile(SEED):
        text = open(SEED, encoding="utf-8").read()
        assert [d for d in diagnostics(text) if d.code.startswith("SEC")] == []


# (secured value, code, words in the message)
PLANTED = [
    ("", "SEC001", "empty"),
    ("   ", "SEC001", "empty"),
    (CIPHERTEXT, "SEC001", "no `;`"),
    (f"{CIPHERTEXT};{IV};{IV}", "SEC001", "2 `;`"),
    (f"{CIPHERTEXT[:8]} {CIPHERTEXT[8:]};{IV}", "SEC001", "whitespace"),
    (f"{CIPHERTEXT};{IV}\\n", "SEC001", "whitespace"),
    (f"-{CIPHERTEXT[1:]};{IV}", "SEC001", "URL-safe"),
    (f"{CIPHERTEXT};{IV[:5]}*{IV[6:]}", "SEC001", "'*' at character 6"),
    (f"{CIPHERTEXT};{IV[:-2]}", "SEC001", "groups of 4"),
    (f"{CIPHERTEXT};{IV[:-2]}===", "SEC001", "groups of 4"),
    (f"{CIPHERTEXT};{IV[:4]}={IV[5:]}", "SEC001", "padding before its end"),
    (f"{CIPHERTEXT};{IV.replace('Dw==', 'Dx==')}", "SEC001", "not canonical"),
    (f"{CIPHERTEXT};{b64(12)}", "SEC002", "12 bytes"),
    (f"{CIPHERTEXT};", "SEC002", "0 bytes"),
    (f"{IV};{CIPHERTEXT}", "SEC002", "swapped"),
    (f"{b64(40)};{IV}", "SEC003", "40 bytes"),
    (f"{b64(15)};{IV}", "SEC003", "15 bytes"),
    (f";{IV}", "SEC003", "is empty"),
]


@pytest.mark.parametrize("value,code,words", PLANTED, ids=[f"{p[1]}-{i}" for i, p in enumerate(PLANTED)])
def test_planted_secured_defect_is_reported_once_at_the_value(value, code, words):
    text = with_secured(value)
    found = diagnostics(text)
    assert [(d.code, d.severity, d.line, d.column, d.pointer) for d in found] == [
        (code, "error", line_of(text, "secured:"), 10, "/secured")], found
    assert words in found[0].message


def test_iv_and_ciphertext_problems_are_both_reported():
    text = with_secured(f"{b64(20)};{b64(8)}")
    assert [d.code for d in diagnostics(text)] == ["SEC002", "SEC003"]


def test_empty_secured_is_not_also_a_schema_min_length_error():
    assert [d.code for d in diagnostics(with_secured(""))] == ["SEC001"]


def test_non_string_secured_is_left_to_the_schema():
    text = ARTICLE.replace(f'secured: "{SECURED}"', "secured: 12")
    assert [d.code for d in diagnostics(text)] == ["SCH003"]


def test_rules_can_be_turned_off_one_by_one():
    text = with_secured(f"{b64(20)};{b64(8)}")
    settings = REFERENCE.replace(ignore=("SEC002",))
    assert [d.code for d in lint_bytes(text.encode(), "/r/" + NAME, NAME, settings).diagnostics] == ["SEC003"]


# ---------------------------------------------------------------------------------------------
# The whitespace fix


@pytest.mark.parametrize("value,quote", [
    (f"{CIPHERTEXT[:8]} {CIPHERTEXT[8:]};{IV}", '"'),
    (f"{CIPHERTEXT[:8]} {CIPHERTEXT[8:]};{IV} ", "'"),
    (f"{CIPHERTEXT}\\n;{IV}", '"'),
])
def test_whitespace_fix_is_safe_and_leaves_a_clean_blob(value, quote):
    text = with_secured(value, quote)
    [finding] = diagnostics(text)
    assert finding.code == "SEC001" and finding.fix.safe
    fixed = apply_fix(text, finding)
    assert fixed == ARTICLE.replace(f'"{SECURED}"', f"{quote}{SECURED}{quote}")
    assert diagnostics(fixed) == []


def test_multi_line_quoted_blob_is_fixed_in_place():
    text = ARTICLE.replace(f'secured: "{SECURED}"', f'secured: "{CIPHERTEXT[:20]}\n  {CIPHERTEXT[20:]};{IV}"')
    [finding] = diagnostics(text)
    assert (finding.code, finding.line) == ("SEC001", line_of(text, "secured:"))
    fixed = apply_fix(text, finding)
    assert fixed == ARTICLE and diagnostics(fixed) == []


def test_no_fix_when_removing_whitespace_does_not_help_or_for_block_scalars():
    [finding] = diagnostics(with_secured(f"{CIPHERTEXT[:8]} {CIPHERTEXT[8:]};{b64(8)}"))
    assert finding.code == "SEC001" and finding.fix is None
    folded = ARTICLE.replace(f'secured: "{SECURED}"', f"secured: >-\n  {CIPHERTEXT[:20]}\n  {CIPHERTEXT[20:]};{IV}")
    [finding] = diagnostics(folded)
    assert (finding.code, finding.line, finding.column) == ("SEC001", line_of(folded, "secured:"), 10)
    assert finding.fix is None


def test_other_findings_have_no_fix():
    for value in (f"{CIPHERTEXT};{b64(8)}", f"{b64(8)};{IV}", f"-{CIPHERTEXT[1:]};{IV}"):
        [finding] = diagnostics(with_secured(value))
        assert finding.fix is None, value


# ---------------------------------------------------------------------------------------------
# The arithmetic, against the base64 module


def _reference(text: str) -> str:
    parts = text.split(";")
    if len(parts) != 2:
        return "SEC001"
    sizes = []
    for part in parts:
        try:
            data = base64.b64decode(part, validate=True)
        except (binascii.Error, ValueError):
            return "SEC001"
        if base64.b64encode(data).decode() != part:
            return "SEC001"  # non-canonical
        sizes.append(len(data))
    codes = []
    if sizes[1] != 16:
        codes.append("SEC002")
    if sizes[0] == 0 or sizes[0] % 16:
        codes.append("SEC003")
    return ",".join(codes)


def test_decoded_sizes_match_the_base64_module_on_random_blobs():
    rng = random.Random(20210420)
    seen = set()
    for _ in range(20000):
        kind = rng.randrange(3)
        if kind == 0:
            text = "".join(rng.choice("ABQgw+/=;") for _ in range(rng.randrange(24)))
        else:
            text = b64(rng.randrange(50)) + ";" + b64(rng.randrange(34))
            if kind == 2:
                at = rng.randrange(len(text))
                text = text[:at] + rng.choice("AQgwx=;_-") + text[at + 1:]
        got = ",".join(code for code, _ in secured._problems(text))
        assert got == _reference(text), text
        seen.add(got)
    assert seen == {"", "SEC001", "SEC002", "SEC003", "SEC002,SEC003"}
