"""An actor's role, read from the parse the way a reader would: titles and appositives.

"US President Donald Trump" -> "US President" (a title in front of the name, in the same
noun phrase); "Jane Doe, the city's finance director, said" -> "the city's finance director"
(an appositive after the name); "The city's finance director, Jane Doe, said" (the name as the
appositive). Ages ("Jane Doe, 45,") and plain honorifics ("Mr") are not roles.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx mx. sir dame madam".split())
MAX_ROLE_TOKENS = 10
# Dependents that end a descriptive phrase: what follows is a clause about the actor.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "conj", "cc", "punct", "appos"})
NOUNISH = frozenset({"NOUN", "PROPN"})


def find_role(doc: Doc, start: int, end: int, label: str) -> str | None:
    """The role given to the name at doc[start:end], or None."""
    role = None
    if label == "PERSON":
        role = _title_before(doc, start, end)
    return role or _appositive_after(doc, start, end) or _name_as_appositive(doc, start, end)


def _title_before(doc: Doc, start: int, end: int) -> str | None:
    # Walk left while each token hangs (directly or through the tokens already taken) on the
    # name: "former US President" all attach to "Trump" through "President".
    sent_start = doc[start].sent.start
    first = start
    while first - 1 >= sent_start:
        token = doc[first - 1]
        if token.dep_ in ("det", "punct", "cc", "conj", "appos") or not (first - 1 < token.head.i < end):
            break
        if token.like_num or token.is_currency:  # "$1 billion donation Libyan leader": a misparse
            break
        if token.ent_type_ == "PERSON":  # another person's name, not a title
            break
        first -= 1
    words = doc[first:start]
    while len(words) and words[0].lower_ in HONORIFICS:
        words = words[1:]
    if not len(words) or len(words) > MAX_ROLE_TOKENS:
        return None
    if not any(t.pos_ in NOUNISH and not t.ent_type_ and t.lower_ not in HONORIFICS for t in words):
        return None  # "Hamas Ismail Haniyeh" would need a noun like "leader" to be a role
    return words.text


def _appositive_after(doc: Doc, start: int, end: int) -> str | None:
    root = doc[start:end].root
    for child in root.rights:
        if child.dep_ == "appos" and child.i >= end and _is_descriptive(child):
            return _phrase(child)
    return None


def _name_as_appositive(doc: Doc, start: int, end: int) -> str | None:
    root = doc[start:end].root
    head = root.head
    if root.dep_ == "appos" and head.i < start and _is_descriptive(head):
        return _phrase(head, stop=start)
    return None


def _reads_as_a_role(text: str) -> bool:
    # A phone number in a signature line ("Belgrade newsroom +381 11 2224305") or a bracket
    # cut in half by the parse is not something to show an editor.
    if text.count("(") != text.count(")") or "+" in text:
        return False
    return not any(sum(ch.isdigit() for ch in word) >= 5 for word in text.split())


def _is_descriptive(token: Token) -> bool:
    # A singular common noun ("director", "group"): not another name, a number or an age, and
    # not a plural, which describes a group the name is one of ("two opposition leaders, X and Y").
    return token.pos_ == "NOUN" and token.tag_ != "NNS" and not token.ent_type_


def _phrase(head: Token, stop: int | None = None) -> str | None:
    """The noun phrase headed by `head`, without the clauses hanging off it."""
    first = head.left_edge.i
    last = head.i
    for child in head.rights:
        if child.dep_ in CLAUSE_DEPS or (stop is not None and child.i >= stop):
            break
        last = max(last, child.right_edge.i)
    if stop is not None:
        last = min(last, stop - 1)
    span = head.doc[first : last + 1]
    while len(span) and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) and span[0].is_punct:
        span = span[1:]
    if not len(span) or len(span) > MAX_ROLE_TOKENS or not _reads_as_a_role(span.text):
        return None
    text = span.text
    if span[0].pos_ == "DET" and span[0].is_title:  # "The city's finance director, Jane Doe, said"
        text = span[0].lower_ + text[len(span[0].text) :]
    return text
