"""IMG: images — declared pixel sizes, aspect ratios, sizes named in URLs, provider logos.

Every image mapping (`url`, `width`, `height`) is checked wherever the record holds one:
`images[]`, `provider.images[]`, `related[].images[]` and `related[].provider.images[]`.
Values of the wrong type or below 1 are the schema's findings (SCH003, SCH004): these rules
look only at positive integer sizes and string URLs, so nothing is reported twice.
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

from linter.model.diagnostics import Edit, Fix
from linter.model.values import is_exactly
from linter.rules import REGISTRY, rule

# A size in a file name just before the extension: WordPress `photo-1024x576.jpg`, the
# pipeline's logos `venturebeat.com-50x50.jpg`. Sizes elsewhere in a URL (`/800x800/` folders,
# `name_2400x1600-100788531-large.jpg`) are bounding boxes or upload names, not the file's size.
_NAMED_SIZE = re.compile(r"([1-9][0-9]{0,4})x([1-9][0-9]{0,4})\.[A-Za-z0-9]{2,5}\Z")  # after the last `-`
# WordPress's image CDN (Photon, `i0.wp.com`): `?resize=620%2C497` serves exactly 620×497.
_RESIZE = re.compile(r"[?&;]resize=([1-9][0-9]{0,4})(?:,|%2[Cc])([1-9][0-9]{0,4})")
# A host name: labels of letters, digits and hyphens, ending in an alphabetic top-level domain.
_HOSTNAME = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]+)\Z")
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{2,5}\Z")
_SIZE_SUFFIX = re.compile(r"[-_@][0-9]+x[0-9]*\Z")
_LOGO_SUFFIX = re.compile(r"(?:[-_@][0-9]+x[0-9]*)?\.[A-Za-z0-9]{2,5}\Z")


def _images(ctx) -> list:
    """(pointer of the list, index, image mapping, width, height) of every image of the record,
    found once per record (`ctx.memo`) for the image rules. `width` and `height` are the
    declared sizes the schema accepts (positive integers, not booleans), else None: anything
    else is the schema's finding (SCH003, SCH004), not these rules'."""
    return ctx.memo(_record_images)


def _record_images(ctx) -> list:
    record = ctx.record
    lists = [("/images", record.get("images"))]
    provider = record.get("provider")
    if isinstance(provider, dict):
        lists.append(("/provider/images", provider.get("images")))
    related = record.get("related")
    if isinstance(related, list):
        for at, item in enumerate(related):
            if isinstance(item, dict):
                lists.append((f"/related/{at}/images", item.get("images")))
                provider = item.get("provider")
                if isinstance(provider, dict):
                    lists.append((f"/related/{at}/provider/images", provider.get("images")))
    found = []
    for list_pointer, images in lists:
        if isinstance(images, list):
            for index, image in enumerate(images):
                if isinstance(image, dict):
                    found.append((list_pointer, index, image, _size(image.get("width")), _size(image.get("height"))))
    return found


def _size(value):
    """A declared dimension the schema accepts (a positive integer, not a boolean), else None."""
    return value if is_exactly(value, int) and value >= 1 else None


IMAGE_RULES = frozenset({"IMG001", "IMG002", "IMG003", "IMG004"})


def _may_report(ctx) -> bool:
    """Whether the rule being run may report on the record (`_suspects`)."""
    return ctx.rule.code in ctx.memo(_suspects)


def _suspects(ctx) -> frozenset:
    """Codes of the image rules that may report on the record: those `_image_suspects` names for
    one of its images, with the configured options; all four for a record with `related` items,
    or with an image that is not a mapping, lacks a key or holds a value that is not hashable."""
    record = ctx.record
    if "related" in record:
        return IMAGE_RULES
    settings, sizes, ratio = ctx.settings, REGISTRY["IMG001"], REGISTRY["IMG002"]
    bounds = (settings.option(sizes, "min-width"), settings.option(sizes, "max-width"),
              settings.option(sizes, "min-height"), settings.option(sizes, "max-height"),
              float(settings.option(ratio, "max-ratio")))
    suspects = frozenset()
    try:
        images = record.get("images")
        if isinstance(images, list):
            for image in images:
                suspects |= _image_suspects(image["url"], image["width"], image["height"], None, bounds)
        provider = record.get("provider")
        if isinstance(provider, dict) and isinstance(provider.get("images"), list):
            domain = provider.get("domain")
            for logo in provider["images"]:
                suspects |= _image_suspects(logo["url"], logo["width"], logo["height"], domain, bounds)
    except (KeyError, TypeError):
        return IMAGE_RULES
    return suspects


# Saves ~4.5 µs a record in bench/out/x1, whose records repeat their images: the rules skip them.
@functools.lru_cache(maxsize=4096, typed=True)
def _image_suspects(url, width, height, logo_domain, bounds: tuple) -> frozenset:
    """Codes of the image rules that may report on one image (a provider logo when
    `logo_domain` is given); `bounds`: IMG001's min-width, max-width, min-height, max-height
    and IMG002's max-ratio. `typed`: `True` and `1.0` are no size, `1` is."""
    min_width, max_width, min_height, max_height, max_ratio = bounds
    width, height, declared = _size(width), _size(height), (width, height)
    suspects = set()
    if (width is not None and not min_width <= width <= max_width
            or height is not None and not min_height <= height <= max_height):
        suspects.add("IMG001")
    if width is not None and height is not None and max(width, height) > max_ratio * min(width, height):
        suspects.add("IMG002")
    if isinstance(url, str):
        named = named_size(url)
        if named is not None and declared != (named.width, named.height):
            suspects.add("IMG003")
        if isinstance(logo_domain, str) and not _pipeline_form(url, logo_domain):
            suspects.add("IMG004")
    return frozenset(suspects)


