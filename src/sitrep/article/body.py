"""A second reading of the body, for the sections trafilatura drops.

trafilatura is precise but sometimes keeps only part of an article: it stops at a table, a
list of products or a block styled unlike the lede, or finds almost nothing on script-heavy
pages. resiliparse's main-content reader (lexbor, a few ms a page) keeps more of the page,
with more furniture. We keep trafilatura's lines and take from resiliparse only

- the lines between trafilatura's first and last line that trafilatura skipped (a section in
  the middle of the article), when they add at least ``GAP_GAIN`` more words; a short line is
  kept only as the heading of an inserted paragraph or as an item of a list that a line ending
  in a colon introduces ("- item", as trafilatura writes lists), so buttons and ad labels stay
  out;
- its whole text when trafilatura found less than ``TINY_SHARE`` of it (trafilatura missed the
  article, not a section of it), or when trafilatura's text is one run-on line of a long page
  that the second reading splits into paragraphs (headings, bylines, captions and menus run
  together with the article: ``RUN_ON_*``).

Measured on the ``articles`` dev set (docs/ingest.md): body F1 0.935 → 0.947, flat for
thresholds 1.05–1.2 and 0.3–0.4.

Paragraphs are apart by a blank line; a line that continues its paragraph's block (after a
``<br>``, a list's next item) follows it after one newline, as the page shows it
(:class:`Line`, :func:`join_lines`).

A page may carry its article twice (a mobile and a desktop copy, a print version): a stretch of
at least ``REPEAT_MIN_LINES`` consecutive lines that all occurred earlier, ``REPEAT_MIN_WORDS``
words or more, is such a copy and is dropped (:func:`drop_repeated_blocks`); a line repeated
alone (a recurring "Pros" heading, a code line) stays.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from sitrep.article.furniture import ends_body, is_prefixed_widget, is_widget, opens_comments

GAP_GAIN = 1.1  # the merged text must be this much longer than trafilatura's to be used
TINY_SHARE = 0.3  # trafilatura's share of resiliparse's words below which it missed the article
MIN_INSERTED_WORDS = 5  # a shorter inserted line must head an inserted paragraph...
LIST_ITEM_WORDS = 12  # ... or be an item of a list a line ending in a colon introduces
REPEAT_MIN_LINES = 2  # a copied block: this many consecutive lines already seen...
REPEAT_MIN_WORDS = 100  # ... of at least this many words together
RUN_ON_LINES = 2  # trafilatura's text in this many lines or fewer, ...
RUN_ON_WORDS = 200  # ... this many words or more, ...
RUN_ON_OTHER_LINES = 10  # ... where the second reading has at least this many ...
RUN_ON_SHARE = 0.5  # ... and at least this share of its words: it ran the page together
_HEADED_WORDS = 12
_WORD = re.compile(r"\w+")
# C0/C1 control characters (a page saved twice-encoded writes "’" as "â\x80\x99"): trafilatura
# drops them, so the second reading must too or its lines never match trafilatura's and are
# inserted a second time.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class Line(str):
    """A body line that continues the block of ``previous`` (a ``<br>`` inside a paragraph, a
    list's next item): written after it with one newline instead of a blank line."""

    previous: str | None = None


def soft_line(text: str, previous: str) -> Line:
    line = Line(text)
    line.previous = previous
    return line


def respace(line: str) -> str:
    """The line with one plain space between words (no-break spaces, runs, tabs), keeping
    whether it continues its block."""
    text = " ".join(line.split())
    previous = getattr(line, "previous", None)
    return soft_line(text, previous) if previous is not None else text


def join_lines(lines: list[str]) -> str:
    """The body text: paragraphs apart by a blank line, a :class:`Line` that still follows the
    line it continues by one newline."""
    if not any(isinstance(line, Line) for line in lines):
        return "\n\n".join(lines)
    parts: list[str] = []
    for i, line in enumerate(lines):
        if i:
            soft = getattr(line, "previous", None) is not None and line.previous is lines[i - 1]
            parts.append("\n" if soft else "\n\n")
        parts.append(line)
    return "".join(parts)


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def _words(lines: list[str]) -> int:
    return sum(len(_WORD.findall(line)) for line in lines)


def second_reading(html: str) -> list[str]:
    """resiliparse's main-content lines of a page (no comments, links or alt texts); ``[]`` if
    it cannot read the page."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        text = extract_plain_text(
            HTMLTree.parse(html),
            main_content=True,
            list_bullets=False,
            alt_texts=False,
            links=False,
            comments=False,
        )
    except Exception:  # a second opinion must never cost the page
        return []
    return [line for raw in _CONTROL.sub("", text).split("\n") if (line := raw.strip())]


def _inserted(gap: list[str], have: str, lead: str = "") -> list[str]:
    """The lines of a gap worth inserting: paragraphs, short lines heading one, and the short
    items of a list that a line ending in a colon introduces ("… affects your ability to:",
    ``lead`` being the line before the gap), written as trafilatura writes list items; none
    already in ``have`` (trafilatura's text, keyed: the readers split lines differently)."""
    kept: list[str] = []
    listing = _introduces(lead)
    for i, line in enumerate(gap):
        if is_widget(line) or is_prefixed_widget(line) or _key(line) in have:
            listing = False
            continue
        words = len(_WORD.findall(line))
        following = gap[i + 1] if i + 1 < len(gap) else ""
        heads = len(_WORD.findall(following)) >= _HEADED_WORDS
        if listing and words <= LIST_ITEM_WORDS and not _introduces(line):
            item = f"- {line}"
            kept.append(soft_line(item, kept[-1]) if kept and kept[-1][:2] == "- " else item)
            continue
        if words >= MIN_INSERTED_WORDS or heads:
            kept.append(line)
        listing = _introduces(line)
    return kept


def _introduces(line: str) -> bool:
    """A line that introduces a list: it ends with a colon."""
    return line.rstrip().endswith(":")


def _run_on(lines: list[str], other: list[str], ours: int, theirs: int) -> bool:
    """Whether trafilatura's text is one run-on line where the second reading has the page's
    paragraphs: it read a block whose parts it could not tell apart (headings, bylines,
    captions and menus run into the article)."""
    return (
        len(lines) <= RUN_ON_LINES
        and ours >= RUN_ON_WORDS
        and len(other) >= RUN_ON_OTHER_LINES
        and theirs >= RUN_ON_SHARE * ours
    )


def fill_gaps(lines: list[str], other: list[str]) -> list[str]:
    """trafilatura's ``lines`` with what the second reading ``other`` adds (module rules); every
    line of trafilatura's stays, in its order."""
    ours, theirs = _words(lines), _words(other)
    if ours < TINY_SHARE * theirs or _run_on(lines, other, ours, theirs):
        return other
    where: dict[str, list[int]] = {}
    for j, line in enumerate(other):
        where.setdefault(_key(line), []).append(j)
    have = " ".join(_key(line) for line in lines)
    merged: list[str] = []
    previous: int | None = None  # index in ``other`` of the last line both readers kept
    for line in lines:
        key = _key(line)
        if len(key.split()) >= 4 and key in where:
            start = 0 if previous is None else previous + 1
            at = where[key]
            i = bisect_left(at, start)
            found = at[i] if i < len(at) else None
            if found is not None:
                if previous is not None:
                    gap = other[previous + 1 : found]
                    merged.extend(_inserted(gap, have, other[previous]))
                previous = found
        merged.append(line)
    if previous is not None and merged and _key(merged[-1]) == _key(other[previous]):
        merged.extend(_table_tail(other[previous + 1 :], have, other[previous]))
    return merged if _words(merged) > GAP_GAIN * ours else lines


def _table_tail(tail: list[str], have: str, lead: str) -> list[str]:
    """What follows trafilatura's last line when it stopped at a table (the second reading's
    next line is a table row): the rest of the article, up to a related-content heading or the
    comment section."""
    if not tail or "\t" not in tail[0]:
        return []
    for i, line in enumerate(tail):
        if ends_body(line) or opens_comments(line):
            tail = tail[:i]
            break
    return _inserted(tail, have, lead)


def drop_repeated_blocks(lines: list[str]) -> list[str]:
    """``lines`` without later copies of a block of the text (module rule); every first
    occurrence stays, and so does a short repeated run or one paragraph said again and again."""
    if len(set(lines)) == len(lines):
        return lines  # no line twice (most pages): nothing to look for
    keys = [" ".join(line.split()).casefold() for line in lines]
    seen: set[str] = set()
    repeated = []
    for key in keys:
        repeated.append(key in seen)
        seen.add(key)
    keep = [True] * len(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and repeated[j]:
            j += 1
        block = j - i >= REPEAT_MIN_LINES and len(set(keys[i:j])) > 1
        if block and _words(lines[i:j]) >= REPEAT_MIN_WORDS:
            keep[i:j] = [False] * (j - i)
        i = max(j, i + 1)
    return [line for line, kept in zip(lines, keep, strict=True) if kept]
