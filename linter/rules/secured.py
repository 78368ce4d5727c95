"""SEC: the `secured` blob, `<base64 AES-CBC ciphertext>;<base64 16-byte IV>`.

Everything is decided from the text: byte lengths follow from a strict base64 string's length
and padding, so nothing is decoded. A clean blob costs one regular expression match.
"""
from __future__ import annotations

import re

from linter.rules import rule

# Strict base64 (RFC 4648 section 4): the standard alphabet, `=` padding only at the end, whole
# groups of four characters, and canonical: the unused bits of the last character before the
# padding are zero, as every encoder writes them (anything else is a damaged string). The regex
# checks the alphabet (one character class: fast); lengths and padding are checked in Python.
_BLOB = re.compile(r"([A-Za-z0-9+/]*)(={0,2});([A-Za-z0-9+/]*)(={0,2})")
_CANONICAL_LAST = {1: frozenset("AEIMQUYcgkosw048"), 2: frozenset("AQgw")}  # by number of `=`
_WHITESPACE = re.compile(r"\s+")
_NOT_B64 = re.compile(r"[^A-Za-z0-9+/=]")

IV_BYTES = 16
BLOCK_BYTES = 16
_SHAPE = "`<base64 ciphertext>;<base64 IV>`"


def _part_problem(name: str, body: str, padding: str):
    """Why one part (`body` + `padding`, alphabet already checked) is not strict base64, or None."""
    size = len(body) + len(padding)
    if size % 4 or len(padding) > 2:
        return (f"the {name} part of `secured` is {size} characters with {len(padding)} `=`: base64 comes in "
                "groups of 4 characters (truncated, or padding missing or extra)")
    if padding and body[-1:] not in _CANONICAL_LAST[len(padding)]:
        return (f"the {name} part of `secured` is not canonical base64: the last character before the "
                "padding has unused bits set (the text was altered)")
    return None


def _shape_problem(text: str) -> str:
    """Why `text` does not even have the blob's alphabet and shape."""
    if not text.strip():
        return f"`secured` is empty; expected {_SHAPE}"
    if _WHITESPACE.search(text):
        return "`secured` contains whitespace or a line break inside the base64 text"
    parts = text.split(";")
    if len(parts) == 1:
        return f"`secured` has no `;` between the ciphertext and the IV; expected {_SHAPE}"
    if len(parts) > 2:
        return f"`secured` has {len(parts) - 1} `;` separators; expected one: {_SHAPE}"
    for name, part in zip(("ciphertext", "IV"), parts):
        bad = _NOT_B64.search(part)
        if bad is not None:
            char = bad.group(0)
            hint = " (URL-safe base64; the standard alphabet uses `+` and `/`)" if char in "-_" else ""
            return f"the {name} part of `secured` has {char!r} at character {bad.start() + 1}, not base64{hint}"
        body = part.rstrip("=")
        if "=" in body:
            return f"the {name} part of `secured` has `=` padding before its end"
        problem = _part_problem(name, body, part[len(body):])
        if problem:
            return problem
    return f"`secured` is not {_SHAPE}"  # pragma: no cover - every mismatch is explained above


# `_known_good` tells a good blob without `_BLOB`'s regular expression: saves ~1.6 µs a record in bench/out/x1.
_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _known_good(text: str) -> bool:
    """True for a good blob of the usual shape (16-byte IV and blocks); False: `_problems` decides.

    Its IV is 22 base64 characters (the last with 4 unused bits) and `==`; its ciphertext, 16k
    bytes, is 64j characters (k = 3j), or 64j + 43 and `=` (k = 3j + 2), or 64j + 22 and `==`
    (k = 3j + 1). Deleting the alphabet from its bytes (one C pass) must leave only the padding
    and the `;`."""
    at = len(text) - 25  # where the `;` of a good blob is
    if at <= 0 or text[at] != ";" or text[-2:] != "==" or text[-3] not in _CANONICAL_LAST[2]:
        return False
    blocks = at % 64
    if blocks == 0:
        rest = b";=="
    elif blocks == 44:
        if text[at - 1] != "=" or text[at - 2] not in _CANONICAL_LAST[1]:
            return False
        rest = b"=;=="
    elif blocks == 24:
        if text[at - 2:at] != "==" or text[at - 3] not in _CANONICAL_LAST[2]:
            return False
        rest = b"==;=="
    else:
        return False
    return text.isascii() and text.encode("ascii").translate(None, _ALPHABET) == rest


