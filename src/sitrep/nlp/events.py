"""Sentence-level event coding: triggers, their arguments, place, date, toll, source, modality.

Trigger words come from ``triggers.py``, the event's place from ``event_places.py``, ACLED's
naming of the parties from ``acled_actors.py``; this module joins them and keeps the discourse.

Rules read the dependency parse (active and passive voice, "killed in an ISIS attack") and a few
discourse links a careful coder uses: "The convoy ..." continuing the previous sentence, "there",
a date carried within a paragraph, and an attack's perpetrator named one sentence earlier.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sitrep.actors.demonyms import country_of
from sitrep.actors.generic import GENERIC_HEADS
from sitrep.contract import Actor, Event, Location
from sitrep.nlp.acled_actors import CROWD_EVENTS, PEACEFUL, STATE_TYPES, AcledConventions
from sitrep.nlp.actors import (
    PRONOUNS,
    ActorResolver,
    DocActors,
)
from sitrep.nlp.attribution import source_in_sentence
from sitrep.nlp.crosswalk import Crosswalk
from sitrep.nlp.dates import DateSpan, default_span, resolve_dates
from sitrep.nlp.event_model import ACLED_EVENT_OF, EventModel, token_features
from sitrep.nlp.event_places import (
    ACTOR_HEADS,
    DEST_PREPS,
    MOVEMENT_TYPES,
    ORIGIN_PREPS,
    PLACE_NOUNS,
    EventPlaces,
    enclosing,
    location_of,
    resolved,
)
from sitrep.nlp.fatalities import UNKNOWN, coded_toll, fatalities_in, unnumbered_deaths
from sitrep.nlp.lexicon import (
    ABSTRACT_FRAMES,
    ACCIDENT_HEADS,
    ACCIDENT_SOURCES,
    ACCIDENT_VERBS,
    AERIAL_WORDS,
    ANIMALS,
    BLAST_NOUNS,
    COOPERATIVE_TYPES,
    CRITICISING_VERBS,
    CROWD_HARMS,
    CROWD_MISSILES,
    CROWD_STOPPERS,
    CROWD_STOPPING_NOUNS,
    DEATH_WORDS,
    EXPLOSIVE_WORDS,
    FIGHT_WORDS,
    FIRE_SITES,
    FRAMING_TYPES,
    HOSTILE_TYPES,
    INDUSTRIAL_SITES,
    INTRANSITIVE,
    JUDICIAL_VERBS,
    LIGHT_VERBS,
    MEDICAL_ATTACKS,
    NATURAL_CAUSES,
    NOUN_TRIGGERS,
    PROTEST_CUES,
    REACTION_VERBS,
    ROUTINE_ACTIVITIES,
    SAY_VERBS,
    SHELLING_WORDS,
    SPORT_SIDES,
    SUICIDE_WORDS,
    SYMBOLIC_BURNS,
    TRUCE_WORDS,
    VAGUE_PARTIES,
    VERBAL_PROTESTS,
    VERBAL_TARGETS,
    VIOLENT_DEATH_CUES,
    Trigger,
)
from sitrep.nlp.modality import modality_of
from sitrep.nlp.places import Place
from sitrep.nlp.triggers import (
    COMMEMORATE_WORDS,
    REFLEXIVES,
    SUBJECT_DEPS,
    VIOLENT_NOUN_TYPES,
    Candidate,
    child_with,
    dateline_date,
    is_tally,
    names_chemical_weapon,
    remembered,
    seizes_contraband,
    sentence_candidates,
    takes_ground,
)
from sitrep.ontology import VIOLENT_ACLED_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs of dying that say nothing of how (the classifier reads violence into them)
BARE_DEATH_VERBS = frozenset({"die", "perish", "succumb", "pass"})
# ... unless the sentence says someone was hurt: "The victim died", "died of his wounds"
HURT_WORDS = frozenset({"victim", "wound", "injury", "injure", "attacker", "assailant"})
# What state forces conduct that kills, beside the trigger nouns ("raid", "crackdown"):
# "killed during a police operation" names the police.
OPERATIONS = frozenset({"operation"})
# "X and Y agreed/met/clashed": the second party is actor2.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})
LETHAL_TYPES = frozenset({"ASSAULT"})
# Who speaks for a state ("leaders" of civil society or a union lead crowds, so not them).
GOVERNMENT_VOICES = frozenset(
    h for h, (_, kind) in GENERIC_HEADS.items() if kind == "government" and h != "leader"
)
# What a crowd's claim hangs from: "denouncing the killing", "a protest over the death of".
CLAIM_WORDS = COMMEMORATE_WORDS | {
    "denounce", "condemn", "protest", "decry", "demand", "against", "over", "justice"
}  # fmt: skip
NEVER_VIOLENT = REACTION_VERBS | JUDICIAL_VERBS  # what is said or judged of violence
ARMED_CLASH = ("Battles", "Armed clash")
ATTACK = ("Violence against civilians", "Attack")
CHEMICAL_WEAPON = ("Explosions/Remote violence", "Chemical weapon")
UNARMED = frozenset({"civilians"})
CLAUSE_LINKS = frozenset({"conj", "advcl", "xcomp"})
VIOLENT_ACLED = VIOLENT_ACLED_TYPES
# The classifier's thresholds on a sentence's probability of reporting no event: at VETO_NONE
# the rules' ACLED events go; under SURE_EVENT an event needs no other support. It types the
# rules' events when its own best type has RETYPE, and codes one the rules missed at ADD_EVENT.
VETO_NONE = 0.8
RETYPE = 0.5
SURE_EVENT = 0.5
ADD_EVENT = 0.7
# Modes whose sub-event type the rules get right more often than the classifier, measured out
# of fold on the ACLED notes (aerial 93% vs 45%, heavy weapons 80% vs 54%, seize, riot) or
# named by the weapon in news (suicide, chemical, sexual). Others ("firearms", "arrest",
# "explosive") the classifier types better: the sentence's context decides them.
DECISIVE_MODES = frozenset(
    {
        "aerial",
        "heavy-weapons",
        "suicide-attack",
        "cbrn",
        "base",
        "sexual",
        "seize",
        "riot",
        "demo",
        "defuse",
    }
)
VIOLENT_DEMO = "Violent demonstration"
PEACEFUL_PROTEST = "Peaceful protest"
# The verbs ``_crowd_violence`` reads (the cheap test before the parse is climbed).
CROWD_ACTS = CROWD_HARMS | {"pelt", "throw", "hurl", "burn", "torch", "set", "clash", "break"}
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "compound", "amod"})
WITH_INTERVENTION = "Protest with intervention"
# Head nouns of a state's forces or officials ("police", "soldiers", "security forces")
STATE_HEADS = frozenset(h for h, (_, kind) in GENERIC_HEADS.items() if kind in STATE_TYPES)
STRAIN = re.compile(r"H\d{1,2}N\d{1,2}", re.I)  # influenza strains named as the killer: H5N1
# ACLED types that need a party or a toll beside a trigger word (metaphors are common).
NEEDS_PARTIES = VIOLENT_ACLED | CROWD_EVENTS
# ... unless the trigger names a weapon at work ("a Katyusha rocket landed near the airport"):
# its firer is unknown, which ACLED records as such
WEAPON_MODES = frozenset({"aerial", "heavy-weapons", "suicide-attack", "cbrn"})
WEAPON_WORDS = AERIAL_WORDS | SHELLING_WORDS | {"airstrike", "raid", "bomb", "bombardment"}
# An event told as dated well before the report ("stabbed a man ... on 24 May 2018") is its
# background, not its news: less likely the event the report is about.
BACKGROUND_DAYS = 31
BACKGROUND_PENALTY = 0.3
# who finds the dead is not who killed them
FINDING_VERBS = frozenset({"find", "discover", "recover", "retrieve", "exhume", "unearth"})


@dataclass
class SentenceEvent:
    """An event while it is being built, with the tokens that discourse rules look at."""

    event: Event
    sent_index: int
    trigger: Token
    mover: Token | None = None
    location_from_there: bool = False
    explicit_date: bool = False
    explicit_location: bool = False
    paragraph: int = 0
    extra: dict = field(default_factory=dict)


@dataclass
class DocState:
    """What earlier sentences of the article established."""

    last_actor: Actor | None = None
    last_source: str | None = None
    last_date: DateSpan | None = None
    last_date_paragraph: int = -1
    events: list[SentenceEvent] = field(default_factory=list)
    sentences: dict[int, tuple[Span, int]] = field(default_factory=dict)  # index: (sent, para)


class SentenceCoder:
    """Codes the events of one doc, sentence by sentence, keeping discourse state."""

    def __init__(
        self,
        doc: Doc,
        named: DocActors,
        resolver: ActorResolver,
        places: list[Place],
        crosswalk: Crosswalk,
        published: date | None,
        text: str | None = None,
        model: EventModel | None = None,
        home_country: str | None = None,
    ) -> None:
        self.doc = doc
        self.model = model
        self.home_country = home_country
        # Doc.text re-joins every token on each access: read it once (or take the caller's)
        self.text = doc.text if text is None else text
        self.named = named
        self.resolver = resolver
        self.crosswalk = crosswalk
        self.published = published
        self.where = EventPlaces(doc, self.text, places, named, home_country)
        self.place_at = self.where.place_at
        self.state = DocState()
        self.acled = AcledConventions(resolver, crosswalk, home_country)

    # ---------------------------------------------------------------- sentences
    def code(self, sentences: list[Span], index_offset: int = 0) -> list[SentenceEvent]:
        paragraph = 0
        prev_sent = None
        for idx, sent in enumerate(sentences):
            if (
                prev_sent is not None
                and "\n"
                in self.text[prev_sent.end_char - 1 : sent.start_char + 1]
                + self._text_with_ws(prev_sent)[-2:]
            ):
                paragraph += 1
            prev_sent = sent
            self.state.sentences[idx + index_offset] = (sent, paragraph)
            self._code_sentence(sent, idx + index_offset, paragraph)
        for item in self.state.events:  # merges may have added actor2 or a mode
            e = item.event
            xw = self.crosswalk.acled_for(
                e.event_type, e.event_mode, e.actor2.actor_type if e.actor2 else None
            )
            e.acled_event_type, e.acled_sub_event_type = (
                xw.acled_event_type,
                xw.acled_sub_event_type,
            )
            e.cameo_root = xw.cameo_root
            learned = item.extra.get("acled")
            if learned is not None:
                e.acled_event_type, e.acled_sub_event_type = learned
            if e.acled_sub_event_type in PEACEFUL and self._crowd_turned_violent(item):
                e.event_type, e.event_mode = self.crosswalk.plover_for("Riots", VIOLENT_DEMO)
                e.acled_event_type, e.acled_sub_event_type = "Riots", VIOLENT_DEMO
            elif e.acled_sub_event_type == PEACEFUL_PROTEST and self._crowd_stopped(item):
                e.acled_sub_event_type = WITH_INTERVENTION
            self.acled.apply(e)
            if e.acled_event_type in CROWD_EVENTS and _deaths_are_the_claim(item.trigger.sent):
                # "burned tyres, denouncing the killing of an activist": the cause, no toll
                e.fatalities_low = e.fatalities_best = e.fatalities_high = 0
                e.fatalities_note = None
            e.confidence = _confidence(item)  # of the event as it leaves: its final actors
            if _background(e, self.published):
                e.confidence = round(max(0.05, e.confidence - BACKGROUND_PENALTY), 3)
        return _one_crowd_per_sentence(_headline_told_again(self.state.events))

    def _crowd_turned_violent(self, item: SentenceEvent) -> bool:
        """The crowd of a protest did violence in its sentence or the next two of the
        paragraph ("They threw stones at the centre", "demonstrated by burning tyres")."""
        return any(_crowd_violence(tok) for sent in self._told_after(item) for tok in sent)

    def _crowd_stopped(self, item: SentenceEvent) -> bool:
        """The state stepped in on the protest in its sentence or the next two of the
        paragraph ("Police dispersed the crowd", "Several arrests were made")."""
        return any(_intervention(tok) for sent in self._told_after(item) for tok in sent)

    def _told_after(self, item: SentenceEvent) -> Iterator[Span]:
        """The event's sentence and the next two of its paragraph."""
        for k in range(item.sent_index, item.sent_index + 3):
            sent, paragraph = self.state.sentences.get(k, (None, -1))
            if sent is None or paragraph != item.paragraph:
                return
            yield sent

    def _sent_text(self, sent: Span) -> str:
        """``sent.text``, cut from the doc's text (a Span re-joins its tokens on each access)."""
        return self.text[sent.start_char : sent.end_char]

    def _text_with_ws(self, sent: Span) -> str:
        """``sent.text_with_ws``: its text and the whitespace after its last token."""
        return self.text[sent.start_char : sent.end_char + len(self.doc[sent.end - 1].whitespace_)]

    def _code_sentence(self, sent: Span, sent_index: int, paragraph: int) -> None:
        state = self.state
        words = list(sent)  # a Span makes new Token objects on each pass: make them once
        sent_text = self._sent_text(sent)
        coded = coded_toll(sent_text)
        if coded is not None and state.events and state.events[-1].paragraph == paragraph:
            # "Fatalities coded as 0 (VoJ reported 1).": the note's own count, no new event
            last = state.events[-1].event
            last.fatalities_low, last.fatalities_best = coded.low, coded.best
            last.fatalities_high, last.fatalities_note = coded.high, coded.note
            return
        source, explicit_source = source_in_sentence(
            words, self.named, state.last_source, sent_text
        )
        if source and explicit_source:
            state.last_source = source
        dates = [
            (offset, found)
            for offset, found in resolve_dates(sent_text, self.published)
            if not dateline_date(sent_text, offset, found)
        ]
        span = dates[0][1] if dates else None
        if span is not None:
            state.last_date, state.last_date_paragraph = span, paragraph
        elif state.last_date is not None and state.last_date_paragraph == paragraph:
            span = state.last_date
        candidates = sentence_candidates(words)
        groups: dict[str, list[Candidate]] = {}
        for cand in candidates:
            groups.setdefault(cand.trigger.event_type, []).append(cand)
        built = [
            self._build(
                sent,
                sent_index,
                paragraph,
                group,
                self._date_for(sent, words, group, dates, span),
                source,
            )
            for group in groups.values()
        ]
        built = _fight_for_ground(_without_protest_claims([b for b in built if b is not None]))
        if self.model is not None:
            built = self._with_classifier(sent, sent_index, paragraph, words, built, span, source)
        if not built:
            self._continue_previous(words, sent_index)
            self._toll_of_previous(sent_text, sent_index, paragraph)
            self._remember_actors(words)
            return
        for item in built:
            if not self._merge_into_previous(item):
                state.events.append(item)
        self._remember_actors(words)

    def _with_classifier(
        self,
        sent: Span,
        sent_index: int,
        paragraph: int,
        words: list[Token],
        built: list[SentenceEvent],
        span: DateSpan | None,
        source: str | None,
    ) -> list[SentenceEvent]:
        """The learned classifier's say: an ACLED event needs its support (and, unless it is
        sure, a party or a toll), it types what the rules found, and it codes the ACLED event
        of a clause the rules missed when it is sure and the clause has a party or a toll."""
        pred = self.model.predict([token_features(words)])[0]
        none_p = pred.none_probability
        acled = (ACLED_EVENT_OF.get(pred.event_label), pred.event_label)
        kept = []
        for item in built:
            kind = item.event.acled_event_type
            if kind in NEEDS_PARTIES:
                supported = (
                    none_p < SURE_EVENT
                    or _has_parties(item.event)
                    or item.event.event_mode in WEAPON_MODES
                )
                if none_p >= VETO_NONE or not supported:
                    continue  # "colours that clash": no violence, no protest
            elif kind and none_p >= VETO_NONE and not _makes_peace(item.trigger):
                # "Kyiv is ready to meet": a PLOVER event, not one ACLED would record
                item.extra["acled"] = (None, None)
                item.event.acled_event_type = item.event.acled_sub_event_type = None
            kept.append(item)
        for item in kept:
            item.extra["support"] = 1 - none_p
            acled_typed = item.event.acled_event_type and not _rule_is_decisive(item)
            never = acled[0] in VIOLENT_ACLED and item.trigger.lemma_.lower() in NEVER_VIOLENT
            if acled_typed and pred.event_probability >= RETYPE and not never:
                self._retype(item, acled)
            item.event.confidence = _confidence(item)
        # "protested following the killing of a trader", "a protest against arrests": what a
        # protest is about, typed as the protest itself, is that protest again
        kept = [
            item
            for item in kept
            if not any(
                o is not item
                and o.event.acled_sub_event_type is not None
                and o.event.acled_sub_event_type == item.event.acled_sub_event_type
                and _told_within(item.trigger, o.trigger)
                for o in kept
            )
        ]
        if any(item.event.acled_event_type for item in built) or none_p > 1 - ADD_EVENT:
            return kept
        trigger = _trigger_token(words)
        if trigger is None or trigger.pos_ != "VERB" or _says_nothing(trigger):
            return kept
        if acled[0] in VIOLENT_ACLED and trigger.lemma_.lower() in NEVER_VIOLENT:
            return kept  # "the Council condemned the attack", "the court sentenced three men"
        if acled[0] in VIOLENT_ACLED and seizes_contraband(trigger):
            return kept  # "police seized 2 tonnes of cocaine": no clash with anyone
        if acled[0] in VIOLENT_ACLED and _routine(trigger):
            return kept
        if acled[0] in CROWD_EVENTS and _official_voice(trigger):
            return kept  # "the government denounced the report": words, not a crowd
        if acled[0] in VIOLENT_ACLED | CROWD_EVENTS and _bare_death(trigger, words):
            return kept  # "One died in Mecca": a death, not an attack, unless something says so
        if acled[0] in VIOLENT_ACLED | CROWD_EVENTS and (
            trigger.lemma_.lower() in ACCIDENT_VERBS or _not_violence(trigger)
        ):
            return kept  # "a bus plunged into a ravine", "a factory fire killed 43 workers"
        if acled[0] in VIOLENT_ACLED | CROWD_EVENTS and names_chemical_weapon(words):
            acled = CHEMICAL_WEAPON  # "forces used chlorine gas against the town"
        event_type, mode = self.crosswalk.plover_for(*acled)
        cand = Candidate(trigger, Trigger(event_type, mode), mode)
        item = self._build(sent, sent_index, paragraph, [cand], span, source)
        # a crowd is the party of a protest or riot (ACLED names it by its country), so a
        # sure protest needs no named one; "gym owners did a motorcade to demand ..."
        crowd = acled[0] in CROWD_EVENTS and none_p <= 1 - ADD_EVENT and _crowd_acts(trigger)
        # "heavy artillery fire by an unknown party was reported in Hadba": the weapon is there
        armed = mode in WEAPON_MODES and any(t.lemma_.lower() in WEAPON_WORDS for t in words)
        if item is None or not (crowd or armed or _has_parties(item.event)):
            return kept
        item.extra["support"] = 1 - none_p
        self._retype(item, acled)
        return _without_protest_claims([*kept, item]) if crowd else [*kept, item]

    def _retype(self, item: SentenceEvent, acled: tuple[str | None, str]) -> None:
        """ACLED types from the classifier. The PLOVER type follows only across the line
        between violence and the rest ("a protest for those killed" is no ASSAULT); "the army
        arrested 20 protesters" stays COERCE in PLOVER while ACLED calls it a protest."""
        event = item.event
        if acled == ARMED_CLASH and _one_sided(item):
            acled = ATTACK  # a clash needs two armed sides: "a girl was killed by sniper fire"
        item.extra["acled"] = acled
        if (event.acled_event_type in VIOLENT_ACLED) != (acled[0] in VIOLENT_ACLED):
            event.event_type, event.event_mode = self.crosswalk.plover_for(*acled)
        event.acled_event_type, event.acled_sub_event_type = acled
        event.confidence = _confidence(item)

    def _date_for(
        self, sent: Span, words: list[Token], group: list[Candidate], dates: list, default
    ):
        """With several dates, the one attached to the event, not to "said on Tuesday"."""
        if len(dates) < 2:
            return default
        trigger = min(c.token.i for c in group)
        # the clauses the event is told in: its trigger's and those it hangs from
        chain = {c.token.i for c in group}
        for cand in group:
            chain.update(t.i for t in cand.token.ancestors)
        scored = []
        for offset, span in dates:
            char = sent.start_char + offset
            tok = next((t for t in words if t.idx <= char < t.idx + len(t.text) + 1), None)
            if tok is None:
                continue
            said = False
            cur = tok
            for _ in range(6):
                if cur.pos_ in {"VERB", "AUX"} or cur.i in {c.token.i for c in group}:
                    said = cur.lemma_.lower() in SAY_VERBS
                    break
                if cur.head.i == cur.i:
                    break
                cur = cur.head
            # "protested on 9 May over a riot at the end of March": the riot's date is its own
            aside = cur.i not in chain
            before = self.doc[tok.i - 1] if tok.i > 0 else None
            if before is not None and before.lemma_.lower() in SAY_VERBS:
                said = True  # "said on Tuesday", "told AFP Tuesday" even when misattached
            scored.append((said, aside, abs(tok.i - trigger), span))
        scored.sort(key=lambda x: x[:3])
        return scored[0][3] if scored else default

    def _remember_actors(self, words: list[Token]) -> None:
        for tok in words:
            if tok.dep in SUBJECT_DEPS and tok.pos_ != "PRON":
                actor = self.resolver.resolve(tok)
                if actor is not None and (actor.resolved or actor.backer_country_code):
                    self.state.last_actor = actor

    # ---------------------------------------------------------------- one event
    def _build(
        self,
        sent: Span,
        sent_index: int,
        paragraph: int,
        group: list[Candidate],
        span: DateSpan | None,
        source: str | None,
    ) -> SentenceEvent | None:
        group.sort(key=lambda c: (c.token.pos_ != "VERB", c.token.i))
        primary = group[0]
        event_type = primary.trigger.event_type
        mode = next((c.mode for c in group if c.mode), None)
        firsts: list[Actor] = []
        seconds: list[Actor] = []
        mover = None
        for cand in group:
            a1, a2, mv = self._arguments(cand, event_type)
            firsts += [a1] if a1 else []
            seconds += [a2] if a2 else []
            mover = mover or mv
        actor1 = _best_actor(firsts)
        actor2 = _best_actor([a for a in seconds if actor1 is None or a.name != actor1.name])
        if actor1 is not None and actor2 is not None and actor1.name == actor2.name:
            actor2 = None
        if actor1 is None and actor2 is None and self._refers_back(group, event_type):
            return None
        sent_text = self._sent_text(sent)
        if event_type == "ASSAULT" and (
            is_tally(sent_text, primary.token) or _not_violence(primary.token)
        ):
            return None
        if caused_by_nature(primary.token):
            return None  # "heavy snowfall blocked roads": no protester did it
        if event_type == "PROTEST" and _official_voice(primary.token):
            event_type, mode = "ACCUSE", None  # "the minister summoned the envoy to protest"
        location, origin, destination, there, explicit_loc = self.where.for_event(
            sent, [c.token for c in group], event_type
        )
        modality = modality_of(primary.token)
        if modality == "future" and event_type in COOPERATIVE_TYPES | HOSTILE_TYPES:
            # PLOVER codes a stated intention as the act of agreeing or threatening.
            event_type = "AGREE" if event_type in COOPERATIVE_TYPES else "THREATEN"
            mode, modality = None, "asserted"
        fat = None
        if event_type in LETHAL_TYPES or any(c.token.lemma_.lower() == "kill" for c in group):
            fat = fatalities_in(sent_text)
            if fat is None and unnumbered_deaths(sent_text) and modality == "asserted":
                fat = UNKNOWN
        date_span = span or default_span(self.published)
        xw = self.crosswalk.acled_for(event_type, mode, actor2.actor_type if actor2 else None)
        event = Event(
            event_type=event_type,
            event_mode=mode,
            acled_event_type=xw.acled_event_type,
            acled_sub_event_type=xw.acled_sub_event_type,
            cameo_root=xw.cameo_root,
            actor1=actor1,
            actor2=actor2,
            location=location,
            origin=origin,
            destination=destination,
            date_start=date_span.iso()[0] if date_span else None,
            date_end=date_span.iso()[1] if date_span else None,
            date_precision=date_span.precision if date_span else None,
            fatalities_low=fat.low if fat else None,
            fatalities_best=fat.best if fat else None,
            fatalities_high=fat.high if fat else None,
            fatalities_note=fat.note if fat else None,
            source_original=source,
            sentence=sent_text.strip(),
            start=sent.start_char + len(sent_text) - len(sent_text.lstrip()),
            end=sent.start_char + len(sent_text.rstrip()),
            modality=modality,
            sentence_index=sent_index,
            trigger=primary.token.text,
        )
        item = SentenceEvent(
            event,
            sent_index,
            primary.token,
            mover,
            there,
            span is not None,
            explicit_loc,
            paragraph,
        )
        self._fill_from_context(item)
        for actor in (event.actor1, event.actor2):
            _localise(actor, event.location, self.resolver)
        event.confidence = _confidence(item)
        return item

    def _refers_back(self, group: list[Candidate], event_type: str) -> bool:
        """ "did not comment on the attack": a definite noun naming an event already coded."""
        if any(c.token.pos_ == "VERB" for c in group):
            return False
        if not any(e.event.event_type == event_type for e in self.state.events):
            return False
        return all(
            any(d.dep_ == "det" and d.lower_ in {"the", "this", "that"} for d in c.token.children)
            for c in group
        )

    def _arguments(
        self, cand: Candidate, event_type: str
    ) -> tuple[Actor | None, Actor | None, Token | None]:
        tok = cand.token
        if tok.pos_ == "VERB":
            return self._verb_arguments(tok, event_type)
        return self._noun_arguments(tok, event_type)

    def _resolve(self, tok: Token | None, event_type: str) -> Actor | None:
        if tok is None:
            return None
        if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS:
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.lower_ in {"who", "which", "that"}:
                return self._resolve(tok.head.head, event_type)
            antecedent = _antecedent(tok)
            if antecedent is not None:
                return self._resolve(antecedent, event_type)
            return self.state.last_actor
        if self.where.in_dateline(tok):
            for child in tok.children:
                if child.dep_ == "appos" and not self.where.in_dateline(child):
                    return self._resolve(child, event_type)
            return None
        place = self.place_at.get(tok.i)
        if place is not None and self.where.after_locative(tok, place):
            return None  # "in Port-au-Prince, gang violence caused": misparsed as the subject
        is_country = bool(country_of(place.text if place else tok.text)) or (
            place is not None and place.location is not None and place.location.geo_precision == 6
        )
        if (
            place is not None
            and tok.i not in self.named.by_token
            and tok.dep_ != "nsubj"
            and (not is_country)
        ):
            return None  # a town as object or target is where it happened, not a party
        if tok.i in self.place_at and tok.i not in self.named.by_token and tok.ent_type_ != "GPE":
            country = self.resolver.place_country.get(tok.i)
            if tok.dep_ != "nsubj" or country is None or tok.i not in self.resolver.seats:
                return None
            # "Kyiv was ready to meet": a capital or country acting stands for its state
            stem = "military" if event_type in VIOLENT_NOUN_TYPES else "government"
            return self.resolver._generic_actor(stem, country, None, tok.text)
        found = self.resolver.resolve(tok, event_type)
        if (found is None or not found.resolved) and tok.i not in self.named.by_token:
            owner = child_with(tok, "poss")
            if owner is not None and tok.lemma_.lower() in ACTOR_HEADS:
                owned = self._resolve(owner, event_type)
                if owned is not None and (owned.resolved or found is None):
                    return owned
        return found

    def _subject(self, verb: Token) -> Token | None:
        """The verb's subject; of two (a misparse), not the place ("in Tijuana, Baja
        California, armed men attacked": California and men are both parsed as subjects)."""
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return next((c for c in subjects if c.i not in self.place_at), None) or next(
            iter(subjects), None
        )

    def _verb_arguments(
        self, verb: Token, event_type: str
    ) -> tuple[Actor | None, Actor | None, Token | None]:
        subj = self._subject(verb)
        obj = child_with(verb, "dobj")
        passive_subj = child_with(verb, "nsubjpass")
        agent = None
        # "was shot and killed by Taliban militants": the agent of the joined verb counts too
        for holder in (verb, *(c for c in verb.children if c.dep_ == "conj")):
            for child in holder.children:
                if child.dep_ == "agent" and agent is None:
                    agent = child_with(child, "pobj")
        if (
            subj is None
            and passive_subj is None
            and verb.dep_ in {"advcl", "xcomp", "conj", "relcl", "acl"}
        ):
            if verb.dep_ in {"relcl", "acl"}:
                subj = verb.head if verb.dep_ == "relcl" else None
                if verb.dep_ == "acl" and verb.lemma_.lower() in INTRANSITIVE:
                    subj = verb.head  # "factions clashed with" misparsed as "factions clashed"
                elif verb.dep_ == "acl" and verb.tag_ == "VBN":
                    passive_subj = verb.head
            else:
                subj = _inherited_subject(verb)
                if subj is None and verb.dep_ == "conj":
                    passive_subj = child_with(verb.head, "nsubjpass")
        if passive_subj is not None:
            mover = passive_subj
            actor1 = self._resolve(agent, event_type) if agent is not None else None
            if actor1 is None:
                actor1 = self._perpetrator_from_preps(verb, event_type)
            moved = self._resolve(passive_subj, event_type)
            if event_type in MOVEMENT_TYPES and actor1 is None:
                return moved, None, mover
            return actor1, moved, mover
        mover = subj if event_type in MOVEMENT_TYPES and obj is None else obj
        if event_type == "ASSAULT" and verb.lemma_.lower() in FINDING_VERBS:
            return None, None, mover  # "police found the body of a man": the finder did nothing
        actor1 = self._resolve(subj, event_type)
        if actor1 is None and subj is not None:
            actor1 = self._namedchild(subj, event_type)
        between = self._between(verb, event_type)
        if actor1 is None and between[0] is not None:
            return between[0], between[1], mover
        if subj is not None and (actor1 is None or not actor1.resolved):
            actor1 = self._by_agent(subj, event_type) or actor1
        if actor1 is None and verb.dep_ == "relcl":
            actor1 = self._claimant(verb.head, event_type)
        if actor1 is None and verb.dep_ == "pcomp":
            actor1 = self._claimant(verb, event_type)  # "claimed responsibility for killing"
        if actor1 is None and subj is not None and subj.lower_ in {"that", "which"}:
            actor1 = self._claimant(verb.head, event_type)
        if event_type in MOVEMENT_TYPES and obj is not None:
            return actor1, None, mover  # what is sent is the instrument, not a target
        actor2 = self._target(verb, obj, event_type)
        if actor2 is None and subj is not None and event_type in SYMMETRIC_TYPES:
            actor2 = self._resolve(child_with(subj, "conj"), event_type)
        return actor1, actor2, mover

    def _target(self, verb: Token, obj: Token | None, event_type: str) -> Actor | None:
        """actor2: the object, a dative ("gave Tanzania a grant"), a prepositional target
        ("apologised to Brazil"), or the owner of the object ("praised Haiti's efforts");
        a framing verb's complement is searched too ("agreed to provide aid to X")."""
        dative = child_with(verb, "dative")
        if dative is not None and dative.lower_ not in {"to", "for"}:
            found = self._resolve(dative, event_type)
            if found is not None:
                return found
        if obj is not None:
            found = self._resolve(obj, event_type)
            if found is not None:
                return found
            violent = event_type in VIOLENT_NOUN_TYPES
            for child in obj.children:
                if child.pos_ == "PRON" or child.dep_ not in {"poss", "compound"}:
                    continue
                if violent and (child.dep_ == "compound" or child.i in self.place_at):
                    continue
                if child.dep_ == "poss" or child.i in self.named.by_token:
                    found = self._resolve(child, event_type)
                    if found is not None:
                        return found
        preps = {"on", "against", "with", "at"}  # "fired live bullets at protesters"
        if event_type not in VIOLENT_NOUN_TYPES:
            preps |= {"to", "for", "toward", "towards"}
        holders = [verb, *(c for c in verb.children if c.dep_ in {"dobj", "dative"})]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
                    pobj = child_with(child, "pobj")
                    if pobj is None or (pobj.i in self.place_at and pobj.ent_type_ != "GPE"):
                        continue
                    found = self._resolve(pobj, event_type)
                    if found is not None:
                        return found
        for child in verb.children:
            if child.dep_ in {"xcomp", "ccomp"} and child.pos_ == "VERB":
                found = self._target(child, child_with(child, "dobj"), event_type)
                if found is not None:
                    return found
        return None

    def _between(self, tok: Token, event_type: str) -> tuple[Actor | None, Actor | None]:
        """ "fighting between X, or X', and Y": the two parties."""
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                first = child_with(child, "pobj")
                a1 = self._resolve(first, event_type)
                if first is None or a1 is None:
                    return None, None
                for conj in first.conjuncts:
                    a2 = self._resolve(conj, event_type)
                    if a2 is not None and (a2.actor_id or a2.name) != (a1.actor_id or a1.name):
                        return a1, a2
                return a1, None
        return None, None

    def _namedchild(self, tok: Token, event_type: str) -> Actor | None:
        """A parse that hangs the real subject under another noun ("X and Y, an alliance...")."""
        for child in tok.children:
            if child.dep_ in {"nsubj", "appos", "poss", "compound"} and (
                child.i in self.named.by_token
            ):
                return self._resolve(child, event_type)
        return None

    def _by_agent(self, noun: Token | None, event_type: str) -> Actor | None:
        """ "a missile fired by the Houthis", "shells launched by the army": the agent acts."""
        if noun is None:
            return None
        for child in noun.children:
            if child.dep_ == "acl":
                agent = child_with(child, "agent")
                if agent is not None:
                    return self._resolve(child_with(agent, "pobj"), event_type)
        return None

    def _claimant(self, noun: Token, event_type: str) -> Actor | None:
        """ "X said it was behind a bomb", "X claimed responsibility for the attack"."""
        cur = noun
        for _ in range(4):
            head = cur.head
            if cur.dep_ == "pobj" and head.lower_ == "behind":
                verb = head.head
                return self._resolve(child_with(verb, "nsubj"), event_type)
            if (
                cur.dep_ in {"pobj", "pcomp"}
                and head.lower_ == "for"
                and head.head.lemma_ == "responsibility"
            ):
                return self._resolve(child_with(head.head.head, "nsubj"), event_type)
            if head.i == cur.i:
                break
            cur = head
        return None

    def _perpetrator_from_preps(self, verb: Token, event_type: str) -> Actor | None:
        """ "killed in an ISIS attack": the attack's owner is the perpetrator."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "during", "by", "after", "amid"}:
                pobj = child_with(child, "pobj")
                lemma = pobj.lemma_.lower() if pobj is not None else ""
                if pobj is not None and (NOUN_TRIGGERS.get(lemma) or lemma in OPERATIONS):
                    a1, _, _ = self._noun_arguments(pobj, event_type)
                    if a1 is not None:
                        return a1
        return None

    def _noun_arguments(
        self, noun: Token, event_type: str
    ) -> tuple[Actor | None, Actor | None, Token | None]:
        actor1 = actor2 = None
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"} and actor1 is None:
                if child.dep_ == "poss" and (child.pos_ == "PRON"):
                    if noun.head.pos_ == "VERB" and noun.dep_ in {"dobj"}:
                        actor1 = self._resolve(child_with(noun.head, "nsubj"), event_type)
                    else:
                        actor1 = self.state.last_actor
                    continue
                if child.i in self.place_at and child.i not in self.named.by_token:
                    continue
                if child.lower_ in AERIAL_WORDS | SHELLING_WORDS | SUICIDE_WORDS:
                    continue
                actor1 = self._modifier_actor(child, event_type)
            elif child.dep_ == "prep" and child.lower_ == "by":
                actor1 = self._resolve(child_with(child, "pobj"), event_type)
            elif child.dep_ == "prep" and child.lower_ == "between" and actor1 is None:
                actor1, actor2 = self._between(noun, event_type)
            elif (
                child.dep_ == "prep"
                and child.lower_ in {"on", "against", "of", "with", "between"}
                and actor2 is None
            ):
                pobj = child_with(child, "pobj")
                if pobj is not None and (
                    pobj.i not in self.place_at or pobj.i in self.named.by_token
                ):
                    actor2 = self._resolve(pobj, event_type)
        if noun.dep_ in {"dobj"} and noun.head.lemma_.lower() in LIGHT_VERBS:
            light = noun.head
            if actor1 is None:
                subj = child_with(light, "nsubj") or _inherited_subject(light)
                actor1 = self._resolve(subj, event_type)
            if actor2 is None:
                for child in light.children:
                    if child.dep_ == "prep" and child.lower_ in {"on", "against", "at"}:
                        pobj = child_with(child, "pobj")
                        if pobj is not None and pobj.i not in self.place_at:
                            actor2 = self._resolve(pobj, event_type)
                            if actor2 is not None:
                                break
        if actor1 is None:  # "clashes erupted between X and Y", "a clash ensued between ..."
            happens = [c for c in noun.children if c.dep_ in {"acl", "relcl"}]
            happens += [noun.head] if noun.dep_ == "nsubj" else []
            for verb in happens:
                actor1, actor2 = self._between(verb, event_type)
                if actor1 is not None:
                    break
        if actor1 is None:
            actor1 = self._by_agent(noun, event_type) or self._claimant(noun, event_type)
        if noun.dep_ == "nsubj" and actor2 is None:
            actor2 = self._resolve(child_with(noun.head, "dobj"), event_type)
        return actor1, actor2, None

    def _modifier_actor(self, tok: Token, event_type: str) -> Actor | None:
        if tok.i in self.named.by_token:
            return self.resolver.resolve(tok, event_type)
        iso3 = country_of(tok.text)
        if iso3:
            stem = "military" if event_type in {"ASSAULT", "MOBILIZE", "COERCE"} else "government"
            return self.resolver._generic_actor(stem, iso3, None, tok.text)
        if tok.lemma_.lower() in self.named.by_head_word:  # "a coalition air strike"
            return self.resolver.resolve(tok, event_type)
        if GENERIC_HEADS.get(tok.lemma_.lower(), ("",))[0] in {"military", "police"}:
            return self.resolver.resolve(tok, event_type)  # "killed in a police raid"
        return None

    # ---------------------------------------------------------------- places
    def _fill_from_context(self, item: SentenceEvent) -> None:
        event = item.event
        previous = self.state.events[-1] if self.state.events else None
        recent = previous is not None and item.sent_index - previous.sent_index <= 2
        if (
            event.location is None
            and recent
            and (item.location_from_there or item.paragraph == previous.paragraph)
        ) or (event.location is None and item.location_from_there and previous is not None):
            event.location = previous.event.location
        if event.location is None:
            event.location = self._place_before(item)
        elif event.location.latitude is None:
            # "Also, four men were shot dead in Colonia El Carmen": a place the gazetteer lacks
            # lies in the paragraph's last placed event's place or the previous sentence's
            same_paragraph = recent and item.paragraph == previous.paragraph
            near = previous.event.location if same_paragraph else None
            if near is None or near.latitude is None:
                near = self._place_before(item)
            if near is not None:
                event.location = enclosing(event.location, [near])
                item.extra["placed_near"] = True  # its own place, in there: not the same place
        if event.actor1 is None and event.event_type == "ASSAULT":
            for back in reversed(self.state.events[-3:]):
                if (
                    item.sent_index - back.sent_index <= 2
                    and back.paragraph == item.paragraph
                    and back.event.event_type == "ASSAULT"
                    and back.event.actor1
                ):
                    event.actor1 = back.event.actor1
                    break
        if event.source_original is None and recent and previous.paragraph == item.paragraph:
            event.source_original = previous.event.source_original

    def _place_before(self, item: SentenceEvent) -> Location | None:
        """ "In Petrolina, police dismantled a lab. A man was arrested.": the place of the
        paragraph's previous sentence, when that sentence coded no event of its own and its
        places lie in one country."""
        earlier = self.state.sentences.get(item.sent_index - 1)
        if earlier is None or earlier[1] != item.paragraph:
            return None
        if any(e.sent_index == item.sent_index - 1 for e in self.state.events[-3:]):
            return None  # that sentence's event kept its place (or had none) for itself
        countries = {
            p.location.country_code
            for i in self.where.in_sentence(earlier[0])
            if resolved(p := self.place_at[i])
        }
        if len(countries) != 1:
            return None  # "a dialogue with the United States on US forces in Iraq": no one place
        location = self.where.for_event(earlier[0], [], "")[0]
        return location if location is not None and location.latitude is not None else None

    def _merge_into_previous(self, item: SentenceEvent) -> bool:
        """A next sentence elaborating the last event ("Dozens ... were deployed there")."""
        if not self.state.events:
            return False
        prev = self.state.events[-1]
        if item.sent_index - prev.sent_index != 1:
            return False
        toll = (
            _fights(prev.event) and item.event.event_type in LETHAL_TYPES and not item.event.actor1
        )
        if prev.event.event_type != item.event.event_type and not toll:
            return False
        if item.explicit_date and item.event.date_start != prev.event.date_start:
            return False
        same_place = (
            item.location_from_there
            or not item.explicit_location
            or (
                item.event.location
                and prev.event.location
                and item.event.location.name == prev.event.location.name
                and not item.extra.get("placed_near")
            )
        )
        if not same_place:
            return False
        _fill(prev.event, item.event)
        prev.event.confidence = _confidence(prev)
        return True

    def _toll_of_previous(self, sent_text: str, sent_index: int, paragraph: int) -> None:
        """ "Gunmen attacked a man. The victim died." gives the attack its toll (one reading)."""
        if not self.state.events:
            return
        prev = self.state.events[-1]
        if sent_index - prev.sent_index > 2 or prev.paragraph != paragraph:
            return
        event = prev.event
        # a crowd's toll too: a peaceful protest's is cleared when it is named (AcledConventions)
        if not (_fights(event) or event.event_type == "PROTEST") or event.modality != "asserted":
            return
        if event.fatalities_best is not None and event.fatalities_note != UNKNOWN.note:
            return
        fat = fatalities_in(sent_text)
        if fat is None or fat.best is None:
            return
        event.fatalities_low, event.fatalities_best = fat.low, fat.best
        event.fatalities_high, event.fatalities_note = fat.high, fat.note

    def _continue_previous(self, words: list[Token], sent_index: int) -> None:
        """ "The convoy, which came from al-Heri, ..." adds origin/destination to the last event."""
        if not self.state.events:
            return
        prev = self.state.events[-1]
        if sent_index - prev.sent_index != 1 or prev.mover is None:
            return
        subj = next(
            (t for t in words if t.dep_ in {"nsubj", "nsubjpass"} and t.head.dep_ == "ROOT"), None
        )
        if subj is None or subj.lemma_.lower() != prev.mover.lemma_.lower():
            return
        if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in subj.children):
            return
        for tok in words:
            place = self.place_at.get(tok.i)
            if place is None or tok.dep_ != "pobj":
                continue
            prep = _governing_prep(tok)
            if prep in ORIGIN_PREPS and prev.event.origin is None:
                prev.event.origin = location_of(place)
            elif prep in DEST_PREPS and prev.event.destination is None:
                prev.event.destination = location_of(place)


_FATALITIES = ("fatalities_low", "fatalities_best", "fatalities_high", "fatalities_note")


def _fights(event: Event) -> bool:
    """The event is a fight whose toll a next sentence may give, ground taken included."""
    return event.event_type in LETHAL_TYPES or event.event_mode == "occupy"


def _fill(target: Event, source: Event) -> None:
    for name in ("actor1", "actor2", "origin", "destination", "source_original", "event_mode"):
        if getattr(target, name) is None and getattr(source, name) is not None:
            setattr(target, name, getattr(source, name))
    # a count is one reading (low <= best <= high): take the source's whole, never mix two
    if all(getattr(target, name) is None for name in _FATALITIES):
        for name in _FATALITIES:
            setattr(target, name, getattr(source, name))
    if target.location is None:
        target.location = source.location


def _governing_prep(tok: Token) -> str | None:
    """The preposition a place hangs from, looking through "the town of"."""
    cur = tok
    for _ in range(4):
        if cur.dep_ != "pobj":
            return None
        prep = cur.head
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            cur = prep.head
            continue
        return prep.lower_
    return None


def _inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the clause above it ("is willing to withdraw")."""
    cur = verb
    for _ in range(3):
        if cur.dep_ not in {"xcomp", "advcl", "conj", "acomp", "ccomp"} or cur.head.i == cur.i:
            return None
        cur = cur.head
        subj = child_with(cur, "nsubj") or child_with(cur, "nsubjpass")
        if subj is not None:
            return subj
    return None


