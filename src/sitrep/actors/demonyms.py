"""Country adjectives and short names → ISO 3166-1 alpha-3.

pycountry knows official and common country names but no demonyms ("Turkish", "Iraqi"), and
news writes "Iranian-backed" and "Turkish forces", so the adjectives are listed here.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Hand-written because no installed library ships demonyms; keep to one line per country.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AFG": ("Afghan", "Afghani", "Afghans"),
    "ALB": ("Albanian",),
    "DZA": ("Algerian",),
    "AGO": ("Angolan",),
    "ARG": ("Argentine", "Argentinian"),
    "ARM": ("Armenian",),
    "AUS": ("Australian",),
    "AUT": ("Austrian",),
    "AZE": ("Azerbaijani", "Azeri"),
    "BHR": ("Bahraini",),
    "BGD": ("Bangladeshi",),
    "BLR": ("Belarusian", "Belarussian"),
    "BEL": ("Belgian",),
    "BEN": ("Beninese",),
    "BOL": ("Bolivian",),
    "BIH": ("Bosnian",),
    "BRA": ("Brazilian",),
    "BFA": ("Burkinabe", "Burkinabè", "Burkinese"),
    "BDI": ("Burundian",),
    "KHM": ("Cambodian",),
    "CMR": ("Cameroonian",),
    "CAN": ("Canadian",),
    "CAF": ("Central African",),
    "TCD": ("Chadian",),
    "CHL": ("Chilean",),
    "CHN": ("Chinese",),
    "COL": ("Colombian",),
    "COD": ("Congolese",),
    "HRV": ("Croatian",),
    "CUB": ("Cuban",),
    "CYP": ("Cypriot",),
    "CZE": ("Czech",),
    "DNK": ("Danish",),
    "DJI": ("Djiboutian",),
    "ECU": ("Ecuadorian",),
    "EGY": ("Egyptian",),
    "SLV": ("Salvadoran",),
    "ERI": ("Eritrean",),
    "EST": ("Estonian",),
    "ETH": ("Ethiopian",),
    "FIN": ("Finnish",),
    "FRA": ("French",),
    "GAB": ("Gabonese",),
    "GMB": ("Gambian",),
    "GEO": ("Georgian",),
    "DEU": ("German",),
    "GHA": ("Ghanaian",),
    "GRC": ("Greek",),
    "GTM": ("Guatemalan",),
    "GIN": ("Guinean",),
    "HTI": ("Haitian",),
    "HND": ("Honduran",),
    "HUN": ("Hungarian",),
    "IND": ("Indian",),
    "IDN": ("Indonesian",),
    "IRN": ("Iranian", "Persian"),
    "IRQ": ("Iraqi",),
    "IRL": ("Irish",),
    "ISR": ("Israeli",),
    "ITA": ("Italian",),
    "CIV": ("Ivorian",),
    "JPN": ("Japanese",),
    "JOR": ("Jordanian",),
    "KAZ": ("Kazakh",),
    "KEN": ("Kenyan",),
    "KWT": ("Kuwaiti",),
    "KGZ": ("Kyrgyz",),
    "LVA": ("Latvian",),
    "LBN": ("Lebanese",),
    "LBR": ("Liberian",),
    "LBY": ("Libyan",),
    "LTU": ("Lithuanian",),
    "MDG": ("Malagasy",),
    "MWI": ("Malawian",),
    "MYS": ("Malaysian",),
    "MLI": ("Malian",),
    "MRT": ("Mauritanian",),
    "MEX": ("Mexican",),
    "MDA": ("Moldovan",),
    "MNG": ("Mongolian",),
    "MAR": ("Moroccan",),
    "MOZ": ("Mozambican",),
    "MMR": ("Burmese", "Myanmar"),
    "NPL": ("Nepalese", "Nepali"),
    "NLD": ("Dutch",),
    "NZL": ("New Zealand",),
    "NIC": ("Nicaraguan",),
    "NER": ("Nigerien",),
    "NGA": ("Nigerian",),
    "PRK": ("North Korean",),
    "NOR": ("Norwegian",),
    "OMN": ("Omani",),
    "PAK": ("Pakistani",),
    "PSE": ("Palestinian", "Gazan"),
    "PAN": ("Panamanian",),
    "PER": ("Peruvian",),
    "PHL": ("Filipino", "Philippine"),
    "POL": ("Polish",),
    "PRT": ("Portuguese",),
    "QAT": ("Qatari",),
    "ROU": ("Romanian",),
    "RUS": ("Russian",),
    "RWA": ("Rwandan",),
    "SAU": ("Saudi", "Saudi Arabian"),
    "SEN": ("Senegalese",),
    "SRB": ("Serbian", "Serb"),
    "SLE": ("Sierra Leonean",),
    "SOM": ("Somali", "Somalian"),
    "ZAF": ("South African",),
    "KOR": ("South Korean",),
    "SSD": ("South Sudanese",),
    "ESP": ("Spanish",),
    "LKA": ("Sri Lankan",),
    "SDN": ("Sudanese",),
    "SWE": ("Swedish",),
    "CHE": ("Swiss",),
    "SYR": ("Syrian",),
    "TWN": ("Taiwanese",),
    "TJK": ("Tajik",),
    "TZA": ("Tanzanian",),
    "THA": ("Thai",),
    "TGO": ("Togolese",),
    "TUN": ("Tunisian",),
    "TUR": ("Turkish", "Turk"),
    "TKM": ("Turkmen",),
    "UGA": ("Ugandan",),
    "UKR": ("Ukrainian",),
    "ARE": ("Emirati",),
    "GBR": ("British", "English", "Scottish", "Welsh"),
    "USA": ("American", "US", "U.S."),
    "URY": ("Uruguayan",),
    "UZB": ("Uzbek",),
    "VEN": ("Venezuelan",),
    "VNM": ("Vietnamese",),
    "ESH": ("Sahrawi",),
    "YEM": ("Yemeni",),
    "ZMB": ("Zambian",),
    "ZWE": ("Zimbabwean",),
}

# Short forms news uses for countries that pycountry spells officially.
COUNTRY_NAMES_EXTRA: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "USA", "America", "United States"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "England"),
    "RUS": ("Russia",),
    "IRN": ("Iran",),
    "SYR": ("Syria",),
    "TUR": ("Turkey", "Türkiye", "Turkiye"),
    "COD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "COG": ("Congo-Brazzaville", "Republic of Congo"),
    "PSE": ("Palestine", "Gaza", "Gaza Strip", "West Bank", "Palestinian territories"),
    "KOR": ("South Korea",),
    "PRK": ("North Korea",),
    "CIV": ("Ivory Coast", "Cote d'Ivoire"),
    "VEN": ("Venezuela",),
    "BOL": ("Bolivia",),
    "TZA": ("Tanzania",),
    "VNM": ("Vietnam",),
    "LAO": ("Laos",),
    "MDA": ("Moldova",),
    "TWN": ("Taiwan",),
    "CZE": ("Czech Republic", "Czechia"),
    "MMR": ("Myanmar", "Burma"),
    "ARE": ("UAE", "U.A.E.", "Emirates"),
    "SAU": ("Saudi Arabia",),
    "NLD": ("Netherlands", "Holland"),
    "ESH": ("Western Sahara",),
}


@lru_cache(maxsize=1)
def country_lookup() -> dict[str, str]:
    """Lower-cased country names, short forms and demonyms (singular and plural) → ISO3."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(value.lower(), country.alpha_3)
    for iso3, names in COUNTRY_NAMES_EXTRA.items():
        for name in names:
            table[name.lower()] = iso3
    for iso3, names in DEMONYMS.items():
        for name in names:
            table[name.lower()] = iso3
            if not name.endswith(("s", "ese", "ish", "ch", ".")):
                table.setdefault(name.lower() + "s", iso3)
    return table


def country_of(word: str) -> str | None:
    """ISO3 for a country name or demonym ("Turkish", "Iraqis", "Syria"), else None."""
    return country_lookup().get(word.strip().lower()) if word else None
