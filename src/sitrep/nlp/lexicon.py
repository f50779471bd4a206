"""Event triggers: verb and noun lemmas → PLOVER event type and mode.

A word list rather than a trained classifier because no event model ships offline; the list is
organised by PLOVER type so a reader can check it against the PLOVER manual.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means, and what it needs to count."""

    event_type: str
    mode: str | None = None
    needs_military_object: bool = False  # "sent troops" yes, "sent a letter" no


_V = Trigger

VERB_TRIGGERS: dict[str, Trigger] = {
    # ASSAULT
    **dict.fromkeys(
        [
            "attack",
            "kill",
            "assault",
            "target",
            "ambush",
            "storm",
            "murder",
            "slaughter",
            "stab",
            "hit",
            "raid",
            "overrun",
            "behead",
            "execute",
            "lynch",
            "torch",
            "burn",
        ],
        _V("ASSAULT"),
    ),
    **dict.fromkeys(
        ["shoot", "gun", "clash", "fight", "battle", "skirmish", "repel", "repulse"],
        _V("ASSAULT", "firearms"),
    ),
    **dict.fromkeys(["shell", "bombard", "pound"], _V("ASSAULT", "heavy-weapons")),
    **dict.fromkeys(["bomb", "airstrike", "strike"], _V("ASSAULT", "aerial")),
    **dict.fromkeys(["detonate", "explode"], _V("ASSAULT", "explosive")),
    **dict.fromkeys(["kidnap", "abduct", "hijack"], _V("ASSAULT", "abduct")),
    **dict.fromkeys(["assassinate"], _V("ASSAULT", "assassinate")),
    **dict.fromkeys(["massacre"], _V("ASSAULT", "massacre")),
    **dict.fromkeys(["beat", "torture", "flog"], _V("ASSAULT", "beat")),
    **dict.fromkeys(["rape"], _V("ASSAULT", "sexual")),
    # MOBILIZE
    **dict.fromkeys(
        ["deploy", "mobilize", "mobilise", "reinforce", "redeploy", "amass", "mass"],
        _V("MOBILIZE", "troops"),
    ),
    **dict.fromkeys(
        ["send", "dispatch", "arrive", "move", "station", "transfer", "rush"],
        _V("MOBILIZE", "troops", needs_military_object=True),
    ),
    # PROTEST
    **dict.fromkeys(["protest", "demonstrate", "rally", "march", "picket"], _V("PROTEST", "demo")),
    **dict.fromkeys(["riot"], _V("PROTEST", "riot")),
    **dict.fromkeys(["boycott"], _V("PROTEST", "boycott")),
    **dict.fromkeys(["blockade"], _V("COERCE", "restrict")),
    # COERCE
    **dict.fromkeys(
        ["arrest", "detain", "jail", "imprison", "apprehend", "round"], _V("COERCE", "arrest")
    ),
    **dict.fromkeys(
        ["seize", "confiscate", "loot", "demolish", "raze", "destroy", "ransack"],
        _V("COERCE", "seize"),
    ),
    **dict.fromkeys(
        ["capture", "occupy", "overtake", "recapture", "retake", "annex"], _V("COERCE", "occupy")
    ),
    **dict.fromkeys(
        ["ban", "impose", "besiege", "restrict", "suspend"],
        _V("COERCE", "restrict"),
    ),
    **dict.fromkeys(["deport", "expel", "evict"], _V("COERCE", "deport")),
    **dict.fromkeys(["censor"], _V("COERCE", "censor")),
    # SANCTION
    **dict.fromkeys(
        ["sanction", "sever", "recall", "downgrade", "cut", "halt", "freeze"], _V("SANCTION")
    ),
    # THREATEN
    **dict.fromkeys(["threaten", "warn", "vow"], _V("THREATEN")),
    # REQUEST
    **dict.fromkeys(
        [
            "demand",
            "urge",
            "appeal",
            "request",
            "ask",
            "plead",
            "petition",
            "beg",
            "invite",
        ],
        _V("REQUEST"),
    ),
    # ACCUSE
    **dict.fromkeys(
        [
            "accuse",
            "blame",
            "condemn",
            "criticize",
            "criticise",
            "denounce",
            "deplore",
            "decry",
            "slam",
            "rebuke",
            "charge",
            "sue",
            "allege",
            "complain",
            "disapprove",
            "censure",
            "fault",
            "convict",
        ],
        _V("ACCUSE"),
    ),
    **dict.fromkeys(["investigate", "probe", "inspect"], _V("ACCUSE", "investigate")),
    # REJECT
    **dict.fromkeys(
        [
            "reject",
            "refuse",
            "decline",
            "veto",
            "rebuff",
            "spurn",
            "dismiss",
            "deny",
            "oppose",
            "defy",
            "resist",
        ],
        _V("REJECT"),
    ),
    # AGREE
    **dict.fromkeys(
        [
            "agree",
            "pledge",
            "promise",
            "offer",
            "propose",
            "accept",
            "commit",
            "sign",
            "approve",
            "ratify",
            "conclude",
        ],
        _V("AGREE"),
    ),
    # CONSULT
    **dict.fromkeys(
        [
            "meet",
            "visit",
            "negotiate",
            "discuss",
            "consult",
            "confer",
            "host",
            "talk",
            "mediate",
            "telephone",
            "phone",
        ],
        _V("CONSULT"),
    ),
    # SUPPORT
    **dict.fromkeys(
        [
            "praise",
            "support",
            "endorse",
            "commend",
            "recognize",
            "recognise",
            "apologize",
            "apologise",
            "forgive",
            "defend",
            "hail",
            "congratulate",
            "thank",
            "applaud",
            "back",
        ],
        _V("SUPPORT"),
    ),
    # COOPERATE
    **dict.fromkeys(
        ["cooperate", "collaborate", "coordinate", "partner", "ally", "share"], _V("COOPERATE")
    ),
    # AID
    **dict.fromkeys(
        [
            "aid",
            "help",
            "assist",
            "provide",
            "supply",
            "donate",
            "deliver",
            "fund",
            "grant",
            "airlift",
            "shelter",
            "evacuate",
        ],
        _V("AID"),
    ),
    # CONCEDE
    **dict.fromkeys(["concede", "yield", "accede", "relent", "compromise"], _V("CONCEDE")),
    **dict.fromkeys(["ease", "lift", "relax"], _V("RETREAT", "ease")),
    # RETREAT
    **dict.fromkeys(
        ["withdraw", "retreat", "pull", "abandon", "resign"], _V("RETREAT", "withdraw")
    ),
    **dict.fromkeys(["release", "free", "repatriate", "swap"], _V("RETREAT", "release")),
    **dict.fromkeys(
        ["surrender", "disarm", "demobilize", "demobilise", "disband"], _V("RETREAT", "disarm")
    ),
}

