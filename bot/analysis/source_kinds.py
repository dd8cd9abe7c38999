"""Who a frame's source is: named, anonymous or vague, and the name it refers back to.

"Trump", "ABC News", "the ministry", "the city's budget director, Maria Lopez" and "a Tribune
poll" are named; "a senior official", "sources", "police", "one of them", "two lawmakers" and
"people familiar with the matter" are anonymous; "critics", "many", "lawmakers", "polls show"
and nobody at all ("it was reported") are vague. Pronouns and definite descriptions ("he", "his",
"the publication", "the senator", "the bank") refer back to the last named source or entity the
reader has seen, when there is one. Only people and bodies go unnamed: a thing as a source ("the
film explains") is never flagged. The conventions are the README's "Sentence sourcing" ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from bot.analysis.attribution_cues import (
    UNNAMED_BY_OFFICE,
    ANONYMOUS_GROUPS,
    ANONYMOUS_MARKERS,
    ANONYMOUS_NOUNS,
    BARE_INSTITUTIONS,
    FIRST_PERSON,
    GENERIC_ORG_NOUNS,
    INSTITUTION_NOUNS,
    KIN_ROLES,
    NAMED_LABELS,
    PEOPLE_NOUNS,
    PERSON_PRONOUNS,
    POLL_NOUNS,
    POSSESSIVES,
    PUBLICATION_NOUNS,
    QUANTITY_NOUNS,
    REFERRING_NOUNS,
    REPRESENTATIVES,
    WORKS,
    VAGUE_NOUNS,
    SHARE_NOUNS,
    VAGUE_PRONOUNS,
)
from bot.analysis.report import Actor
from bot.analysis.source_shapes import (
    DEFINITE,
    DOCUMENTS,
    appositive_name,
    common_lemma,
    document_owner,
    indefinite,
    is_person_noun,
    is_share,
    named_member,
    refers_back,
    represents_someone,
    singled_out,
    uncounted,
)

NAMED, ANONYMOUS_KIND, VAGUE_KIND = "named", "anonymous", "vague"

# Children left out of the source phrase shown to the reader: "analysts, who note" -> "analysts".
_PHRASE_CUT = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis", "ccomp"})
_CLAUSES = frozenset({"relcl", "acl", "appos", "parataxis", "ccomp", "advcl"})


@dataclass
class Source:
    kind: str  # named | anonymous | vague
    text: str | None  # as written, or the name it resolves to
    label: str | None = None  # PERSON, ORG... when known, for later back-references


class SourceResolver:
    """Classifies sources in reading order, remembering named ones for back-references."""

    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc = doc
        self.canonical: dict[str, tuple[str, str]] = {}
        surnames: dict[str, set[tuple[str, str]]] = {}
        for actor in actors:
            for name in [actor.name, *actor.aliases]:
                self.canonical[name.lower()] = (actor.name, actor.type)
            if actor.type == "PERSON" and " " in actor.name:
                surnames.setdefault(actor.name.split()[-1].lower(), set()).add((actor.name, actor.type))
        # "Sanders" alone is Bernie Sanders when the story names one Sanders (and no Sanders else).
        self.surnames = {word: next(iter(found)) for word, found in surnames.items() if len(found) == 1}
        self.history: list[tuple[int, Source]] = []  # (token index, source) of frames seen so far
        self.ents = list(doc.ents)  # Doc.ents builds new spans on every access: read it once

    def remember(self, position: int, source: Source) -> None:
        self.history.append((position, source))

    def classify(self, head: Token | None) -> Source:
        if head is None:
            return Source(VAGUE_KIND, None)
        phrase = source_phrase(head)
        words = {t.lower_ for t in phrase}
        name = appositive_name(head)
        if name is not None:
            # "The city's budget director, Maria Lopez, said": the title comes with its name.
            return self._named(source_phrase(name), name)
        if words & {"unnamed", "anonymous", "unidentified"}:
            return Source(ANONYMOUS_KIND, _text(phrase))
        if head.lower_ == "one" and any(c.dep_ == "det" and c.lower_ in ("no", "every", "any") for c in head.children):
            return Source(VAGUE_KIND, _text(phrase))  # "no one expected": nobody in particular
        if head.pos_ == "PRON" or head.tag_ in ("PRP", "PRP$", "WP", "DT"):
            return self._pronoun(head, phrase)
        if head.lower_ == "one" and head.pos_ == "NUM":
            return self._one_of(head, phrase)
        lemma = head.lemma_.lower()
        if self._is_known_person(head):
            # "Sanders: Clinton needs to ...": the tagger read the surname as a plural noun, but
            # the story has named Bernie Sanders.
            return self._named([head], head)
        if head.pos_ == "PROPN" and not head.ent_type_ and common_lemma(head) is not None:
            # "Records show ..." capitalised at the start of a sentence is still a common noun.
            lemma = common_lemma(head)
            return self._common(head, phrase, lemma)
        if lemma in SHARE_NOUNS or is_share(head):
            return self._share(head, phrase)
        member = named_member(head)
        if member is not None:
            # "critics, like Senator Grassley", "groups including the ACLU": the reader can tell who.
            return self._named(source_phrase(member), member)
        if lemma not in DOCUMENTS and singled_out(head):
            # "One Republican said", "another official", "a second lawyer", "two lawmakers":
            # particular people the story does not name.
            return Source(ANONYMOUS_KIND, _text(phrase))
        if lemma == "group" and head.tag_ == "NN" and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return Source(ANONYMOUS_KIND, _text(phrase))  # "a group of parents": a particular unnamed group
        if head.ent_type_ == "NORP" and head.tag_ in ("NN", "NNP") and refers_back(head, ("the",)):
            return self._description(head, phrase, lemma)  # "the Republican" is one person, named before
        plural = head.tag_ in ("NNS", "NNPS")
        if head.ent_type_ == "NORP" or (head.ent_type_ in NAMED_LABELS and plural and lemma in VAGUE_NOUNS):
            return Source(VAGUE_KIND, _text(phrase))  # "Republicans say", "Americans believe"
        if head.ent_type_ in NAMED_LABELS or head.pos_ == "PROPN":
            return self._named(phrase, head)
        return self._common(head, phrase, lemma)

    def _is_known_person(self, head: Token) -> bool:
        """A capitalised word that is the name or surname of a person the story names."""
        if not head.is_title or head.ent_type_:
            return False  # an entity already: the usual path names it as written
        known = self._known(head.lower_)
        return known is not None and known[1] == "PERSON"

    def _known(self, written: str) -> tuple[str, str] | None:
        """The actor a name as written stands for: a name or alias, else a person's surname."""
        return self.canonical.get(written) or self.surnames.get(written)

    def _common(self, head: Token, phrase: list[Token], lemma: str) -> Source:
        """A source that is a common noun: a document, an office, a description or a group."""
        words = {t.lower_ for t in phrase}
        plural = head.tag_ in ("NNS", "NNPS")
        named_inside = [t for t in phrase if (t.ent_type_ in ("PERSON", "ORG") or t.pos_ == "PROPN") and t.i != head.i]
        if lemma in QUANTITY_NOUNS:
            return Source(VAGUE_KIND, _text(phrase))  # "a growing number of members", "dozens of papers"
        if lemma in DOCUMENTS:
            owner = document_owner(head)
            if owner is not None:
                # "a Reuters survey", "the department's count", "a study by the Tribune", "X issued
                # a statement saying": a document speaks for whoever owns it.
                return self.classify(owner) if owner is not head else Source(NAMED, _text(phrase), "ORG")
            if _is_definite(head):
                return self._refer_back(phrase, lemma)
            if not plural and self._owned_before(head, lemma):
                return Source(NAMED, _text(phrase), "ORG")  # "another slide" of the minister's deck
            return Source(VAGUE_KIND, _text(phrase))  # "a survey", "reports", "records show"
        if plural and lemma in REPRESENTATIVES and represents_someone(head):
            return Source(ANONYMOUS_KIND, _text(phrase))  # "lawyers for the family", "their attorneys"
        if lemma in ANONYMOUS_NOUNS and plural and lemma not in UNNAMED_BY_OFFICE and uncounted(head):
            return Source(VAGUE_KIND, _text(phrase))  # "lawmakers say", "many donors": a generic group
        if lemma in ANONYMOUS_NOUNS or (lemma in ("people", "person") and words & ANONYMOUS_MARKERS):
            return Source(ANONYMOUS_KIND, _text(phrase))
        if lemma in ANONYMOUS_GROUPS or words & ANONYMOUS_MARKERS and head.tag_ == "NNS":
            return Source(ANONYMOUS_KIND, _text(phrase))  # "police said", "authorities", "those close to him"
        if refers_back(head) and lemma not in VAGUE_NOUNS:
            # "the senator", "the bank", "both lawmakers", "the ad": a description of someone the
            # story has already named.
            return self._description(head, phrase, lemma)
        if lemma in VAGUE_NOUNS or head.lower_ in VAGUE_PRONOUNS:
            return Source(VAGUE_KIND, _text(phrase))
        if lemma in BARE_INSTITUTIONS:
            return Source(NAMED, _text(phrase), "ORG")
        if lemma in REFERRING_NOUNS:
            if named_inside:
                return Source(NAMED, _text(phrase), "ORG")  # "the Clinton campaign"
            if _is_definite(head):
                return self._refer_back(phrase, lemma)
            return Source(VAGUE_KIND, _text(phrase))  # "a newspaper", "reports"
        if indefinite(head) and (lemma in PEOPLE_NOUNS or lemma in ANONYMOUS_NOUNS):
            return Source(ANONYMOUS_KIND, _text(phrase))  # "a reporter for USA Today": one of many, unnamed
        if named_inside and head.tag_ != "NNS":
            return Source(NAMED, _text(phrase), "PERSON")  # "Trump's lawyer": one identifiable person
        if lemma in KIN_ROLES and any(c.dep_ == "poss" for c in head.children) and not plural:
            return Source(NAMED, _text(phrase), "PERSON")  # "my father", "his ex-wife": one person only
        if (not is_person_noun(head, lemma) and head.tag_ != "NNS") or lemma in WORKS:
            # Only people and bodies go unnamed. A thing as a source is a work speaking for its
            # maker ("the film explains", "tweets criticizing her") or a misparse ("which
            # confirmed", "Full panic mode," said Wimes): never a reason to flag the sentence.
            return Source(NAMED, _text(phrase))
        if head.tag_ == "NNS":
            # "residents said", "defenders of the rule argue", "many countries agreed": an
            # unnamed group (English has too many words for people to list them all)
            return Source(VAGUE_KIND, _text(phrase))
        return Source(ANONYMOUS_KIND, _text(phrase))  # "a woman said"

    def _owned_before(self, head: Token, lemma: str) -> bool:
        """Has the story already given a document of this kind an owner ("a slide from the
        minister's presentation" ... "another slide shows")?"""
        for token in self.doc[: head.sent.start]:
            if token.lemma_.lower() == lemma and token.pos_ == "NOUN" and document_owner(token) is token:
                return True
        return False

    def _share(self, head: Token, phrase: list[Token]) -> Source:
        """ "63 percent said", "a majority of voters expect": the respondents of a poll.

        Named when the story has named a poll or survey before (their shares are its findings),
        vague when nobody says whose figures they are.
        """
        for token in self.doc[: head.i]:
            if token.lemma_.lower() in POLL_NOUNS:
                return Source(NAMED, _text(phrase), "ORG")
        return Source(VAGUE_KIND, _text(phrase))

    def _description(self, head: Token, phrase: list[Token], lemma: str) -> Source:
        """A definite description refers back to the last named person or body that fits it."""
        if lemma in REFERRING_NOUNS:
            return self._refer_back(phrase, lemma)
        labels = ("PERSON",) if lemma in PEOPLE_NOUNS or head.ent_type_ == "PERSON" else ("PERSON", "ORG")
        found = self._last_named(phrase[0].i, labels)
        if found is not None and head.tag_ != "NNS" and lemma in PEOPLE_NOUNS:
            return found
        # Kept as written: a later "it" may mean it, but "she" never means "the main church".
        label = "ORG" if found is not None and found.label == "ORG" else None
        return Source(NAMED, _text(phrase), label)

    def _one_of(self, head: Token, phrase: list[Token]) -> Source:
        """ "one of them": one unnamed member of the group just named ("unnamed officials")."""
        group = [c for prep in head.children if prep.lower_ == "of" for c in prep.children if c.dep_ == "pobj"]
        if group and group[0].lower_ in ("them", "those") and self.history:
            previous = self.history[-1][1]
            if previous.text:
                article = "" if previous.text.lower().startswith(("the ", "these ", "those ")) else "the "
                return Source(ANONYMOUS_KIND, f"one of {article}{previous.text}")
        return Source(ANONYMOUS_KIND, _text(phrase))  # an unnamed individual

    def _named(self, phrase: list[Token], head: Token) -> Source:
        text = _text(phrase)
        label = head.ent_type_ or "ORG"
        entity = next((e for e in self.ents if e.start <= head.i < e.end), None)
        written, length = (entity.text, entity.end - entity.start) if entity is not None else (head.text, 1)
        known = self._known(written.lower())
        if known is None and entity is not None and len(phrase) == 1:
            known = self._known(head.lower_)  # the entity ran on into a word beside it ("Said Ellis")
        if known is not None:
            name, label = known
            if len(phrase) <= length:
                text = name
        return Source(NAMED, text, label)

    def _pronoun(self, head: Token, phrase: list[Token]) -> Source:
        word = POSSESSIVES.get(head.lower_, head.lower_)  # "his remarks" are what he said
        if word == "one":
            return self._one_of(head, phrase)  # '"It is too late," one said'
        if word in ("another", "someone", "somebody") or {t.lower_ for t in phrase} & ANONYMOUS_MARKERS:
            # "those close to him", "people familiar with": particular people, unnamed
            return Source(ANONYMOUS_KIND, _text(phrase))  # one unnamed person
        if word in PERSON_PRONOUNS:
            return self._last_named(head.i, ("PERSON",)) or Source(NAMED, head.text, "PERSON")
        if word in ("each", "both"):
            # "Trump and Clinton vied for the title, each touting their record": the ones just named
            return self._last_named(head.i, ("PERSON", "ORG")) or Source(VAGUE_KIND, head.text)
        if word in FIRST_PERSON:
            return Source(NAMED, head.text, "PERSON")  # the speaker of the quote, or the author
        if word == "it":
            return self._last_named(head.i, ("ORG",)) or Source(VAGUE_KIND, head.text)
        if word == "they":
            previous = self._previous_source(head.i)
            return previous or Source(VAGUE_KIND, head.text)
        return Source(VAGUE_KIND, _text(phrase))  # some, many, others, everyone

    def _refer_back(self, phrase: list[Token], lemma: str) -> Source:
        """ "the publication" -> the last named organisation, as a source if one was quoted.

        "The ministry" resolves only to an organisation whose name says it is one ("Ministry of
        Defence"); otherwise it stays as written rather than be pinned on the wrong body.
        """
        position = phrase[0].i
        found = self._last_named(position, ("ORG",))
        fits = lemma in PUBLICATION_NOUNS or lemma in GENERIC_ORG_NOUNS
        if found is not None and (fits or lemma in (found.text or "").lower()):
            return found
        # Nothing to refer to: an institution named by its office still is one ("the ministry").
        return Source(NAMED, _text(phrase), "ORG" if lemma in INSTITUTION_NOUNS else None)

    def _last_named(self, position: int, labels: tuple[str, ...]) -> Source | None:
        for at, source in reversed(self.history):
            if at < position and source.kind == NAMED and source.label in labels:
                return Source(NAMED, source.text, source.label)
        for entity in reversed(self.ents):
            if entity.end <= position and entity.label_ in labels:
                name, label = self.canonical.get(entity.text.lower(), (entity.text, entity.label_))
                if label in labels:
                    return Source(NAMED, name, label)
        return None

    def _previous_source(self, position: int) -> Source | None:
        for at, source in reversed(self.history):
            if at < position:
                return Source(source.kind, source.text, source.label)
        return None


