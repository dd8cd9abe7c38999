"""The pipeline's contract: shapes, offsets, order, errors. Uses the real model."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import ItemError, analyze, analyze_many
from bot.analysis.errors import InputError, NotEnglish
from bot.analysis.report import SCHEMA, STATUSES, Report
from bot.fetch import FetchPolicy
from bot.reports.analysis_runner import analyze_article

ARTICLE = (
    "The city council voted 7-2 on Monday to close the old library.\n"
    "Mayor Ann Reyes said the building would be sold. \"It costs us $2 million a year,\" she said.\n"
    "Critics argue the sale is rushed."
)


def test_report_follows_the_contract(nlp):
    data = analyze(ARTICLE, id="lib-1").to_dict()
    assert data["schema"] == SCHEMA == "copydesk.report/1"
    assert data["id"] == "lib-1"
    assert set(data) == {"id", "schema", "article", "key_facts", "actors", "sentences", "claims", "stats", "timings_ms"}
    assert set(data["article"]) == {"url", "title", "site", "published", "authors", "text", "word_count"}
    assert data["article"]["word_count"] == 36
    for sentence in data["sentences"]:
        assert set(sentence) == {"start", "end", "status", "flags", "cue", "source", "check_worthy"}
        assert sentence["status"] in STATUSES
    for fact in data["key_facts"]:
        assert data["article"]["text"][fact["start"] : fact["end"]] == fact["text"]
    assert [f["rank"] for f in data["key_facts"]] == list(range(1, len(data["key_facts"]) + 1))
    assert Report.from_dict(data).to_dict() == data


def test_every_line_starts_a_sentence_and_a_paragraph(nlp):
    report = analyze(ARTICLE)
    text = report.article.text
    starts = {s.start for s in report.sentences}
    assert {0, text.index("Mayor"), text.index("Critics")} <= starts
    assert report.stats["paragraphs"] == 3


def test_analyze_many_keeps_order_and_collects_errors(nlp):
    items = [
        {"id": "a", "text": ARTICLE},
        {"id": "b", "text": ""},
        "Second article: the port handled 1.2 million containers in 2024, officials said.",
        {"id": "d", "text": "Der Stadtrat hat am Montag beschlossen, die alte Bibliothek zu schließen und zu verkaufen."},
        {"id": "e"},
    ]
    results = list(analyze_many(items, errors="collect"))
    assert [type(r) for r in results] == [Report, ItemError, Report, ItemError, ItemError]
    assert results[0].id == "a"
    assert results[1].code == "empty" and "no text" in results[1].error
    assert results[3].code == "not_english"
    assert "text, html or url" in results[4].error


def test_analyze_many_raises_by_default(nlp):
    with pytest.raises(NotEnglish):
        list(analyze_many(["Die Regierung hat am Montag neue Maßnahmen für die Wirtschaft beschlossen und angekündigt."]))


def test_oversized_text_is_analysed_up_to_the_limit_with_a_notice(nlp):
    report = analyze(ARTICLE.replace("\n", " ") + "\n" + (ARTICLE + "\n") * 50, max_chars=2_000)
    assert report.stats["truncated"] is True
    assert len(report.article.text) <= 2_000
    assert "only the first" in report.stats["notices"][0]
    assert report.sentences[-1].end <= len(report.article.text)


def test_html_input_is_extracted_first(nlp):
    html = (
        "<html><head><title>Library to close</title></head><body><nav>Home | News</nav><article>"
        + "".join(f"<p>{line}</p>" for line in ARTICLE.split("\n"))
        + "</article><footer>Copyright</footer></body></html>"
    )
    report = analyze(html=html, url="https://news.example.org/library")
    assert report.article.url == "https://news.example.org/library"
    assert "close the old library" in report.article.text
    assert "Copyright" not in report.article.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=0, max_size=400))
def test_analyze_never_crashes_and_offsets_index_the_text(nlp, raw):
    try:
        report = analyze(raw)
    except InputError as exc:
        assert exc.user_message
        return
    text = report.article.text
    for sentence in report.sentences:
        assert 0 <= sentence.start < sentence.end <= len(text)
    for fact in report.key_facts:
        assert text[fact.start : fact.end] == fact.text
    for claim in report.claims:
        sentence = report.sentences[claim.sentence]
        assert text[sentence.start : sentence.end] == claim.text


@pytest.mark.parametrize(
    "item, field",
    [({"id": "n", "text": 42}, "text"), ({"id": "u", "url": 12345}, "url"), ({"id": "h", "html": ["x"]}, "html")],
)
def test_fields_of_the_wrong_type_get_a_readable_error(nlp, item, field):
    (result,) = list(analyze_many([item], errors="collect"))
    assert isinstance(result, ItemError)
    assert result.id == item["id"]
    assert result.code == "bad_input"
    assert f'"{field}"' in result.error and "object has no attribute" not in result.error


def test_analyze_of_a_number_is_an_input_error(nlp):
    with pytest.raises(InputError) as caught:
        analyze(12345)  # type: ignore[arg-type]
    assert "must be text" in caught.value.user_message


def test_a_lone_surrogate_does_not_break_the_report(nlp):
    report = analyze("The mayor \ud800said it.")
    assert report.article.text.startswith("The mayor")
    assert "\ud800" not in report.article.text
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")  # and it can be written out as UTF-8


def test_many_short_lines_are_bounded_by_sentences_with_the_usual_notice(nlp):
    lines = ["It is.", "We won.", "They lost.", "Prices rose."] * 2_500  # 10,000 sentences, 90,000 characters
    report = analyze("\n".join(lines), max_chars=200_000)
    assert report.stats["truncated"] is True
    assert "only the first" in report.stats["notices"][0]
    assert report.stats["sentences"] <= 2_000
    assert report.article.text.endswith(".")


def test_slack_reading_path_reports_on_a_lone_surrogate(nlp):
    # What a Slack message's text reaches: the runner the reading path calls, not an apology.
    report = analyze_article(None, "The mayor \ud800said it.", 60_000, FetchPolicy(), None)
    assert isinstance(report, Report) and report.sentences
