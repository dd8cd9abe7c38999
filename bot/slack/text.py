"""Slack message text to what an article reader needs: the links, and the plain text.

Slack sends mrkdwn with its own escaping: `<https://url|label>` links, `<@U123>` user and
`<#C123|name>` channel mentions, `<!here>` specials, `&amp; &lt; &gt;` for the three characters it
reserves, ``` code blocks and `>` quotes. Links inside code are quoted code, not articles.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

# Below this many words besides the links, a message is "read these links"; above, it is a paste.
PASTE_MIN_WORDS = 40

_ANGLE = re.compile(r"<([^<>\s|]+)(?:\|([^<>]*))?>")
_CODE_BLOCK = re.compile(r"```(.*?)```", re.S)
_INLINE_CODE = re.compile(r"`([^`\n]*)`")
_BARE_URL = re.compile(r"(?<![\w/<|])https?://[^\s<>|]+", re.I)
_QUOTE_LINE = re.compile(r"^(?:&gt;|>)\s?", re.M)
_TRAILING_PUNCTUATION = ".,;:!?)]}'\""


@dataclass
class ParsedMessage:
    links: list[str] = field(default_factory=list)  # http(s) links, in order, without duplicates
    text: str = ""  # the message as plain text: labels for links, names for mentions, unescaped
    mentioned_users: list[str] = field(default_factory=list)

    @property
    def prose_words(self) -> int:
        """Words in the text other than the links themselves."""
        return len([word for word in self.text.split() if not word.lower().startswith(("http://", "https://"))])

    @property
    def is_paste(self) -> bool:
        """True when the message is an article pasted as text rather than a request to read links."""
        return self.prose_words >= PASTE_MIN_WORDS or (not self.links and self.prose_words > 0)


def _is_web_link(target: str) -> bool:
    return target.lower().startswith(("http://", "https://"))


def _clean_bare_url(url: str) -> str:
    while url and url[-1] in _TRAILING_PUNCTUATION:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break  # a Wikipedia-style URL keeps its balanced closing parenthesis
        url = url[:-1]
    return url


def parse_message(raw: str | None, *, bot_user_id: str | None = None) -> ParsedMessage:
    """Parse Slack message text. A mention of `bot_user_id` is dropped from the text."""
    parsed = ParsedMessage()
    if not raw:
        return parsed
    code_spans: list[str] = []

    def keep_code(match: re.Match[str]) -> str:
        code_spans.append(match.group(1))
        return f"\x00{len(code_spans) - 1}\x00"

    # Code first: nothing inside it is a link or a mention.
    text = _CODE_BLOCK.sub(keep_code, raw)
    text = _INLINE_CODE.sub(keep_code, text)
    text = _QUOTE_LINE.sub("", text)

    def replace_angle(match: re.Match[str]) -> str:
        target, label = match.group(1), match.group(2)
        if target.startswith("@"):
            user = target[1:]
            if user != bot_user_id:
                parsed.mentioned_users.append(user)
            return "" if user == bot_user_id else f"@{label or user}"
        if target.startswith("#"):
            return f"#{label or target[1:]}"
        if target.startswith("!"):
            special = target[1:].split("^", 1)[0]
            return label or (f"@{special}" if special in ("here", "channel", "everyone") else "")
        if _is_web_link(target):
            url = html.unescape(target)
            if url not in parsed.links:
                parsed.links.append(url)
            return label if label and label != target else url
        return label or target  # mailto:, tel: and the like are text, not articles

    text = _ANGLE.sub(replace_angle, text)
    for match in _BARE_URL.finditer(text):  # slash-command text arrives without <...> when unescaped
        url = html.unescape(_clean_bare_url(match.group(0)))
        if url not in parsed.links:
            parsed.links.append(url)
    text = re.sub(r"\x00(\d+)\x00", lambda m: code_spans[int(m.group(1))], text)
    text = html.unescape(text)
    # Tidy spaces left by removed mentions without joining the paragraphs a line break makes.
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    parsed.text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return parsed


def unescape(text: str) -> str:
    """Slack's escaping undone (it escapes only &, < and >): what the user typed in a slash command."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def escape(text: str) -> str:
    """Escape text for Slack mrkdwn: only &, < and > are reserved."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str | None = None) -> str:
    safe = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"<{safe}|{escape(label)}>" if label else f"<{safe}>"
