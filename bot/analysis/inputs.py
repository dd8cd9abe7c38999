"""Checking and normalising article text before the model sees it.

Bad input must give a clear message, never a crash: empty, binary and non-English text
raise typed errors; oversized text is cut at a paragraph or sentence boundary and the
report carries a notice saying so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.analysis.errors import BinaryInput, EmptyInput, NotEnglish
from bot.analysis.language import looks_english

# 60,000 characters is about 10,000 words: longer than any news article, short enough
# that one paste cannot hold a worker for long. Configurable via COPYDESK_MAX_CHARS.
DEFAULT_MAX_CHARS = 60_000

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # runs of letters: is there any language here?
# What an editor counts as a word: "7-2", "$2" and "don't" are one word each.
_COUNTED_WORD = re.compile(r"\w+(?:['’\-.,]\w+)*", re.UNICODE)
_CONTROL_OK = {"\n", "\t", "\r"}

@dataclass
class PreparedText:
    text: str
    notices: list[str] = field(default_factory=list)
    truncated: bool = False
    original_chars: int = 0


def prepare_text(raw: str | bytes, max_chars: int = DEFAULT_MAX_CHARS) -> PreparedText:
    """Validate and normalise `raw`; raise an InputError subclass when it cannot be analysed."""
    if isinstance(raw, bytes):
        if b"\x00" in raw[:4096]:
            raise BinaryInput("That looks like a binary file, not article text. Paste the text or a link.")
        raw = raw.decode("utf-8", errors="replace")
    text = _normalise(raw)
    if _looks_binary(text):
        raise BinaryInput("That looks like a binary file, not article text. Paste the text or a link.")
    if not _WORD.search(text):
        raise EmptyInput("There is no text to analyse. Paste an article or a link to one.")
    prepared = PreparedText(text=text, original_chars=len(text))
    if len(text) > max_chars:
        prepared.text = _cut(text, max_chars)
        prepared.truncated = True
        prepared.notices.append(
            f"The text was {len(text):,} characters; only the first {len(prepared.text):,} "
            f"(the limit is {max_chars:,}) were analysed."
        )
    if not looks_english(prepared.text):
        raise NotEnglish("Copydesk reads English articles only, and this text does not look English.")
    return prepared


def _normalise(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    # Collapse runs of blank lines to one paragraph break; strip trailing spaces per line.
    lines = [line.rstrip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return text.strip()


def _looks_binary(text: str) -> bool:
    sample = text[:20_000]
    if not sample:
        return False
    bad = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in _CONTROL_OK)
    )
    return bad / len(sample) > 0.05


def _cut(text: str, limit: int) -> str:
    """Cut at the last paragraph break before `limit`, else the last sentence end, else a space."""
    head = text[:limit]
    for boundary in ("\n\n", "\n", ". ", " "):
        at = head.rfind(boundary)
        if at > limit * 0.5:
            return head[: at + (1 if boundary == ". " else 0)].rstrip()
    return head


def word_count(text: str) -> int:
    return len(_COUNTED_WORD.findall(text))
