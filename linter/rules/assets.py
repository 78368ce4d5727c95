"""AST: files of the site that records name — there, readable, and the size they are said to be.

Every URL field (a key `url` or ending in `Url`, at any depth, as for the URL rules) whose value
names a file of the record's own site is checked against the file under the site root (where
`_config.yml` is): a site path (`/assets/images/logo.png`, with or without `baseurl`), or an
absolute URL of the site's published address (`url` + `baseurl`). Images are measured from their
header (imagesize; never decoded). Outside a Jekyll site these rules have nothing to check.
Which URLs name a file, and how files are read, is `linter/site/assets.py`'s.
"""
from __future__ import annotations

from typing import NamedTuple

from linter.model.diagnostics import Edit, Fix
from linter.model.values import is_exactly
from linter.rules import rule
from linter.rules.urls import url_values
from linter.site.assets import NO_SUCH_FILE, site_file, state_of


class SiteURL(NamedTuple):
    mapping: dict       # the dict holding the URL field (rules/urls.py `url_values`)
    key: str
    file: object        # the SiteFile it names (site/assets.py)
    state: object       # its FileState


def _pointer(ctx, url: SiteURL) -> str:
    """The pointer of the URL field (looked for only when it is reported)."""
    return next(pointer for pointer, key, _, parent in ctx.walk() if parent is url.mapping and key == url.key)


def _site_files(ctx) -> list:
    """A SiteURL for every URL field naming a site file, found once per record (`ctx.memo`)
    for the asset rules, from the URL fields the URL rules read."""
    site = ctx.site
    if site is None:
        return []
    root, url, baseurl = site.root, site.config.url, site.config.baseurl
    found = []
    for mapping, key, value in ctx.memo(url_values):
        file = site_file(value, root, url, baseurl)
        if file is not None:
            found.append(SiteURL(mapping, key, file, state_of(file, root)))
            ctx.depends.append(file.path)
    return found


@rule("AST001", "local-file-missing", needs_site=True)
def local_file_missing(ctx):
    """A URL of the site names a file that is not there.

    **What it does.** For each URL field whose value names a file of the record's own site (a
    site path such as `/assets/images/logo.png`, or an absolute URL starting with the site's
    `url` and `baseurl` from `_config.yml`), looks for the file under the site root and
    reports the value when it does not exist, is a folder, or lies outside the site. Paths
    that Jekyll builds pages for (`.html`, `.json`, `.xml`, ...) are not stored files and are
    not looked for. A close file name in the same folder is suggested.

    **Why it matters.** The page shows a broken image or a dead download; nothing in the
    build says so.

    **Fails**
    ```
    provider:
      images:
        - url: "/assets/images/organizations/example.com-50x50.jpg"   # no such file
    ```
    **Passes**: the file exists under the site root.
    """
    return [ctx.report(f"{found.file.site_path}: {found.state.problem}"
                       f"{_suggestion(found.file) if found.state.problem == NO_SUCH_FILE else ''}",
                       _pointer(ctx, found))
            for found in ctx.memo(_site_files) if found.state.problem is not None and not found.state.present]


def _suggestion(file) -> str:
    import difflib
    import os
    folder, name = os.path.split(file.path)
    try:
        names = [n for n in os.listdir(folder) if not n.startswith(".")][:10_000]
    except OSError:
        return ""
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.75)
    return f" (did you mean `{close[0]}`?)" if close else ""


@rule("AST002", "image-size-differs-from-file", fix="unsafe", needs_site=True)
def image_size_differs_from_file(ctx):
    """The declared `width` and `height` of a site image differ from the image file's size.

    **What it does.** For an image mapping (`url`, `width`, `height`) whose URL names an
    image file of the site, reads the file's pixel size from its header and reports the
    first declared dimension that differs. Vector images (SVG) have no pixel size and are
    not compared.

    Fix (unsafe): declare the file's size. Unsafe because the file may be the wrong one.

    **Why it matters.** Pages reserve the declared box before the image loads: a wrong size
    shifts the layout and scales the image out of shape.

    **Fails**
    ```
    images:
      - url: "/assets/images/organizations/example.com-400x400.jpg"   # the file is 320×320
        width: 400
        height: 400
    ```
    **Passes**: the declared size is the file's.
    """
    found = []
    for url in ctx.memo(_site_files):
        if url.state.size is None:
            continue
        width, height = url.mapping.get("width"), url.mapping.get("height")
        declared = {k: v for k, v in (("width", width), ("height", height)) if is_exactly(v, int)}
        real = dict(zip(("width", "height"), url.state.size))
        wrong = [k for k in declared if declared[k] != real[k]]
        if not wrong:
            continue
        owner = _pointer(ctx, url).rsplit("/", 1)[0]
        found.append(ctx.report(
            f"{url.file.site_path} is {real['width']}×{real['height']} pixels, but the record declares "
            f"{width if 'width' in declared else '?'}×{height if 'height' in declared else '?'}",
            f"{owner}/{wrong[0]}",
            fix=lambda o=owner, w=tuple(wrong), r=real: _declare_real_size(ctx, o, w, r)))
    return found


def _declare_real_size(ctx, owner: str, wrong: tuple, real: dict):
    edits = []
    for key in wrong:
        span = ctx.span(f"{owner}/{key}")
        if span is None or span.raw is None or span.style is not None:
            return None
        edits.append(Edit(span.start, span.end, str(real[key])))
    return Fix(f"declare the image file's size ({real['width']}×{real['height']})", tuple(edits), False, owner)


@rule("AST003", "file-name-size-differs-from-file", "warning", needs_site=True)
def file_name_size_differs_from_file(ctx):
    """A site image's file name says a size (`logo-50x50.jpg`) that is not the file's.

    **What it does.** For a URL naming an image file of the site whose name ends in a size
    (`-WxH` before the extension, the form the pipeline names logos in), reads the file's
    pixel size from its header and reports the URL when the two differ.

    **Why it matters.** Records and templates trust the size in the name (IMG003 checks
    declared sizes against it): a file saved at another size makes every record that names
    it wrong at once. Replace the file, or rename it and its records.

    **Fails**: `/assets/images/organizations/example.com-400x400.jpg` whose file is 320×320.
    **Passes**: the file is the size its name says.
    """
    return [ctx.report(f"{url.file.site_path} is named {url.file.named_size[0]}×{url.file.named_size[1]}, but the "
                       f"file is {url.state.size[0]}×{url.state.size[1]} pixels", _pointer(ctx, url))
            for url in ctx.memo(_site_files)
            if url.state.size is not None and url.file.named_size not in (None, url.state.size)]


@rule("AST004", "local-image-unreadable", needs_site=True)
def local_image_unreadable(ctx):
    """A site file named as an image cannot be read as one.

    **What it does.** Reports a URL naming an image file of the site (by its extension:
    `.png`, `.jpg`, `.gif`, `.webp`, ...) whose file exists but cannot be opened, or whose
    header is not that of an image format with a readable size.

    **Why it matters.** Browsers show a broken image; a file saved under the wrong extension
    or cut short by a bad upload is easy to miss in review.

    **Fails**: `/assets/images/logo.png` holding an HTML error page.
    **Passes**: a readable PNG, JPEG, GIF, WebP, ... file.
    """
    return [ctx.report(f"{url.file.site_path}: {url.state.problem}", _pointer(ctx, url))
            for url in ctx.memo(_site_files) if url.state.problem is not None and url.state.present]
