"""The quality gate: Great Expectations suites that decide whether a build may be published."""

from sitrep.quality.gate import GateResult, QualityGateFailed, run_gate

__all__ = ["GateResult", "QualityGateFailed", "run_gate"]
