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
import itertools
import json
import logging
import re
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from sitrep.config import Settings, load_settings
from sitrep.fetch.fetcher import MAX_PAGE_BYTES, binary_reason

PROGRESS_EVERY_S = 10.0  # a line on stderr this often while a long JSON-lines input is coded


class InputError(Exception):
    """Input ``sitrep extract`` cannot code; the message says why, in one line (``doc_id``: the
    document's id when the input gave one)."""

    def __init__(self, message: str, doc_id: str | None = None) -> None:
        super().__init__(message)
        self.doc_id = doc_id


def _read_input(path: str, limit: int) -> bytes:
    """A document's bytes (``-``: stdin), refused when missing, too large or not text."""
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
    else:
        source = Path(path)
        if source.is_dir():
            raise InputError(f"{path}: is a folder, not a document")
        try:
            with source.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(f"{path}: too large: more than {limit} bytes (one article at a time)")
    problem = binary_reason(data[:2048])
    if problem:
        raise InputError(f"{path}: not a text document: {problem}")
    return data


def iso_date(value: str) -> str:
    """A real calendar date written ``YYYY-MM-DD``, returned as such; ``ValueError`` else."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise ValueError(f"not an ISO date YYYY-MM-DD: {value!r}")
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise ValueError(f"not a calendar date: {value!r} ({exc})") from exc


def _published_arg(value: str) -> str:
    try:
        return iso_date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number <= 0:
        raise argparse.ArgumentTypeError(f"a positive whole number of bytes (got {value!r})")
    return number


def _content_type(path: str, data: bytes) -> str | None:
    head = data[:2048].lstrip().lower()
    if path.endswith((".html", ".htm")) or head.startswith((b"<!doctype", b"<html")):
        return "text/html"
    if path.endswith(".txt") or b"<" not in head:
        return "text/plain"
    return None


def cmd_extract(args: argparse.Namespace) -> int:
    from sitrep.extract import ArticleInput, extract_document

    if args.jsonl and args.file:
        print("sitrep extract: give a FILE or --jsonl IN, not both", file=sys.stderr)
        return 2
    if args.jsonl:
        return _extract_jsonl(args.jsonl, sys.stdout, args.max_bytes)
    if not args.file:
        print("sitrep extract: give a FILE (or - for stdin) or --jsonl IN", file=sys.stderr)
        return 2
    try:
        data = _read_input(args.file, args.max_bytes)
    except InputError as exc:
        print(f"sitrep extract: {exc}", file=sys.stderr)
        return 1
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


def _jsonl_item(line: bytes, limit: int) -> Any:
    """One JSONL line as an ``ArticleInput``; ``InputError`` says what is wrong with it."""
    from sitrep.extract import ArticleInput

    if len(line) > limit:
        raise InputError(f"too large: more than {limit} bytes (one article at a time)")
    try:
        rec = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON ({exc})") from exc
    if not isinstance(rec, dict):
        raise InputError(f"a JSON object is expected, got {type(rec).__name__}")
    doc_id = rec.get("id")
    if doc_id is not None and (isinstance(doc_id, bool) or not isinstance(doc_id, str | int)):
        raise InputError(f"id must be a string or a number, got {type(doc_id).__name__}")
    doc_id = None if doc_id is None else str(doc_id)
    html, text = rec.get("html"), rec.get("text")
    for name, value in (("html", html), ("text", text), ("url", rec.get("url"))):
        if value is not None and not isinstance(value, str):
            raise InputError(f"{name} must be a string, got {type(value).__name__}", doc_id)
    if html is not None and text is not None:
        raise InputError("give html or text, not both", doc_id)
    content = html if html is not None else (text or "")
    problem = binary_reason(content[:2048].encode("utf-8", "replace"))
    if problem:
        raise InputError(f"not a text document: {problem}", doc_id)
    published = rec.get("published")
    if published is not None:
        try:
            published = iso_date(published)
        except ValueError as exc:
            raise InputError(f"published: {exc}", doc_id) from exc
    return ArticleInput(
        content=content,
        id=doc_id,
        url=rec.get("url"),
        published=published,
        content_type="text/html" if html is not None else "text/plain",
    )


def _lines(path: str, limit: int) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes)`` of a JSON-lines input; a line longer than ``limit`` comes back
    cut at ``limit + 1`` bytes (the rest is skipped, never held)."""
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    with stream:
        for lineno in itertools.count(1):
            line = stream.readline(limit + 1)
            if not line:
                return
            if len(line) > limit and not line.endswith(b"\n"):
                while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                    pass
            if line.strip():
                yield lineno, line


