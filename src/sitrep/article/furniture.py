"""Line-level recognisers of page furniture: widgets, donations, share bars, comment sections.

Why hand-written: extractors (trafilatura) work on the DOM; a page that reaches us as plain text
(a scrape, a saved reader view) has no DOM left, and even trafilatura's HTML output can keep the
text of comment-plugin chrome (wpDiscuz, Disqus, WordPress). These patterns describe the widgets
in general, never one site's strings.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Lines that open the reader-comment section (comment plugins' own chrome).
COMMENT_SECTION = re.compile(
    r"^(?:"
    r"\d[\d,.]*\s*(?:comments?|responses?|replies|thoughts?)(?:\s+on\b.*)?"
    r"|comments?\s*(?:\(\d+\)|:)?"
    r"|notify of(?:\s+.*)?"
    r"|(?:oldest|newest|most voted|most popular|best|top)"
    r"(?:\s+(?:oldest|newest|most voted|most popular))*"
    r"|inline feedbacks?"
    r"|view all comments"
    r"|(?:leave|post|add|write|submit) (?:a |your )?(?:comment|reply|response)s?.*"
    r"|(?:join|start) the (?:discussion|conversation).*"
    r"|be the first to comment.*"
    r"|(?:show|load|view|see) (?:more|all|\d+) (?:comments?|replies).*"
    r"|sort by\s*:?.*"
    r"|(?:you must )?(?:be )?(?:log ?in|logged in|sign ?in|signed in|register)(?:ed)? to"
    r" (?:post |leave |add |write )?(?:an? )?(?:comment|reply|join|respond).*"
    r"|would love your thoughts.*"
    r"|what do you think\??"
    r"|(?:reader )?comments? (?:are|is) (?:closed|moderated).*"
    r"|powered by disqus.*"
    r"|disqus comments.*"
    r")\s*$",
    _I,
)

# Lines that end the article body and open "more stories" furniture.
AFTER_BODY = re.compile(
    r"^(?:"
    r"(?:more|read more|related|also) (?:on|about) (?:this|the) (?:topic|story|subject|issue)"
    r"|(?:browse |see |explore )?related (?:articles?|posts?|stories|news|content|topics?"
    r"|coverage|reading)"
    r"|(?:you|we think you) (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
    r"|(?:more|other|latest|trending|popular|top) (?:stories|articles|news|posts|headlines)"
    r"|recommended(?: for you| stories| articles| reading)?"
    r"|(?:share|follow us|spread the word|tags?|filed under|categories)"
    r"\s*(?:this(?: article| story| post)?)?"
    r"|read (?:more|next|also)"
    r"|most (?:read|viewed|popular|shared)"
    r"|(?:sponsored|promoted|partner) (?:content|stories|links)"
    r"|around the web"
    r")\s*:?\s*$",
    _I,
)

# Whole lines that are widgets wherever they occur.
WIDGET_LINE = re.compile(
    r"^(?:"
    r"[$€£¥]\s*\d[\d,.]*\s*(?:[$€£¥]|usd|eur|gbp)?"  # donation amounts: "$ 100", "2,500 $"
    r"|\d[\d,.]*\s*(?:[$€£¥]|usd|eur|gbp)"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"\s+\d{4}"  # a bare month-year (donation-drive headers, archives)
    r"|(?:support|donate to|donate|subscribe to|follow|like|share on|share via|email|print|tweet)"
    r"(?:\s+(?:us|now|today|this|here|[A-Z][\w.-]*)){0,3}\s*!?"
    r"|(?:subscribe|sign up|log ?in|sign ?in|register|advertisement|advertising|sponsored|ad"
    r"|share)"
    r"|(?:facebook|twitter|whatsapp|telegram|linkedin|reddit|pinterest|vk|email|x)"
    r"(?:\s*[|/·•]\s*\w+)*"
    r"|(?:click|tap) here to .*"
    r"|(?:this|the) (?:article|story) (?:was )?(?:originally )?(?:appeared|published) .*"
    r"|skip to (?:main )?content|back to top|cookie (?:settings|policy|preferences)"
    r"|back to (?:blogs?|news|articles?|all posts|home)"
    r"|(?:next|previous|prev) (?:article|post|story)\s*:?"
    r"|(?:post|add|leave) a comment|comment via\s*:?|share your story|pin (?:it )?for later"
    r"|\d{1,3}[ -]min(?:ute)?s?(?: read)?|table of contents"
    r"|jump to (?:the )?(?:list|recipe|section)"
    r"|privacy policy|terms (?:&|and) conditions|terms of (?:use|service)|copyright"
    r"|advertis(?:er|ing) (?:disclosure|policy)|(?:view|buy|shop|check price) (?:it )?on amazon"
    r"|book a demo|contact us(?: today| now)?!?|page \d+ of \d+"
    r"|loading(?: posts| more| comments)?\s*(?:…|\.\.\.)?"
    r"|advertisement\s*[-–—:]?\s*(?:continue reading|story continues)(?: below)?"
    r"|get started(?: today| now)?|see (?:packages|pricing|plans)"
    r"|(?:written|posted|reviewed|edited) by [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}"
    r"(?: (?:at|on) .{0,40})?"
    r"|(?:written|posted|reviewed|edited|researched|fact[- ]checked) by\s*:?|author\s*:?"
    r"|learn more\s*[»›→]?"  # a byline's label whose name follows apart; a button
    r"|(?:get (?:a |your )?(?:free )?quotes?|check (?:prices?|rates?)|call(?: us)?(?: now| today)?)"
    r"\s*:?\s*\+?[\d() .-]{7,}"  # a call to action with its phone number
    r")\s*$",
    _I,
)

# A site asking its readers for money or sign-ups: "Your donations keep us independent."
APPEAL = re.compile(
    r"\b(?:you|your)\b.{0,80}\b(?:donat\w*|support\w*|contribut\w*|subscri\w*|patreon|paypal)"
    r"\b.{0,80}\b(?:us|our|we)\b"
    r"|^(?:donate|support us)\b"
    r"|\b(?:donate (?:now|today|here)|become a (?:patron|member|supporter)|buy us a coffee)\b"
    r"|\bfunded by (?:readers|listeners|viewers|members) like you\b"
    r"|\b(?:donat\w*|support\w*)\b.{0,60}\b(?:keep|keeps|help|helps)\s+(?:us|our)\b",
    _I,
)

# Sign-up and affiliate furniture that reads as a sentence: "Sign up for our newsletter for the
# best of the city.", "As an Amazon Associate we earn from qualifying purchases."
PROMO = re.compile(
    r"^(?:[^.,]{0,40}[,?!]\s*)?(?:sign up|subscribe|join|register)\b.{0,40}\b(?:our|my|the) "
    r"(?:[\w&' -]{0,30} )?(?:newsletter|mailing list)\b"
    r"|^(?:join|get|sign up for) (?:our|the) [\w&' -]{0,30}newsletter\b|^[\w&' -]{0,40} newsletter$"
    r"|\bdelivered (?:straight )?to your inbox\b"
    r"|\bas an amazon associate\b|^\W*disclosure\b|\bas an affiliate\b"
    r"|\b(?:through|contains?|via) (?:our |my |these )?affiliate links?\b"
    r"|\b(?:earn|receive|get) (?:a )?(?:small )?commissions? (?:from|on|if|when)\b"
    r"|\bsupported by commissions\b|\bchosen independently by our editors\b"
    r"|\bfollow us on (?:facebook|twitter|instagram|linkedin|x|youtube)\b"
    r"|\bget (?:updates|notified|notifications) (?:from|when|whenever) this (?:writer|author)\b"
    r"|^(?:would you like|do you want) to (?:receive|get) (?:push |browser )?notifications\b"
    r"|^(?:fill (?:out|in)|complete) (?:the|this|our) (?:short |quick )?form\b"
    r"|\bplease (?:take a (?:moment|minute|second) to )?leave a (?:star )?rating\b",
    _I,
)

# Forms and share bars, whatever their length: the consent line under a sign-up or contact form
# ("By signing up, you agree to receive ..."), a form's own messages, a share bar as one line.
FORM_OR_SHARE = re.compile(
    r"^by (?:signing up|subscribing|submitting|clicking|registering|providing|entering|continuing"
    r"|tapping)\b.{0,200}\byou(?:'re| are)? (?:agree|consent|confirm|acknowledge)"
    r"|^(?:thank you|thanks)[!.,]? your submission has been received!?\s*$"
    r"|^(?:oops!? )?something went wrong while submitting the form\.?\s*$"
    r"|^(?:share (?:on|via|to) [\w.]+\s*[|·•]?\s*){2,}$",
    _I,
)

# Photo captions and credits: "(Photo by X/AFP via Getty Images)", "REUTERS/Name", "Credit: ..."
CAPTION = re.compile(
    r"\((?:[^()]{0,80}\b)?(?:photo|image|picture|file|credit|courtesy)\b[^()]{0,120}\)\s*$"
    r"|\b(?:via getty images|getty images|afp photo|ap photo|epa-efe)\b"
    r"|\b(?:reuters|afp|ap|epa|sputnik|tass|anadolu agency|xinhua)"
    r"/(?-i:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,4})\)?\s*$"
    r"|^(?:file photo|file image|archive photo|(?:media|image|video|photo) caption)\b",
    _I,
)

# Line prefixes that mark furniture whatever follows ("READ MORE: <headline>", "Photo: ...").
PREFIXED_WIDGET = re.compile(
    r"^(?:read more|also read|read also|see also|related(?: article| story| coverage)?|watch"
    r"|listen|recommended|advertisement|sponsored|image|photo|picture|caption|image caption"
    r"|video|tags?|topics?|filed under|categories|share(?: this)?(?: article| story)?"
    r"|follow us|sign up|subscribe|newsletter|(?:next|previous|prev) (?:article|post|story)"
    r"|comment via)\s*[:|»›]"
    r"|^(?:©|\(c\)\s|copyright\s)"
    r"|^all rights reserved",
    _I,
)

# Comment-widget scaffolding between comments: vote counts, "Reply", timestamps, closers.
COMMENT_CHROME = re.compile(
    r"^(?:"
    r"[\d\s+\-−]*"  # vote counts, empty lines
    r"|[x×()\[\]|·•]+|\(\)"  # close buttons and leftovers
    r"|guest|anonymous|reply|report|share|edit|delete|flag|like|dislike|upvote|downvote"
    r"|(?:reply|replies) to .*|log ?in to reply|in reply to .*"
    r"|\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"|(?:reply|share|report)(?:\s*[|·•]\s*(?:reply|share|report))+"
    r"|last edited .*|edited"
    r"|.{1,60}?\s[•·|]\s*(?:\d+\s+\w+\s+ago|\w+ \d{1,2},? \d{4}.*|edited)"  # "Name • 3 hours ago"
    r"|(?:reply|share|report|flag|like|permalink)(?:\s*[•·|›]\s*"
    r"(?:reply|share|report|flag|like|permalink|›))*\s*›?"
    r")\s*$",
    _I,
)

_SENTENCE_END = re.compile(r"[.!?…\"”’')\]]\s*$")


def is_sentence_like(line: str, min_words: int = 6) -> bool:
    """A line reads like prose: enough words, or a sentence's closing punctuation."""
    words = line.split()
    return len(words) >= min_words or (len(words) >= 3 and bool(_SENTENCE_END.search(line)))


