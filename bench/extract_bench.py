"""Extraction speed: ``Extractor.extract_many`` against the bare spaCy pipeline on the same texts.

Texts are real article bodies: the expected article content of the readability fixtures
(``../shared/fixtures/readability/*/expected.html.gz``) plus the reference page. The target is
a ratio of at most 1.5 (extraction costs no more than 1.5x the bare model run).

    .venv/bin/python bench/extract_bench.py [--repeat 2] [--write bench/results/extract.md]
"""

from __future__ import annotations

import argparse
import gzip
import platform
import sys
import time
from pathlib import Path

import lxml.html

SHARED = Path(__file__).resolve().parents[2] / "shared"
BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td")


def corpus() -> list[str]:
    """One plain text per fixture (paragraphs joined by blank lines), English or not."""
    texts = []
    for path in sorted((SHARED / "fixtures" / "readability").glob("*/expected.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        if not html.strip():
            continue
        tree = lxml.html.fromstring(html)
        paragraphs = [" ".join(el.text_content().split()) for el in tree.iter(*BLOCKS)]
        text = "\n\n".join(p for p in paragraphs if p)
        if text:
            texts.append(text)
    seed = SHARED / "seed" / "southfront-deir-ezzor-reinforcements.txt"
    if seed.exists():
        texts.append(seed.read_text(encoding="utf-8"))
    return texts


def _time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="runs each; the best is kept")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--write", type=Path, help="also write the Markdown result here")
    args = parser.parse_args(argv)

    from sitrep.nlp import Extractor

    texts = corpus()
    words = sum(len(t.split()) for t in texts)
    extractor = Extractor.load()
    nlp = extractor.nlp
    list(nlp.pipe(texts[:4]))  # warm caches for both runs
    list(extractor.extract_many((t, "2024-01-01") for t in texts[:4]))

    geo_seconds = [0.0]
    real_geoparse = extractor.geoparser.geoparse

    def timed_geoparse(doc, **kwargs):  # bench-only: split the geoparser's share out
        started = time.perf_counter()
        try:
            return real_geoparse(doc, **kwargs)
        finally:
            geo_seconds[0] += time.perf_counter() - started

    extractor.geoparser.geoparse = timed_geoparse
    # Interleave the two runs slice by slice so that load from other processes on a shared
    # machine falls on both alike; best of the repeats per slice.
    bare = full = 0.0
    outputs: list = []
    step = max(1, len(texts) // 10)
    for i in range(0, len(texts), step):
        part = texts[i : i + step]
        bare += _time(lambda p=part: list(nlp.pipe(p, batch_size=args.batch_size)), args.repeat)
        found: list = []

        def run_full(p=part, found=found) -> None:
            found[:] = list(extractor.extract_many(((t, "2024-01-01") for t in p), args.batch_size))

        full += _time(run_full, args.repeat)
        outputs += found
    geo = geo_seconds[0] / max(args.repeat, 1)
    events = sum(len(ev) for _, ev in outputs)
    ratio = full / bare
    own = (full - geo) / bare
    lines = [
        "# Extraction benchmark",
        "",
        f"Command: `.venv/bin/python bench/extract_bench.py --repeat {args.repeat}`  ",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, one process; "
        "bare and full runs interleaved in ten slices (shared machine), best of the repeats.",
        "",
        f"Corpus: {len(texts)} real article texts (readability fixtures' expected content and "
        f"the reference page), {words:,} words; {events} events extracted.",
        "",
        "| run | seconds | articles/s | words/s |",
        "|---|---|---|---|",
        f"| bare spaCy `nlp.pipe` ({extractor.nlp.meta.get('name', 'model')}) | {bare:.2f} | "
        f"{len(texts) / bare:.1f} | {words / bare:,.0f} |",
        f"| `Extractor.extract_many` (spaCy + dictionary + geoparser + rules) | {full:.2f} | "
        f"{len(texts) / full:.1f} | {words / full:,.0f} |",
        "",
        f"**Ratio extract/bare: {ratio:.2f}** (target ≤ 1.5).",
        "",
        f"Of the extraction time, the geoparser (`sitrep.geo`, another stage) took {geo:.2f} s "
        f"(summed over all runs); without it the ratio would be {own:.2f}.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
