"""Flattening absurdly deep wrapper nesting before the HTML parser sees it.

libxml2 (under lxml, under trafilatura) stops building the tree past 256 levels of nesting,
so an article sitting inside 10,000 nested `<div>`s (a broken page builder, or a page made to
hide from scrapers) comes out with no body at all. Wrapper elements carry no text of their
own, so the wrappers beyond MAX_WRAPPER_DEPTH are simply dropped, open and close tags alike;
the text inside them and every other element stay where they were. Real news pages nest a
few dozen wrappers deep, so they never reach the limit and are returned unchanged.

One regular-expression pass over the markup: no parse, no recursion.
"""

from __future__ import annotations

import re

# Well under libxml2's 256 levels, leaving room for html, body, article, p, a, ... inside.
MAX_WRAPPER_DEPTH = 100
# Elements that only group others: dropping one loses no text and no paragraph break
# that the extractor would keep.
_WRAPPER_TAG = re.compile(r"<(/?)(div|span|section|font|center)\b[^>]*?(/?)>", re.IGNORECASE)


def flatten_deep_nesting(markup: str) -> str:
    """`markup` with wrapper elements deeper than MAX_WRAPPER_DEPTH removed; unchanged if none are."""
    if markup.count("<") < MAX_WRAPPER_DEPTH:
        return markup  # too few tags to nest that deep: skip the scan
    kept: list[str] = []
    depth = 0
    last = 0
    flattened = False
    for tag in _WRAPPER_TAG.finditer(markup):
        closing, self_closing = bool(tag.group(1)), bool(tag.group(3))
        if self_closing:
            continue
        too_deep = (depth >= MAX_WRAPPER_DEPTH) if not closing else (depth > MAX_WRAPPER_DEPTH)
        depth = depth + 1 if not closing else max(depth - 1, 0)
        if too_deep:
            kept.append(markup[last : tag.start()])
            last = tag.end()
            flattened = True
    if not flattened:
        return markup
    kept.append(markup[last:])
    return "".join(kept)
