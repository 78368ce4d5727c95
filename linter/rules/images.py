"""IMG: images — declared pixel sizes, aspect ratios, sizes named in URLs, provider logos.

Every image mapping (`url`, `width`, `height`) is checked wherever the record holds one:
`images[]`, `provider.images[]`, `related[].images[]` and `related[].provider.images[]`.
Values of the wrong type or below 1 are the schema's findings (SCH003, SCH004): these rules
look only at positive integer sizes and string URLs, so nothing is reported twice.
"""
from __future__ import annotations

import re

from linter.model.diagnostics import Edit, Fix
from linter.rules import rule

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
    """(pointer of the list, index, image mapping) of every image of the record, found once
    per record (`ctx.memo`) for the image rules."""
    return ctx.memo(_record_images)


def _record_images(ctx) -> list:
    return _find_images(ctx.record)


def _find_images(record) -> list:
    found = []
    images = record.get("images")
    if type(images) is list:
        for index, image in enumerate(images):
            if type(image) is dict:
                found.append(("/images", index, image))
    provider = record.get("provider")
    if type(provider) is dict:
        logos = provider.get("images")
        if type(logos) is list:
            for index, image in enumerate(logos):
                if type(image) is dict:
                    found.append(("/provider/images", index, image))
    related = record.get("related")
    if type(related) is list:
        for at, item in enumerate(related):
            if type(item) is not dict:
                continue
            images = item.get("images")
            if type(images) is list:
                found.extend((f"/related/{at}/images", index, image)
                             for index, image in enumerate(images) if type(image) is dict)
            provider = item.get("provider")
            logos = provider.get("images") if type(provider) is dict else None
            if type(logos) is list:
                found.extend((f"/related/{at}/provider/images", index, image)
                             for index, image in enumerate(logos) if type(image) is dict)
    return found


# The rules that may report on a record, decided in one pass over its images with the rules'
# default options (IMG001 and IMG002 look the slow way when the configuration sets any rule
# option): a rule whose bit is clear has nothing to report; one whose bit is set looks again.
SIZE, RATIO, NAMED, LOGO = 1, 2, 4, 8


def _may_report(ctx) -> int:
    """The bits, found once per record (`ctx.memo`) for the image rules."""
    return _scan(ctx.record)


def _scan(record) -> int:
    """The bits of the record's images. Images seen before (same URL, width, height and, for a
    logo, provider domain) are looked up without a test: an image missing a key, one not
    seen yet or a value of another type raises, and `_scan_each` decides."""
    if "related" in record:
        return SIZE | RATIO | NAMED | LOGO  # related items: every rule looks
    known = _image_bits
    bits = 0
    try:
        images = record.get("images")
        if images.__class__ is list:
            for image in images:
                bits |= known[image["url"], image["width"], image["height"], None]
        provider = record.get("provider")
        if provider.__class__ is dict:
            logos = provider.get("images")
            if logos.__class__ is list:
                domain = provider.get("domain")
                for logo in logos:
                    bits |= known[logo["url"], logo["width"], logo["height"], domain, True]
    except (KeyError, TypeError):
        return _scan_each(record)
    return bits


def _scan_each(record) -> int:
    """`_scan` testing each image (of a record without `related`, as `_scan` calls it)."""
    bits = 0
    for list_pointer, _, image in _find_images(record):
        if list_pointer == "/provider/images":
            bits |= _bits_of(image, record["provider"].get("domain"), (True,))
        else:
            bits |= _bits_of(image, None, ())
    return bits


# (URL, width, height, None) of an image, (URL, width, height, provider domain, True) of a logo
# -> its bits. Kept only for integer sizes (not `True` or 1.0): a look-up with `True` or 1.0
# finds the bits of 1, which have every bit those of `True` or 1.0 have (IMG001 and IMG002
# skip values that are not integers; IMG003 compares numbers).
_image_bits: dict = {}


def _bits_of(image: dict, domain, logo: tuple) -> int:
    url, width, height = image.get("url"), image.get("width"), image.get("height")
    bits = _image_bits_of(url, width, height)
    if logo and isinstance(domain, str) and isinstance(url, str) and not _pipeline_form(url, domain):
        bits |= LOGO
    if width.__class__ is int and height.__class__ is int:
        try:
            key = (url, width, height, domain, *logo) if logo else (url, width, height, None)
            hash(key)
        except TypeError:  # an unhashable URL or domain: the schema's finding
            return bits
        if len(_image_bits) > 20000:
            _image_bits.clear()
        _image_bits[key] = bits
    return bits


