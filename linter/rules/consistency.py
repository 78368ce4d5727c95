"""CON: values of one record that must agree with each other or with where the file lives.

Each check reads `ctx.record` only and does nothing for a field the record lacks; positions
are looked up only to report.
"""
from __future__ import annotations

from typing import NamedTuple

from linter.rules import rule
from linter.rules.urlparts import article_key

DEFAULT_COLLECTIONS = {"_news": "news"}

# Text the site needs: blank values here are reported by CON005 (the schema has no minLength
# for them, so each is reported once). List items and related articles are added per record.
_REQUIRED_TEXT = ("category", "title", "excerpt")
_RELATED_TEXT = ("title", "excerpt")


def _blank(value) -> bool:
    return isinstance(value, str) and not value.strip()


def _has_blank(values: list) -> bool:
    try:
        return "" in map(str.strip, values)
    except TypeError:  # not all strings
        return any(_blank(v) for v in values)


class TopicFacts(NamedTuple):
    """What CON003-CON005 need to know of a list of topics, all strings."""
    trimmed: bool    # every topic without surrounding whitespace
    none_blank: bool
    distinct: bool   # no two alike up to case and surrounding whitespace


def _record_topic_facts(ctx) -> TopicFacts | None:
    """The `TopicFacts` of the record's topics, once per record (`ctx.memo`) for CON003-CON005;
    None when `topics` is not a list of strings."""
    topics = ctx.record.get("topics")
    if not isinstance(topics, list):
        return None
    try:
        stripped = list(map(str.strip, topics))
    except TypeError:  # not all strings
        return None
    return TopicFacts(stripped == topics, "" not in stripped, len(set(map(str.casefold, stripped))) == len(topics))


def _empty(value: str) -> str:
    return "is empty" if not value else "is only whitespace"


def _collection_folder(relative_path: str, collections: dict) -> str | None:
    """The innermost folder of the path that the mapping names, or None."""
    path = "/" + relative_path
    found, at = None, -1
    for folder in collections:
        position = path.rfind(f"/{folder}/")
        if position > at:
            found, at = folder, position
    return found


def _folder_of(ctx, collections: dict) -> str | None:
    """`_collection_folder` of the file's path relative to the configuration's folder."""
    return _collection_folder(ctx.relative_path, collections)


@rule("CON001", "category-collection-mismatch", fix="unsafe", options={"collections": DEFAULT_COLLECTIONS})
def category_collection_mismatch(ctx):
    """`category` does not match the collection folder the file is in.

    **What it does.** Finds the innermost folder of the file's path (relative to the
    configuration file) that the `collections` option names, and reports a `category` other
    than the one given for that folder (case counts). Files in no folder of the mapping are
    not checked: a post in `_posts/` may have any category. A blank `category` is left to
    CON005. The unsafe fix writes the folder's category; check first that the file is not in
    the wrong folder instead.

    Option `collections` (table, default `{_news = "news"}`): collection folder name → the
    category its records have. A configured table replaces the default, so list `_news` too:
    `collections = {_news = "news", _videos = "video"}`.

    **Why it matters.** Jekyll files a record by its folder, while listings, feeds and the
    pipeline filter on `category`: a mismatched record is missing from one or the other.

    **Fails**
    ```
    # _news/2021-04-20-ferry.md
    category: blog
    ```
    **Passes**
    ```
    # _news/2021-04-20-ferry.md
    category: news
    ```
    """
    category = ctx.record.get("category")
    if not isinstance(category, str) or not category.strip():
        return ()
    collections = ctx.option("collections")
    if all(expected == category for expected in collections.values()):
        return ()  # the category of every folder of the mapping (`news` by default): saves ~1.8 µs a record
    folder = _folder_of(ctx, collections)
    if folder is None:
        return ()
    expected = collections[folder]
    if not isinstance(expected, str) or not expected or category == expected:
        return ()
    hint = " (case matters)" if category.casefold() == expected.casefold() else ""
    return [ctx.report(f"category `{category}` does not match the collection folder `{folder}/`, whose records "
                     f"have category `{expected}`{hint}", "/category",
                       fix=lambda: _replace(ctx, "/category", expected, f"set category to `{expected}`", safe=False))]


def _replace(ctx, pointer: str, value: str, description: str, safe: bool = True):
    from linter.fix.edits import replace_string_value
    return replace_string_value(ctx.span(pointer), value, description, safe)


def _remove_item(ctx, list_pointer: str, index: int, description: str, safe: bool = True):
    from linter.fix.edits import remove_sequence_item
    return remove_sequence_item(ctx.source.text, ctx.span(f"{list_pointer}/{index}"), list_pointer, description, safe)


