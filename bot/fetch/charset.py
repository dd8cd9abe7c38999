"""Turning the bytes of a web page into text, the way a browser would pick the encoding.

Order: byte-order mark; then UTF-8 if the bytes are valid UTF-8 (servers that still
announce ISO-8859-1 by default while serving UTF-8 are common, and real Latin-1 text is
almost never valid UTF-8 by accident); then the charset the server declared; then the page's
own <meta charset>; then a statistical guess, and windows-1252 as the last resort (what
browsers fall back to for old Western pages). A declared charset that cannot decode the
bytes is ignored rather than trusted.
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    for candidate in ("utf-8", declared, _meta_charset(data)):
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
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None
