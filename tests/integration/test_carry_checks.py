"""Re-analysis keeps the desk's checks, matched by sentence text: on a real database, with the
sentence numbers shifted the way a different split shifts them."""

from __future__ import annotations

from bot.analysis.report import Article, Claim, Report, SentenceSourcing
from bot.reports.reading import carry_checks
from bot.reports import repository as reports_repo
from bot.store import slack_repo
from bot.store.db import session_factory, session_scope


def _report(sentences: list[str], flagged: set[int]) -> Report:
    text, spans = "", []
    for sentence in sentences:
        spans.append(
            SentenceSourcing(len(text), len(text) + len(sentence), "unsourced" if len(spans) in flagged else "none")
        )
        text += sentence + "\n"
    claims = [Claim(i, sentences[i], "unsourced", "no source") for i in sorted(flagged)]
    return Report(id="r", article=Article(text=text, title="Budget"), sentences=spans, claims=claims)


def _save(factory, report: Report) -> int:  # noqa: ANN001
    with session_scope(factory) as session:
        return reports_repo.save_report(
            session, report, team_id="T1", channel_id="C1", user_id="U1", engine_version="test"
        ).id


def test_checks_follow_their_sentence_into_the_new_report(database_url):
    factory = session_factory(database_url)
    old = _save(
        factory, _report(["Taxes rose 9 percent.", "Crime fell by 12 percent.", "Bus fares doubled."], {0, 1, 2})
    )
    # The new analysis splits a headline off the top: every sentence number moves by one.
    new = _save(factory, _report(["Budget", "Taxes rose 9 percent.", "Crime  fell by 12 percent.", "Bus fares doubled."],
                                 {1, 2, 3}))  # fmt: skip
    slack_repo.record_check(factory, old, 1, "U5")
    slack_repo.record_check(factory, old, 2, "U6")
    assert carry_checks(factory, old, new) == 2
    checks = slack_repo.checks_for_report(factory, new)
    assert {index: check.checked_by for index, check in checks.items()} == {2: "U5", 3: "U6"}
    assert carry_checks(factory, old, new) == 0  # carrying twice records nothing more
