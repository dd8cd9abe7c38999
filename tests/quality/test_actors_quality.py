"""Actor quality floors on fixed slices of each corpus, beside raw spaCy in the same parse.

Slices: CoNLL-2003 dev, every third article (72 of 216: sport, markets and world news alike);
CoNLL-2003 train, every twelfth (79 of 946); OntoNotes newswire dev, every fourth document
(70 of 279, mostly WSJ business news). Floors sit just under the figures measured when they
were set (2026-12-01, branch actors), so a change that makes cleaning or consolidation worse
on any one corpus fails:

| slice            | copydesk F1 | raw spaCy F1 |
|------------------|-------------|--------------|
| CoNLL testa /3   | 0.774       | 0.695        |
| CoNLL train /12  | 0.751       | 0.674        |
| OntoNotes dev /4 | 0.871       | 0.900        |

Raw spaCy's keys drop a leading "the" as the scoring convention says, which lifts it on CoNLL
(0.656 before): the CoNLL gain floors are set on that. On OntoNotes Copydesk is still below raw
spaCy: OntoNotes spans keep a possessive ("Hong Kong's", "Sony Corp.'s") that Copydesk strips
on purpose (see README, Named actors); the floor holds the gap where it is.
"""

from __future__ import annotations

import pytest

from tests.support.data import require_shared_data


pytestmark = pytest.mark.quality


@pytest.mark.parametrize(
    "corpus_name, every_nth, size, f1_floor, min_gain_over_raw",
    [
        ("CONLL_TESTA", 3, 72, 0.765, 0.06),
        ("CONLL_TRAIN", 12, 79, 0.74, 0.06),
        ("ONTONOTES_DEV", 4, 70, 0.86, -0.04),
    ],
)
def test_actors_on_a_fixed_slice_meet_the_floor_beside_raw_entities(
    corpus_name, every_nth, size, f1_floor, min_gain_over_raw
):
    from copydesk_tools.evaluation import actors as evaluation

    corpus = getattr(evaluation, corpus_name)
    data = require_shared_data(*corpus.path.parts).parent.parent
    articles = evaluation.load_corpus(data, corpus)[::every_nth]
    assert len(articles) == size
    ours, raw = evaluation.score_articles(articles, corpus.system_types)
    report = f"{corpus.name}: copydesk {ours.row()} / raw spaCy {raw.row()}"
    assert ours.f1 >= f1_floor, report
    assert ours.f1 >= raw.f1 + min_gain_over_raw, report
    if min_gain_over_raw > 0:
        assert ours.precision > raw.precision and ours.recall > raw.recall, report
