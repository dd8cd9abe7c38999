"""Is this text English? A maintained language identifier (py3langid), asked carefully.

Copydesk refuses a text only when it is confidently another language: a refused English
article loses its whole analysis, while a stray foreign one only gets a poor report.
Wire copy is full of text a language identifier misreads: results tables and market
listings are mostly names and numbers, and names are not English or any other language.
So the identifier is shown the lower-case words when there are enough of them (names,
tickers and table cells are capitalised or digits), else every word case-folded (Title
Case and ALL CAPS headlines), and text with too few words to judge is accepted.

py3langid was picked over lingua-language-detector and gcld3 by accuracy and speed on
`language_dev/` (figures in the README's "Input limits" section). Its model ships inside
the package and is loaded once per process, offline.
"""

from __future__ import annotations

import re
import threading

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Fewer words than this (a name, a score line) cannot be judged: accept.
MIN_WORDS = 3
# With at least this many lower-case words, judge on them alone.
MIN_LOWER_WORDS = 5
# Refuse only when the identifier gives English less than a 1% chance.
MIN_ENGLISH_PROBABILITY = 0.01
# The opening of a text is enough to know its language, and bounds the cost on long input.
JUDGED_CHARS = 5_000

_LETTERS = re.compile(r"[^\W\d_]{2,}", re.UNICODE)  # words of two letters or more, no digits

_identifier: LanguageIdentifier | None = None
_lock = threading.Lock()


def _get_identifier() -> LanguageIdentifier:
    global _identifier
    with _lock:
        if _identifier is None:
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def judged_words(text: str) -> list[str]:
    """The words the identifier is shown, or [] when there are too few to judge."""
    words = _LETTERS.findall(text[:JUDGED_CHARS])
    if len(words) < MIN_WORDS:
        return []
    lower = [w for w in words if w == w.lower()]
    # Caseless scripts (Chinese, Arabic, Bengali) have only "lower-case" words; that is fine.
    if len(lower) >= MIN_LOWER_WORDS:
        return lower
    # A Title Case or ALL CAPS headline is judged case-folded; a listing of capitalised names
    # among numbers ("Nasdaq 18,112.09 -0.2%") is not language at all.
    if len(words) < len(text[:JUDGED_CHARS].split()) / 2:
        return []
    return [w.lower() for w in words]


def english_probability(text: str) -> float | None:
    """The identifier's probability that `text` is English; None when there is too little to judge."""
    words = judged_words(text)
    if not words:
        return None
    ranked = dict(_get_identifier().rank(" ".join(words)))
    return ranked.get("en", 0.0)


def looks_english(text: str) -> bool:
    """False only when the text is confidently another language."""
    probability = english_probability(text)
    return probability is None or probability >= MIN_ENGLISH_PROBABILITY
