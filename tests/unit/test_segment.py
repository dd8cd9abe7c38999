"""Segmentation of pasted copy: page furniture marked, glued headlines split, names kept whole.

Every fixture is written for these tests, in the shapes pasted web copy takes: a Daily Mail page
whose line breaks became " . ", a wire dateline, captions between paragraphs, a headline run into
the first sentence when the line breaks were lost.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyze
from bot.analysis.boilerplate import BYLINE, CAPTION, DATELINE
from bot.analysis.report import NONE
from bot.analysis.segment import split_sentences

HEADER_STORY = (
    "By . Maria Lopez . PUBLISHED: . 09:12 EST, 3 March 2014 . | . UPDATED: . 11:40 EST, 3 March 2014 . "
    "A ferry carrying 212 passengers ran aground off the coast of Cornwall on Monday, the coastguard said. "
    "Lifeboat crews took everyone off the ship within four hours. "
    "Stranded: Passengers wait on the deck of the ferry as the tide falls . "
    "The operator said an inquiry had begun."
)


def _sentences(nlp, text):
    return split_sentences(nlp(text))


def test_a_byline_header_is_one_sentence_marked_as_furniture(nlp):
    sentences = _sentences(nlp, HEADER_STORY)
    assert sentences[0].furniture == BYLINE
    assert sentences[0].text.startswith("By . Maria Lopez")
    assert sentences[0].text.endswith("11:40 EST, 3 March 2014 .")
    assert sentences[1].text.startswith("A ferry carrying 212 passengers")
    assert sentences[1].is_story


def test_a_caption_between_paragraphs_is_furniture_but_a_speaker_is_not(nlp):
    text = (
        "Mr Hale said: 'We will rebuild the pier by the summer.' "
        "Rebuilt: The old pier in 1998, before the storm took its end away . "
        "The council voted on Tuesday to pay for the work."
    )
    sentences = _sentences(nlp, text)
    kinds = {s.text.split()[0]: s.furniture for s in sentences}
    assert kinds["Rebuilt:"] == CAPTION
    assert kinds["Mr"] is None
    assert kinds["The"] is None


@pytest.mark.parametrize(
    "dateline",
    ["WASHINGTON (CNN) -- ", "Kabul, Afghanistan (CNN) -- ", "(CNN) -- ", "LONDON, England (Reuters) -- "],
)
def test_a_dateline_is_split_off_the_lede(nlp, dateline):
    lede = "The city council approved a budget of $4.2 billion on Friday after a six-hour debate."
    sentences = _sentences(nlp, dateline + lede + " The mayor signed it within the hour.")
    assert sentences[0].furniture == DATELINE
    assert sentences[1].text == lede
    assert sentences[1].is_story


def test_a_story_sentence_opening_on_a_label_is_not_a_caption(nlp):
    text = "The bill passed on Monday. Another problem: most councils have already set their budgets for 2025."
    assert all(s.is_story for s in _sentences(nlp, text))


def test_by_as_a_preposition_is_not_a_byline(nlp):
    text = "By the end of the day, shares in the bank had fallen 12%. Traders blamed the report."
    sentences = _sentences(nlp, text)
    assert all(s.is_story for s in sentences)


def test_furniture_stays_in_the_report_in_order_with_status_none_and_is_never_a_fact():
    report = analyze(HEADER_STORY)
    texts = [HEADER_STORY[s.start : s.end] for s in report.sentences]
    assert texts[0].startswith("By . Maria Lopez")
    assert report.sentences[0].status == NONE
    caption = next(i for i, t in enumerate(texts) if t.startswith("Stranded:"))
    assert report.sentences[caption].status == NONE
    assert {f.sentence for f in report.key_facts}.isdisjoint({0, caption})
    assert report.key_facts[0].text.startswith("A ferry carrying 212 passengers")
    assert all(c.sentence not in (0, caption) for c in report.claims)


def test_a_headline_glued_to_the_first_sentence_is_split(nlp):
    text = (
        "Savers who start a pension before thirty can expect an income 13% higher than a colleague "
        "The cost of a late start can wreck a retirement plan, the report found."
    )
    sentences = _sentences(nlp, text)
    assert [s.text for s in sentences] == [
        "Savers who start a pension before thirty can expect an income 13% higher than a colleague",
        "The cost of a late start can wreck a retirement plan, the report found.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The talks were led by Secretary of State John Kerry and lasted until dawn on Sunday.",
        "The figures were first reported by The New York Times on Thursday morning last week.",
        "Officials told The Guardian that the plan would cost the county far more than expected.",
        "She said the museum had bought The Night Watch copy for a record sum at auction.",
    ],
)
def test_names_and_titles_are_not_split(nlp, text):
    assert len(_sentences(nlp, text)) == 1
