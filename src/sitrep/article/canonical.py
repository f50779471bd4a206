"""Canonical URLs: one article, one URL, whatever tracking parameters a link carried."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import courlan

# Parameters that identify a campaign or a click, never the page (courlan keeps some of these).
_TRACKING = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|mc_cid|mc_eid|yclid|igshid|"
    r"_ga|_gl|ref|ref_src|referrer|cmpid|cmp|ocid|smid|sr_share|share|s_cid|icid|"
    r"at_medium|at_campaign|at_custom\d|xtor|ito|ns_\w+|mkt_tok|spm|__twitter_impression|"
    r"trk|trkCampaign)$",
    re.IGNORECASE,
)


def canonicalize_url(url: str) -> str:
    """Normalise a URL (courlan) and strip tracking parameters and fragments.

    Lower-cases scheme and host, drops default ports, sorts the remaining query parameters.
    A string that is not an http(s) URL is returned stripped, unchanged otherwise.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return url
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    rebuilt = urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))
    try:
        normalised = courlan.normalize_url(rebuilt, strict=False)
    except ValueError:
        normalised = rebuilt
    return normalised.rstrip("?")


def canonical_from_html(tree: object, base_url: str | None) -> str | None:
    """The page's own canonical URL: ``<link rel=canonical>``, else ``og:url``; made absolute."""
    try:
        hrefs = tree.xpath(  # type: ignore[attr-defined]
            "//link[contains(concat(' ', normalize-space(translate(@rel,"
            "'CANONICAL','canonical')), ' '), ' canonical ')]/@href"
            " | //meta[@property='og:url']/@content"
        )
    except Exception:  # a broken tree just has no canonical link
        return None
    for href in hrefs:
        href = str(href).strip()
        if not href:
            continue
        absolute = urljoin(base_url, href) if base_url else href
        if urlsplit(absolute).scheme in ("http", "https") and _plausible(absolute, base_url):
            return canonicalize_url(absolute)
    return None


def _plausible(canonical: str, fetched: str | None) -> bool:
    """A canonical link that names a home or section page for an article is a site bug.

    Trusting it would give every article of the site one URL (and one id): keep the fetched URL.
    """
    path = urlsplit(canonical).path.strip("/")
    fetched_path = urlsplit(fetched).path.strip("/") if fetched else ""
    if not path and fetched_path:
        return False
    return not (
        courlan.is_navigation_page(canonical) and not courlan.is_navigation_page(fetched or "")
    )
