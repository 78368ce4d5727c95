"""PRF: people's and communities' social profiles (`twitter`, `linkedin`, ...)."""
from __future__ import annotations

from urllib.parse import urlsplit

from linter.rules import rule

_TWITTER_HOSTS = ("twitter.com", "www.twitter.com", "mobile.twitter.com", "x.com", "www.x.com")


@rule("PRF001", "profile-url-username-mismatch")
def profile_url_username_mismatch(ctx):
    """`twitter.url` is not the profile of `twitter.username`.

    **What it does.** Reports a `twitter.url` on twitter.com (or x.com) whose first path segment
    is not `twitter.username` (compared without case, a leading `@` ignored).

    **Why it matters.** The profile page links one account and names another: one of the two was
    copied from another person's record.

    **Fails**
    ```
    twitter:
      username: aprildunnam
      url: https://twitter.com/clamanna
    ```
    **Passes**
    ```
    twitter:
      username: aprildunnam
      url: https://twitter.com/aprildunnam
    ```
    """
    twitter = ctx.record.get("twitter")
    if not isinstance(twitter, dict):
        return ()
    username, url = twitter.get("username"), twitter.get("url")
    if not isinstance(username, str) or not isinstance(url, str) or not username.strip():
        return ()
    parts = urlsplit(url.strip())
    if (parts.hostname or "").lower() not in _TWITTER_HOSTS:
        return ()
    handle = parts.path.strip("/").split("/", 1)[0]
    if handle and handle.lower() != username.strip().lstrip("@").lower():
        return [ctx.report(f"`twitter.url` is the profile of {handle!r}, not of `twitter.username` {username!r}",
                           "/twitter/url")]
    return ()