def _antecedent(pron: Token) -> Token | None:
    """A pronoun's antecedent in the same sentence: the subject of a clause above it
    ("Hungary has said it will support")."""
    if pron.lower_ not in {"it", "they", "he", "she", "its", "their", "his", "her", "we"}:
        return None
    for anc in pron.ancestors:
        if anc.pos_ not in {"VERB", "AUX"}:
            continue
        subj = child_with(anc, "nsubj")
        if subj is not None and subj.i != pron.i and subj.pos_ != "PRON" and subj.i < pron.i:
            return subj
    return None


# Unnamed actors are coded with the country where they act, as ACLED names
# "Unidentified Armed Group (Syria)" or "Military Forces of Yemen".
LOCAL_TYPES = {
    "civilians": "civilians",
    "protesters": "protesters",
    "police": "police",
    "state_forces": "military",
    "government": "government",
    "militia": "militia",
    "rebel_group": "rebels",
}


def _localise(actor: Actor | None, location: Location | None, resolver: ActorResolver) -> None:
    """Civilians, protesters and police with no country take the event's country (as ACLED)."""
    if actor is None or actor.country_code or actor.actor_type not in LOCAL_TYPES:
        return
    if actor.actor_id is not None and not actor.actor_id.startswith("gen_"):
        return
    if location is None or not location.country_code:
        return
    stem = LOCAL_TYPES[actor.actor_type]
    actor.country_code = location.country_code
    actor_id = f"gen_{stem}_{location.country_code.lower()}"
    if resolver.dictionary.get(actor_id) is not None:
        actor.actor_id, actor.resolved = actor_id, True