_LIST_MARK = re.compile(r"^(?:[-*•·–]\s+)+")  # a list item's bullet, as the text renders it


def is_widget(line: str) -> bool:
    """A short line that is a widget or furniture wherever it appears (a bulleted one too)."""
    return bool(WIDGET_LINE.match(_LIST_MARK.sub("", line.strip())))


# A post's footer line: "Posted by Jane at 11:15 AM", "Written by Jane Doe on March 3, 2024".
POST_FOOTER = re.compile(
    r"^(?i:written|posted|published) by [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} (?:at|on) .{0,40}\d",
)
BUTTON_MAX_WORDS = 3  # "Contact Us Today!": a button's label, however it is punctuated


def is_widget_in_text(line: str) -> bool:
    """A widget line (:func:`is_widget`) to drop from running text: one that does not read like
    a sentence, or reads like one only as a button's label ("Contact Us Today!") or a post's
    footer ("Posted by Jane at 11:15 AM"); "Click here to see the full plant list." stays."""
    if not is_widget(line):
        return False
    stripped = _LIST_MARK.sub("", line.strip())
    return (
        not is_sentence_like(line)
        or len(stripped.split()) <= BUTTON_MAX_WORDS
        or bool(POST_FOOTER.match(stripped))
    )


def is_prefixed_widget(line: str) -> bool:
    """Furniture whatever its length: "READ MORE: ...", "Photo: ...", "©", photo captions with
    their credit, short appeals for donations or sign-ups, newsletter and affiliate notes, a
    form's consent line and messages, a share bar."""
    stripped = _LIST_MARK.sub("", line.strip())
    if PREFIXED_WIDGET.match(stripped):
        return True
    if len(stripped.split()) <= 45 and CAPTION.search(stripped):
        return True
    if len(stripped.split()) <= 25 and PROMO.search(stripped):
        return True
    if len(stripped.split()) <= 60 and FORM_OR_SHARE.search(stripped):
        return True
    return len(stripped.split()) <= 30 and bool(APPEAL.search(stripped))


