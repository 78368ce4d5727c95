"""Content digests (BLAKE2b, 16 bytes): the result cache's key and the fixer's "file unchanged
since it was read" check.

`_blake2` is CPython's built-in BLAKE2; importing `hashlib` instead loads OpenSSL first, 3 ms of
a start-up budget of about 30 ms, for an algorithm that does not need it.
"""
try:
    from _blake2 import blake2b
except ImportError:  # another interpreter
    from hashlib import blake2b


def content_digest(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


def text_digest(text: str, size: int = 12) -> str:
    return blake2b(text.encode("utf-8", "replace"), digest_size=size).hexdigest()