def _best_actor(actors: list[Actor]) -> Actor | None:
    """Named and resolved beats generic with a country beats a bare noun; "people" is the
    vaguest party ("opened fire on demonstrators, killing four people": demonstrators)."""
    if not actors:
        return None
    return min(
        enumerate(actors),
        key=lambda ia: (
            not (ia[1].resolved and ia[1].actor_id and not ia[1].actor_id.startswith("gen_")),
            not ia[1].resolved,
            ia[1].country_code is None,
            ia[1].name.lower() in VAGUE_PARTIES,
            ia[0],
        ),
    )[1]


def _headline_told_again(items: list[SentenceEvent]) -> list[SentenceEvent]:
    """A headline's event told again in the body is one event: the body's sentence, with what
    only the headline said; two different events (other type, place or actors) stay apart."""
    if len(items) < 2 or items[0].sent_index != 0 or items[0].event.sentence.endswith("."):
        return items  # a headline has no full stop; a lede that does is an event of its own
    head = items[0].event
    for item in items[1:]:
        body = item.event
        if (
            body.modality == head.modality
            and (body.acled_sub_event_type or body.event_type)
            == (head.acled_sub_event_type or head.event_type)
            and (body.date_start == head.date_start or not items[0].explicit_date)
            and _same_or_unknown(head.location, body.location, "country_code")
            and _same_or_unknown(head.actor1, body.actor1, "name")
        ):
            _fill(body, head)
            for role in ("actor1", "actor2"):  # the headline's known party over a phrase
                mine, theirs = getattr(body, role), getattr(head, role)
                if theirs is not None and theirs.actor_id and not (mine and mine.actor_id):
                    setattr(body, role, theirs)
            return items[1:]
    return items


