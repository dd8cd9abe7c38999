import re

import pytest

from bot.analysis.errors import BinaryInput, EmptyInput, NotEnglish
from bot.analysis.inputs import MAX_TOKENS, prepare_text


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


def test_english_results_tables_and_listings_are_accepted():
    # Names and numbers with hardly a function word: the old stop-word rule refused these.
    table = (
        "CYCLING - RESULTS OF THE VALLEY CLASSIC.\nLYON 2026-06-14\n"
        "Leading placings in the Valley Classic on Sunday:\n"
        "1. Marco Bellini (Italy) 4 hours 12 minutes 9 seconds\n2. Jan Vermeer (Netherlands) same time\n"
        "3. Luis Ortega (Spain) 0:04 behind\n4. Pierre Lamotte (France) 0:11\n5. Anders Holm (Denmark) 0:11\n"
        "6. Tomasz Wrona (Poland) 0:15\n7. Kenji Sato (Japan) 0:15\n8. Rui Carvalho (Portugal) 0:21\n"
        "9. Stefan Kohl (Germany) 0:24\n10. Oscar Lind (Sweden) 0:30\n"
        "Overall standings: 1. Bellini 18 hours 2. Vermeer 18:00:41 3. Ortega 18:01:05\n"
    )
    listing = (
        "Dow Jones Industrial Average 41,203.55 +0.4%\nNasdaq Composite 18,112.09 -0.2%\n"
        "FTSE 100 London 8,301.20 +0.1%\nNikkei Tokyo 39,850.71 +1.3%\nDAX Frankfurt 18,420.10 -0.3%\n"
    )
    for text in (table, listing, "Maria Lopez", "Arsenal 2 Chelsea 1"):
        assert prepare_text(text).text


def test_non_english_news_in_other_latin_languages_is_refused():
    texts = (
        "El gobierno anunció el lunes un nuevo plan de ayudas para los agricultores afectados por la sequía, "
        "que según el ministro llegará a más de diez mil explotaciones antes del verano.",
        "Pemerintah mengumumkan bahwa harga bahan bakar akan naik mulai bulan depan karena biaya impor yang terus meningkat.",
    )
    for text in texts:
        with pytest.raises(NotEnglish):
            prepare_text(text)


def test_utf16_with_a_bom_is_decoded_not_refused_as_binary():
    text = "The harbour reopened on Friday, the port authority said."
    for encoding in ("utf-16", "utf-16-be", "utf-8-sig"):
        raw = text.encode(encoding)
        if encoding == "utf-16-be":
            raw = b"\xfe\xff" + raw
        assert prepare_text(raw).text == text


def test_many_tokens_are_bounded_like_many_characters():
    # Long sentences, so that words, not sentences, run out first.
    sentence = "The council met on Monday and agreed after a long debate that the " + "old " * 30 + "bridge must close. "
    prepared = prepare_text(sentence * 1_000, max_chars=10**9)
    assert prepared.truncated
    assert f"only the first {len(prepared.text):,}" in prepared.notices[0]
    assert f"{MAX_TOKENS:,} words and symbols" in prepared.notices[0]
    tokens = len(re.findall(r"\w+|[^\w\s]", prepared.text))
    assert MAX_TOKENS - 50 <= tokens <= MAX_TOKENS