@rule("IMG001", "image-size-out-of-bounds", "warning",
      options={"min-width": 16, "max-width": 10000, "min-height": 16, "max-height": 10000})
def image_size_out_of_bounds(ctx):
    """An image's declared width or height is outside the plausible range.

    **What it does.** Reports a `width` or `height` below `min-*` or above `max-*` pixels, in
    every image list of the record (`images`, `provider.images`, `related[].images`,
    `related[].provider.images`). Values that are not positive integers are left to the
    schema (SCH003, SCH004).

    Options: `min-width` (default 16), `max-width` (default 10000), `min-height` (default 16),
    `max-height` (default 10000), all in pixels.

    **Why it matters.** A 1×1 lead image is a tracking pixel or a spacer the pipeline picked
    up instead of the article's picture; a width of 120000 is a typo or a size in another
    unit. Either way the card that shows the image is broken. Real article images in a
    content repository of 2,600 records are 400 to 2939 pixels wide, logos 50×50.

    **Fails**
    ```
    images:
      - url: "https://example.com/pixel.gif"
        width: 1
        height: 1
    ```
    **Passes**
    ```
    images:
      - url: "https://example.com/uploads/ferry.jpg"
        width: 1200
        height: 675
    ```
    """
    if not _may_report(ctx):
        return ()
    found = []
    min_width, max_width = ctx.option("min-width"), ctx.option("max-width")
    min_height, max_height = ctx.option("min-height"), ctx.option("max-height")
    for list_pointer, index, _, width, height in _images(ctx):
        for key, value, low, high in (("width", width, min_width, max_width),
                                      ("height", height, min_height, max_height)):
            if value is None or low <= value <= high:
                continue
            if value < low:
                found.append(ctx.report(f"image {key} {value} px is below the minimum of {low} px "
                                        f"(a tracking pixel or spacer?); option min-{key}",
                                        f"{list_pointer}/{index}/{key}"))
            else:
                found.append(ctx.report(f"image {key} {value} px is above the maximum of {high} px; "
                                        f"option max-{key}", f"{list_pointer}/{index}/{key}"))
    return found


