"""Named actors: entities consolidated into people, organisations and places.

STUB: to be replaced by the real consolidation (surnames, abbreviations, roles, salience).
"""

from __future__ import annotations

from spacy.tokens import Doc

from bot.analysis.report import Actor

ACTOR_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")


def build_actors(doc: Doc) -> list[Actor]:
    found: dict[tuple[str, str], Actor] = {}
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        key = (ent.text, ent.label_)
        actor = found.setdefault(key, Actor(name=ent.text, type=ent.label_))
        actor.mentions += 1
    return sorted(found.values(), key=lambda a: -a.mentions)
