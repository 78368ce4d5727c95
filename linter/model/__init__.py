"""The data the pipeline passes along: diagnostics, findings, records, JSON pointers, and the
one exact type check of a record's values (`values.is_exactly`)."""
