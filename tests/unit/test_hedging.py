"""Hedge and weasel cues: the words that make a claim softer than its evidence.

Sentences are written for these tests (none comes from a corpus).
"""

from __future__ import annotations

import pytest

from bot.analysis.hedging import hedge_cues


def cues(nlp, text):
    return hedge_cues(nlp(text)[:])


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor reportedly resigned on Friday.", "reportedly"),
        ("The suspect allegedly fled the scene.", "allegedly"),
        ("The fire was possibly caused by a faulty heater.", "possibly"),
        ("It is arguably the worst drought in a century.", "arguably"),
        ("The talks may have collapsed overnight.", "may"),
        ("The delay might cost the city millions.", "might"),
        ("The minister's plan is probably doomed.", "probably"),
        ("The ceasefire may be over.", "may"),
    ],
)
def test_speculation_and_hearsay_adverbs_and_modals(nlp, text, cue):
    assert cue in cues(nlp, text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("It is believed that the ship sank in 1890.", "It is believed"),
        ("The drug is thought to cause headaches.", "is thought"),
        ("The mural is considered a masterpiece.", "is considered"),
        ("The reform is widely regarded as a failure.", "widely"),
        ("The singer is known to avoid interviews.", "is known"),
        ("The leak seems to have started in the basement.", "seems"),
        ("Early results suggest the vaccine works.", "suggest"),
    ],
)
def test_agentless_passives_and_verbs_of_inference(nlp, text, cue):
    assert cue in cues(nlp, text)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Some experts say the dam is unsafe.", "Some experts"),
        ("Many people oppose the new stadium.", "Many people"),
        ("Critics argue the law goes too far.", "Critics"),
        ("Most economists expect a recession.", "most economists"),
    ],
)
def test_weasel_quantifiers_standing_in_for_a_source(nlp, text, cue):
    assert cue.lower() in [c.lower() for c in cues(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        "The company reported record profits in May.",
        "Voters may register online until Friday.",
        "The council approved the budget on Tuesday.",
        "The bridge carries some 40,000 cars a day.",
        "He spent some time in France.",
        "The report was written by the state auditor.",
        "The building is known as the Old Mill.",
    ],
)
def test_plain_statements_months_permissions_and_counts_are_not_hedges(nlp, text):
    assert cues(nlp, text) == []


def test_cues_come_in_reading_order_without_overlaps(nlp):
    found = cues(nlp, "Some experts say the tower may have been built in 1850, reportedly by convicts.")
    assert found == ["Some experts", "may", "reportedly"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The festival is one of the most important events in the region.", "one of the most"),
        ("The bakery is the most famous shop on the street.", "most famous"),
        ("The square is well known for its Sunday market.", "well known"),
        ("The tower, considered the oldest in the city, was rebuilt in 1900.", "considered"),
        ("Numerous studies link the chemical to liver damage.", "Numerous studies"),
    ],
)
def test_peacock_terms_and_unattributed_judgements_are_cues(nlp, text, cue):
    assert cue in cues(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The museum holds numerous paintings and various sculptures.",
        "Older drivers are more likely to renew their licences by post.",
        "The cause of the fire is unknown.",
        "Caps may be plastic or leather.",
        "The plan was considered by the council on Monday.",
    ],
)
def test_lists_comparisons_of_odds_and_agented_judgements_are_not_cues(nlp, text):
    assert cues(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("It has been argued that the canal was never finished.", "It has been argued"),
        ("Scholars believe the poem was written in exile.", "Scholars"),
        ("Historians say the treaty was signed under duress.", "Historians"),
        ("It is possible that the canal was never finished.", "possible"),
        ("The well-known bridge was built in 1850.", "well-known"),
        ("The apparent cause of the fire was a faulty cable.", "apparent"),
        ("Others argue that the bridge is older.", "argue"),
    ],
)
def test_argued_and_unnamed_scholars_are_cues(nlp, text, cue):
    assert cue in cues(nlp, text)


def test_a_named_scholar_and_an_argument_someone_made_are_not_cues(nlp):
    assert cues(nlp, "The mayor argued that the canal was never finished.") == []
    assert cues(nlp, "Two historians at the museum dated the letter to 1921.") == []
    assert cues(nlp, "It is possible to book tickets online.") == []
