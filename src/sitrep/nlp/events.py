"""Sentence-level event coding: triggers, their arguments, place, date, toll, source, modality.

Rules read the dependency parse (active and passive voice, "killed in an ISIS attack") and a few
discourse links a careful coder uses: "The convoy ..." continuing the previous sentence, "there",
a date carried within a paragraph, and an attack's perpetrator named one sentence earlier.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from spacy.parts_of_speech import IDS
from spacy.symbols import nsubj, nsubjpass

from sitrep.actors.demonyms import country_of
from sitrep.actors.generic import ARMED_MODIFIERS, GENERIC_HEADS, GENERIC_STEMS
from sitrep.contract import Actor, Event, Location
from sitrep.nlp.actors import (
    BACKING_WORDS,
    PRONOUNS,
    ActorResolver,
    DocActors,
    actor_from_entry,
)
from sitrep.nlp.attribution import MONITOR_VERBS, source_in_sentence
from sitrep.nlp.crosswalk import Crosswalk
from sitrep.nlp.dates import DateSpan, default_span, resolve_dates
from sitrep.nlp.event_model import ACLED_EVENT_OF, EventModel, token_features
from sitrep.nlp.fatalities import UNKNOWN, fatalities_in, unnumbered_deaths
from sitrep.nlp.lexicon import (
    ABSTRACT_FRAMES,
    AERIAL_WORDS,
    AID_NOUNS,
    ANIMALS,
    COOPERATIVE_TYPES,
    EASE_OBJECTS,
    FRAMING_TYPES,
    HOSTILE_TYPES,
    LIGHT_VERBS,
    MEDICAL_ATTACKS,
    MILITARY_NOUNS,
    NATURAL_CAUSES,
    NOUN_TRIGGERS,
    REMAINS,
    SAY_VERBS,
    SHELLING_WORDS,
    SUICIDE_WORDS,
    VERB_TRIGGERS,
    VIOLENT_DEATH_CUES,
    Trigger,
)
from sitrep.nlp.modality import modality_of
from sitrep.nlp.places import EMBEDDED, Place
from sitrep.ontology import VIOLENT_ACLED_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Nouns that are events whatever their position; the others need a verb that makes them happen.
VIOLENT_NOUN_TYPES = frozenset({"ASSAULT", "PROTEST", "MOBILIZE", "COERCE"})
NOUN_SUPPORT_VERBS = frozenset(
    {
        "stage",
        "organize",
        "organise",
        "launch",
        "mount",
        "undertake",
        "renew",
        "open",
        "lead",
        "conduct",
        "carry",
        "continue",
        "complete",
        "hold",
        "call",
        "sign",
        "reach",
        "conclude",
        "strike",
        "announce",
        "impose",
        "declare",
        "lift",
        "agree",
        "broker",
        "begin",
        "start",
        "resume",
        "order",
        "break",
        "violate",
        "extend",
        "pay",
        "make",
        "host",
        "attend",
        "join",
        "end",
    }
)
ORIGIN_PREPS = frozenset({"from"})
# "KHARTOUM, Sudan (AP) — ": where the reporter files from, not where the event happened.
DATELINE = re.compile(
    r"(?:^|\n)\s*([A-Z][A-Z'.-]{2,}(?:\s+[A-Z][A-Z'.-]+)*(?:,\s*[A-Z][\w'. -]{1,30})?"
    r"(?:\s*\([\w .-]{1,25}\))?\s*[—–-]{1,2}\s)"
)
# Actor nouns a place name can modify ("US warships", "Syrian troops").
ACTOR_HEADS = frozenset(GENERIC_HEADS) | MILITARY_NOUNS | {"warship", "ship", "vessel", "embassy"}
DEST_PREPS = frozenset({"to", "towards", "toward", "into"})
LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "near",
        "on",
        "around",
        "outside",
        "inside",
        "across",
        "throughout",
        "within",
        "over",
        "along",
        "into",
        "to",
        "towards",
        "toward",
        "against",
        "off",
        "between",
        "through",
        "by",
    }
)
DIRECTION_WORDS = frozenset(
    {
        "south",
        "north",
        "east",
        "west",
        "southeast",
        "southwest",
        "northeast",
        "northwest",
        "kilometres",
        "kilometers",
        "km",
        "miles",
        "outskirts",
    }
)
MOVEMENT_TYPES = frozenset({"MOBILIZE", "RETREAT"})
PROTESTERS = frozenset(
    {
        "protester",
        "demonstrator",
        "protestor",
        "crowd",
        "activist",
        "people",
        "supporter",
        "resident",
        "student",
        "worker",
    }
)
# "X and Y agreed/met/clashed": the second party is actor2.
SYMMETRIC_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})
# Projectiles as subjects: "rockets landed near the airport" is an attack.
PROJECTILES = frozenset(
    {"rocket", "missile", "shell", "mortar", "bomb", "grenade", "projectile", "katyusha"}
)
# What joins a place to the area that encloses it: "Kajran district, Daykundi", "Doutchi (Diffa)",
# "Al Kirsh front (Al Qabbaytah, Lahij)".
ENCLOSER_GAP = re.compile(r"\s*(?:[a-z]+\s+)?(?:,|\()\s*(?:in\s+)?")
# State actors that act at home: named without a country ("police forces"), they take the
# country of the place they act in.
STATE_TYPES_WITH_HOME = frozenset({"police", "state_forces", "government"})
# UCDP's where_prec: 3 a district, 6 a country.
COUNTRY_PRECISION = 6
DISTRICT_PRECISION = 3
# "the town of al-Heri": the preposition that matters is the one above "town", not "of".
PLACE_NOUNS = frozenset(
    {
        "town",
        "village",
        "city",
        "area",
        "region",
        "province",
        "district",
        "countryside",
        "governorate",
        "state",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "outskirts",
        "camp",
        "municipality",
        "county",
        "capital",
        "port",
        "border",
        "desert",
        "valley",
        "hamlet",
        "settlement",
        "locality",
        "enclave",
        "zone",
        "territory",
        "part",
        "vicinity",
        "farmland",
        "farmlands",
    }
)
LETHAL_TYPES = frozenset({"ASSAULT"})
VIOLENT_ACLED = VIOLENT_ACLED_TYPES
STATE_TYPES = frozenset({"state_forces", "police", "government"})
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
    {"aerial", "heavy-weapons", "suicide-attack", "cbrn", "sexual", "seize", "riot", "demo"}
)
# ACLED types that need a party or a toll beside a trigger word (metaphors are common).
STRAIN = re.compile(r"H\d{1,2}N\d{1,2}", re.I)  # influenza strains named as the killer: H5N1
CROWD_EVENTS = frozenset({"Protests", "Riots"})
CROWD_TYPES = frozenset({"protesters", "rioters"})
PEACEFUL = frozenset({"Peaceful protest", "Protest with intervention"})
NEEDS_PARTIES = VIOLENT_ACLED | CROWD_EVENTS


@dataclass
class Candidate:
    """One trigger word with what it means."""

    token: Token
    trigger: Trigger
    mode: str | None


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


class _Ranked(NamedTuple):
    """A place of the sentence as a candidate for the event's place; sorts best first."""

    foreign: bool
    aside: bool  # not under the trigger
    reference: bool
    unplaced: bool  # no coordinates, or a namesake outside its named area
    shadowed: bool
    precision: int
    distance: int
    location: Location


