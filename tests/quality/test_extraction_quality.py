"""Extraction quality floor on a fixed slice of extraction_dev, beside raw trafilatura.

Floors sit just under the figures measured when this test was written (slice of 60 pages:
copydesk F1 0.944, trafilatura defaults 0.939; with the site's notices dropped, 0.952), so a
change that makes extraction worse fails.
"""

from __future__ import annotations

import pytest

from tests.support.data import require_shared_data


pytestmark = pytest.mark.quality

SLICE = 60
F1_FLOOR = 0.945


def test_extraction_on_a_fixed_slice_meets_its_floor_and_the_baseline():
    from copydesk_tools.evaluation.extraction import evaluate

    data = require_shared_data("extraction_dev", "evaldata_en.json").parent.parent
    result = evaluate(data, limit=SLICE)
    ours, baseline = result.rows["copydesk"], result.rows["trafilatura (defaults)"]
    assert result.items == SLICE
    assert ours["f1"] >= F1_FLOOR, result.format()
    assert ours["f1"] >= baseline["f1"], result.format()