NOUN_TRIGGERS: dict[str, Trigger] = {
    **dict.fromkeys(
        [
            "attack",
            "assault",
            "ambush",
            "raid",
            "offensive",
            "killing",
            "murder",
            "incursion",
            "onslaught",
        ],
        _V("ASSAULT"),
    ),
    **dict.fromkeys(
        [
            "clash",
            "fighting",
            "battle",
            "gunfight",
            "firefight",
            "shootout",
            "gunfire",
            "skirmish",
            "shooting",
        ],
        _V("ASSAULT", "firearms"),
    ),
    **dict.fromkeys(
        ["shelling", "bombardment", "barrage"],
        _V("ASSAULT", "heavy-weapons"),
    ),
    **dict.fromkeys(["airstrike", "strike", "bombing", "air raid"], _V("ASSAULT", "aerial")),
    **dict.fromkeys(
        ["explosion", "blast", "bomb"],
        _V("ASSAULT", "explosive"),
    ),
    **dict.fromkeys(["kidnapping", "abduction", "hijacking"], _V("ASSAULT", "abduct")),
    **dict.fromkeys(["assassination"], _V("ASSAULT", "assassinate")),
    **dict.fromkeys(["massacre", "execution"], _V("ASSAULT", "massacre")),
    **dict.fromkeys(
        ["deployment", "mobilization", "mobilisation", "buildup", "build-up", "reinforcement"],
        _V("MOBILIZE", "troops"),
    ),
    **dict.fromkeys(
        ["protest", "demonstration", "rally", "march", "sit-in"], _V("PROTEST", "demo")
    ),
    **dict.fromkeys(["riot", "unrest"], _V("PROTEST", "riot")),
    **dict.fromkeys(["arrest", "detention", "crackdown"], _V("COERCE", "arrest")),
    **dict.fromkeys(["curfew", "blockade", "siege", "lockdown"], _V("COERCE", "restrict")),
    **dict.fromkeys(["sanction", "embargo"], _V("SANCTION")),
    **dict.fromkeys(["ceasefire", "truce", "withdrawal", "pullout"], _V("RETREAT", "disarm")),
    **dict.fromkeys(["agreement", "deal", "accord"], _V("AGREE")),
    **dict.fromkeys(["talks", "meeting", "visit", "summit", "negotiation"], _V("CONSULT")),
}

