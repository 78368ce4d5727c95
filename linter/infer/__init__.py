"""Schemas from existing records, and what is out of line among them.

- `records.py` finds the records below some paths and groups them into collections (a Jekyll
  collection of `_config.yml`, else the record's folder), each record as the linter sees it
  (YAML 1.1 values, the site's defaults merged under it).
- `outliers.py` judges a collection's key names and value kinds: a rare key that looks like a
  misspelling of a common one, a value whose kind differs from nearly all the others. The drift
  rules (`rules/drift.py`) and the inference share it, so what inference leaves out of a schema is
  what the drift rules report.
- `merge.py` merges the records into a schema with genson, with strategies that count keys and
  values and see formats, small sets of repeated values and numeric bounds.
- `render.py` turns the merged schema into the JSON a person would write.
- `command.py` is `lint schema infer` and `lint init`.
"""
