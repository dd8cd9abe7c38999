"""Entity mentions, cleaned: what spaCy tagged, minus the misfires and the wrapping.

spaCy's entity spans carry things an editor would not call part of a name ("the", a
possessive "'s", a score after a team) and some spans are not names at all ("he", "12",
"men"). This module turns `doc.ents` into `Mention`s with a clean surface form, a key for
matching forms of the same name, and the spaCy label as one vote for the actor's type.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from bot.analysis.attribution_cues import INVERTED_SPEECH_VERBS
from bot.analysis.firm_names import PossessiveNames, firm_runs, is_suffix, owns_possessive
from bot.analysis.name_context import CONTEXT_VOTE, label_from_context

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})

PRONOUNS = frozenset(
    "i me my mine you your yours he him his she her hers it its we us our ours they them their theirs "
    "who whom whose this that these those one someone anyone everyone".split()
)
LEADING_WORDS = frozenset({"the", "a", "an"})
EVENT_ENDINGS = frozenset(
    "cup open championship championships series games olympics final finals tournament prix masters day".split()
)
DEMONYM_ENDINGS = ("an", "ian", "ese", "ish", "i")
NAME_PARTICLES = frozenset("de da di del della der den van von ter ten le la du al el bin ibn abu".split())
# A date word in front of a name belongs to the date: "September Bund", "Monday Reuters".
# ("May", "Jan" and "Mar" are names too: left alone.)
DATE_WORDS = frozenset(
    "january february april june july august september sept october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
DASHES = frozenset({"-", "--", "–", "—"})
DATELINE_LINES = 3  # a dateline opens the story: headline, maybe a byline, then the dateline
# Wire abbreviations the tagger often takes for organisations.
NOT_NAMES = frozenset({"gmt", "utc", "est", "edt", "bst", "cet", "mln", "bln", "pct", "pm", "am"})
POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
# Labels whose names can own an "'s" ("McDonald's"); a person's or a place's "'s" is grammar.
OWNER_LABELS = frozenset({"ORG", "FAC"})


@dataclass
class Mention:
    start: int  # token offsets into the doc, after cleaning
    end: int
    text: str  # surface form as written, cleaned
    key: str  # lower case, punctuation removed: "U.S." and "US" match
    label: str  # spaCy's label, or a corrected one when the context is unambiguous
    in_caps_line: bool  # inside an all-capitals headline, where the tagger is least reliable
    vote: float = 1.0  # how much this mention's label counts towards the actor's type

    @property
    def tokens(self) -> int:
        return self.end - self.start


@lru_cache(maxsize=8192)
def name_key(text: str) -> str:
    """Lower case, punctuation removed, whitespace collapsed: the key names are matched on."""
    kept = "".join(" " if ch.isspace() else ch for ch in text if not unicodedata.category(ch).startswith("P"))
    return re.sub(r"\s+", " ", kept).strip().lower()


class CapsLines:
    """The lines written in capitals (wire headlines), where the tagger misfires most."""

    def __init__(self, doc: Doc) -> None:
        self.text = doc.text  # Doc.text joins every token on each call: read it once here
        self.starts: list[int] = []  # character offsets
        self.ends: list[int] = []
        offset = 0
        for line in self.text.split("\n"):
            words = _WORD.findall(line)
            if len(words) >= 2 and sum(w.isupper() for w in words) >= 0.8 * len(words):
                self.starts.append(offset)
                self.ends.append(offset + len(line))
            offset += len(line) + 1

    def covers(self, token: Token) -> bool:
        at = bisect_right(self.starts, token.idx) - 1
        return at >= 0 and token.idx < self.ends[at]


_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass
class _Text:
    """What the cleaning asks of the whole story, searched once and only when asked."""

    caps_lines: CapsLines
    lowercase_words: _LowercaseWords
    possessive_names: PossessiveNames


def extract_mentions(doc: Doc, caps_lines: CapsLines | None = None) -> list[Mention]:
    caps_lines = caps_lines or CapsLines(doc)
    text = _Text(caps_lines, _LowercaseWords(caps_lines.text), PossessiveNames(doc, caps_lines.text))
    firms = firm_runs(doc, caps_lines.text)
    firms_done: set[tuple[int, int]] = set()
    mentions: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        firm = _firm_around(ent, firms)
        if firm in firms_done:  # one firm the tagger cut into several spans: counted once
            continue
        if firm is not None:
            firms_done.add(firm)
            parts = [doc[min(firm[0], ent.start) : max(firm[1], ent.end)]]
        else:
            parts = _split_parts(ent, text.possessive_names)
        for span in parts:
            mention = _clean(doc, span, ent.label_, text)
            if mention is not None:
                if mention.label == ent.label_:
                    mention.vote = min(mention.vote, _trust_in_part(span, ent))
                mentions.append(mention)
    return _with_datelines(doc, caps_lines.text, mentions)


def _firm_around(ent: Span, firms: list[tuple[int, int]]) -> tuple[int, int] | None:
    for start, end in firms:
        if start < ent.end and ent.start < end:
            return start, end
    return None


def _with_datelines(doc: Doc, text: str, mentions: list[Mention]) -> list[Mention]:
    """The wire dateline ("LONDON 1996-08-30", "GAZA CITY, Oct 9 (AP) -") names a place.

    It is written in capitals by convention, not as a headline, and reads better as "London".
    """
    by_start = {m.start: m for m in mentions}
    for line_start in _line_starts(doc, text)[:DATELINE_LINES]:
        for start, end in _dateline_places(doc, line_start):
            place = by_start.get(start)
            if place is None:
                place = Mention(start, end, doc[start:end].text, "", "GPE", False)
                mentions.append(place)
            place.text = _dateline_form(place.text)
            place.key = name_key(place.text)
            place.label, place.vote, place.in_caps_line = "GPE", CONTEXT_VOTE, False
    mentions.sort(key=lambda m: m.start)
    return mentions


def _dateline_form(text: str) -> str:
    # "NEW YORK" -> "New York", "LONDON" -> "London"; short ones may be abbreviations ("UAE").
    if text.isupper() and (" " in text or len(text) >= 5):
        return text.title()
    return text


def _line_starts(doc: Doc, text: str) -> list[int]:
    """Token index of the first word of each of the first lines."""
    starts: list[int] = []
    offset = 0
    for line in text.split("\n", DATELINE_LINES * 2)[: DATELINE_LINES * 2]:
        stripped = len(line) - len(line.lstrip())
        if line.strip():
            span = doc.char_span(offset + stripped, offset + len(line.rstrip()), alignment_mode="expand")
            if span is not None and len(span):
                starts.append(span.start)
        offset += len(line) + 1
    return starts


def _dateline_places(doc: Doc, start: int) -> list[tuple[int, int]]:
    tokens = doc[start : min(len(doc), start + 12)]
    run = 0
    while run < len(tokens) and run < 4 and tokens[run].is_upper and tokens[run].is_alpha and len(tokens[run]) > 1:
        run += 1
    if run == 0 or run >= len(tokens):
        return []
    places = [(start, start + run)]
    at = run
    if tokens[at].text == ",":  # "MAHALA, Bosnia 1996-08-31": the region or country follows
        region_start = at + 1
        at = region_start
        while at < len(tokens) and tokens[at].is_title and tokens[at].is_alpha and at - region_start < 3:
            at += 1
        if at > region_start:
            places.append((start + region_start, start + at))
    if at >= len(tokens):
        return []
    follower = tokens[at]
    if follower.ent_type_ == "DATE" or follower.like_num or follower.text == "(":
        return places
    return []


def _split_parts(ent: Span, possessive_names: PossessiveNames) -> list[Span]:
    """One entity span can hold several names: "Leeds 2 Chelsea 1", "Slovakia - Lubomir Moravcik",
    "Mercantile, Commerce", or a defining parenthesis "World Health Organization (WHO"."""
    doc = ent.doc
    parts: list[Span] = []
    first = ent.start
    # One entity ending in a company suffix is one firm: "Howard, Weil, Labouisse, Friedrichs Inc".
    firm = len(ent) > 2 and is_suffix(ent[-1]) and ent[-1].text[:1].isupper()
    for token in ent:
        if _separates_names(token) and not (firm and token.text == ","):
            if token.i > first:
                parts.append(doc[first : token.i])
            first = token.i + 1
    if ent.end > first:
        parts.append(doc[first : ent.end])
    return [piece for part in parts for piece in _split_possessor(part, ent.label_, possessive_names)]


def _split_possessor(span: Span, label: str, possessive_names: PossessiveNames) -> list[Span]:
    """ "Farrakhan's Nation of Islam" is two names; "McDonald's Corp" and "Norfolk's XI" are one,
    and so is "Sotheby's International Realty" when the story never writes "Sotheby" alone."""
    for token in span[:-2]:
        if token.text in POSSESSIVE_ENDINGS and token.i > span.start:
            if label in OWNER_LABELS and owns_possessive(span.doc, span.start, token, possessive_names):
                return [span]
            return [span.doc[span.start : token.i], span.doc[token.i + 1 : span.end]]
    return [span]


def _trust_in_part(part: Span, ent: Span) -> float:
    """How far the tagger's label for a whole span holds for a name split out of it.

    The possessor in "Farrakhan's Nation of Islam" borrows a label meant for the organisation;
    the names in "Slovakia - Lubomir Moravcik" share one label that fits at most one of them.
    """
    if part.end < ent.end and ent.doc[part.end].text in POSSESSIVE_ENDINGS:
        return 0.25
    if part.start > ent.start or part.end < ent.end:
        return 0.5
    return 1.0


def _separates_names(token: Token) -> bool:
    if _is_number(token) or token.is_space or "\n" in token.whitespace_:
        return True
    if token.text == ",":  # but not the comma of "Taikang Life Insurance Company, Ltd."
        return not (token.i + 1 < len(token.doc) and is_suffix(token.doc[token.i + 1]))
    if token.text in ("(", ")", "[", "]", ";", ":", "|"):
        return True
    # A free-standing dash or slash ("Slovakia - Lubomir", "Leeds / Chelsea"), not the joining
    # one in "el-Sheikh" or "Macmillan/McGraw-Hill".
    free_standing = token.i > 0 and bool(token.doc[token.i - 1].whitespace_) and bool(token.whitespace_)
    return (token.text in DASHES or token.text == "/") and free_standing


def _clean(doc: Doc, span: Span, label: str, text: _Text) -> Mention | None:
    # Names are their capitalised words: "the", "pro-socialist" before and "news agency",
    # "province" after are descriptions ("Interfax news agency" is Interfax).
    tokens = list(span)
    while tokens and _drop_leading(tokens):
        tokens.pop(0)
    while tokens and _drop_trailing(tokens[-1]) and not _owns_last(doc, tokens, label, text.possessive_names):
        tokens.pop()
    if not tokens:
        return None
    end = tokens[-1].i + 1
    if end < len(doc) and _owns_last(doc, [*tokens, doc[end]], label, text.possessive_names):
        end += 1  # "Moody" tagged, "'s" left out: the name is "Moody's"
    cleaned = doc[tokens[0].i : end]
    surface = cleaned.text
    if _is_misfire(cleaned, surface) or _is_common_word(cleaned, text.lowercase_words):
        return None
    label, vote = label_from_context(cleaned, label)
    return Mention(
        start=cleaned.start,
        end=cleaned.end,
        text=surface,
        key=name_key(surface),
        label=label,
        in_caps_line=text.caps_lines.covers(tokens[0]),
        vote=vote,
    )


def _owns_last(doc: Doc, tokens: list[Token], label: str, possessive_names: PossessiveNames) -> bool:
    """Is the last token an "'s" that belongs to the organisation's name ("McDonald's")?"""
    return len(tokens) > 1 and label in OWNER_LABELS and owns_possessive(doc, tokens[0].i, tokens[-1], possessive_names)


