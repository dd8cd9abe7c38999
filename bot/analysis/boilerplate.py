"""Text around a story that is not the story: byline headers, datelines, photo captions.

Pasted web copy carries the page's furniture with it: "By . Jane Smith . PUBLISHED: . 14:11 EST,
25 October 2013 . | . UPDATED: ...", a wire dateline ("WASHINGTON (CNN) --"), captions left
between paragraphs ("Flooded: Residents of Harlow wade through ..."), an "Editor's note:". None
of these is a sentence of the story: none is a key fact or a claim to check. This module finds
them; the segmenter (segment.py) makes each its own sentence and marks it, so every later stage
sees the mark, and the report still lists every sentence in order.

Header and dateline are found on the raw text (they sit at the start of the article or of a
paragraph); a caption by its shape: a short label with no finite verb, a colon, then text
("Scam: Patricia Glancy conned ..."), which needs the tagger's part-of-speech tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

BYLINE = "byline"
DATELINE = "dateline"
CAPTION = "caption"

# --- Byline headers ----------------------------------------------------------------------------

_NAME = r"[A-Z][\w'’\-]*(?:\s+(?:[A-Z][\w'’\-]*|and|for|For|de|van|von))*"
_STAMP = (
    # "PUBLISHED: . 14:11 EST, 25 October 2013 . | ." and "Last updated at 1:25 AM on 3rd August 2011 ."
    r"(?:(?:PUBLISHED|UPDATED|Published|Updated)\s*:\s*\.?\s*\d{1,2}:\d{2}\s*(?:[AP]M|EST|EDT|GMT|BST)?,?"
    r"\s*\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4}"
    r"|Last updated at \d{1,2}:\d{2}\s*[AP]M on \d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]+\s+\d{4})"
    r"\s*\.?(?:\s*\|\s*\.?)?\s*"
)
_BYLINE_HEADER = re.compile(
    # "By . Name . [and Name .]" (a Daily Mail page pasted with its line breaks turned into " . "),
    # or "By Name" on a line of its own or before a time stamp; then any time stamps.
    r"(?:By\s+\.\s+[^.\n]{1,60}?\s+\.\s+(?:and\s+[^.\n]{1,60}?\s+\.\s+)?"
    rf"|By\s+{_NAME}[ \t]*(?:\n\s*|(?=\s*(?:PUBLISHED|UPDATED|Published|Updated)\b)\s*))?"
    rf"(?:{_STAMP})*"
)

# --- Datelines -----------------------------------------------------------------------------------

_AGENCY = r"\((?:CNN|Reuters|AP|AFP|UPI|Bloomberg|PA|EW\.com|CNN Money)\)"
_DATELINE = re.compile(
    # "(CNN) --", "Kabul, Afghanistan (CNN) --", "LONDON, England (Reuters) --", "WASHINGTON (AP) -"
    rf"(?:[A-Z][\w.'’\-]*(?:[ ,]+[A-Z][\w.'’\-]*){{0,4}}\s*)?{_AGENCY}[ \t]*(?:--|—|–|-)?[ \t]*"
    # "WASHINGTON --", "CAVITE CITY, Philippines -- ": a place in capitals and a dash
    r"|[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3}(?:, [A-Z][\w.'’\-]*(?: [A-Z][\w.'’\-]*){0,2})?[ \t]+(?:--|—|–)[ \t]*"
)
_EDITORS_NOTE = re.compile(r"Editor['’]s note:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"'“‘])")

# --- Captions ------------------------------------------------------------------------------------

CAPTION_LABEL_MAX = 6  # words before the colon: "Goodbye old friend:", "Handing out the hugs:"
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})  # "Faith said:" is a speaker, not a label
CAPTION_MIN_WORDS = 3  # after the colon


@dataclass(frozen=True)
class Furniture:
    start: int  # character offsets into the text
    end: int
    kind: str  # BYLINE, DATELINE or CAPTION


def header_and_datelines(text: str) -> list[Furniture]:
    """The byline header at the top of the text and each paragraph's dateline, in order."""
    found: list[Furniture] = []
    position = _skip_space(text, 0)
    header = _BYLINE_HEADER.match(text, position)
    if header and header.end() > position:
        found.append(Furniture(position, _trim(text, header.end()), BYLINE))
        position = _skip_space(text, header.end())
    for start in _paragraph_starts(text, position):
        note = _EDITORS_NOTE.match(text, start)
        if note:
            found.append(Furniture(start, _first_sentence_end(text, note.end()), DATELINE))
            continue
        dateline = _DATELINE.match(text, start)
        if dateline and dateline.end() > start and dateline.end() < _paragraph_end(text, start):
            found.append(Furniture(start, _trim(text, dateline.end()), DATELINE))
    return found


def caption_label_end(doc: Doc, start: int) -> int | None:
    """The index of the colon when doc[start:] opens on a caption label ("Scam: ..."), else None.

    A label is one to six words, the first capitalised, none a finite verb (so "Faith said:" and
    "Their slogan reads:" stay speakers), followed by a colon and at least three words that do
    not open on a quotation mark.
    """
    first = doc[start]
    if not first.is_alpha or not first.is_title:
        return None
    for offset in range(CAPTION_LABEL_MAX + 1):
        i = start + offset
        if i >= len(doc):
            return None
        token = doc[i]
        if token.text == ":":
            return i if offset > 0 and _caption_follows(doc, i + 1) else None
        if not _label_word(token):
            return None
    return None


def is_caption(span: Span) -> bool:
    """A caption line: it opens on a label and does not end as a sentence of the story does.

    A caption has no full stop of its own: it ends bare, or with the " ." a converter adds to a
    line without one. "Another challenge: Most states have passed the deadline." is the story's.
    """
    text = span.text.rstrip()
    if text[-1:] in ("!", "?", '"', "”", "'", "’") or (text.endswith(".") and not text.endswith(" .")):
        return False
    start = span.start
    while start < span.end and span.doc[start].is_space:
        start += 1
    return start < span.end and caption_label_end(span.doc, start) is not None


def _label_word(token: Token) -> bool:
    if token.is_space or "\n" in token.whitespace_:
        return False
    return (token.is_alpha or token.text in ("-", "'s", "’s", "&")) and token.tag_ not in FINITE_VERB_TAGS


def _caption_follows(doc: Doc, start: int) -> bool:
    words = 0
    for token in doc[start : start + 12]:
        if words == 0 and token.is_quote:
            return False  # "Label: 'quoted words'" is a speaker's line
        if token.is_alpha or token.like_num:
            words += 1
        if words >= CAPTION_MIN_WORDS:
            return True
        if "\n" in token.text or "\n" in token.whitespace_:
            return False
    return False


def _paragraph_starts(text: str, start: int) -> Iterator[int]:
    yield start
    for match in re.finditer(r"\n\s*", text[start:]):
        position = start + match.end()
        if position < len(text):
            yield position


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return _trim(text, len(text) if end < 0 else end)


def _first_sentence_end(text: str, start: int) -> int:
    """Where the sentence running from `start` ends: a full stop before a capital, or the line's end."""
    limit = _paragraph_end(text, start)
    stop = _SENTENCE_END.search(text, start, limit)
    return stop.end() if stop else limit


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _trim(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
