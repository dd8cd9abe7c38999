"""Sentences and paragraphs as the rest of the analysis sees them.

News copy puts one paragraph on a line, and attribution carries inside a paragraph, so a
line break always ends a sentence (set before the parser runs) and starts a paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

PARAGRAPH_COMPONENT = "copydesk_paragraphs"


@dataclass(frozen=True)
class Sentence:
    index: int
    span: Span  # the spaCy sentence, possibly with surrounding whitespace tokens
    start: int  # character offsets into the article text, whitespace stripped
    end: int
    paragraph: int  # paragraphs are numbered from 0 in reading order
    text: str  # kept, not derived: Doc.text rebuilds the whole article on every call


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break so no sentence spans two paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


def split_sentences(doc: Doc) -> list[Sentence]:
    text = doc.text
    sentences: list[Sentence] = []
    paragraph = 0
    last_end = 0
    for span in doc.sents:
        start, end = span.start_char, span.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue  # a run of whitespace tokens between paragraphs
        if sentences and "\n" in text[last_end:start]:
            paragraph += 1
        sentences.append(Sentence(len(sentences), span, start, end, paragraph, text[start:end]))
        last_end = end
    return sentences
