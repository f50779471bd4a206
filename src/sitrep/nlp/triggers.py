"""Trigger words of a sentence: which words may report an event, of what type and mode.

A trigger is a verb or noun from the lexicon (``nlp/lexicon.py``) read in its place in the
parse: a noun needs a verb that makes it happen ("staged a protest"), a reported or quoted
frame, a tally of past deaths or a metaphor ("a plan of attack") is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.parts_of_speech import IDS
from spacy.symbols import nsubj, nsubjpass

from sitrep.nlp.actors import PRONOUNS
from sitrep.nlp.dates import DateSpan
from sitrep.nlp.lexicon import (
    AERIAL_WORDS,
    AID_NOUNS,
    AIRCRAFT,
    BASE_KINDS,
    BASE_NOUNS,
    BOMB_CARRIERS,
    CHEMICAL_AGENTS,
    CHEMICAL_ARMS,
    CHEMICAL_KINDS,
    CONTRABAND,
    EASE_OBJECTS,
    EXPLOSIVE_WORDS,
    FRAMING_TYPES,
    GROUND_NOUNS,
    GUN_WORDS,
    LIGHT_VERBS,
    MILITARY_NOUNS,
    NOUN_TRIGGERS,
    REACTION_VERBS,
    REMAINS,
    SAY_VERBS,
    SHELLING_WORDS,
    SHOT_THINGS,
    SUICIDE_WORDS,
    VERB_TRIGGERS,
    VIOLENT_DEATH_CUES,
    Trigger,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

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
# Projectiles as subjects: "rockets landed near the airport" is an attack.
PROJECTILES = frozenset(
    {"rocket", "missile", "shell", "mortar", "bomb", "grenade", "projectile", "katyusha"}
)
# ACLED's "Disrupted weapons use": weapons and explosives found, seized, defused or intercepted
# ("police defused two IEDs", "a weapons cache was seized", "shot down a drone").
DISRUPTING_VERBS = frozenset(
    {"defuse", "diffuse", "dismantle", "neutralize", "neutralise", "recover", "seize",
     "confiscate", "find", "discover", "uncover", "unearth", "destroy", "intercept", "down",
     "shoot", "foil", "thwart"}
)  # fmt: skip
# fmt: off
WEAPON_OBJECTS = frozenset(
    {"ied", "ieds", "bomb", "explosive", "mine", "landmine", "weapon", "arm", "ammunition",
     "munition", "grenade", "rocket", "missile", "rifle", "firearm", "tnt", "mortar",
     "detonator"}
)  # "a weapons cache", "an explosive device": the weapon word says what it is
# fmt: on
# what is shot down or intercepted in the air ("find the best drone" is no disruption)
DISRUPTED = Trigger("COERCE", "defuse")
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


@dataclass
class Candidate:
    """One trigger word with what it means."""

    token: Token
    trigger: Trigger
    mode: str | None


_TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})  # every trigger below is one of these
_TRIGGER_POS_IDS = frozenset(int(IDS[pos]) for pos in _TRIGGER_POS)  # as ``Token.pos``: no string
SUBJECT_DEPS = frozenset({int(nsubj), int(nsubjpass)})  # as ``Token.dep``


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


EXCHANGED_FIRE = frozenset({"fire", "gunfire", "shot", "bullet", "blow"})
EXCHANGED_PEOPLE = frozenset({"prisoner", "detainee", "captive", "hostage", "body", "remains"})


def _exchanged(tok: Token) -> Trigger | None:
    """What two sides exchange decides: fire or shells is a fight ("exchanged artillery
    fire"), prisoners or bodies an agreement (ACLED's "Agreement" counts prisoner swaps)."""
    obj = child_with(tok, "dobj") or child_with(tok, "nsubjpass")
    if obj is None:
        return None
    words = {obj.lemma_.lower(), *(c.lemma_.lower() for c in obj.children)}
    if words & SHELLING_WORDS:
        return Trigger("ASSAULT", "heavy-weapons")
    if words & EXCHANGED_FIRE:
        return Trigger("ASSAULT", "firearms")
    if words & EXCHANGED_PEOPLE:
        return Trigger("AGREE")
    return None


OCCUPIED = Trigger("COERCE", "occupy")
TAKING_VERBS = frozenset({"take", "gain", "regain", "wrest", "assume", "seize"})  # control of
# the small model leaves some past forms as their own lemma ("retook")
SEIZING_VERBS = frozenset(
    {"capture", "recapture", "retake", "retook", "retaken", "overtake", "overtook", "overtaken"}
)
GROUND_VERBS = TAKING_VERBS | SEIZING_VERBS


DROPPED = Trigger("ASSAULT", "aerial")
DROPPED_ARMS = frozenset({"bomb", "barrel", "explosive", "munition", "grenade", "shell", "missile"})


def _drops_bombs(verb: Token) -> bool:
    """ "Helicopters dropped barrel bombs", "a drone dropped two grenades"; not "dropped the
    charges" nor "dropped leaflets"."""
    obj = child_with(verb, "dobj")
    return obj is not None and obj.lemma_.lower() in DROPPED_ARMS


def takes_ground(verb: Token) -> bool:
    """Ground changes hands: "took control of the village", "seized control over two
    checkpoints", "took over 25 villages", "captured the town"; not "took control of the
    company" nor "captured three militants"."""
    lemma = verb.lemma_.lower()
    if lemma not in GROUND_VERBS:  # asked of every verb: the cheap test first
        return False
    taken = child_with(verb, "dobj")
    subject = child_with(verb, "nsubj")
    if subject is not None and subject.lemma_.lower() in PROTESTERS:
        return False  # "demonstrators took over the ministry": a sit-in, not a conquest
    if taken is not None and taken.lemma_.lower() == "control":
        held = [
            g
            for c in (*taken.children, *verb.children)
            if c.lower_ in {"of", "over"}
            for g in c.children
        ]
    elif lemma == "take":  # "took over X": "over" parsed as particle or preposition
        over = [c for c in verb.children if c.lower_ == "over"]
        held = [g for c in over for g in c.children if g.dep_ == "pobj"]
        held += [taken] if over and taken is not None else []
    elif lemma in SEIZING_VERBS and taken is not None:
        held = [taken]
    else:
        return False
    return any(_is_ground(h) for h in held)


def _is_ground(tok: Token) -> bool:
    """A place entity or a word for terrain, or a list or coordination of them."""
    heads = [tok, *(c for c in tok.conjuncts)]
    return any(
        h.ent_type_ in {"GPE", "LOC", "FAC"}
        or h.lemma_.lower() in GROUND_NOUNS
        or any(c.dep_ == "compound" and c.lemma_.lower() in GROUND_NOUNS for c in h.children)
        for h in heads
    )  # "the district centre"


def seizes_contraband(tok: Token) -> bool:
    """Drugs or smuggled goods seized ("seized 2 tonnes of cocaine"): police work, no fight
    (ACLED records it, if at all, as a strategic development: looting/property destruction)."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in {"seize", "confiscate", "intercept"}:
        return False
    obj = child_with(tok, "dobj") or child_with(tok, "nsubjpass")
    if obj is None:
        return False
    objs = [obj, *obj.conjuncts]  # "seized weapons, cash and 40 kg of methamphetamine"
    heads = [*objs, *(g for o in objs for c in o.children if c.lower_ == "of" for g in c.children)]
    words = {w.lemma_.lower() for h in heads for w in (h, *h.children)}
    return bool(words & CONTRABAND)


def _disrupts_weapons(tok: Token, lemma: str) -> bool:
    """Weapons or explosives are what is found, seized, defused or downed: "recovered four
    IEDs", "an explosive device was defused", "shot down a Houthi drone"; not "shot a man"."""
    if lemma == "shoot" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return False
    if tok.dep_ in {"amod", "compound", "acl"}:
        return False  # "a recovered weapon", "IEDs found near the road" describe a thing
    for child in tok.children:
        if child.dep_ not in {"dobj", "nsubjpass"}:
            continue
        heads = [child, *(c for c in child.children if c.dep_ in {"compound", "amod"})]
        heads += [g for c in child.children if c.lower_ == "of" for g in c.children]
        words = {h.lemma_.lower() for h in heads} | {h.lower_ for h in heads}
        downed = lemma in {"shoot", "down", "intercept"} and words & (AIRCRAFT | {"plane"})
        if words & WEAPON_OBJECTS or downed:
            return True
    return False


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
    if tok.pos_ == "VERB" and lemma in DISRUPTING_VERBS and _disrupts_weapons(tok, lemma):
        return Candidate(tok, DISRUPTED, DISRUPTED.mode)
    if tok.pos_ == "VERB" and takes_ground(tok):
        return Candidate(tok, OCCUPIED, OCCUPIED.mode)  # "took control of the village"
    if tok.pos_ == "VERB" and lemma in BASE_VERBS and _sets_up_base(tok):
        return Candidate(tok, BASE, BASE.mode)  # "the militants set up a new base"
    if tok.pos_ == "VERB" and lemma == "drop" and _drops_bombs(tok):
        return Candidate(tok, DROPPED, _refine_mode(tok, DROPPED))  # "dropped barrel bombs"
    if tok.pos_ == "VERB" and lemma == "exchange":
        swapped = _exchanged(tok)
        return Candidate(tok, swapped, swapped.mode) if swapped else None
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
            obj = child_with(tok, "dobj")
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
        if trig is None or _in_attribution(tok) or _reaction_to(tok):
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
    obj = child_with(tok, "dobj")
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


BASE = Trigger("MOBILIZE", "base")
BASE_VERBS = frozenset({"set", "establish", "build"})


def _sets_up_base(verb: Token) -> bool:
    """ "set up a base", "established a forward operating base"; not "built a fan base"."""
    obj = child_with(verb, "dobj")
    if obj is None or obj.lemma_.lower() not in BASE_NOUNS:
        return False
    if verb.lemma_.lower() == "set" and not any(c.dep_ == "prt" for c in verb.children):
        return False
    return all(
        c.lemma_.lower() in BASE_KINDS for c in obj.children if c.dep_ in {"compound", "amod"}
    )


def _lethal_fire(tok: Token) -> bool:
    """ "fired rockets at", "shot a man" count; "fired tear gas", "shot down drones", "shot
    the ball" do not."""
    if any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
        return False
    obj = child_with(tok, "dobj")
    if obj is not None:
        words = {obj.lemma_.lower(), *(c.lower_ for c in obj.children)}
        if words & {"gas", "cannon", "cannons", "tear", "rubber", "flare", "warning", "shot"}:
            return words & {"shot"} == {"shot"} and "warning" not in words
        return obj.lemma_.lower() not in SHOT_THINGS  # "shot the ball", "shot a video"
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


def is_tally(sentence: str, trigger: Token) -> bool:
    """ "More than 13,000 people have been killed since 2014": a running total, not an event."""
    if TALLY.search(sentence):
        return True
    subj = child_with(trigger, "nsubj")
    return subj is not None and subj.lemma_.lower() in WAR_WORDS


def dateline_date(text: str, offset: int, span: DateSpan) -> bool:
    """ "Ouagadougou, 1 June 2020 – ...": the date the report was filed, not of the event."""
    end = offset + len(span.text)
    return offset < 40 and bool(re.match(r"\s*[—–-]\s", text[end : end + 4]))


def _reaction_to(noun: Token) -> bool:
    """ "The Council condemned the attack": a reaction to an event told elsewhere, named by a
    bare definite noun; "condemned the killing of 15 civilians" still tells the killing."""
    return (
        noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in REACTION_VERBS
        and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children)
        and all(c.dep_ in {"det", "amod"} for c in noun.children)
    )


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
        return bool(mods & (AERIAL_WORDS | SHELLING_WORDS))
    if lemma == "bomb":
        return bool(mods & (BOMB_CARRIERS | SUICIDE_WORDS))
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
        subj = child_with(tok, "nsubj")
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


