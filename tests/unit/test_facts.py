"""Key-fact ranking: the lede and hard facts first, no repeats, no commentary.

Fixtures are short stories written for these tests. The sourcing stage is given as neutral
`none` statuses unless a test is about what that stage says, so each rule is tested on its own.
"""

from __future__ import annotations

import pytest

from bot.analysis.actors import build_actors
from bot.analysis.facts import headline_index, is_editorial, rank_key_facts
from bot.analysis.report import NONE, SOURCED, VAGUE, SentenceSourcing
from bot.analysis.segment import split_sentences

FLOOD_STORY = (
    "River bursts its banks in Harlow\n"
    "\n"
    "The River Stort burst its banks in Harlow on Tuesday, flooding 340 homes and forcing the closure of the A414.\n"
    "Essex County Council opened two rest centres at the town's leisure centre, where 85 residents spent the night.\n"
    "The Environment Agency said river levels peaked at 3.2 metres, the highest since records began in 1947.\n"
    "The flooding underscores the complexity of the challenges ahead and raises questions about the region's "
    "fragile defences.\n"
    "Critics argue that the council ignored years of warnings.\n"
    "Will the town ever be safe again?\n"
    "Insurers expect claims to exceed £12 million, according to the Association of British Insurers."
)


def _rank(nlp, text, statuses=None, limit=5):
    doc = nlp(text)
    sentences = split_sentences(doc)
    statuses = statuses or {}
    sourcing = [
        SentenceSourcing(start=s.start, end=s.end, status=statuses.get(s.index, NONE)) for s in sentences
    ]
    return sentences, rank_key_facts(doc, sentences, sourcing, build_actors(doc), limit=limit)


def _containing(sentences, fragment):
    (match,) = [s.index for s in sentences if fragment in s.text]
    return match


def test_the_lede_comes_first_and_the_headline_is_not_a_fact(nlp):
    sentences, facts = _rank(nlp, FLOOD_STORY)
    assert headline_index(sentences) == 0
    assert facts[0].sentence == _containing(sentences, "burst its banks in Harlow on Tuesday")
    assert all(f.sentence != 0 for f in facts)


def test_facts_index_the_article_text_and_are_ranked_from_one(nlp):
    doc = nlp(FLOOD_STORY)
    sentences = split_sentences(doc)
    facts = rank_key_facts(doc, sentences, [], build_actors(doc), limit=3)
    assert [f.rank for f in facts] == [1, 2, 3]
    for fact in facts:
        assert FLOOD_STORY[fact.start : fact.end] == fact.text == sentences[fact.sentence].text


def test_commentary_questions_and_vague_opinion_are_kept_out(nlp):
    # With room for every sentence, only the reporting survives.
    sentences, facts = _rank(nlp, FLOOD_STORY, limit=20)
    kept = {f.sentence for f in facts}
    for opinion in ("underscores the complexity", "Critics argue", "Will the town"):
        assert _containing(sentences, opinion) not in kept
    for fact in ("340 homes", "85 residents", "3.2 metres", "£12 million"):
        assert _containing(sentences, fact) in kept


def test_a_sentence_the_sourcing_stage_calls_vague_is_kept_out(nlp):
    text = (
        "Harlow council will close three libraries in April, saving £400,000 a year.\n"
        "It has been reported that the closures will cost 40 jobs at the libraries.\n"
        "The mayor, Ann Reyes, announced the closures at a meeting on Monday."
    )
    sentences, facts = _rank(nlp, text, limit=5)
    reported = _containing(sentences, "It has been reported")
    assert reported in {f.sentence for f in facts}
    sentences, facts = _rank(nlp, text, statuses={reported: VAGUE}, limit=5)
    assert reported not in {f.sentence for f in facts}
    assert len(facts) == 2


