"""The pipeline's stages, in order: discover, read, frontmatter (split), parse (or the
fast path's screen), validate, suppress. `linter/pipeline.py` runs them on one file."""