def source_phrase(head: Token) -> list[Token]:
    """The noun phrase of a source without its relative clauses, appositions and lists."""
    kept = [head]
    stack = [
        c
        for c in head.children
        if c.dep_ not in _PHRASE_CUT
        and not (c.dep_ == "prep" and c.lower_ == "as")
        and not (c.pos_ == "VERB" and any(g.dep_ == "nsubj" for g in c.children))  # a misparsed clause
        and not (c.tag_ in ("VBD", "VBZ") and c.dep_ == "compound")  # "Said Ellis:": the verb read as the name's
    ]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if c.dep_ not in _CLAUSES)
    kept.sort(key=lambda t: t.i)
    while len(kept) > 1 and kept[-1].is_punct:
        kept.pop()
    while len(kept) > 1 and kept[0].is_punct:
        kept.pop(0)
    return kept


def _text(phrase: list[Token]) -> str:
    first, last = phrase[0].i, phrase[-1].i
    if last - first + 1 == len(phrase):
        return phrase[0].doc[first : last + 1].text
    return "".join(t.text_with_ws for t in phrase).strip()


def _is_definite(head: Token) -> bool:
    return any(c.dep_ in ("det", "poss") and (c.lower_ in DEFINITE or c.dep_ == "poss") for c in head.children)