@dataclass
class DocState:
    """What earlier sentences of the article established."""

    last_actor: Actor | None = None
    last_source: str | None = None
    last_date: DateSpan | None = None
    last_date_paragraph: int = -1
    events: list[SentenceEvent] = field(default_factory=list)
    sentences: dict[int, tuple[Span, int]] = field(default_factory=dict)  # index: (sent, para)


_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})  # every trigger below is one of these
_TRIGGER_POS_IDS = frozenset(int(IDS[pos]) for pos in _TRIGGER_POS)  # as ``Token.pos``: no string
_SUBJECT_DEPS = frozenset({int(nsubj), int(nsubjpass)})  # as ``Token.dep``


def sentence_candidates(sent: Span | Sequence[Token]) -> list[Candidate]:
    """Trigger words of a sentence (a Span or its tokens), after dropping the content of
    framing verbs."""
    found: list[Candidate] = []
    for tok in sent:
        if tok.pos not in _TRIGGER_POS_IDS:
            continue  # most words: ``_candidate`` would say no at its first test
        cand = _candidate(tok)
        if cand is not None:
            found.append(cand)
    framing = [
        c
        for c in found
        if c.token.pos_ == "VERB" and c.trigger.event_type in FRAMING_TYPES | {"PROTEST"}
    ]
    verbs = {c.token.i for c in found if c.token.pos_ == "VERB"}
    found = [c for c in found if not _argument_of_trigger(c, verbs)]
    kept = []
    for cand in found:
        # a framed verb is content ("threatened to strike"); a framed noun is presupposed
        # ("condemned the killing of 15 civilians" reports a killing)
        nominal = cand.token.pos_ in {"NOUN", "PROPN"} and cand.token.dep_ in {"dobj", "pobj"}
        if not nominal and any(f is not cand and _governs(f.token, cand.token) for f in framing):
            continue
        kept.append(cand)
    return kept


def _violent_remains(find: Token) -> bool:
    """Bodies found, and the sentence says they died by violence (wounds, binding, torture)."""
    if not any(
        c.dep_ in {"nsubjpass", "dobj"} and c.lemma_.lower() in REMAINS for c in find.children
    ):
        return False
    return any(t.lemma_.lower() in VIOLENT_DEATH_CUES for t in find.sent)


def _hyphenated(tok: Token) -> Trigger | None:
    """A trigger the tokenizer split at its hyphen: "shoot-out", "fire-fight", "sit-in"."""
    if tok.i < 2 or tok.nbor(-1).text != "-":
        return None
    first = tok.nbor(-2).lower_
    return NOUN_TRIGGERS.get(f"{first}-{tok.lower_}") or NOUN_TRIGGERS.get(first + tok.lower_)


def _argument_of_trigger(cand: Candidate, verbs: set[int]) -> bool:
    """A non-violent noun that another trigger acts on is that event's object: "lifted a
    blockade", "rejected an invitation to a meeting", "agreed to postpone the demonstration"."""
    tok = cand.token
    if tok.pos_ != "NOUN" or cand.trigger.event_type in {"ASSAULT", "PROTEST"}:
        return False
    for _ in range(4):
        if tok.dep_ not in {"dobj", "pobj", "prep", "xcomp", "nsubjpass"} or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i in verbs:
            return True
    return False


def _governs(frame: Token, tok: Token) -> bool:
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        if cur.head.i == frame.i:
            return cur.dep_ in {"xcomp", "ccomp", "pcomp", "prep", "dobj", "advcl"}
        cur = cur.head
    return False


def _candidate(tok: Token) -> Candidate | None:
    if tok.pos_ not in _TRIGGER_POS:
        return None
    lemma = tok.lemma_.lower()
    if (
        tok.pos_ == "VERB"
        and lemma == "call"
        and any(c.dep_ == "prep" and c.lower_ in {"for", "on", "upon"} for c in tok.children)
    ):
        return Candidate(tok, Trigger("REQUEST"), None)  # "called for talks", "called on X to"
    if (
        tok.pos_ in {"VERB", "AUX"}
        and tok.dep_ == "ccomp"
        and tok.head.lemma_.lower() in SAY_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children)
    ):
        return Candidate(tok.head, Trigger("REQUEST"), None)  # "said X must hand over"
    if lemma == "find" and tok.pos_ == "VERB" and _violent_remains(tok):
        return Candidate(tok, Trigger("ASSAULT"), None)  # "a body was found with gunshot wounds"
    if tok.pos_ == "VERB" and tok.dep_ not in {"amod", "compound"}:
        trig = VERB_TRIGGERS.get(lemma)
        if trig is None or _in_attribution(tok):
            return None
        if tok.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj", "attr"} and tok.tag_ != "VBG":
            return None  # a verb form used as a noun ("evacuated the wounded")
        if tok.dep_ in {"csubj", "csubjpass"} and tok.tag_ == "VBG":
            return None  # a general statement: "Attacking them is a violation"
        if tok.dep_ == "acl" and (tok.tag_ == "VBG" or trig.event_type not in VIOLENT_NOUN_TYPES):
            return None  # describes a noun: "the coalition fighting the Houthis", "X backed by Y"
        if tok.dep_ in {"advcl", "xcomp"} and tok.head.lemma_.lower() in SAY_VERBS:
            return None  # about the source: "the official said, asking not to be named"
        if _gives_aid(tok):
            return Candidate(tok, Trigger("AID"), None)
        retyped = _object_type(tok, lemma)
        if retyped is not None:
            return Candidate(tok, retyped, retyped.mode)
        if trig.needs_military_object and not _moves_military(tok):
            return None
        if lemma in {"lift", "ease", "relax", "cancel", "end"}:
            obj = _child(tok, "dobj")
            eased = _ease_type(obj)
            if eased is not None:
                return Candidate(tok, Trigger(*eased), eased[1])
        if lemma in {"strike", "hit"} and not _has_object_or_agent(tok):
            return None
        if lemma in {"fire", "shoot"} and not _lethal_fire(tok):
            return None
        return Candidate(tok, trig, _refine_mode(tok, trig))
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ not in {"compound", "amod"}:
        if lemma == "fire" and tok.dep_ == "dobj" and tok.head.lemma_.lower() == "open":
            return Candidate(tok, Trigger("ASSAULT", "firearms"), "firearms")  # "opened fire"
        if lemma == "alert" and tok.dep_ == "pobj" and tok.head.lower_ == "on":
            verb = tok.head.head  # "troops remained on alert", "put forces on high alert"
            if verb.pos_ in {"VERB", "AUX"}:
                return Candidate(verb, Trigger("MOBILIZE", "troops"), "troops")
        if lemma == "street" and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() == "take":
            return Candidate(
                tok.head.head, Trigger("PROTEST", "demo"), "demo"
            )  # "took to the streets"
        trig = NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(tok.lower_) or _hyphenated(tok)
        if trig is None or _in_attribution(tok):
            return None
        if lemma in {"strike", "bomb", "visit", "rally", "march"} and not _noun_supported(
            tok, lemma
        ):
            return None
        if trig.event_type not in VIOLENT_NOUN_TYPES and not _noun_happens(tok):
            return None
        if tok.tag_ in {"NNS", "NNPS"} and _quantified(tok) and not _carried_out(tok):
            return None  # a tally, not an event: "dozens of bombings", "40 airstrikes this year"
        return Candidate(tok, trig, _refine_mode(tok, trig))
    return None


