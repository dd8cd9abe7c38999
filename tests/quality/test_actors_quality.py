"""Actor quality floor on a fixed slice of CoNLL-2003 dev, beside raw spaCy entities.

The slice is every third article (72 of 216: sport, markets and world news alike). Floors sit
just under the figures measured when this test was written (copydesk F1 0.772, raw spaCy
0.656 on the slice), so a change that makes consolidation worse fails.
"""

from __future__ import annotations

import pytest

from tests.conftest import require_shared_data

pytestmark = pytest.mark.quality

EVERY_NTH = 3
F1_FLOOR = 0.76
MIN_GAIN_OVER_RAW = 0.10


def test_actors_on_a_fixed_slice_meet_the_floor_and_beat_raw_entities():
    from copydesk_tools.evaluation.actors import CONLL_FILE, load_articles, score_articles

    data = require_shared_data(*CONLL_FILE.parts).parent.parent
    articles = load_articles(data)[::EVERY_NTH]
    assert len(articles) == 72
    ours, raw = score_articles(articles)
    report = f"copydesk {ours.row()} / raw spaCy {raw.row()}"
    assert ours.f1 >= F1_FLOOR, report
    assert ours.f1 >= raw.f1 + MIN_GAIN_OVER_RAW, report
    assert ours.precision > raw.precision and ours.recall > raw.recall, report