def is_prose(line: str, min_words: int = 10) -> bool:
    """Running text rather than a headline, menu or label: enough words, mostly lower-case
    words, and sentence punctuation. Title-Case headlines and menus fail the case test."""
    words = line.split()
    if len(words) < min_words:
        return False
    lower = sum(1 for w in words if w[:1].islower())
    return lower / len(words) >= 0.3 and bool(re.search(r"[.!?,;:]", line))


def opens_comments(line: str) -> bool:
    """A line of comment-plugin chrome that starts the comment section."""
    return bool(COMMENT_SECTION.match(line.strip()))


def ends_body(line: str) -> bool:
    """A heading that announces related-content furniture after the article."""
    return bool(AFTER_BODY.match(line.strip()))


def is_comment_chrome(line: str) -> bool:
    """Scaffolding between comments (votes, reply links, timestamps), not comment text."""
    stripped = line.strip()
    return bool(COMMENT_CHROME.match(stripped)) or opens_comments(stripped)


# "By Jane Doe ⋅ Review Editor", "Written by: Jane Doe", "Par Jeanne Dupont": a byline line
BYLINE = re.compile(
    r"^(?:by|written by|posted by|words by|reviewed by|fact checked by|medically reviewed by"
    r"|edited by|von|par|por|di)\b\s*:?\s*\S",
    _I,
)
BYLINE_MAX_WORDS = 12
BYLINE_HEAD_LINES = 3  # a byline sits by the headline, at the top of the body


