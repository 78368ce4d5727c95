"""Property tests: no input text or bytes makes the linter raise, and output always parses."""
import json

from hypothesis import HealthCheck, given, settings, strategies as st

import schema_strategies
from conftest import ARTICLE
from linter.config import Settings
from linter.pipeline import lint_bytes

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


def _valid_in_every_format(diagnostics, files=1):
    """Every formatter's output parses with the format's own kind of parser."""
    import xml.etree.ElementTree as ET

    from linter.output.report import FORMATTERS

    for name, formatter in FORMATTERS.items():
        out = formatter(diagnostics, files, paths=["_news/x.md"], root="/")
        if name in ("json", "sarif", "gitlab"):
            json.loads(out)
        elif name == "json-lines":
            for line in out.splitlines():
                json.loads(line)
        elif name == "junit":
            ET.fromstring(out)
        elif name == "github":
            *commands, summary = out.splitlines()  # workflow commands, then a plain summary for the log
            assert all(line.startswith("::") and "\n" not in line for line in commands), out
            assert not summary.startswith("::")
        else:
            assert out.endswith("\n")


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.binary(max_size=300).map(lambda b: b"---\n" + b + b"\n---\n"),
                 st.text(yaml_chars, max_size=200).map(lambda t: ("---\n" + t + "\n---\n").encode("utf-8", "surrogatepass")),
                 st.tuples(st.integers(0, len(ARTICLE) - 1), st.text(yaml_chars, max_size=20)).map(
                     lambda p: (ARTICLE[:p[0]] + p[1] + ARTICLE[p[0]:]).encode())))
def test_output_is_valid_in_every_format(data):
    result = lint_bytes(data, "/r/_news/x.md", "_news/x.md", SETTINGS)
    _valid_in_every_format(result.diagnostics)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.integers(0, len(ARTICLE) - 1), st.text(yaml_chars, max_size=20))
def test_fixing_never_raises_and_never_breaks_the_front_matter(position, insert):
    """Whatever the input, fixing either leaves it alone or gives text that still parses, whose
    record differs only where a fix was meant to change it, and that a second pass leaves alone."""
    from linter.fix.fixer import _differences, _record, fix_text
    from linter.pipeline import lint_loaded
    from linter.stages.read import Source

    text = ARTICLE[:position] + insert + ARTICLE[position:]
    result = lint_bytes(text.encode(), "/r/_news/2021-04-20-x.md", "_news/2021-04-20-x.md", SETTINGS)
    outcome = fix_text(result, SETTINGS, unsafe=True)
    if outcome.text is None:
        return
    before, after = _record(text, SETTINGS, result.path), _record(outcome.text, SETTINGS, result.path)
    assert after is not None
    scopes = [f.scope for f in outcome.applied]
    for changed in _differences(before, after, ""):
        assert scopes, changed
    again = lint_loaded(result.path, result.display, SETTINGS, Source(result.path, outcome.text))
    assert fix_text(again, SETTINGS, unsafe=True).text is None


@settings(max_examples=150, suppress_health_check=list(HealthCheck), deadline=None)
@given(schema_strategies.schemas, schema_strategies.records)
def test_any_schema_a_record_names_is_a_finding_never_a_crash(tmp_path_factory, schema, record):
    """Broken, cyclic and hostile schemas named by `$schema` end as findings (SCH000 when the
    schema is unusable), on both paths, and quickly: patterns run on RE2."""
    folder = tmp_path_factory.mktemp("schema")
    (folder / "s.json").write_text(json.dumps(schema))
    text = "---\n$schema: s.json\n" + "".join(f"{key}: {json.dumps(value)}\n" for key, value in record.items()) + "---\n"
    outputs = []
    for settings_ in (Settings(root=str(folder)), Settings(root=str(folder), fast=False)):
        result = lint_bytes(text.encode(), str(folder / "r.md"), "r.md", settings_)
        assert not result.internal_error, [d.message for d in result.diagnostics]
        outputs.append([d.to_dict() for d in result.diagnostics])
    assert outputs[0] == outputs[1]
