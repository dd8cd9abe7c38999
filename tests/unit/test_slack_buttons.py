"""Button values round-trip through bot.slack.buttons; a forged value reads as no report."""

from bot.slack import buttons


def _click(value):  # noqa: ANN001, ANN202
    """A block_actions payload as Slack sends it, with the clicked button's value."""
    return {"type": "block_actions", "enterprise": None, "actions": [{"action_id": "mark_checked", "value": value}]}


def test_a_claim_button_carries_its_report_and_sentence_back():
    value = buttons.clicked_value(_click(buttons.claim_value(42, 7)))
    assert buttons.report_id_of(value) == 42
    assert buttons.sentence_of(value) == 7


def test_a_report_button_carries_its_report_back_and_no_sentence():
    value = buttons.clicked_value(_click(buttons.report_value(9)))
    assert buttons.report_id_of(value) == 9
    assert buttons.sentence_of(value) is None


def test_forged_values_are_no_report():
    for forged in ("", "abc", "1" * 12, "-3", " 5", 17, None):  # 12 digits: a huge id is simply unknown
        assert buttons.report_id_of(buttons.clicked_value(_click(forged))) is None, forged
    assert buttons.sentence_of(buttons.clicked_value(_click("4:x"))) is None
    assert buttons.sentence_of(buttons.clicked_value(_click("4:-1"))) is None
    assert buttons.clicked_value({"actions": None}) == ""
    assert buttons.clicked_value({"actions": ["not an object"]}) == ""
