"""The toponym corpora (LGL, GeoVirus, GeoWebNews) parsed once, geoparsed in-process, scored.

The corpora are read by the scorer in the shared development sets folder
(``score.py``'s ``read_toponyms``), so what is scored here is what ``score.py`` scores;
their text never enters the repository. spaCy's parse of each corpus is cached under
``data/cache/devsets/`` (a DocBin), so re-scoring or training the ranker takes seconds:

    .venv/bin/python -m sitrep.geo.devsets ../shared/devsets lgl gwn geovirus
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from sitrep.distance import haversine_km

CORPORA = ("lgl", "geovirus", "gwn")


@dataclass
class Gold:
    """One annotated toponym: its offsets in the article's body and the true point."""

    start: int
    end: int
    phrase: str
    latitude: float
    longitude: float
    geonames_id: str | None


@dataclass
class Article:
    """An article's body as ``sitrep extract`` sees it, its parsed chunks and its gold."""

    body: str
    gold: list[Gold]
    chunks: list[tuple[Any, int, list[tuple[int, int]]]] = field(default_factory=list)
    # (spaCy doc, offset in body, actor spans excluded from places)


def _scorer(devsets: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("sitrep_devsets_score", devsets / "score.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(devsets / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _locate(body: str, src: str, start: int, end: int) -> int:
    """Where gold's occurrence of its phrase is in the cleaned body (``score.py``'s rule)."""
    phrase, pos, at = src[start:end], -1, 0
    for _ in range(src.count(phrase, 0, start) + 1):
        pos = body.find(phrase, at)
        if pos < 0:
            break
        at = pos + 1
    return pos


def load(devsets: Path, name: str, cache_dir: Path, limit: int = 0) -> list[Article]:
    """The corpus's articles with their spaCy parse (cached) and gold toponyms."""
    from spacy.tokens import DocBin

    from sitrep.extract import ArticleInput, parse
    from sitrep.nlp import Extractor, _chunks, _clean

    raw = _scorer(devsets).read_toponyms(name)
    raw = raw[:limit] if limit else raw
    extractor = Extractor.load()
    articles: list[Article] = []
    for _, text, published, url, gs in raw:
        _, doc = parse(ArticleInput(content=text, published=published, url=url))
        body = _clean(doc.text or "") if doc.status == "coded" else ""
        gold = []
        for s, e, lat, lon, gid in gs:
            pos = _locate(body, text, s, e)
            if pos >= 0:
                gold.append(Gold(pos, pos + e - s, text[s:e], lat, lon, gid))
            else:
                gold.append(Gold(-1, -1, text[s:e], lat, lon, gid))
        articles.append(Article(body, gold))
    digest = hashlib.sha1("\x00".join(a.body for a in articles).encode()).hexdigest()[:10]
    path = cache_dir / "devsets" / f"{name}-{len(articles)}-{digest}.spacy"
    plans = [[(c.text, c.offset) for c in _chunks(a.body)] if a.body else [] for a in articles]
    flat = [(t, (n, off)) for n, plan in enumerate(plans) for t, off in plan]
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(extractor.nlp.vocab))
    else:
        docs = [doc for doc, _ in extractor._pipe(flat, 32)]
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(path)
    for doc, (_, (n, off)) in zip(docs, flat, strict=True):
        matches = extractor.matcher.find(doc)
        sure = [(s, e) for s, e, _, contextual in matches if not contextual]
        exclude = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in sure]
        articles[n].chunks.append((doc, off, exclude))
    return articles


def correct(gold: Gold, latitude: float | None, longitude: float | None, gid: Any) -> bool:
    """``score.py``'s rule: the same GeoNames id, or within 161 km."""
    if gold.geonames_id is not None and str(gid) == str(gold.geonames_id):
        return True
    if latitude is None or longitude is None:
        return False
    return haversine_km((latitude, longitude), (gold.latitude, gold.longitude)) <= 161


def places(article: Article, geoparse: Callable[..., list[Any]]) -> Iterator[Any]:
    """The article's place mentions as the NLP stage keeps them (offsets in the body)."""
    from sitrep.nlp import _same_name_places
    from sitrep.nlp.places import Place, as_place

    for doc, off, exclude in article.chunks:
        text, ents = doc.text, doc.ents
        found = [as_place(p) for p in geoparse(doc, exclude=exclude, text=text, ents=ents)]
        for p in _same_name_places(ents, found, exclude):
            yield Place(p.start + off, p.end + off, p.text, p.location, p.reason)


def score(articles: list[Article], geoparse: Callable[..., list[Any]]) -> dict[str, Any]:
    """Recall, id-exact and acc@161 km over all gold, counted as ``score.py`` counts them."""
    n = found = ok = same = 0
    rows = []
    for index, article in enumerate(articles):
        ms = list(places(article, geoparse))
        for g in article.gold:
            n += 1
            hit = [m for m in ms if g.start >= 0 and m.start < g.end and m.end > g.start]
            good, got = False, None
            if hit:
                found += 1
                loc = hit[0].location
                lat, lon, gid = (
                    (loc.latitude, loc.longitude, loc.geonames_id) if loc else (None, None, None)
                )
                same += g.geonames_id is not None and str(gid) == str(g.geonames_id)
                good = correct(g, lat, lon, gid)
                ok += good
                got = (
                    [loc.name, loc.country_code, loc.feature_code, loc.admin1, lat, lon]
                    if loc
                    else hit[0].reason
                )
            context = article.body[max(0, g.start - 70) : g.end + 40].replace("\n", " ")
            rows.append(
                {
                    "article": index,
                    "phrase": g.phrase,
                    "found": bool(hit),
                    "ok": good,
                    "got": got,
                    "gold": [g.latitude, g.longitude, g.geonames_id],
                    "context": context,
                }
            )
    return {"n": n, "found": found, "ok": ok, "same_id": same, "rows": rows}


def summary(name: str, result: dict[str, Any]) -> str:
    """One line per corpus, in ``score.py``'s terms."""
    n = result["n"] or 1
    return (
        f"{name}: acc@161 all gold {100 * result['ok'] / n:.1f}% "
        f"recall {100 * result['found'] / n:.1f}% id-exact {100 * result['same_id'] / n:.1f}% "
        f"right-when-found {100 * result['ok'] / max(1, result['found']):.1f}% (n={result['n']})"
    )


def main(argv: list[str] | None = None) -> int:
    """Score the in-process geoparser on the named corpora."""
    from sitrep.config import load_settings
    from sitrep.geo import Geoparser

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("devsets", type=Path)
    ap.add_argument("corpora", nargs="*", default=list(CORPORA))
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--dump", type=Path)
    args = ap.parse_args(argv)
    cache = load_settings().home / "data" / "cache"
    geo = Geoparser.load()
    dump = []
    for name in args.corpora:
        result = score(load(args.devsets, name, cache, args.limit), geo.geoparse)
        print(summary(name, result), flush=True)
        dump += [{"corpus": name, **r} for r in result["rows"]]
    if args.dump:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in dump))
    return 0


if __name__ == "__main__":
    sys.exit(main())
