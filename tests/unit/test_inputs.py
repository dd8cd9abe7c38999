import pytest

from bot.analysis.errors import BinaryInput, EmptyInput, NotEnglish
from bot.analysis.inputs import prepare_text


def test_empty_and_whitespace_are_refused_with_a_message():
    for raw in ("", "   \n\t ", "12345 ... !!!"):
        with pytest.raises(EmptyInput) as caught:
            prepare_text(raw)
        assert "no text" in caught.value.user_message


def test_binary_is_refused():
    with pytest.raises(BinaryInput):
        prepare_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(BinaryInput):
        prepare_text("".join(chr(c) for c in range(1, 31)) * 40)


def test_non_english_is_refused():
    german = (
        "Die Bundesregierung hat am Montag neue Maßnahmen beschlossen, die den Ausbau der "
        "erneuerbaren Energien beschleunigen sollen. Kritiker sagen, das reiche nicht aus."
    )
    with pytest.raises(NotEnglish):
        prepare_text(german)
    with pytest.raises(NotEnglish):
        prepare_text("Правительство объявило о новых мерах поддержки экономики в понедельник вечером.")


def test_oversized_text_is_cut_at_a_boundary_with_a_notice():
    paragraph = "The council said the bridge would reopen in May after repairs costing $4 million.\n"
    prepared = prepare_text(paragraph * 2000, max_chars=10_000)
    assert prepared.truncated
    assert len(prepared.text) <= 10_000
    assert prepared.text.endswith("million.")
    assert "only the first" in prepared.notices[0]