# What is cut, expelled or imposed decides the type: "suspended aid" sanctions, "suspended
# a newspaper" coerces; "expelled diplomats" sanctions, "expelled migrants" coerces.
RELATION_OBJECTS = AID_NOUNS | {
    "relation",
    "tie",
    "link",
    "talk",
    "visit",
    "negotiation",
    "cooperation",
    "delivery",
    "program",
    "programme",
    "contact",
    "dialogue",
    "flight",
    "trade",
    "mission",
}
DIPLOMATIC_PEOPLE = frozenset(
    {
        "diplomat",
        "ambassador",
        "envoy",
        "inspector",
        "observer",
        "monitor",
        "peacekeeper",
        "attache",
        "consul",
        "staff",
        "mission",
    }
)


def _object_type(tok: Token, lemma: str) -> Trigger | None:
    obj = _child(tok, "dobj")
    if obj is None:
        return None
    words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children if c.dep_ == "compound")}
    cutting = {"suspend", "halt", "cut", "reduce", "freeze", "prohibit", "cancel", "end", "stop"}
    if lemma in cutting and words & RELATION_OBJECTS:
        return Trigger("SANCTION", "discontinue")
    if lemma in {"expel", "recall", "withdraw"} and words & DIPLOMATIC_PEOPLE:
        return Trigger("SANCTION", "expel")
    if lemma == "impose" and words & {"sanction", "embargo", "tariff", "penalty"}:
        return Trigger("SANCTION")
    if lemma == "set" and "fire" in words:
        return Trigger("COERCE", "seize")  # "set fire to the offices": property destruction
    if lemma in {"strengthen", "bolster", "boost", "reinforce", "increase", "double"} and (
        words & MILITARY_NOUNS
    ):
        return Trigger("MOBILIZE", "troops")
    return None


def _lethal_fire(tok: Token) -> bool:
    """ "fired rockets at", "shot a man" count; "fired tear gas", "shot down drones" do not."""
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return False
    obj = _child(tok, "dobj")
    if obj is not None:
        words = {obj.lemma_.lower(), *(c.lower_ for c in obj.children)}
        if words & {"gas", "cannon", "cannons", "tear", "rubber", "flare", "warning", "shot"}:
            return words & {"shot"} == {"shot"} and "warning" not in words
        return True
    return tok.lemma_.lower() == "shoot" or any(
        c.dep_ == "prep" and c.lower_ in {"at", "on", "upon", "into"} for c in tok.children
    )


def _gives_aid(tok: Token) -> bool:
    """ "sent arms", "gave 5 million dollars", "handed over medicine": aid, not a deployment."""
    if tok.lemma_.lower() not in {"send", "give", "hand", "ship", "deliver", "provide", "donate"}:
        return False
    for child in tok.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            heads = [child, *[g for c in child.children if c.lower_ == "of" for g in c.children]]
            if any(h.lemma_.lower() in AID_NOUNS for h in heads):
                return True
    return False


def _ease_type(obj: Token | None) -> tuple[str, str | None] | None:
    if obj is None:
        return None
    for tok in [obj, *obj.children]:
        hit = EASE_OBJECTS.get(tok.lemma_.lower())
        if hit:
            return hit
    return None


TALLY = re.compile(
    r"\bsince (?:the (?:start|beginning|outbreak)|the (?:conflict|war|fighting|insurgency|uprising)"
    r"|(?:19|20)\d\d|it began)|\bso far (?:this|in)\b|\bin total\b"
    r"|\bdeath toll (?:in|from) the (?:war|conflict)"
    r"|\b(?:such|these|similar) (?:attacks|killings|incidents|raids|strikes|clashes)\b"
    r"|\b(?:last|this|past|previous) (?:month|year)'s (?:attacks|killings|violence)\b",
    re.I,
)
# A killing remembered is not one of today: "marched to commemorate the 10 people killed".
COMMEMORATE_WORDS = frozenset(
    {
        "commemorate",
        "mourn",
        "remember",
        "honour",
        "honor",
        "memorialize",
        "memorialise",
        "anniversary",
        "memory",
        "memorial",
        "vigil",
        "commemoration",
    }
)
_REMEMBERED_BY = frozenset({"dobj", "pobj", "prep", "acl", "relcl", "compound", "xcomp", "ccomp"})
WAR_WORDS = frozenset(
    {"conflict", "war", "violence", "insurgency", "crisis", "fighting", "uprising"}
)


def _is_tally(sentence: str, trigger: Token) -> bool:
    """ "More than 13,000 people have been killed since 2014": a running total, not an event."""
    if TALLY.search(sentence):
        return True
    subj = _child(trigger, "nsubj")
    return subj is not None and subj.lemma_.lower() in WAR_WORDS


def _dateline_date(text: str, offset: int, span: DateSpan) -> bool:
    """ "Ouagadougou, 1 June 2020 – ...": the date the report was filed, not of the event."""
    end = offset + len(span.text)
    return offset < 40 and bool(re.match(r"\s*[—–-]\s", text[end : end + 4]))


def _quantified(tok: Token) -> bool:
    if any(c.dep_ == "nummod" for c in tok.children):
        return True
    head = tok.head
    return (
        tok.dep_ == "pobj"
        and head.lower_ == "of"
        and head.head.lemma_.lower()
        in {"dozen", "hundred", "thousand", "score", "wave", "series", "spate", "string", "number"}
    )


def _carried_out(tok: Token) -> bool:
    """ "The air force conducted nine airstrikes": strikes done at once are one event, unless
    the verb sums them up ("has carried out 40 airstrikes since January")."""
    verb = tok.head
    return (
        tok.dep_ == "dobj"
        and verb.lemma_.lower() in LIGHT_VERBS
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    )


