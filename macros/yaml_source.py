"""Safe YAML loading that remembers the line of every key and list entry.

Positions are keyed by the path pydantic reports in its errors (`("items", 3, "text")`),
so a validation error can name the line it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

Path_ = tuple[str | int, ...]


_STR = "tag:yaml.org,2002:str"
_MAPPING = "tag:yaml.org,2002:map"
_SEQUENCE = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"


class _StrictSafeLoader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps: dates in text stay text."""


_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StrictSafeLoader.yaml_implicit_resolvers = _RESOLVERS
assert None not in _RESOLVERS and not yaml.SafeLoader.yaml_path_resolvers, "resolve() below skips them"

# libyaml's parser reads a file 15x faster than the pure-Python one; errors are then
# re-read by the pure-Python parser, whose messages are clearer ("found character '\t'").
# The two parsers, one interface: libyaml's (a CParser) and the pure-Python one.
_Loader = yaml.CSafeLoader | yaml.SafeLoader
_FastLoader: type[_Loader]
if getattr(yaml, "__with_libyaml__", False):
    class _LibyamlLoader(yaml.CSafeLoader):
        """The same rules as _StrictSafeLoader, on libyaml's parser.

        libyaml calls back into Python for every node; these callbacks do what PyYAML's
        resolver does for SafeLoader's rules, without its machinery for path and wildcard
        resolvers (SafeLoader has none).
        """

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0]:  # a plain scalar: `true`, `12`, `~`... by its first character
                    for tag, regexp in _RESOLVERS.get(value[:1], ()):
                        if regexp.match(value):
                            return str(tag)
                return _STR
            return _SEQUENCE if kind is yaml.SequenceNode else _MAPPING

    _LibyamlLoader.yaml_implicit_resolvers = _RESOLVERS
    _FastLoader = _LibyamlLoader
else:  # pragma: no cover - PyYAML wheels ship libyaml
    _FastLoader = _StrictSafeLoader


class YamlSyntaxError(Exception):
    def __init__(self, line: int | None, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class YamlDocument:
    data: Any
    positions: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """The line of `path`, or of its nearest ancestor that exists in the file."""
        for end in range(len(path), -1, -1):
            line = self.positions.get(tuple(path[:end]))
            if line is not None:
                return line
        return None


def load_yaml(text: str) -> YamlDocument:
    try:
        return _load(_FastLoader, text)
    except YamlSyntaxError as fast_error:
        if _FastLoader is _StrictSafeLoader:
            raise
        try:  # the same text through the pure-Python parser, for its clearer message
            _load(_StrictSafeLoader, text)
        except YamlSyntaxError as clear_error:
            raise clear_error from None
        raise fast_error from None


def _load(loader_class: type[_Loader], text: str) -> YamlDocument:
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:  # the pure-Python reader checks every character first
        line = text.count("\n", 0, exc.position) + 1
        raise YamlSyntaxError(line, f"invalid YAML: control character U+{exc.character:04X} "
                                    "is not allowed in text") from None
    try:
        root = loader.get_single_node()
        positions: dict[Path_, int] = {}
        data = _build(loader, root, (), positions, set()) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text) from None
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(None, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlDocument(data, positions)


# A bracket or quote left open is noticed only where something else begins, often on a
# later line that is itself fine: the line to fix is where it opened (the error's context
# mark). Each: the parser's context, and what the reader is told opened there.
_OPENINGS = {
    "while parsing a flow sequence": "unclosed flow sequence: the '[' opened here has no matching ']'",
    "while parsing a flow mapping": "unclosed flow mapping: the '{' opened here has no matching '}'",
    "while scanning a quoted scalar": "unclosed quoted text: the {quote} opened here is never closed",
    "while scanning a simple key": "missing ':' after the key that starts here",
}
_QUOTES = {'"': 'double quote (")', "'": "single quote (')"}
_STREAM_ENDS = ("'<stream end>'", "'<document start>'", "'<document end>'")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str) -> YamlSyntaxError:
    """`file:line` of a YAML syntax error: the line where the problem is, or for a
    construct left open, the line where it opened (and where the parser noticed it)."""
    opened, noticed = exc.context_mark, exc.problem_mark
    if exc.context in _OPENINGS and opened and noticed:
        lines = text.splitlines()
        if _left_open(exc.context, exc.problem or "", opened, noticed, lines):
            quote = lines[opened.line][opened.column:opened.column + 1] if opened.line < len(lines) else ""
            what = _OPENINGS[exc.context].replace("{quote}", _QUOTES.get(quote, "quote"))
            if noticed.line >= len(lines):
                where = "noticed at the end of the file: "
            else:
                where = f"noticed at line {noticed.line + 1}: " if noticed.line != opened.line else ""
            return YamlSyntaxError(opened.line + 1, f"invalid YAML: {what} ({where}{exc.problem})")
    mark = noticed or opened
    line = mark.line + 1 if mark else None
    problem = " ".join(p for p in (exc.context, exc.problem) if p)
    return YamlSyntaxError(line, f"invalid YAML: {problem}")


