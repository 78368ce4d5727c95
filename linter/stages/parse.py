"""Stage 4 and 5: parse the YAML block to nodes with positions, then build the record.

PyYAML's `compose` keeps every node's marks; we then build plain Python values ourselves so
that each value's position is recorded under its JSON pointer, duplicate keys are caught
(PyYAML silently keeps the last), only safe tags are accepted, and alias expansion is bounded.
"""
from __future__ import annotations

import datetime as _dt

import yaml

try:  # libyaml when present: the pure-Python composer is several times slower
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader

from yaml.constructor import ConstructorError, SafeConstructor

from linter.support.guards import SAFE_NESTING, nesting_bound
from linter.model.pointers import escape
from linter.stages.parsed import (TOO_DEEPLY_NESTED, TOO_MANY_VALUES, ParsedBlock, ParseProblem, Span,  # noqa: F401
                                  Timestamp)  # the record types are re-exported: callers import them from here

_constructor = SafeConstructor()

# The codes this stage raises (documented in linter/rules/yaml.py; the limits in parsed.py).
YAML_SYNTAX_ERROR = "YML001"
DUPLICATE_KEY = "YML002"
INVALID_SCALAR = "YML003"
UNSAFE_TAG = "YML004"
INVALID_KEY = "YML005"

TAG_STR = "tag:yaml.org,2002:str"
TAG_INT = "tag:yaml.org,2002:int"
TAG_FLOAT = "tag:yaml.org,2002:float"
TAG_BOOL = "tag:yaml.org,2002:bool"
TAG_NULL = "tag:yaml.org,2002:null"
TAG_TIMESTAMP = "tag:yaml.org,2002:timestamp"
TAG_MAP = "tag:yaml.org,2002:map"
TAG_SEQ = "tag:yaml.org,2002:seq"
TAG_MERGE = "tag:yaml.org,2002:merge"

# Scalars we construct, and how. Anything else (`!!python/object`, `!!binary`, custom tags) is
# refused: a record must be plain JSON-like data, and nothing in it may ever run code.
_SCALAR_CONSTRUCTORS = {
    TAG_STR: lambda node: node.value,
    TAG_INT: _constructor.construct_yaml_int,
    TAG_FLOAT: _constructor.construct_yaml_float,
    TAG_BOOL: _constructor.construct_yaml_bool,
    TAG_NULL: lambda node: None,
}


