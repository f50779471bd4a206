"""Turn the hand annotations (annotations.yaml) into toponyms.jsonl with offsets and GeoNames data.

The annotator chose every place; this script only finds each surface form's offsets in
the passage and copies the chosen record's GeoNames id, coordinates and country from the
gazetteer. Run after editing annotations.yaml:  .venv/bin/python gold/geo/materialise.py
"""

from __future__ import annotations

import gzip
import html
import json
import re
import sys
from pathlib import Path

import yaml

from sitrep.geo import Geoparser
from sitrep.geo.normalize import fold

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"


def paragraphs(page: str) -> list[str]:
    """The <p> texts of a readability fixture's expected article."""
    with gzip.open(SHARED / "fixtures" / "readability" / page / "expected.html.gz") as handle:
        raw = handle.read()
    found = re.findall(r"<p[^>]*>(.*?)</p>", raw.decode("utf-8"), flags=re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", p)).strip() for p in found]


def choose(geo: Geoparser, spec: str) -> dict | None:
    """The record the annotator named: ISO3, ppl:/adm1:/adm2:/rgn:<name>|<ISO3>, or none:<why>."""
    gaz = geo.gaz
    if spec.startswith("none:"):
        return None
    if ":" not in spec:
        place = gaz.country(spec)
    else:
        kind, _, rest = spec.partition(":")
        name, _, country = rest.partition("|")
        want = {"ppl": ("PPL",), "adm1": ("ADM1",), "adm2": ("ADM2",), "rgn": ("RGN", "SEA")}[kind]
        options = [gaz.place(m.index) for m in gaz.lookup(name, fuzzy=False)]
        options = [
            p
            for p in options
            if p.feature_code in want and (not country or p.country_code == country)
        ]
        exact = [p for p in options if fold(p.name) == fold(name)] or options
        place = max(exact, key=lambda p: p.population, default=None)
    if place is None:
        raise SystemExit(f"annotations.yaml: no gazetteer record for {spec!r}")
    return {
        "geonames_id": place.geonames_id,
        "name": place.name,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "country_code": place.country_code,
        "feature_code": place.feature_code,
    }


def spans(text: str, places: list[list[str]], geo: Geoparser, where: str) -> list[dict]:
    """Offsets of each annotated surface form, searched in order through the text."""
    out, pos = [], 0
    for surface, spec in places:
        found = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)").search(text, pos)
        start = found.start() if found else -1
        if start < 0:
            raise SystemExit(f"{where}: {surface!r} not found after offset {pos}")
        end = start + len(surface)
        record = {"start": start, "end": end, "text": surface, "note": None}
        chosen = choose(geo, spec)
        if chosen is None:
            record.update(resolvable=False, note=spec.removeprefix("none:"))
        else:
            record.update(resolvable=True, **chosen)
        out.append(record)
        pos = end
    return out


def main() -> int:
    spec = yaml.safe_load((HERE / "annotations.yaml").read_text())
    geo = Geoparser.load()
    records = []
    plover = {}
    for r in json.loads((SHARED / "gold" / "plover_gsr.json").read_text()):
        plover.setdefault(r["id"], r)  # a few ids repeat: the first record is the one annotated
    splits = (("dev", "plover"), ("heldout", "plover_heldout"), ("final", "plover_final"))
    for split, key in splits:
        for short, places in spec[key].items():
            rid = f"PLOVER-GSR01-{short}"
            text = plover[rid]["text"]
            records.append(
                {"id": rid, "split": split, "source": "plover_gsr.json (CC BY-SA 4.0)",
                 "text": text, "toponyms": spans(text, places, geo, rid)}
            )  # fmt: skip
    ref = spec["reference"]
    full = (SHARED / ref["file"]).read_text()
    start = full.index(ref["from"])
    text = full[start : full.index(ref["to"], start)].strip()
    records.append(
        {"id": "southfront-deir-ezzor", "split": "dev", "source": ref["file"], "text": text,
         "toponyms": spans(text, ref["places"], geo, "reference")}
    )  # fmt: skip
    for page, item in spec["readability"].items():
        paras = paragraphs(page)
        chosen = [next(p for p in paras if p.startswith(head)) for head in item["paragraphs"]]
        text = "\n\n".join(chosen)
        records.append(
            {"id": f"readability-{page}", "split": "dev",
             "source": f"fixtures/readability/{page} (Apache-2.0)", "text": text,
             "toponyms": spans(text, item["places"], geo, page)}
        )  # fmt: skip
    out = HERE / "toponyms.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    count = sum(len(r["toponyms"]) for r in records)
    print(f"{out}: {len(records)} passages, {count} toponyms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
