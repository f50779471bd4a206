"""Event resolution measured on real-style reporting: ``gold/clusters/`` through the whole stack.

The gold set is a folder of articles written as outlets write (``articles/*.txt`` or ``*.html``)
and ``gold.json`` saying, sentence by sentence, which real-world event each report is about
(format in ``gold/clusters/README.md``). :func:`run_clusters` lands every article on its
publication day through the pipeline's own steps (archive → ``process_batch`` → ``land_day``)
and builds the warehouse day by day with dbt, exactly as the daily run does, in a temporary
folder. Each event mention in ``marts.fct_event_mentions`` is then matched to a gold event
(its sentence contains a gold quote and its PLOVER type is one the gold event allows), and the
predicted ``event_id`` clustering is scored against the gold one:

- pairwise: of the mention pairs we put in one event, how many are one event (precision;
  wrong-merge rate = 1 - precision), and of the pairs that are one event, how many we put
  together (recall; missed-merge rate = 1 - recall);
- B-cubed (Bagga & Baldwin 1998): per mention, the share of its predicted event that is its
  gold event (precision) and of its gold event that is in its predicted event (recall).

Mentions the extractor produced from sentences the gold does not cover, or with a type the
gold event does not allow, are counted and left out: this measures clustering, not extraction.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from itertools import combinations
from pathlib import Path
from typing import Any

__all__ = [
    "ClusterResult",
    "MatchedMention",
    "PairScores",
    "bcubed",
    "load_gold",
    "pairwise",
    "render_clusters",
    "run_clusters",
]


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class PairScores:
    """Pairwise counts and rates of one clustering against the gold one."""

    true_pairs: int  # same gold event and same predicted event
    predicted_pairs: int  # same predicted event
    gold_pairs: int  # same gold event

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def wrong_merge_rate(self) -> float:
        """Of the pairs merged into one event, the share that are different events."""
        return 1.0 - self.precision

    @property
    def missed_merge_rate(self) -> float:
        """Of the pairs that are one event, the share left in different events."""
        return 1.0 - self.recall


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: Mapping[str, str], predicted: Mapping[str, str]) -> PairScores:
    """Pairwise agreement of ``predicted`` with ``gold`` (both: mention id → cluster id)."""
    items = sorted(set(gold) & set(predicted))
    true = pred = want = 0
    for a, b in combinations(items, 2):
        same_pred = predicted[a] == predicted[b]
        same_gold = gold[a] == gold[b]
        pred += same_pred
        want += same_gold
        true += same_pred and same_gold
    return PairScores(true_pairs=true, predicted_pairs=pred, gold_pairs=want)


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float]:
    """B-cubed precision and recall, averaged over the mentions both clusterings hold."""
    items = sorted(set(gold) & set(predicted))
    if not items:
        return 1.0, 1.0
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item in items:
        by_pred[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in items:
        cluster, truth = by_pred[predicted[item]], by_gold[gold[item]]
        overlap = len(cluster & truth)
        precision += overlap / len(cluster)
        recall += overlap / len(truth)
    return precision / len(items), recall / len(items)


# --------------------------------------------------------------------------- gold


def load_gold(gold_dir: Path) -> dict[str, Any]:
    """``gold.json`` checked: every article exists and every mention names a known event."""
    gold = json.loads((gold_dir / "gold.json").read_text(encoding="utf-8"))
    events = gold["events"]
    for art in gold["articles"]:
        if not (gold_dir / art["file"]).is_file():
            raise FileNotFoundError(gold_dir / art["file"])
        date.fromisoformat(art["published"])
        for mention in art["mentions"]:
            if mention["event"] not in events:
                raise ValueError(f"{art['file']}: unknown gold event {mention['event']!r}")
    return gold


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split()).lower()


# --------------------------------------------------------------------------- running the stack


def _land(settings: Any, day: date, articles: list[dict[str, Any]], gold_dir: Path) -> None:
    """The pipeline's own steps for one day: archive the pages, code the batch, land the day."""
    from sitrep import pipeline
    from sitrep.fetch import archive_page
    from sitrep.fetch.result import FetchResult

    records = []
    for art in articles:
        path = gold_dir / art["file"]
        body = path.read_bytes()
        is_html = path.suffix in {".html", ".htm"}
        fetched = datetime.combine(day, time(12, 0), tzinfo=UTC)
        result = FetchResult(
            url=art["url"],
            final_url=art["url"],
            outcome="fetched",
            reason=None,
            http_status=200,
            attempts=1,
            content_type="text/html" if is_html else "text/plain",
            body=body,
            encoding="utf-8",
            fetched_at=fetched,
        )
        # the raw zone object when the pipeline has one (object stores), else the folder
        rel = archive_page(getattr(settings, "raw_zone", settings.raw_dir), day, result)
        records.append(
            {
                "url": art["url"],
                "source_id": "gold-clusters",
                "source_kind": "archive",
                "discovered_at": fetched.isoformat(),
                "published": art["published"],
                "archive": rel,
            }
        )
    for batch in pipeline._write_batches(settings, day, records):
        pipeline.process_batch(settings, day, batch)
    pipeline.land_day(settings, day)


