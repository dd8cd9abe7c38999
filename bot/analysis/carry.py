"""Attribution that carries beyond its sentence: quotes that run on, and paragraphs.

A quotation that spans several sentences belongs to one speaker, wherever in it the "he said"
falls, and a quotation carried on into the next paragraph (the paragraph ends inside the
quote and the next one opens with a quote mark) is still the same speaker's.
"""

from __future__ import annotations

from bot.analysis.segment import Sentence

_OPEN = "\u201c"
_CLOSE = "\u201d"
_STRAIGHT = '"'


def quote_runs(sentences: list[Sentence]) -> list[int | None]:
    """For each sentence, the id of the quotation it is part of (None outside quotes).

    Sentences sharing an id are one continuous quotation. A quotation that opens right after
    a quoted sentence of the same paragraph continues it ('"We found rust," said Okafor.
    "It is not safe."' is all Okafor's).
    """
    runs: list[int | None] = []
    inside = False  # is the text open inside a quotation at this point?
    run_id = -1
    previous_paragraph = None
    for sentence in sentences:
        text = sentence_text(sentence)
        new_paragraph = sentence.paragraph != previous_paragraph
        previous_paragraph = sentence.paragraph
        opens = text.startswith((_OPEN, _STRAIGHT))
        follows_quote = not new_paragraph and bool(runs) and runs[-1] is not None
        continues = inside or (follows_quote and opens)
        if new_paragraph and inside and not opens:
            continues = inside = False  # an unclosed quote that the next paragraph does not resume
        if continues and opens:
            inside = False  # a resumed or follow-on quotation opens with its own mark
        touched = continues
        for ch in text:
            if ch == _OPEN:
                inside, touched = True, True
            elif ch == _CLOSE:
                inside, touched = False, True
            elif ch == _STRAIGHT:
                inside, touched = not inside, True
        if not touched:
            runs.append(None)
            continue
        if not continues:
            run_id += 1
        runs.append(run_id)
    return runs


def sentence_text(sentence: Sentence) -> str:
    """The sentence's text, from its own span: Sentence.text rebuilds the whole Doc's text."""
    return sentence.span.text.strip()


def nearest_in_run(index: int, runs: list[int | None], has_own: list[bool]) -> int | None:
    """The nearest sentence of the same quotation with its own attribution (earlier wins ties)."""
    run = runs[index]
    if run is None:
        return None
    best = None
    for other, other_run in enumerate(runs):
        if other_run != run or other == index or not has_own[other]:
            continue
        if best is None or abs(other - index) < abs(best - index):
            best = other
    return best


def previous_in_paragraph(index: int, sentences: list[Sentence], attributed: list[bool]) -> int | None:
    """The sentence just before, when it is in the same paragraph and attributed.

    Only the adjacent sentence: "According to the Post, he earned $5m. He paid no tax." reads
    as one source; a claim two sentences on may well be the writer's own.
    """
    other = index - 1
    if other >= 0 and sentences[other].paragraph == sentences[index].paragraph and attributed[other]:
        return other
    return None
