"""One sense per article: a name placed once is that place wherever else the article says it.

spaCy's small model calls the same town a place in one sentence and a person or part of an
organisation in the next ("Woodstock is faring better", "Dublin Mayor Chinnici-Zuercher",
"the Gainesville sewer system"); local news names its town mostly that way. Every other
occurrence of a placed name, as a whole capitalised word, is the same place, unless it is a
person's name, an actor the caller excluded, or part of a longer place name ("New London"
once "London" is placed).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sitrep.spans import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Span

    from sitrep.contract import Location

REPEAT = "repeat"  # PlaceMention.source of an occurrence read by this rule
EMBEDDED = "embedded"  # ... inside an organisation's or a work's name: where it sits
_NAMING_LABELS = frozenset({"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})
_MIN_CHARS = 3  # "US", "UK" are read by the entity model and the gazetteer, not repeated
_NEXT_WORD = re.compile(r"^[ \t]+([A-Z][\w'’.]*)")
_PREV_WORD = re.compile(r"([A-Z][\w'’.]*)[ \t]+$")


def repeated_names(
    text: str,
    placed: Sequence[tuple[int, int, Location]],
    *,
    taken: Sequence[tuple[int, int]],
    ents: Sequence[Span],
    people: set[str],
    is_place: Callable[[str], bool],
) -> list[tuple[int, int, Location, str]]:
    """Other occurrences of the names in ``placed`` (start, end, location): (start, end,
    location, source: ``EMBEDDED`` inside an organisation's name, else ``REPEAT``).

    ``taken`` are spans already read (mentions, the caller's actors); ``people`` surnames of
    persons named in full; ``is_place`` tells whether a longer phrase is itself a place name.
    """
    by_name: dict[str, Counter[int]] = {}
    locations: dict[int, Location] = {}
    for start, end, location in placed:
        name = text[start:end]
        if len(name) < _MIN_CHARS or not name[:1].isupper() or name in people:
            continue
        locations[id(location)] = location
        by_name.setdefault(name, Counter())[id(location)] += 1
    if not by_name:
        return []
    busy = SpanIndex(list(taken))
    out: list[tuple[int, int, Location, str]] = []
    for name, counts in by_name.items():
        location = locations[counts.most_common(1)[0][0]]
        for m in re.finditer(rf"(?<![\w.]){re.escape(name)}(?![\w])", text):
            start, end = m.start(), m.end()
            if busy.overlaps(start, end) or _longer_place(text, start, end, is_place):
                continue
            label = _entity_label(ents, start, end)
            if label is _PERSON_INSIDE:
                continue
            out.append((start, end, location, EMBEDDED if label in _NAMING_LABELS else REPEAT))
    return out


_PERSON_INSIDE = "PERSON_INSIDE"  # a person's name with the place word not first ("Jesse Jackson")


def _entity_label(ents: Sequence[Span], start: int, end: int) -> str | None:
    """The label of the entity the occurrence is in; persons only when the name opens it
    ("Athens Parks and Recreation Director" mislabelled), else ``_PERSON_INSIDE``."""
    for ent in ents:
        if ent.start_char < end and start < ent.end_char:
            if ent.label_ == "PERSON" and ent.start_char < start:
                return _PERSON_INSIDE
            return ent.label_
    return None


def _longer_place(text: str, start: int, end: int, is_place: Callable[[str], bool]) -> bool:
    """The occurrence with the capitalised word before or after it is a place of its own
    ("New London", "Kansas City", "West Virginia")."""
    before = _PREV_WORD.search(text, max(0, start - 30), start)
    if before and before.end() == start and is_place(f"{before.group(1)} {text[start:end]}"):
        return True
    after = _NEXT_WORD.match(text[end : end + 30])
    return bool(after and is_place(f"{text[start:end]} {after.group(1)}"))
