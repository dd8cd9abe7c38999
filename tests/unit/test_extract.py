"""Article extraction from HTML we wrote ourselves: text a line a paragraph, metadata, encodings."""

from __future__ import annotations

import pytest

from bot.fetch.errors import NoArticleText
from bot.fetch.extract import extract_article, split_authors
from bot.fetch.boilerplate import is_notice
from bot.fetch.nesting import MAX_WRAPPER_DEPTH, flatten_deep_nesting

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Water board admits leak figures were wrong | Valley Post</title>
<meta property="og:site_name" content="Valley Post">
<meta name="author" content="Tomas Reyes; Lena Okafor">
<meta property="article:published_time" content="2024-11-03T07:00:00+00:00">
</head><body>
<header><a href="/">Valley Post</a> <a href="/subscribe">Subscribe</a></header>
<main><article>
<h1>Water board admits leak figures were wrong</h1>
<p>The regional water board said on Monday that it had understated pipe leaks by a third
for five years, after an audit found {word} meters had been misread.</p>
<p>"We got it wrong and we will publish the corrected series," the board's chair, Ada Brandt,
told reporters at a press conference in Greenford.</p>
<p>Residents who were billed for water they never received may be owed refunds, the audit says.</p>
<p>Sign up for our morning newsletter and never miss a story.</p>
<p>© 2024 Valley Post Media. All rights reserved.</p>
</article>
<section class="comments"><h3>Comments</h3>
<div class="comment"><p>Typical! Nobody at the board should keep their job after this fiasco, honestly.</p></div>
</section></main>
<footer>Terms of use - Privacy policy - Contact us</footer>
</body></html>"""


def page(charset: str = "utf-8", word: str = "faulty") -> str:
    return PAGE.format(charset=charset, word=word)


def test_each_paragraph_is_one_line_and_boilerplate_is_left_out():
    article = extract_article(page(), url="https://valley.example/news/leaks")
    lines = article.text.splitlines()
    assert lines[0] == "Water board admits leak figures were wrong"
    assert lines[1].startswith("The regional water board said on Monday")
    assert lines[1].endswith("meters had been misread.")  # a paragraph's own line breaks are joined
    assert any(line.startswith('"We got it wrong') for line in lines)
    assert "Privacy policy" not in article.text and "Subscribe" not in article.text


def test_reader_comments_are_not_part_of_the_article():
    article = extract_article(page())
    assert "fiasco" not in article.text


def test_the_sites_notices_inside_the_article_are_not_part_of_it():
    text = extract_article(page()).text
    assert "may be owed refunds" in text
    assert "newsletter" not in text and "rights reserved" not in text


@pytest.mark.parametrize(
    "line",
    [
        "The streaming service added 2.3 million subscribers in the quarter, the company said.",
        "Amazon has two models listed; you can sign up to be notified when they ship.",
        "Did you sign up for the council's flood alerts? Officials said 4,000 residents had.",
        "The paper's newsletter editor, Jo Park, resigned on Friday.",
    ],
)
def test_news_about_subscribers_and_sign_ups_is_not_a_notice(line):
    assert not is_notice(line)


@pytest.mark.parametrize(
    "line",
    [
        "Subscribe now to our digital edition for the full story.",
        "If you enjoyed this piece, please consider supporting our journalism.",
        "Follow the Valley Post on Twitter and Facebook.",
        "Last modified: 3 March 2021",
        "Valley Post Newsletter",
    ],
)
def test_calls_to_action_and_page_labels_are_notices(line):
    assert is_notice(line)


def test_metadata_title_site_date_and_authors():
    article = extract_article(page(), url="https://valley.example/news/leaks")
    assert article.url == "https://valley.example/news/leaks"
    assert article.title == "Water board admits leak figures were wrong"
    assert article.site == "Valley Post"
    assert article.published == "2024-11-03"
    assert article.authors == ["Tomas Reyes", "Lena Okafor"]


@pytest.mark.parametrize("encoding", ["utf-8", "windows-1252", "iso-8859-15", "utf-16"])
def test_bytes_in_various_encodings_decode_to_the_same_text(encoding):
    charset = "utf-8" if encoding == "utf-16" else encoding  # a UTF-16 page announces itself with a BOM
    html = page(charset=charset, word="défectueux")
    data = html.encode(encoding)  # Python's utf-16 codec writes the BOM
    assert "défectueux meters" in extract_article(data).text


def test_the_declared_encoding_is_used_when_the_page_does_not_say():
    html = page(word="naïve").replace('<meta charset="utf-8">', "")
    assert "naïve meters" in extract_article(html.encode("cp1252"), encoding="windows-1252").text


def test_a_wrong_declared_encoding_does_not_garble_utf8():
    html = page(word="Zürich")
    assert "Zürich meters" in extract_article(html.encode("utf-8"), encoding="ascii").text


def test_a_single_byte_page_labelled_utf16_is_not_read_as_utf16():
    # Any even number of bytes "decodes" as UTF-16: the label alone must not be trusted.
    html = page(charset="utf-16", word="défectueux")
    data = html.encode("cp1252")
    data += b" " * (len(data) % 2)
    assert "défectueux meters" in extract_article(data, encoding="utf-16").text


def test_a_page_labelled_utf16_without_a_mark_is_read_as_utf16_when_it_is():
    html = page(charset="utf-16", word="défectueux")
    assert "défectueux meters" in extract_article(html.encode("utf-16-le"), encoding="utf-16le").text


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-32"])
def test_a_byte_order_mark_decides_over_the_label(encoding):
    html = page(word="défectueux")
    data = html.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    assert "défectueux meters" in extract_article(data, encoding="iso-8859-1").text


def test_an_article_inside_ten_thousand_nested_divs_is_extracted():
    body = page().split("<main>", 1)[1].split("</main>", 1)[0]
    deep = "<div>" * 10_000 + body + "</div>" * 10_000
    html = page().replace(body, deep)
    text = extract_article(html).text
    assert "meters had been misread." in text
    assert "fiasco" not in text



def test_flattening_keeps_ordinary_pages_byte_for_byte_and_drops_only_the_excess_wrappers():
    ordinary = page().replace("<main>", "<main>" + "<div>" * 40).replace("</main>", "</div>" * 40 + "</main>")
    assert flatten_deep_nesting(ordinary) == ordinary
    deep = "<div class='x'>" * (MAX_WRAPPER_DEPTH + 50) + "<p>text</p>" + "</div>" * (MAX_WRAPPER_DEPTH + 50)
    flat = flatten_deep_nesting(deep)
    assert flat.count("<div") == flat.count("</div>") == MAX_WRAPPER_DEPTH
    assert "<p>text</p>" in flat

@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>",
        "<html><body><p>Subscribe to keep reading.</p></body></html>",
        b"\x00\x01\x02\xff\xfe binary junk",
    ],
)
def test_no_article_body_raises_no_article_text(html):
    with pytest.raises(NoArticleText) as caught:
        extract_article(html)
    assert caught.value.user_message == "the page had no article text: paste the text instead"


def test_authors_split_on_semicolons_and_and():
    assert split_authors("Ann Lee; Bob Roe and  Cy Dee") == ["Ann Lee", "Bob Roe", "Cy Dee"]
    assert split_authors(None) == []


# --- `copydesk eval extraction` scoring, on a corpus we build here -----------------------


def test_shingle_scoring_counts_multisets_and_normalises_per_page():
    from copydesk_tools.evaluation.extraction import score_shingles

    body = "the board said on monday that leaks were understated"
    assert score_shingles(body, {"body": body}) == (1.0, 0.0, 0.0)
    assert score_shingles("nothing alike here at all", {"body": body}) == (0.0, 0.25, 0.75)  # 2 shingles against 6
    assert score_shingles("", {"body": ""}) == (0.0, 0.0, 0.0)


def test_segment_scoring_ignores_line_breaks_inside_a_segment():
    from copydesk_tools.evaluation.extraction import score_segments

    extracted = "First paragraph ends here.\nSecond one starts."
    expected = {"with": ["ends here. Second one", "missing words"], "without": ["First paragraph"]}
    assert score_segments(extracted, expected) == (1, 1, 1)


def test_eval_reads_the_public_benchmark_format(tmp_path):
    import gzip
    import json

    from copydesk_tools.evaluation.extraction import evaluate

    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "p1.html.gz").write_bytes(gzip.compress(page().encode()))
    reference = (
        "The regional water board said on Monday that it had understated pipe leaks by a third for five years, "
        "after an audit found faulty meters had been misread."
    )
    truth = {"p1": {"articleBody": reference, "url": "https://valley.example/news/leaks"}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    result = evaluate(tmp_path)
    assert result.items == 1 and "shingles" in result.dataset
    assert set(result.rows) == {"copydesk", "trafilatura (defaults)"}
    assert result.rows["copydesk"]["recall"] == 1.0  # every reference shingle was extracted
    assert 0.3 < result.rows["copydesk"]["precision"] < 1.0  # the other paragraphs are extra