def _fired_weapon(tok: Token) -> str | None:
    """What was fired, or from what: "fired rockets at" shells, "helicopters fired missiles"
    strike from the air; "fired at a tank", "fired shots" and "fired mortars and small arms"
    stay gunfire (ACLED calls mixed fire a clash)."""
    fired = set()  # read in word order: spaCy parses weapon lists badly ("grenade" as a verb)
    for t in tok.doc[tok.i + 1 : tok.i + 30]:
        if t.is_sent_start or t.lower_ in {"at", "on", "upon", "into", "toward", "towards", "in"}:
            break
        fired.add(t.lemma_.lower())
    by = {
        t.lemma_.lower()
        for c in tok.children
        if c.dep_ in {"nsubj", "nsubjpass"}
        for t in c.subtree
        if t.i <= c.i
    }
    if by & AIRCRAFT:
        return "aerial"
    if fired & (SHELLING_WORDS - {"tank"}) and not fired & GUN_WORDS:
        return "heavy-weapons"
    return None


DEFINITE = frozenset({"the", "this", "that", "these", "those"})
REFLEXIVES = frozenset({"himself", "herself", "themselves"})
WEAPON_PREPS = frozenset({"with", "by", "using", "in"})
AIR_SITES = frozenset({"base", "field", "defence", "defense"})


