"""The user's sources file (YAML): one entry per feed, sitemap, URL list or folder of pages.

Validation reports every problem at once, each with file, line and field, so a user fixes the
file in one pass. Values may use ``${VAR}`` / ``${VAR:-default}`` environment interpolation.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitrep.fetch.guard import Origin, needs_allowance, never_fetchable, origin_of, parse_origin
from sitrep.fetch.policy import FetchPolicy

KINDS = ("feed", "sitemap", "urls", "folder")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_VAR = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}")
_FIELDS = {
    "id", "kind", "url", "path", "urls", "language", "rate_limit", "tags", "allow_hosts",
    "enabled", "max_items", "obey_robots",
}  # fmt: skip
# fields that grant something: named per source, never inherited from ``defaults:``
_PER_SOURCE = ("id", "url", "path", "urls", "allow_hosts")
_REMOVED = {
    "allow_private": "removed: it opened every private address to every URL a feed lists; "
    "name the private origins this source may reach instead, e.g. "
    "allow_hosts: [http://127.0.0.1:8765]",
}
_TEXT_FIELDS = {"id", "kind", "url", "path", "language"}


@dataclass(frozen=True)
class Source:
    """One entry of the sources file.

    ``kind``: ``feed`` (RSS/Atom), ``sitemap`` (news sitemap or sitemap index), ``urls`` (a file
    or URL of one URL per line, or an inline ``urls:`` list), ``folder`` (saved pages on disk).
    ``rate_limit``: requests per second to this source's hosts. ``allow_hosts``: the origins
    (``http://127.0.0.1:8765``: scheme, host, port) this source's URLs may reach on a loopback
    or private address (a local sample corpus, an intranet site), normalised; every other
    private address stays refused (:mod:`sitrep.fetch.guard`).
    """

    id: str
    kind: str
    url: str | None = None
    path: str | None = None
    language: str | None = None
    rate_limit: float | None = None
    tags: tuple[str, ...] = ()
    allow_hosts: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    max_items: int | None = None

    @property
    def fetch_policy(self) -> FetchPolicy:
        """What this source allows the fetcher (pacing, private hosts, its folder)."""
        return FetchPolicy(
            rate_limit=self.rate_limit,
            allow_hosts=tuple(self.allow_hosts),
            folder=self.path if self.kind == "folder" and self.path else None,
        )


class SourcesFileError(ValueError):
    """The sources file is unusable; the message lists every problem with file, line and field."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}:{p}" for p in problems))