def _one_sided(item: SentenceEvent) -> bool:
    """Civilians are the target and nothing in the report tells of a fight or of a party
    that fought back ("clashed", "exchanged fire", "stray bullets": civilians caught in it)."""
    target = item.event.actor2
    if target is None or target.actor_type not in UNARMED:
        return False
    return not any(t.lemma_.lower() in FIGHT_WORDS for t in item.trigger.doc)


def _one_crowd_per_sentence(items: list[SentenceEvent]) -> list[SentenceEvent]:
    """ "Protesters burned tyres and blocked roads": one violent demonstration, not two."""
    first: dict[tuple[int, str], SentenceEvent] = {}
    kept = []
    for item in items:
        e = item.event
        key = (item.sent_index, e.acled_sub_event_type or "")
        if e.acled_event_type in CROWD_EVENTS and key in first:
            _fill(first[key].event, e)
            continue
        first.setdefault(key, item)
        kept.append(item)
    return kept


def _same_or_unknown(a: object | None, b: object | None, key: str) -> bool:
    return a is None or b is None or getattr(a, key) == getattr(b, key)


def _not_violence(trigger: Token) -> bool:
    """Grammar that rules out an attack: an instruction ("Shoot using a zoom lens"), a
    natural cause ("the virus has killed 12", "died in floods"), a manner ("a plan of attack"),
    a commemoration ("marched to mourn the 10 people killed")."""
    if (
        trigger.pos_ == "VERB"
        and trigger.tag_ == "VB"
        and trigger.dep_ == "ROOT"
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in trigger.children)
    ):
        return True
    if any(h.lemma_.lower() in ACCIDENT_VERBS for h in _clause_heads(trigger)[:3]):
        return True  # "a bus plunged into a ravine, killing 12", "a dam burst, ... killing 30"
    if caused_by_nature(trigger) or _criticism(trigger):
        return True
    if trigger.pos_ == "NOUN" and _accident(trigger):
        return True  # "an explosion tore through a chemical plant"
    for child in trigger.children:
        if child.dep_ in {"agent", "prep"} and any(map(_accident, child.children)):
            return True  # "killed by a gas explosion", "died in a fire"
        if child.dep_ == "advcl" and _accident(child_with(child, "nsubj")):
            return True  # "were killed when a blast ripped through a fireworks factory"
        if child.dep_ == "nsubj" and child.lemma_.lower() in SPORT_SIDES:
            return True  # "the two teams clashed in the final"
        if child.dep_ == "compound" and child.lemma_.lower() in MEDICAL_ATTACKS:
            return True  # "suffered a heart attack"
        if child.dep_ in {"dobj", "nsubjpass"} and all(map(_animals, (child, *child.conjuncts))):
            return True  # "thousands of birds have been killed", "pets are being shot"
    if (
        trigger.pos_ == "NOUN"
        and trigger.dep_ == "pobj"
        and trigger.head.lower_ == "of"
        and trigger.head.head.lemma_.lower() in ABSTRACT_FRAMES
    ):
        return True
    return remembered(trigger) or _describes_a_party(trigger)