@rule("IMG002", "extreme-aspect-ratio", "warning", options={"max-ratio": 4.0})
def extreme_aspect_ratio(ctx):
    """An image is far wider than high, or far higher than wide.

    **What it does.** Reports an image whose long side is more than `max-ratio` times its short
    side, at the side further from a typical image size (about 800 px): `height: 40` under
    `width: 1200`, `width: 9000` over `height: 700`, the value that most likely went wrong.
    Only positive integer sizes are compared.

    Option: `max-ratio` (default 4.0). Real article images in a content repository range
    from 2:3 (portrait) to 2.2:1 (banners); social cards are 1.91:1, wide headers 3:1.

    **Why it matters.** Such an image is a divider, a banner ad, a sprite or a wrongly declared
    size: cropped to a card it shows nothing recognisable, and a wrong size distorts the layout.

    **Fails**
    ```
    images:
      - url: "https://example.com/uploads/divider.png"
        width: 1200
        height: 40
    ```
    **Passes**
    ```
    images:
      - url: "https://example.com/uploads/ferry.jpg"
        width: 1200
        height: 675
    ```
    """
    return _extreme_aspect_ratio(ctx) if _may_report(ctx) else ()


# Typical (width, height) in pixels: real article images run 400-2,900 wide and 285-2,560 high;
# the pipeline's provider logos are 50×50.
_TYPICAL = {"images": (1100, 650), "logos": (50, 50)}


def _odd_side(width: int, height: int, kind: str) -> str:
    """The side further from its typical size, in ratio: the one that most likely went wrong
    (1280×213: the height; 4320×720: the width; a 300×50 logo: the width)."""
    import math
    typical_width, typical_height = _TYPICAL[kind]
    return "height" if abs(math.log(height / typical_height)) > abs(math.log(width / typical_width)) else "width"


def _extreme_aspect_ratio(ctx):
    found = []
    limit = float(ctx.option("max-ratio"))
    for list_pointer, index, _, width, height in _images(ctx):
        if width is None or height is None:
            continue
        long_side, short_side = (width, height) if width >= height else (height, width)
        if long_side > limit * short_side:
            shape = "wide" if width > height else "high"
            found.append(ctx.report(f"image is {long_side / short_side:.1f} times as {shape} as it is "
                                    f"{'high' if shape == 'wide' else 'wide'} ({width}×{height}); "
                                    f"the limit is {limit:g}:1 (option max-ratio)",
                                    f"{list_pointer}/{index}/"
                                    f"{_odd_side(width, height, 'logos' if list_pointer.endswith('/provider/images') else 'images')}"))
    return found


class NamedSize(NamedTuple):
    """The size an image's URL names; `exact` when nothing may resize the file named."""
    width: int
    height: int
    exact: bool


def named_size(url: str) -> NamedSize | None:
    """The size named by the URL, or None: a Photon/`i0.wp.com` query
    `resize=W,H` (exact: the service crops to that size) or the file name's `-WxH.ext` suffix
    (not exact when a query string may resize it)."""
    if "resize=" in url:
        match = _RESIZE.search(url)
        if match is not None:
            return NamedSize(int(match.group(1)), int(match.group(2)), True)
    query = "?" in url or "#" in url
    if query:
        url = url.split("?", 1)[0].split("#", 1)[0]
    match = _NAMED_SIZE.match(url.rpartition("-")[2])
    if match is None:
        return None
    return NamedSize(int(match.group(1)), int(match.group(2)), not query)


