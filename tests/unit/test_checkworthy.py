"""Check-worthiness: what a fact-checker would pick out of a news sentence, and what not.

Sentences are written for these tests (none comes from a corpus).
"""

from __future__ import annotations

import pytest

from bot.analysis.checkworthy import check_worthiness, claim_features, is_check_worthy


def span(nlp, text):
    return nlp(text)[:]


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment fell to 3.9 percent in March, the lowest level since 2001.",
        "The city spent $4.2 million on road repairs last year.",
        "The flood killed at least 40 people and displaced thousands of families.",
        "Exports to Canada doubled between 2019 and 2023.",
        "The fighting has already claimed thousands of lives and displaced millions.",
        "The senator voted against the budget bill three times.",
        "The closure was driven by a sharp fall in passenger numbers.",
    ],
)
def test_factual_claims_with_numbers_events_and_causes_are_check_worthy(nlp, text):
    assert is_check_worthy(span(nlp, text)), (text, check_worthiness(span(nlp, text)))


@pytest.mark.parametrize(
    "text",
    [
        "What will the council do about the bridge?",
        "I think this is a wonderful community.",
        "We must do better for our children.",
        "Thank you all for coming tonight.",
        "The sun rose slowly over the quiet valley.",
        "We will fight for every family in this state.",
        "This is wrong.",
    ],
)
def test_questions_opinions_promises_and_narrative_are_not(nlp, text):
    assert not is_check_worthy(span(nlp, text)), (text, check_worthiness(span(nlp, text)))


def test_a_number_makes_the_same_sentence_more_check_worthy(nlp):
    vague = check_worthiness(span(nlp, "The company cut jobs at its plant."))
    precise = check_worthiness(span(nlp, "The company cut 1,200 jobs at its plant in 2022."))
    assert precise > vague


def test_features_name_the_signals_a_reporter_would_give(nlp):
    features = claim_features(span(nlp, "Prices rose 12 percent because of the drought."))
    assert {"digits", "percent", "causal", "past_verb"} <= features.keys()
    question = claim_features(span(nlp, "Why did prices rise?"))
    assert "question" in question


def test_empty_and_punctuation_only_spans_are_not_check_worthy(nlp):
    assert not is_check_worthy(span(nlp, "..."))
    assert claim_features(nlp("   ")[:]) == {}
