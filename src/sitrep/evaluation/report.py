"""Run the gold sets through the real extractor and render the Markdown report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sitrep.evaluation.metrics import FieldScore, fmt
from sitrep.evaluation.plover_gsr import PloverResult, clean_text, load_records
from sitrep.evaluation.plover_gsr import score as score_plover
from sitrep.evaluation.seed_format import (
    FIELDS,
    PageResult,
    clean_page,
    find_input,
    load_gold,
    score_page,
)

if TYPE_CHECKING:
    from sitrep.evaluation.clusters import ClusterResult


@dataclass
class EvalResults:
    """All gold sets' results."""

    pages: list[PageResult] = field(default_factory=list)
    plover: PloverResult | None = None
    clusters: ClusterResult | None = None
    missing: list[str] = field(default_factory=list)

    @property
    def musts_ok(self) -> bool:
        """Every required event of the reference page right and nothing forbidden."""
        seed = next((p for p in self.pages if p.name == "seed.json"), None)
        if seed is None:
            return False
        return all(ok for _, ok, _ in seed.required) and not seed.forbidden


def run_all(shared: Path, pages_dir: Path, home: Path) -> EvalResults:
    """Extract every gold article once (one loaded Extractor) and score it."""
    from sitrep.nlp import Extractor

    extractor = Extractor.load()
    results = EvalResults()
    gold_files = []
    seed = shared / "gold" / "seed.json"
    if seed.exists():
        gold_files.append(seed)
    else:
        results.missing.append(str(seed))
    if pages_dir.exists():
        gold_files += sorted(pages_dir.glob("*.json"))
    for gold_path in gold_files:
        gold = load_gold(gold_path)
        page = find_input(gold, gold_path, [shared, home, home / "sample"])
        if page is None:
            results.missing.append(f"{gold_path}: input {gold.get('input')!r} not found")
            continue
        published = gold.get("published")
        cleaned = clean_page(page, published)
        _, events = extractor.extract(cleaned.text, published)
        name = gold_path.name
        results.pages.append(score_page(gold, name, cleaned, events, extractor.dictionary))
    plover = shared / "gold" / "plover_gsr.json"
    if plover.exists():
        records = load_records(plover)
        items = [(clean_text(r), r.get("date")) for r in records]
        predictions = [events for _, events in extractor.extract_many(items)]
        results.plover = score_plover(records, predictions)
    else:
        results.missing.append(str(plover))
    return results


def _row(name: str, s: FieldScore) -> str:
    return (
        f"| {name} | {s.tp} | {s.fp} | {s.fn} | {fmt(s.precision)} | {fmt(s.recall)} | "
        f"{fmt(s.f1)} |"
    )


HEADER = "| field | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|"


def render_report(results: EvalResults, seconds: float) -> str:
    """The report as Markdown (printed and committed as ``eval/report.md``)."""
    out = [
        "# Sitrep extraction evaluation",
        "",
        "Produced by `make eval` (`sitrep.evaluation.main`). Location is correct within 25 km. "
        "Counts are event-level; see docs/extraction.md for how matching works.",
        "",
    ]
    for page in results.pages:
        out += [
            f"## {page.name}",
            "",
            f"- cleaning: {page.cleaning}",
            f"- events extracted: {page.n_events}",
        ]
        req_ok = sum(ok for _, ok, _ in page.required)
        out.append(f"- required events right: **{req_ok}/{len(page.required)}**")
        for what, ok, failures in page.required:
            mark = "PASS" if ok else "FAIL (" + ", ".join(failures) + ")"
            out.append(f"  - {mark}: {what}")
        out.append(f"- forbidden events: **{len(page.forbidden)}**")
        out += [f"  - {f}" for f in page.forbidden]
        for what, verdict in page.flagged:
            out.append(f"- allowed-if-flagged event emitted: {what} → {verdict}")
        bad_text = [c for c, ok in page.text_checks if not ok]
        out.append(
            f"- text checks passed: {len(page.text_checks) - len(bad_text)}/{len(page.text_checks)}"
        )
        out += [f"  - FAIL {c}" for c in bad_text]
        out += ["", HEADER]
        out += [
            _row(f, page.scores[f])
            for f in FIELDS
            if page.scores[f].tp + page.scores[f].fp + page.scores[f].fn
        ]
        out.append("")
    if len(results.pages) > 1:
        total = {f: FieldScore() for f in FIELDS}
        for page in results.pages:
            for f in FIELDS:
                total[f].add(page.scores[f])
        out += [f"## All gold pages ({len(results.pages)})", "", HEADER]
        out += [_row(f, total[f]) for f in FIELDS if total[f].tp + total[f].fp + total[f].fn]
        out.append("")
    p = results.plover
    if p is not None:
        out += [
            "## plover_gsr.json (PLOVER gold-standard sentences, CC BY-SA 4.0)",
            "",
            f"- sentences: {p.n}; first event's type = gold: {p.top1_correct}/{p.n} "
            f"({p.top1_correct / max(p.n, 1):.3f})",
            "",
            HEADER,
            _row("event_type", p.event_type),
            _row("actor1 (where gold has a source)", p.actor1),
            _row("actor2 (where gold has a target)", p.actor2),
            "",
            "Per gold type (recall):",
            "",
            "| type | right | missed | recall |",
            "|---|---|---|---|",
        ]
        for t, s in sorted(p.per_type.items()):
            out.append(f"| {t} | {s.tp} | {s.fn} | {fmt(s.recall)} |")
        out += ["", "Most common misses (gold → predicted):", ""]
        out += [f"- {g} → {pred}: {n}" for (g, pred), n in p.confusions.most_common(8)]
        out.append("")
    if results.clusters is not None:
        from sitrep.evaluation.clusters import render_clusters

        out.append(render_clusters(results.clusters))
    if results.missing:
        out += ["## Not evaluated", ""] + [f"- {m}" for m in results.missing] + [""]
    out.append(f"_Run time: {seconds:.1f} s._")
    return "\n".join(out) + "\n"
