"""What a source phrase looks like, word by word: the shapes that decide its kind.

A title with its name beside it ("the budget director, Maria Lopez"), one or a few of a group
("another official", "two lawmakers"), a share of a sample ("63 percent"), a definite
description ("the senator"), a group naming a member ("critics, like Senator Y"), a document
and its owner ("a study by the Tribune", "X issued a statement saying"), a person rather than a
thing. Each is a small test on spaCy tokens; source_kinds.py weighs them in order.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis.attribution_cues import (
    ANONYMOUS_NOUNS,
    BARE_INSTITUTIONS,
    COUNTED_FEW,
    GROUP_NOUNS,
    INSTITUTION_NOUNS,
    PEOPLE_NOUNS,
    PERSON_ENDINGS,
    PERSON_NOUNS,
    VAGUE_NOUNS,
)

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Documents: named when someone's or definite ("the department's traffic count", "the Pew
# survey"), vague when not ("a survey", "reports").
DOCUMENTS = frozenset(
    """report study poll survey statement document letter memo article book count data figure record tally
    census filing analysis estimate audit review email transcript video footage recording slide ad datum
    complaint lawsuit research finding paper statistic""".split()
)


def appositive_name(head: Token) -> Token | None:
    """The name set beside a title: "the budget director, Maria Lopez", "one of his lawyers, Ann Wu"."""
    # The parser often hangs the name on the last noun of the title ("a spokesman for the
    # governor, Tom Reyes,"): look one prepositional phrase down too.
    nouns = [head] + [o for prep in head.children if prep.dep_ == "prep" for o in prep.children if o.dep_ == "pobj"]
    for noun in nouns:
        for child in noun.children:
            if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN"):
                return child
    if head.dep_ == "appos" and head.head.pos_ == "PROPN":
        return head.head  # the parser hung the title on the name: "Maria Lopez, the director, said"
    return None


def is_share(head: Token) -> bool:
    """ "eight of 10 voters", "Twelve percent": a count out of a sample."""
    if head.like_num:
        return any(
            c.dep_ == "prep" and c.lower_ == "of" and any(g.like_num for g in c.children) for c in head.children
        )
    # "eight of 10 voters" with the count read as modifiers of the noun
    counts = [c for c in head.children if c.dep_ == "nummod"]
    return any(g.dep_ == "quantmod" and g.lower_ == "of" for c in counts for g in c.children)


def singled_out(head: Token) -> bool:
    """One or a counted few of a group, not the group: "one Republican", "two lawmakers"."""
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("PERSON", "ORG"):
        return False
    for child in head.children:
        if child.dep_ == "det" and child.lower_ == "another":
            return True
        if child.dep_ == "nummod" and child.lower_ in COUNTED_FEW:
            return True
        if child.dep_ == "amod" and child.lower_ in ("second", "third", "fourth"):
            return True
    return False


def refers_back(head: Token, determiners: tuple[str, ...] | frozenset[str] = DEFINITE | {"both"}) -> bool:
    """A definite description ("the senator", "this bank", "both lawmakers", "the two")."""
    return head.pos_ in ("NOUN", "NUM", "PROPN") and any(
        c.dep_ in ("det", "predet") and c.lower_ in determiners for c in head.children
    )


def uncounted(head: Token) -> bool:
    """A plural with no number of its own: "lawmakers", "many donors", not "two lawmakers"."""
    return not any(c.dep_ == "nummod" for c in head.children)


def represents_someone(head: Token) -> bool:
    """Whose agents they are, if the phrase says: "their attorneys", "lawyers for the family",
    "aides to the governor"."""
    for child in head.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in ("for", "to", "of"):
            if any(o.dep_ == "pobj" for o in child.children):
                return True
    return False


def named_member(head: Token) -> Token | None:
    """A group that names a member: "critics, like Senator Grassley", "groups including the ACLU",
    "Obama and other leaders", "two voters, Tyresha McClenney and Bryan Anderson"."""
    # The parser may hang "like X" on the verb: "Critics of the plan, like Senator Y, say".
    between = [c for c in head.head.children if head.i < c.i < head.head.i] if head.head.i > head.i else []
    for child in list(head.children) + between:
        such_as = child.lower_ == "as" and any(g.lower_ == "such" for g in child.children)
        if child.dep_ == "prep" and (child.lower_ in ("like", "including") or such_as):
            for member in child.children:
                if member.dep_ == "pobj" and (member.ent_type_ in ("PERSON", "ORG") or member.pos_ == "PROPN"):
                    return member
    return _named_alongside(head)


def _named_alongside(head: Token) -> Token | None:
    """A name in the same list as an unnamed source: the reader can tell who is speaking, in part."""
    own = [head] + [c for c in head.children if c.dep_ in ("compound", "poss")]
    if any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in own):
        return None  # "Will Smith and Robert De Niro", "the Clinton campaign and the DNC": already named
    # A list after the source's own "for"/"of" phrase continues that phrase, whatever the parse
    # says: "a spokesman for the Department for Culture, Media and Sport".
    after_phrase = min((c.i for c in head.children if c.dep_ == "prep" and c.i > head.i), default=len(head.doc))
    alongside = [c for c in head.children if c.dep_ == "conj" and c.i < after_phrase]
    if head.dep_ == "conj":
        alongside.append(head.head)
    if head.lower_ == "others" and head.i >= 2 and head.nbor(-1).text in (",", "and"):
        alongside.append(head.nbor(-2))  # "Obama, others vow consequences", the list misparsed
    return next((t for t in alongside if _is_a_name(t)), None)


def _is_a_name(token: Token) -> bool:
    """One named person or body: not a people ("Democrats", NORP), a plural or a date."""
    return token.tag_ == "NNP" and token.ent_type_ in ("PERSON", "ORG", "GPE", "")


_OWNING_VERBS = frozenset("issue release publish send write post file sign produce conduct commission".split())


def document_owner(head: Token) -> Token | None:
    """Who a document belongs to, if the sentence says: its possessor, a name inside it ("the
    Pew survey", "data from the Census Bureau", "a study released by the agency"), or the
    subject that issued it ("X issued a statement saying")."""
    for token in head.subtree:
        if token.i != head.i and could_own(token):
            return head
        if token.head.i == head.i and token.dep_ == "poss":
            return head
    verb = head.head
    if head.dep_ == "dobj" and verb.lemma_.lower() in _OWNING_VERBS:
        for child in verb.children:
            if child.dep_ == "nsubj":
                return child
    return None


def common_lemma(head: Token) -> str | None:
    """The common noun a capitalised word stands for, when it is a source word ("Records", "Polls")."""
    word = head.lower_
    for lemma in (word, word[:-1] if word.endswith("s") else word):
        if lemma in DOCUMENTS or lemma in VAGUE_NOUNS or lemma in ANONYMOUS_NOUNS:
            return lemma
    return None


def could_own(token: Token) -> bool:
    """A person or organisation named inside a document's phrase ("the Pew survey"); a place
    ("polls in Florida") or a date owns nothing."""
    return token.ent_type_ in ("PERSON", "ORG") or (token.pos_ == "PROPN" and not token.ent_type_)


def indefinite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


def is_person_noun(head: Token, lemma: str) -> bool:
    """Could this common noun be a person or a group of people? ("a woman", "residents", "the
    announcer"), judged from the word lists and the endings English gives to people."""
    if head.pos_ != "NOUN":
        return False
    if lemma in PERSON_NOUNS or lemma in PEOPLE_NOUNS or lemma in ANONYMOUS_NOUNS or lemma in VAGUE_NOUNS:
        return True
    if lemma in GROUP_NOUNS or lemma in INSTITUTION_NOUNS or lemma in BARE_INSTITUTIONS:
        return True
    return lemma.endswith(PERSON_ENDINGS)
