"""Key-fact quality floors on two corpora of different provenance, each beside Lead-3 in the same run.

- BBC News Summary (extractive summaries): a fixed slice, every twentieth article (112 of 2,225;
  the file is ordered by category, so all five categories are in it).
- CNN/DailyMail `cnndm_dev/` (abstractive highlights): all 125 articles, and the 95 that do not
  open with a Daily Mail byline header.

Lead-3 is the first three sentences of plain spaCy's split (tools/copydesk_tools/evaluation/keyfacts.py). The
figures measured when these floors were set are in FLOORS' comments; the floors sit just under
them, and on every measure we must stay ahead of Lead-3.
"""

from __future__ import annotations

import pytest

from tests.support.data import require_shared_data


pytestmark = pytest.mark.quality

EVERY_NTH = 20
# corpus -> (floors, least gain over Lead-3), ROUGE F1 on a 0..1 scale.
FLOORS = {
    "bbc": ({"rouge1": 0.51, "rouge2": 0.44, "rougeLsum": 0.50}, 0.05),
    "cnndm_all": ({"rouge1": 0.345, "rouge2": 0.14, "rougeLsum": 0.315}, 0.02),
    # A known miss (README, Quality): on CNN/DM articles without a byline header Copydesk is within
    # half a point of Lead-3, below it. The floor holds that line, not the target.
    "cnndm_no_header": ({"rouge1": 0.355, "rouge2": 0.14, "rougeLsum": 0.325}, -0.01),
}


def _check(name, articles):
    from copydesk_tools.evaluation.keyfacts import parse, score_docs

    ours, lead = score_docs(articles, parse([a.pasted_text for a in articles]))
    ours_row, lead_row = ours.row(), lead.row()
    floors, gain = FLOORS[name]
    report = f"{name}: copydesk {ours_row} / Lead-3 {lead_row}"
    for metric, floor in floors.items():
        assert ours_row[metric] >= floor, report
        assert ours_row[metric] > lead_row[metric] + gain, report


def test_bbc_key_facts_meet_the_floor_and_beat_lead3():
    from copydesk_tools.evaluation.keyfacts import BBC_FILE, load_articles

    data = require_shared_data(*BBC_FILE.parts).parent.parent
    articles = load_articles(data)[::EVERY_NTH]
    assert len(articles) == 112
    _check("bbc", articles)


def test_cnndm_key_facts_meet_the_floor_with_and_without_byline_headers():
    from copydesk_tools.evaluation.keyfacts import CNNDM_FILE, load_cnndm

    data = require_shared_data(*CNNDM_FILE.parts).parent.parent
    articles = load_cnndm(data)
    plain = [a for a in articles if not a.has_byline_header]
    assert (len(articles), len(plain)) == (125, 95)
    _check("cnndm_all", articles)
    _check("cnndm_no_header", plain)
