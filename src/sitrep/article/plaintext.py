"""Plain-text pages (a scrape, a reader view): split into title, body and reader comments.

Why hand-written: with no DOM left, the only evidence is the shape of the lines. A page is read
as header furniture (menus, widgets, title, byline), then the article, then related-content
furniture, then the comment section.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from sitrep.article.furniture import (
    ends_body,
    is_comment_chrome,
    is_prefixed_widget,
    is_prose,
    is_sentence_like,
    is_widget,
    is_widget_in_text,
    opens_comments,
)

_WS = re.compile(r"[ \t\u00a0\u200b]+")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]?$")
_SHORT_PARAGRAPH = re.compile(r"\w{2,}.*\s.*\s.*[.!?][\"”’)]?$")
_BYLINE = re.compile(
    r"^(?i:by|written by|words by|reporting by)\s+"
    r"([A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|&|de|al|van|von|bin)){0,6})"
)
_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        1,
    )
    for m in names
}  # fmt: skip
_MONTH = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATES = [
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (
        re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I),
        ("M", "d", "y"),
    ),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(\d{{4}})\b", re.I), ("d", "M", "y")),
]


@dataclass
class SplitText:
    """What the line-shape reader found in a text page."""

    title: str | None
    body: list[str]
    comments: list[str] = field(default_factory=list)
    author: str | None = None
    published: str | None = None
    dropped: int = 0


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unwrap([_WS.sub(" ", line).strip() for line in text.split("\n")])


def unwrap(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped paragraphs (text wrapped at a fixed width, blank lines between).

    A file is hard-wrapped when most long lines end near one width; a line that reaches that
    width continues on the next line unless it ends a sentence... and even then, if the next
    line starts in lower case.
    """
    long = [len(ln) for ln in lines if len(ln) > 40]
    if len(long) < 5:
        return lines
    width = sorted(long)[int(len(long) * 0.9)]
    if width > 110 or sum(1 for n in long if n >= width - 20) < 0.6 * len(long):
        return lines
    if sum(1 for ln in lines if not ln) < 2:
        return lines  # no blank-line paragraphs: line breaks are the only paragraph marks
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        wrapped = len(prev) >= width - 20 and line and not opens_comments(line)
        if wrapped and (not re.search(r"[.!?:\"”]$", prev) or line[:1].islower()):
            out[-1] = f"{prev} {line}"
        else:
            out.append(line)
    return out


def _comment_start(lines: list[str], body_start: int) -> int | None:
    """Index of the first line of the comment section: plugin chrome lines close together."""
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


def _is_paragraph(line: str) -> bool:
    """Running prose, or a short sentence that reads like one ("Rescue teams arrived.")."""
    if is_prose(line):
        return True
    words = line.split()
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) >= 4 and lower / len(words) >= 0.3 and bool(_SENTENCE_END.search(line))


LINE_PENALTY = 2


def _line_score(line: str) -> int:
    """Body Text Extraction score: prose counts for, everything else against, by its words."""
    if not line:
        return 0
    words = len(line.split())
    if is_prefixed_widget(line):
        return -LINE_PENALTY  # captions, appeals, "READ MORE:" sit inside bodies; dropped anyway
    if _is_paragraph(line) and not _BYLINE.match(line):
        return words
    return -(words + LINE_PENALTY)  # each furniture line is evidence, however short


def _body_span(lines: list[str], stop: int) -> tuple[int, int]:
    """The run of lines [start, end) with the most prose and the least else (max subarray).

    Why: a scraped page is menus, teasers and widgets around one dense block of prose
    (Finn et al.'s Body Text Extraction); the densest block is the article.
    """
    best, best_span = 0, (0, 0)
    total, start = 0, 0
    for i in range(stop):
        score = _line_score(lines[i])
        if total <= 0 and score > 0:
            total, start = 0, i
        total += score
        if total > best:
            best, best_span = total, (start, i + 1)
        if total < 0:
            total = 0
    if best_span == (0, 0):
        return 0, stop
    start, end = best_span
    while start > 0:  # a short opening paragraph ("Gunmen killed five.") belongs to the body
        prev = next((j for j in range(start - 1, -1, -1) if lines[j]), None)
        if prev is None or not _SHORT_PARAGRAPH.search(lines[prev]):
            break
        if _BYLINE.match(lines[prev]) or find_date(lines[prev]) or is_widget(lines[prev]):
            break
        start = prev
    return start, end


