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

    Sentences sharing an id are one continuous quotation.
    """
    runs: list[int | None] = []
    inside = False  # is the text open inside a quotation at this point?
    run_id = -1
    previous_paragraph = None
    for sentence in sentences:
        text = sentence.text
        new_paragraph = sentence.paragraph != previous_paragraph
        previous_paragraph = sentence.paragraph
        continues = inside
        if new_paragraph and inside and not text.startswith((_OPEN, _STRAIGHT)):
            continues = inside = False  # an unclosed quote that the next paragraph does not resume
        if new_paragraph and continues:
            inside = False  # the resumed paragraph re-opens the quote with its own mark
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
    """The closest earlier sentence of the same paragraph that is attributed."""
    paragraph = sentences[index].paragraph
    for other in range(index - 1, -1, -1):
        if sentences[other].paragraph != paragraph:
            return None
        if attributed[other]:
            return other
    return None