def _drop_leading(tokens: list[Token]) -> bool:
    first = tokens[0]
    if _is_edge_junk(first) or first.lower_ in LEADING_WORDS or _is_lower_word(first, leading=True):
        return True
    # With more words after it: a date word ("September Bund"), the verb of an inverted
    # attribution ('Said Ellis: "..."') or a nationality in front of a person's name
    # ("Australian Rodney Eyles"; but "First Union", "British Airways" are names).
    if len(tokens) > 1 and (first.lower_.rstrip(".") in DATE_WORDS or first.lower_ in INVERTED_SPEECH_VERBS):
        return True
    return len(tokens) > 2 and first.tag_ == "JJ" and first.lower_.endswith(DEMONYM_ENDINGS)


def _drop_trailing(last: Token) -> bool:
    return _is_edge_junk(last) or last.text in POSSESSIVE_ENDINGS or _is_lower_word(last, leading=False)


def _is_edge_junk(token: Token) -> bool:
    # Punctuation, numbers and symbols at either end: "Kent 1083", "(Reuters", "-".
    return token.is_punct or _is_number(token) or token.is_space or not any(ch.isalnum() for ch in token.text)


def _is_number(token: Token) -> bool:
    # Figures, not number words: "First Union" and "Group of Seven" keep their words.
    return token.like_num and any(ch.isdigit() for ch in token.text)


