"""Definitions and references of one source file.

Definitions come from tree-sitter tag queries (``@definition.*`` captures) when a grammar loads,
else from regular expressions for Python, JavaScript/TypeScript and Go. References are the
identifier tokens of the file, counted: a regex over the text finds them at C speed, and the graph
only keeps those some file defines, so words in comments or strings add little noise.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from bot.context.grammars import Grammar, language_for, load_grammar

log = logging.getLogger(__name__)

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_SIGNATURE_CHARS = 160
MAX_DEFINITION_DEPTH = 6

# Incremented once per file actually parsed (not served from cache): tests and benchmarks read it.
PARSE_COUNT = 0


class Definition(NamedTuple):
    """Immutable; a NamedTuple rather than a dataclass because the warm cache builds ~100k of them."""

    name: str
    kind: str  # class | function | method | constant | type | interface | module | ...
    line: int  # 1-based
    signature: str  # the header line(s), whitespace collapsed
    depth: int = 0  # nesting inside other definitions of the same file


@dataclass(frozen=True)
class FileTags:
    language: str | None
    parser: str  # "tree-sitter" | "regex" | "none"
    definitions: tuple[Definition, ...] = ()
    references: Mapping[str, int] = field(default_factory=dict)  # identifier -> occurrences


def extract_tags(path: str, text: str, *, use_tree_sitter: bool = True) -> FileTags:
    """Tags of ``text`` (the content of ``path``); never raises on odd input."""
    global PARSE_COUNT
    PARSE_COUNT += 1
    language = language_for(path)
    references = dict(Counter(IDENTIFIER.findall(text)))
    if language is None:
        return FileTags(language=None, parser="none", references=references)
    grammar = load_grammar(language) if use_tree_sitter else None
    definitions: tuple[Definition, ...] | None = None
    if grammar is not None:
        try:
            definitions = _tree_sitter_definitions(grammar, text)
            parser = "tree-sitter"
        except Exception as err:  # a binding or grammar fault on one file must not stop the map
            log.debug("tree-sitter failed on %s (%s); using regular expressions", path, err)
    if definitions is None:
        definitions = _regex_definitions(language, text)
        parser = "regex" if language in _REGEX_LANGUAGES else "none"
    return FileTags(language=language, parser=parser, definitions=definitions, references=references)


def _tree_sitter_definitions(grammar: Grammar, text: str) -> tuple[Definition, ...]:
    from tree_sitter import QueryCursor

    source = text.encode("utf-8", errors="surrogatepass")
    tree = grammar.parser().parse(source)
    found: dict[tuple[int, str], tuple[Any, str, str]] = {}
    cursor = QueryCursor(grammar.query)
    # Definitions worth a map line sit near the top (module > class > body > method, plus
    # decorators and export wrappers); not descending into function bodies saves a third of the query.
    cursor.set_max_start_depth(MAX_DEFINITION_DEPTH)
    for _pattern, captures in cursor.matches(tree.root_node):
        names = captures.get("name")
        if not names:
            continue
        for capture, nodes in captures.items():
            if not capture.startswith("definition."):
                continue
            node = nodes[0]
            name = source[names[0].start_byte : names[0].end_byte].decode("utf-8", errors="replace")
            found.setdefault((node.start_byte, name), (node, name, capture.removeprefix("definition.")))
    spans: list[tuple[int, int, Definition]] = []
    for (_start, _name), (node, name, kind) in sorted(found.items(), key=lambda item: item[0][0]):
        signature = _signature(source, node)
        spans.append(
            (node.start_byte, node.end_byte, Definition(name, kind, node.start_point[0] + 1, signature))
        )
    return _with_depths(spans)


# Nodes that wrap a definition on the same line and carry words a reader expects in its header
# (``export class``, ``type Order struct``, ``const f = () =>``).
_WRAPPERS = frozenset({"export_statement", "type_declaration", "lexical_declaration", "variable_declaration"})


def _signature(source: bytes, node: Any) -> str:
    """The definition's header: from its start to where its body begins, on one line.

    It ends at the last child before the body that is not a comment, so a comment between the
    header and the body (``def f():  # why``) stays out.
    """
    start = node.start_byte
    parent = node.parent
    while parent is not None and parent.type in _WRAPPERS and parent.start_point[0] == node.start_point[0]:
        start = parent.start_byte
        parent = parent.parent
    body = node.child_by_field_name("body")
    if body is None or body.start_byte <= node.start_byte:
        head = source[start : node.end_byte].split(b"\n", 1)[0]
        return _squash(head.decode("utf-8", errors="replace"))
    end = node.start_byte
    for child in node.children:
        if child.start_byte >= body.start_byte:
            break
        if "comment" not in child.type:
            end = child.end_byte
    return _squash(source[start:end].decode("utf-8", errors="replace"))


_BRACKET_SPACE = re.compile(r"([(\[])\s+|,?\s+([)\]])")


def _squash(text: str) -> str:
    """One line: whitespace collapsed, and none left inside brackets that a multi-line signature
    had (``def f(\n    a,\n)`` -> ``def f(a)``)."""
    text = " ".join(text.split()).rstrip("{ ").rstrip()
    text = _BRACKET_SPACE.sub(lambda m: m.group(1) or m.group(2), text)
    if len(text) > MAX_SIGNATURE_CHARS:
        text = text[: MAX_SIGNATURE_CHARS - 3].rstrip() + "..."
    return text


def _with_depths(spans: list[tuple[int, int, Definition]]) -> tuple[Definition, ...]:
    """Set each definition's nesting depth from the byte ranges that enclose it."""
    open_ends: list[int] = []
    result: list[Definition] = []
    for start, end, definition in sorted(spans, key=lambda span: (span[0], -span[1])):
        while open_ends and open_ends[-1] <= start:
            open_ends.pop()
        result.append(
            Definition(
                definition.name, definition.kind, definition.line, definition.signature, len(open_ends)
            )
        )
        open_ends.append(end)
    return tuple(result)


# --- regular-expression fallback -------------------------------------------------------------

_PY_DEF = re.compile(r"^(?P<indent>[ \t]*)(?P<kw>(?:async[ \t]+)?def|class)[ \t]+(?P<name>\w+)", re.M)
_JS_LEAD = r"^(?P<indent>[ \t]*)(?:export[ \t]+)?(?:default[ \t]+)?"
_JS_PATTERNS = (
    (
        re.compile(
            _JS_LEAD + r"(?:abstract[ \t]+)?class[ \t]+(?P<name>\w+)",
            re.M,
        ),
        "class",
    ),
    (
        re.compile(
            _JS_LEAD + r"(?:async[ \t]+)?function\*?[ \t]*(?P<name>\w+)[ \t]*\(",
            re.M,
        ),
        "function",
    ),
    (
        re.compile(
            _JS_LEAD + r"(?:const|let|var)[ \t]+(?P<name>\w+)[ \t]*(?::[^=\n]+)?=[ \t]*"
            r"(?:async[ \t]*)?(?:function\b|\([^)\n]*\)[ \t]*(?::[^=\n]+)?=>|\w+[ \t]*=>)",
            re.M,
        ),
        "function",
    ),
    (re.compile(r"^(?P<indent>[ \t]*)(?:export[ \t]+)?(?:interface|type)[ \t]+(?P<name>\w+)", re.M), "type"),
    (
        re.compile(
            r"^(?P<indent>[ \t]+)(?:(?:public|private|protected|static|async|readonly|get|set)[ \t]+)*"
            r"(?P<name>\w+)[ \t]*\([^)\n]*\)[ \t]*(?::[^{\n]+)?\{",
            re.M,
        ),
        "method",
    ),
)
_GO_PATTERNS = (
    (re.compile(r"^(?P<indent>)func[ \t]+\([^)]*\)[ \t]*(?P<name>\w+)", re.M), "method"),
    (re.compile(r"^(?P<indent>)func[ \t]+(?P<name>\w+)", re.M), "function"),
    (re.compile(r"^(?P<indent>)type[ \t]+(?P<name>\w+)", re.M), "type"),
)
_NOT_METHODS = frozenset({"if", "for", "while", "switch", "catch", "return", "function", "with", "else"})
_REGEX_LANGUAGES = frozenset({"python", "javascript", "typescript", "tsx", "go"})


def _regex_definitions(language: str, text: str) -> tuple[Definition, ...]:
    found: list[tuple[int, str, str, str]] = []  # (offset, indent, name, kind)
    if language == "python":
        for match in _PY_DEF.finditer(text):
            kind = "class" if match["kw"] == "class" else "function"
            found.append((match.start(), match["indent"], match["name"], kind))
    elif language in {"javascript", "typescript", "tsx"}:
        for pattern, kind in _JS_PATTERNS:
            for match in pattern.finditer(text):
                if kind == "method" and match["name"] in _NOT_METHODS:
                    continue
                found.append((match.start(), match["indent"], match["name"], kind))
    elif language == "go":
        for pattern, kind in _GO_PATTERNS:
            found.extend((m.start(), m["indent"], m["name"], kind) for m in pattern.finditer(text))
    seen: set[int] = set()
    definitions: list[Definition] = []
    indents: list[int] = []
    for offset, indent, name, kind in sorted(found):
        line_start = text.rfind("\n", 0, offset) + 1
        if line_start in seen:
            continue
        seen.add(line_start)
        width = len(indent.expandtabs(4))
        while indents and indents[-1] >= width:
            indents.pop()
        line = text.count("\n", 0, line_start) + 1
        signature = _regex_signature(language, text, line_start)
        definitions.append(Definition(name, kind, line, signature, len(indents)))
        indents.append(width)
    return tuple(definitions)


def _regex_signature(language: str, text: str, start: int) -> str:
    """Up to the header's end: ':' at bracket depth 0 for Python, '{' or end of line otherwise."""
    depth = 0
    limit = min(len(text), start + 600)
    for index in range(start, limit):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth <= 0 and (
            (language == "python" and char == ":") or (language != "python" and char in "{\n")
        ):
            return _squash(text[start : index + (1 if language == "python" else 0)])
    return _squash(text[start:limit].split("\n", 1)[0])