def _image_bits_of(url, width, height) -> int:
    min_width, max_width, min_height, max_height, limit = _DEFAULTS
    bits = 0
    if not ((width.__class__ is not int or min_width <= width <= max_width)
            and (height.__class__ is not int or min_height <= height <= max_height)):
        bits |= SIZE
    if width.__class__ is int and height.__class__ is int and width >= 1 and height >= 1 and \
            (width > limit * height if width >= height else height > limit * width):
        bits |= RATIO
    if url is not None and isinstance(url, str):
        named = _named_size_of(url)
        if named is not None and (width != named[0] or height != named[1]):
            bits |= NAMED
    return bits


def _options(ctx) -> dict:
    """The rule's options: its defaults unless the configuration sets any option at all."""
    if not ctx.settings.rule_options:
        return ctx.rule.options
    return {name: ctx.option(name) for name in ctx.rule.options}


def _size(value):
    """A declared dimension the schema accepts (a positive integer, not a boolean), else None."""
    return value if type(value) is int and value >= 1 else None


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
    if not ctx.settings.rule_options and not ctx.memo(_may_report) & SIZE:
        return ()
    return _size_out_of_bounds(ctx)


def _size_out_of_bounds(ctx):
    found = []
    bounds = None
    for list_pointer, index, image in _images(ctx):
        width, height = image.get("width"), image.get("height")
        if bounds is None:
            bounds = _options(ctx)
            min_width, max_width = bounds["min-width"], bounds["max-width"]
            min_height, max_height = bounds["min-height"], bounds["max-height"]
        if (type(width) is not int or min_width <= width <= max_width) and \
                (type(height) is not int or min_height <= height <= max_height):
            continue
        for key, value, low, high in (("width", width, min_width, max_width),
                                      ("height", height, min_height, max_height)):
            if type(value) is not int or value < 1:
                continue  # missing, not an integer or below 1: the schema's finding
            if value < low:
                found.append(ctx.report(f"image {key} {value} px is below the minimum of {low} px "
                                        f"(a tracking pixel or spacer?); option min-{key}",
                                        f"{list_pointer}/{index}/{key}"))
            elif value > high:
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
    if not ctx.settings.rule_options:
        bits = ctx.memo(_may_report)
        if not bits & RATIO:
            return ()
    return _extreme_aspect_ratio(ctx)


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
    limit = None
    for list_pointer, index, image in _images(ctx):
        width, height = image.get("width"), image.get("height")
        if type(width) is not int or type(height) is not int or width < 1 or height < 1:
            continue
        if limit is None:
            limit = float(_options(ctx)["max-ratio"])
        long_side, short_side = (width, height) if width >= height else (height, width)
        if long_side > limit * short_side:
            shape = "wide" if width > height else "high"
            found.append(ctx.report(f"image is {long_side / short_side:.1f} times as {shape} as it is "
                                    f"{'high' if shape == 'wide' else 'wide'} ({width}×{height}); "
                                    f"the limit is {limit:g}:1 (option max-ratio)",
                                    f"{list_pointer}/{index}/"
                                    f"{_odd_side(width, height, 'logos' if list_pointer.endswith('/provider/images') else 'images')}"))
    return found


_named_sizes: dict = {}  # URL -> _named_size(URL): corpora repeat logos and images


def _named_size_of(url: str):
    found = _named_sizes.get(url, _named_sizes)
    if found is _named_sizes:
        if len(_named_sizes) > 20000:
            _named_sizes.clear()
        found = _named_sizes[url] = _named_size(url)
    return found


def _named_size(url: str):
    """(width, height, exact) named by the URL, or None: a Photon/`i0.wp.com` query
    `resize=W,H` (exact: the service crops to that size) or the file name's `-WxH.ext` suffix
    (not exact when a query string may resize it)."""
    if "resize=" in url:
        match = _RESIZE.search(url)
        if match is not None:
            return int(match.group(1)), int(match.group(2)), True
    query = "?" in url or "#" in url
    if query:
        url = url.split("?", 1)[0].split("#", 1)[0]
    match = _NAMED_SIZE.match(url.rpartition("-")[2])
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2)), not query


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
    bits = ctx.memo(_may_report)
    if not bits & NAMED:
        return ()
    return _url_size_mismatch(ctx)


