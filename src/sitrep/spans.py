"""Overlap questions about many character spans, answered by bisection."""

from __future__ import annotations

import bisect


class SpanIndex:
    """Character spans (they may overlap) asked "does any overlap [start, end)?" by bisection:
    an article has hundreds of entities and hundreds of places, so no pairwise scan."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach: list[int] = []  # the furthest end among the spans up to each position
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect.bisect_left(self.starts, end)  # spans starting before ``end``
        return before > 0 and self.reach[before - 1] > start
