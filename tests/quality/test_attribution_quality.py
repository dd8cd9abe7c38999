"""Attribution quality floor on a fixed slice of PolNeAR dev (the first 30 articles).

The "copydesk" row is the scoring convention's figure: a sentence counts as attributed when
its status is sourced, vague or anonymous, carried attribution included. The diagnostic row
leaves carried sentences out, to keep the cue rules themselves from getting worse unseen.
Measured on this slice when written: copydesk 0.743 F1 (P 0.739, R 0.747); own cue only 0.793
(P 0.863, R 0.733); the reporting-verb lexicon 0.618 (on the whole of dev: 0.764, 0.824 and
0.675). The floors sit just under, so a change that makes attribution worse fails here.
"""

from __future__ import annotations

import pytest

from tests.support.data import require_shared_data


pytestmark = pytest.mark.quality

SLICE = 30


@pytest.fixture(scope="module")
def result(nlp):
    from copydesk_tools.evaluation.attribution import evaluate

    data = require_shared_data("polnear", "dev")
    return evaluate(data, limit=SLICE)


def test_status_based_attribution_f1_floor(result):
    ours = result.rows["copydesk"]  # the convention's figure
    assert ours["f1"] >= 0.73, result.format()
    assert ours["precision"] >= 0.72, result.format()
    assert ours["recall"] >= 0.73, result.format()


def test_own_cue_rules_floor(result):
    from copydesk_tools.evaluation.attribution import OWN_CUE_ROW

    own = result.rows[OWN_CUE_ROW]
    assert own["f1"] >= 0.78, result.format()
    assert own["precision"] >= 0.845, result.format()


def test_attribution_beats_the_reporting_verb_lexicon(result):
    ours, baseline = result.rows["copydesk"], result.rows["baseline: reporting-verb lexicon"]
    assert ours["f1"] >= baseline["f1"] + 0.10, result.format()


def test_the_slice_is_the_fixed_one(result):
    assert result.items == SLICE


# --- Source kinds (issue 10): named, anonymous or vague, on the whole of PolNeAR dev -----------
# Measured when written (copydesk eval sourcing, third round of issue 10): accuracy 0.773, named P
# 0.988, anonymous F1 0.833, vague F1 0.687, macro-F1 (anonymous, vague) 0.760; the source-word
# lexicon in the same run: 0.729 and 0.370. Second round: 0.770 and 0.748; first round: 0.755 and
# 0.684; before issue 10: 0.671 and 0.394. The floors sit just under; the macro-F1 one is the
# issue's target.


@pytest.fixture(scope="module")
def kinds(nlp):
    from copydesk_tools.evaluation.sourcing import evaluate

    data = require_shared_data("polnear", "source_kinds_dev.tsv").parent.parent
    return evaluate(data)


def test_source_kind_macro_f1_floor_and_margin_over_the_lexicon(kinds):
    ours, lexicon = kinds.rows["copydesk"], kinds.rows["baseline: source-word lexicon"]
    assert ours["macro-F1"] >= 0.75, kinds.format()
    assert ours["macro-F1"] >= lexicon["macro-F1"] + 0.35, kinds.format()


def test_named_sources_are_not_flagged(kinds):
    # every false "anonymous source" on a named official teaches the desk to ignore the flag
    assert kinds.rows["copydesk"]["name P"] >= 0.98, kinds.format()


def test_source_kind_accuracy_beats_the_lexicon(kinds):
    ours, lexicon = kinds.rows["copydesk"], kinds.rows["baseline: source-word lexicon"]
    assert ours["accuracy"] >= 0.76 and ours["accuracy"] > lexicon["accuracy"], kinds.format()