def _first_prose(lines: list[str]) -> int:
    """The first line of running prose (where a comment section may start looking)."""
    for i, line in enumerate(lines):
        if line and is_prose(line) and not is_widget(line) and not is_prefixed_widget(line):
            return i
    return 0


def _headingish(line: str) -> bool:
    return (
        len(line.split()) >= 3
        and not is_widget(line)
        and not is_prefixed_widget(line)
        and not re.search(r"\s[|»›/>]\s", line)  # menus and breadcrumbs
        and not _BYLINE.match(line)
        and not (find_date(line) and len(line.split()) <= 8)
    )


_TIME = re.compile(r"\b\d{1,2}:\d{2}\b|\b(?:updated|published|posted)\b", re.IGNORECASE)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) >= 4}


def _pick_title(header: list[str], lede: str = "") -> str | None:
    """The first headline-sized header line that shares words with the lede (a headline
    summarises it), else a line the page repeats (heading and breadcrumb), else the nearest
    one above the body. Menus, section labels, bylines, dates
    and times are not titles."""
    candidates = [ln for ln in header if ln and _headingish(ln)]
    if not candidates:
        return None
    counts = Counter(candidates)
    near = [
        ln
        for ln in header[-80:]
        if ln
        and _headingish(ln)
        and not _is_paragraph(ln)
        and 4 <= len(ln.split()) <= 30
        and not ln.endswith(":")
        and not _TIME.search(ln)
    ]
    lede_words = _content_words(lede)
    scored = [
        (len(_content_words(ln) & lede_words), counts[ln] > 1, i) for i, ln in enumerate(near)
    ]
    related = [i for overlap, _, i in scored if overlap >= 2]
    if related:  # the earliest: captions and teasers that echo the lede come after the headline
        return near[related[0]]
    repeated = [ln for ln in candidates if counts[ln] > 1 and len(ln.split()) >= 4]
    if repeated:
        return repeated[0]
    return near[-1] if near else candidates[0]


def find_date(line: str) -> str | None:
    """An ISO date written in a line ("June 5, 2020", "5 June 2020", "2020-06-05")."""
    for pattern, order in _DATES:
        match = pattern.search(line)
        if not match:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = int(parts["m"]) if "m" in parts else _MONTHS.get(parts["M"].lower().rstrip("."))
        try:
            return date(int(parts["y"]), month or 0, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None


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


def _strong_prose_after(lines: list[str], i: int, end: int) -> bool:
    return any(len(ln.split()) >= 20 and is_prose(ln) for ln in lines[i + 1 : end])


def split_text_page(text: str) -> SplitText:
    """Read a plain-text page: title, byline, date, article paragraphs, reader comments."""
    lines = _lines(text)
    comment_at = _comment_start(lines, _first_prose(lines))
    stop = comment_at if comment_at is not None else len(lines)
    start, end = _body_span(lines, stop)
    header = lines[:start]
    lede = " ".join(ln for ln in lines[start:end][:12] if ln)
    title = _pick_title(header, lede)
    author = next((m.group(1) for ln in header if (m := _BYLINE.match(ln))), None)
    published = next((d for ln in header if len(ln.split()) <= 12 and (d := find_date(ln))), None)
    body: list[str] = []
    dropped = 0
    for i in range(start, end):
        line = lines[i]
        if not line:
            continue
        if ends_body(line) and len(body) >= 2 and not _strong_prose_after(lines, i, end):
            break  # "More on this topic" and what follows is furniture
        if is_widget_in_text(line) or is_prefixed_widget(line):
            dropped += 1
            continue
        if line == title or ends_body(line):
            dropped += 1
            continue
        body.append(line)
    comments = split_comments(lines[comment_at:]) if comment_at is not None else []
    return SplitText(title, body, comments, author, published, dropped)