@rule("IMG003", "url-size-mismatch", "error", fix="unsafe")
def url_size_mismatch(ctx):
    """The size named in an image's URL differs from its declared width and height.

    **What it does.** Where the file name ends in a size (`photo-1024x576.jpg`, as WordPress
    names its resized copies and the pipeline names logos, `venturebeat.com-50x50.jpg`),
    reports a declared `width`/`height` that differ from it, at the first value that differs.
    WordPress's image CDN names the size in its query instead (`?resize=620%2C497`), and
    that size wins. Sizes elsewhere in the URL (a `/800x800/` folder,
    `name_2400x1600-large.jpg`, `?w=1200` which never enlarges) are not the file's size and
    are ignored.

    Severity: an **error** when the declared size has another shape (aspect ratio) than the
    named one: one of the two is wrong and the image is distorted or mis-cropped. A
    **warning** when the shape is the same (a resized copy declared with the original's
    size: it renders with the right proportions but blurred or oversized) or when a file
    name's size comes with a query string (a CDN may resize it).

    Fix (unsafe): declare the size the URL names. Unsafe because an uploaded file name may
    carry a size that is not the file's.

    **Why it matters.** Pages reserve the declared box before the image loads and pick the
    source to download from it: a wrong declaration shifts the layout, distorts or blurs the
    image.

    **Fails**
    ```
    images:
      - url: "https://example.com/uploads/ferry-630x355.jpg"
        width: 1200
        height: 800
    ```
    **Passes**
    ```
    images:
      - url: "https://example.com/uploads/ferry-630x355.jpg"
        width: 630
        height: 355
    ```
    """
    return _url_size_mismatch(ctx) if _may_report(ctx) else ()


def _url_size_mismatch(ctx):
    found = []
    for list_pointer, index, image, _, _ in _images(ctx):
        url = image.get("url")
        if not isinstance(url, str):
            continue
        named = named_size(url)
        if named is None:
            continue
        named_width, named_height, exact = named
        width, height = image.get("width"), image.get("height")
        if width == named_width and height == named_height:
            continue
        pointer = f"{list_pointer}/{index}"
        width, height = _size(width), _size(height)
        wrong = [k for k, declared, expected in (("width", width, named_width), ("height", height, named_height))
                 if declared is not None and declared != expected]
        if not wrong:
            continue
        same_shape = (width is not None and height is not None
                      and abs(named_width * height - named_height * width) <= named_width + width)
        severity = "warning" if same_shape or not exact else None
        what = f"{width}×{height}" if width is not None and height is not None else \
            f"{wrong[0]} {image.get(wrong[0])}"
        shape = "the same shape, another size" if same_shape else "another shape"
        message = (f"the URL names a {named_width}×{named_height} image but {what} is declared "
                   f"({shape})")
        found.append(ctx.report(message, f"{pointer}/{wrong[0]}", severity=severity,
                                fix=lambda p=pointer, w=wrong, n=named: _declare_named_size(ctx, p, w, n)))
    return found


def _declare_named_size(ctx, pointer: str, wrong, named: NamedSize):
    edits = []
    for key in wrong:
        span = ctx.span(f"{pointer}/{key}")
        if span is None or span.raw is None or span.style is not None:
            return None
        edits.append(Edit(span.start, span.end, str(named.width if key == "width" else named.height)))
    return Fix(f"declare the size the URL names ({named.width}×{named.height})", tuple(edits), False, pointer)


def _bare_host(name: str) -> str:
    name = name.lower().rstrip(".")
    return name[4:] if name.startswith("www.") else name


def _same_site(a: str, b: str) -> bool:
    """Whether two host names are the same site or one is a subdomain of the other."""
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _file_name(url: str) -> str:
    if "?" in url or "#" in url:
        url = url.split("?", 1)[0].split("#", 1)[0]
    return url.rstrip("/").rpartition("/")[2]


class LogoName(NamedTuple):
    """The host name a logo file is named after; `pipeline_form`: as `<host>-<W>x<H>.<ext>`."""
    host: str
    pipeline_form: bool


def _named_host(file_name: str) -> LogoName | None:
    """The host name a logo file is named after, or None: `venturebeat.com-50x50.jpg` gives
    ("venturebeat.com", True), `venturebeat.com.png` ("venturebeat.com", False)."""
    stem = _EXTENSION.sub("", file_name.lower())
    bare = _SIZE_SUFFIX.sub("", stem)
    if _HOSTNAME.match(bare) is None:
        return None
    return LogoName(bare, bare != stem and stem[len(bare)] == "-")