def _noun_supported(tok: Token, lemma: str) -> bool:
    mods = {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod", "nmod"}}
    if lemma == "strike":
        return bool(mods & (AERIAL_WORDS | SHELLING_WORDS | {"missile", "drone", "air"}))
    if lemma == "bomb":
        return bool(mods & {"car", "suicide", "roadside", "truck", "barrel"})
    return _noun_happens(tok)


def _noun_happens(tok: Token) -> bool:
    """A non-violent event noun counts when a verb makes it happen ("held talks")."""
    head = tok.head
    if tok.dep_ in {"dobj", "nsubjpass", "nsubj"} and head.lemma_.lower() in NOUN_SUPPORT_VERBS:
        return True
    return bool(
        tok.dep_ == "pobj"
        and head.lower_ in {"in", "during", "after", "at"}
        and tok.lemma_.lower()
        in {"talks", "meeting", "summit", "visit", "protest", "rally", "march", "demonstration"}
    )


def _in_attribution(tok: Token) -> bool:
    return any(anc.lower_ == "according" for anc in tok.ancestors)


def _has_object_or_agent(tok: Token) -> bool:
    return any(c.dep_ in {"dobj", "nsubjpass", "agent", "prep"} for c in tok.children)


def _moves_military(tok: Token) -> bool:
    """For send/arrive/move: is what moves military (troops, a convoy, fighters, a named group)?

    The same check, on the subject, makes "rockets landed" an attack and "protesters gathered"
    a protest."""
    lemma = tok.lemma_.lower()
    if lemma in {"land", "fall", "impact", "gather", "assemble"}:
        subj = _child(tok, "nsubj")
        heads = (
            [subj, *[g for c in subj.children if c.lower_ == "of" for g in c.children]]
            if subj is not None
            else []
        )
        wanted = PROJECTILES if lemma in {"land", "fall", "impact"} else PROTESTERS
        return any(h.lemma_.lower() in wanted or h.lower_ in wanted for h in heads)
    movers = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "nsubj"}]
    for mover in movers:
        if mover.lemma_.lower() in PRONOUNS and tok.lemma_.lower() != "send":
            continue
        for t in [mover, *[g for c in mover.children if c.lower_ == "of" for g in c.children]]:
            if t.lemma_.lower() in MILITARY_NOUNS or t.lower_ in MILITARY_NOUNS:
                return True
            if tok.lemma_.lower() in {"arrive", "move", "rush"} and t.ent_type_ in {
                "ORG",
                "LOC",
                "NORP",
            }:
                return True
    return False


