"""LRN: learning resources (videos, courses, collections, samples): durations and embeds."""
from __future__ import annotations

import re
from linter.rules import rule

# ISO 8601 duration: P, date parts in order, then T and time parts in order; at least one part.
_DURATION = re.compile(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
                       r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?")
# Hours each part stands for (a month and a year as 30 and 365 days: plausibility only).
_PART_HOURS = (365 * 24, 30 * 24, 7 * 24, 24, 1, 1 / 60, 1 / 3600)
# What a duration looks like when it is meant to be ISO 8601 (not `25 hours`, which older
# records of the pipeline write and the schema accepts).
_LOOKS_ISO = re.compile(r"[Pp]|\d+:\d")
_IFRAME_SRC = re.compile(r"""<(?:iframe|IFRAME|Iframe)\s[^>]*?\b(?:src|SRC)\s*=\s*["']([^"']*)""")
_YOUTUBE_EMBED = re.compile(r"/embed/([A-Za-z0-9_-]{6,})")


def duration_hours(text: str) -> float | None:
    """The hours an ISO 8601 duration stands for, or None when it is not one."""
    match = _DURATION.fullmatch(text)
    if match is None or not any(match.groups()) or text.endswith("T"):
        return None
    return sum(float(part.replace(",", ".")) * hours
               for part, hours in zip(match.groups(), _PART_HOURS) if part is not None)


@rule("LRN001", "invalid-duration", supersedes=("anyOf", "pattern"))
def invalid_duration(ctx):
    """`length` is meant as an ISO 8601 duration but is not one.

    **What it does.** Reports a `length` that starts with `P` or reads like a clock time
    (`13:34`) and is not an ISO 8601 duration: `P`, then years, months, weeks and days, then `T`
    and hours, minutes and seconds, each part in that order and at least one of them. Text such
    as `25 hours`, which older records of the pipeline write, is left alone.

    **Why it matters.** The site shows the running time from it and search engines read it as
    schema.org `duration`: `PT13M34` (no unit on the seconds) or `13:34` shows as nothing.

    **Fails**
    ```
    length: PT13M34
    ```
    **Passes**
    ```
    length: PT13M34S
    ```
    """
    length = ctx.record.get("length")
    if not isinstance(length, str) or not _LOOKS_ISO.match(length) or duration_hours(length) is not None:
        return ()
    return [ctx.report(f"`length` {length!r} is not an ISO 8601 duration (such as `PT13M34S`, `PT1H5M`, `P1M`)",
                       "/length")]


@rule("LRN002", "implausible-duration", "warning", options={"max-video-hours": 24})
def implausible_duration(ctx):
    """`length` is zero, or a video is longer than a day.

    **What it does.** Reports a valid ISO 8601 `length` of zero, and a video's (`type: video`)
    longer than `max-video-hours` (default 24). Courses and collections may last months.

    **Why it matters.** A zero or day-long video is a parsing error upstream (a missing unit, a
    live stream's counter), and the site shows it as the running time.

    **Fails**
    ```
    type: video
    length: PT0S
    ```
    **Passes**
    ```
    type: video
    length: PT13M34S
    ```

    **Options**: `max-video-hours` (integer, default 24).
    """
    length = ctx.record.get("length")
    hours = duration_hours(length) if isinstance(length, str) else None
    if hours is None:
        return ()
    if hours == 0:
        return [ctx.report(f"`length` {length!r} is zero", "/length")]
    limit = ctx.option("max-video-hours")
    if ctx.record.get("type") == "video" and hours > limit:
        return [ctx.report(f"`length` {length!r} is {hours:.0f} hours: longer than {limit} hours for a video",
                           "/length")]
    return ()


# The video id of a YouTube watch page (`youtube.com/watch?v=ID`, `youtu.be/ID`); regexes rather
# than urllib's parsers, which cost 4 us a record on the video records that nearly all have one.
_WATCH_ID = re.compile(r"https?://(?:[\w-]+\.)?(?:youtube\.com/watch\?(?:[^#]*&)?v=|youtu\.be/)([A-Za-z0-9_-]+)")


def _watch_id(url: str) -> str | None:
    match = _WATCH_ID.match(url.strip())
    return match.group(1) if match else None


@rule("LRN003", "embed-mismatch")
def embed_mismatch(ctx):
    """`featuredContent` does not embed over https, or embeds another video than `originalUrl`.

    **What it does.** Reads the `src` of the `<iframe>` in `featuredContent`. Reports one that is
    not `https://`, and, when `originalUrl` is a YouTube watch page, an embed
    (`https://www.youtube.com/embed/<id>`) of a different video id.

    **Why it matters.** Browsers block an http frame on an https page (mixed content), and a
    record that plays another video than the one it describes misleads every reader.

    **Fails**
    ```
    originalUrl: https://youtube.com/watch?v=OKPNjXh-6Vk
    featuredContent: "<iframe src=\\"https://www.youtube.com/embed/zs7BnTR1H-M\\"></iframe>"
    ```
    **Passes**
    ```
    originalUrl: https://youtube.com/watch?v=OKPNjXh-6Vk
    featuredContent: "<iframe src=\\"https://www.youtube.com/embed/OKPNjXh-6Vk\\"></iframe>"
    ```
    """
    content = ctx.record.get("featuredContent")
    if not isinstance(content, str) or "<iframe" not in content and "<IFRAME" not in content.upper():
        return ()
    original = ctx.record.get("originalUrl")
    # The pipeline's own form, `src="https://www.youtube.com/embed/<the watch page's id>"`, found
    # with one search: saves 3.5 us a video record (bench/stages.py --rules) over reading the frame.
    if isinstance(original, str) and "youtube.com/watch?v=" in original and "&" not in original:
        if f'src="https://www.youtube.com/embed/{original.rsplit("v=", 1)[1].strip()}"' in content:
            return ()
    match = _IFRAME_SRC.search(content)
    if match is None:
        return [ctx.report("`featuredContent` has an <iframe> without a `src`", "/featuredContent")]
    src = match.group(1).strip()
    if not src.lower().startswith("https://"):
        return [ctx.report(f"`featuredContent` embeds {src!r}: the frame must be https", "/featuredContent")]
    watched = _watch_id(original) if isinstance(original, str) else None
    embedded = _YOUTUBE_EMBED.search(src.split("?", 1)[0])
    if watched and embedded and embedded.group(1) != watched:
        return [ctx.report(f"`featuredContent` embeds the video {embedded.group(1)!r}, but `originalUrl` is the "
                           f"video {watched!r}", "/featuredContent")]
    return ()