def _line(ctx, pointer: str) -> str:
    """` (line N)` naming where another value is, when positions are at hand (not while screening)."""
    if ctx.screening:
        return ""
    span = ctx.span(pointer)
    return f" (line {span.line})" if span is not None else ""


@rule("CON002", "empty-topics")
def empty_topics(ctx):
    """`topics` is an empty list.

    **What it does.** Reports `topics: []`, a list with no items.

    **Why it matters.** Articles are listed and found by topic: a record with no topic appears
    on no topic page, and the pipeline always writes at least one.

    **Fails**
    ```
    topics: []
    ```
    **Passes**
    ```
    topics:
      - Transport
    ```
    """
    topics = ctx.record.get("topics")
    if isinstance(topics, list) and not topics:
        return [ctx.report("`topics` is empty: a record needs at least one topic", "/topics")]
    return ()


@rule("CON003", "untrimmed-topic", fix="safe")
def untrimmed_topic(ctx):
    """A topic with leading or trailing whitespace.

    **What it does.** Reports each topic that differs from itself with surrounding whitespace
    removed (blank topics are CON005's). The safe fix strips the whitespace, keeping the
    quoting style.

    **Why it matters.** `" AI"` and `"AI"` are different topics to Jekyll and to the pipeline:
    the record lands on a separate, near-empty topic page.

    **Fails**
    ```
    topics:
      - " Transport"
    ```
    **Passes**
    ```
    topics:
      - "Transport"
    ```
    """
    topics = ctx.record.get("topics")
    if not isinstance(topics, list):
        return ()
    facts = ctx.memo(_record_topic_facts)
    if facts is not None and facts.trimmed:
        return ()  # every topic is trimmed (the common case)
    # (a topic that is not a string: the schema reports it; check the others)
    found = []
    for index, topic in enumerate(topics):
        if isinstance(topic, str) and topic != topic.strip() and topic.strip():
            pointer = f"/topics/{index}"
            stripped = topic.strip()
            found.append(ctx.report(f"topic {topic!r} has leading or trailing whitespace", pointer,
                                    fix=lambda p=pointer, s=stripped: _replace(ctx, p, s, f"strip the topic to {s!r}")))
    return found


@rule("CON004", "duplicate-topic", fix="safe")
def duplicate_topic(ctx):
    """The same topic twice in `topics`.

    **What it does.** Reports each later copy of a topic, naming the first. An exact copy is an
    error and the safe fix removes it. Topics that differ only in case or surrounding
    whitespace (`AI`, `ai`) are a warning with no fix: which spelling is right is the editor's
    call.

    **Why it matters.** Duplicates show twice on the article and count twice in topic
    statistics; case variants split a topic into two pages.

    **Fails**
    ```
    topics:
      - AI
      - Transport
      - AI
    ```
    **Passes**
    ```
    topics:
      - AI
      - Transport
    ```
    """
    topics = ctx.record.get("topics")
    if not isinstance(topics, list) or len(topics) < 2:
        return ()
    facts = ctx.memo(_record_topic_facts)
    if facts is not None and facts.distinct:
        return ()  # no two alike, even up to case (the common case)
    # (a topic that is not a string: the schema reports it; check the others)
    return _duplicate_topics(ctx, topics)


def _duplicate_topics(ctx, topics):
    exact, folded = {}, {}
    for index, topic in enumerate(topics):
        if not isinstance(topic, str) or not topic.strip():
            continue
        pointer = f"/topics/{index}"
        first = exact.get(topic)
        if first is not None:
            yield ctx.report(f"duplicate topic {topic!r}: already topics[{first}]{_line(ctx, f'/topics/{first}')}",
                             pointer, fix=lambda i=index: _remove_item(ctx, "/topics", i, "remove the duplicate topic"))
            continue
        exact[topic] = index
        key = topic.strip().casefold()
        first = folded.get(key)
        if first is not None:
            yield ctx.report(f"topic {topic!r} duplicates topics[{first}] {topics[first]!r} up to case or "
                             f"whitespace{_line(ctx, f'/topics/{first}')}", pointer, severity="warning")
            continue
        folded[key] = index


