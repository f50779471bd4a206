"""ACLED's actor conventions on a coded event: the crowd of a protest is "Protesters (Country)",
unnamed attackers are an "Unidentified armed group (Country)", a man they shot is a civilian,
state forces named without a country are those of the country they act in.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.actors.generic import ARMED_MODIFIERS, GENERIC_STEMS
from sitrep.contract import Actor, Event
from sitrep.nlp.actors import ActorResolver, actor_from_entry
from sitrep.nlp.crosswalk import Crosswalk
from sitrep.ontology import VIOLENT_ACLED_TYPES as VIOLENT_ACLED

# State actors: they act at home, so one named without a country ("police forces") takes the
# country of the place it acts in.
STATE_TYPES = frozenset({"state_forces", "police", "government"})
# ground taken in a fight, indexed by whether the taker is a state's forces
TERRITORY = ("Non-state actor overtakes territory", "Government regains territory")
CROWD_EVENTS = frozenset({"Protests", "Riots"})
CROWD_TYPES = frozenset({"protesters", "rioters"})
PEACEFUL = frozenset({"Peaceful protest", "Protest with intervention"})
FIGHTING_TYPES = frozenset(
    {"state_forces", "police", "militia", "rebel_group", "terrorist_group", "military"}
)


class AcledConventions:
    """Applies ACLED's naming of parties to the events of one doc."""

    def __init__(
        self, resolver: ActorResolver, crosswalk: Crosswalk, home_country: str | None
    ) -> None:
        self.resolver = resolver
        self.crosswalk = crosswalk
        self.home_country = home_country

    def apply(self, event: Event) -> None:
        """Retype a fight with a crowd, name the parties as ACLED does, call ground taken by
        a state's forces regained, and keep a peaceful protest's deaths out of its toll."""
        self._crowd_fight(event)
        self._acled_actors(event)
        self._territory(event)
        if event.acled_event_type == "Protests" and event.acled_sub_event_type in PEACEFUL:
            # deaths in a peaceful protest's sentence are its cause ("over the killing of")
            event.fatalities_low = event.fatalities_best = event.fatalities_high = 0
            event.fatalities_note = None

    @staticmethod
    def _territory(event: Event) -> None:
        """Who took the ground names the change: a state's forces regain it, anyone else
        overtakes it (a ruling movement typed as government too); an unidentified taker
        leaves the classifier's reading."""
        a1 = event.actor1
        if event.acled_sub_event_type not in TERRITORY or a1 is None or _unnamed_armed(a1):
            return
        event.acled_sub_event_type = TERRITORY[a1.actor_type in {"state_forces", "police"}]

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
        if actor is None or actor.country_code or actor.actor_type not in STATE_TYPES:
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
    """The actor is the event's source, or a news agency or monitor (never a party); armed
    forces that report their own act are its party ("the army said it had repelled")."""
    if actor is None:
        return False
    own_act = actor.actor_type in FIGHTING_TYPES
    return (actor.name == source and not own_act) or actor.actor_type == "media_monitor"
