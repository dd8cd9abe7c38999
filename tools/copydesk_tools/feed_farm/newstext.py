"""Deterministic, varied news articles for the feed farm: the same item number always gives the same text.

An article is a headline and 12 to 20 short paragraphs (250 to 500 words, about 350) on one of a dozen
local-news topics, with named people, organisations, places, figures and dates, and sentences
sourced the ways real copy is: named speakers, anonymous officials, vague groups and no source
at all, so the analysis does the work it does on real news (entities, attribution, key facts).
Nothing is copied from a corpus; the phrases below are written for this generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST = ("Maria", "James", "Aisha", "Tom", "Elena", "Samuel", "Priya", "David", "Grace", "Omar", "Lucy", "Daniel",
         "Fatima", "Peter", "Hannah", "Kwame", "Sofia", "Robert", "Mei", "Ahmed", "Claire", "Victor", "Nina")
LAST = ("Okafor", "Brandt", "Ruiz", "Chen", "Patel", "Novak", "Walsh", "Haddad", "Kowalski", "Mensah", "Lindqvist",
        "Moreau", "Tanaka", "Fischer", "Osei", "Duarte", "Murphy", "Ivanova", "Nakamura", "Bello", "Carter")
PLACES = ("Harborview", "Millbrook", "Eastfield", "Cedar Falls", "Northgate", "Riverton", "Ashford", "Lakeside",
          "Kingsport", "Westmoor", "Bramley", "Port Elliot")  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "March", "April", "June", "September", "October", "November", "December")


@dataclass(frozen=True)
class Topic:
    subject: str  # what the story is about, as a noun phrase
    organisation: str  # who decides ("{place}" is filled in)
    role: str  # the title of the official who speaks for it
    action: str  # what happened, past tense
    measure: str  # what the figures count
    critics: str  # who objects


TOPICS = (
    Topic("the bridge toll rise", "{place} City Council", "transport committee chair", "voted to raise the toll",
          "commuters a day", "commuter groups"),
    Topic("the new hospital wing", "{place} Health Trust", "chief executive", "approved the hospital extension",
          "patients a year", "local doctors"),
    Topic("the school closures", "{place} Education Board", "superintendent", "announced the closure of two schools",
          "pupils", "parents' associations"),
    Topic("the harbour expansion", "Port of {place}", "harbour master", "signed the expansion contract",
          "containers a month", "fishing crews"),
    Topic("the storm damage", "{place} Emergency Services", "fire chief", "declared a local emergency",
          "homes without power", "residents of the low-lying streets"),
    Topic("the budget shortfall", "{place} Finance Department", "treasurer", "published a revised budget",
          "dollars in cuts", "public-sector unions"),
    Topic("the factory layoffs", "{place} Steelworks", "managing director", "confirmed the job cuts",
          "jobs", "union representatives"),
    Topic("the rail strike", "{place} Rail Workers Union", "general secretary", "called a three-day strike",
          "journeys cancelled", "business leaders"),
    Topic("the housing plan", "{place} Planning Office", "chief planner", "approved the housing development",
          "new homes", "neighbourhood groups"),
    Topic("the water contamination", "{place} Water Authority", "director", "issued a boil-water notice",
          "households affected", "environmental campaigners"),
    Topic("the mayoral election", "{place} Electoral Commission", "returning officer", "certified the first count",
          "votes cast", "opposition candidates"),
    Topic("the police reform", "{place} Police Department", "commissioner", "unveiled the reform plan",
          "officers", "civil liberties groups"),
)  # fmt: skip

HEADLINES = (
    "{org} {action_short} over {subject}",
    "{place}: {speaker_last} defends decision on {subject}",
    "Row grows over {subject} in {place}",
    "{number} {measure} at stake as {org} acts on {subject}",
)
NAMED = (
    '"We have looked at every option, and this is the responsible one," said {speaker}, the {role} of {org}.',
    "{speaker}, the {role}, told reporters on {weekday} that the decision would be reviewed in {month}.",
    "{speaker_last} said the figures showed {number} {measure} in the last year, up from {number2}.",
    'According to {speaker}, the plan will cost about ${money} million over {years} years.',
    "In a statement, {org} said it had consulted {number2} residents before it {action}.",
    '"Nobody wanted it to come to this," {speaker_last} said. "But the numbers do not add up otherwise."',
    "{witness}, who has lived in {place} for {years} years, said she first heard of {subject} on {weekday}.",
)
ANONYMOUS = (
    "A senior official, speaking on condition of anonymity, said the decision had been taken weeks ago.",
    "Sources close to {org} said {number2} staff had been told to prepare for the change.",
    "People familiar with the matter said the final cost could be higher than announced.",
    "Unnamed officials quoted by the {paper} said the {role} had been warned about the risks in {month}.",
)
VAGUE = (
    "Critics argue that {subject} will hit the poorest households hardest.",
    "It was reported that {org} had considered a smaller plan last year.",
    "Some observers say {subject} has been handled badly from the start.",
    "{critics_cap} have long complained that they were not consulted.",
    "Analysts note that similar plans elsewhere have run over budget.",
)
UNSOURCED = (
    "The {action_noun} affects {number} {measure} across {place} and two neighbouring towns.",
    "The last comparable decision, in {year}, was reversed within eighteen months.",
    "{place} has a population of about {population}, and its council has {seats} seats.",
    "The cost has risen by {percent} percent since the plan was first drawn up.",
    "Work is expected to begin in {month} and to last {years} years.",
)
NARRATIVE = (
    "The meeting on {weekday} evening ran for more than three hours.",
    "Dozens of people gathered outside the offices of {org} before the announcement.",
    "The {paper} first reported the plan in {month}.",
    "A public hearing is scheduled for next {weekday} at the town hall in {place}.",
    "{org} will publish the full details on its website.",
)
PAPERS = ("Harborview Herald", "Evening Courier", "County Ledger", "Morning Post", "Valley Gazette")


def article(number: int) -> tuple[str, str]:
    """(headline, body) of item `number`: the body is paragraphs separated by blank lines."""
    rng = random.Random(number * 7919 + 17)
    topic = rng.choice(TOPICS)
    place = rng.choice(PLACES)
    slots = _slots(rng, topic, place)
    headline = rng.choice(HEADLINES).format(**slots)
    headline = headline[0].upper() + headline[1:]
    paragraphs = [
        f"{place.upper()}, {slots['weekday']} - {slots['org']} {topic.action} on {slots['weekday']}, "
        f"a decision that will affect {slots['number']} {topic.measure}, officials said."
    ]
    pools = (NAMED, NAMED, ANONYMOUS, VAGUE, UNSOURCED, UNSOURCED, NARRATIVE)
    used: set[str] = set()  # no sentence pattern twice in one article
    for _ in range(rng.randint(12, 20)):
        sentences = [rng.choice(rng.choice(pools)) for _ in range(rng.randint(1, 3))]
        fresh = [sentence for sentence in dict.fromkeys(sentences) if sentence not in used] or sentences[:1]
        used.update(fresh)
        paragraphs.append(" ".join(_fill(sentence, rng, topic, place) for sentence in fresh))
    return headline, "\n\n".join(paragraphs)


def _slots(rng: random.Random, topic: Topic, place: str) -> dict[str, str]:
    speaker_first, speaker_last = rng.choice(FIRST), rng.choice(LAST)
    organisation = topic.organisation.format(place=place)
    return {
        "org": organisation,
        "place": place,
        "subject": topic.subject,
        "role": topic.role,
        "action": topic.action,
        "action_short": topic.action.split(" ")[0],
        "action_noun": "decision",
        "measure": topic.measure,
        "critics_cap": topic.critics[0].upper() + topic.critics[1:],
        "speaker": f"{speaker_first} {speaker_last}",
        "speaker_last": speaker_last,
        "witness": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "paper": rng.choice(PAPERS),
        "weekday": rng.choice(WEEKDAYS),
        "month": rng.choice(MONTHS),
        "number": f"{rng.randint(120, 98_000):,}",
        "number2": f"{rng.randint(12, 900):,}",
        "money": f"{rng.randint(2, 480)}.{rng.randint(0, 9)}",
        "years": str(rng.randint(2, 12)),
        "year": str(rng.randint(1988, 2024)),
        "population": f"{rng.randint(20, 400) * 1000:,}",
        "seats": str(rng.randint(9, 61)),
        "percent": str(rng.randint(3, 140)),
    }


def _fill(template: str, rng: random.Random, topic: Topic, place: str) -> str:
    # Fresh figures and people for each sentence, the topic and place kept: one story, many voices.
    slots = _slots(rng, topic, place)
    return template.format(**slots)