def _interpolate(value: str, line: int, field: str, problems: list[str]) -> str:
    def repl(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(2)
        if name in os.environ:
            return os.environ[name]
        if default is not None:
            return default
        problems.append(f"{line}: {field}: environment variable ${{{name}}} is not set")
        return ""

    return _VAR.sub(repl, value)


def _scalar(node: yaml.Node) -> Any:
    return yaml.safe_load(yaml.serialize(node))


def _entry(
    node: yaml.Node, base: Path, defaults: dict[str, Any], problems: list[str]
) -> Source | None:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{line}: a source must be a mapping (id:, kind:, url: ...)")
        return None
    values: dict[str, Any] = dict(defaults)
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = key_node.start_mark.line + 1
        if key in _REMOVED:
            problems.append(f"{lines[key]}: {key}: {_REMOVED[key]}")
            continue
        if key not in _FIELDS:
            problems.append(
                f"{lines[key]}: unknown field {key!r} (known: {', '.join(sorted(_FIELDS))})"
            )
            continue
        if key in _TEXT_FIELDS and isinstance(value_node, yaml.ScalarNode):
            value = str(value_node.value)  # "id: off" or "language: no" stay text (YAML 1.1)
        else:
            value = _scalar(value_node)
        if isinstance(value, str):
            value = _interpolate(value, lines[key], key, problems)
        elif isinstance(value, list):
            value = [
                _interpolate(v, lines[key], key, problems) if isinstance(v, str) else v
                for v in value
            ]
        values[key] = value
    before = len(problems)

    def bad(field: str, message: str) -> None:
        problems.append(f"{lines.get(field, line)}: {field}: {message}")

    sid = values.get("id")
    if not isinstance(sid, str) or not _ID.match(sid):
        bad("id", f"required, letters/digits/._- (got {sid!r})")
    kind = values.get("kind")
    if kind not in KINDS:
        bad("kind", f"must be one of {', '.join(KINDS)} (got {kind!r})")
    url, path, urls = values.get("url"), values.get("path"), values.get("urls")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://\S+$", url)):
        bad("url", f"must be an http(s) URL (got {url!r})")
    if path is not None and not isinstance(path, str):
        bad("path", f"must be a file or folder path (got {path!r})")
    if urls is not None and (
        not isinstance(urls, list) or not all(isinstance(u, str) for u in urls)
    ):
        bad("urls", "must be a list of URLs")
    if kind in ("feed", "sitemap") and not url and not path:
        bad("url", f"a {kind} source needs url: (or path: to a saved file)")
    if kind == "urls" and not (url or path or urls):
        bad("urls", "a urls source needs urls: [...], path: FILE or url: URL")
    if kind == "folder" and not path:
        bad("path", "a folder source needs path: FOLDER")
    resolved = str((base / path).resolve()) if isinstance(path, str) and path else None
    if kind == "folder" and resolved and not Path(resolved).is_dir():
        bad("path", f"folder not found: {resolved}")
    if (
        kind in ("urls", "feed", "sitemap")
        and resolved
        and not url
        and not Path(resolved).is_file()
    ):
        bad("path", f"file not found: {resolved}")
    rate = values.get("rate_limit")
    if rate is not None and (
        isinstance(rate, bool) or not isinstance(rate, int | float) or rate <= 0
    ):
        bad("rate_limit", f"requests per second, a positive number (got {rate!r})")
    lang = values.get("language")
    if lang is not None and (not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2}", lang)):
        bad("language", f"an ISO 639-1 code such as en (got {lang!r})")
    tags = values.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        bad("tags", "a list of words")
        tags = []
    for flag in ("enabled", "obey_robots"):
        if flag in values and not isinstance(values[flag], bool):
            bad(flag, f"true or false (got {values[flag]!r})")
    allow_hosts = _allow_hosts(values.get("allow_hosts"), bad)
    for where, target in [("url", url), *(("urls", u) for u in (urls or []))]:
        if isinstance(target, str):
            _check_target(target, where, allow_hosts, bad)
    max_items = values.get("max_items")
    if max_items is not None and (not isinstance(max_items, int) or max_items <= 0):
        bad("max_items", f"a positive whole number (got {max_items!r})")
    if len(problems) > before or values.get("enabled") is False:
        return None
    return Source(
        id=sid,
        kind=kind,
        url=url,
        path=resolved,
        language=lang,
        rate_limit=float(rate) if rate is not None else None,
        tags=tuple(tags),
        allow_hosts=tuple(str(o) for o in allow_hosts),
        urls=tuple(urls or ()),
        max_items=max_items,
    )


def _allow_hosts(value: Any, bad: Any) -> list[Origin]:
    """The ``allow_hosts:`` origins, normalised; each mistake reported."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad("allow_hosts", "a list of origins such as http://127.0.0.1:8765")
        return []
    origins = []
    for text in value:
        try:
            origins.append(parse_origin(text))
        except ValueError as exc:
            bad("allow_hosts", str(exc))
            continue
        if never_fetchable(text):
            bad("allow_hosts", f"{text}: {never_fetchable(text)}, whatever is named")
    return origins


def _check_target(url: str, field: str, allowed: list[Origin], bad: Any) -> None:
    """A URL the source names that can never be fetched: refused at load, not at fetch."""
    problem = never_fetchable(url)
    if problem:
        bad(field, f"{url}: {problem}")
        return
    kind = needs_allowance(url)
    origin = origin_of(url)
    if kind and origin not in allowed:
        bad(field, f"{url} is a {kind} address: refused unless allow_hosts names {origin}")


def load_sources(path: Path) -> list[Source]:
    """Read and validate a sources file; raises :class:`SourcesFileError` listing every problem.

    Layout: ``sources:`` (a list of entries) and optional ``defaults:`` (fields every entry
    inherits). Relative paths are relative to the file's folder. Entries with ``enabled: false``
    are skipped.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourcesFileError(path, [f"0: cannot read the file: {exc}"]) from exc
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = mark.line + 1 if mark else 0
        raise SourcesFileError(path, [f"{where}: not valid YAML: {exc}"]) from exc
    if root is None or not isinstance(root, yaml.MappingNode):
        raise SourcesFileError(path, ["1: expected a mapping with a 'sources:' list"])
    problems: list[str] = []
    sections = {str(k.value): v for k, v in root.value}
    for key, node in sections.items():
        if key not in ("sources", "defaults"):
            problems.append(f"{node.start_mark.line + 1}: unknown top-level key {key!r}")
    defaults: dict[str, Any] = {}
    if "defaults" in sections:
        value = _scalar(sections["defaults"])
        if not isinstance(value, dict):
            problems.append(f"{sections['defaults'].start_mark.line + 1}: defaults: a mapping")
        else:
            line = sections["defaults"].start_mark.line + 1
            for key in value:
                if key in _REMOVED:
                    problems.append(f"{line}: defaults: {key}: {_REMOVED[key]}")
                elif key in _PER_SOURCE:
                    problems.append(
                        f"{line}: defaults: {key}: is given per source, never in defaults:"
                    )
            defaults = {k: v for k, v in value.items() if k not in (*_PER_SOURCE, *_REMOVED)}
    entries = sections.get("sources")
    if not isinstance(entries, yaml.SequenceNode):
        line = entries.start_mark.line + 1 if entries is not None else 1
        raise SourcesFileError(path, [*problems, f"{line}: sources: a list of sources is required"])
    found: list[Source] = []
    seen: dict[str, int] = {}
    for node in entries.value:
        source = _entry(node, path.parent, defaults, problems)
        if source is None:
            continue
        line = node.start_mark.line + 1
        if source.id in seen:
            problems.append(f"{line}: id: {source.id!r} already used on line {seen[source.id]}")
            continue
        seen[source.id] = line
        found.append(source)
    if problems:
        raise SourcesFileError(path, problems)
    return found