def _names_a_site(tok: Token) -> bool:
    """ "Air" in "near Balad air base" names a place, not the weapon ("air force" still flies)."""
    return tok.lower_ == "air" and tok.head.lemma_.lower() in AIR_SITES


def names_chemical_weapon(words: Iterable[Token]) -> bool:
    """ "Shells containing chlorine gas", "a chemical attack", "poison gas" (not tear gas, not
    "an attack on a chemical plant"); ``words`` in text order."""
    lemmas = [t.lemma_.lower() for t in words]
    return any(w in CHEMICAL_AGENTS for w in lemmas) or any(
        a in CHEMICAL_KINDS and b in CHEMICAL_ARMS for a, b in pairwise(lemmas)
    )


def _refine_mode(tok: Token, trig: Trigger) -> str | None:
    if trig.event_type != "ASSAULT":
        return trig.mode
    words = {tok.lower_, tok.lemma_.lower()}
    for child in tok.subtree:
        if abs(child.i - tok.i) <= 4 and not _names_a_site(child):
            words.add(child.lower_)
            words.add(child.lemma_.lower())
    clauses = [tok, tok.head] if tok.dep_ in {"advcl", "conj"} else [tok]
    for child in (c for clause in clauses for c in clause.children):
        # "a suicide bomber blew himself up, killing five": the bomber is the head clause's
        if child.dep_ in {"nsubj", "nsubjpass"}:
            words.update(t.lemma_.lower() for t in child.subtree if t.i <= child.i)
        if child.lower_ in REFLEXIVES and child.head.lemma_.lower() == "blow":
            words.add("suicide")  # "blew himself up"
        if child.dep_ == "prep" and child.head.i == tok.i and child.lower_ in WEAPON_PREPS:
            words.update(t.lemma_.lower() for t in child.subtree)  # "struck ... with a drone"
    if words & SUICIDE_WORDS:
        return "suicide-attack"
    if names_chemical_weapon(tok.sent):
        return "cbrn"
    if trig.mode == "firearms":  # "clashed", "shot": gunfire unless "fire" says what was fired
        return (tok.lemma_.lower() == "fire" and _fired_weapon(tok)) or trig.mode
    if words & AERIAL_WORDS and trig.mode in {None, "aerial", "heavy-weapons"}:
        return "aerial"
    if words & SHELLING_WORDS and trig.mode in {None, "aerial", "heavy-weapons"}:
        return "heavy-weapons"
    if words & EXPLOSIVE_WORDS and trig.mode in {None, "explosive", "aerial"}:
        return "explosive"
    if trig.mode == "aerial" and tok.lemma_.lower() in {"strike", "hit"}:
        return None
    return trig.mode


def child_with(tok: Token | None, dep: str) -> Token | None:
    """The first child of ``tok`` with dependency ``dep``."""
    if tok is None:
        return None
    for child in tok.children:
        if child.dep_ == dep:
            return child
    return None


def remembered(trigger: Token) -> bool:
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
