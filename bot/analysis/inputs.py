"""Checking and normalising article text before the model sees it.

Bad input must give a clear message, never a crash: empty, binary and non-English text
raise typed errors; oversized text is cut at a paragraph or sentence boundary and the
report carries a notice saying so.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from bot.analysis.errors import BinaryInput, EmptyInput, InputError, NotEnglish
from bot.analysis.language import looks_english
from bot.fetch.charset import bom_encoding

# 60,000 characters is about 10,000 words: longer than any news article, short enough
# that one paste cannot hold a worker for long. Configurable via COPYDESK_MAX_CHARS.
DEFAULT_MAX_CHARS = 60_000
# Characters alone do not bound the work: the parse costs by the token and the stages after
# it by the sentence, and 60,000 characters of "It is." lines are 8,500 sentences (689 MB
# peak). 60,000 characters of prose (11,500 tokens) still peaked at 440 MB; 8,000 tokens
# (about 7,000 words: a long feature is 3,000 to 5,000) in at most 2,000 sentences (wire
# tables: a line is a sentence) keep any input under 400 MB.
MAX_TOKENS = 8_000
MAX_SENTENCES = 2_000
# Normalising a huge paste would copy it several times before the cut: look at no more
# than this many times the limit.
_RAW_SLACK = 4

# Where a sentence ends, roughly: end punctuation (and closing quotes) before a space, or a
# line break, which Copydesk treats as a sentence boundary ("It is." and its line break are one end).
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?:[ \t]*\n+|[ \t]+)|\n+")
_SURROGATES = re.compile("[\ud800-\udfff]")

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)  # runs of letters: is there any language here?
# What an editor counts as a word: "7-2", "$2" and "don't" are one word each.
_COUNTED_WORD = re.compile(r"\w+(?:['’\-.,]\w+)*", re.UNICODE)
_CONTROL_OK = {"\n", "\t", "\r"}
# Roughly spaCy's tokens: words, and each punctuation mark or symbol on its own ("7-2" is three).
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)

@dataclass
class PreparedText:
    text: str
    notices: list[str] = field(default_factory=list)
    truncated: bool = False
    original_chars: int = 0


def decode_bytes(raw: bytes) -> str:
    """Text from bytes: by the byte-order mark when there is one, else UTF-8 (bad bytes replaced)."""
    return raw.decode(bom_encoding(raw) or "utf-8", errors="replace")


def prepare_text(raw: str | bytes, max_chars: int = DEFAULT_MAX_CHARS) -> PreparedText:
    """Validate and normalise `raw`; raise an InputError subclass when it cannot be analysed."""
    if isinstance(raw, bytes):
        # NUL bytes mean binary, unless a BOM says UTF-16 or UTF-32, where they are normal.
        if bom_encoding(raw) is None and b"\x00" in raw[:4096]:
            raise BinaryInput("That looks like a binary file, not article text. Paste the text or a link.")
        raw = decode_bytes(raw)
    if not isinstance(raw, str):
        raise InputError(f"The article must be text, not {describe_type(raw)}.")
    original_chars = len(raw)
    text = _normalise(raw[: max_chars * _RAW_SLACK])
    if _looks_binary(text):
        raise BinaryInput("That looks like a binary file, not article text. Paste the text or a link.")
    if not _WORD.search(text):
        raise EmptyInput("There is no text to analyse. Paste an article or a link to one.")
    prepared = PreparedText(text=text, original_chars=len(text) if len(raw) <= max_chars * _RAW_SLACK else original_chars)
    limit, unit = _limit(text, max_chars)
    if len(text) > limit:
        prepared.text = _cut(text, limit)
        prepared.truncated = True
        prepared.notices.append(
            f"The text was {prepared.original_chars:,} characters; only the first {len(prepared.text):,} "
            f"(the limit is {unit}) were analysed."
        )
    if not looks_english(prepared.text):
        raise NotEnglish("Copydesk reads English articles only, and this text does not look English.")
    return prepared


def describe_type(value: object) -> str:
    """A value's type in a reader's words, for messages about a field of the wrong type."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "nothing" if value is None else f"a {type(value).__name__}"


def _limit(text: str, max_chars: int) -> tuple[int, str]:
    """The character offset the work must stop at, and the limit that set it, in words."""
    limits = [(max_chars, f"{max_chars:,} characters")]
    for pattern, most, unit in ((_TOKEN, MAX_TOKENS, "words and symbols"), (_SENTENCE_END, MAX_SENTENCES, "sentences")):
        last = next(itertools.islice(pattern.finditer(text, 0, max_chars), most - 1, None), None)
        if last is not None and last.end() < len(text):
            limits.append((last.end(), f"{most:,} {unit}"))
    return min(limits)


def _normalise(raw: str) -> str:
    # A lone surrogate (from a broken JSON escape or a bad paste) cannot be encoded as UTF-8,
    # so it would break hashing, storage and output: it becomes U+FFFD like any bad byte.
    raw = _SURROGATES.sub("\ufffd", raw)
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
    # A stray replacement character or two (a bad byte, a lone surrogate) in a short paste is
    # damage, not a binary file.
    return bad > max(2, 0.05 * len(sample))


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
