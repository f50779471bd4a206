"""Which encoding a body is really in: declared (header, meta) versus what decodes."""

from __future__ import annotations

import codecs
import re

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w:.-]+)""", re.IGNORECASE)


def _norm(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def declared_charset(content_type: str | None, body: bytes) -> str | None:
    """Charset from the Content-Type header, else ``<meta charset>``/XML declaration."""
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([\w:.-]+)", content_type, re.IGNORECASE)
        if match and _norm(match.group(1)):
            return _norm(match.group(1))
    head = body[:4096]
    for pattern in (_XML, _META):
        match = pattern.search(head)
        if match and _norm(match.group(1).decode("ascii", "ignore")):
            return _norm(match.group(1).decode("ascii", "ignore"))
    return None


def resolve_encoding(content_type: str | None, body: bytes) -> tuple[str, str | None]:
    """(encoding that decodes the body, declared encoding).

    A declaration is trusted only if the body decodes with it; a page declaring latin-1 while
    sending UTF-8 (common) decodes as UTF-8. Else charset detection (charset-normalizer).
    """
    declared = declared_charset(content_type, body)
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8", declared
    strict_utf8 = _decodes(body, "utf-8")
    if declared and declared != "utf-8" and strict_utf8 and not body.isascii():
        # single-byte declarations decode anything; valid multi-byte UTF-8 is the stronger proof
        return "utf-8", declared
    if declared and _decodes(body, declared):
        return declared, declared
    if strict_utf8:
        return "utf-8", declared
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return (_norm(best.encoding) if best else None) or "utf-8", declared


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True
