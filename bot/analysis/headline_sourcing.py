"""A headline is not a claim of its own: it takes the sourcing of the sentence that reports it.

"Troops deployed to Israel" over a lede that says "According to ABC News, 200 soldiers were
deployed" is ABC News's claim, not an unsourced one. The sentence that reports the headline is
the body sentence near the top that shares most of its words (usually the lede); when that
sentence is attributed, the headline carries its status, cue and source (flags `carried` and
`headline`); otherwise the headline has nothing to source (`none`). A headline that names its
own speaker ("Mayor: the bridge is safe") keeps its own attribution.
"""

from __future__ import annotations

from bot.analysis.facts import content_words, headline_index
from bot.analysis.report import ANONYMOUS, NONE, SOURCED, VAGUE, SentenceSourcing
from bot.analysis.segment import Sentence

_ATTRIBUTED = (SOURCED, ANONYMOUS, VAGUE)
# The lede and the sentences just after it: a headline summarises the top of the story.
_LOOK_AHEAD = 3


def source_headline(sentences: list[Sentence], sourcing: list[SentenceSourcing], own_frame: list[bool]) -> None:
    """Give the headline (if the text has one) the sourcing of the sentence that reports it, in place."""
    index = headline_index(sentences) if sentences else None
    if index is None or own_frame[index]:
        return
    entry = sourcing[index]
    reporter = _reporting_sentence(sentences, index)
    entry.flags = [f for f in entry.flags if f in ("hedged",)] + ["headline"]
    if reporter is not None and sourcing[reporter].status in _ATTRIBUTED:
        origin = sourcing[reporter]
        entry.status, entry.cue, entry.source = origin.status, origin.cue, origin.source
        flag = {ANONYMOUS: "anonymous_source", VAGUE: "vague_source"}.get(origin.status)
        entry.flags = ([flag] if flag else []) + entry.flags + ["carried"]
    else:
        entry.status, entry.cue, entry.source = NONE, None, None


def _reporting_sentence(sentences: list[Sentence], index: int) -> int | None:
    """The body sentence near the top sharing most of the headline's words."""
    words = content_words(sentences[index].span)
    best, best_shared = None, 0
    for sentence in sentences[index + 1 : index + 1 + _LOOK_AHEAD]:
        shared = len(words & content_words(sentence.span))
        if shared > best_shared:
            best, best_shared = sentence.index, shared
    return best