# Chemical weapons, by agent or by name ("chlorine gas", "a chemical attack", "poison gas").
CHEMICAL_AGENTS = frozenset({"chlorine", "sarin", "tabun", "novichok", "vx", "mustard"})
CHEMICAL_KINDS = frozenset({"chemical", "poison", "nerve"})  # the word before one of these:
CHEMICAL_ARMS = frozenset({"weapon", "attack", "gas", "agent", "munition", "bomb", "shell"})
# What armed groups set up: "set up a new base", "established a forward operating base".
BASE_NOUNS = frozenset({"base", "outpost", "garrison", "stronghold"})
# Words before "base" that keep it military ("an air base"; not "a fan base").
BASE_KINDS = frozenset(
    {"military", "army", "air", "naval", "operating", "forward", "training", "rebel",
     "militant", "new", "permanent", "temporary", "logistics"}
)  # fmt: skip

# Suicide and car bombings are a mode of their own; these modifiers switch to it.
SUICIDE_WORDS = frozenset({"suicide", "self-detonating"})
# Military aircraft; what "shot down" or "intercepted" takes as object is also a plane.
AIRCRAFT = frozenset({"drone", "uav", "aircraft", "warplane", "jet", "helicopter", "gunship"})
AERIAL_WORDS = AIRCRAFT | {"air", "airstrike", "aerial"}
# Heavy weapons, grenade launchers and RPGs included (ACLED codes "fired grenade launchers at
# the positions" as shelling).
SHELLING_WORDS = frozenset(
    {"artillery", "rocket", "missile", "mortar", "shell", "shelling", "tank", "launcher", "rpg"}
)
# Small arms: fired together with shells, the exchange is a clash (ACLED's convention).
GUN_WORDS = frozenset({"arm", "arms", "gun", "rifle", "machine", "machinegun"})
# Planted or left-over explosives, and what a bomb is hidden in ("a motorcycle bomb").
BOMB_CARRIERS = frozenset(
    {
        "car",
        "roadside",
        "truck",
        "barrel",
        "motorcycle",
        "motorbike",
        "sticky",
        "magnetic",
        "parcel",
    }
)
EXPLOSIVE_WORDS = BOMB_CARRIERS - {"barrel", "truck"} | {
    "ied",
    "landmine",
    "mine",
    "explosive",
    "ordnance",
    "uxo",
    "remnant",
}

# Moved things that make "sent"/"arrived" a military movement (MOBILIZE).
MILITARY_NOUNS = frozenset(
    {
        "troop",
        "force",
        "reinforcement",
        "convoy",
        "fighter",
        "soldier",
        "unit",
        "militia",
        "militiaman",
        "vehicle",
        "tank",
        "armor",
        "armour",
        "equipment",
        "weapon",
        "battalion",
        "brigade",
        "division",
        "warship",
        "aircraft",
        "jet",
        "warplane",
        "artillery",
        "police",
        "militant",
        "rebel",
        "personnel",
        "contingent",
        "marine",
        "paratrooper",
        "commando",
        "mercenary",
        "gunman",
        "gunmen",
        "army",
        "military",
        "column",
    }
)

