"""The block tree of Gutenberg content, read from its block comments.

`<!-- wp:name {"json": "attrs"} -->html<!-- /wp:name -->`, self-closing `<!-- wp:name /-->`,
nested to any depth. HTML outside any block is a freeform block (name None)."""

import json
import re
from dataclasses import dataclass, field

DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)\s+"
    # WordPress writes "<" in attributes as \u003c, so an attribute never runs past the next
    # tag: that keeps a comment left open from making the search quadratic.
    r"(?P<attrs>\{(?:(?!\}\s+/?-->)[^<])*?\}\s+)?(?P<void>/)?-->",
    re.S,
)


@dataclass
class Block:
    name: str | None
    attrs: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)  # HTML strings and inner Blocks, in order
    bad_attrs: bool = False

    @property
    def inner_blocks(self):
        return [part for part in self.parts if isinstance(part, Block)]

    @property
    def html(self):
        """The block's markup with its inner blocks' markup in place (comments removed)."""
        return "".join(part.html if isinstance(part, Block) else part for part in self.parts)


def has_blocks(text):
    return bool(text) and DELIMITER.search(text) is not None


def _attrs(raw):
    if not raw:
        return {}, False
    try:
        value = json.loads(raw)
    except ValueError:
        return {}, True
    return (value, False) if isinstance(value, dict) else ({}, True)


def parse_blocks(text):
    """The top-level blocks of `text`. A closer with no opener is ignored; a block never
    closed takes the rest of the text."""
    root = Block(None)
    stack = [root]
    position = 0
    for match in DELIMITER.finditer(text):
        before = text[position : match.start()]
        position = match.end()
        if before:
            stack[-1].parts.append(before)
        name = (match["namespace"] or "core/") + match["name"]
        if match["closer"]:
            if any(block.name == name for block in stack[1:]):
                while stack[-1].name != name:
                    stack.pop()
                stack.pop()
            continue
        attrs, bad = _attrs(match["attrs"])
        block = Block(name, attrs, bad_attrs=bad)
        stack[-1].parts.append(block)
        if not match["void"]:
            stack.append(block)
    if text[position:]:
        stack[-1].parts.append(text[position:])
    top = []
    for part in root.parts:
        if isinstance(part, Block):
            top.append(part)
        elif part.strip():
            top.append(Block(None, parts=[part]))
    return top