def caused_by_nature(verb: Token) -> bool:
    """The doer is no one: "heavy snowfall blocked roads", "an earthquake struck, destroying
    homes", "the flooding has spread and has now struck four million people"."""
    if not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ in CLAUSE_LINKS:
        shared = _inherited_subject(verb)
        verb = shared.head if shared is not None else verb
    # every subject: "a magnitude 6 earthquake" parses as two
    return any(_accident(c) for c in verb.children if c.dep_ == "nsubj")


def _accident(noun: Token | None) -> bool:
    """A natural cause or an industrial accident (a blast or a leak at a factory or a mine)."""
    if noun is None:
        return False
    if _natural_cause(noun):
        return True
    if noun.lemma_.lower() not in BLAST_NOUNS or any(
        c.lemma_.lower() in EXPLOSIVE_WORDS for c in noun.children
    ):
        return False
    verb = noun.head if noun.dep_ in {"nsubj", "nsubjpass"} else noun
    preps = [c for t in {noun, verb} for c in t.children if c.dep_ == "prep"]
    return any(
        p.lower_ in {"at", "in", "inside", "through"}
        and o.dep_ == "pobj"
        and o.pos_ == "NOUN"
        and o.lemma_.lower() in INDUSTRIAL_SITES
        for p in preps
        for o in p.children
    )


