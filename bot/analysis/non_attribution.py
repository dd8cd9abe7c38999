"""Phrases shaped like attribution that attribute nothing.

"Is known as" names a thing, "it is important to note" is the writer's own voice, "let's say"
means "for example", and "the story was not written in advance" reports no one's words.
Kept apart from the frame rules (attribution_frames.py) so the exceptions read as a list.
"""

from __future__ import annotations

from spacy.tokens import Token


def passive_event(verb: Token, lemma: str, children: list[Token]) -> bool:
    """A passive that names or does something rather than reports it: "is known as the Venice of
    the North", "the story was not written in advance", "nominees ready to be confirmed",
    "Clinton is assured of winning"."""
    if lemma == "know":
        return not any(c.dep_ == "xcomp" for c in children)
    if lemma in ("write", "assure"):
        return True
    infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in children)
    return infinitive and not any(c.dep_ in ("xcomp", "oprd") for c in children)


def aside_say(verb: Token) -> bool:
    """ "let's say", "each of them - say, Rubio or Cruz -": "say" as "for example"."""
    if verb.lower_ != "say":
        return False
    if verb.head.lemma_.lower() == "let" and verb.head.i < verb.i:
        return True
    doc = verb.doc
    after_comma = verb.i + 1 < len(doc) and doc[verb.i + 1].text == ","
    before_break = verb.i > 0 and doc[verb.i - 1].text in (",", "\u2013", "\u2014", "-", "--", "(")
    return after_comma and before_break


def writers_aside(verb: Token, subject: Token | None) -> bool:
    """ "It is important to note that", "it is worth noting": the writer's own voice, no source."""
    if verb.tag_ not in ("VB", "VBG") or verb.dep_ not in ("xcomp", "acomp", "advcl", "ccomp", "pcomp"):
        return False
    if verb.head.lower_ == "worth":
        return True
    expletive = subject is not None and subject.lower_ == "it"
    return expletive and (verb.head.pos_ in ("ADJ", "ADV", "AUX") or verb.head.dep_ == "acomp")
