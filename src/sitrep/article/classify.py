"""Is this page an article? Index pages, video pages, paywall stubs, cookie walls, empty bodies.

Why hand-written: trafilatura extracts whatever text a page has; deciding that the result is not a
news article (and saying why) needs page-level evidence it does not report.
"""

from __future__ import annotations

import re

MIN_WORDS = 25  # fewer words than a short wire item: nothing to code
MIN_WORDS_DECLARED_ARTICLE = 10  # og:type=article pages may be very short briefs

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
    link_text_ratio: float | None = None,
    linked_share: float = 0.0,
    headline_links: int = 0,
    video_players: int = 0,
    raw_text: str = "",
) -> str | None:
    """The reason a page is not an article, or ``None`` when it reads as one.

    ``link_text_ratio``: share of the page's visible words inside links; ``linked_share``: share
    of the extracted text that is link text (teaser lists); ``headline_links``: links whose
    anchor text reads like a headline; ``raw_text``: all visible text (for walls whose message
    trafilatura drops).
    """
    words = len(text.split())
    kind = (page_type or "").lower()
    minimum = MIN_WORDS_DECLARED_ARTICLE if kind == "article" else MIN_WORDS
    if words < minimum:
        if _COOKIE_WALL.search(raw_text or text):
            return "cookie wall: the page shows only a cookie/consent notice"
        if _PAYWALL.search(raw_text or text):
            return "paywall stub: the text is behind a subscription"
        if kind.startswith("video") or video_players:
            return f"video page: a video player and {words} words of text"
        if (url_path is not None and _NAV_PATH.search(url_path)) or headline_links >= 10:
            return f"index page: {headline_links} headline links, {words} words of text"
        return f"empty body: {words} words of article text (at least {minimum} expected)"
    if words < 250 and _PAYWALL.search(text[-1500:]):
        return "paywall stub: a teaser followed by a subscription prompt"
    if kind.startswith("video") and words < 150:
        return f"video page: og:type {page_type} with {words} words of text"
    if video_players and words < 120:
        return f"video page: a video player and {words} words of text"
    nav_path = url_path is not None and bool(_NAV_PATH.search(url_path))
    if headline_links >= 8 and linked_share >= (0.3 if nav_path else 0.5) and kind != "article":
        return (
            f"index page: {linked_share:.0%} of the text is headline links "
            f"({headline_links} on the page)"
        )
    return None