def _extract_jsonl(path: str, out: TextIO, limit: int) -> int:
    """Code every good line, in order; a bad line becomes a ``rejected`` record with its line
    number (and a line on stderr) and the others go on. Exit 1 when any line was rejected."""
    from collections import deque

    from sitrep.contract import Document
    from sitrep.extract import extract_documents

    if path != "-":
        source = Path(path)
        problem = (
            "no such file"
            if not source.exists()
            else "is a folder, not a JSON-lines file"
            if source.is_dir()
            else None
        )
        if problem is None:
            try:
                with source.open("rb") as handle:
                    problem = binary_reason(handle.read(2048))
            except OSError as exc:
                problem = f"cannot read: {exc.strerror or exc}"
        if problem:
            print(f"sitrep extract: {path}: {problem}", file=sys.stderr)
            return 1
    order: deque[dict[str, Any] | None] = deque()  # input order: a rejected record, or a doc
    counts = {"coded": 0, "rejected": 0}
    started = last_report = time.monotonic()

    def rejected(lineno: int, reason: str, doc_id: str | None) -> dict[str, Any]:
        counts["rejected"] += 1
        print(f"sitrep extract: {path}:{lineno}: {reason}; skipped", file=sys.stderr)
        doc = Document(title=None, published=None, language=None, text="", id=doc_id)
        doc.status, doc.status_reason = "rejected", f"line {lineno}: {reason}"
        return {**doc.to_dict(), "line": lineno}

    def items() -> Iterator[Any]:
        for lineno, line in _lines(path, limit):
            try:
                item = _jsonl_item(line, limit)
            except InputError as exc:
                order.append(rejected(lineno, str(exc), exc.doc_id))
                continue
            order.append(None)
            yield item

    def write(record: dict[str, Any]) -> None:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

    for _, doc in extract_documents(items()):
        while order and order[0] is not None:
            write(order.popleft())  # type: ignore[arg-type]
        order.popleft()
        write(doc.to_dict())
        counts["coded"] += 1
        if time.monotonic() - last_report > PROGRESS_EVERY_S:
            last_report = time.monotonic()
            print(
                f"sitrep extract: {counts['coded']} documents coded, {counts['rejected']} "
                f"lines rejected ({last_report - started:.0f}s)",
                file=sys.stderr,
            )
    for record in order:
        if record is not None:
            write(record)
    out.flush()
    return 1 if counts["rejected"] else 0


def _run_errors() -> tuple[type[Exception], ...]:
    """Failures a run reports as its message alone: the operator's to fix, not a bug."""
    from sitrep.fetch.redis_store import SharedStateError
    from sitrep.lake.zone import RawZoneError
    from sitrep.pipeline import PipelineError
    from sitrep.quality import QualityGateFailed
    from sitrep.sources import SourcesFileError

    return SourcesFileError, PipelineError, QualityGateFailed, RawZoneError, SharedStateError


def _run(settings: Settings, command: str, day: date, **kw: Any) -> int:
    from sitrep import pipeline
    from sitrep.sources import SourcesFileError

    try:
        summary = pipeline.run_day(settings, day, **kw)
    except _run_errors() as exc:
        what = "invalid sources file" if isinstance(exc, SourcesFileError) else "failed"
        print(f"sitrep {command}: {what}:\n{exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary, indent=2, default=str))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    return _run(args.settings, "run", args.date, backfill=args.backfill)


def cmd_reprocess(args: argparse.Namespace) -> int:
    return _run(args.settings, "reprocess", args.date, reprocess=True)


def cmd_demo(args: argparse.Namespace) -> int:
    from sitrep.demo import run_demo

    return run_demo(args.settings, args.date)


def cmd_serve_sample(args: argparse.Namespace) -> int:
    import time

    from sitrep.sample_server import serve_sample

    with serve_sample(args.settings.home / "sample", args.port) as base:
        print(f"serving the sample corpus at {base}/feed.xml (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


def cmd_sources_check(args: argparse.Namespace) -> int:
    from sitrep.sources import SourcesFileError, load_sources

    path = Path(args.file) if args.file else args.settings.sources_file
    try:
        sources = load_sources(path)
    except SourcesFileError as exc:
        print(f"{path}: invalid\n{exc}", file=sys.stderr)
        return 1
    print(f"{path}: {len(sources)} sources OK")
    for s in sources:
        print(f"  {s.id:30} {s.kind:8} {s.url or s.path or f'{len(s.urls)} URLs'}")
        for origin in s.allow_hosts:
            print(f"  {'':30} may reach the private origin {origin}")
    warnings = _unreachable(sources) if args.resolve else []
    for line in warnings:
        print(f"warning: {line}", file=sys.stderr)
    return 0


def _unreachable(sources: list[Any]) -> list[str]:
    """The URLs a source names whose host resolves to an address the guard refuses (a name
    pointing into a private network the source has not named)."""
    from sitrep.fetch.guard import parse_origin, url_problem

    found = []
    for source in sources:
        allowed = [parse_origin(o) for o in source.allow_hosts]
        for url in [source.url, *source.urls]:
            problem = url and url_problem(url, allowed)
            if problem:
                found.append(f"{source.id}: {url}: {problem}")
    return found


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
    p.add_argument(
        "--published",
        type=_published_arg,
        help="publication date YYYY-MM-DD (anchors relative dates)",
    )
    p.add_argument("--url", help="the article's URL")
    p.add_argument(
        "--jsonl", metavar="IN", help='JSON lines {"id","text"|"html","published","url"}'
    )
    p.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=MAX_PAGE_BYTES,
        help=f"the most one document may weigh (default {MAX_PAGE_BYTES}, the fetcher's cap)",
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
    pc.add_argument(
        "--resolve",
        action="store_true",
        help="also look the hosts up and warn about names that point at private addresses",
    )
    pc.set_defaults(func=cmd_sources_check)

    p = sub.add_parser("serve-sample", help="serve the sample corpus on 127.0.0.1")
    p.add_argument("--port", type=int, default=8765, help="0 for any free port")
    p.set_defaults(func=cmd_serve_sample)

    p = sub.add_parser("eval", help="precision/recall against the gold data")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_eval)
    return parser


def _ours_or_warning(record: logging.LogRecord) -> bool:
    return record.levelno >= logging.WARNING or record.name.split(".")[0] == "sitrep"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.settings = load_settings()  # read once, here, and handed to the command
    # libraries speak at WARNING and above; Sitrep's own progress at INFO when asked for (a
    # run's INFO from every library is hundreds of lines of registration chatter)
    logging.basicConfig(
        level=logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    if args.verbose or args.command in {"run", "reprocess"}:
        logging.getLogger("sitrep").setLevel(logging.INFO)
    for handler in logging.getLogger().handlers:  # even libraries that set their own level
        handler.addFilter(_ours_or_warning)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
