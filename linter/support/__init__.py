"""Shared helpers: path globs, files named by content or configuration, YAML nesting
guards, YAML 1.1 scalar forms."""