# What is taken when ground changes hands; a place entity counts too.
GROUND_NOUNS = frozenset(
    {"village", "town", "city", "area", "hill", "base", "position", "checkpoint", "district",
     "road", "highway", "airport", "crossing", "region", "neighbourhood", "neighborhood",
     "territory", "front", "site", "stronghold", "locality", "outpost", "post", "camp",
     "headquarters", "hq", "mountain", "valley", "island", "port", "countryside", "sector"}
)  # fmt: skip

# What forces do routinely: a light verb with one of these as object is no event.
ROUTINE_ACTIVITIES = frozenset(
    {"patrol", "exercise", "drill", "maneuver", "manoeuvre", "inspection", "tour", "rehearsal"}
)

# A demonstration turns violent when the crowd throws these, burns these or does these
# (ACLED: "Violent demonstration", tyre burning and stone pelting included).
CROWD_MISSILES = frozenset(
    {"stone", "rock", "brick", "bottle", "projectile", "molotov", "firebomb", "petrol"}
)
CROWD_HARMS = frozenset(
    {"vandalize", "vandalise", "ransack", "loot", "smash", "lynch", "stone", "storm", "barricade",
     "attack", "beat", "assault", "scuffle"}
)  # fmt: skip
# What a crowd burns as a sign, not as violence (ACLED: effigy burning is a peaceful protest).
SYMBOLIC_BURNS = frozenset(
    {"effigy", "flag", "copy", "poster", "picture", "photo", "photograph", "portrait", "candle",
     "banner", "book", "letter", "placard", "mask", "incense"}
)  # fmt: skip
# What the state does to a crowd that makes a protest "with intervention" (ACLED: arrests,
# dispersal, tear gas, batons): "police dispersed the sit-in", "14 people were arrested".
CROWD_STOPPERS = frozenset(
    {"disperse", "arrest", "detain", "intervene", "evict", "remove", "clear", "beat",
     "teargas", "tear-gas"}
)  # fmt: skip
# Nouns of the same: "several arrests were made", "resorted to lathi charge", "tear gas".
CROWD_STOPPING_NOUNS = frozenset({"arrest", "detention", "teargas", "cannon", "baton", "lathi"})

# Verbs whose complement is content, not a second event ("threatened to strike").
FRAMING_TYPES = frozenset({"THREATEN", "REQUEST", "AGREE", "REJECT", "ACCUSE", "SUPPORT"})

# Light verbs: "carried out an attack" is the attack.
LIGHT_VERBS = frozenset(
    {
        "carry",
        "launch",
        "conduct",
        "stage",
        "hold",
        "mount",
        "perpetrate",
        "claim",
        "increase",
        "intensify",
        "step",
        "escalate",
        "begin",
        "start",
        "continue",
        "resume",
        "unleash",
        "wage",
        "take",
        "make",
        "see",
        "witness",
        "open",
    }
)

SAY_VERBS = frozenset(
    {
        "say",
        "tell",
        "report",
        "announce",
        "state",
        "claim",
        "confirm",
        "add",
        "note",
        "tweet",
        "write",
        "explain",
        "reveal",
        "declare",
        "quote",
        "insist",
        "acknowledge",
        "estimate",
        "post",
        "publish",
        "indicate",
        "disclose",
        "cite",
        "describe",
    }
)

DEATH_WORDS = frozenset(
    {
        "kill",
        "die",
        "dead",
        "death",
        "fatality",
        "life",
        "body",
        "slay",
        "massacre",
        "execute",
        "murder",
        "perish",
        "casualty",
        "toll",
    }
)

# What is found when a killing is discovered after the fact, and the marks that say it was one.
REMAINS = frozenset({"body", "corpse", "remains", "head", "skeleton"})
VIOLENT_DEATH_CUES = frozenset(
    {
        "gunshot",
        "bullet",
        "shoot",
        "stab",
        "torture",
        "mutilate",
        "decapitate",
        "behead",
        "handcuff",
        "strangle",
        "gag",
        "bind",
        "tie",
        "dismember",
        "execute",
    }
)

