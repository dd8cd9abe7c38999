from bot.slack.replies import plan_reads
from bot.slack.text import PASTE_MIN_WORDS, escape, link, parse_message


def test_links_with_labels_entities_and_mentions():
    parsed = parse_message(
        "<@UBOT> read <https://ex.com/a?x=1&amp;y=2|The story> for <@U1>, in <#C9|newsroom> &lt;3 &amp; more",
        bot_user_id="UBOT",
    )
    assert parsed.links == ["https://ex.com/a?x=1&y=2"]
    assert parsed.text == "read The story for @U1, in #newsroom <3 & more"
    assert parsed.mentioned_users == ["U1"]


def test_links_in_code_are_not_articles_but_quotes_are_read():
    parsed = parse_message("```curl https://api.example.com/x```\n&gt; <https://news.example.com/story>\n`https://c.d`")
    assert parsed.links == ["https://news.example.com/story"]
    assert "curl https://api.example.com/x" in parsed.text and not parsed.text.startswith(">")


def test_bare_urls_from_unescaped_slash_commands_lose_trailing_punctuation():
    parsed = parse_message("see https://ex.com/a, and (https://en.wikipedia.org/wiki/Foo_(bar)).")
    assert parsed.links == ["https://ex.com/a", "https://en.wikipedia.org/wiki/Foo_(bar)"]


def test_duplicate_links_and_non_web_links():
    parsed = parse_message("<https://ex.com/a> <https://ex.com/a|again> <mailto:a@b.org|write> <tel:123>")
    assert parsed.links == ["https://ex.com/a"]
    assert "write" in parsed.text


def test_a_long_text_is_a_paste_even_with_links_in_it():
    body = " ".join(["word"] * PASTE_MIN_WORDS) + " <https://ex.com/a>"
    parsed = parse_message(body)
    assert parsed.is_paste
    assert plan_reads(parsed, 3) == ([(None, parsed.text)], None)


def test_several_links_are_capped_with_a_notice():
    parsed = parse_message(" ".join(f"<https://ex.com/{i}>" for i in range(5)))
    reads, notice = plan_reads(parsed, 3)
    assert [url for url, _ in reads] == ["https://ex.com/0", "https://ex.com/1", "https://ex.com/2"]
    assert "first 3 of the 5 links" in notice
    assert plan_reads(parse_message(""), 3) == ([], None)


def test_paragraphs_survive_parsing():
    assert parse_message("Title\n\nFirst  paragraph.\nSecond.").text == "Title\n\nFirst paragraph.\nSecond."


def test_escape_and_link():
    assert escape("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert link("https://ex.com/?a=1&b=<2>|x", "R&D") == "<https://ex.com/?a=1&amp;b=%3C2%3E%7Cx|R&amp;D>"
