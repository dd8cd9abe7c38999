"""Fetching real pages from the local server: the private-address setting, extraction end
to end, encodings, conditional GET for the feed poller, and analyze(url=...)."""

from __future__ import annotations

import pytest

from bot.config import get_settings
from bot.fetch import ExtractedArticle, FetchPolicy, fetch_article
from bot.fetch import errors
from bot.fetch.safe_http import fetch_page


def settings_policy() -> FetchPolicy:
    """The policy a caller builds from its Settings (here the environment the test set)."""
    return FetchPolicy.from_settings(get_settings())


def test_private_addresses_are_refused_when_the_setting_is_unset(server_url, allow_private_setting):
    allow_private_setting(None)
    with pytest.raises(errors.AddressNotPublic):
        fetch_article(f"{server_url}/article", settings_policy())


def test_the_setting_allows_private_addresses(server_url, allow_private_setting):
    allow_private_setting("1")
    article = fetch_article(f"{server_url}/article", settings_policy())
    assert "night ferry" in article.text


def test_an_explicit_refusal_overrides_the_setting(server_url, allow_private_setting):
    allow_private_setting("1")
    with pytest.raises(errors.AddressNotPublic):
        fetch_article(f"{server_url}/article", settings_policy(), allow_private=False)


def test_metadata_stays_refused_with_the_setting_on(server_url, allow_private_setting):
    allow_private_setting("1")
    with pytest.raises(errors.AddressNotPublic):
        fetch_article(f"{server_url}/redirect?to=http://169.254.169.254/", settings_policy())


def test_an_article_is_fetched_and_extracted_end_to_end(server_url):
    article = fetch_article(f"{server_url}/redirect?to=/article", allow_private=True)
    assert isinstance(article, ExtractedArticle)
    assert article.url == f"{server_url}/article"  # the final URL, after the redirect
    assert article.title == "Harbour council approves night ferry trial"
    assert article.site == "The Coastal Ledger"
    assert article.published == "2025-06-12"
    assert article.authors == ["Mara Quinlan"]
    lines = article.text.splitlines()
    assert any(line.startswith("The harbour council voted 9-2") for line in lines)
    assert any(line.startswith('"Shift workers have waited') for line in lines)
    assert "Copyright" not in article.text and "Sport" not in article.text


def test_a_page_in_a_declared_legacy_encoding_reads_correctly(server_url):
    article = fetch_article(f"{server_url}/latin1-article", allow_private=True)
    assert "Varga Müller" in article.text


def test_a_page_without_a_content_type_is_read_when_it_is_html(server_url):
    article = fetch_article(f"{server_url}/untyped-article", allow_private=True)
    assert "night ferry" in article.text


def test_a_page_without_article_text_asks_for_the_text(server_url):
    with pytest.raises(errors.NoArticleText) as caught:
        fetch_article(f"{server_url}/empty-page", allow_private=True)
    assert caught.value.user_message == "the page had no article text: paste the text instead"


def test_conditional_get_returns_304_with_an_empty_body(server_url):
    first = fetch_page(f"{server_url}/conditional", allow_private=True, accept=("feed",))
    assert first.status == 200 and first.headers["etag"]  # headers are case-insensitive
    again = fetch_page(
        f"{server_url}/conditional", allow_private=True, accept=("feed",), headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status == 304 and again.not_modified and again.body == b""


def test_analyze_a_url_from_a_local_server_when_allowed(server_url, allow_private_setting, nlp):
    from bot.analysis import analyze

    allow_private_setting("1")
    report = analyze(url=f"{server_url}/article", fetcher=lambda link: fetch_article(link, settings_policy()))
    assert report.article.title == "Harbour council approves night ferry trial"
    assert report.article.site == "The Coastal Ledger"
    assert "night ferry" in report.article.text
    assert report.article.word_count > 50 and len(report.sentences) >= 5


def test_analyze_a_url_is_refused_when_not_allowed(server_url, allow_private_setting, nlp):
    from bot.analysis import analyze

    allow_private_setting(None)
    with pytest.raises(errors.AddressNotPublic):
        analyze(url=f"{server_url}/article", fetcher=lambda link: fetch_article(link, settings_policy()))
