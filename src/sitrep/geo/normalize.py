"""Name keys that make transliterations of one place meet in the gazetteer index.

"al-Mayadin", "Al Mayādīn" and "Mayadin" must find the same record, and so must
"Deir Ezzor", "Deir ez-Zor" and "Dayr az Zawr". Four keys, from strict to loose:
``fold`` (case, diacritics, punctuation), ``strip_articles`` (Arabic article
particles), ``translit`` (spelling variants: ou/u, doubled letters, a final -ah) and
``skeleton`` (consonant outline, for vowel spellings).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# letters NFKD does not decompose into ASCII
_SPECIAL = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)
_APOSTROPHES = re.compile(r"['’‘`´ʿʾʼʻ]")
_SEPARATORS = re.compile(r"[\s\-‐‑–—_.,/()]+")
# Arabic article and its sun-letter assimilations, as transliterated in news and GeoNames
ARTICLES = frozenset(
    {"al", "el", "il", "ul", "ad", "adh", "ash", "as", "ar", "at", "ath", "az", "an", "ed", "es",
     "er", "et", "ez", "en", "esh", "ech", "l"}
)  # fmt: skip
_LATIN_KEY = re.compile(r"^[a-z0-9 ]+$")


@lru_cache(maxsize=1 << 16)  # ranking folds the same place names many times per article
def fold(name: str) -> str:
    """Lower-case ASCII form: diacritics, apostrophes and hyphens removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name.casefold()).translate(_SPECIAL)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


def is_latin_key(key: str) -> bool:
    """True for keys that English news could spell (drops Arabic, Cyrillic, CJK aliases)."""
    return bool(key) and _LATIN_KEY.match(key) is not None


def strip_articles(key: str) -> str:
    """Drop Arabic article tokens ("al mayadin" → "mayadin", "deir ez zor" → "deir zor")."""
    tokens = key.split()
    kept = [t for t in tokens if t not in ARTICLES]
    return " ".join(kept) if kept else key


def _token_skeleton(token: str) -> str:
    token = token.replace("q", "k").replace("c", "k").replace("ph", "f")
    head, tail = token[:1], token[1:]
    tail = re.sub(r"[aeiouyw]", "", tail.replace("h", ""))
    head = "" if head in "aeiouyw" else head
    return re.sub(r"(.)\1+", r"\1", head + tail)


def skeleton(key: str) -> str:
    """Consonant outline of an article-free key ("dayr zawr", "deir ezzor" → "drzr").

    Word breaks are dropped too: "Salahuddin" and "Salah ad Din" meet.
    """
    return "".join(_token_skeleton(t) for t in strip_articles(key).split())


def translit(key: str) -> str:
    """One spelling of an article-free key's transliteration variants, vowels kept: "makhmour"
    and "makhmur", "hawija" and "hawijah", "ain issa" and "ayn isa", "maadan" and "madan".

    Stricter than :func:`skeleton` (which "Makhmour" shares with Metsamor and Maikammer).
    """
    out = []
    for token in key.split():
        token = token.replace("ou", "u").replace("oo", "u").replace("ee", "i")
        token = token.replace("ai", "ay").replace("ei", "ay").replace("ey", "ay")
        token = re.sub(r"(.)\1+", r"\1", token)  # "issa", "maadan", "shaddadi"
        out.append(re.sub(r"(?<=[ae])h$", "", token))  # the final -ah/-eh of "Hawijah"
    return " ".join(out)


def keys(name: str) -> tuple[str, str]:
    """The exact and the article-free key of a name."""
    folded = fold(name)
    return folded, strip_articles(folded)
