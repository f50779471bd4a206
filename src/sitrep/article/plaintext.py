"""Plain-text pages (a scrape, a reader view): split into title, body and reader comments.

Why hand-written: with no DOM left, the only evidence is the shape of the lines. A page is read
as header furniture, then the article, then related-content furniture, then the comment section.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from sitrep.article.furniture import (
    ends_body,
    is_comment_chrome,
    is_sentence_like,
    is_widget,
    opens_comments,
)

_SHORT_PARAGRAPH = re.compile(r"\w{2,}.*\s.*\s.*[.!?][\"”’)]?$")
_WS = re.compile(r"[ \t\u00a0\u200b]+")


@dataclass
class SplitText:
    """What the line-shape reader found in a text page."""

    title: str | None
    body: list[str]
    comments: list[str] = field(default_factory=list)
    dropped: int = 0


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [_WS.sub(" ", line).strip() for line in text.split("\n")]


def _comment_start(lines: list[str], body_start: int) -> int | None:
    """Index of the first line of the comment section: two chrome lines close together."""
    for i in range(body_start, len(lines)):
        if not opens_comments(lines[i]):
            continue
        window = [ln for ln in lines[i : i + 6] if ln]
        chrome = sum(1 for ln in window if opens_comments(ln))
        # One bare "Comments" heading mid-article is not enough; plugin chrome comes in runs,
        # but an unambiguous marker ("3 Comments", "Leave a Reply") stands alone.
        if chrome >= 2 or re.match(r"^\d|^(?:leave|post|add|join|be the)", lines[i], re.I):
            return i
    return None


def _body_start(lines: list[str]) -> int:
    """The first line of prose: the header above it is furniture and title candidates."""
    for i, line in enumerate(lines):
        if line and is_sentence_like(line, min_words=12) and not is_widget(line):
            # a short opening paragraph ("Gunmen killed five.") still belongs to the body
            while i > 0:
                prev = next((j for j in range(i - 1, -1, -1) if lines[j]), None)
                if prev is None or not _SHORT_PARAGRAPH.search(lines[prev]):
                    break
                i = prev
            return i
    return 0


def _pick_title(header: list[str]) -> str | None:
    """The header line a page repeats (heading + breadcrumb), else its first heading-like line."""
    candidates = [ln for ln in header if ln and not is_widget(ln) and len(ln.split()) >= 3]
    if not candidates:
        return None
    counts = Counter(candidates)
    repeated = [ln for ln in candidates if counts[ln] > 1]
    return (repeated or candidates)[0]


def split_comments(lines: list[str]) -> list[str]:
    """Comment texts from a comment section: runs of prose between names, votes and chrome."""
    comments: list[str] = []
    current: list[str] = []
    for i, line in enumerate(lines):
        nxt = next((ln for ln in lines[i + 1 :] if ln), "")
        is_name = (
            bool(line)
            and not is_sentence_like(line, min_words=7)
            and len(line.split()) <= 6
            and bool(nxt)
            and is_sentence_like(nxt, min_words=4)
        )
        if not line or is_comment_chrome(line) or is_name:
            if current and (is_name or is_comment_chrome(line)):
                comments.append(" ".join(current))
                current = []
            continue
        if is_widget(line) and not is_sentence_like(line):
            continue
        current.append(line)
    if current:
        comments.append(" ".join(current))
    return [c for c in comments if is_sentence_like(c, min_words=2)]


def split_text_page(text: str) -> SplitText:
    """Read a plain-text page: title, article paragraphs, reader comments."""
    lines = _lines(text)
    start = _body_start(lines)
    comment_at = _comment_start(lines, start)
    end = comment_at if comment_at is not None else len(lines)
    title = _pick_title(lines[:start])
    body: list[str] = []
    dropped = 0
    for line in lines[start:end]:
        if not line:
            continue
        if ends_body(line):
            break  # related-content furniture runs until the comments
        if (is_widget(line) and not is_sentence_like(line)) or line == title:
            dropped += 1
            continue
        body.append(line)
    comments = split_comments(lines[comment_at:]) if comment_at is not None else []
    return SplitText(title=title, body=body, comments=comments, dropped=dropped)