class _Builder:
    def __init__(self, line_offset: int, char_offset: int, max_nodes: int, max_depth: int):
        self.line_offset = line_offset      # file line of YAML line 0, minus 1
        self.char_offset = char_offset
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.spans: dict[str, Span] = {}
        self.problems: list[ParseProblem] = []
        self.visited = 0
        self.active = set()

    def problem(self, code, message, node, pointer=""):
        start, end = node.start_mark, node.end_mark
        self.problems.append(ParseProblem(code, message, start.line + self.line_offset, start.column + 1,
                                          end.line + self.line_offset, end.column + 1, pointer))

    def span(self, node, key_node=None) -> Span:
        start, end = node.start_mark, node.end_mark
        span = Span(start.line + self.line_offset, start.column + 1, end.line + self.line_offset,
                    end.column + 1, start.index + self.char_offset, end.index + self.char_offset,
                    tag=node.tag)
        if key_node is not None:
            span.key_line = key_node.start_mark.line + self.line_offset
            span.key_column = key_node.start_mark.column + 1
            span.key_end_column = key_node.end_mark.column + 1
        if isinstance(node, yaml.ScalarNode):
            span.style = node.style or None
            span.raw = node.value
        return span

    def build(self, node, pointer: str, depth: int, key_node=None):
        self.visited += 1
        if self.visited > self.max_nodes:
            raise _Limit(TOO_MANY_VALUES, f"front matter expands to more than {self.max_nodes} values "
                         "(an alias bomb?); option max-nodes", node)
        if depth > self.max_depth:
            raise _Limit(TOO_DEEPLY_NESTED, f"front matter is nested deeper than {self.max_depth} levels; option max-depth", node)
        # A duplicate key overwrites: the span is the value YAML keeps, the last one.
        self.spans[pointer] = self.span(node, key_node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, pointer)
        if id(node) in self.active:
            self.problem(UNSAFE_TAG, "recursive alias: a value that contains itself", node, pointer)
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != TAG_SEQ:
                    self.problem(UNSAFE_TAG, f"unsupported YAML tag {node.tag}", node, pointer)
                return [self.build(item, f"{pointer}/{i}", depth + 1) for i, item in enumerate(node.value)]
            if node.tag != TAG_MAP:
                self.problem(UNSAFE_TAG, f"unsupported YAML tag {node.tag}", node, pointer)
            return self.mapping(node, pointer, depth)
        finally:
            self.active.discard(id(node))

    def mapping(self, node, pointer: str, depth: int) -> dict:
        result: dict = {}
        seen: dict = {}
        for key_node, value_node in self._merged_pairs(node):
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(INVALID_KEY, "a mapping key must be a plain scalar, not a collection", key_node, pointer)
                continue
            key = self.scalar(key_node, pointer)
            if not isinstance(key, str):
                # JSON has string keys only; `1:` or `true:` is almost always a mistake
                key = key_node.value
            if key in seen:
                first = seen[key]
                self.problem(DUPLICATE_KEY, f"duplicate key `{key}` (first defined on line {first + self.line_offset}); "
                             "YAML keeps only the last value", key_node, f"{pointer}/{escape(key)}")
            seen[key] = key_node.start_mark.line
            child = f"{pointer}/{escape(key)}"
            result[key] = self.build(value_node, child, depth + 1, key_node)
        return result

    def _merged_pairs(self, node):
        """Mapping pairs with `<<` merge keys expanded, own keys last so they win."""
        merged, own = [], []
        for key_node, value_node in node.value:
            if key_node.tag == TAG_MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    if isinstance(source, yaml.MappingNode):
                        merged.extend(source.value)
                    else:
                        self.problem(INVALID_KEY, "a merge key `<<` needs a mapping or a list of mappings", source)
            else:
                own.append((key_node, value_node))
        if not merged:
            return own
        own_keys = {k.value for k, _ in own if isinstance(k, yaml.ScalarNode)}
        return [(k, v) for k, v in merged if getattr(k, "value", None) not in own_keys] + own

    def scalar(self, node, pointer: str):
        tag = node.tag
        if tag == TAG_TIMESTAMP:
            return self.timestamp(node, pointer)
        construct = _SCALAR_CONSTRUCTORS.get(tag)
        if construct is None:
            self.problem(UNSAFE_TAG, f"unsupported YAML tag {tag}: only plain data is allowed", node, pointer)
            return node.value
        try:
            return construct(node)
        except (ValueError, TypeError, ConstructorError) as exc:
            self.problem(INVALID_SCALAR, f"invalid {tag.rsplit(':', 1)[-1]} value {node.value!r}: {exc}", node, pointer)
            return node.value

    def timestamp(self, node, pointer: str):
        try:
            moment = _constructor.construct_yaml_timestamp(node)
        except (ValueError, TypeError, OverflowError) as exc:
            self.problem(INVALID_SCALAR, f"invalid timestamp {node.value!r}: {exc}", node, pointer)
            return node.value
        if isinstance(moment, _dt.datetime):
            has_tz = moment.tzinfo is not None
            text = moment.isoformat()
            if has_tz and text.endswith("+00:00") and node.value.rstrip().endswith(("Z", "z")):
                text = text[:-6] + "Z"
            return Timestamp(text, moment, has_tz, node.value)
        return Timestamp(moment.isoformat(), moment, False, node.value)


class _Limit(Exception):
    def __init__(self, code, message, node):
        super().__init__(message)
        self.code, self.message, self.node = code, message, node


# Errors whose context mark is where the broken construct starts, on the line to fix; the
# problem mark is where the parser gave up, often a line or more later. ("while parsing a block
# mapping" is not here: its context is the mapping's first key, far above.)
_CONTEXT_IS_THE_CULPRIT = ("while scanning a simple key", "while scanning a quoted scalar",
                           "while parsing a flow sequence", "while parsing a flow mapping",
                           "while scanning a block scalar", "while scanning an anchor", "while scanning an alias",
                           "while scanning a tag", "while scanning a directive")


def _syntax_error_mark(yaml_text: str, exc):
    """Where to report a syntax error (the line a person must fix, not where the parser noticed)
    and, for an unclosed quote, where the parser noticed. An unclosed quote swallows the lines after it, so the error surfaces later:
    a quoted scalar spanning lines that ends just where the parser failed is the culprit."""
    problem, context = exc.problem_mark, exc.context_mark
    if context is not None and exc.context in _CONTEXT_IS_THE_CULPRIT:
        return context, None
    if problem is None:
        return context, None
    last_scalar = None
    try:
        for token in yaml.scan(yaml_text, Loader=_Loader):
            if token.start_mark.index >= problem.index:
                break
            if isinstance(token, yaml.ScalarToken):
                last_scalar = token
    except yaml.YAMLError:
        pass
    if (last_scalar is not None and last_scalar.style in ('"', "'")
            and last_scalar.end_mark.line > last_scalar.start_mark.line
            and problem.index - last_scalar.end_mark.index <= 2):
        return last_scalar.start_mark, problem
    return problem, None


