"""A small, forgiving reader of Terraform's HCL: blocks, attributes and their literal values.

There is no HCL parser in the standard library, and the rules only need structure and literals,
so this reads the native syntax in two steps. A tokenizer yields strings (interpolations
``${…}`` with nested quotes kept inside), heredocs (skipped as one token), punctuation, newlines
and bare words, and drops ``#``, ``//`` and ``/* */`` comments. A parser then reads a body as
statements: ``name = value`` (the value runs to the end of the line, or further while brackets
are open) or ``type "label"… { body }`` with braces matched. Expressions are never evaluated:
a value is a literal string, number, boolean or list of strings, or it is not a literal (a
reference such as ``var.password``), and the rules treat the latter as unknown. ``.tf.json``
files and ``dynamic`` blocks are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WORD = re.compile(r"[A-Za-z0-9_.\-+*/%!<>&|?:]+")
_PUNCT = frozenset("{}[]()=,")
_HEREDOC = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_]*)[ \t]*\n")


@dataclass(frozen=True, slots=True)
class Token:
    """A token: kind ("string", "heredoc", "punct", "newline", "word"), text and line."""

    kind: str
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Value:
    """An attribute's value, as tokens, and its line."""

    tokens: tuple[Token, ...]
    line: int

    @property
    def literal(self) -> str | bool | float | None:
        """The value when it is one string, number or boolean written out; else ``None``."""
        if len(self.tokens) != 1:
            return None
        token = self.tokens[0]
        if token.kind == "string":
            return None if "${" in token.text else token.text
        if token.kind == "word" and token.text in {"true", "false"}:
            return token.text == "true"
        try:
            return float(token.text) if token.kind == "word" else None
        except ValueError:
            return None

    @property
    def strings(self) -> tuple[str, ...]:
        """Every string literal in the value (the items of ``["0.0.0.0/0", "10.0.0.0/8"]``)."""
        return tuple(t.text for t in self.tokens if t.kind == "string")


@dataclass
class Block:
    """A block: its type, labels, line, attributes and nested blocks."""

    type: str
    labels: tuple[str, ...]
    line: int
    attributes: dict[str, Value] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` (unterminated strings and comments end at the end of the text)."""
    found: list[Token] = []
    i, line = 0, 1
    while i < len(text):
        char = text[i]
        if char == "\n":
            found.append(Token("newline", "\n", line))
            i, line = i + 1, line + 1
        elif char == "#" or text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = len(text) if end < 0 else end + 2
            line, i = line + text.count("\n", i, end), end
        elif char == '"':
            end = _string_end(text, i + 1)
            found.append(Token("string", text[i + 1 : end - 1], line))
            line, i = line + text.count("\n", i, end), end
        elif (heredoc := _HEREDOC.match(text, i)) is not None:
            closing = re.compile(rf"^[ \t]*{heredoc.group(1)}[ \t]*$", re.MULTILINE)
            last = closing.search(text, heredoc.end())
            end = len(text) if last is None else last.end()
            found.append(Token("heredoc", "", line))
            line, i = line + text.count("\n", i, end), end
        elif char in _PUNCT:
            found.append(Token("punct", char, line))
            i += 1
        elif (word := _WORD.match(text, i)) is not None:
            found.append(Token("word", word.group(), line))
            i = word.end()
        else:
            i += 1
    return found


def _string_end(text: str, i: int) -> int:
    """Index just past the closing quote of a string starting at ``i``, interpolations nested."""
    depth = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith("${", i):
            depth, i = depth + 1, i + 2
            continue
        if text[i] == "}" and depth:
            depth -= 1
        elif text[i] == '"' and depth:
            i = _string_end(text, i + 1)
            continue
        elif text[i] == '"' or (text[i] == "\n" and not depth):
            return i + 1
        i += 1
    return len(text)


def parse(text: str) -> Block:
    """The file as a root block (type ``""``) holding its top-level blocks and attributes."""
    root = Block("", (), 1)
    _body(tokens(text), 0, root)
    return root


def _body(toks: list[Token], i: int, block: Block) -> int:
    """Read statements into ``block`` from ``i`` up to its closing brace; return the next index."""
    while i < len(toks):
        token = toks[i]
        if token.kind == "punct" and token.text == "}":
            return i + 1
        if token.kind != "word":
            i += 1
            continue
        if i + 1 < len(toks) and toks[i + 1].text == "=" and toks[i + 1].kind == "punct":
            i = _attribute(toks, i, block)
            continue
        labels, j = [], i + 1
        while j < len(toks) and toks[j].kind in {"string", "word"}:
            labels.append(toks[j].text)
            j += 1
        if j < len(toks) and toks[j].kind == "punct" and toks[j].text == "{":
            child = Block(token.text, tuple(labels), token.line)
            block.blocks.append(child)
            i = _body(toks, j + 1, child)
        else:
            i = j
    return i


def _attribute(toks: list[Token], i: int, block: Block) -> int:
    name, line, j, depth = toks[i].text, toks[i].line, i + 2, 0
    value: list[Token] = []
    while j < len(toks):
        token = toks[j]
        if token.kind == "newline" and depth == 0 and value:
            break
        if token.kind == "punct" and token.text in "[({":
            depth += 1
        elif token.kind == "punct" and token.text in "])}":
            if depth == 0:
                break  # the closing brace of the enclosing one-line block
            depth -= 1
        if token.kind != "newline":
            value.append(token)
        j += 1
    block.attributes[name] = Value(tuple(value), line)
    return j