def is_byline(line: str) -> bool:
    """A short line naming the writer ("By Jane Doe | Updated May 2"): metadata (``authors``),
    not the article's text."""
    return bool(BYLINE.match(line.strip())) and len(line.split()) <= BYLINE_MAX_WORDS


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A line that is only a date, perhaps labelled and with its time: "Dec 19, 2025",
# "Last updated: April 21, 2025", "Published on May 02, 2024 07:44 PM IST", "19/12/2025".
DATE_LABEL = re.compile(
    r"^(?:(?:last )?(?:updated|published|posted|modified|reviewed)|date)(?: on)?\s*:?\s*", _I
)
_DATE_ONLY = re.compile(
    rf"^(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2}))"
    r"(?:,?\s*(?:at\s*)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?)?$",
    _I,
)


def date_line(line: str) -> str | None:
    """``"labelled"`` for a line that is only a labelled date ("Updated: April 21, 2025"),
    ``"bare"`` for one that is only a date ("Dec 19, 2025"), else ``None``: the page's stamps,
    metadata (``published``) rather than the article's text."""
    stripped = _LIST_MARK.sub("", line.strip())
    label = DATE_LABEL.match(stripped)
    rest = stripped[label.end() :] if label else stripped
    if not _DATE_ONLY.match(rest):
        return None
    return "labelled" if label else "bare"


# A template's filler text ("Lorem ipsum dolor sit amet, consectetur adipiscing elit")
PLACEHOLDER = re.compile(r"\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing\b", _I)


PLACEHOLDER_MIN_LINES = 3  # a template's demo block: several lines of filler, not one quote
PLACEHOLDER_MIN_PROSE = 2  # paragraphs of its own the page must have to lose its filler


def drop_placeholders(lines: list[str]) -> list[str]:
    """``lines`` without a template's Lorem-ipsum filler (a hidden demo block, empty slots of the
    theme: several lines of it), when the page has paragraphs of its own beside it: a page of
    filler, or one line of it among the page's own, stays."""
    filler = [bool(PLACEHOLDER.search(line)) for line in lines]
    own = [line for line, fill in zip(lines, filler, strict=True) if not fill]
    if sum(filler) < PLACEHOLDER_MIN_LINES or sum(map(is_prose, own)) < PLACEHOLDER_MIN_PROSE:
        return lines
    return [line for line, fill in zip(lines, filler, strict=True) if not fill]
