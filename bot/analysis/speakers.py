"""Who the speaker of a verb is, read from the parse: its subject or "by" agent, climbing through
clauses that share a subject ("went on to say"), the noun a relative clause hangs on ("analysts,
who note"), and the speaker the parser misplaced ("Hawaii, as one of his advisers pointed out";
"farmers in Iowa, who have argued"; "the department which reported" left unattached). Whether
that speaker can hold a view at all ("critics" can, "the roof" cannot) is decided here too.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis.attribution_cues import (
    ANONYMOUS_GROUPS,
    ANONYMOUS_NOUNS,
    FIRST_PERSON,
    GROUP_NOUNS,
    PEOPLE_NOUNS,
    PERSON_PRONOUNS,
    REFERRING_NOUNS,
    VAGUE_NOUNS,
    VAGUE_PRONOUNS,
)

_SUBJECTS = ("nsubj", "csubj")
# Clause links through which a verb with no subject of its own shares its head's subject:
# "went on to say", "said ... and added", "..., saying".
_SHARED_SUBJECT_DEPS = ("xcomp", "conj", "advcl")
# A "who" hung on one of these after a group stands for the group ("farmers in Iowa, who").
_PLACES_AND_BODIES = frozenset({"GPE", "LOC", "FAC", "ORG"})


def is_self(source: Token | None) -> bool:
    """A first- or second-person source: the voice of the quote or the article itself."""
    return source is not None and source.pos_ == "PRON" and (source.lower_ in FIRST_PERSON or source.lower_ == "you")

def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
            after = child.nbor() if child.i + 1 < len(child.doc) else None
            if after is not None and (after.lower_ in VAGUE_PRONOUNS or after.pos_ in ("NOUN", "PROPN", "PRON")):
                return after  # "criticised by many as too costly": the parser lost the object
    return None

def subject_of(verb: Token) -> Token | None:
    """The speaker of a reporting verb, climbing through clauses that share their head's subject."""
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        if subjects and any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children):
            subjects = sorted(subjects + _as_speakers(token), key=lambda c: c.i)
        if subjects:
            # "Hawaii, as one of his advisers pointed out, ...": the parser gave the verb two
            # subjects; one cut off from the verb by a comma is not the speaker. (Subjects side by
            # side are one phrase broken up: "His ex - wife agreed".)
            child = _nearest_uncut(token, subjects)
            if child.tag_ in ("WP", "WDT"):
                return _relative_antecedent(token, child)
            return child
        for child in token.children:
            if child.dep_ in ("nsubjpass", "amod") and child.lower_ in VAGUE_PRONOUNS and child.i < token.i:
                return child  # "many argue" parsed as a modifier
        if token.dep_ == "relcl":
            return _relative_antecedent(token, None)  # the relative pronoun stands for the noun it hangs on
        if token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head  # "others criticizing it"
        if token.dep_ in _SHARED_SUBJECT_DEPS and token.head.i != token.i:
            token = token.head
            continue
        if token.dep_ == "pcomp" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX"):
            token = token.head.head  # "defended the line by saying ...": the one who defended it
            continue
        return None
    return None

def _as_speakers(verb: Token) -> list[Token]:
    """ "Hawaii, as one of his advisers pointed out, ...": the one "as" names before the verb."""
    return [
        o
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i < verb.i
        for o in prep.children
        if o.dep_ == "pobj" and can_hold_view(o)
    ]

def _one_of_people(token: Token) -> bool:
    """ "one of his advisers", "one of them": one person of a group."""
    return token.lower_ == "one" and any(
        prep.lower_ == "of" and any(o.dep_ == "pobj" and can_hold_view(o) for o in prep.children)
        for prep in token.children
    )

def _nearest_uncut(verb: Token, subjects: list[Token]) -> Token:
    if len(subjects) == 1:
        return subjects[0]
    doc = verb.doc
    uncut = [s for s in subjects if not any(t.text == "," for t in doc[s.right_edge.i + 1 : verb.i])]
    return (uncut or subjects)[0]

def _relative_antecedent(verb: Token, pronoun: Token | None) -> Token | None:
    """Who "who" or "which" stands for: the noun the clause hangs on ("analysts, who note").

    A "who" hung on the place or body after a group ("Democrats on Capitol Hill, who have
    argued", "members of the panel, who") stands for the group; a clause the parser did not
    attach ("the Police Department which reported") stands for the noun just before the pronoun."""
    if verb.dep_ == "relcl":
        noun = verb.head
        people = pronoun is None or pronoun.lower_ == "who"
        if people and noun.ent_type_ in _PLACES_AND_BODIES and noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            prep = noun.head
            # the prepositional phrase may hang on the noun or, misparsed, on the verb after it
            group = prep.head if prep.head.pos_ in ("NOUN", "PROPN") else prep.doc[max(prep.i - 1, 0)]
            if group.tag_ in ("NNS", "NNPS") or (group.pos_ in ("NOUN", "PROPN") and can_hold_view(group)):
                return group
        return noun
    if pronoun is None:
        return None
    before = pronoun.doc[pronoun.i - 1] if pronoun.i > pronoun.sent.start else None
    if before is not None and before.is_punct and before.i > pronoun.sent.start:
        before = pronoun.doc[before.i - 1]
    if before is not None and before.pos_ in ("NOUN", "PROPN"):
        return before
    return pronoun

def lost_subject(verb: Token) -> Token | None:
    """An active reporting verb always has a speaker; when the parse lost it ("In a meeting with
    the board of the Post Trump said ..."), the name just before the verb is the one."""
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.ent_type_ in ("PERSON", "ORG"):
            return token  # the last word of the name: its head within the name
    return None

def is_named(token: Token) -> bool:
    return token.ent_type_ in ("PERSON", "ORG") or token.pos_ == "PROPN"

def can_hold_view(subject: Token) -> bool:
    if subject.pos_ == "PRON":
        word = subject.lower_
        return word in PERSON_PRONOUNS or word in FIRST_PERSON or word in VAGUE_PRONOUNS or word in ("who", "you")
    if subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subject.lower_ in VAGUE_PRONOUNS:
        return True  # "Others have opposed it": lemmatised "other", still a vague source
    if subject.lower_ == "one":
        # "no one expected", "one of his aides believes"; not "one day"
        return any(c.dep_ == "det" for c in subject.children) or _one_of_people(subject)
    lemma = subject.lemma_.lower()
    return (
        lemma in VAGUE_NOUNS
        or lemma in ANONYMOUS_NOUNS
        or lemma in REFERRING_NOUNS
        or lemma in PEOPLE_NOUNS
        or (lemma in GROUP_NOUNS and subject.tag_ == "NNS")
        or lemma in ANONYMOUS_GROUPS
    )
