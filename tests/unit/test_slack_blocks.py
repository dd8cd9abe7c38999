import json
from datetime import UTC, datetime

from bot.analysis.report import Article, Claim, KeyFact, Report, SentenceSourcing
from bot.slack.blocks import MAX_TEXT, SHOWN_CLAIMS, report_blocks, sentences_modal
from bot.slack.text import escape
from bot.store.slack_repo import Check


def _report(n_sentences: int, sentence_chars: int = 80) -> Report:
    sentences, text, claims = [], "", []
    for i in range(n_sentences):
        body = f"Officials said <thing> & {i} " + "x" * max(0, sentence_chars - 30) + "."
        start = len(text)
        text += body + "\n"
        status = ("unsourced", "vague", "anonymous", "sourced", "none")[i % 5]
        sentences.append(SentenceSourcing(start, start + len(body), status, cue="said" if i % 5 != 0 else None))
        if status in ("unsourced", "vague", "anonymous"):
            claims.append(Claim(i, body, status, f"reason {i}"))
    article = Article(text=text, title="A title " * 30, url="https://ex.com/a", word_count=len(text.split()))
    facts = [KeyFact(text[s.start : s.end], s.start, s.end, i, i + 1) for i, s in enumerate(sentences[:5])]
    return Report(id="r", article=article, key_facts=facts, sentences=sentences, claims=claims)


def test_a_long_report_stays_inside_slack_limits_and_points_to_all_sentences():
    report = _report(1000, sentence_chars=900)
    blocks = [b.to_dict() for b in report_blocks(report, report_id=3, requested_by="U1")]  # to_dict validates
    assert len(blocks) <= 50
    assert len(blocks[0]["text"]["text"]) <= 150
    for block in blocks:
        assert len(json.dumps(block.get("text", {}))) <= MAX_TEXT + 200
    buttons = [b["accessory"]["value"] for b in blocks if "accessory" in b]
    assert len(buttons) == SHOWN_CLAIMS and buttons[0] == "3:0"
    assert any("more flagged claims" in str(b) for b in blocks)
    modal = sentences_modal(report).to_dict()
    assert len(modal["blocks"]) <= 100
    assert "do not fit in Slack" in str(modal["blocks"][-1])


def test_statuses_are_marked_cue_bold_and_text_escaped():
    report = _report(10)  # claims 5-7 are not key facts, so their sentences are quoted
    blocks = json.dumps([b.to_dict() for b in report_blocks(report, report_id=1)])
    assert ":red_circle: *Unsourced*" in blocks
    assert "*said*" in blocks
    assert "&lt;thing&gt; &amp;" in blocks and "<thing>" not in blocks


def test_a_checked_claim_shows_who_and_when_instead_of_the_button():
    report = _report(5)
    check = Check(0, "U9", datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    blocks = [b.to_dict() for b in report_blocks(report, report_id=1, checks={0: check})]
    claim_blocks = [b for b in blocks if "reason 0" in str(b)]
    assert "accessory" not in claim_blocks[0]
    assert "Checked by <@U9>" in claim_blocks[0]["text"]["text"]


def test_a_key_fact_that_is_a_flagged_claim_is_shown_once_and_open_claims_are_counted():
    report = _report(5)  # sentences 0-2 are flagged claims and also the top three key facts
    check = Check(1, "U9", datetime(2026, 1, 2, 3, 4, tzinfo=UTC))
    blocks = [b.to_dict() for b in report_blocks(report, report_id=1, checks={1: check})]
    shown = json.dumps(blocks)
    for index in range(3):
        assert shown.count(json.dumps(escape(report.sentence_text(index)))[1:-1]) == 1
    assert "(key fact 1)" in shown and "(2 flagged)" in shown
    assert blocks[0]["text"]["text"].startswith("A title")