def _is_lower_word(token: Token, leading: bool) -> bool:
    # Only a separate word: "yeh" in "Chun-yeh" and "al" in "al-Aqsa" are part of the name.
    if not token.is_lower:
        return False
    doc = token.doc
    if leading:  # "de Silva", "van Gogh", "bin Laden" keep their particle
        return bool(token.whitespace_) and token.lower_ not in NAME_PARTICLES
    return token.i == 0 or bool(doc[token.i - 1].whitespace_)


class _LowercaseWords:
    """Is a word written in lower case somewhere in the text? Searched only when asked."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        if word not in self.seen:
            pattern = r"(?<![^\W\d_])" + re.escape(word) + r"(?![^\W\d_])"
            self.seen[word] = bool(word.islower() and re.search(pattern, self.text))
        return self.seen[word]


def _is_common_word(span: Span, lowercase_words: _LowercaseWords) -> bool:
    """A capitalised ordinary word: "Death is ...", "Shells had ...", written in lower case elsewhere."""
    if len(span) != 1:
        return False
    token = span[0]
    if token.lower_ in NOT_NAMES or is_suffix(token):  # "Inc" cut off "Fulton Prebon (U.S.A.) Inc"
        return True
    if token.is_upper:  # "AIDS", "NATO": capitals are deliberate
        return False
    # Sentence-initial capitals alone prove nothing ("Trump's aides" can be tagged NOUN):
    # the same word written in lower case elsewhere in the story does.
    written_lower = token.lower_ in lowercase_words or token.lemma_.lower() in lowercase_words
    return written_lower and (token.pos_ == "NOUN" or token.is_sent_start)


def _is_misfire(span: Span, text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:  # numbers, single letters, symbols
        return True
    if not any(ch.isupper() for ch in letters):  # names are capitalised somewhere
        return True
    # "he", "They"; but "US" in capitals is the country, not the pronoun.
    if len(span) == 1 and not text.isupper() and (span[0].lower_ in PRONOUNS or span[0].pos_ == "PRON"):
        return True
    # Events are not actors: "the Hong Kong Open", "the Singer World Series", "Labor Day".
    if len(span) > 1 and span[-1].lower_ in EVENT_ENDINGS:
        return True
    return False
