"""Sentences and paragraphs as the rest of the analysis sees them.

News copy puts one paragraph on a line, and attribution carries inside a paragraph, so a
line break always ends a sentence (set before the parser runs) and starts a paragraph.

Before the parser runs, the same component also sets the boundaries the parser gets wrong on
pasted copy:
- the page's furniture (byline header, dateline, caption: boilerplate.py) becomes a sentence of
  its own, and `split_sentences` marks it so no stage reads it as the story;
- a headline glued to the first sentence when the line breaks were lost ("... 13% higher than a
  colleague The cost of divorce can wreck retirement ...") is split where a lower-case word is
  followed by a capitalised sentence opener ("The", "A", "It", ...) and then a lower-case word.
  "Secretary of State John Kerry" and "The New York Times" are safe: a name goes on in capitals,
  and "according to The Times" has a preposition before the opener.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from bot.analysis.boilerplate import CAPTION, Furniture, caption_label_end, header_and_datelines, is_caption

PARAGRAPH_COMPONENT = "copydesk_paragraphs"
FURNITURE_SPANS = "copydesk_furniture"  # doc.spans key: byline headers and datelines, label = kind

# Capitalised words that open a sentence and rarely start a name ("The" does start "The New York
# Times": the word after it decides). Tagged DT/PRP/EX by the tagger in their usual use.
RUN_ON_OPENERS = frozenset(
    "The A An This These Those It He She They We There Its His Her Their Our Police Officials".split()
)
# The word before the opener must end a clause: a noun, a number or a past participle, not a
# word that leads into a name ("told The Times", "according to The Guardian", "and The Sun").
RUN_ON_BEFORE_TAGS = frozenset({"NN", "NNS", "CD", "VBN", "RB", "JJ"})
RUN_ON_MIN_WORDS = 4  # words on each side: "A colleague The cost" alone is too little to judge
SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";"})


@dataclass(frozen=True)
class Sentence:
    index: int
    span: Span  # the spaCy sentence, possibly with surrounding whitespace tokens
    start: int  # character offsets into the article text, whitespace stripped
    end: int
    paragraph: int  # paragraphs are numbered from 0 in reading order
    text: str  # kept, not derived: Doc.text rebuilds the whole article on every call
    furniture: str | None = None  # byline, dateline or caption: on the page, not in the story

    @property
    def is_story(self) -> bool:
        return self.furniture is None


@Language.component(PARAGRAPH_COMPONENT)
def paragraph_boundaries(doc: Doc) -> Doc:
    """Set the sentence starts the parser must keep: paragraphs, furniture, glued headlines."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
    _mark_furniture(doc)
    for token in doc[1:]:
        if token.is_sent_start is None and _starts_caption(doc, token.i):
            token.is_sent_start = True
        elif token.is_sent_start is None and _glued_sentence_starts(doc, token.i):
            token.is_sent_start = True
    return doc


def split_sentences(doc: Doc) -> list[Sentence]:
    text = doc.text
    furniture = {(span.start, span.end): span.label_ for span in doc.spans.get(FURNITURE_SPANS, [])}
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
        kind = _furniture_kind(span, furniture)
        sentences.append(Sentence(len(sentences), span, start, end, paragraph, text[start:end], kind))
        last_end = end
    return sentences


def _mark_furniture(doc: Doc) -> None:
    """Each header and dateline becomes one sentence, kept in doc.spans for split_sentences."""
    spans = []
    for item in header_and_datelines(doc.text):
        span = _token_span(doc, item)
        if span is None:
            continue
        spans.append(span)
        span[0].is_sent_start = True
        for token in span[1:]:
            token.is_sent_start = False
        if span.end < len(doc):
            doc[span.end].is_sent_start = True
    doc.spans[FURNITURE_SPANS] = spans


def _token_span(doc: Doc, item: Furniture) -> Span | None:
    # "(CNN)For years": the tokenizer may keep the agency and the first word together; the
    # furniture then ends before that token and the word stays in the story.
    return doc.char_span(item.start, item.end, label=item.kind, alignment_mode="contract")


def _furniture_kind(span: Span, furniture: dict[tuple[int, int], str]) -> str | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].is_space:
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    if (start, end) in furniture:
        return furniture[(start, end)]
    # The text's first line is its headline ("Mayor Park: bridge will close"), never a caption.
    return CAPTION if not _opens_text(span.doc, start) and is_caption(span) else None


def _opens_text(doc: Doc, start: int) -> bool:
    return all(token.is_space for token in reversed(doc[:start]))


def _starts_caption(doc: Doc, i: int) -> bool:
    previous = doc[i - 1]
    return previous.text in (".", "!", "?", "'", "’", '"', "”") and caption_label_end(doc, i) is not None


def _glued_sentence_starts(doc: Doc, i: int) -> bool:
    """A capitalised opener after a clause-final lower-case word, followed by a lower-case word."""
    token, previous = doc[i], doc[i - 1]
    if i + 1 >= len(doc) or token.text not in RUN_ON_OPENERS:
        return False
    following = doc[i + 1]
    if not (following.is_alpha and following.is_lower) and not following.like_num:
        return False
    if not (previous.is_lower or previous.like_num) or previous.tag_ not in RUN_ON_BEFORE_TAGS:
        return False
    if previous.whitespace_ != " ":
        return False
    return _words_before(doc, i) >= RUN_ON_MIN_WORDS and _words_after(doc, i) >= RUN_ON_MIN_WORDS


def _words_before(doc: Doc, i: int) -> int:
    """Words back from token i to the sentence start already known (stopping once there are enough)."""
    words = 0
    for j in range(i - 1, -1, -1):
        token = doc[j]
        if token.text in SENTENCE_ENDS or (j < i - 1 and "\n" in token.whitespace_):
            break
        words += token.is_alpha
        if token.is_sent_start or words >= RUN_ON_MIN_WORDS:
            break
    return words


def _words_after(doc: Doc, i: int) -> int:
    words = 0
    for token in doc[i : i + 2 * RUN_ON_MIN_WORDS]:
        if token.text in SENTENCE_ENDS:
            break
        words += token.is_alpha
        if words >= RUN_ON_MIN_WORDS or "\n" in token.whitespace_:
            break
    return words