def _refine_mode(tok: Token, trig: Trigger) -> str | None:
    if trig.event_type != "ASSAULT":
        return trig.mode
    words = {tok.lower_, tok.lemma_.lower()}
    for child in tok.subtree:
        if abs(child.i - tok.i) <= 4:
            words.add(child.lower_)
            words.add(child.lemma_.lower())
    for child in tok.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            words.update(t.lemma_.lower() for t in child.subtree if t.i <= child.i)
        if child.dep_ == "prep" and child.lower_ in {"with", "by", "using", "in"}:
            words.update(t.lemma_.lower() for t in child.subtree)  # "struck ... with a drone"
    if words & SUICIDE_WORDS:
        return "suicide-attack"
    if words & {
        "airstrike",
        "airstrikes",
        "air",
        "drone",
        "warplane",
        "warplanes",
        "jet",
        "jets",
        "helicopter",
        "aerial",
    } and trig.mode in {None, "aerial", "heavy-weapons"}:
        return "aerial"
    if words & {
        "artillery",
        "rocket",
        "rockets",
        "missile",
        "missiles",
        "mortar",
        "mortars",
        "shelling",
        "shells",
        "tank",
    } and trig.mode in {None, "aerial", "heavy-weapons"}:
        return "heavy-weapons"
    if words & {"ied", "landmine", "mine", "car", "roadside", "explosive"} and trig.mode in {
        None,
        "explosive",
        "aerial",
    }:
        return "explosive"
    if trig.mode == "aerial" and tok.lemma_.lower() in {"strike", "hit"}:
        return None
    return trig.mode


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
        self.place_at: dict[int, Place] = {}
        for place in places:
            span = doc.char_span(place.start, place.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self.place_at[tok.i] = place
        self.place_tokens = sorted(self.place_at)  # token indices in place_at, in text order
        self.state = DocState()
        self.datelines = [(m.start(1), m.end(1)) for m in DATELINE.finditer(self.text)]

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
            self._crowd_fight(e)
            self._acled_actors(e)
            if e.acled_event_type == "Protests" and e.acled_sub_event_type in PEACEFUL:
                # deaths in a peaceful protest's sentence are its cause ("over the killing of")
                e.fatalities_low = e.fatalities_best = e.fatalities_high = 0
                e.fatalities_note = None
        return _headline_told_again(self.state.events)

    def _crowd_fight(self, event: Event) -> None:
        """A fight with demonstrators on one side is a riot, not a battle: with police or
        soldiers a violent demonstration ("clashes between protesters and police")."""
        parties = [a for a in (event.actor1, event.actor2) if a is not None]
        if event.acled_event_type not in {"Battles", "Riots"} or not any(
            a.actor_type in CROWD_TYPES for a in parties
        ):
            return
        sub = event.acled_sub_event_type if event.acled_event_type == "Riots" else "Mob violence"
        if any(a.actor_type in STATE_TYPES for a in parties):
            sub = "Violent demonstration"
        if event.acled_event_type == "Battles":
            event.event_type, event.event_mode = self.crosswalk.plover_for("Riots", sub)
        event.acled_event_type, event.acled_sub_event_type = "Riots", sub

    def _acled_actors(self, event: Event) -> None:
        """ACLED's actor conventions: protesters and rioters act in protests and riots (the
        group that called them is who they are, not a second party); an attack whose
        perpetrator is not named was done by an unidentified armed group of the country."""
        kind, sub = event.acled_event_type, event.acled_sub_event_type
        country = (event.location.country_code if event.location else None) or self.home_country
        # who reports or observes an event is its source, not a party ("SANA did not report
        # the raid": the agency is no raider)
        if _reports(event.actor1, event.source_original):
            event.actor1 = None
        if _reports(event.actor2, event.source_original):
            event.actor2 = None
        event.actor1 = self._of_country(event.actor1, country)
        event.actor2 = self._of_country(event.actor2, country)
        a1, a2 = event.actor1, event.actor2
        if kind == "Protests" and sub == "Excessive force against protesters":
            if a2 is None or a2.actor_type != "protesters":
                event.actor2 = self._generic("protesters", country)
        elif kind in CROWD_EVENTS:
            # the crowd is actor1 by ACLED's name ("taxi drivers" protesting in Brazil are
            # Protesters (Brazil)); police who dispersed or fired at it are actor2
            stem = "protesters" if kind == "Protests" else "rioters"
            if a1 is not None and a1.actor_type in STATE_TYPES:
                event.actor2 = event.actor2 or a1
                a1 = None
            # ACLED names the crowd by where it is, else by whose it is ("Palestinian riots")
            country = country or (a1.country_code if a1 is not None else None)
            event.actor1 = self._generic(stem, country)
        elif kind in VIOLENT_ACLED and a1 is not None and _unnamed_armed(a1):
            generic = self._generic("militia", a1.country_code or country, a1)  # "gunmen"
            event.actor1 = replace(generic, backer_country_code=a1.backer_country_code)
        elif kind in VIOLENT_ACLED and (a1 is None or a1.actor_type == "civilians"):
            if a1 is not None and a2 is None:
                event.actor2 = a1  # "a man was found dead": the victim, not the perpetrator
            event.actor1 = self._generic("militia", country)

        if event.actor2 is not None and _just_men(event.actor2):
            event.actor2 = self._generic("civilians", country, event.actor2)  # "shot a man"

    def _of_country(self, actor: Actor | None, country: str | None) -> Actor | None:
        """ "Police forces clashed with ..." in Ruyigi: the police of Burundi (ACLED names
        state forces by their country; the country is where they act)."""
        if actor is None or actor.country_code or actor.actor_type not in STATE_TYPES_WITH_HOME:
            return actor
        return replace(actor, country_code=country)  # the words stay; the country is inferred

    def _generic(self, stem: str, country: str | None, words: Actor | None = None) -> Actor:
        """The country's generic actor from the dictionary ("Protesters (India)"); where the
        text names no country, the text's own words for it ("gunmen") if given, else the kind
        alone ("Protesters")."""
        key = "protesters" if stem == "rioters" else stem
        entry = self.resolver.dictionary.get(f"gen_{key}_{country.lower()}") if country else None
        if entry is None and words is not None:
            return words
        if entry is None:
            actor_type, template = GENERIC_STEMS[key]
            actor = Actor(name=template.split(" (")[0], actor_type=actor_type)
        else:
            actor = actor_from_entry(entry)
        if stem == "rioters":  # ACLED's rioters share the protesters' country entry
            actor = replace(
                actor, name=actor.name.replace("Protesters", "Rioters"), actor_type="rioters"
            )
        return actor

    def _sent_text(self, sent: Span) -> str:
        """``sent.text``, cut from the doc's text (a Span re-joins its tokens on each access)."""
        return self.text[sent.start_char : sent.end_char]

    def _text_with_ws(self, sent: Span) -> str:
        """``sent.text_with_ws``: its text and the whitespace after its last token."""
        return self.text[sent.start_char : sent.end_char + len(self.doc[sent.end - 1].whitespace_)]

    def _places_in(self, sent: Span) -> list[int]:
        """Indices of the sentence's tokens that are part of a place, in text order."""
        first = bisect.bisect_left(self.place_tokens, sent.start)
        return self.place_tokens[first : bisect.bisect_left(self.place_tokens, sent.end)]

    def _code_sentence(self, sent: Span, sent_index: int, paragraph: int) -> None:
        state = self.state
        words = list(sent)  # a Span makes new Token objects on each pass: make them once
        sent_text = self._sent_text(sent)
        source, explicit_source = source_in_sentence(
            words, self.named, state.last_source, sent_text
        )
        if source and explicit_source:
            state.last_source = source
        dates = [
            (offset, found)
            for offset, found in resolve_dates(sent_text, self.published)
            if not _dateline_date(sent_text, offset, found)
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
        built = _without_protest_claims([b for b in built if b is not None])
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
                supported = none_p < SURE_EVENT or _has_parties(item.event)
                if none_p >= VETO_NONE or not supported:
                    continue  # "colours that clash": no violence, no protest
            elif kind and none_p >= VETO_NONE:
                # "Kyiv is ready to meet": a PLOVER event, not one ACLED would record
                item.extra["acled"] = (None, None)
                item.event.acled_event_type = item.event.acled_sub_event_type = None
            kept.append(item)
        for item in kept:
            item.extra["support"] = 1 - none_p
            acled_typed = item.event.acled_event_type and not _rule_is_decisive(item.event)
            if acled_typed and pred.event_probability >= RETYPE:
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
        if trigger is None or trigger.pos_ != "VERB":
            return kept
        event_type, mode = self.crosswalk.plover_for(*acled)
        cand = Candidate(trigger, Trigger(event_type, mode), mode)
        item = self._build(sent, sent_index, paragraph, [cand], span, source)
        # a crowd is the party of a protest or riot (ACLED names it by its country), so a
        # sure protest needs no named one; "gym owners did a motorcade to demand ..."
        crowd = acled[0] in CROWD_EVENTS and none_p <= 1 - ADD_EVENT and _crowd_acts(trigger)
        if item is None or not (crowd or _has_parties(item.event)):
            return kept
        item.extra["support"] = 1 - none_p
        self._retype(item, acled)
        return _without_protest_claims([*kept, item]) if crowd else [*kept, item]

    def _retype(self, item: SentenceEvent, acled: tuple[str | None, str]) -> None:
        """ACLED types from the classifier. The PLOVER type follows only across the line
        between violence and the rest ("a protest for those killed" is no ASSAULT); "the army
        arrested 20 protesters" stays COERCE in PLOVER while ACLED calls it a protest."""
        event = item.event
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
            if tok.dep in _SUBJECT_DEPS and tok.pos_ != "PRON":
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
            _is_tally(sent_text, primary.token) or _not_violence(primary.token)
        ):
            return None
        location, origin, destination, there, explicit_loc = self._places(sent, group, event_type)
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
        if self._in_dateline(tok):
            for child in tok.children:
                if child.dep_ == "appos" and not self._in_dateline(child):
                    return self._resolve(child, event_type)
            return None
        place = self.place_at.get(tok.i)
        if place is not None and self._after_locative(tok, place):
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
            owner = _child(tok, "poss")
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

    def _after_locative(self, tok: Token, place: Place) -> bool:
        """The place follows "in", "near" or "at": a where, whatever the parse says."""
        first = tok.i
        while first > 0 and self.place_at.get(first - 1) is place:
            first -= 1
        return first > 0 and self.doc[first - 1].lower_ in {"in", "near", "at", "outside"}

    def _verb_arguments(
        self, verb: Token, event_type: str
    ) -> tuple[Actor | None, Actor | None, Token | None]:
        subj = self._subject(verb)
        obj = _child(verb, "dobj")
        passive_subj = _child(verb, "nsubjpass")
        agent = None
        # "was shot and killed by Taliban militants": the agent of the joined verb counts too
        for holder in (verb, *(c for c in verb.children if c.dep_ == "conj")):
            for child in holder.children:
                if child.dep_ == "agent" and agent is None:
                    agent = _child(child, "pobj")
        if (
            subj is None
            and passive_subj is None
            and verb.dep_ in {"advcl", "xcomp", "conj", "relcl", "acl"}
        ):
            if verb.dep_ in {"relcl", "acl"}:
                subj = verb.head if verb.dep_ == "relcl" else None
                if verb.dep_ == "acl" and verb.tag_ == "VBN":
                    passive_subj = verb.head
            else:
                subj = _inherited_subject(verb)
                if subj is None and verb.dep_ == "conj":
                    passive_subj = _child(verb.head, "nsubjpass")
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
        actor1 = self._resolve(subj, event_type)
        if actor1 is None and subj is not None:
            actor1 = self._named_child(subj, event_type)
        between = self._between(verb, event_type)
        if actor1 is None and between[0] is not None:
            return between[0], between[1], mover
        if subj is not None and (actor1 is None or not actor1.resolved):
            actor1 = self._by_agent(subj, event_type) or actor1
        if actor1 is None and verb.dep_ == "relcl":
            actor1 = self._claimant(verb.head, event_type)
        if actor1 is None and subj is not None and subj.lower_ in {"that", "which"}:
            actor1 = self._claimant(verb.head, event_type)
        if event_type in MOVEMENT_TYPES and obj is not None:
            return actor1, None, mover  # what is sent is the instrument, not a target
        actor2 = self._target(verb, obj, event_type)
        if actor2 is None and subj is not None and event_type in SYMMETRIC_TYPES:
            actor2 = self._resolve(_child(subj, "conj"), event_type)
        return actor1, actor2, mover

    def _target(self, verb: Token, obj: Token | None, event_type: str) -> Actor | None:
        """actor2: the object, a dative ("gave Tanzania a grant"), a prepositional target
        ("apologised to Brazil"), or the owner of the object ("praised Haiti's efforts");
        a framing verb's complement is searched too ("agreed to provide aid to X")."""
        dative = _child(verb, "dative")
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
        preps = {"on", "against", "with"}
        if event_type not in VIOLENT_NOUN_TYPES:
            preps |= {"to", "for", "toward", "towards"}
        holders = [verb, *(c for c in verb.children if c.dep_ in {"dobj", "dative"})]
        for holder in holders:
            for child in holder.children:
                if child.dep_ in {"prep", "dative"} and child.lower_ in preps:
                    pobj = _child(child, "pobj")
                    if pobj is None or (pobj.i in self.place_at and pobj.ent_type_ != "GPE"):
                        continue
                    found = self._resolve(pobj, event_type)
                    if found is not None:
                        return found
        for child in verb.children:
            if child.dep_ in {"xcomp", "ccomp"} and child.pos_ == "VERB":
                found = self._target(child, _child(child, "dobj"), event_type)
                if found is not None:
                    return found
        return None

    def _between(self, tok: Token, event_type: str) -> tuple[Actor | None, Actor | None]:
        """ "fighting between X, or X', and Y": the two parties."""
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "between":
                first = _child(child, "pobj")
                a1 = self._resolve(first, event_type)
                if first is None or a1 is None:
                    return None, None
                for conj in first.conjuncts:
                    a2 = self._resolve(conj, event_type)
                    if a2 is not None and (a2.actor_id or a2.name) != (a1.actor_id or a1.name):
                        return a1, a2
                return a1, None
        return None, None

    def _named_child(self, tok: Token, event_type: str) -> Actor | None:
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
                agent = _child(child, "agent")
                if agent is not None:
                    return self._resolve(_child(agent, "pobj"), event_type)
        return None

    def _claimant(self, noun: Token, event_type: str) -> Actor | None:
        """ "X said it was behind a bomb", "X claimed responsibility for the attack"."""
        cur = noun
        for _ in range(4):
            head = cur.head
            if cur.dep_ == "pobj" and head.lower_ == "behind":
                verb = head.head
                return self._resolve(_child(verb, "nsubj"), event_type)
            if cur.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_ == "responsibility":
                return self._resolve(_child(head.head.head, "nsubj"), event_type)
            if head.i == cur.i:
                break
            cur = head
        return None

    def _perpetrator_from_preps(self, verb: Token, event_type: str) -> Actor | None:
        """ "killed in an ISIS attack": the attack's owner is the perpetrator."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "during", "by", "after", "amid"}:
                pobj = _child(child, "pobj")
                if pobj is not None and NOUN_TRIGGERS.get(pobj.lemma_.lower()):
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
                        actor1 = self._resolve(_child(noun.head, "nsubj"), event_type)
                    else:
                        actor1 = self.state.last_actor
                    continue
                if child.i in self.place_at and child.i not in self.named.by_token:
                    continue
                if child.lower_ in AERIAL_WORDS | SHELLING_WORDS | SUICIDE_WORDS:
                    continue
                actor1 = self._modifier_actor(child, event_type)
            elif child.dep_ == "prep" and child.lower_ == "by":
                actor1 = self._resolve(_child(child, "pobj"), event_type)
            elif child.dep_ == "prep" and child.lower_ == "between" and actor1 is None:
                actor1, actor2 = self._between(noun, event_type)
            elif (
                child.dep_ == "prep"
                and child.lower_ in {"on", "against", "of", "with", "between"}
                and actor2 is None
            ):
                pobj = _child(child, "pobj")
                if pobj is not None and (
                    pobj.i not in self.place_at or pobj.i in self.named.by_token
                ):
                    actor2 = self._resolve(pobj, event_type)
        if noun.dep_ in {"dobj"} and noun.head.lemma_.lower() in LIGHT_VERBS:
            light = noun.head
            if actor1 is None:
                subj = _child(light, "nsubj") or _inherited_subject(light)
                actor1 = self._resolve(subj, event_type)
            if actor2 is None:
                for child in light.children:
                    if child.dep_ == "prep" and child.lower_ in {"on", "against", "at"}:
                        pobj = _child(child, "pobj")
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
            actor2 = self._resolve(_child(noun.head, "dobj"), event_type)
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
        return None

    # ---------------------------------------------------------------- places
    def _places(self, sent: Span, group: list[Candidate], event_type: str):
        triggers = {c.token.i for c in group}
        scored = []
        origin = destination = None
        there = any(
            c.lower_ == "there" and c.dep_ == "advmod"
            for cand in group
            for c in cand.token.children
        )
        seen: set[int] = set()
        shadowed, strays = self._chains(sent)
        foreign = self._foreign(sent)
        for i in self._places_in(sent):
            place, tok0 = self.place_at[i], self.doc[i]
            if id(place) in seen or i in self.named.by_token:
                continue
            seen.add(id(place))
            tok = self._place_root(place, tok0)
            if self._in_dateline(tok) or _names_an_actor(tok):
                continue
            role, distance, under = self._role(tok, triggers)
            if role == "skip":
                continue
            loc = _location(place)
            if role == "origin":
                if event_type in MOVEMENT_TYPES:
                    origin = origin or loc
                continue
            if role == "destination" and event_type in MOVEMENT_TYPES:
                destination = destination or loc
            precision = loc.geo_precision or (9 if loc.latitude is None else 5)
            scored.append(
                _Ranked(
                    id(place) in foreign,
                    not under,
                    role == "reference" or place.source == EMBEDDED,  # "Gainesville Police"
                    loc.latitude is None or id(place) in strays,
                    id(place) in shadowed,  # "Ab Band district, Ghazni": not Ghazni
                    precision,
                    distance,
                    loc,
                )
            )
        scored.sort(key=lambda r: r[:-1])
        location = scored[0].location if scored else None
        if location is not None and location.latitude is None:
            placed = [r.location for r in scored if not (r.foreign or r.unplaced)]
            location = _enclosing(location, placed)
        if location is None and destination is not None:
            location = destination
        return location, origin, destination, there, location is not None

    def _chains(self, sent: Span) -> tuple[set[int], set[int]]:
        """Places named with their enclosing areas ("Kajran district, Daykundi", "Kagara (Rafi
        LGA, Niger)"). The event belongs at the chain's first place that is resolved and lies
        inside the next one; the others are shadowed. Also returns the namesakes that do not."""
        chains: list[list[Place]] = []
        for i in self._places_in(sent):
            place = self.place_at[i]
            if chains and chains[-1][-1] is place:
                continue
            last = chains[-1][-1] if chains else None
            if last is not None and self._encloses(last, place):
                chains[-1].append(place)
            else:
                chains.append([place])
        shadowed: set[int] = set()
        strays: set[int] = set()
        for chain in chains:
            inside = []
            for k, place in enumerate(chain):
                outers = [p.location for p in chain[k + 1 :] if _resolved(p)]
                ok = _resolved(place) and not self._stray(place.location, outers)
                if _resolved(place) and not ok:
                    strays.add(id(place))
                inside.append(ok)
            best = next((k for k, ok in enumerate(inside) if ok), None)
            shadowed.update(id(p) for k, p in enumerate(chain) if best is not None and k != best)
        return shadowed, strays

    def _foreign(self, sent: Span) -> set[int]:
        """Towns in another country than all the sentence's other places, when at least two
        agree: "in Ciudad del Carmen, Campeche, ... in Colonia Bivalvo" is not Cologne."""
        places = {id(p): p for i in self._places_in(sent) if _resolved(p := self.place_at[i])}
        foreign = set()
        for key, place in places.items():
            if (place.location.geo_precision or 1) >= COUNTRY_PRECISION:
                continue
            others = {p.location.country_code for k, p in places.items() if k != key}
            if len(places) > 2 and len(others) == 1 and place.location.country_code not in others:
                foreign.add(key)
        return foreign

    def _encloses(self, inner: Place, outer: Place) -> bool:
        """``outer`` follows ``inner`` as its enclosing area; a country is not inside a town."""
        if not ENCLOSER_GAP.fullmatch(self.text[inner.end : outer.start]):
            return False
        if _resolved(inner) and _resolved(outer):
            area = inner.location.geo_precision or 1
            outer_area = outer.location.geo_precision or 1
            # "Baqim district (Sadah)": the name after a district is its province, even where
            # the gazetteer read it as the province's namesake town
            town_for_province = outer_area == 1 and (
                outer.location.country_code == inner.location.country_code
            )
            return area < DISTRICT_PRECISION or outer_area >= area or town_for_province
        return True

    def _stray(self, loc: Location, outers: list[Location]) -> bool:
        """A namesake in another country than the areas the text puts it in: "Toba Tek Singh
        city (Toba Tek Singh, Sindh)" is not Toba in Japan, "Kelly Village, Trinidad" not in the
        US. Within a country the town is trusted over a province that disagrees."""
        if not outers:
            return False
        countries = {o.country_code for o in outers}
        if len(countries) == 1 and loc.country_code not in countries:
            country_level = any((o.geo_precision or 1) >= COUNTRY_PRECISION for o in outers)
            return len(outers) > 1 or (
                country_level and outers[0].country_code == self.home_country
            )
        return False

    def _place_root(self, place: Place, fallback: Token) -> Token:
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        return span.root if span is not None else fallback

    def _in_dateline(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self.datelines)

    def _role(self, tok: Token, triggers: set[int]) -> tuple[str, int, bool]:
        """How a place relates to the trigger: its preposition; is it under the trigger."""
        prep = None
        cur = tok
        distance = 0
        prev = None
        reference = False
        for _ in range(12):
            if cur.i in triggers:
                return self._classify(prep, reference), distance, True
            if cur.dep_ == "pobj" and prep is None:
                prep = cur.head.lower_
                if prep == "of" and cur.head.head.lower_ in DIRECTION_WORDS:
                    reference = True
                elif prep == "of" and cur.head.head.lemma_.lower() in PLACE_NOUNS:
                    prep = None
            if cur.lower_ == "according" or (
                cur.dep_ in {"nsubj"}
                and prev is not None
                and cur.lemma_.lower() in {"group", "monitor"}
                and cur.head.lemma_.lower() in SAY_VERBS | MONITOR_VERBS
            ):  # "a monitoring group in London said": the group's seat, not the event's place
                return "skip", distance, False
            if cur.dep_ == "poss" and prep is None:
                prep = "poss"
            if cur.dep_ == "relcl" and prep is None and cur.head.dep_ in {"nsubj", "dobj"}:
                # "the group, which includes Ukraine, met": not "the road that links A to B"
                return "skip", distance, False
            if cur.head.i == cur.i:
                break
            prev = cur
            cur = cur.head
            distance += 1
        return self._classify(prep, reference), distance + 5, False

    @staticmethod
    def _classify(prep: str | None, reference: bool) -> str:
        if reference:
            return "reference"
        if prep in ORIGIN_PREPS:
            return "origin"
        if prep in DEST_PREPS:
            return "destination"
        if prep == "poss":
            return "reference"
        return "location"

    # ---------------------------------------------------------------- discourse
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
            for i in self._places_in(earlier[0])
            if _resolved(p := self.place_at[i])
        }
        if len(countries) != 1:
            return None  # "a dialogue with the United States on US forces in Iraq": no one place
        location = self._places(earlier[0], [], "")[0]
        return location if location is not None and location.latitude is not None else None

    def _merge_into_previous(self, item: SentenceEvent) -> bool:
        """A next sentence elaborating the last event ("Dozens ... were deployed there")."""
        if not self.state.events:
            return False
        prev = self.state.events[-1]
        if item.sent_index - prev.sent_index != 1 or prev.event.event_type != item.event.event_type:
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
        if event.event_type not in LETHAL_TYPES or event.modality != "asserted":
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
                prev.event.origin = _location(place)
            elif prep in DEST_PREPS and prev.event.destination is None:
                prev.event.destination = _location(place)


_FATALITIES = ("fatalities_low", "fatalities_best", "fatalities_high", "fatalities_note")


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
        subj = _child(cur, "nsubj") or _child(cur, "nsubjpass")
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
        subj = _child(anc, "nsubj")
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
    """Named and resolved beats generic with a country beats a bare noun."""
    if not actors:
        return None
    return min(
        enumerate(actors),
        key=lambda ia: (
            not (ia[1].resolved and ia[1].actor_id and not ia[1].actor_id.startswith("gen_")),
            not ia[1].resolved,
            ia[1].country_code is None,
            ia[0],
        ),
    )[1]


def _names_an_actor(tok: Token) -> bool:
    """A place used as a party ("Russia launched", "Ukraine's air force", "US warships")."""
    if tok.dep_ in {"nsubj", "nsubjpass", "agent", "poss"}:
        return True
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True  # "drones launched by Russia"
    if tok.head.lower_ in BACKING_WORDS or tok.head.lower_ == "pro":
        return True  # "Iran-backed", "Iran-aligned"
    if tok.dep_ == "pobj" and tok.head.lower_ == "between" and tok.ent_type_ == "GPE":
        return True  # "a war between Saudi Arabia and Iran": the parties
    if tok.dep_ == "conj" and tok.head.dep_ == "pobj" and tok.head.head.lower_ == "between":
        return tok.ent_type_ == "GPE"
    if tok.dep_ not in {"compound", "amod", "nmod"}:
        return False
    head = tok.head
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head  # "the Tulkarm refugee camp": a camp, not refugees
    return tok.head.lemma_.lower() in ACTOR_HEADS and head.lemma_.lower() not in PLACE_NOUNS


def _child(tok: Token | None, dep: str) -> Token | None:
    if tok is None:
        return None
    for child in tok.children:
        if child.dep_ == dep:
            return child
    return None


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
    shared = _inherited_subject(trigger) if trigger.dep_ == "conj" else None
    if shared is not None and _natural_cause(shared):
        return True  # "the flooding has spread and has now struck four million people"
    for child in trigger.children:
        if child.dep_ in {"nsubj", "agent", "prep"}:
            heads = [child] if child.dep_ == "nsubj" else list(child.children)
            if any(_natural_cause(h) for h in heads):
                return True
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
    return _remembered(trigger)


def _natural_cause(tok: Token) -> bool:
    """ "The virus", "H5N1", "a carbon monoxide leak", "poisoned liquor" as the killer."""
    return tok.lemma_.lower() in NATURAL_CAUSES or bool(STRAIN.fullmatch(tok.text))


def _animals(tok: Token) -> bool:
    """The victims are animals: the noun, or what a quantity of it counts ("thousands of")."""
    if tok.lemma_.lower() in ANIMALS:
        return True
    of = _child(tok, "prep")
    return of is not None and of.lower_ == "of" and _animals(_child(of, "pobj") or of)


def _remembered(trigger: Token) -> bool:
    """The trigger is what a commemoration, a vigil or an anniversary is of."""
    cur = trigger
    for _ in range(6):
        head = cur.head
        if head.i == cur.i or cur.dep_ not in _REMEMBERED_BY:
            return False
        if head.lemma_.lower() in COMMEMORATE_WORDS:
            return True
        cur = head
    return False


def _has_parties(event: Event) -> bool:
    """What a real event report has: a party the dictionary or a typed noun names ("Snowflake
    hit its stride" has a name, not a party), or a stated toll at a place the gazetteer knows."""
    if any(a is not None and (a.resolved or a.actor_type) for a in (event.actor1, event.actor2)):
        return True
    counted = event.fatalities_best is not None and event.fatalities_note != UNKNOWN.note
    return counted and event.location is not None and event.location.latitude is not None


def _rule_is_decisive(event: Event) -> bool:
    """A trigger that names the weapon or the act ("warplanes struck", "shelled", "a suicide
    bomber") says how more surely than the classifier: the rule's type and mode stand."""
    return event.event_mode in DECISIVE_MODES and event.acled_sub_event_type is not None


def _trigger_token(words: list[Token]) -> Token | None:
    """The word an event found by the classifier hangs from: the main verb, else a noun."""
    root = next((t for t in words if t.dep_ == "ROOT"), None)
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


def _crowd_acts(verb: Token) -> bool:
    """Someone does it ("gym owners did a motorcade"): not a credit line ("Reporting by
    Ahmed Saeed in Aden")."""
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _told_within(inner: Token, outer: Token) -> bool:
    """``inner`` is said inside the clause of ``outer`` (a noun trigger's clause is its verb's),
    not joined to it as a second act ("killed three and abducted five")."""
    clause = outer.head if outer.pos_ == "NOUN" and outer.dep_ in {"dobj", "nsubj"} else outer
    ancestors = {t.i for t in inner.ancestors}
    return clause.i in ancestors and not (
        inner.dep_ == "conj" and inner.head.i in {outer.i, clause.i}
    )


def _unnamed_armed(actor: Actor) -> bool:
    """ "Gunmen", "armed men": an armed group the dictionary knows only by its kind."""
    return actor.actor_type == "militia" and (actor.actor_id or "gen_militia_").startswith(
        "gen_militia_"
    )


def _just_men(actor: Actor) -> bool:
    """ "A man", "two men" with no weapon to their name: people, armed only when said so."""
    words = actor.name.lower().split()
    return words[-1] in {"man", "men"} and not ARMED_MODIFIERS & set(words)


def _reports(actor: Actor | None, source: str | None) -> bool:
    """The actor is the event's source, or a news agency or monitor (never a party)."""
    if actor is None:
        return False
    return actor.name == source or actor.actor_type == "media_monitor"


def _resolved(place: Place) -> bool:
    return place.location is not None and place.location.latitude is not None


def _enclosing(unknown: Location, resolved: list[Location]) -> Location:
    """A place the gazetteer lacks ("in Zona 12") goes to the sentence's most fitting place
    that it has ("in Villa Nueva, Guatemala"), as near a town at best (ACLED precision 2)."""
    found = next((loc for loc in resolved if loc.latitude is not None), None)
    if found is None:
        return unknown
    return replace(
        found,
        geo_precision=max(found.geo_precision or 1, 2),
        resolution_note=f"{unknown.name!r} is not in the gazetteer: placed at {found.name}",
    )


def _location(place: Place) -> Location:
    if place.location is not None:
        loc = place.location
        if loc.name != place.text and not loc.resolution_note:
            loc = replace(loc)
        return loc
    return Location(name=place.text, resolution_note=place.reason or "not in gazetteer")


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
