"""Turning the bytes of a web page into text, the way a browser would pick the encoding.

Order: byte-order mark; then UTF-8 if the bytes are valid UTF-8 (servers that still
announce ISO-8859-1 by default while serving UTF-8 are common, and real Latin-1 text is
almost never valid UTF-8 by accident); then the charset the server declared; then the page's
own <meta charset>; then a statistical guess, and windows-1252 as the last resort (what
browsers fall back to for old Western pages). A declared charset that cannot decode the
bytes is ignored rather than trusted.

A UTF-16 or UTF-32 label without a byte-order mark is believed only when the bytes look like
it: markup in those encodings is full of zero bytes (every ASCII "<" is "<\\0"). A page of
single-byte text labelled UTF-16 would otherwise "decode" without error into a screen of CJK
characters (any even number of bytes is valid UTF-16), and the article would be lost. A
`<meta charset=utf-16>` is never believed: the meta itself was readable as ASCII, so the
page is not UTF-16 (browsers read it as UTF-8 for the same reason).
"""

from __future__ import annotations

import codecs
import re

# A dependency of trafilatura (ours too: pyproject.toml), so always installed with Copydesk.
from charset_normalizer import from_bytes

# UTF-32 first: its little-endian mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WIDE = re.compile(r"^(utf|ucs)-?(16|32|2|4)(-?[lb]e)?$")
# Real UTF-16 markup is about half zero bytes; single-byte text has none.
_MIN_ZERO_SHARE = 0.2
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `data` names, if there is one."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode_html(data: bytes, declared: str | None = None) -> str:
    by_mark = bom_encoding(data)
    if by_mark is not None:
        return data.decode(by_mark, errors="replace")
    meta = _meta_charset(data)
    for candidate in ("utf-8", declared, None if _is_wide(meta) else meta):
        if _is_wide(candidate) and not _looks_wide(data):
            continue  # an impossible label: the bytes are not UTF-16 or UTF-32
        text = _strict(data, candidate)
        if text is not None:
            return text
    guessed = _guess(data)
    if guessed is not None:
        return guessed
    return data.decode("cp1252", errors="replace")


def _meta_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def _is_wide(encoding: str | None) -> bool:
    return bool(encoding) and bool(_WIDE.match(encoding.strip().lower()))


def _looks_wide(data: bytes) -> bool:
    head = data[:4096]
    return bool(head) and head.count(0) >= _MIN_ZERO_SHARE * len(head)


def _strict(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    encoding = encoding.strip().lower()
    # Browsers read a page labelled ISO-8859-1 or ASCII as windows-1252; so do we.
    if encoding in ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"):
        encoding = "cp1252"
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def _guess(data: bytes) -> str | None:
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