def test_a_near_duplicate_is_dropped(nlp):
    text = (
        "Acme Corp will cut 1,200 jobs at its Leeds factory by March, the company said on Monday.\n"
        "The factory makes car parts for Ford and Toyota and opened in 1988.\n"
        "The company said on Monday it will cut 1,200 jobs at the Leeds factory by March.\n"
        "Unions called a strike ballot for 3 February."
    )
    sentences, facts = _rank(nlp, text, limit=5)
    kept = {f.sentence for f in facts}
    assert 0 in kept
    assert _containing(sentences, "The company said on Monday it will cut") not in kept
    assert {_containing(sentences, "opened in 1988"), _containing(sentences, "strike ballot")} <= kept


def test_hard_facts_outrank_background_further_down(nlp):
    text = (
        "Mayor Ann Reyes opened the new Harlow bridge on Saturday.\n"
        "The weather was mild and the mood was cheerful as people gathered along the riverside.\n"
        "Many families brought picnics and stayed for much of the afternoon by the water.\n"
        "Children played near the water while a band from the local school played music.\n"
        "The bridge cost £45 million, carries 20,000 vehicles a day and took Balfour Beatty three years to build."
    )
    sentences, facts = _rank(nlp, text, limit=3)
    ranked = [f.sentence for f in facts]
    assert ranked[0] == 0
    assert _containing(sentences, "£45 million") in ranked
    assert _containing(sentences, "band from the local school") not in ranked


def test_a_story_named_in_its_sourcing_does_not_change_the_order_of_facts(nlp):
    # A sourced sentence is a fact like any other: sourcing only ever removes vague ones.
    text = "Police arrested 12 people in Leeds on Friday.\nThe arrests followed a raid on a warehouse in Holbeck."
    sentences, plain = _rank(nlp, text)
    _, sourced = _rank(nlp, text, statuses={0: SOURCED, 1: SOURCED})
    assert [f.sentence for f in plain] == [f.sentence for f in sourced]


@pytest.mark.parametrize(
    "sentence",
    [
        "This move marks a significant step in the fragile process of rebuilding the town.",
        "The decision raises questions about the future of local democracy.",
        "The outcome will likely shape the trajectory of the region for years.",
        "The cost of housing and the pace of growth remain pressing concerns.",
        "Analysts, who note that the market is volatile, expect little change.",
        "The plan has been criticised by many as a waste of money.",
        "Why did the council wait so long?",
        '"Who will pay for the repairs?"',
    ],
)
def test_editorial_sentences_are_recognised(nlp, sentence):
    assert is_editorial(nlp(sentence)[:])


@pytest.mark.parametrize(
    "sentence",
    [
        "The council approved the plan by 7 votes to 2 on Monday.",
        "Profits rose 12% to £3.1bn, a significant increase on last year.",
        "Ford said it would close the plant in 2026.",
        "The minister announced a new inquiry into the collapse.",
    ],
)
def test_reporting_is_not_mistaken_for_commentary(nlp, sentence):
    assert not is_editorial(nlp(sentence)[:])


def test_empty_and_tiny_inputs(nlp):
    doc = nlp("Short.")
    sentences = split_sentences(doc)
    assert rank_key_facts(doc, sentences, [], [], limit=5) == []
    assert rank_key_facts(doc, [], [], [], limit=5) == []


def test_the_opening_sentences_outrank_scattered_hard_facts_further_down(nlp):
    # In news the lede and the sentences right after it carry the story; details further down
    # that merely hold a number, a date or a name are not clear enough evidence to jump ahead.
    text = (
        "A fire destroyed the main stand of Harlow Town's football ground overnight on Sunday.\n"
        "Firefighters fought the fire at the ground for six hours before it was under control.\n"
        "Police said the fire at the ground was started deliberately and two men were arrested.\n"
        "The stand was built in 1931 and was the oldest in the county league.\n"
        "It held 1,200 seats and a bar that opened in 1978.\n"
        "The club was founded in 1879 by workers from a local brewery.\n"
        "Its record crowd of 9,000 watched a cup tie against Leyton in 1949.\n"
        "Former player Tom Briggs, 81, scored 200 goals for the side in the 1960s.\n"
        "The team finished fourth in the league in May and reached the county cup final in April."
    )
    sentences, facts = _rank(nlp, text, limit=3)
    assert [f.sentence for f in facts] == [0, 1, 2]
