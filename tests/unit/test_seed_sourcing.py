"""The sample article's sourcing, as issue 2 specifies it."""

from __future__ import annotations

import pytest


def _statuses(report) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for index, entry in enumerate(report.sentences):
        found.setdefault(entry.status, []).append(report.sentence_text(index))
    return found


def _one(texts: list[str], fragment: str) -> str:
    matches = [t for t in texts if fragment in t]
    assert len(matches) == 1, f"expected one sentence containing {fragment!r} among {texts!r}"
    return matches[0]


def _index(report, fragment: str) -> int:
    return next(i for i in range(len(report.sentences)) if fragment in report.sentence_text(i))


ANONYMOUS = ["quoting unnamed officials", "Sources added that US troops will not enter Gaza"]
VAGUE = [
    "with some hailing it",
    "It was previously reported that",
    "analysts, who note",
    "Critics argue",
    "criticized by many",
    "supporters of Trump argue",
]
SOURCED = [
    "Earlier, Trump stated that",
    "This was announced in the early hours of October 9th by US President Donald Trump",
    "The publication notes that",
]


def test_anonymous_sentences_are_exactly_the_unnamed_officials_and_the_sources(seed_report):
    anonymous = _statuses(seed_report).get("anonymous", [])
    assert len(anonymous) == len(ANONYMOUS)
    for fragment in ANONYMOUS:
        _one(anonymous, fragment)


def test_vague_sentences_are_exactly_the_six_weasel_attributions(seed_report):
    vague = _statuses(seed_report).get("vague", [])
    assert len(vague) == len(VAGUE)
    for fragment in VAGUE:
        _one(vague, fragment)
    assert "others criticizing it" in _one(vague, "with some hailing it")


@pytest.mark.parametrize("fragment", SOURCED)
def test_named_attributions_are_sourced(seed_report, fragment):
    _one(_statuses(seed_report).get("sourced", []), fragment)


def test_the_publication_resolves_to_abc_news(seed_report):
    entry = seed_report.sentences[_index(seed_report, "The publication notes")]
    assert entry.source == "ABC News"
    assert entry.cue == "notes"


def test_trump_is_the_source_of_the_announcement(seed_report):
    assert "Donald Trump" in seed_report.sentences[_index(seed_report, "This was announced")].source


def test_thousands_of_lives_is_an_unsourced_claim_with_its_figure_in_the_reason(seed_report):
    unsourced = _statuses(seed_report).get("unsourced", [])
    sentence = _one(unsourced, "claimed thousands of lives and displaced millions")
    claim = next(c for c in seed_report.claims if c.text == sentence)
    assert claim.status == "unsourced"
    assert "thousands of lives" in claim.reason


def test_agentless_report_has_its_cue_as_written(seed_report):
    entry = seed_report.sentences[_index(seed_report, "previously reported")]
    assert entry.cue == "It was previously reported"
    assert entry.source is None
    assert "vague_source" in entry.flags


def test_every_flagged_sentence_is_a_claim_with_a_reason_naming_its_source(seed_report):
    flagged = [i for i, s in enumerate(seed_report.sentences) if s.status in ("anonymous", "vague", "unsourced")]
    assert [c.sentence for c in seed_report.claims] == flagged
    reasons = {seed_report.sentence_text(c.sentence): c.reason for c in seed_report.claims}
    assert "'Critics'" in reasons[_one(list(reasons), "Critics argue")]
    assert "unnamed officials" in reasons[_one(list(reasons), "quoting unnamed officials")]
    assert reasons[_one(list(reasons), "Critics argue")].startswith("vague source")