def _criticism(verb: Token) -> bool:
    """ "The minister attacked the budget plan as reckless": words aimed at words or policies."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in CRITICISING_VERBS:
        return False
    obj = child_with(verb, "dobj")
    if obj is not None and obj.lemma_.lower() in VERBAL_TARGETS:
        return True
    return any(
        c.dep_ == "prep" and c.lower_ == "as" and any(g.pos_ == "ADJ" for g in c.children)
        for c in verb.children
    )


def _describes_a_party(trigger: Token) -> bool:
    """ "Eighteen troops who fought and were wounded in Iraq are being tested": a relative
    clause telling who someone is, with no date of its own, is no event of the report."""
    clause = trigger.head if trigger.dep_ == "conj" else trigger
    if clause.dep_ != "relcl" or clause.head.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return not any(t.ent_type_ in {"DATE", "TIME"} for t in clause.subtree)


def _bare_death(verb: Token, words: list[Token]) -> bool:
    """ "Died", "perished" with nothing in the sentence saying the death was violent."""
    return verb.lemma_.lower() in BARE_DEATH_VERBS and not any(
        t.lemma_.lower() in VIOLENT_DEATH_CUES or t.lemma_.lower() in HURT_WORDS for t in words
    )


def _natural_cause(tok: Token) -> bool:
    """ "The virus", "H5N1", "a carbon monoxide leak", "poisoned liquor", "a gas explosion",
    "a fire" (not "artillery fire") as the killer."""
    lemma = tok.lemma_.lower()
    if lemma in ACCIDENT_HEADS and any(
        c.dep_ in {"compound", "amod"} and c.lemma_.lower() in ACCIDENT_SOURCES
        for c in tok.children
    ):
        return True  # "a gas explosion", "a lightning strike"
    if lemma == "fire":  # "a (factory) fire broke out", "died in a fire"; not "Israeli fire"
        return any(c.dep_ == "det" for c in tok.children) and not any(
            c.dep_ in {"compound", "amod", "poss", "nmod"} and c.lemma_.lower() not in FIRE_SITES
            for c in tok.children
        )
    return lemma in NATURAL_CAUSES or bool(STRAIN.fullmatch(tok.text))


def _animals(tok: Token) -> bool:
    """The victims are animals: the noun, or what a quantity of it counts ("thousands of")."""
    if tok.lemma_.lower() in ANIMALS:
        return True
    of = child_with(tok, "prep")
    return of is not None and of.lower_ == "of" and _animals(child_with(of, "pobj") or of)


def _has_parties(event: Event) -> bool:
    """What a real event report has: a party the dictionary or a typed noun names ("Snowflake
    hit its stride" has a name, not a party), or a stated toll at a place the gazetteer knows."""
    if any(a is not None and (a.resolved or a.actor_type) for a in (event.actor1, event.actor2)):
        return True
    counted = event.fatalities_best is not None and event.fatalities_note != UNKNOWN.note
    return counted and event.location is not None and event.location.latitude is not None


def _rule_is_decisive(item: SentenceEvent) -> bool:
    """A trigger that names the weapon or the act ("warplanes struck", "shelled", "a suicide
    bomber", "took control of the village") says how more surely than the classifier: the
    rule's type and mode stand."""
    event = item.event
    if event.acled_sub_event_type is None:
        return False
    if event.event_type == "AGREE" and _makes_peace(item.trigger):
        return True
    return event.event_mode in DECISIVE_MODES or (
        event.event_mode == "occupy" and item.trigger.pos_ == "VERB" and takes_ground(item.trigger)
    )


def _makes_peace(trigger: Token) -> bool:
    """ "agreed to a 72-hour truce", "signed a ceasefire": ACLED's agreement, whatever the
    classifier makes of a sentence without violence."""
    return trigger.lemma_.lower() in {"agree", "sign", "reach", "accept"} and any(
        t.lemma_.lower() in TRUCE_WORDS for t in trigger.subtree
    )


def _trigger_token(words: list[Token]) -> Token | None:
    """The word an event found by the classifier hangs from: the main verb, else a noun."""
    root = next((t for t in words if t.dep_ == "ROOT"), None)
    told = child_with(root, "ccomp")
    if root is not None and root.lemma_.lower() in SAY_VERBS and told and told.pos_ == "VERB":
        return told  # "two trucks collided, killing 11, police said": what was said
    if root is not None and root.pos_ in {"VERB", "NOUN", "AUX"}:
        return root
    return next((t for t in words if t.pos_ == "VERB"), root)


def _without_protest_claims(built: list[SentenceEvent]) -> list[SentenceEvent]:
    """ "Drivers protested, demanding fuel": the demand is the protest's claim, not a second
    event (PLOVER and ACLED code the protest alone)."""
    protests = {b.trigger.i for b in built if b.event.event_type == "PROTEST"}
    protests |= {  # "held a protest, demanding": the light verb that carries the noun
        b.trigger.head.i
        for b in built
        if b.event.event_type == "PROTEST" and b.trigger.pos_ == "NOUN" and b.trigger.dep_ == "dobj"
    }
    protests |= {  # "did a motorcade to demand": the protest's object carries the claim
        c.i
        for b in built
        if b.event.event_type == "PROTEST" and b.trigger.pos_ in {"VERB", "AUX"}
        for c in b.trigger.children
        if c.dep_ == "dobj"
    }
    if not protests:
        return built
    return [
        b
        for b in built
        if b.event.event_type not in FRAMING_TYPES
        or not any(a.i in protests for a in _clause_heads(b.trigger))
    ]


def _fight_for_ground(built: list[SentenceEvent]) -> list[SentenceEvent]:
    """ "took control of the village after clashes with rebels": the fight is how the ground
    was taken, one event (ACLED codes the territory change with the fight's parties and toll)."""
    taken = [b for b in built if b.event.event_mode == "occupy"]
    if not taken:
        return built
    kept = []
    for b in built:
        outer = next(
            (
                t
                for t in taken
                if b.event.event_type == "ASSAULT"
                and b.trigger.dep_ == "pobj"
                and b.trigger.head.lower_ in {"after", "following", "amid", "during"}
                and _told_within(b.trigger, t.trigger)
            ),
            None,
        )
        if outer is None:
            kept.append(b)
        else:
            _fill(outer.event, b.event)
    return kept


def _clause_heads(tok: Token) -> list[Token]:
    """The words a subordinate clause hangs from ("protested, demanding": [protested])."""
    heads = []
    while (
        tok.dep_ in {"advcl", "xcomp", "acl", "relcl", "conj", "pcomp", "pobj", "prep"}
        and tok.head.i != tok.i
    ):
        tok = tok.head
        heads.append(tok)
    return heads


def _background(event: Event, published: date | None) -> bool:
    """The event ended more than ``BACKGROUND_DAYS`` before the report was published."""
    if published is None or not event.date_end:
        return False
    return date.fromisoformat(event.date_end) < published - timedelta(days=BACKGROUND_DAYS)


def _says_nothing(verb: Token) -> bool:
    """ "Police said on Monday.": a saying with nothing said; not "fire was reported in X",
    "claimed to have attacked", "announced a curfew"."""
    return verb.lemma_.lower() in SAY_VERBS and not any(
        c.dep_ in {"dobj", "ccomp", "xcomp", "nsubjpass", "attr", "oprd"} for c in verb.children
    )


def _routine(verb: Token) -> bool:
    """ "conducted a joint patrol", "held a military exercise": forces doing their routine
    fight no one, however military the words."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return (
        verb.lemma_.lower() in LIGHT_VERBS
        and obj is not None
        and obj.lemma_.lower() in ROUTINE_ACTIVITIES
    )


def _crowd_violence(tok: Token) -> bool:
    """A crowd's violent act: stones thrown, tyres or a station burned, a shop ransacked, a
    clash with the police, or rioters named; not what the police did to the crowd."""
    if tok.lemma_.lower() == "rioter" and tok.dep_ in {"nsubj", "nsubjpass"}:
        return True
    if tok.lemma_.lower() == "burn" and tok.dep_ == "amod":  # "by burning tyres"
        return tok.tag_ == "VBG" and tok.head.lemma_.lower() not in SYMBOLIC_BURNS
    lemma = tok.lemma_.lower()
    if lemma not in CROWD_ACTS or tok.pos_ != "VERB" or tok.dep_ in NOMINAL_DEPS:
        return False
    if _in_claim(tok):
        return False  # "against the detention of activists accused of attacking a bank"
    subj = child_with(tok, "nsubj") or _inherited_subject(tok)
    doers = [t.lemma_.lower() for t in (subj,) if t is not None]
    doers += [t.lemma_.lower() for c in tok.children if c.dep_ == "agent" for t in c.subtree]
    if STATE_HEADS.intersection(doers):
        return False  # what the police did to the crowd ("beaten by dozens of police")
    objects = [c for c in tok.children if c.dep_ in {"dobj", "prep", "nsubjpass", "prt"}]
    words = {t.lemma_.lower() for c in objects for t in c.subtree}
    if words & {"out", *REFLEXIVES}:
        return False  # "stormed out of the hospital", "barricaded themselves into an office"
    if lemma in {"pelt", "throw", "hurl"}:
        return bool(words & CROWD_MISSILES)
    if lemma in {"burn", "torch", "set"} and words and not words & SYMBOLIC_BURNS:
        # ACLED: "burning tires or other material"; effigies and flags are a sign
        return lemma != "set" or "fire" in words
    if lemma == "clash":
        return bool(words & STATE_HEADS)
    if lemma == "break":
        return "into" in words  # "broke into a hospital"
    if lemma == "beat":  # "beat up a reporter", not "beating utensils"
        return bool(words & ({"up"} | GENERIC_HEADS.keys())) or "PRP" in {c.tag_ for c in objects}
    return lemma in CROWD_HARMS


def _deaths_are_the_claim(sent: Span) -> bool:
    """Every death the sentence names is what a crowd denounces, demands justice for or
    mourns ("protesters blocked roads over the killing of a student")."""
    deaths = [t for t in sent if t.lemma_.lower() in DEATH_WORDS]
    return bool(deaths) and all(
        any(a.lemma_.lower() in CLAIM_WORDS for a in t.ancestors) for t in deaths
    )


def _official_voice(verb: Token) -> bool:
    """A government, a ministry or a minister protests or denounces in words: no crowd."""
    said = [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "advcl"})]
    if not any(v.lemma_.lower() in VERBAL_PROTESTS for v in said):
        return False  # "summoned the envoy to protest": the protest is the summons' purpose
    subj = child_with(verb, "nsubj") or _inherited_subject(verb)
    return subj is not None and subj.lemma_.lower() in GOVERNMENT_VOICES


def _in_claim(tok: Token) -> bool:
    """The word is part of what a crowd denounces or asks for ("demanding the release of
    arrested activists", "justice for a dog beaten to death")."""
    cur = tok
    # "protested and set fires", "protested, burning tyres", "by burning tyres": acts
    while cur.head.i != cur.i and not _an_act(cur):
        cur = cur.head
        if cur.lemma_.lower() in CLAIM_WORDS | {"release", "free"}:
            return True
    return False


def _an_act(tok: Token) -> bool:
    """A verb joined to the protest as a second act or its manner, not its content."""
    return (tok.dep_ in {"conj", "advcl"} and tok.pos_ == "VERB") or tok.lower_ == "by"


def _intervention(tok: Token) -> bool:
    """The state stops a crowd: "police dispersed the sit-in", "14 people were arrested",
    "resorted to lathi charge", "fired tear gas"; not "demanding the release of arrested
    activists" (the claim) nor "protesters blocked the road"."""
    lemma = tok.lemma_.lower()
    if lemma not in CROWD_STOPPERS | CROWD_STOPPING_NOUNS | {"tear"} or _in_claim(tok):
        return False
    if lemma in CROWD_STOPPING_NOUNS and tok.pos_ in {"NOUN", "PROPN"}:
        if lemma not in {"arrest", "detention"}:
            return True
        # "several arrests were made"; not "his arrest is believed to be an attack"
        return tok.tag_ == "NNS" and not any(c.dep_ == "poss" for c in tok.children)
    if lemma == "tear" and tok.head.lemma_.lower() == "gas":
        return True
    if lemma not in CROWD_STOPPERS or tok.pos_ != "VERB" or tok.dep_ in {"amod", "acl"}:
        return False
    held = child_with(tok, "nsubjpass") or child_with(tok, "dobj")
    if lemma in {"arrest", "detain"} and not (held is not None and _many(held)):
        return False  # "he was arrested over an accountability case": the protest's cause
    subj = child_with(tok, "nsubj") or _inherited_subject(tok)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)
    return passive or (subj is not None and subj.lemma_.lower() in STATE_HEADS)


def _many(tok: Token) -> bool:
    """Some of a crowd: "14 people", "eleven of them", "several protesters", "a protester"."""
    return (
        tok.tag_ in {"NNS", "NNPS", "CD"}
        or tok.lower_ in {"them", "they", "some", "several", "many", "dozens", "hundreds"}
        or GENERIC_HEADS.get(tok.lemma_.lower(), ("", ""))[1] == "protesters"
        or any(c.dep_ == "nummod" for c in tok.children)
    )


def _crowd_acts(verb: Token) -> bool:
    """Someone does it ("gym owners did a motorcade to demand aid"), and the sentence says what
    for or how: not a credit line ("Reporting by Ahmed Saeed in Aden") nor a talk."""
    if not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return False
    return any(t.lemma_.lower() in PROTEST_CUES for t in verb.sent)


def _told_within(inner: Token, outer: Token) -> bool:
    """``inner`` is said inside the clause of ``outer`` (a noun trigger's clause is its verb's),
    not joined to it as a second act ("killed three and abducted five")."""
    clause = outer.head if outer.pos_ == "NOUN" and outer.dep_ in {"dobj", "nsubj"} else outer
    ancestors = {t.i for t in inner.ancestors}
    return clause.i in ancestors and not (
        inner.dep_ == "conj" and inner.head.i in {outer.i, clause.i}
    )


def _confidence(item: SentenceEvent) -> float:
    e = item.event
    score = 0.35
    score += 0.1 if item.trigger.pos_ == "VERB" else 0.05
    score += 0.15 if e.actor1 is not None and e.actor1.resolved else (0.07 if e.actor1 else 0)
    score += 0.05 if e.actor2 is not None else 0
    score += 0.12 if e.location is not None and e.location.latitude is not None else 0
    score += 0.1 if item.explicit_date else 0
    score += 0.05 if e.source_original else 0
    score += 0.05 if e.acled_event_type else 0
    # the classifier's belief that the sentence reports an event moves it by up to ±0.1
    score += 0.2 * (item.extra.get("support", 0.5) - 0.5)
    if e.modality != "asserted":
        score -= 0.15
    return round(max(0.05, min(1.0, score)), 3)
