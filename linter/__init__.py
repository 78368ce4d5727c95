"""frontmatter-lint: a schema validator and linter for the YAML front matter of content files."""
__version__ = "0.1.0"
