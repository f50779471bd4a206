"""``sitrep``: the command line.

sitrep extract FILE [--published YYYY-MM-DD] [--url URL]   one article → one JSON document
sitrep extract --jsonl IN                                    JSON lines in → JSON lines out
sitrep demo [--date D]          the daily DAG through Airflow on the bundled sample corpus
sitrep run --date D             the daily run in this process, without Airflow
sitrep reprocess --date D       re-extract a day's archived pages without fetching
sitrep sources check [FILE]     validate a sources file
sitrep serve-sample             serve the sample corpus on loopback
sitrep eval                     precision/recall of extraction against the gold data
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sitrep.config import load_settings


def _read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    return Path(path).read_bytes()


def _content_type(path: str, data: bytes) -> str | None:
    head = data[:2048].lstrip().lower()
    if path.endswith((".html", ".htm")) or head.startswith((b"<!doctype", b"<html")):
        return "text/html"
    if path.endswith(".txt") or b"<" not in head:
        return "text/plain"
    return None


def cmd_extract(args: argparse.Namespace) -> int:
    from sitrep.extract import ArticleInput, extract_document, extract_documents

    if args.jsonl:
        return _extract_jsonl(args.jsonl, sys.stdout, extract_documents, ArticleInput)
    if not args.file:
        print("sitrep extract: give a FILE (or - for stdin) or --jsonl IN", file=sys.stderr)
        return 2
    data = _read_input(args.file)
    item = ArticleInput(
        content=data,
        url=args.url,
        published=args.published,
        content_type=_content_type(args.file, data),
    )
    doc = extract_document(item)
    json.dump(doc.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _extract_jsonl(path: str, out: TextIO, extract_documents: Any, article_input: Any) -> int:
    errors = 0

    def items() -> Iterator[Any]:
        nonlocal errors
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8", errors="replace")  # noqa: SIM115
        with stream:
            for lineno, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    errors += 1
                    print(f"{path}:{lineno}: not JSON ({exc}); skipped", file=sys.stderr)
                    continue
                html, text = rec.get("html"), rec.get("text")
                yield article_input(
                    content=html if html is not None else (text or ""),
                    id=None if rec.get("id") is None else str(rec.get("id")),
                    url=rec.get("url"),
                    published=rec.get("published"),
                    content_type="text/html" if html is not None else "text/plain",
                )

    for _, doc in extract_documents(items()):
        out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    return 1 if errors else 0


def cmd_run(args: argparse.Namespace) -> int:
    from sitrep import pipeline

    summary = pipeline.run_day(load_settings(), args.date, backfill=args.backfill)
    print(json.dumps(summary, indent=2, default=str))
    return 0


def cmd_reprocess(args: argparse.Namespace) -> int:
    from sitrep import pipeline

    summary = pipeline.run_day(load_settings(), args.date, reprocess=True)
    print(json.dumps(summary, indent=2, default=str))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from sitrep.demo import run_demo

    return run_demo(args.date)


def cmd_serve_sample(args: argparse.Namespace) -> int:
    import time

    from sitrep.sample_server import serve_sample

    with serve_sample(load_settings().home / "sample", args.port) as base:
        print(f"serving the sample corpus at {base}/feed.xml (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


def cmd_sources_check(args: argparse.Namespace) -> int:
    from sitrep.sources import SourcesFileError, load_sources

    path = Path(args.file) if args.file else load_settings().sources_file
    try:
        sources = load_sources(path)
    except SourcesFileError as exc:
        print(f"{path}: invalid\n{exc}", file=sys.stderr)
        return 1
    print(f"{path}: {len(sources)} sources OK")
    for s in sources:
        print(f"  {s.id:30} {s.kind:8} {s.url or s.path}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from sitrep.evaluation import main as eval_main

    return eval_main(args.rest)


def _date(value: str) -> date:
    return date.fromisoformat(value)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitrep", description=__doc__.split("\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract events, actors and places from one article")
    p.add_argument("file", nargs="?", help="HTML or plain-text file, - for stdin")
    p.add_argument("--published", help="publication date YYYY-MM-DD (anchors relative dates)")
    p.add_argument("--url", help="the article's URL")
    p.add_argument(
        "--jsonl", metavar="IN", help='JSON lines {"id","text"|"html","published","url"}'
    )
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("demo", help="run the daily DAG through Airflow on the sample corpus")
    p.add_argument("--date", type=_date, default=date(2020, 6, 5))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("run", help="run one day's pipeline in this process (no Airflow)")
    p.add_argument("--date", type=_date, required=True)
    p.add_argument("--backfill", action="store_true", help="ignore discovery state")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("reprocess", help="re-extract a day's archived pages, no fetching")
    p.add_argument("--date", type=_date, required=True)
    p.set_defaults(func=cmd_reprocess)

    p = sub.add_parser("sources", help="work with the sources file")
    p_sub = p.add_subparsers(dest="sources_command", required=True)
    pc = p_sub.add_parser("check", help="validate a sources file")
    pc.add_argument("file", nargs="?")
    pc.set_defaults(func=cmd_sources_check)

    p = sub.add_parser("serve-sample", help="serve the sample corpus on 127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0 for any free port")
    p.set_defaults(func=cmd_serve_sample)

    p = sub.add_parser("eval", help="precision/recall against the gold data")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO
        if args.verbose or args.command in {"run", "reprocess"}
        else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
