"""Entity mentions, cleaned: what spaCy tagged, minus the misfires and the wrapping.

spaCy's entity spans carry things an editor would not call part of a name ("the", a
possessive "'s", a score after a team) and some spans are not names at all ("he", "12",
"men"). This module turns `doc.ents` into `Mention`s with a clean surface form, a key for
matching forms of the same name, and the spaCy label as one vote for the actor's type.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

PRONOUNS = frozenset(
    "i me my mine you your yours he him his she her hers it its we us our ours they them their theirs "
    "who whom whose this that these those one someone anyone everyone".split()
)
LEADING_WORDS = frozenset({"the", "a", "an"})
# A date word in front of a name belongs to the date: "September Bund", "Monday Reuters".
DATE_WORDS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
# Wire abbreviations the tagger often takes for organisations.
NOT_NAMES = frozenset({"gmt", "utc", "est", "edt", "bst", "cet", "mln", "bln", "pct", "pm", "am"})
POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’", "'S", "’S"})

# Nouns that make the name before them a place: "the Donbass region", "Kent county".
PLACE_HEAD_NOUNS = frozenset(
    "region province state city town village district county area capital territory republic "
    "border coast island peninsula valley river lake mountains".split()
)
NATURAL_PLACE_NOUNS = frozenset("coast island peninsula valley river lake mountains".split())


@dataclass
class Mention:
    start: int  # token offsets into the doc, after cleaning
    end: int
    text: str  # surface form as written, cleaned
    key: str  # lower case, punctuation removed: "U.S." and "US" match
    label: str  # spaCy's label, or a corrected one when the context is unambiguous
    in_caps_line: bool  # inside an all-capitals headline, where the tagger is least reliable

    @property
    def tokens(self) -> int:
        return self.end - self.start


def name_key(text: str) -> str:
    """Lower case, punctuation removed, whitespace collapsed: the key names are matched on."""
    kept = "".join(" " if ch.isspace() else ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return re.sub(r"\s+", " ", kept).strip().lower()


def extract_mentions(doc: Doc) -> list[Mention]:
    caps_lines = _caps_line_starts(doc)
    lowercase_words = {t.text for t in doc if t.is_lower and t.is_alpha}
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        for span in _split_abbreviation(ent):
            mention = _clean(doc, span, ent.label_, caps_lines, lowercase_words)
            if mention is not None:
                mentions.append(mention)
    return mentions


def _split_abbreviation(ent: Span) -> list[Span]:
    """spaCy sometimes swallows a defining parenthesis: "World Health Organization (WHO"."""
    for token in ent:
        if token.text == "(" and token.i > ent.start:
            inner_end = ent.end
            for later in ent[token.i - ent.start + 1 :]:
                if later.text == ")":
                    inner_end = later.i
                    break
            parts = [ent.doc[ent.start : token.i], ent.doc[token.i + 1 : inner_end]]
            return [part for part in parts if len(part)]
    return [ent]


def _clean(doc: Doc, span: Span, label: str, caps_lines: set[int], lowercase_words: set[str]) -> Mention | None:
    start, end = span.start, span.end
    # Names are their capitalised words: "the", "pro-socialist" before and "news agency",
    # "province" after are descriptions ("Interfax news agency" is Interfax).
    while start < end and (
        _is_edge_junk(doc[start])
        or doc[start].lower_ in LEADING_WORDS
        or _is_lower_word(doc[start])
        or _is_date_word(doc, start, end)
    ):
        start += 1
    while end > start and (
        _is_edge_junk(doc[end - 1]) or doc[end - 1].text in POSSESSIVE_ENDINGS or _is_lower_word(doc[end - 1])
    ):
        end -= 1
    if start >= end:
        return None
    cleaned = doc[start:end]
    text = cleaned.text
    if _is_misfire(cleaned, text) or _is_common_word(cleaned, lowercase_words):
        return None
    label = _label_from_context(cleaned, label)
    return Mention(
        start=start,
        end=end,
        text=text,
        key=name_key(text),
        label=label,
        in_caps_line=cleaned.sent.start in caps_lines or doc[start].sent.start in caps_lines,
    )


def _is_edge_junk(token: Token) -> bool:
    # Punctuation, numbers and symbols at either end: "Kent 1083", "(Reuters", "-".
    return token.is_punct or token.like_num or token.is_space or not any(ch.isalnum() for ch in token.text)


def _is_lower_word(token: Token) -> bool:
    return token.is_lower


def _is_date_word(doc: Doc, start: int, end: int) -> bool:
    return end - start > 1 and doc[start].lower_.rstrip(".") in DATE_WORDS


def _is_common_word(span: Span, lowercase_words: set[str]) -> bool:
    """A capitalised ordinary word: "Death is ...", "Shells had ...", written in lower case elsewhere."""
    if len(span) != 1:
        return False
    token = span[0]
    if token.lower_ in NOT_NAMES:
        return True
    if token.is_upper:  # "AIDS", "NATO": capitals are deliberate
        return False
    return token.pos_ == "NOUN" and (token.is_sent_start or token.lower_ in lowercase_words)


def _is_misfire(span: Span, text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:  # numbers, single letters, symbols
        return True
    if not any(ch.isupper() for ch in letters):  # names are capitalised somewhere
        return True
    # "he", "They"; but "US" in capitals is the country, not the pronoun.
    if len(span) == 1 and not text.isupper() and (span[0].lower_ in PRONOUNS or span[0].pos_ == "PRON"):
        return True
    return False


def _label_from_context(span: Span, label: str) -> str:
    """Correct the label where the words around the name say what it is."""
    root = span.root
    head = root.head
    if root.dep_ == "compound" and head.i >= span.end and head.lower_ in PLACE_HEAD_NOUNS and head.pos_ == "NOUN":
        if label not in ("GPE", "LOC", "FAC"):
            return "LOC" if head.lower_ in NATURAL_PLACE_NOUNS else "GPE"
    return label


def _caps_line_starts(doc: Doc) -> set[int]:
    """Sentence starts of lines written in capitals (wire headlines), where tags misfire most."""
    starts: set[int] = set()
    for sent in doc.sents:
        words = [t for t in sent if t.is_alpha and len(t) > 1]
        if len(words) >= 2 and sum(t.is_upper for t in words) >= 0.8 * len(words):
            starts.add(sent.start)
    return starts
