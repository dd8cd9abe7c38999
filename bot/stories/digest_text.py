"""A digest as plain text: what `copydesk digest CHANNEL` prints, and the notification fallback."""

from __future__ import annotations

from bot.stories.digest import DigestContent


def digest_text(content: DigestContent) -> str:
    if not content.has_stories:
        return f"No stories are tracked in {content.channel_id}."
    since = content.since.strftime("%Y-%m-%d %H:%M UTC") if content.since else "the start"
    lines = [f"Copydesk digest for {content.channel_id}: since {since}", ""]
    for news in content.news:
        lines.append(f"== {news.name}: {news.article_count} new article(s)")
        for article in news.articles:
            site = f" ({article.site})" if article.site else ""
            lines.append(f"  - {article.title}{site} {article.url or ''}".rstrip())
            if article.why:
                lines.append(f"      matched: {'; '.join(article.why)}")
        if news.article_count > len(news.articles):
            lines.append(f"  - ...and {news.article_count - len(news.articles)} more")
        if news.facts:
            lines.append("  New facts:")
            lines += [f"    * {fact}" for fact in news.facts]
        if news.new_actors:
            more = f" and {news.more_actors} more" if news.more_actors else ""
            lines.append("  New actors: " + ", ".join(news.new_actors) + more)
        if news.open_claims:
            lines.append("  Unchecked claims:")
            lines += [f"    ! {claim.text} [{claim.reason}]" for claim in news.open_claims]
            if news.more_claims:
                lines.append(f"    ...and {news.more_claims} more")
        lines.append("")
    if content.quiet:
        lines.append("No news: " + "; ".join(f"{story.name} ({_last_news(story)})" for story in content.quiet))
    return "\n".join(lines).rstrip() + "\n"


def _last_news(story) -> str:
    return f"last news {story.last_article_at:%d %b}" if story.last_article_at else "no articles yet"