# Further common news verbs and nouns, kept apart so the main tables stay readable.
VERB_TRIGGERS.update(
    {
        "invade": Trigger("ASSAULT"),
        "fire": Trigger("ASSAULT", "firearms"),
        "block": Trigger("PROTEST", "obstruct"),
        "barricade": Trigger("PROTEST", "obstruct"),
        "renege": Trigger("REJECT"),
        "violate": Trigger("REJECT"),
        "indict": Trigger("ACCUSE", "allege"),
        "prosecute": Trigger("ACCUSE", "allege"),
        "extradite": Trigger("COOPERATE"),
        "distribute": Trigger("AID"),
        "outlaw": Trigger("COERCE", "restrict"),
        "set": Trigger("COERCE", "seize", needs_military_object=True),
        "strengthen": Trigger("MOBILIZE", "troops", needs_military_object=True),
        "bolster": Trigger("MOBILIZE", "troops", needs_military_object=True),
        "boost": Trigger("MOBILIZE", "troops", needs_military_object=True),
        "prohibit": Trigger("COERCE", "restrict"),
        "land": Trigger("ASSAULT", "heavy-weapons", needs_military_object=True),
        "fall": Trigger("ASSAULT", "heavy-weapons", needs_military_object=True),
        "impact": Trigger("ASSAULT", "heavy-weapons", needs_military_object=True),
        "gather": Trigger("PROTEST", "demo", needs_military_object=True),
        "assemble": Trigger("PROTEST", "demo", needs_military_object=True),
        "seek": Trigger("REQUEST"),
        "order": Trigger("REQUEST"),
        "cancel": Trigger("SANCTION"),
        "end": Trigger("SANCTION"),
        "contribute": Trigger("AID"),
        "give": Trigger("AID", needs_military_object=True),
        "hand": Trigger("AID", needs_military_object=True),
        "ship": Trigger("AID", needs_military_object=True),
    }
)
NOUN_TRIGGERS.update(
    {
        "invasion": Trigger("ASSAULT"),
        "cleansing": Trigger("ASSAULT", "massacre"),
        "torture": Trigger("ASSAULT", "beat"),
        "mediation": Trigger("CONSULT"),
        "investigation": Trigger("ACCUSE", "investigate"),
        "inquiry": Trigger("ACCUSE", "investigate"),
        "probe": Trigger("ACCUSE", "investigate"),
        "roadblock": Trigger("PROTEST", "obstruct"),
    }
)

# What is handed over makes "gave"/"sent"/"shipped" aid rather than a movement of forces.
AID_NOUNS = frozenset(
    {
        "aid",
        "assistance",
        "food",
        "medicine",
        "supply",
        "arm",
        "weapon",
        "grant",
        "loan",
        "dollar",
        "fund",
        "money",
        "equipment",
        "ammunition",
        "relief",
        "support",
        "vaccine",
        "fuel",
        "tent",
        "blanket",
        "flour",
        "grain",
        "wheat",
        "rice",
        "donation",
        "million",
        "billion",
        "intelligence",
        "training",
        "photograph",
        "credit",
    }
)
# "lifted the curfew" concedes; "lifted sanctions" eases; "lifted the siege" de-escalates.
EASE_OBJECTS = {
    "curfew": ("CONCEDE", None),
    "emergency": ("CONCEDE", None),
    "restriction": ("CONCEDE", None),
    "ban": ("CONCEDE", None),
    "measure": ("CONCEDE", None),
    "law": ("CONCEDE", None),
    "sanction": ("RETREAT", "ease"),
    "embargo": ("RETREAT", "ease"),
    "blockade": ("RETREAT", "disarm"),
    "siege": ("RETREAT", "disarm"),
}
# Intent to act is coded as AGREE (cooperative) or THREATEN (hostile) in PLOVER/CAMEO.
COOPERATIVE_TYPES = frozenset(
    {"SUPPORT", "AID", "CONSULT", "COOPERATE", "CONCEDE", "RETREAT", "AGREE"}
)
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})

