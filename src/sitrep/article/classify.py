"""Is this page an article? Section fronts and index pages, video pages, paywall stubs, cookie
walls, empty pages. Never a verdict from length alone.

Why hand-written: trafilatura extracts whatever text a page has; deciding that the result is not a
news article (and saying why) needs page-level evidence it does not report.
"""

from __future__ import annotations

import re

from sitrep.article.text_utils import word_count

# Below these, a wall's or an index's markers on the page outweigh the little text there is;
# a short text with no such marker is still news (a wire brief).
MIN_WORDS = 25
MIN_WORDS_DECLARED_ARTICLE = 10

_PAYWALL = re.compile(
    r"subscribe (?:now )?to (?:continue|keep) reading|subscribers? only|for subscribers"
    r"|(?:already a subscriber|already have an account)\??\s*(?:log|sign) ?in"
    r"|this (?:article|content|story) is (?:only )?(?:available|reserved|exclusive) (?:to|for)"
    r" (?:subscribers|members|premium)"
    r"|(?:start|get) (?:your )?(?:free )?(?:trial|unlimited access)|premium (?:article|content)"
    r"|you(?:'ve| have) (?:reached|used) (?:your|all)[\w ]{0,20} (?:free )?(?:articles?|limit)"
    r"|to (?:continue|keep) reading,? (?:please )?(?:subscribe|log ?in|sign ?in|register)",
    re.IGNORECASE,
)
_COOKIE_WALL = re.compile(
    r"(?:we|this (?:site|website)) uses? cookies|cookie (?:policy|settings|preferences|consent)"
    r"|accept (?:all )?cookies|manage (?:your )?(?:cookie|privacy) (?:settings|preferences|choices)"
    r"|(?:your|we value your) privacy|consent to (?:the use of )?(?:cookies|our partners)"
    r"|before you continue",
    re.IGNORECASE,
)
_NAV_PATH = re.compile(
    r"/(?:tags?|topics?|category|categories|section|sections|author|authors|archives?|search"
    r"|page/\d+|latest|index)(?:/|\.html?$|$)|^/?$",
    re.IGNORECASE,
)


def classify_page(
    text: str,
    *,
    page_type: str | None = None,
    url_path: str | None = None,
    linked_share: float = 0.0,
    headline_links: int = 0,
    video_players: int = 0,
    raw_text: str = "",
    teaser_blocks: int = 0,
    teaser_share: float = 0.0,
    opens_with_teaser: bool = False,
) -> str | None:
    """The reason a page is not an article, or ``None`` when it reads as one.

    The verdict comes from what the page is (cookie wall, paywall stub, video page, index or
    section front, nothing at all), never from length alone: a two-line brief is news.
    ``linked_share``: share
    of the extracted text that is link text; ``headline_links``: links whose anchor text reads
    like a headline; ``teaser_blocks``: repeated sibling blocks that each hold one headline link
    (a section front's teasers); ``teaser_share``: share of the extracted text inside them;
    ``raw_text``: all visible text (for walls whose message trafilatura drops).
    """
    words = word_count(text)
    kind = (page_type or "").lower()
    minimum = MIN_WORDS_DECLARED_ARTICLE if kind == "article" else MIN_WORDS
    nav_path = url_path is not None and bool(_NAV_PATH.search(url_path))
    if words < MIN_WORDS_DECLARED_ARTICLE and _COOKIE_WALL.search(raw_text or text):
        return "cookie wall: the page shows only a cookie/consent notice"
    if words < 60 and _COOKIE_WALL.search(text):
        return "cookie wall: the text is a cookie/consent notice"
    if words < MIN_WORDS_DECLARED_ARTICLE and _PAYWALL.search(raw_text or text):
        return "paywall stub: the text is behind a subscription"
    if words < 250 and _PAYWALL.search(text[-1500:]):
        return "paywall stub: a teaser followed by a subscription prompt"
    if kind.startswith("video") and words < 150:
        return f"video page: og:type {page_type} with {words} words of text"
    if video_players and words < 120:
        return f"video page: a video player and {words} words of text"
    if words < minimum and (nav_path or headline_links >= 10):
        return f"index page: {headline_links} headline links, {words} words of text"
    if headline_links >= 8 and linked_share >= (0.3 if nav_path else 0.5) and kind != "article":
        return (
            f"index page: {linked_share:.0%} of the text is headline links "
            f"({headline_links} on the page)"
        )
    if teaser_blocks >= 5 and teaser_share >= 0.5 and (opens_with_teaser or teaser_share >= 0.8):
        return (
            f"section front: {teaser_share:.0%} of the text is in {teaser_blocks} teaser blocks"
            " (headline links with their summaries), no article body"
        )
    if words == 0:
        return "empty body: the page has no article text"
    return None
