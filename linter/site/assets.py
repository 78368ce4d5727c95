"""Files of the site that records name: which file a URL names, whether it is there, and an
image's real pixel size, read from its header (imagesize; the image is never decoded).

A URL names a site file when it is a site path (`/assets/logo.png`, with or without the
site's `baseurl`; a relative one is taken from the site root) or an absolute URL of the site's
own published address (`url` + `baseurl` from `_config.yml`), and its last segment has a file
extension that Jekyll does not generate a page for (`.html`, `.json`, ... are built, not
stored). Nothing outside the site root is opened, and only regular files are.
"""
from __future__ import annotations

import functools
import os
import posixpath
import re
import stat
from typing import NamedTuple

# Pages Jekyll builds from content: a URL ending so names a page, not a stored file.
GENERATED_EXTENSIONS = frozenset((".html", ".htm", ".json", ".xml", ".rss", ".atom", ".md", ".markdown", ".txt"))
IMAGE_EXTENSIONS = frozenset((".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico", ".avif",
                              ".svg"))
_WHITESPACE = re.compile(r"\s")
# Vector images have no pixel size to compare.
VECTOR_EXTENSIONS = frozenset((".svg",))


NO_SUCH_FILE = "no such file"


class SiteFile(NamedTuple):
    site_path: str      # "/assets/images/logo.png": the path below the site root
    path: str           # the file's absolute path
    extension: str      # lower case, with the dot
    named_size: tuple | None = None  # (width, height) its file name says (`logo-50x50.png`)

    @property
    def is_image(self) -> bool:
        return self.extension in IMAGE_EXTENSIONS

    @property
    def has_pixel_size(self) -> bool:
        return self.is_image and self.extension not in VECTOR_EXTENSIONS


class FileState(NamedTuple):
    """What the file system says about a site file."""
    problem: str | None         # why it cannot be used, else None
    size: tuple | None          # (width, height) of a raster image whose header was read
    present: bool = False       # a regular file inside the site (a problem then is with its content)


def site_file(value: str, root: str, url: str, baseurl: str) -> SiteFile | None:
    """The file of the site at `root` that the URL `value` names, or None when it names none."""
    if value.startswith(_WEB) and value.split("/", 3)[2].lower() != url.partition("://")[2].lower():
        return None  # another site's page or image: most URLs of a record
    return _site_file(value, root, url, baseurl)


_WEB = ("https://", "http://")


# Saves ~4 µs a URL: records repeat their logos and images (power-apps: 2,215 URLs, 1,010 distinct).
@functools.lru_cache(maxsize=4096)
def _site_file(value: str, root: str, url: str, baseurl: str) -> SiteFile | None:
    value = value.strip()
    if not value or _WHITESPACE.search(value):
        return None  # the URL rules report it
    path = _site_path(value, url, baseurl)
    if path is None:
        return None
    path = path.split("#", 1)[0].split("?", 1)[0]
    if "%" in path:
        from urllib.parse import unquote
        path = unquote(path)
    name = path.rsplit("/", 1)[-1]
    extension = os.path.splitext(name)[1].lower()
    if not extension or extension in GENERATED_EXTENSIONS or "\0" in path:
        return None
    normal = posixpath.normpath("/" + path.lstrip("/"))
    from linter.rules.images import named_size
    named = named_size(normal)
    return SiteFile(normal, os.path.join(root, *normal.lstrip("/").split("/")), extension,
                    (named.width, named.height) if named is not None else None)


def _site_path(value: str, url: str, baseurl: str) -> str | None:
    if value.startswith("//"):
        value = "https:" + value
    scheme, sep, rest = value.partition("://")
    if sep:
        if not url or scheme.lower() not in ("http", "https"):
            return None
        own_host = url.partition("://")[2].lower()
        host, slash, path = rest.partition("/")
        if host.lower() != own_host:
            return None
        value = "/" + path
    elif ":" in value.split("/", 1)[0]:
        return None  # mailto:, data:, tel: ...
    if baseurl and (value == baseurl or value.startswith(baseurl + "/")):
        value = value[len(baseurl):]
    return value


# Saves a stat and a look-up for each record naming a file of the site (power-apps: 406 asks for
# 10 files, ~3 ms): the file system is asked once a run. The run loop and the language server
# `forget` before each run, so a changed file is read again.
_states: dict = {}


def state_of(file: SiteFile, root: str) -> FileState:
    """Whether the file is there and usable; for a raster image, its pixel size."""
    state = _states.get(file)
    if state is None:
        state = _states[file] = _read_state(file, root)
    return state


def forget():
    """Forget what the file system said of the site's files."""
    _states.clear()


def _read_state(file: SiteFile, root: str) -> FileState:
    if not file.site_path.startswith("/") or file.site_path.startswith("/.."):
        return FileState("it lies outside the site", None)
    try:
        info = os.stat(file.path)
    except (OSError, ValueError):
        return FileState(NO_SUCH_FILE, None)
    if stat.S_ISDIR(info.st_mode):
        return FileState("it is a folder, not a file", None)
    if not stat.S_ISREG(info.st_mode):
        return FileState("it is not a regular file", None)
    real, real_root = os.path.realpath(file.path), os.path.realpath(root)
    if not real.startswith(real_root.rstrip(os.sep) + os.sep):
        return FileState("it lies outside the site (a link)", None)
    if not file.has_pixel_size:
        return FileState(None, None, True)
    return _pixel_size(file.path)


def _pixel_size(path: str) -> FileState:
    from linter.support.imagesizes import imagesize
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return FileState(f"it cannot be read ({exc.strerror or exc})", None, True)
    try:
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                return FileState("it is not a regular file", None)
            width, height = imagesize().get(stream)
    except Exception as exc:  # noqa: BLE001 - a damaged header is a finding, never a crash
        return FileState(f"its image header cannot be read ({exc.__class__.__name__})", None, True)
    if width <= 0 or height <= 0:
        return FileState("it is not an image format whose size can be read", None, True)
    return FileState(None, (width, height), True)