def compose(yaml_text: str):
    """Compose the YAML text to a node tree (raises yaml.YAMLError)."""
    return yaml.compose(yaml_text, Loader=_Loader)


_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
_START_EVENTS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_END_EVENTS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def too_deep(yaml_text: str, limit: int):
    """The mark of the first value nested deeper than `limit`, from the event stream; None if
    there is none (or if the text has a syntax error first: compose reports that, at the same
    place). Depth as the builder counts it: the root is at 0, a mapping's keys are not counted."""
    # One entry per open collection: None for a sequence, for a mapping whether a key comes next.
    open_collections: list = []
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, _END_EVENTS):
                open_collections.pop()
            elif isinstance(event, _NODE_EVENTS):
                key_next = open_collections[-1] if open_collections else None
                if key_next is not None:
                    open_collections[-1] = not key_next
                if not key_next and len(open_collections) > limit:
                    return event.start_mark
                if isinstance(event, _START_EVENTS):
                    open_collections.append(True if isinstance(event, yaml.MappingStartEvent) else None)
    except yaml.YAMLError:
        return None
    return None


# libyaml 0.2.5 and later (PyYAML 6.0.4's wheels) stop scanning at their own nesting limit,
# 1,000 levels by default, with this problem: it is LIM002, not a syntax error.
LIBYAML_NESTING_PROBLEM = "exceeded maximum nesting depth"


def _nested_too_deep(yaml_text: str, max_depth: int, line_offset: int, stopped_at=None) -> ParsedBlock | None:
    """LIM002 at the first value nested deeper than max-depth, found on the event stream; else,
    when libyaml stopped at its own limit before showing one, at `stopped_at`; else None."""
    limit = min(max_depth, SAFE_NESTING)
    mark = too_deep(yaml_text, limit)
    message = f"front matter is nested deeper than {limit} levels; option max-depth"
    if mark is None:
        if stopped_at is None:
            return None
        mark, message = stopped_at, "front matter is nested too deeply for the YAML parser (libyaml's nesting limit)"
    return ParsedBlock(None, {}, [ParseProblem(TOO_DEEPLY_NESTED, message, mark.line + line_offset, mark.column + 1)])


def parse(yaml_text: str, first_line: int, char_offset: int, max_nodes: int = 100_000,
          max_depth: int = 100) -> ParsedBlock:
    """Parse a front matter block; problems are positioned in the file, never raised."""
    line_offset = first_line  # node marks are 0-based within the block
    if nesting_bound(yaml_text) > SAFE_NESTING:
        deep = _nested_too_deep(yaml_text, max_depth, line_offset)
        if deep is not None:
            return deep
    try:
        root = compose(yaml_text)
    except yaml.MarkedYAMLError as exc:
        if exc.problem == LIBYAML_NESTING_PROBLEM:
            return _nested_too_deep(yaml_text, max_depth, line_offset, stopped_at=exc.problem_mark)
        mark, runs_to = _syntax_error_mark(yaml_text, exc)
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        hint = f" (an unclosed quote? this quoted value runs on to line {runs_to.line + line_offset})" if runs_to else ""
        line, column = (mark.line + line_offset, mark.column + 1) if mark else (first_line, 1)
        return ParsedBlock(None, {}, [ParseProblem(YAML_SYNTAX_ERROR, f"YAML syntax error: {message}{hint}", line, column)])
    except yaml.YAMLError as exc:
        return ParsedBlock(None, {}, [ParseProblem(YAML_SYNTAX_ERROR, f"YAML syntax error: {exc}", first_line, 1)])
    except RecursionError:
        return ParsedBlock(None, {}, [ParseProblem(TOO_DEEPLY_NESTED, "front matter is nested too deeply to parse", first_line, 1)])
    if root is None:
        return ParsedBlock(None, {}, [])
    builder = _Builder(line_offset, char_offset, max_nodes, max_depth)
    try:
        record = builder.build(root, "", 0)
    except _Limit as exc:
        builder.problem(exc.code, exc.message, exc.node)
        return ParsedBlock(None, builder.spans, builder.problems)
    except RecursionError:
        builder.problem(TOO_DEEPLY_NESTED, "front matter is nested too deeply to build", root)
        return ParsedBlock(None, builder.spans, builder.problems)
    return ParsedBlock(record, builder.spans, builder.problems)


def parse_block(block, limits: dict) -> ParsedBlock:
    """Parse a YAML front matter Block (frontmatter.split) with the configuration's limits; every
    dialect's block is read by `stages/dialects.py` `parse_block`, which calls this for YAML."""
    return parse(block.text, block.first_line, block.offset, limits["max-nodes"], limits["max-depth"])