def _left_open(context: str, problem: str, opened: yaml.Mark, noticed: yaml.Mark, lines: list[str]) -> bool:
    """Whether the construct at `opened` was never closed (rather than broken inside).

    An unclosed quote and a key without its colon are the only errors of their contexts.
    A flow sequence or mapping is unclosed when the file ends inside it, or when the
    parser stopped on a later line indented no deeper than the line the bracket opened
    on: a line of the surrounding block, which the bracket's contents are indented past.
    """
    if context not in {"while parsing a flow sequence", "while parsing a flow mapping"}:
        return True
    if problem.endswith(_STREAM_ENDS) or noticed.line >= len(lines):
        return True
    if noticed.line <= opened.line:
        return False

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    return indent(lines[noticed.line]) <= indent(lines[opened.line])


def _refuse(node: yaml.Node, message: str) -> yaml.MarkedYAMLError:
    return yaml.MarkedYAMLError(problem=message, problem_mark=node.start_mark)


def _build(loader: _Loader, node: yaml.Node, path: Path_, positions: dict[Path_, int],
           seen: set[int]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        positions.setdefault(path, node.start_mark.line + 1)
        return _scalar(loader, node)
    # A list or mapping met twice is an alias (*name) of an anchor (&name): expanding
    # aliases is how a 1 KB file becomes gigabytes ("billion laughs"). Content spells
    # every text out instead. The line is where the alias is used.
    if id(node) in seen:
        line = positions.get(path) or positions.get(path[:-1])
        raise YamlSyntaxError(line, "invalid YAML: an alias (*name) may not repeat a list or "
                                    "mapping; write it out")
    seen.add(id(node))
    positions.setdefault(path, node.start_mark.line + 1)
    if node.tag not in (_MAPPING, _SEQUENCE):
        raise _refuse(node, f"tag {node.tag!r} is not allowed; content is plain YAML")
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), positions, seen) for i, item in enumerate(node.value)]
    if any(key.tag == _MERGE for key, _ in node.value):
        raise _refuse(node, "merge keys (<<) are not allowed; write every field out")
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _refuse(key_node, "a key must be a plain word, not a list or mapping")
        key = key_node.value if key_node.tag == _STR else str(loader.construct_object(key_node, deep=True))
        if key in result:
            raise yaml.MarkedYAMLError(problem=f"duplicate key {key!r}", problem_mark=key_node.start_mark)
        here = path + (key,)
        positions[here] = key_node.start_mark.line + 1
        if value_node.tag == _STR and isinstance(value_node, yaml.ScalarNode):  # its line is its key's
            result[key] = value_node.value
        else:
            result[key] = _build(loader, value_node, here, positions, seen)
    return result


def _scalar(loader: _Loader, node: yaml.ScalarNode) -> Any:
    if node.tag == _STR:  # most of any file: the text itself, without the constructor's bookkeeping
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, KeyError, TypeError, AttributeError, OverflowError):  # `!!int abc`, `!!bool maybe`
        raise _refuse(node, f"{node.value!r} is not a valid {node.tag.rsplit(':', 1)[-1]}") from None
