"""Property tests: no input text or bytes makes the linter raise, and output always parses."""
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import ARTICLE
from linter.config import Settings
from linter.lint import lint_bytes

SETTINGS = Settings(root="/")
yaml_chars = st.sampled_from(list("---\n\r\t :#&*!|>'\"%@`[]{},?-abcxyz0129.\\\ufeff\u00e9\x00"))


def _check(data: bytes):
    result = lint_bytes(data, "/r/_news/x.md", "_news/x.md", SETTINGS)
    assert not result.internal_error, [d.message for d in result.diagnostics]
    for d in result.diagnostics:
        json.dumps(d.to_dict())
        assert d.line >= 1 and d.column >= 1


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    _check(data)
    _check(b"---\n" + data + b"\n---\n")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(yaml_chars, max_size=200))
def test_yamlish_text_never_raises(text):
    _check(("---\n" + text + "\n---\n").encode("utf-8", "surrogatepass"))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.integers(0, len(ARTICLE) - 1), st.text(yaml_chars, max_size=20))
def test_mutated_article_never_raises(position, insert):
    _check((ARTICLE[:position] + insert + ARTICLE[position:]).encode())
