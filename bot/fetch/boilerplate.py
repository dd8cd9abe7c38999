"""Lines of a page that talk to the reader about the site, not about the story.

trafilatura keeps a paragraph when it sits inside the article's markup, so the sign-up box,
the paywall notice, the affiliate disclosure and the copyright line that publishers put
inside the article body come out as paragraphs of the story: and then as "claims" to check.
A line is dropped when it is such a notice, judged by what any site's notice says, never by
a site's name:

- it asks the reader to act on the site: sign up, subscribe, donate, follow us, download our
  app, write a letter to the editor, advertise with us;
- it is a legal or commercial notice: copyright, "all rights reserved", "we may receive
  compensation", "contains references to products from our advertisers";
- it is a paywall's notice: "subscribe to read the full story", "log in for access";
- it is a bare page label: "Last modified: ...", "Release date:", "Category: ...", "Credit: ...",
  or a box's heading ("Weekly Newsletter").

The call to action must be the site speaking ("our", "us") or open with the verb, so a news
paragraph about a company's subscribers, or telling readers they can sign up for a product,
stays. Long lines are
kept whatever they say: a notice is short.
"""

from __future__ import annotations

import re

MAX_NOTICE_WORDS = 60

_ACTION = re.compile(
    r"\b(sign(?:ing)?[ -]up|subscribe|subscribers?|subscription|newsletter|donate|"
    r"follow (?:us|[\w@ .]{1,40}) on (?:twitter|facebook|instagram|linkedin|tiktok|youtube)|"
    r"download (?:the|our)\b.*\bapps?\b|letters? to the editor|advertise with|"
    r"support(?:ing)? our (?:work|journalism)|never miss)\b",
    re.IGNORECASE,
)
# The site speaking ("our newsletter", "support us") or an imperative opening ("Sign up", "Subscribe
# now"): "you" alone is not enough, since stories tell readers what they can do too ("you can
# sign up to be notified when it ships").
_READER = re.compile(r"\b(our|us)\b|^\W*(sign up|subscribe|donate|follow|download|submit|get|never)\b", re.I)
# A paywall's own words.
_PAYWALL = re.compile(r"\b(?:read|view|for) the full (?:story|article)\b|\blog in for (?:immediate )?access\b", re.I)
# "download our apps for iOS and Android": the site's own app, whoever is speaking.
_APP = re.compile(r"\bdownload\b.*\bapps?\b.*\b(?:ios|android|app store|google play)\b", re.IGNORECASE)
# A box's heading: "PC Gamer Newsletter", "Newsletters".
_HEADING = re.compile(r"^\W*(?:\w+\W+){0,3}newsletters?\W*$", re.IGNORECASE)
_LEGAL = re.compile(
    r"©|\ball rights reserved\b|\bcopyright(?:ed)? (?:property|\d{4}|©)|"
    r"\bwe may (?:receive|earn) (?:compensation|a commission)\b|\bfrom (?:one or more of )?our advertisers\b",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\W*(last modified|release date|category|news date|(?:photo )?credit)\s*:", re.IGNORECASE)
_LABEL_ANYWHERE = re.compile(r"\b(last modified|release date)\s*:", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def is_notice(line: str) -> bool:
    """Is this line the site talking to its reader (a sign-up box, a legal notice, a page label)?"""
    if len(_WORD.findall(line)) > MAX_NOTICE_WORDS:
        return False
    if any(p.search(line) for p in (_LEGAL, _LABEL, _LABEL_ANYWHERE, _PAYWALL, _HEADING, _APP)):
        return True
    return bool(_ACTION.search(line)) and bool(_READER.search(line))


def drop_boilerplate(text: str) -> str:
    """`text` (one paragraph a line) without the lines that are the site's notices."""
    return "\n".join(line for line in text.splitlines() if not is_notice(line))
