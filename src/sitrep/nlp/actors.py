"""Actor phrases in a parsed doc → contract ``Actor``: dictionary names, generic typed actors.

spaCy's small model mislabels armed groups (it calls "Liwa Fatemiyoun" a place), so named actors
come from the dictionary first and the model's ORG/PERSON/NORP labels only fill the gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.actors.demonyms import country_of
from sitrep.actors.dictionary import ActorDictionary, ActorEntry, ActorMatcher
from sitrep.actors.generic import ARMED_MODIFIERS, NEEDS_MODIFIER, generic_head
from sitrep.contract import Actor
from sitrep.spans import SpanIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

BACKING_WORDS = frozenset(
    {
        "backed",
        "supported",
        "sponsored",
        "funded",
        "armed",
        "allied",
        "aligned",
        "affiliated",
        "linked",
        "loyal",
    }
)
# Heads that contain the real actor in an "of" phrase: "a convoy of Liwa Fatemiyoun".
CONTAINERS = frozenset(
    {
        "convoy",
        "column",
        "group",
        "unit",
        "cell",
        "element",
        "member",
        "dozen",
        "hundred",
        "thousand",
        "score",
        "number",
        "some",
        "many",
        "most",
        "several",
        "all",
        "each",
        "one",
        "two",
        "three",
        "four",
        "five",
        "contingent",
        "batch",
        "wave",
        "squad",
        "team",
        "band",
        "reinforcement",
        "remnant",
        "loyalist",
        "supporter",
        "rest",
        "majority",
        "part",
        "leader",
        "commander",
        "spokesman",
        "spokesperson",
        "official",
        "head",
        "chief",
    }
)
# "the coalition", "the movement" after a named coalition or movement: the same actor.
SHORT_REFERENCE_HEADS = frozenset(
    {
        "coalition",
        "movement",
        "front",
        "alliance",
        "organization",
        "organisation",
        "observatory",
        "agency",
        "council",
        "militia",
        "brigade",
        "division",
        "regiment",
        "party",
    }
)
PRONOUNS = frozenset(
    {
        "they",
        "them",
        "their",
        "it",
        "its",
        "he",
        "his",
        "she",
        "her",
        "we",
        "our",
        "who",
        "which",
        "that",
    }
)
NAMED_LABELS = frozenset({"ORG", "PERSON", "NORP"})
VIOLENT_TYPES = frozenset({"ASSAULT", "MOBILIZE", "COERCE", "RETREAT"})
# Events whose unnamed targets ("20 students", "hundreds of people") are still actors.
VICTIM_EVENTS = frozenset({"ASSAULT", "COERCE", "PROTEST"})


# Heads that make a name a state force whatever else it says ("the Federal Police", "the
# Republican Guard"); not "Brigade", "Army" or "Front", which rebels take as often.
STATE_NAME_HEADS = frozenset({"police", "gendarmerie", "guard"})


@dataclass
class ActorSpan:
    """A named actor in the text: a dictionary hit, or an unresolved ORG/PERSON entity."""

    start: int  # token indices
    end: int
    entry: ActorEntry | None
    label: str = "dictionary"

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


@dataclass
class DocActors:
    """Named actor spans of one doc, indexed by token for argument lookup."""

    spans: list[ActorSpan] = field(default_factory=list)
    by_token: dict[int, ActorSpan] = field(default_factory=dict)
    by_head_word: dict[str, ActorSpan] = field(default_factory=dict)

    def add(self, span: ActorSpan) -> None:
        if any(i in self.by_token for i in range(span.start, span.end)):
            return
        self.spans.append(span)
        for i in range(span.start, span.end):
            self.by_token[i] = span


def find_named_actors(
    doc: Doc,
    matcher: ActorMatcher,
    dictionary: ActorDictionary,
    countries: set[str],
    place_spans: list[tuple[int, int]] = (),
    *,
    ents: Sequence[Span] | None = None,
    matches: list[tuple[int, int, ActorEntry, bool]] | None = None,
) -> DocActors:
    """Dictionary matches (ambiguous aliases only in their own country's news), then NER.

    NER organisations the geoparser placed ("al-Mayadin", labelled ORG) are places, not actors.
    ``ents`` (``doc.ents``) and ``matches`` (``matcher.find(doc)``) may be passed when the
    caller has them already.
    """
    found = DocActors()
    placed = SpanIndex(list(place_spans))
    for start, end, entry, contextual in matcher.find(doc) if matches is None else matches:
        if contextual and entry.country_code not in countries:
            continue
        found.add(ActorSpan(start, end, entry))
    for ent in doc.ents if ents is None else ents:
        if ent.label_ not in NAMED_LABELS or ent.label_ == "NORP":
            continue
        if any(i in found.by_token for i in range(ent.start, ent.end)):
            continue
        if placed.overlaps(ent.start_char, ent.end_char):
            continue
        text = ent.text.removeprefix("the ").removeprefix("The ")
        entry = dictionary.lookup(text) if len(text) >= 4 else None
        found.add(ActorSpan(ent.start, ent.end, entry, ent.label_))
    found.spans.sort(key=lambda s: s.start)
    for span in found.spans:
        word = doc[span.end - 1].lemma_.lower()
        if span.entry is not None and word in SHORT_REFERENCE_HEADS:
            found.by_head_word.setdefault(word, span)
    return found


def actor_from_entry(entry: ActorEntry, backer: str | None = None) -> Actor:
    """Contract actor for a dictionary row; a backer named in the text wins over the seed's."""
    return Actor(
        name=entry.name,
        actor_id=entry.actor_id,
        actor_type=entry.actor_type,
        country_code=entry.country_code,
        backer_country_code=backer or entry.backer_country_code,
        resolved=True,
        wikidata_id=entry.wikidata_id,
    )


def backer_of(
    head: Token, named: DocActors, dictionary: ActorDictionary
) -> tuple[str | None, set[int]]:
    """Backer country from "Iranian-backed X", "pro-Iranian X", "X backed by Iran"; used tokens."""
    for child in head.children:
        low = child.lower_
        if child.dep_ in {"amod", "compound", "npadvmod"} and low in BACKING_WORDS:
            for grand in child.children:
                iso3 = _country_or_actor_country(grand, named, dictionary)
                if iso3:
                    return iso3, {grand.i, child.i}
            prev = child.doc[child.i - 2] if child.i >= 2 else None
            if prev is not None and child.doc[child.i - 1].text == "-":
                iso3 = _country_or_actor_country(prev, named, dictionary)
                if iso3:
                    return iso3, {prev.i, child.i}
        if child.dep_ == "acl" and low in BACKING_WORDS:
            for agent in child.children:
                if agent.dep_ == "agent":
                    for pobj in agent.children:
                        iso3 = _country_or_actor_country(pobj, named, dictionary)
                        if iso3:
                            return iso3, {pobj.i}
    doc = head.doc
    for i in range(max(head.left_edge.i, head.i - 6), head.i):
        if doc[i].lower_ == "pro" and i + 2 < len(doc) and doc[i + 1].text == "-":
            iso3 = _country_or_actor_country(doc[i + 2], named, dictionary)
            if iso3:
                return iso3, {i, i + 2}
        if doc[i].lower_.startswith("pro-") and len(doc[i].text) > 4:
            iso3 = country_of(doc[i].text[4:])
            if iso3:
                return iso3, {i}
    return None, set()


def _country_or_actor_country(
    tok: Token, named: DocActors, dictionary: ActorDictionary
) -> str | None:
    iso3 = country_of(tok.text)
    if iso3:
        return iso3
    span = named.by_token.get(tok.i)
    if span and span.entry:
        return span.entry.country_code
    return None


def _has_country_modifier(tok: Token) -> bool:
    return any(
        c.dep_ in {"amod", "compound", "npadvmod", "poss"} and country_of(c.text)
        for c in tok.children
    )


def phrase_text(head: Token) -> str:
    """The actor phrase around a head: its name-like left modifiers and the head itself."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in {"amod", "compound", "npadvmod", "nmod", "poss"} and child.pos_ != "PRON":
            left = min(left, child.left_edge.i)
    doc = head.doc
    while left < head.i and (doc[left].pos_ in {"DET", "NUM", "PUNCT"} or doc[left].like_num):
        left += 1
    return doc[left : head.i + 1].text


class ActorResolver:
    """Turns the head token of an argument into an Actor, or None if it names no actor."""

    def __init__(
        self,
        dictionary: ActorDictionary,
        named: DocActors,
        place_country: dict[int, str],
        seats: set[int] = frozenset(),
    ) -> None:
        self.dictionary = dictionary
        self.named = named
        self.place_country = place_country  # token index → ISO3 of a resolved place
        self.seats = seats  # tokens of countries and capitals, which can stand for the state

    def resolve(self, tok: Token, event_type: str | None = None, depth: int = 0) -> Actor | None:
        if depth > 3:
            return None
        span = self.named.by_token.get(tok.i)
        if span is not None:
            return self._from_span(span, tok)
        if tok.pos_ == "PRON":
            return None  # pronouns are resolved by the caller from discourse
        # "ISIS cells", "Hezbollah fighters": a named modifier is the actor.
        for child in tok.children:
            if (
                child.dep_ in {"compound", "poss", "nmod", "amod"}
                and child.i in self.named.by_token
            ):
                s = self.named.by_token[child.i]
                if s.entry is not None or s.label in {"ORG"}:
                    return self._from_span(s, tok)
        lemma = tok.lemma_.lower()
        for child in tok.children:  # "fighters of the ADF", "soldiers of the 4th Division"
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.named.by_token:
                        span = self.named.by_token[pobj.i]
                        if span.entry is not None or span.label == "ORG":
                            return self._from_span(span, pobj)
        if lemma in CONTAINERS or tok.like_num or tok.pos_ == "NUM":
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.resolve(pobj, event_type, depth + 1)
                            if found:
                                return found
        earlier = self.named.by_head_word.get(lemma)
        if earlier is not None and earlier.start < tok.i and not _has_country_modifier(tok):
            return self._from_span(earlier, tok)
        generic = self._generic(tok, event_type)
        if generic is not None:
            return generic
        if tok.ent_type_ in {"GPE"}:
            iso3 = country_of(tok.doc[tok.i : tok.i + 1].text)
            iso3 = iso3 or (self._ent_country(tok) if tok.i in self.seats else None)
            if iso3:
                stem = "military" if event_type in VIOLENT_TYPES else "government"
                return self._generic_actor(stem, iso3, None, self._ent_text(tok))
        if tok.ent_type_ == "NORP":
            iso3 = country_of(tok.text)
            if (iso3 and tok.tag_ in {"NNPS", "NNS"}) or (
                iso3 and tok.dep_ in {"nsubj", "dobj", "nsubjpass", "pobj"}
            ):
                stem = "protesters" if event_type == "PROTEST" else "civilians"
                return self._generic_actor(stem, iso3, None, tok.text)
        if tok.pos_ == "PROPN" and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL"}:
            return Actor(name=self._ent_text(tok), resolved=False)
        return None

    def _ent_text(self, tok: Token) -> str:
        if tok.ent_type_:
            doc = tok.doc
            start = tok.i
            while start > 0 and doc[start].ent_iob_ == "I":
                start -= 1
            end = tok.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return doc[start:end].text
        return phrase_text(tok)

    def _ent_country(self, tok: Token) -> str | None:
        return self.place_country.get(tok.i)

    def _from_span(self, span: ActorSpan, head: Token) -> Actor:
        backer, _ = backer_of(head, self.named, self.dictionary)
        if span.entry is not None:
            return actor_from_entry(span.entry, backer)
        label = span.label
        kind = generic_head(head.lemma_) if head.lower_ in STATE_NAME_HEADS else None
        return Actor(
            name=span.text(head.doc),
            # "the Federal Police", "Presidential Guard": a name whose head says what it is
            actor_type=kind[1] if kind else {"PERSON": "person"}.get(label),
            backer_country_code=backer,
            resolved=False,
        )

    def _generic(self, tok: Token, event_type: str | None) -> Actor | None:
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        head = generic_head(tok.lemma_) or generic_head(tok.lower_)
        if head is None:
            return None
        stem, _ = head
        if event_type == "PROTEST" and stem == "civilians":
            stem = "protesters"
        backer, used = backer_of(tok, self.named, self.dictionary)
        country = None
        for child in tok.children:
            if child.i in used or child.dep_ not in {
                "amod",
                "compound",
                "npadvmod",
                "nmod",
                "poss",
            }:
                continue
            iso3 = country_of(child.text) or self.place_country.get(child.i)
            if iso3:
                country = iso3
                break
            span = self.named.by_token.get(child.i)
            if span and span.entry and span.entry.actor_type in {"state_forces", "government"}:
                country = span.entry.country_code
        if country is None:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in {"in", "from", "of"}:
                    for pobj in child.children:
                        iso3 = self.place_country.get(pobj.i) or country_of(pobj.text)
                        if iso3:
                            country = iso3
        victims = stem in {"civilians", "protesters"} and event_type in VICTIM_EVENTS
        victims = victims or any(c.lower_ in ARMED_MODIFIERS for c in tok.children)
        bare = country is None and backer is None and tok.lemma_.lower() in NEEDS_MODIFIER
        if bare and not victims:
            return None
        return self._generic_actor(stem, country, backer, phrase_text(tok))

    def _generic_actor(
        self, stem: str, country: str | None, backer: str | None, name: str
    ) -> Actor:
        from sitrep.actors.generic import GENERIC_STEMS

        actor_type = GENERIC_STEMS[stem][0]
        actor_id = f"gen_{stem}_{country.lower()}" if country else None
        entry = self.dictionary.get(actor_id)
        return Actor(
            name=name,
            actor_id=actor_id if entry else None,
            actor_type=actor_type,
            country_code=country,
            backer_country_code=backer,
            resolved=entry is not None,
        )


def span_of(doc: Doc, start: int, end: int) -> Span:
    """Token span helper kept here so callers need not import spaCy types."""
    return doc[start:end]