@rule("CON005", "empty-text", fix="safe")
def empty_text(ctx):
    """Required text that is empty or only whitespace.

    **What it does.** Reports `""` or `"  "` in `category`, `title`, `excerpt`, `provider.name`,
    each `topics` item, and each related article's `title`, `excerpt` and `provider.name`. A
    blank topic in a list that has other topics has a safe fix: remove the item.

    **Why it matters.** The key is there, so the schema's required check passes, but the site
    shows an empty headline, summary or provider, or a topic page with no name.

    **Fails**
    ```
    title: ""
    ```
    **Passes**
    ```
    title: "Harbour ferry adds a night service"
    ```
    """
    record = ctx.record
    try:  # a missing key, a value that is not a string: the long way decides
        texts = (record["category"], record["title"], record["excerpt"], record["provider"]["name"])
        if all(map(str.strip, texts)) and "related" not in record:
            facts = ctx.memo(_record_topic_facts) if "topics" in record else None
            if facts is not None and facts.none_blank:
                return ()  # every text there and not blank, no blank topic (nearly every record)
    except (KeyError, TypeError):
        pass
    return _empty_text(ctx)


def _may_be_empty(ctx, pointer: str) -> bool:
    """The schema marks the text `x-may-be-empty` (a collection's excerpt is often `""`)."""
    from linter.schemas.reader import says_at
    return bool(ctx.schema) and says_at(ctx.schema, pointer, "x-may-be-empty")


def _empty_text(ctx):
    record = ctx.record
    found = []
    for key in _REQUIRED_TEXT:
        value = record.get(key)
        if isinstance(value, str) and not value.strip() and not _may_be_empty(ctx, f"/{key}"):
            found.append(ctx.report(f"`{key}` {_empty(value)}", f"/{key}"))
    provider = record.get("provider")
    if isinstance(provider, dict) and _blank(provider.get("name")):
        found.append(ctx.report(f"`provider.name` {_empty(provider['name'])}", "/provider/name"))
    topics = record.get("topics")
    facts = ctx.memo(_record_topic_facts) if isinstance(topics, list) else None
    if isinstance(topics, list) and (not facts.none_blank if facts is not None else _has_blank(topics)):
        for index, topic in enumerate(topics):
            if isinstance(topic, str) and not topic.strip():
                named = any(isinstance(t, str) and t.strip() for t in topics)
                fix = (lambda i=index: _remove_item(ctx, "/topics", i, "remove the empty topic")) if named else None
                found.append(ctx.report(f"topics[{index}] {_empty(topic)}", f"/topics/{index}", fix=fix))
    related = record.get("related")
    if isinstance(related, list):
        for index, entry in enumerate(related):
            if not isinstance(entry, dict):
                continue
            for key in _RELATED_TEXT:
                if _blank(entry.get(key)):
                    found.append(ctx.report(f"related[{index}].{key} {_empty(entry[key])}", f"/related/{index}/{key}"))
            provider = entry.get("provider")
            if isinstance(provider, dict) and _blank(provider.get("name")):
                found.append(ctx.report(f"related[{index}].provider.name {_empty(provider['name'])}",
                                        f"/related/{index}/provider/name"))
    return found


@rule("CON006", "original-url-mismatch", "warning")
def original_url_mismatch(ctx):
    """`originalUrl` and `webUrl` name different articles.

    **What it does.** When a record has both, compares them as article addresses: equal host
    (case, a leading `www.` and a default port ignored), path (a trailing slash ignored) and
    query; the scheme (`http`/`https`) and a `#fragment` are ignored. The finding is at
    `originalUrl`, naming `webUrl`. It is a warning: an `originalUrl` may legitimately be the
    address an article was found at before a redirect. The pipeline writes the same URL in both
    (every real record that has both agrees), so a difference usually means one of the two was
    edited and the other forgotten.

    **Why it matters.** Links, duplicate detection and the AMP URLs are derived from one or
    the other: when they disagree, part of the site points at another article.

    **Fails**
    ```
    originalUrl: "https://www.harbour-times.com/2021/04/20/ferry-night-service/"
    webUrl: "https://www.harbour-times.com/2021/04/21/bus-strike/"
    ```
    **Passes**
    ```
    originalUrl: "http://harbour-times.com/2021/04/20/ferry-night-service"
    webUrl: "https://www.harbour-times.com/2021/04/20/ferry-night-service/"
    ```
    """
    web = ctx.record.get("webUrl")
    if web is None or web == ctx.record.get("originalUrl"):
        return ()  # no webUrl, or the same URL (nearly every record): nothing below can report
    original = ctx.record.get("originalUrl")
    if not isinstance(original, str) or not original:
        return ()
    web = ctx.record.get("webUrl")
    if not isinstance(web, str) or web == original or "://" not in web or "://" not in original:
        return ()  # not absolute URLs: the URL checks report those
    if article_key(original) == article_key(web):
        return ()
    return [ctx.report(f"`originalUrl` names another article than `webUrl` {web!r}{_line(ctx, '/webUrl')}",
                       "/originalUrl")]
