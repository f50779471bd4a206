"""`python -m sitrep.geo`: build (or load) the cached gazetteer and report its size."""

from sitrep.geo.gazetteer import main

raise SystemExit(main())
