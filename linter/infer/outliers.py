"""What is out of line in a collection of records: key names and value kinds, judged together.

A collection's records mostly agree on their keys and on the kind of value each key holds. Two
departures are almost always mistakes: a key that a few records spell differently from the many
(`attachment` in 1 record, `attachments` in 400), and a value of another kind than nearly all
the others (`date: March 5, 2021` where every other record has a timestamp). The drift rules
(`rules/drift.py`) report them; schema inference (`merge.py`) leaves them out of the schema and
lists them. Only top-level keys are judged: that is where records drift, and it keeps what each
record contributes to the run's index to its key names and value kinds.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

# A date or date-time as YAML 1.1 and Jekyll read them: YAML's timestamps, and the forms Jekyll
# parses from text (`2013-07-14 19:38:02 +0200`, minutes optional, offset without a colon).
_DATE_LIKE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]*)?)?"
                        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::?[0-9]{2})?))?)?")


class Thresholds(NamedTuple):
    """When a key or a value is out of line (the drift rules' options, documented there)."""
    min_records: int = 20           # smaller collections are not judged: too few to know the norm
    max_rare_share: float = 0.02    # a rare key is in at most this share of records (at least 1)
    min_common_share: float = 0.25  # the key it resembles is in at least this share
    min_kind_share: float = 0.95    # the usual kind of a key's values covers at least this share


DEFAULT = Thresholds()


def kind_of(value) -> str:
    """The kind of a value as the drift checks compare them: JSON types, with text that is a
    date or a date-time (a YAML timestamp or a date Jekyll reads, quoted or not: both paths
    see it so) told apart from other text."""
    if isinstance(value, str):  # plain text first: most values; a Timestamp of the reference parser too
        if value[:1].isdigit():
            return "timestamp" if _DATE_LIKE.fullmatch(value) else "text"
        return "text" if value.strip() else "empty"
    kind = _KINDS.get(type(value))
    if kind is not None:
        return kind
    if isinstance(value, bool):
        return "boolean"
    return "integer" if isinstance(value, int) else "number" if isinstance(value, float) else "other"


_KINDS = {bool: "boolean", int: "integer", float: "number", type(None): "null", list: "list", dict: "mapping"}

# Kinds that are no kind of their own: a key left blank (`key:`, `key: ""`) is not drift.
BLANK = frozenset(("null", "empty"))
# How a message names each kind.
KIND_NAMES = {"empty": "empty text", "text": "text", "timestamp": "a date/time", "integer": "an integer", "number": "a number",
              "boolean": "a boolean", "null": "empty", "list": "a list", "mapping": "a mapping",
              "other": "another kind of value"}


# --- keys that look like misspellings of common keys -------------------------------------------

class Misspelling(NamedTuple):
    common: str     # the key most records write
    reason: str     # how they differ: "case", "separators", "singular/plural", "spelling"
    rare_count: int
    common_count: int


def misspelt_keys(key_sets: list, thresholds: Thresholds = DEFAULT, ignore_case: bool = False) -> dict:
    """{rare key: Misspelling} for a collection given as the key set of each record. A rare key
    resembles a common one and no record has both (a record with both means they differ).
    `ignore_case`: the site reads keys whatever their case (Hugo), so case alone is no misspelling."""
    total = len(key_sets)
    if total < thresholds.min_records:
        return {}
    counts = Counter(key for keys in key_sets for key in keys)
    most_rare = max(1, int(thresholds.max_rare_share * total))
    common = sorted((k for k, c in counts.items() if c >= thresholds.min_common_share * total and isinstance(k, str)),
                    key=lambda k: (-counts[k], k))
    found = {}
    for rare in sorted(k for k, c in counts.items() if c <= most_rare and isinstance(k, str)):
        for usual in common:
            reason = resemblance(rare, usual)
            if reason is None or counts[usual] < 10 * counts[rare] or ignore_case and reason == "case":
                continue
            if any(rare in keys and usual in keys for keys in key_sets):
                break  # written side by side: two keys, not one misspelt
            found[rare] = Misspelling(usual, reason, counts[rare], counts[usual])
            break
    return found


def resemblance(rare: str, common: str) -> str | None:
    """How `rare` looks like a misspelling of `common`, or None."""
    if rare == common:
        return None
    if re.findall(r"\d+", rare) != re.findall(r"\d+", common):
        return None  # `image2` beside `image`: numbered keys, not a typo
    if rare.casefold() == common.casefold():
        return "case"
    squashed, usual = _squash(rare), _squash(common)
    if squashed == usual:
        return "separators"
    if _singular(squashed) == _singular(usual):
        return "singular/plural"
    shortest = min(len(squashed), len(usual))
    distance = _distance(squashed, usual, 2)
    if distance == 1 and shortest >= 5 or distance == 2 and shortest >= 9:
        return "spelling"
    return None


def _squash(key: str) -> str:
    return re.sub(r"[-_ .]", "", key).casefold()


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance with transpositions (optimal string alignment), or `limit + 1` when more."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


# --- values of another kind than nearly all others ----------------------------------------------

class OddKind(NamedTuple):
    usual: str      # the kind nearly all records have
    count: int      # how many records have it
    total: int      # how many records have the key (empty values aside)


def odd_kinds(kinds: dict, thresholds: Thresholds = DEFAULT) -> dict:
    """{key: (OddKind, kinds out of line)} from {key: Counter of kinds}. Blank values are not a
    kind of their own (a key left blank is not drift), and integers count as numbers where
    numbers are usual (`2` among `2.5`s)."""
    found = {}
    for key, counter in kinds.items():
        counted = Counter({k: c for k, c in counter.items() if k not in BLANK})
        if "number" in counted and "integer" in counted and counted["number"] >= counted["integer"]:
            counted["number"] += counted.pop("integer")
        total = sum(counted.values())
        if len(counted) < 2 or total < thresholds.min_records:
            continue
        usual, count = max(counted.items(), key=lambda item: (item[1], item[0]))
        if count >= thresholds.min_kind_share * total:
            odd = frozenset(k for k in counted if k != usual) - ({"integer"} if usual == "number" else set())
            if odd:
                found[key] = (OddKind(usual, count, total), odd)
    return found


def compatible(kind_name: str, usual: str) -> bool:
    return kind_name == usual or kind_name in BLANK or kind_name == "integer" and usual == "number"