@rule("IMG004", "provider-logo-name", "error")
def provider_logo_name(ctx):
    """A provider logo is not named after the provider's domain.

    **What it does.** The pipeline names provider logos after the provider's domain:
    `.../organizations/venturebeat.com-50x50.jpg` for `domain: venturebeat.com`. For each
    `provider.images[].url` (and `related[].provider.images[].url`), reads the host name the
    file is named after (the file name without its extension and `-WxH` size), compares it
    with `provider.domain` (a `www.` prefix, and a subdomain either way, count as the same
    site: `news.microsoft.com` for `microsoft.com`), and reports the URL:

    - an **error** when a file named in the pipeline's form `<host>-<W>x<H>.<ext>` names
      another site;
    - a **warning** when another file name reads as another site (`othersite.com.png`), or
      when the file is not named after any site (`logo.png`), unless a folder of its path is
      the domain or the image is served from the provider's own site.

    **Why it matters.** A logo named after another domain is another publisher's logo: the
    article is shown under the wrong brand, usually because a record was copied and only the
    provider's name and domain were edited.

    **Fails**
    ```
    provider:
      name: GeekWire
      domain: geekwire.com
      images:
        - url: "https://example.org/organizations/venturebeat.com-50x50.jpg"
    ```
    **Passes**
    ```
    provider:
      name: GeekWire
      domain: geekwire.com
      images:
        - url: "https://example.org/organizations/geekwire.com-50x50.jpg"
    ```
    """
    return _provider_logo_name(ctx) if _may_report(ctx) else ()


def _provider_logo_name(ctx):
    found = []
    record = ctx.record
    provider = record.get("provider")
    if isinstance(provider, dict) and "images" in provider:
        _check_logos(ctx, "/provider", provider, found)
    if isinstance(record.get("related"), list):
        for index, item in enumerate(record["related"]):
            if isinstance(item, dict) and isinstance(item.get("provider"), dict):
                _check_logos(ctx, f"/related/{index}/provider", item["provider"], found)
    return found


def _check_logos(ctx, prefix: str, provider: dict, found: list):
    logos, domain = provider.get("images"), provider.get("domain")
    if not isinstance(logos, list) or not isinstance(domain, str):
        return
    site = None
    for index, logo in enumerate(logos):
        url = logo.get("url") if isinstance(logo, dict) else None
        if not isinstance(url, str):
            continue
        url = url.strip()  # surrounding whitespace is URL003's finding, not a wrong name
        if not url.startswith(("https://", "http://")):
            continue  # not an http(s) URL: URL001's finding
        # The pipeline's form, decided without the host-name regex: `<domain>-50x50.jpg`.
        if _pipeline_form(url, domain):
            continue
        name = _file_name(url)
        if site is None:
            site = _bare_host(domain.strip())
            if not site:
                return
        named = _named_host(name)
        if named is not None and _same_site(_bare_host(named.host), site):
            continue
        finding = _logo_finding(ctx, url, named, site, domain, f"{prefix}/images/{index}/url")
        if finding is not None:
            found.append(finding)


def _pipeline_form(url: str, domain: str) -> bool:
    """Whether the logo URL names the domain's logo in the pipeline's form: `<domain>-50x50.jpg`."""
    name = _file_name(url)
    return bool(name.startswith(domain) and _LOGO_SUFFIX.match(name, len(domain)))


def _logo_finding(ctx, url: str, named, site: str, domain: str, pointer: str):
    if _HOSTNAME.match(site) is None:
        return None  # not a domain at all: the schema's finding (SCH004)
    if named is not None:
        return ctx.report(f"provider logo is named after {named.host}, not the provider's domain {domain}: "
                          "another publisher's logo?", pointer, severity=None if named.pipeline_form else "warning")
    _, sep, rest = url.partition("://")
    host, _, path = (rest if sep else url).split("?", 1)[0].split("#", 1)[0].partition("/")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    if host and _same_site(_bare_host(host), site):
        return None  # served from the provider's own site
    if any(_same_site(_bare_host(part), site) for part in path.split("/")[:-1] if "." in part):
        return None  # a folder named after the domain
    return ctx.report(f"provider logo {_file_name(url)!r} is not named after the provider's domain "
                      f"{domain} (the pipeline names logos `<domain>-50x50.jpg`)", pointer, severity="warning")
