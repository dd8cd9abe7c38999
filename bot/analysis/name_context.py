"""What the words around a name say it is: a person, an organisation or a place.

spaCy's small model guesses an entity's label from the name and a few words of context; a
reader uses more: "the town of Tavildara" is a place whatever the tagger said, "Cofinec CEO
Stephen Frater" makes Cofinec a company, "Mr Davies" is a person. Each rule returns a label
with a vote heavier than a guess (CONTEXT_VOTE), so an actor's type follows the evidence
while one stray rule cannot outvote a name the tagger reads the same way every time.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

CONTEXT_VOTE = 2.0  # a label the words around the name prove outweighs two guesses

HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss mx mx. dr dr. sir dame".split())
LOCATIVE_PREPOSITIONS = frozenset("in near outside inside across throughout around".split())
# Labels "in X" corrects to a place: people are not places to be in. Organisations are ("in
# Congress", "in the House", "in the New England Journal of Medicine").
LOCATIVE_FIXES = frozenset({"PERSON", "NORP"})
# Last words that make a name an organisation whatever the tagger said.
ORG_ENDINGS = frozenset(
    "inc corp co ltd plc llc ag sa nv gmbh bhd party ministry agency association corporation "
    "foundation university institute".split()
)
# Words that make a multi-word name an institution wherever they stand in it ("bank" and
# "federation" do not: "West Bank", "Russian Federation").
ORG_WORDS = frozenset(
    "association ministry council committee commission university institute agency company corporation "
    "foundation".split()
)
# Nouns that make the name before them a place: "the Donbass region", "Kent county".
PLACE_HEAD_NOUNS = frozenset(
    "region province state city town village settlement hamlet port suburb enclave district county "
    "municipality area capital territory republic border coast island peninsula valley river lake "
    "mountains".split()
)
DIRECTIONS = frozenset("north south east west northeast northwest southeast southwest outskirts".split())
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# What a text calls an organisation or a person ("Cofinec, the first foreign company";
# "Jones, a spokesman"), and the nouns only a business or a person has ("Cofinec CEO",
# "Magna's shares"; "Kelly's wife").
ORG_NOUNS = frozenset(
    "company firm group bank carrier airline maker manufacturer producer retailer insurer broker brokerage "
    "conglomerate operator utility newspaper daily weekly agency party club team organisation organization "
    "association union militia movement".split()
)
BUSINESS_NOUNS = frozenset(
    "ceo shares stock stake shareholders subsidiary subsidiaries unit profit profits earnings revenue "
    "revenues sales chairman board".split()
)
PERSON_NOUNS = frozenset(
    "spokesman spokeswoman minister president director analyst official leader lawyer player coach "
    "manager economist chairman chairwoman secretary senator governor mayor ambassador actor actress "
    "writer author singer striker goalkeeper captain champion".split()
)
KIN_NOUNS = frozenset("wife husband son daughter mother father brother sister widow family".split())
NATURAL_PLACE_NOUNS = frozenset("coast island peninsula valley river lake mountains".split())
# Wire services: the sources a newsroom quotes most, whatever the tagger makes of them.
NEWS_AGENCIES = frozenset(
    {"reuters", "ap", "afp", "bloomberg", "interfax", "itar-tass", "tass", "xinhua", "kyodo", "yonhap",
     "anadolu", "efe", "ansa", "dpa", "upi", "pti", "bernama", "antara", "wafa", "irna",
     "associated press", "agence france-presse", "agence france presse"}
)


def kind(label: str) -> str:
    """Places are one kind whatever their label (GPE, LOC, FAC) when votes are pooled."""
    return "PLACE" if label in PLACE_LABELS else label


def label_from_context(span: Span, label: str) -> tuple[str, float]:
    """Correct the label where the words around the name say what it is.

    Returns the label and its vote: a label the context proves counts more than a guess.
    """
    if span[-1].lower_.rstrip(".") in ORG_ENDINGS:  # "Magna International Inc", "Labour Party"
        return "ORG", CONTEXT_VOTE
    if "&" in span.text and len(span.text) > 2:  # "Procter & Gamble", "AT&T": partners make a firm
        return "ORG", CONTEXT_VOTE
    if span.text.lower() in NEWS_AGENCIES:  # "Reuters", "Interfax": the wires a story cites
        return "ORG", CONTEXT_VOTE
    if len(span) > 1 and any(t.is_title and t.lower_ in ORG_WORDS for t in span):  # "Ministry of Health"
        return "ORG", CONTEXT_VOTE
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in HONORIFICS:  # "Mr Davies"
        return "PERSON", CONTEXT_VOTE
    if label in ("ORG", "NORP") and len(span) > 1 and _is_initial(span[0]) and span[-1].is_title:
        return "PERSON", CONTEXT_VOTE  # "H. Morris" (but "N. Korea" stays a place)
    described_as = _label_from_nouns(span)
    if described_as is not None and kind(described_as) != kind(label):
        return described_as, CONTEXT_VOTE
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE_PREPOSITIONS and label in LOCATIVE_FIXES:
        return "GPE", 1.0  # "clashes in Khasavyurt": people are not places to be in
    return label, 1.0


def _label_from_nouns(span: Span) -> str | None:
    """What the sentence calls the name, read from the nouns attached to it.

    "the Donbass region", "the town of Tavildara", "east of Tavildara", "Longyear is a town",
    "Cofinec, the first foreign company", "Cofinec CEO Stephen Frater", "shares of Magna",
    "Magna's shares", "Davies, a spokesman", "Kelly's wife".
    """
    root = span.root
    head = root.head
    described: list[str] = []
    if root.dep_ == "compound" and head.i >= span.end:
        if head.lower_ in PLACE_HEAD_NOUNS and head.pos_ == "NOUN":
            described.append(head.lower_)
        elif head.lower_ in BUSINESS_NOUNS:  # "Cofinec CEO" (the tagger often reads CEO as a name)
            return "ORG"
    if root.dep_ == "poss":
        if head.lower_ in BUSINESS_NOUNS:
            return "ORG"
        if head.lower_ in KIN_NOUNS:
            return "PERSON"
    if root.dep_ == "pobj" and head.lower_ == "of":
        if head.head.lower_ in PLACE_HEAD_NOUNS | DIRECTIONS:  # "the town of Tavildara"
            described.append(head.head.lower_)
        elif head.head.lower_ in BUSINESS_NOUNS:  # "shares of Cofinec"
            return "ORG"
    if root.dep_ in ("nsubj", "nsubjpass") and head.lemma_ == "be":
        described += [c.lower_ for c in head.children if c.dep_ == "attr"]
    described += [c.lower_ for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    for noun in described:
        if noun in PLACE_HEAD_NOUNS or noun in DIRECTIONS:
            return "LOC" if noun in NATURAL_PLACE_NOUNS else "GPE"
        if noun in ORG_NOUNS:
            return "ORG"
        if noun in PERSON_NOUNS:
            return "PERSON"
    return None


def _is_initial(token: Token) -> bool:
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."
