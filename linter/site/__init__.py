"""The site a record belongs to, beyond the record itself.

A content repository is one site: Jekyll's `_config.yml` marks its root (`root.py` finds it),
says which folders are collections and which front-matter values every page gets
(`jekyll.py` reads it, `defaults.py` merges its `defaults` under a record), names the site's
published address (`assets.py` maps a URL of the site to a file under the root and reads an
image's pixel size), and the site defines the names records may refer to (`targets.py`: a
taxonomy in `_data/`, or other records). Rules ask `ctx.site`; the run loop asks for the
checks that need every record (references and uniqueness, `rules/references.py` and
`rules/crossfile.py`).
"""
