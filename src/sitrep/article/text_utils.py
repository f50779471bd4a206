"""Small text helpers shared by the article stage: hashing, language, decoding."""

from __future__ import annotations

import hashlib
import re

import numpy
import py3langid
import py3langid.langid

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (Unicode-aware): the unit of hashing and comparison."""
    return _TOKEN.findall(text.casefold())


# Scripts written without spaces between words (Han, kana, Thai, Lao, Khmer, Myanmar).
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]"
)


def word_count(text: str) -> int:
    """Words in any script: whitespace-separated tokens, with text in scripts that do not space
    their words counted at two characters a word (a Japanese article is not "20 words")."""
    unspaced = len(_UNSPACED.findall(text))
    return len(text.split()) + unspaced // 2


def content_hash(text: str) -> str:
    """sha256 of the text's words: the same story with other whitespace/case hashes the same."""
    return hashlib.sha256(" ".join(tokens(text)).encode("utf-8")).hexdigest()


def detect_language(text: str, fallback: str | None = None) -> str | None:
    """ISO 639-1 code from py3langid; ``fallback`` (e.g. the page's lang attribute) when unsure."""
    sample = text[:2000]  # enough for a stable answer; cost grows with length
    if len(tokens(sample)) < 5:
        return _iso(fallback)
    short = len(tokens(sample)) < 25
    if short and fallback:
        return _iso(fallback) or _classify(sample)
    return _classify(sample, prefer="en" if short else None)


# A short text's answer is noisy ("Cartel gunmen ambushed police in Michoacan" reads 0.66
# Dutch, 0.18 English): a language the pipeline codes wins when it is this close a contender.
_UNSURE, _CONTENDER = 0.9, 0.1


def _classify(text: str, prefer: str | None = None) -> str:
    """py3langid's answer, computed on the text's own features only.

    Why not ``py3langid.classify``: it multiplies a dense 7,480-feature vector (mostly zeros)
    by the whole model matrix, casting the matrix on every call; the rows of the features present
    give the same scores at a quarter of the cost (checked in tests against ``classify``).
    """
    if py3langid.langid.IDENTIFIER is None:
        py3langid.classify("")  # loads the model once
    model = py3langid.langid.IDENTIFIER
    features = model.instance2fv(text)
    present = numpy.flatnonzero(features)
    scores = features[present].astype(model.nb_ptc.dtype) @ model.nb_ptc[present] + model.nb_pc
    top = int(numpy.argmax(scores))
    if prefer is not None and prefer in model.nb_classes:
        probs = numpy.exp(scores - scores[top])
        probs /= probs.sum()
        wanted = list(model.nb_classes).index(prefer)
        if probs[top] < _UNSURE and probs[wanted] >= _CONTENDER:
            return prefer
    return str(model.nb_classes[top])


def _iso(code: str | None) -> str | None:
    if not code:
        return None
    head = code.strip().lower().replace("_", "-").split("-")[0]
    return head if re.fullmatch(r"[a-z]{2}", head) else None


def decode(
    content: bytes | str, encoding: str | None = None, content_type: str | None = None
) -> str:
    """Bytes to text: the given encoding, else the page's own declaration if the body decodes
    with it (header charset, ``<meta charset>``), else UTF-8, else detection; then UTF-8 that
    was decoded twice repaired (:func:`repair_mojibake`). Never raises."""
    return repair_mojibake(_decode(content, encoding, content_type))


# UTF-8 read as Latin-1 ("’" → "â\x80\x99"): one UTF-8 character's bytes, each now a character.
_MOJIBAKE = re.compile("[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# The evidence: general punctuation (’ “ ” – — …) twice encoded, "â" then the C1 control \x80,
# which no writer types. A substring test (C speed): a character-class scan of every page cost 2%
# of the stage.
_TWICE_ENCODED = "\xe2\x80"
# The same bytes read as Windows-1252 ("’" → "â€™"), often written as entities
# ("&acirc;&euro;&trade;", so only the parsed text shows them): "â" then "€", which no writer
# types either. Its continuation characters are Windows-1252's readings of the bytes 80–BF.
_CP1252_TWICE = "\xe2\u20ac"
_CP1252_BYTE = {bytes([b]).decode("cp1252", "ignore") or chr(b): b for b in range(0x80, 0xC0)}
_CONT = "".join(re.escape(ch) for ch in _CP1252_BYTE)
_CP1252_MOJIBAKE = re.compile(
    f"[\xc2-\xdf][{_CONT}]|[\xe0-\xef][{_CONT}]{{2}}|[\xf0-\xf4][{_CONT}]{{3}}"
)


def repair_mojibake(text: str) -> str:
    """Text whose UTF-8 was decoded a second time as Latin-1 or Windows-1252 (a page saved
    twice-encoded: "Investorâ\x80\x99s", "Googleâ€™s"), repaired character by character;
    untouched without the evidence above (so "Ã©" in real Latin-1 text stays)."""
    if _TWICE_ENCODED in text:
        text = _MOJIBAKE.sub(_redecode, text)
    if _CP1252_TWICE in text:
        text = _CP1252_MOJIBAKE.sub(_redecode_cp1252, text)
    return text


def _redecode(match: re.Match[str]) -> str:
    try:
        return match.group().encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def _redecode_cp1252(match: re.Match[str]) -> str:
    raw = bytes(_CP1252_BYTE.get(ch, ord(ch)) for ch in match.group())
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def _decode(content: bytes | str, encoding: str | None, content_type: str | None) -> str:
    if isinstance(content, str):
        return content
    if not encoding:
        from sitrep.fetch.charset import resolve_encoding

        encoding, _ = resolve_encoding(content_type, content)
    for candidate in (encoding, "utf-8"):
        if not candidate:
            continue
        try:
            return content.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(content[:200_000]).best()
    name = best.encoding if best else "utf-8"
    return content.decode(name, errors="replace")
