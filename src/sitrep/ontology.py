"""The codes Sitrep's data is written in: PLOVER types and modes, ACLED types and sub-types,
modality and precision codes.

The one home of these lists. The contract, the quality gate's catalog, the report's colours,
the crosswalk seed's tests and the dbt accepted values take them from here (the dbt YAML and the
seed are data files: ``tests/test_ontology.py`` checks they agree with this module).
"""

from __future__ import annotations

from typing import Literal, get_args

# PLOVER's sixteen event types (Halterman et al., PLOVER 2021), cooperative to conflictual.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# PLOVER's modes (how an event was carried out), by the type they qualify; a type not listed
# has no mode. The crosswalk seed (dbt_project/seeds/plover_crosswalk.csv) uses these only.
PLOVER_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("visit", "phone", "third-party"),
    "RETREAT": ("release", "withdraw", "disarm", "ease", "access"),
    "ACCUSE": ("investigate", "disapprove", "allege"),
    "THREATEN": ("violence",),
    "PROTEST": ("demo", "hunger", "boycott", "obstruct", "riot"),
    "MOBILIZE": ("troops", "police", "base"),
    "SANCTION": ("withdraw", "discontinue", "expel"),
    "COERCE": ("arrest", "seize", "restrict", "deport", "occupy", "censor", "defuse"),
    "ASSAULT": (
        "firearms",
        "heavy-weapons",
        "aerial",
        "suicide-attack",
        "explosive",
        "abduct",
        "beat",
        "assassinate",
        "massacre",
        "sexual",
        "cbrn",
        "repression",
        "mob",
    ),
}

# ACLED's sub-event types under their six event types (ACLED codebook, 2019-2023).
ACLED_EVENT_OF: dict[str, str] = {
    **dict.fromkeys(
        ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
        "Battles",
    ),
    **dict.fromkeys(
        [
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
        "Explosions/Remote violence",
    ),
    **dict.fromkeys(
        ["Sexual violence", "Attack", "Abduction/forced disappearance"],
        "Violence against civilians",
    ),
    **dict.fromkeys(
        ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
        "Protests",
    ),
    **dict.fromkeys(["Violent demonstration", "Mob violence"], "Riots"),
    **dict.fromkeys(
        [
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
        "Strategic developments",
    ),
}
ACLED_EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(ACLED_EVENT_OF.values()))
ACLED_SUB_EVENT_TYPES: tuple[str, ...] = tuple(ACLED_EVENT_OF)
VIOLENT_ACLED_TYPES = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians"}
)

Modality = Literal["asserted", "hedged", "negated", "future"]
MODALITIES: tuple[str, ...] = get_args(Modality)

DatePrecision = Literal["day", "week", "month", "year"]
DATE_PRECISIONS: tuple[str, ...] = get_args(DatePrecision)

# Where an event is, how exactly: UCDP GED's where_prec.
GEO_PRECISIONS: dict[int, str] = {
    1: "the place itself",
    2: "near a place",
    3: "district (admin2)",
    4: "province (admin1)",
    5: "region",
    6: "country",
    7: "sea or air space",
}