# Causes of death that are not an act of violence: "the virus has killed 12", "died in floods".
NATURAL_CAUSES = frozenset(
    {
        "virus",
        "coronavirus",
        "covid",
        "covid-19",
        "disease",
        "pandemic",
        "epidemic",
        "outbreak",
        "cholera",
        "ebola",
        "malaria",
        "measles",
        "flu",
        "influenza",
        "cancer",
        "illness",
        "infection",
        "storm",
        "hurricane",
        "cyclone",
        "typhoon",
        "tornado",
        "flood",
        "flooding",
        "earthquake",
        "quake",
        "tsunami",
        "landslide",
        "avalanche",
        "drought",
        "heatwave",
        "lightning",
        "wildfire",
        "blaze",
        "accident",
        "crash",
        "collision",
        "stampede",
        "collapse",
        "overdose",
        "leak",
        "poisoning",
        "poison",
        "liquor",
        "alcohol",
        "fumes",
        "fume",
        "bacteria",
        "strain",
        "famine",
        "starvation",
        "heat",
        "pollution",
        "snow",
        "snowfall",
        "rain",
        "rainfall",
        "downpour",
        "mudslide",
        "floodwater",
        "eruption",
        "volcano",
        "wind",
        "fog",
    }
)
# What a camera or a player shoots: "shot the ball past the keeper", "shot a video".
SHOT_THINGS = frozenset(
    {"ball", "puck", "photo", "photograph", "picture", "video", "film", "footage", "scene",
     "movie", "hoop", "basket", "goal"}
)  # fmt: skip
# Goods the police seize that make a seizure law enforcement, not looting.
CONTRABAND = frozenset(
    {"cocaine", "heroin", "drug", "narcotic", "cannabis", "marijuana", "methamphetamine",
     "contraband", "cigarette", "tramadol", "opium", "hashish", "counterfeit", "smuggled"}
)  # fmt: skip
# What explodes or burns by accident: "a gas explosion", "a boiler blast", "a tanker fire".
ACCIDENT_SOURCES = frozenset(
    {"gas", "oil", "cylinder", "boiler", "tanker", "chemical", "methane", "fuel", "pipeline",
     "firework", "fireworks", "electrical", "coal", "transformer", "lightning"}
)  # fmt: skip

# Where a blaze starts: "a factory fire killed 43 workers" (not "a market blast": bombs).
FIRE_SITES = frozenset(
    {"factory", "warehouse", "market", "house", "forest", "bush", "hospital", "building", "hotel",
     "club", "school", "slum", "apartment", "tower", "bus", "train", "boat", "ship", "mine"}
)  # fmt: skip

# Where an explosion or a leak is an industrial accident: "a blast ripped through a fireworks
# factory" ("near Karbonit Mine", a named place, is left to the other rules).
INDUSTRIAL_SITES = frozenset(
    {"factory", "plant", "mill", "refinery", "warehouse", "workshop", "quarry", "mine", "foundry"}
)  # fmt: skip
# Nouns of a blast or a blaze that an industrial site makes an accident.
BLAST_NOUNS = frozenset({"explosion", "blast", "fire", "blaze", "leak"})

# What a speaker attacks: "attacked the budget plan as reckless" is criticism, not violence.
VERBAL_TARGETS = frozenset(
    {"plan", "policy", "decision", "proposal", "bill", "budget", "remark", "comment", "statement",
     "speech", "idea", "record", "handling", "move", "report", "law", "reform", "claim",
     "approach", "strategy", "deal", "stance", "rhetoric", "agenda"}
)  # fmt: skip
# Verbs of a speaker's attack on words or policies ("slammed", "blasted the decision").
CRITICISING_VERBS = frozenset({"attack", "slam", "blast", "hit", "lash", "assail", "savage"})

# Reactions to an event told elsewhere: "the Council condemned the attack" codes no attack.
REACTION_VERBS = frozenset(
    {"condemn", "denounce", "deplore", "decry", "regret", "investigate", "probe", "discuss"}
)  # fmt: skip

