"""Delayed identification: a description the next sentence puts a name to.

News copy often says who in two steps: "Experts said the test could change that." then
'"None of this is working," said Victor Cha, a Korea scholar at CSIS.'; "A former party
chairman says ..." then "said Don Fowler, who led the party from 1995". The reader can tell
who: the description is named by the person the next sentence introduces. Only a person
introduced there, with a description of their own ("a Korea scholar at CSIS", "who led the
party"), counts: a name the story used before is someone else speaking. A group that holds a
view ("Critics say ...") is not named by whoever speaks next, and a source unnamed on purpose
("a senior official", "unnamed sources") stays unnamed.
"""

from __future__ import annotations

from spacy.tokens import Token

from bot.analysis.attribution_cues import ANONYMOUS_MARKERS, UNNAMED_BY_OFFICE

# Groups described by what their members know or do, one of whom the next sentence may name:
# not groups that hold a view together (critics, opponents, supporters, voters).
DESCRIBED_GROUPS = frozenset(
    """expert analyst economist scientist researcher scholar historian observer specialist strategist pollster
    lawyer attorney professor doctor physician engineer journalist reporter lawmaker legislator""".split()
)


def names_the_description(description: Token | None, speaker: Token | None) -> bool:
    """Is `speaker`, the named source of the next sentence, the one `description` stood for?"""
    if description is None or speaker is None or description.pos_ != "NOUN":
        return False
    lemma = description.lemma_.lower()
    if lemma in UNNAMED_BY_OFFICE or (description.tag_ == "NNS" and lemma not in DESCRIBED_GROUPS):
        return False
    if any(t.lower_ in ANONYMOUS_MARKERS for t in description.subtree):
        return False
    if speaker.ent_type_ != "PERSON" or speaker.i <= description.i:
        return False
    return _introduced_at(speaker) and _described(speaker)


def _described(speaker: Token) -> bool:
    """Does the name come with a description after it ("Victor Cha, a Korea scholar", "Don
    Fowler, who led the party")?"""
    return speaker.dep_ == "appos" or any(c.dep_ in ("appos", "relcl", "acl") for c in speaker.children)


def _introduced_at(speaker: Token) -> bool:
    """Is this the first time the story names the person (by any word of the name)?"""
    doc = speaker.doc
    name = next((e for e in speaker.sent.ents if e.start <= speaker.i < e.end), None)
    if name is None:
        return False
    words = {t.lower_ for t in name if t.is_alpha and t.is_title}
    return not any(t.lower_ in words for t in doc[: name.start] if t.ent_type_ == "PERSON")
