"""Reasons quote what a reporter must check: the whole figure, not its first token."""

from __future__ import annotations

import pytest

from bot.analysis.claim_reasons import numeric_phrase


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("The repairs cost $18.4 million last year.", "$18.4 million"),
        ("The city sent 200 soldiers to the border.", "200 soldiers"),
        ("Thousands of lives were saved by the new rules.", "Thousands of lives"),
        ("Crime fell by 12 percent last year.", "12 percent"),
    ],
)
def test_the_figure_is_quoted_whole(nlp, sentence, figure):
    doc = nlp(sentence)
    assert numeric_phrase(doc[:]) == figure
