"""Hedges and weasel words: the words that make a claim softer than the evidence behind it.

`hedge_cues(sentence)` returns the cue words as written ("may", "reportedly", "it is
believed", "some experts"), in reading order; the sourcing stage flags a sentence "hedged"
when there are any. The cues follow what the Szeged WikiWeasel annotators marked uncertain:

- speculation: modal verbs and adverbs of possibility ("may", "might", "possibly", "likely");
- hearsay: "reportedly", "allegedly", "it is said", "is thought to", "is believed to";
- weasel quantifiers: an unnamed crowd standing in for a source or a count ("many people",
  "some experts", "critics", "several studies"), and vague frequency ("often", "widely");
- deniable judgement: "arguably", "is considered", "is regarded as", "is known to", and the
  reduced relative "the tower, considered the oldest in the city";
- peacock terms: fame or rank nobody is cited for ("one of the most", "the most famous",
  "well known", "well-known", "commonly known");
- open possibility: "it is possible that", "apparent", and a crowd's case ("others argue").

Cues that mostly count or list things rather than stand in for a source are held back: "various"
and "numerous" hedge only before people or their findings ("numerous studies", not "numerous
awards"), "more likely to" compares odds, and "unknown" states a gap, not a guess. Each of these
was checked for precision on one half of WikiWeasel and confirmed on the other.

One walk over the tokens; the parse is only consulted to tell "is believed to" (a hedge)
from "he believed" (a report), and "may" the modal from May the month.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

# Always hedges, whatever their syntax (matched on the lower-cased word).
_HEDGE_WORDS = frozenset(
    """may might possibly perhaps maybe probably likely unlikely presumably apparently
    seemingly supposedly reportedly allegedly purportedly arguably potentially conceivably
    speculated speculation rumored rumoured rumor rumour unclear unconfirmed unverified
    suspected alleged purported so-called uncertain uncertainty questionable disputed apparent""".split()
)
# Vague generality: "widely", "generally". Plain frequency words ("often", "usually") describe the world more than they hedge a
# claim: WikiWeasel's annotators rarely marked them, so only these are kept.
_VAGUE_ADVERBS = frozenset("""widely generally supposedly""".split())
# Determiners and pronouns that stand in for an unnamed group: "many people", "some say".
_WEASEL_QUANTIFIERS = frozenset("""some many several various numerous certain""".split())
# These two mostly list things ("various species", "numerous awards"); they only hedge when
# the crowd is people or their findings: "various historians", "numerous studies".
_COUNTING_QUANTIFIERS = frozenset("""various numerous""".split())
# "most" and "few" only hedge when they stand for people: "most experts", "few historians".
_PEOPLE_QUANTIFIERS = frozenset({"most", "few"})
_PEOPLE = frozenset(
    """people experts critics analysts observers scholars historians scientists researchers
    commentators economists officials sources supporters opponents residents americans
    observers authors writers believers fans users""".split()
)
_FINDINGS = frozenset(
    """studies reports accounts sources surveys polls theories academics authorities""".split()
)
# "some time", "many years": a vague duration is not a vague source.
_TIME_NOUNS = frozenset(
    """time times year years day days month months decade decades century centuries week weeks hour hours""".split()
)
# Verbs that hedge in the passive or as a raising verb: "is thought to", "is considered",
# "seems to", "has been suggested".
_HEARSAY_VERBS = frozenset(
    """think believe consider regard say suggest claim allege rumor rumour speculate suppose
    presume expect report deem criticize criticise praise acclaim argue""".split()
)
_SEEMING_VERBS = frozenset({"seem", "appear"})
# Peacock terms: fame or importance asserted with nobody to vouch for it ("one of the most
# influential", "the best known", "well-known"). Wikipedia's editors tag these as weasel words.
_FAME_WORDS = frozenset(
    """famous notable important influential prominent popular controversial significant celebrated
    renowned acclaimed respected notorious successful recognized recognised""".split()
)
_FAME_DEGREE = frozenset({"most", "best", "well", "widely", "highly", "commonly"})
# Verbs of judgement that hedge as a reduced relative too: "the tower, considered the oldest".
_JUDGEMENT_VERBS = frozenset({"consider", "regard", "believe", "think", "deem"})
# A crowd named only by its trade: "critics say", "experts warn".
_BARE_CROWDS = frozenset({"critics", "observers", "experts", "analysts", "commentators", "scholars", "historians"})
_MONTH_NEIGHBOURS = frozenset({"of", "in", "on", "since", "until", "by", "early", "late", "mid", "last", "next"})


def hedge_cues(sentence: Span) -> list[str]:
    """The hedge and weasel cues in the sentence, as written, in order, without overlaps."""
    cues: list[str] = []
    for token in sentence:
        cue = _cue_at(token)
        # "some experts" then "experts", "widely" then "is widely regarded": keep one of each.
        if cue and not any(cue in kept or kept in cue for kept in cues):
            cues.append(cue)
    return cues


def _cue_at(token: Token) -> str | None:
    low = token.lower_
    if low in _HEDGE_WORDS:
        if low == "may" and not (_is_modal(token) and _is_epistemic(token)):
            return None
        if low == "likely" and token.i > 0 and token.nbor(-1).lower_ in ("more", "less"):
            return None  # "more likely to": a comparison of odds, not a guess about a fact
        return token.text
    if low == "could" and token.tag_ == "MD" and _modal_of_possibility(token):
        return token.text
    if low in _VAGUE_ADVERBS and token.pos_ == "ADV":
        return token.text
    if low in _PEOPLE_QUANTIFIERS and token.dep_ in ("det", "amod") and token.head.lower_ in _PEOPLE:
        return token.text + " " + token.head.text
    if low in _WEASEL_QUANTIFIERS and token.dep_ in ("det", "amod", "nsubj", "nsubjpass", "pobj", "dobj"):
        return _weasel_phrase(token)
    lemma = token.lemma_.lower()
    if lemma in _HEARSAY_VERBS and token.tag_ == "VBN" and _is_agentless_passive(token):
        return _passive_phrase(token)
    if lemma in _JUDGEMENT_VERBS and _is_reduced_relative(token):
        return token.text
    if low in _FAME_DEGREE and token.head.lower_ in _FAME_WORDS | {"known", "-known"} and token.head.i == token.i + 1:
        return token.doc[token.i : token.i + 2].text  # "most famous", "well known", "best known"
    if low in _FAME_DEGREE and _hyphenated_known(token):
        return token.doc[token.i : token.i + 3].text  # "well-known", "best-known": split at the hyphen
    if low == "possible" and _predicative_possibility(token):
        return token.text  # "it is possible that": a guess, not a statement
    if low == "argue" and token.tag_ == "VBP":
        return token.text  # "some argue", "others argue that": a case made by a crowd, not a fact
    if low == "one" and _one_of_the_most(token):
        return token.doc[token.i : token.i + 4].text  # "one of the most", "one of the best"
    if lemma in _SEEMING_VERBS and any(c.dep_ in ("xcomp", "acomp", "ccomp") for c in token.children):
        return token.text  # "seems to", "appears unlikely", "it seems that"
    if lemma == "suggest" and token.pos_ == "VERB" and token.tag_ != "VBN":
        return token.text  # "studies suggest", "the evidence suggests": inference, not fact
    if lemma == "know" and token.tag_ == "VBN" and _is_agentless_passive(token) and _raises(token):
        return _passive_phrase(token)  # "is known to", "it is known that"; not "is known as"
    if low in _BARE_CROWDS and token.dep_ in ("nsubj", "pobj"):
        # "Critics say", but not "the city's critics" or "two experts", who can be found.
        if not any(c.dep_ in ("det", "poss", "compound", "amod", "nummod") for c in token.children):
            return token.text
    return None


def _is_modal(token: Token) -> bool:
    """'may' the modal verb, not May the month ("in May", "May 5")."""
    if token.tag_ == "MD":
        return True
    if token.ent_type_ == "DATE" or (token.i > 0 and token.nbor(-1).lower_ in _MONTH_NEIGHBOURS):
        return False
    return token.text == "may"


def _is_epistemic(token: Token) -> bool:
    """'may have been', 'may be the oldest': a guess about what is, not what is allowed.

    Only "may" doubles as permission; "might" always guesses.

    "Users may choose" and "it may be used to" state a permission or a use; Wikipedia's
    annotators left those alone, and so do we.
    """
    head = token.head
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children):
        return True
    if head.lemma_ != "be" or any(c.dep_ == "auxpass" for c in head.children):
        return False
    if head.dep_ != "ROOT":
        return True
    # A main-clause "may be" about a kind of thing says what can happen ("caps may be plastic",
    # "they may be eligible"); about one particular thing it guesses ("the talks may be over").
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "expl")]
    return bool(subjects) and _is_particular(subjects[0])


def _is_particular(subject: Token) -> bool:
    """'it', 'the forest', 'Mecca': one thing, not a kind ('caps', 'they', 'this')."""
    if subject.lower_ == "it" or subject.pos_ == "PROPN":
        return True
    return subject.tag_ in ("NN", "NNP") and any(c.lower_ == "the" for c in subject.children)


def _modal_of_possibility(token: Token) -> bool:
    """'could have caused', 'could be the cause': a guess, not a past ability ("could swim")."""
    head = token.head
    return any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children) or head.lemma_ == "be"


def _is_agentless_passive(token: Token) -> bool:
    children = list(token.children)
    if not any(c.dep_ == "auxpass" for c in children):
        return False
    if any(c.dep_ == "agent" for c in children):
        # "is regarded by many as" is still a weasel; "was reported by Reuters" is not.
        agent = next(c for c in children if c.dep_ == "agent")
        objects = [g for g in agent.children if g.dep_ == "pobj"]
        return any(o.lower_ in _WEASEL_QUANTIFIERS or o.lower_ in ("some", "others") for o in objects)
    return True


def _one_of_the_most(token: Token) -> bool:
    """'one of the most notorious', 'one of the best': a ranking nobody is cited for."""
    words = token.doc[token.i + 1 : token.i + 4]
    if len(words) < 3 or [w.lower_ for w in words[:2]] != ["of", "the"]:
        return False
    return words[2].lower_ == "most" or words[2].tag_ == "JJS"


def _hyphenated_known(token: Token) -> bool:
    words = token.doc[token.i + 1 : token.i + 3]
    return len(words) == 2 and words[0].text == "-" and words[1].lower_ == "known"


def _predicative_possibility(token: Token) -> bool:
    """'it is possible that': not 'the best possible result', nor 'it is possible to book'."""
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.dep_ == "acomp" and following is not None and following.lower_ == "that"


def _is_reduced_relative(token: Token) -> bool:
    """'the tower, considered the oldest': a participle hanging on a noun, with nobody doing the considering.

    The small model often tags such a participle VBD, so the tag alone cannot decide."""
    if token.dep_ != "acl" or token.tag_ not in ("VBN", "VBD"):
        return False
    return not any(c.dep_ in ("agent", "nsubj", "nsubjpass") for c in token.children)


def _passive_phrase(token: Token) -> str:
    aux = [c for c in token.children if c.dep_ in ("auxpass", "aux") and c.i < token.i]
    subject = [c for c in token.children if c.dep_ == "nsubjpass" and c.lower_ == "it"]
    start = min([t.i for t in aux + subject] + [token.i])
    return token.doc[start : token.i + 1].text


def _weasel_phrase(token: Token) -> str | None:
    """'many people', 'some experts', 'some say': a quantifier with its noun, or standing alone."""
    if token.dep_ in ("det", "amod"):
        head = token.head
        if head.pos_ not in ("NOUN", "PROPN") or head.lower_ in _TIME_NOUNS:
            return None
        if token.lower_ in _COUNTING_QUANTIFIERS and head.lower_ not in _PEOPLE | _FINDINGS:
            return None
        if any(c.like_num for c in head.children):
            return None  # "some 200 soldiers" is an approximate count, not a crowd
        return token.doc[token.i : head.i + 1].text if head.i > token.i else token.text
    return token.text


def _raises(token: Token) -> bool:
    return any(c.dep_ in ("xcomp", "ccomp") for c in token.children) or any(
        c.dep_ == "nsubjpass" and c.lower_ == "it" for c in token.children
    )
