"""The seed article's key facts: the wire facts, none of its commentary."""

from __future__ import annotations

from bot.analysis.report import VAGUE

OPINION_OPENINGS = (
    "This move marks a significant step",
    "The establishment of such a center underscores",
    "The involvement of multiple international actors highlights",
    "Critics argue",
    "This dynamic raises questions",
    "The potential for further escalation",
)
SECONDARY_FACTS = (
    "US troops will not enter Gaza",
    "reached an agreement on the first stage",
    "October 9th",
    "Sharm el-Sheikh",
)


def test_seed_key_facts_are_the_wire_facts(seed_report):
    facts = [f.text for f in seed_report.key_facts]
    assert 1 <= len(facts) <= 5
    assert any("200 soldiers" in text for text in facts)
    found = [fragment for fragment in SECONDARY_FACTS if any(fragment in text for text in facts)]
    assert len(found) >= 2, facts


def test_seed_key_facts_hold_no_opinion(seed_report):
    for fact in seed_report.key_facts:
        assert not fact.text.startswith(OPINION_OPENINGS), fact.text
        assert seed_report.sentences[fact.sentence].status != VAGUE, fact.text


def test_seed_key_facts_point_at_their_sentences(seed_report):
    text = seed_report.article.text
    for rank, fact in enumerate(seed_report.key_facts, start=1):
        assert fact.rank == rank
        assert text[fact.start : fact.end] == fact.text == seed_report.sentence_text(fact.sentence)