# Verbs with no passive: a noun they describe is who did it ("factions clashed with the SDF").
INTRANSITIVE = frozenset({"clash", "fight", "skirmish", "protest", "demonstrate", "riot", "rally"})
# Verbs of a protest in words: a government that "denounced the report" is no crowd.
VERBAL_PROTESTS = frozenset({"protest", "denounce", "condemn", "decry", "deplore", "reject"})
# Words of a death: a crowd's toll is none when all of them are what it denounces.
DEATH_WORDS = frozenset(
    {"kill", "killing", "death", "murder", "dead", "die", "assassination", "slaying", "lynching"}
)
# What an agreement ACLED records is about: "agreed to a 72-hour truce".
TRUCE_WORDS = frozenset({"ceasefire", "truce", "armistice", "peace"})
# Words of a fight: civilians in a report with one of these may be caught in a clash.
FIGHT_WORDS = frozenset(
    {"clash", "fight", "fighting", "exchange", "battle", "skirmish", "confront", "repel",
     "engage", "crossfire", "stray", "violence", "attack", "storm", "ambush", "gunfight",
     "shoot", "shot"}
)  # fmt: skip
# The vaguest party: "killing four people" names victims, not whom the fire was aimed at.
VAGUE_PARTIES = frozenset({"people", "persons", "individuals"})

# What courts do: "the court sentenced three men for smuggling arms" is no attack on them.
JUDICIAL_VERBS = frozenset(
    {"sentence", "convict", "jail", "imprison", "indict", "acquit", "prosecute", "fine"}
)  # fmt: skip

# Verbs of accidents: "a bus plunged into a ravine, killing 12" is no attack.
ACCIDENT_VERBS = frozenset(
    {"plunge", "overturn", "collide", "capsize", "crash", "derail", "collapse", "sink", "skid",
     "topple", "veer", "catch", "burst", "flood"}
)  # fmt: skip
# What burns, bursts or explodes by accident when an ACCIDENT_SOURCES word names its kind.
ACCIDENT_HEADS = frozenset(
    {"explosion", "blast", "fire", "strike", "truck", "tanker", "lorry", "cylinder", "pipeline",
     "boiler", "leak", "factory", "plant", "mine"}
)  # fmt: skip
# Who plays a match: "the two teams clashed in the final" is no fight ("side" is left out:
# "both sides exchanged fire").
SPORT_SIDES = frozenset({"team", "club", "player", "squad", "champion", "finalist"})

# Words before "attack" that make it a medical event ("a heart attack"), not violence.
MEDICAL_ATTACKS = frozenset({"heart", "panic", "asthma", "anxiety"})
# Killings of animals ("thousands of birds have been killed", "culled hogs") are no conflict.
ANIMALS = frozenset(
    {
        "animal",
        "bird",
        "chicken",
        "poultry",
        "duck",
        "hog",
        "pig",
        "swine",
        "cattle",
        "cow",
        "goat",
        "sheep",
        "livestock",
        "dog",
        "cat",
        "pet",
        "horse",
        "camel",
        "fish",
        "deer",
        "elephant",
        "rhino",
        "whale",
        "dolphin",
        "shark",
        "bat",
        "monkey",
        "rat",
        "mosquito",
        "wildlife",
    }
)
# Nouns that make a following "of attack" a manner of doing, not an attack ("a plan of attack").
ABSTRACT_FRAMES = frozenset(
    {
        "plan",
        "line",
        "angle",
        "method",
        "way",
        "mode",
        "form",
        "kind",
        "type",
        "sort",
        "art",
        "strategy",
        "style",
        "point",
    }
)


# What a protest is told with: its demand, its target, its form. "They exchanged views on the
# crisis" has none of them, whatever the classifier makes of a plural subject.
PROTEST_CUES = frozenset(
    {"demand", "protest", "demonstrate", "demonstration", "rally", "march", "chant", "denounce",
     "condemn", "against", "strike", "sit", "picket", "petition", "slogan", "placard", "banner",
     "motorcade", "caravan", "boycott", "block", "blockade", "barricade", "burn", "riot",
     "demonstrator", "protester", "protestor", "rioter", "support", "solidarity", "call",
     "oppose", "reject", "urge", "release", "justice"}
)  # fmt: skip
