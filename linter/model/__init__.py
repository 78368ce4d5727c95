"""The data the pipeline passes along: diagnostics, findings, records, JSON pointers."""
