"""Every collection the pipeline writes gets its built-in schema (schema/*.schema.json): each
schema accepts every real record of its type in ../shared/corpus/power-apps, and defects planted
in copies of real records of each type are reported at their line. Skipped without the corpus;
the hand-written records in examples/ cover the same ground without it."""
import json
import os
import re
import shutil

import pytest

from conftest import CORPUS, ROOT
from linter.config import ConfigResolver
from linter.run.runner import run

SITE = os.path.join(CORPUS, "power-apps")
needs_corpus = pytest.mark.skipif(not os.path.isdir(SITE), reason="../shared/corpus is absent")

# folder -> (built-in schema, file extension)
COLLECTIONS = {
    "_news": ("article", ".md"),
    "_learning/videos": ("video", ".md"),
    "_learning/courses": ("course", ".md"),
    "_learning/collections": ("collection", ".md"),
    "_samples": ("sample", ".md"),
    "_people": ("person", ".md"),
    "_communities": ("community", ".md"),
    "_newsletters": ("newsletter", ".html"),
}


def _records(folder):
    path = os.path.join(SITE, folder)
    return sorted(os.path.join(path, n) for n in os.listdir(path) if n.endswith(COLLECTIONS[folder][1]))


@needs_corpus
@pytest.mark.parametrize("folder", sorted(COLLECTIONS))
def test_every_real_record_of_a_type_passes_its_schema(folder):
    outcome = run([os.path.join(SITE, folder)], ConfigResolver(), cross_file=False)
    files = _records(folder)
    assert outcome.files == len(files) > 0
    assert outcome.checked == len(files), "a record was not checked against a schema"
    errors = [(d.path, d.line, d.code, d.message) for d in outcome.diagnostics
              if d.code.startswith(("SCH", "FM", "YML"))]
    assert errors == []


@needs_corpus
def test_show_schemas_accounts_for_every_record(capsys):
    from linter.cli import main
    assert main(["--show-schemas", SITE]) == 0
    lines = capsys.readouterr().out.splitlines()
    shown = {line.split("  ")[0]: line for line in lines if line.strip()}
    for folder, (schema, _) in COLLECTIONS.items():
        for path in _records(folder):
            line = shown[os.path.relpath(path) if not os.path.isabs(SITE) else path]
            assert f"  {schema}  " in line + "  ", line
    # every file of the site is a record of one of the collections (`_sponsorships/today/index.json`
    # is a page rendering JSON, and `.json` is not a front-matter extension)
    assert len(lines) == sum(len(_records(folder)) for folder in COLLECTIONS) == 789


def _plant(text, kind, schema):
    """The record with one defect and the (line, code) it must be reported at."""
    lines = text.split("\n")
    key_line = {m.group(1): i for i, l in enumerate(lines) for m in [re.match(r"([A-Za-z]\w*):", l)] if m}
    if kind == "unknown-key":
        lines.insert(1, 'tittel: "x"')
        return "\n".join(lines), 2, "SCH001"
    if kind == "wrong-type":
        key = "name" if schema in ("person", "community") else "title"
        i = key_line[key]
        lines[i] = f"{key}: [1, 2]"
        return "\n".join(lines), i + 1, "SCH003"
    if kind == "missing-key":
        i = key_line["topics"]
        j = i + 1
        while j < len(lines) and lines[j].startswith(("  ", "-")):
            j += 1
        del lines[i:j]
        return "\n".join(lines), 1, "SCH002"
    if kind == "provider-shape":
        i = key_line["provider"] if "provider" in key_line else None
        if i is None:
            return None
        j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith("  name:"))
        del lines[j]
        return "\n".join(lines), i + 1, "SCH002"
    if kind == "image-shape":
        j = next((k for k, l in enumerate(lines) if re.match(r"\s+width: \d+$", l)), None)
        if j is None:
            return None
        lines[j] = lines[j].split(":")[0] + ': "wide"'
        return "\n".join(lines), j + 1, "SCH003"
    if kind == "secured-shape":
        if "secured" not in key_line:
            return None
        i = key_line["secured"]
        lines[i] = "secured: 12345"
        return "\n".join(lines), i + 1, "SCH003"
    raise AssertionError(kind)


KINDS = ("unknown-key", "wrong-type", "missing-key", "provider-shape", "image-shape", "secured-shape")


@needs_corpus
@pytest.mark.parametrize("folder", sorted(COLLECTIONS))
def test_planted_defects_in_copies_of_real_records_are_reported_at_their_line(tmp_path, folder):
    from linter import lint_text
    schema = COLLECTIONS[folder][0]
    planted = 0
    for source in _records(folder)[:5]:
        text = open(source, encoding="utf-8").read()
        for kind in KINDS:
            plant = _plant(text, kind, schema)
            if plant is None:
                continue
            changed, line, code = plant
            path = os.path.join(str(tmp_path), folder, os.path.basename(source))
            found = [(d.line, d.code) for d in lint_text(changed, path=path)]
            assert (line, code) in found, (source, kind, found)
            planted += 1
    assert planted >= 15