def _problems(text: str):
    """(code, message) for each problem of a secured blob; empty for a good one."""
    if _known_good(text):
        return []
    match = _BLOB.fullmatch(text)
    if match is None:
        return [("SEC001", _shape_problem(text))]
    ciphertext, ciphertext_padding, iv, iv_padding = match.groups()
    if ciphertext_padding or iv_padding or len(ciphertext) % 4 or len(iv) % 4:  # else strict already
        problem = (_part_problem("ciphertext", ciphertext, ciphertext_padding)
                   or _part_problem("IV", iv, iv_padding))
        if problem:
            return [("SEC001", problem)]
    found = []
    ciphertext_bytes, iv_bytes = len(ciphertext) * 3 // 4, len(iv) * 3 // 4
    if iv_bytes != IV_BYTES:
        swapped = ciphertext_bytes == IV_BYTES and iv_bytes % BLOCK_BYTES == 0 and iv_bytes > 0
        found.append(("SEC002", f"the IV (after `;`) decodes to {iv_bytes} bytes; AES-CBC needs exactly {IV_BYTES}"
                                + ("; the two parts look swapped (ciphertext first, then the IV)" if swapped else "")))
    if ciphertext_bytes == 0 or ciphertext_bytes % BLOCK_BYTES:
        what = "is empty" if ciphertext_bytes == 0 else f"decodes to {ciphertext_bytes} bytes"
        found.append(("SEC003", f"the ciphertext (before `;`) {what}; AES-CBC ciphertext is a non-empty "
                                f"multiple of {BLOCK_BYTES} bytes (truncated or damaged?)"))
    return found


def _problems_of(ctx):
    """The blob's problems, computed once per record (`ctx.memo`) for the
    three rules."""
    value = ctx.record.get("secured")
    if not isinstance(value, str):
        problems = ()  # missing or not a string: the schema reports it
    else:
        problems = _problems(value)
    return problems


def _whitespace_fix(ctx, value: str):
    """Removing whitespace is a safe fix when it leaves a good blob: base64 ignores whitespace."""
    compact = _WHITESPACE.sub("", value)
    if compact == value or not compact or _problems(compact):
        return None

    def build():
        from linter.fix.edits import replace_string_value
        return replace_string_value(ctx.span("/secured"), compact, "remove the whitespace from `secured`")
    return build


def _report(ctx, problems, code: str):
    return [ctx.report(message, "/secured",
                       fix=_whitespace_fix(ctx, ctx.record["secured"]) if code == "SEC001" else None)
            for found, message in problems if found == code]


@rule("SEC001", "secured-shape", fix="safe")
def secured_shape(ctx):
    """`secured` is not `<base64>;<base64>` in strict base64.

    **What it does.** Checks that `secured` is two base64 strings joined by one `;`, each in the
    standard alphabet (`A-Z a-z 0-9 + /`), in groups of four characters with `=` padding only
    at the end, and canonical (no stray bits in the last character). It says what is wrong:
    empty, no `;` or several, whitespace, a character outside the alphabet (URL-safe `-`/`_`
    are named), wrong length or padding. When the only problem is whitespace (a blob wrapped
    over lines), the safe fix removes it.

    **Why it matters.** The site decrypts the blob to show the article; a damaged blob fails at
    run time, for readers, not when the record is committed.

    **Fails**
    ```
    secured: "jn76YFul7TPWi6Ex5acLwk5PexChqO5+XtBIf/9yJNI="
    ```
    **Passes**
    ```
    secured: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=;AAECAwQFBgcICQoLDA0ODw=="
    ```
    """
    problems = ctx.memo(_problems_of)
    return _report(ctx, problems, "SEC001") if problems else ()


@rule("SEC002", "secured-iv-length")
def secured_iv_length(ctx):
    """The IV of `secured` (after the `;`) is not 16 bytes.

    **What it does.** Computes the decoded size of the second part of a well-formed blob and
    reports any size other than 16 bytes, the AES block size. When the first part is 16 bytes
    and the second a multiple of 16, it says the parts look swapped.

    **Why it matters.** AES-CBC cannot decrypt without a 16-byte IV: the article does not open.

    **Fails**
    ```
    secured: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=;AAECAwQFBgcICQoL"
    ```
    **Passes**
    ```
    secured: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=;AAECAwQFBgcICQoLDA0ODw=="
    ```
    """
    problems = ctx.memo(_problems_of)
    return _report(ctx, problems, "SEC002") if problems else ()


@rule("SEC003", "secured-ciphertext-length")
def secured_ciphertext_length(ctx):
    """The ciphertext of `secured` (before the `;`) is empty or not a multiple of 16 bytes.

    **What it does.** Computes the decoded size of the first part of a well-formed blob and
    reports it when it is 0 or not a multiple of 16 bytes, the AES block size.

    **Why it matters.** AES-CBC ciphertext is always whole 16-byte blocks: any other size means
    the blob was truncated or damaged, and decryption fails.

    **Fails**
    ```
    secured: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYX;AAECAwQFBgcICQoLDA0ODw=="
    ```
    **Passes**
    ```
    secured: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=;AAECAwQFBgcICQoLDA0ODw=="
    ```
    """
    problems = ctx.memo(_problems_of)
    return _report(ctx, problems, "SEC003") if problems else ()
