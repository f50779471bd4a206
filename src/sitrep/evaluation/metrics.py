"""Precision, recall and F1 counters per field, and the distance test for locations."""

from __future__ import annotations

from dataclasses import dataclass

LOCATION_TOLERANCE_KM = 25.0


@dataclass
class FieldScore:
    """True positives, false positives and false negatives for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None if p is None or r is None else 0.0
        return 2 * p * r / (p + r)

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def fmt(value: float | None) -> str:
    """A score for the report: three decimals, or n/a when undefined."""
    return "n/a" if value is None else f"{value:.3f}"