def _url_size_mismatch(ctx):
    found = []
    for list_pointer, index, image in _images(ctx):
        url = image.get("url")
        if not isinstance(url, str):
            continue
        named = _named_size_of(url)
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
                                fix=lambda p=pointer, w=wrong, n=named[:2]: _declare_named_size(ctx, p, w, n)))
    return found


def _declare_named_size(ctx, pointer: str, wrong, named):
    edits = []
    for key in wrong:
        span = ctx.span(f"{pointer}/{key}")
        if span is None or span.raw is None or span.style is not None:
            return None
        edits.append(Edit(span.start, span.end, str(named[0] if key == "width" else named[1])))
    return Fix(f"declare the size the URL names ({named[0]}×{named[1]})", tuple(edits), False, pointer)


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


def _named_host(file_name: str):
    """(host name, pipeline form) a logo file is named after, or None: `venturebeat.com-50x50.jpg`
    gives ("venturebeat.com", True), `venturebeat.com.png` ("venturebeat.com", False)."""
    stem = _EXTENSION.sub("", file_name.lower())
    bare = _SIZE_SUFFIX.sub("", stem)
    if _HOSTNAME.match(bare) is None:
        return None
    return bare, bare != stem and stem[len(bare)] == "-"


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
    bits = ctx.memo(_may_report)
    if not bits & LOGO:
        return ()
    return _provider_logo_name(ctx)


def _provider_logo_name(ctx):
    found = []
    record = ctx.record
    provider = record.get("provider")
    if type(provider) is dict and "images" in provider:
        _check_logos(ctx, "/provider", provider, found)
    if "related" in record and type(record["related"]) is list:
        for index, item in enumerate(record["related"]):
            if type(item) is dict and type(item.get("provider")) is dict:
                _check_logos(ctx, f"/related/{index}/provider", item["provider"], found)
    return found


def _check_logos(ctx, prefix: str, provider: dict, found: list):
    logos, domain = provider.get("images"), provider.get("domain")
    if type(logos) is not list or not isinstance(domain, str):
        return
    site = None
    for index, logo in enumerate(logos):
        url = logo.get("url") if type(logo) is dict else None
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
        if named is not None and _same_site(_bare_host(named[0]), site):
            continue
        finding = _logo_finding(ctx, url, named, site, domain, f"{prefix}/images/{index}/url")
        if finding is not None:
            found.append(finding)


_pipeline_forms: dict = {}  # (logo URL, provider domain) -> whether the URL names the domain's logo


def _pipeline_form(url: str, domain: str) -> bool:
    key = (url, domain)
    found = _pipeline_forms.get(key)
    if found is None:
        name = _file_name(url)
        found = bool(name.startswith(domain) and _LOGO_SUFFIX.match(name, len(domain)))
        if len(_pipeline_forms) > 20000:
            _pipeline_forms.clear()
        _pipeline_forms[key] = found
    return found


def _logo_finding(ctx, url: str, named, site: str, domain: str, pointer: str):
    if _HOSTNAME.match(site) is None:
        return None  # not a domain at all: the schema's finding (SCH004)
    if named is not None:
        host, pipeline_form = named
        return ctx.report(f"provider logo is named after {host}, not the provider's domain {domain}: "
                          "another publisher's logo?", pointer, severity=None if pipeline_form else "warning")
    _, sep, rest = url.partition("://")
    host, _, path = (rest if sep else url).split("?", 1)[0].split("#", 1)[0].partition("/")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0]
    if host and _same_site(_bare_host(host), site):
        return None  # served from the provider's own site
    if any(_same_site(_bare_host(part), site) for part in path.split("/")[:-1] if "." in part):
        return None  # a folder named after the domain
    return ctx.report(f"provider logo {_file_name(url)!r} is not named after the provider's domain "
                      f"{domain} (the pipeline names logos `<domain>-50x50.jpg`)", pointer, severity="warning")


def _default_options() -> tuple:
    from linter.rules import REGISTRY
    sizes, ratio = REGISTRY["IMG001"].options, REGISTRY["IMG002"].options
    return (sizes["min-width"], sizes["max-width"], sizes["min-height"], sizes["max-height"],
            float(ratio["max-ratio"]))


# The default options of IMG001 and IMG002 (min-width, max-width, min-height, max-height,
# max-ratio), which `_image_bits_of` applies when the configuration sets no option.
_DEFAULTS = _default_options()
