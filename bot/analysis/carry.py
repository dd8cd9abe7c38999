"""Attribution that carries beyond its sentence: quotes that run on, and paragraphs.

A quotation that spans several sentences belongs to one speaker, wherever in it the "he said"
falls, and a quotation carried on into the next paragraph (the paragraph ends inside the
quote and the next one opens with a quote mark) is still the same speaker's. The speaker is
named by the writer, outside the quote marks: a verb inside the quotation is the speaker's
own words, not a new source.

A check-worthy claim with no attribution leans on the sentence just before it, in its
paragraph; not when the claim is about a named actor of its own ("Cruz finished first in
Iowa" is the writer's narration), and a claim carried that way does not carry again.
"""

from __future__ import annotations

from spacy.tokens import Span

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
    return _scan_quotes(sentences)[0]


def open_at_start(sentences: list[Sentence]) -> list[bool]:
    """For each sentence, does it begin inside a quotation opened before it?"""
    return _scan_quotes(sentences)[1]


def _scan_quotes(sentences: list[Sentence]) -> tuple[list[int | None], list[bool]]:
    runs: list[int | None] = []
    starts_open: list[bool] = []
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
        starts_open.append(inside)
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
    return runs, starts_open


def is_quoted(sentence: Sentence, position: int, starts_open: bool) -> bool:
    """Is the character at `position` (a Doc offset) inside quotation marks?

    '"Trump started attacking us," she said': "attacking" is the quoted speaker's words, "said"
    is the writer's; only the writer's cue tells whose the quotation is.
    """
    inside = starts_open
    span = sentence.span
    for ch in span.text[: max(0, position - span.start_char)]:
        if ch == _OPEN:
            inside = True
        elif ch == _CLOSE:
            inside = False
        elif ch == _STRAIGHT:
            inside = not inside
    return inside


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


_NAMED_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


def names_its_own_subject(span: Span) -> bool:
    """Is the sentence's main clause about a named actor ("The Texas senator finished first",
    "Pershing Square now has a 9 percent stake")? Then it is the writer's narration, not the
    rest of what the previous sentence's source said."""
    root = span.root
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return (
                child.pos_ == "PROPN"
                or child.ent_type_ in _NAMED_ENTITIES
                or any(c.dep_ == "compound" and c.ent_type_ in _NAMED_ENTITIES for c in child.children)
            )
    return False
