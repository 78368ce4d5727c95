"""Fixing: minimal text edits to the front matter, applied and verified."""
