"""The actor dictionary (dbt seed ``actor_dictionary.csv``) and name lookup.

The seed is data an analyst edits; this module only reads it. Lookups forgive case, "al-"/"el-"
prefixes, hyphens, curly apostrophes and accents, and near spellings (rapidfuzz).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

SEED_COLUMNS = [
    "actor_id",
    "name",
    "aliases",
    "actor_type",
    "country_code",
    "backer_country_code",
    "wikidata_id",
    "parent_actor_id",
    "description",
]
FUZZY_CUTOFF = 90
LOOKUP_MEMO_SIZE = 100_000  # names remembered by ``ActorDictionary.lookup`` (then forgotten)
_ARTICLE_PREFIX = re.compile(r"^(?:the|al|el|ad|ar|as|ash|an|at|az|ed|es|et|ez)\s+")


def default_seed_path() -> Path:
    """The seed inside the dbt project of this checkout (a caller with settings passes its own)."""
    from sitrep.reference import CHECKOUT

    return CHECKOUT.actor_dictionary


@dataclass(frozen=True)
class ActorEntry:
    """One row of the actor dictionary."""

    actor_id: str
    name: str
    aliases: tuple[str, ...]
    actor_type: str
    country_code: str | None
    backer_country_code: str | None
    wikidata_id: str | None
    parent_actor_id: str | None


def normalize_name(text: str) -> str:
    """Fold a name for lookup: accents, case, quotes, hyphens and a leading article or al-."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-‐–—_/]", " ", text)
    text = re.sub(r"[^\w' ]+", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    previous = None
    while previous != text:
        previous, text = text, _ARTICLE_PREFIX.sub("", text)
    return text.replace("'", "")


def is_contextual(alias: str, entry: ActorEntry) -> bool:
    """Aliases that only count when the article is about the actor's country.

    All-lower-case aliases ("regime forces") and very short acronyms ("SDF") are ambiguous
    across conflicts; IGOs, NGOs and monitors are exempt because they act everywhere.
    """
    if entry.actor_type in {"igo", "ngo", "media_monitor"} or not entry.country_code:
        return False
    return alias == alias.lower() or (len(alias) <= 3 and alias.isupper())


class ActorDictionary:
    """Every actor the seed knows, indexed by normalized name and alias."""

    def __init__(self, entries: list[ActorEntry]) -> None:
        self.entries = {e.actor_id: e for e in entries}
        self._by_key: dict[str, ActorEntry] = {}
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                key = normalize_name(alias)
                if key and not is_contextual(alias, entry):
                    self._by_key.setdefault(key, entry)
        self._fuzzy_keys = [k for k in self._by_key if len(k) >= 6]
        # the same names recur within and across articles; the fuzzy search is the slow part
        self._found: dict[tuple[str, bool], ActorEntry | None] = {}

    @classmethod
    def load(cls, path: Path | None = None) -> ActorDictionary:
        """Read the seed CSV (missing file → empty dictionary, so extraction still runs)."""
        path = path or default_seed_path()
        if not path.exists():
            return cls([])
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        return cls([_entry(row) for row in rows if row.get("actor_id")])

    def get(self, actor_id: str | None) -> ActorEntry | None:
        """The entry with this id, if any."""
        return self.entries.get(actor_id) if actor_id else None

    def lookup(self, text: str, *, fuzzy: bool = True) -> ActorEntry | None:
        """Exact lookup on the folded name, then a near-spelling match (rapidfuzz)."""
        memo_key = (text, fuzzy)
        if memo_key in self._found:
            return self._found[memo_key]
        if len(self._found) >= LOOKUP_MEMO_SIZE:
            self._found.clear()
        found = self._found[memo_key] = self._lookup(text, fuzzy)
        return found

    def _lookup(self, text: str, fuzzy: bool) -> ActorEntry | None:
        key = normalize_name(text)
        if not key:
            return None
        hit = self._by_key.get(key)
        if hit or not fuzzy or len(key) < 6:
            return hit
        best = process.extractOne(
            key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self._by_key[best[0]] if best else None

    def phrase_patterns(self) -> list[tuple[str, str, bool]]:
        """(pattern text, actor_id, contextual) for every alias and its al-/hyphen variants."""
        out: list[tuple[str, str, bool]] = []
        for entry in self.entries.values():
            if entry.actor_id.startswith("gen_"):
                continue
            for alias in (entry.name, *entry.aliases):
                contextual = is_contextual(alias, entry)
                for variant in spelling_variants(alias):
                    out.append((variant, entry.actor_id, contextual))
        return out


def spelling_variants(alias: str) -> set[str]:
    """The spellings news uses for one alias: al-X / al X / Al-X / X, ' for ’."""
    variants = {alias, alias.replace("’", "'"), alias.replace("'", "’")}
    for v in list(variants):
        m = re.match(r"^(?i:(al|el|ad|ar|as|ash|an|az))[- ](.+)$", v)
        if m:
            rest = m.group(2)
            for prefix in ("al", "Al", "el", "El"):
                variants.update({f"{prefix}-{rest}", f"{prefix} {rest}"})
        variants.update(re.sub(r" (al|el)-", r" \1 ", x) for x in list(variants))
    return {v for v in variants if v.strip()}


def _entry(row: dict[str, str]) -> ActorEntry:
    def opt(key: str) -> str | None:
        value = (row.get(key) or "").strip()
        return value or None

    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return ActorEntry(
        actor_id=row["actor_id"].strip(),
        name=row["name"].strip(),
        aliases=aliases,
        actor_type=(row.get("actor_type") or "other").strip(),
        country_code=opt("country_code"),
        backer_country_code=opt("backer_country_code"),
        wikidata_id=opt("wikidata_id"),
        parent_actor_id=opt("parent_actor_id"),
    )


class ActorMatcher:
    """Finds dictionary aliases in a parsed doc with spaCy's PhraseMatcher (fast, token-exact)."""

    def __init__(self, dictionary: ActorDictionary, vocab: Vocab, make_doc) -> None:
        from spacy.matcher import PhraseMatcher

        self.dictionary = dictionary
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._labels: dict[int, tuple[str, bool]] = {}
        exact: dict[str, list] = {}
        lower: dict[str, list] = {}
        for text, actor_id, contextual in dictionary.phrase_patterns():
            label = f"{actor_id}|{int(contextual)}"
            pattern = make_doc(text)
            exact.setdefault(label, []).append(pattern)
            if not contextual and len(pattern) >= 2 and text != text.lower():
                lower.setdefault(label, []).append(pattern)
        for label, patterns in exact.items():
            self._exact.add(label, patterns)
        for label, patterns in lower.items():
            self._lower.add(label, patterns)
        for label in {*exact, *lower}:
            actor_id, contextual = label.split("|")
            self._labels[vocab.strings[label]] = (actor_id, contextual == "1")

    def find(self, doc: Doc) -> list[tuple[int, int, ActorEntry, bool]]:
        """Longest non-overlapping matches: (start token, end token, entry, contextual)."""
        matches = self._exact(doc) + self._lower(doc)
        matches.sort(key=lambda m: (-(m[2] - m[1]), m[1]))
        taken: set[int] = set()
        found = []
        for match_id, start, end in matches:
            if any(i in taken for i in range(start, end)):
                continue
            actor_id, contextual = self._labels[match_id]
            entry = self.dictionary.get(actor_id)
            if entry is None:
                continue
            taken.update(range(start, end))
            found.append((start, end, entry, contextual))
        found.sort(key=lambda m: m[0])
        return found


@lru_cache(maxsize=1)
def load_default() -> ActorDictionary:
    """The dictionary of this checkout, read once per process."""
    return ActorDictionary.load()
