"""Weasel/hedge quality floor on a fixed slice of WikiWeasel, beside a hedge-word lexicon.

The slice is 1,500 sentences spread evenly through the file (which is sorted by label),
run through the full pipeline: a sentence counts as flagged when sourcing calls it vague or
anonymous or flags it "hedged". Floors sit just under the figures measured when this test
was written.
"""

from __future__ import annotations

import pytest

from tests.support.data import require_shared_data


pytestmark = pytest.mark.quality

SLICE = 1500
# Measured: copydesk (the hedged flag) F1 0.646 (P 0.593, R 0.708); counting vague sources too 0.639, and
# anonymous ones too 0.627 (the old headline, then 0.619); hedge-word lexicon 0.535.
F1_FLOOR = 0.63
MIN_GAIN_OVER_LEXICON = 0.04


def test_weasel_flags_on_a_fixed_slice_meet_the_floor_and_beat_the_lexicon():
    from copydesk_tools.evaluation.weasel import CORPUS, load_sentences, score

    data = require_shared_data(*CORPUS.parts).parent.parent
    sentences = load_sentences(data, SLICE)
    assert len(sentences) == SLICE
    ours, _, _, lexicon = score(sentences)
    report = f"copydesk {ours.row()} / lexicon {lexicon.row()}"
    assert ours.f1 >= F1_FLOOR, report
    assert ours.f1 >= lexicon.f1 + MIN_GAIN_OVER_LEXICON, report
    assert ours.recall > lexicon.recall, report
