"""Write-audit-publish of the DuckDB warehouse.

A run builds into its own working copy (``prepare_build``), the quality gate audits it, and
``publish`` swaps it into place with one ``os.replace``: readers that hold the old file open keep
their snapshot (the old inode lives on until they close it), new connections see the new file, and
nothing ever waits on a reader. A failing build is moved aside for inspection (``keep_failed``).
"""

from sitrep.publish.swap import (
    holding,
    in_use,
    keep_failed,
    prepare_build,
    publish,
    recover_leftovers,
)

__all__ = [
    "holding",
    "in_use",
    "keep_failed",
    "prepare_build",
    "publish",
    "recover_leftovers",
]
