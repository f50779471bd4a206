"""Generic typed actors: "Turkish forces" → ``gen_military_tur``, "protesters" → protesters.

An actor phrase without a name is still codable: its head noun gives the type and a demonym or
country name gives the country, as ACLED does for "Military Forces of Turkey".
"""

from __future__ import annotations

from dataclasses import dataclass

# head noun lemma → (id stem, actor_type); stems form ids ``gen_<stem>_<iso3>``.
GENERIC_HEADS: dict[str, tuple[str, str]] = {
    "force": ("military", "state_forces"),
    "troop": ("military", "state_forces"),
    "soldier": ("military", "state_forces"),
    "army": ("military", "state_forces"),
    "military": ("military", "state_forces"),
    "serviceman": ("military", "state_forces"),
    "servicemen": ("military", "state_forces"),
    "warplane": ("military", "state_forces"),
    "jet": ("military", "state_forces"),
    "aircraft": ("military", "state_forces"),
    "drone": ("military", "state_forces"),
    "helicopter": ("military", "state_forces"),
    "artillery": ("military", "state_forces"),
    "gunship": ("military", "state_forces"),
    "warship": ("military", "state_forces"),
    "navy": ("military", "state_forces"),
    "battalion": ("military", "state_forces"),
    "brigade": ("military", "state_forces"),
    "unit": ("military", "state_forces"),
    "guard": ("military", "state_forces"),
    "officer": ("military", "state_forces"),
    "police": ("police", "police"),
    "policeman": ("police", "police"),
    "policemen": ("police", "police"),
    "gendarme": ("police", "police"),
    "gendarmerie": ("police", "police"),
    "government": ("government", "government"),
    "official": ("government", "government"),
    "authority": ("government", "government"),
    "ministry": ("government", "government"),
    "minister": ("government", "government"),
    "president": ("government", "government"),
    "leader": ("government", "government"),
    "diplomat": ("government", "government"),
    "administration": ("government", "government"),
    "civilian": ("civilians", "civilians"),
    "resident": ("civilians", "civilians"),
    "villager": ("civilians", "civilians"),
    "people": ("civilians", "civilians"),
    "child": ("civilians", "civilians"),
    "children": ("civilians", "civilians"),
    "woman": ("civilians", "civilians"),
    "women": ("civilians", "civilians"),
    "farmer": ("civilians", "civilians"),
    "worker": ("civilians", "civilians"),
    "student": ("civilians", "civilians"),
    "journalist": ("civilians", "civilians"),
    "refugee": ("civilians", "civilians"),
    "migrant": ("civilians", "civilians"),
    "family": ("civilians", "civilians"),
    "passenger": ("civilians", "civilians"),
    "shepherd": ("civilians", "civilians"),
    "protester": ("protesters", "protesters"),
    "protestor": ("protesters", "protesters"),
    "demonstrator": ("protesters", "protesters"),
    "activist": ("protesters", "protesters"),
    "crowd": ("protesters", "protesters"),
    "rioter": ("protesters", "protesters"),
    "rebel": ("rebels", "rebel_group"),
    "insurgent": ("rebels", "rebel_group"),
    "militant": ("rebels", "rebel_group"),
    "jihadist": ("rebels", "rebel_group"),
    "separatist": ("rebels", "rebel_group"),
    "guerrilla": ("rebels", "rebel_group"),
    "opposition": ("rebels", "rebel_group"),
    "faction": ("rebels", "rebel_group"),
    "fighter": ("militia", "militia"),
    "militia": ("militia", "militia"),
    "militiaman": ("militia", "militia"),
    "militiamen": ("militia", "militia"),
    "paramilitary": ("militia", "militia"),
    "gunman": ("militia", "militia"),
    "gunmen": ("militia", "militia"),
    "assailant": ("militia", "militia"),
    "attacker": ("militia", "militia"),
    "mercenary": ("militia", "militia"),
    "bandit": ("militia", "militia"),
    "kidnapper": ("militia", "militia"),
    "sniper": ("militia", "militia"),
    "cell": ("militia", "militia"),
    "man": ("militia", "militia"),
    "men": ("militia", "militia"),
    "coalition": ("military", "state_forces"),
    "herder": ("civilians", "civilians"),
    "fisherman": ("civilians", "civilians"),
    "trader": ("civilians", "civilians"),
    "worshipper": ("civilians", "civilians"),
    "pilgrim": ("civilians", "civilians"),
    "teacher": ("civilians", "civilians"),
    "doctor": ("civilians", "civilians"),
    "driver": ("civilians", "civilians"),
    "household": ("civilians", "civilians"),
    "girl": ("civilians", "civilians"),
    "boy": ("civilians", "civilians"),
    "teenager": ("civilians", "civilians"),
    "infant": ("civilians", "civilians"),
    "baby": ("civilians", "civilians"),
    "group": ("militia", "militia"),
}

# Stems written into the seed for every country; the heads above map onto these.
GENERIC_STEMS: dict[str, tuple[str, str]] = {
    "military": ("state_forces", "Military forces of {country}"),
    "police": ("police", "Police forces of {country}"),
    "government": ("government", "Government of {country}"),
    "civilians": ("civilians", "Civilians ({country})"),
    "protesters": ("protesters", "Protesters ({country})"),
    "rebels": ("rebel_group", "Rebels ({country})"),
    "militia": ("militia", "Unidentified armed group ({country})"),
}

# Heads that are actors only with a country or backer ("Syrian officers" yes, "officers" no).
NEEDS_MODIFIER = frozenset(
    {
        "unit",
        "guard",
        "officer",
        "leader",
        "president",
        "group",
        "cell",
        "people",
        "family",
        "worker",
        "student",
        "woman",
        "women",
        "child",
        "children",
        "girl",
        "boy",
        "teenager",
        "infant",
        "baby",
        "aircraft",
        "jet",
        "drone",
        "crowd",
        "minister",
        "administration",
        "authority",
    }
)


@dataclass(frozen=True)
class GenericActor:
    """A typed actor with no name of its own."""

    stem: str
    actor_type: str
    country_code: str | None

    @property
    def actor_id(self) -> str | None:
        """``gen_<stem>_<iso3>`` when the country is known, else None (not in the dictionary)."""
        return f"gen_{self.stem}_{self.country_code.lower()}" if self.country_code else None


# Modifiers that make an unnamed group an armed actor ("armed men", "unidentified gunmen").
ARMED_MODIFIERS = frozenset({"armed", "unidentified", "unknown", "masked", "suspected", "hooded"})


def generic_head(lemma: str) -> tuple[str, str] | None:
    """(stem, actor_type) for a head noun lemma that names a kind of actor."""
    return GENERIC_HEADS.get(lemma.lower())
