"""Output: the report formats and baselines."""
