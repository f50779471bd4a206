"""The sources stage: the user's sources file and discovery of the day's candidate URLs.

Public API: :class:`Source`, :class:`SourcesFileError`, :func:`load_sources`,
:class:`Discovered`, :func:`discover`.
"""

from sitrep.sources.config_file import Source, SourcesFileError, load_sources
from sitrep.sources.discovery import Discovered, discover

__all__ = ["Discovered", "Source", "SourcesFileError", "discover", "load_sources"]
