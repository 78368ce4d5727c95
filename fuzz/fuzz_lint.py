"""Fuzz target: arbitrary bytes through the whole pipeline (both parse paths), every output
format and the fixer. Any exception, or output that does not parse, is a bug.

    python fuzz/fuzz_lint.py                  # hypothesis, 60 seconds (no extra install)
    python fuzz/fuzz_lint.py --seconds 600
    pip install atheris && python fuzz/fuzz_lint.py --atheris [libFuzzer options, e.g. -max_total_time=600]

With atheris, coverage guides the search (libFuzzer); without it, hypothesis generates YAML-ish
front matter and mutated article records, and schemas (tests/schema_strategies.py: valid, broken,
cyclic, hostile) named by a record's `$schema`. Seeds come from tests/conftest.py's ARTICLE in
its three dialects (YAML, TOML, JSON).
"""
import json
import os
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))

from linter.config import Settings  # noqa: E402
from linter.fix.fixer import fix_text  # noqa: E402
from linter.pipeline import lint_bytes  # noqa: E402
from linter.output.report import FORMATTERS  # noqa: E402

FAST = Settings(root="/")
REFERENCE = Settings(root="/", fast=False)


def check(data: bytes):
    outputs = []
    for settings in (FAST, REFERENCE):
        result = lint_bytes(data, "/r/_news/2021-04-20-x.md", "_news/2021-04-20-x.md", settings)
        assert not result.internal_error, [d.message for d in result.diagnostics]
        outputs.append([d.to_dict() for d in result.diagnostics])
        for name, formatter in FORMATTERS.items():
            out = formatter(result.diagnostics, 1, paths=["_news/x.md"], root="/")
            if name in ("json", "sarif", "gitlab"):
                json.loads(out)
            elif name == "junit":
                ET.fromstring(out)
        fix_text(result, settings, unsafe=True)
    assert outputs[0] == outputs[1], "fast and reference paths disagree"


def check_schema(schema, record: dict):
    """A record naming a generated schema: findings (SCH000 for an unusable schema), never an
    internal error, and the same on both paths."""
    folder = tempfile.mkdtemp(prefix="fuzz-schema-")
    with open(os.path.join(folder, "s.json"), "w") as handle:
        json.dump(schema, handle)
    text = "---\n$schema: s.json\n" + "".join(f"{k}: {json.dumps(v)}\n" for k, v in record.items()) + "---\n"
    outputs = []
    for settings in (Settings(root=folder), Settings(root=folder, fast=False)):
        result = lint_bytes(text.encode(), os.path.join(folder, "r.md"), "r.md", settings)
        assert not result.internal_error, [d.message for d in result.diagnostics]
        outputs.append([d.to_dict() for d in result.diagnostics])
    assert outputs[0] == outputs[1], "fast and reference paths disagree"


def run_hypothesis(seconds: float):
    from hypothesis import HealthCheck, given, settings, strategies as st
    from conftest import ARTICLE, ARTICLE_JSON, ARTICLE_TOML

    chars = st.sampled_from(list("---\n\r\t :#&*!|>'\"%@`[]{},?-abcxyz0129.\\\ufeff\u00e9\x00=+"))
    inputs = st.one_of(
        st.binary(max_size=2000),
        st.text(chars, max_size=400).map(lambda t: ("---\n" + t + "\n---\n").encode("utf-8", "surrogatepass")),
        st.text(chars, max_size=400).map(lambda t: ("+++\n" + t + "\n+++\n").encode("utf-8", "surrogatepass")),
        st.text(chars, max_size=400).map(lambda t: ("{" + t + "}\n").encode("utf-8", "surrogatepass")),
        # Each dialect's article with a few characters put in anywhere.
        st.tuples(st.sampled_from([ARTICLE, ARTICLE_TOML, ARTICLE_JSON]), st.floats(0, 1), st.text(chars, max_size=40)).map(
            lambda p: (p[0][:int(p[1] * len(p[0]))] + p[2] + p[0][int(p[1] * len(p[0])):]).encode("utf-8", "surrogatepass")))
    import schema_strategies
    test = settings(max_examples=200, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))(given(inputs)(lambda data: check(data)))
    test_schemas = settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))(
        given(schema_strategies.schemas, schema_strategies.records)(check_schema))
    deadline = time.monotonic() + seconds
    rounds = 0
    while time.monotonic() < deadline:
        test()
        test_schemas()
        rounds += 1
    print(f"fuzz: {rounds * 200} inputs and {rounds * 200} schemas, no failure")


def run_atheris(argv):
    import atheris
    atheris.Setup(argv, lambda data: check(bytes(data)))
    atheris.Fuzz()


if __name__ == "__main__":
    if "--atheris" in sys.argv:
        run_atheris([a for a in sys.argv if a != "--atheris"])
    else:
        seconds = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else 60.0
        run_hypothesis(seconds)