def _predicted_mentions(db_path: Path) -> list[dict[str, Any]]:
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        cur = con.execute(
            """
            select m.event_mention_id, m.event_id, m.event_type, m.sentence, a.url,
                   m.block_key, m.event_date, m.actor1_key, m.location_name
            from marts.fct_event_mentions as m
            inner join marts.dim_articles as a on m.article_id = a.article_id
            where not m.is_deleted
            """
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


@dataclass
class MatchedMention:
    """An extracted event mention with the gold event its sentence reports."""

    mention_id: str
    event_id: str
    gold_event: str
    event_type: str
    url: str
    block_key: str
    event_date: date | None
    actor1_key: str | None
    sentence: str


@dataclass
class ClusterResult:
    """What the clustering evaluation measured."""

    articles: int = 0
    days: int = 0
    gold_events: int = 0
    gold_mentions: int = 0
    extracted: int = 0
    matched: list[MatchedMention] = field(default_factory=list)
    unmatched_sentence: int = 0  # extracted from a sentence the gold does not cover
    unmatched_type: int = 0  # the gold sentence, but a type its event does not allow
    gold_quotes_missed: int = 0  # gold quotes no extracted mention came from
    pairs: PairScores = field(default_factory=lambda: PairScores(0, 0, 0))
    b3_precision: float = 1.0
    b3_recall: float = 1.0
    wrong_merges: list[tuple[MatchedMention, MatchedMention]] = field(default_factory=list)
    missed_merges: list[tuple[MatchedMention, MatchedMention, str]] = field(default_factory=list)
    build_failures: list[str] = field(default_factory=list)
    negatives: list[tuple[str, str, bool]] = field(default_factory=list)


def _match(
    gold: dict[str, Any], rows: list[dict[str, Any]]
) -> tuple[list[MatchedMention], Counter[str], int]:
    quotes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for art in gold["articles"]:
        quotes[art["url"]] += [(_norm(m["quote"]), m["event"]) for m in art["mentions"]]
    used: set[tuple[str, str]] = set()
    matched, skipped = [], Counter()
    for row in rows:
        sentence = _norm(row["sentence"] or "")
        hits = [(q, ev) for q, ev in quotes.get(row["url"], []) if q in sentence]
        if not hits:
            skipped["sentence"] += 1
            continue
        allowed = [(q, ev) for q, ev in hits if row["event_type"] in gold["events"][ev]["types"]]
        if not allowed:
            skipped["type"] += 1
            continue
        quote, event = allowed[0]
        used.add((row["url"], quote))
        matched.append(
            MatchedMention(
                mention_id=row["event_mention_id"],
                event_id=row["event_id"],
                gold_event=event,
                event_type=row["event_type"],
                url=row["url"],
                block_key=row["block_key"],
                event_date=row["event_date"],
                actor1_key=row["actor1_key"],
                sentence=row["sentence"],
            )
        )
    all_quotes = {(url, q) for url, qs in quotes.items() for q, _ in qs}
    return matched, skipped, len(all_quotes - used)


def _why_apart(a: MatchedMention, b: MatchedMention) -> str:
    """Which clustering step kept two reports of one event apart."""
    family_a, place_a = a.block_key.split("|", 1)
    family_b, place_b = b.block_key.split("|", 1)
    if family_a != family_b:
        return "type"
    if place_a != place_b:
        if place_a.startswith("article:") or place_b.startswith("article:"):
            return "place (one report has no place)"
        return "place"
    if a.event_date and b.event_date and abs((a.event_date - b.event_date).days) > 1:
        return "date"
    if a.actor1_key != b.actor1_key:
        return "actor1"
    return "other"


def score(gold: dict[str, Any], rows: list[dict[str, Any]], result: ClusterResult) -> None:
    """Fill ``result`` with the match, the pairwise and B-cubed scores and the error lists."""
    matched, skipped, missed_quotes = _match(gold, rows)
    result.extracted = len(rows)
    result.matched = matched
    result.unmatched_sentence = skipped["sentence"]
    result.unmatched_type = skipped["type"]
    result.gold_quotes_missed = missed_quotes
    gold_of = {m.mention_id: m.gold_event for m in matched}
    pred_of = {m.mention_id: m.event_id for m in matched}
    result.pairs = pairwise(gold_of, pred_of)
    result.b3_precision, result.b3_recall = bcubed(gold_of, pred_of)
    for a, b in combinations(sorted(matched, key=lambda m: m.mention_id), 2):
        if a.event_id == b.event_id and a.gold_event != b.gold_event:
            result.wrong_merges.append((a, b))
        elif a.event_id != b.event_id and a.gold_event == b.gold_event:
            result.missed_merges.append((a, b, _why_apart(a, b)))
    predicted_events: dict[str, set[str]] = defaultdict(set)
    for m in matched:
        predicted_events[m.gold_event].add(m.event_id)
    for name, event in sorted(gold["events"].items()):
        other = event.get("hard_negative_of")
        if other and predicted_events[name] and predicted_events[other]:
            kept_apart = not (predicted_events[name] & predicted_events[other])
            result.negatives.append((name, other, kept_apart))


def run_clusters(gold_dir: Path, work_dir: Path | None = None) -> ClusterResult:
    """Land the gold articles day by day, build the warehouse after each day, and score it."""
    from sitrep.config import load_settings
    from sitrep.warehouse import build

    gold = load_gold(gold_dir)
    result = ClusterResult(
        articles=len(gold["articles"]),
        gold_events=len(gold["events"]),
        gold_mentions=sum(len(a["mentions"]) for a in gold["articles"]),
    )
    by_day: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for art in gold["articles"]:
        by_day[date.fromisoformat(art.get("landed") or art["published"])].append(art)
    result.days = len(by_day)
    with tempfile.TemporaryDirectory(prefix="sitrep-clusters-", dir=work_dir) as tmp:
        root = Path(tmp)
        settings = replace(
            load_settings(),
            raw_url=str(root / "raw"),
            state_dir=root / "state",
            build_dir=root / "builds",
            warehouse=root / "warehouse.duckdb",
        )
        for day in sorted(by_day):
            _land(settings, day, by_day[day], gold_dir)
            built = build(
                settings.warehouse,
                run_date=day,
                raw_url=settings.raw_url,
                project_dir=settings.dbt_project_dir,
                run_root=settings.build_dir,
            )
            result.build_failures += built.failures
        score(gold, _predicted_mentions(settings.warehouse), result)
    return result


# --------------------------------------------------------------------------- report


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def _short(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_clusters(result: ClusterResult, limit: int = 12) -> str:
    """The evaluation as a Markdown section of ``eval/report.md``."""
    p = result.pairs
    p_f1 = _f1(p.precision, p.recall)
    b_f1 = _f1(result.b3_precision, result.b3_recall)
    out = [
        "## Event resolution (gold/clusters)",
        "",
        f"- {result.articles} articles landed over {result.days} days through the pipeline "
        "(archive → process_batch → land_day) and dbt built after each day, in a temp folder",
        f"- gold: {result.gold_events} events, {result.gold_mentions} reporting sentences; "
        f"extracted event mentions: {result.extracted}, matched to gold: {len(result.matched)} "
        f"(left out: {result.unmatched_sentence} from sentences the gold does not cover, "
        f"{result.unmatched_type} of a type the gold event does not allow; "
        f"{result.gold_quotes_missed} gold sentences yielded no matching mention)",
        "",
        "| measure | precision | recall | F1 |",
        "|---|---|---|---|",
        f"| pairwise ({p.true_pairs} right of {p.predicted_pairs} merged pairs, "
        f"{p.gold_pairs} gold pairs) | {_fmt(p.precision)} | {_fmt(p.recall)} | {_fmt(p_f1)} |",
        f"| B-cubed | {_fmt(result.b3_precision)} | {_fmt(result.b3_recall)} | {_fmt(b_f1)} |",
        "",
        f"- wrong-merge rate (pairwise 1 - precision): **{_fmt(p.wrong_merge_rate)}**",
        f"- missed-merge rate (pairwise 1 - recall): **{_fmt(p.missed_merge_rate)}**",
    ]
    if result.negatives:
        kept = sum(ok for _, _, ok in result.negatives)
        out.append(f"- hard negatives kept apart: **{kept}/{len(result.negatives)}**")
        out += [f"  - {'ok' if ok else 'MERGED'}: {a} vs {b}" for a, b, ok in result.negatives]
    if result.missed_merges:
        reasons = Counter(why for _, _, why in result.missed_merges)
        out.append(
            "- missed merges by the step that kept them apart: "
            + ", ".join(f"{why} {n}" for why, n in reasons.most_common())
        )
    if result.build_failures:
        out.append(f"- dbt build failures: {len(result.build_failures)}")
        out += [f"  - {_short(f, 160)}" for f in result.build_failures[:5]]
    if result.wrong_merges:
        out += ["", "Wrong merges (first few):", ""]
        out += [
            f"- {a.gold_event} / {b.gold_event}: “{_short(a.sentence)}” + “{_short(b.sentence)}”"
            for a, b in result.wrong_merges[:limit]
        ]
    if result.missed_merges:
        out += ["", "Missed merges (first few):", ""]
        out += [
            f"- {a.gold_event} ({why}): `{a.block_key}` {a.event_date} {a.actor1_key} vs "
            f"`{b.block_key}` {b.event_date} {b.actor1_key}"
            for a, b, why in result.missed_merges[:limit]
        ]
    out.append("")
    return "\n".join(out)


def summary(result: ClusterResult) -> dict[str, float]:
    """The headline numbers (for tests and the benchmark table)."""
    return {
        "pairwise_precision": result.pairs.precision,
        "pairwise_recall": result.pairs.recall,
        "b3_precision": result.b3_precision,
        "b3_recall": result.b3_recall,
    }
