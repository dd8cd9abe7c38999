"""Attribution frames: where a sentence says who said, wrote or thinks what.

A frame is a cue (the reporting words as written) and the head token of its source, found by
walking the dependency parse of one sentence: reporting verbs and their subject or "by" agent,
"according to X", agentless passives ("it was reported"), relative clauses ("analysts, who
note") and participles ("with some hailing it"). Whether the source is named, anonymous or
vague is decided afterwards (source_kinds.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from bot.analysis.attribution_cues import (
    AGENTLESS_ADVERBS,
    ANONYMOUS_NOUNS,
    REFERRING_NOUNS,
    VAGUE_NOUNS,
    AGENTLESS_PASSIVE_LEMMAS,
    CONTENT_VERBS,
    FIRST_PERSON,
    PERSON_PRONOUNS,
    PHRASAL_CUES,
    SPEECH_VERBS,
    STANCE_VERBS,
    VAGUE_PRONOUNS,
)

_SUBJECTS = ("nsubj", "csubj")
_CONTENT_DEPS = ("ccomp", "parataxis")
# Clause links through which a verb with no subject of its own shares its head's subject:
# "went on to say", "said ... and added", "..., saying".
_SHARED_SUBJECT_DEPS = ("xcomp", "conj", "advcl")
_DOCUMENT_SUBJECTS = frozenset({"poll", "survey", "study", "data", "report", "research", "analysis", "figure", "record", "document", "review", "audit", "investigation", "finding", "estimate", "model", "test"})


@dataclass
class Frame:
    cue: str  # the cue words as written
    anchor: Token  # the token the cue hangs on (a verb, "according", an adverb)
    source: Token | None  # head of the source phrase; None when nobody is named ("it was reported")
    depth: int  # distance of the anchor from the sentence root: the main clause's frame wins


def find_frames(sentence: Span) -> list[Frame]:
    frames: list[Frame] = []
    for token in sentence:
        frame = _according_to(token) or _agentless_adverb(token) or _reporting_verb(token, sentence)
        if frame is not None:
            frames.append(frame)
    return frames


def _depth(token: Token) -> int:
    depth = 0
    while token.head is not token and depth < 50:
        token = token.head
        depth += 1
    return depth


def _according_to(token: Token) -> Frame | None:
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return None
    to = token.nbor()
    objects = [child for child in to.children if child.dep_ == "pobj"] or [
        child for child in token.children if child.dep_ == "pobj"
    ]
    return Frame("according to", token, objects[0] if objects else None, _depth(token))


def _agentless_adverb(token: Token) -> Frame | None:
    if token.lower_ in AGENTLESS_ADVERBS:
        return Frame(token.text, token, None, _depth(token))
    return None


def _reporting_verb(token: Token, sentence: Span) -> Frame | None:
    if token.pos_ not in ("VERB", "AUX") or token.tag_ == "MD":
        return None
    lemma = token.lemma_.lower()
    if lemma not in SPEECH_VERBS and lemma not in CONTENT_VERBS and lemma not in STANCE_VERBS:
        return None
    children = list(token.children)
    particles = [c for c in children if c.dep_ in ("prt", "prep") and c.lower_ in PHRASAL_CUES.get(lemma, ())]
    has_content = (
        any(c.dep_ in _CONTENT_DEPS for c in children)
        or token.dep_ == "parataxis"
        or any(c.dep_ == "punct" and c.text in (":", "\u201c", '"') and c.i > token.i for c in children)
        or (token.head.dep_ == "ccomp" and token.head.head is token)
    )
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
    agent = _agent(token)
    if passive and agent is None and lemma not in ("quote", "ask", "tell"):
        if lemma in AGENTLESS_PASSIVE_LEMMAS or lemma in SPEECH_VERBS:
            return Frame(_passive_cue(token), token, None, _depth(token))
        return None
    subject = agent or _subject(token)
    if lemma in SPEECH_VERBS:
        pass
    elif lemma in CONTENT_VERBS:
        if not (has_content or particles or _document_finds(lemma, subject)):
            return None
    else:  # a stance verb: needs a clause or infinitive and a subject who can hold a view
        takes_clause = has_content or any(c.dep_ == "xcomp" for c in children)
        if not takes_clause or subject is None or not _can_hold_view(subject):
            return None
    cue = " ".join([token.text] + [p.text for p in particles])
    if lemma in ("quote", "cite"):
        # "quoting unnamed officials": the source is what is quoted, not who quotes.
        quoted = [c for c in children if c.dep_ == "dobj"]
        if quoted:
            subject = quoted[0]
    return Frame(cue, token, subject, _depth(token))


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _subject(verb: Token) -> Token | None:
    """The speaker of a reporting verb, climbing through clauses that share their head's subject."""
    token = verb
    for _ in range(4):
        for child in token.children:
            if child.dep_ in _SUBJECTS:
                return child
            if child.dep_ in ("nsubjpass", "amod") and child.lower_ in VAGUE_PRONOUNS and child.i < token.i:
                return child  # "many argue" parsed as a modifier
        if token.dep_ == "relcl":
            return token.head  # the relative pronoun stands for the noun it hangs on
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head  # "others criticizing it"
        if token.dep_ in _SHARED_SUBJECT_DEPS and token.head is not token:
            token = token.head
            continue
        return None
    return None


def _passive_cue(verb: Token) -> str:
    """ "it was previously reported", "is believed": from the expletive or auxiliary to the verb."""
    start = verb.i
    for child in verb.children:
        if child.i < verb.i and (child.dep_ in ("auxpass", "aux", "advmod") or (child.dep_ == "nsubjpass" and child.lower_ == "it")):
            start = min(start, child.i)
    return verb.doc[start : verb.i + 1].text


def _document_finds(lemma: str, subject: Token | None) -> bool:
    """ "The poll shows ...", "the study found ...": a document is the source."""
    return lemma in ("show", "find", "indicate", "suggest") and subject is not None and subject.lemma_.lower() in _DOCUMENT_SUBJECTS


def _can_hold_view(subject: Token) -> bool:
    if subject.pos_ == "PRON":
        return subject.lower_ in PERSON_PRONOUNS or subject.lower_ in FIRST_PERSON or subject.lower_ in VAGUE_PRONOUNS or subject.lower_ in ("who", "you")
    if subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = subject.lemma_.lower()
    return lemma in VAGUE_NOUNS or lemma in ANONYMOUS_NOUNS or lemma in REFERRING_NOUNS
