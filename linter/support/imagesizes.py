"""imagesize, imported without the modules it needs only for what this tool never does.

imagesize reads an image's pixel size from its header. Its top imports `urllib.request` (to
fetch remote images: never, there is no network at run time) and `xml.etree.ElementTree` (for
SVG, which has no pixel size to compare); with what they pull in (`http.client`, `ssl`,
`email`, `hashlib`) that is ~17 ms of a process that measures one image. During its import
those modules are stand-ins whose every name refuses to run; imagesize catches the refusal
and answers "unknown size" (-1, -1), so a remote URL or an SVG header is never read. A module
already imported (the language server may have them) is used as it is.
"""
from __future__ import annotations

import functools
import sys
import types

# Saves ~17 ms a process that reads an image (bench/stages.py: "import imagesize").
NEVER_USED = ("urllib.request", "urllib.error", "xml.etree.ElementTree")


class Refused(Exception):
    """Anything imagesize takes from a stand-in: an exception class (for its `except`
    clauses) that refuses to be made, so calling it raises."""

    def __init__(self, *args, **kwargs):
        raise RuntimeError("imagesize: remote images and SVG are not read by frontmatter-lint")


class StandIn(types.ModuleType):
    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return Refused


@functools.cache
def imagesize():
    """The imagesize module (imported once)."""
    if "imagesize" in sys.modules:
        return sys.modules["imagesize"]
    stand_ins = [name for name in NEVER_USED if name not in sys.modules]
    for name in stand_ins:
        sys.modules[name] = StandIn(name)
    try:
        import imagesize as module
    finally:
        for name in stand_ins:
            if isinstance(sys.modules.get(name), StandIn):
                del sys.modules[name]
    return module
