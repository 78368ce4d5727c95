"""What type a plain (unquoted) scalar resolves to in YAML 1.1 and in YAML 1.2.

Jekyll (Ruby's Psych) and PyYAML read YAML 1.1; most newer tools (and the fast path's yaml-rs)
read YAML 1.2's core schema. A plain scalar such as `no`, `0755` or `1:30` changes type
between the two. The tables below are the two specifications' implicit resolvers.
"""
from __future__ import annotations

import re

_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
                        r"(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?"
                        r"(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?")

# YAML 1.1 (https://yaml.org/type/): the spec's forms, y/n included, which PyYAML leaves out.
_YAML11 = (
    ("bool", re.compile(r"y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE"
                        r"|on|On|ON|off|Off|OFF")),
    ("int", re.compile(r"[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                       r"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+")),
    ("float", re.compile(r"[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
                         r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*"
                         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")),
    ("null", re.compile(r"~|null|Null|NULL|")),
    ("timestamp", _TIMESTAMP),
)

# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#103-core-schema).
_YAML12 = (
    ("bool", re.compile(r"true|True|TRUE|false|False|FALSE")),
    ("int", re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")),
    ("float", re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")),
    ("null", re.compile(r"~|null|Null|NULL|")),
    # Not in the core schema, but every 1.2 reader a content team meets keeps the 1.1 timestamps.
    ("timestamp", _TIMESTAMP),
)


def _resolve(table, text: str) -> str:
    for name, pattern in table:
        if pattern.fullmatch(text):
            return name
    return "str"


def plain_type_11(text: str) -> str:
    return _resolve(_YAML11, text)


def plain_type_12(text: str) -> str:
    return _resolve(_YAML12, text)
