"""Make GX Data Docs open offline: their CDN stylesheets and scripts, served from the site itself.

GX's page templates load Bootstrap, jQuery, Font Awesome and Vega from public CDNs, so on a
machine without internet the docs render as unstyled text. The same files (same versions, from
the npm registry, licences beside them) ship in ``docs_assets/``; after each build they are
copied into ``<site>/static/vendor/`` and every page's CDN address is rewritten to a relative path.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

ASSETS = Path(__file__).with_name("docs_assets")
VENDOR = Path("static") / "vendor"

_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs/"
_JSDELIVR = "https://cdn.jsdelivr.net/npm/"
# CDN address in GX's templates -> file under docs_assets/ (GX 1.x templates; see the test).
CDN_FILES: dict[str, str] = {
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css": (
        "bootstrap/4.3.1/css/bootstrap.min.css"
    ),
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js": (
        "bootstrap/4.3.1/js/bootstrap.min.js"
    ),
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery/3.7.1/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js": (
        "popper.js/1.12.9/umd/popper.min.js"
    ),
    _CDNJS + "bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css": (
        "bootstrap-datepicker/1.9.0/css/bootstrap-datepicker.min.css"
    ),
    _CDNJS + "bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js": (
        "bootstrap-datepicker/1.9.0/js/bootstrap-datepicker.min.js"
    ),
    _JSDELIVR + "@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.css": (
        "bootstrap-dark/1.1.0/css/bootstrap-prefers-dark.css"
    ),
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css": (
        "font-awesome/6.6.0/css/all.min.css"
    ),
    "https://cdn.jsdelivr.net/npm/vega@5": "vega/5/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite/5/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed/6/vega-embed.min.js",
}
for _version in ("1.19.0", "1.19.1"):
    _base = f"https://unpkg.com/bootstrap-table@{_version}/dist/"
    for _name in (
        "bootstrap-table.min.css",
        "bootstrap-table.min.js",
        "extensions/filter-control/bootstrap-table-filter-control.css",
        "extensions/filter-control/bootstrap-table-filter-control.min.css",
        "extensions/filter-control/bootstrap-table-filter-control.min.js",
    ):
        CDN_FILES[_base + _name] = f"bootstrap-table/{_version}/{_name}"

_ASSET = re.compile(r"""(?P<attr>href|src)=(?P<q>["'])(?P<url>[^"'#]+)(?P=q)""")
_SITE_STATIC = re.compile(r"^(?:\.\./)*static/(?P<path>.+)$")


def make_offline(site_dir: Path) -> list[str]:
    """Vendor the assets into ``site_dir`` and point every page at them.

    Also repairs GX's own ``static/`` links, which it writes one level too shallow on validation
    pages of batches without an id. Returns the CDN addresses still left in the pages (an asset
    a newer GX added that we do not ship yet), so the caller can log them.
    """
    site_dir = Path(site_dir)
    target = site_dir / VENDOR
    shutil.copytree(ASSETS, target, dirs_exist_ok=True)
    left: set[str] = set()
    for page in site_dir.rglob("*.html"):
        vendor = os.path.relpath(target, page.parent)
        static = os.path.relpath(site_dir / "static", page.parent)
        text = page.read_text(encoding="utf-8")

        def local(match: re.Match[str], vendor: str = vendor, static: str = static) -> str:
            url, quote = match.group("url"), match.group("q")
            if url in CDN_FILES:
                url = f"{vendor}/{CDN_FILES[url]}"
            elif own := _SITE_STATIC.match(url):
                url = f"{static}/{own.group('path')}"
            elif "://" in url:
                left.add(url)
            return f"{match.group('attr')}={quote}{url}{quote}"

        new = _ASSET.sub(local, text)
        if new != text:
            page.write_text(new, encoding="utf-8")
    return sorted(u for u in left if _is_asset(u))


def _is_asset(url: str) -> bool:
    """Stylesheets and scripts matter offline; links to web pages (GX's newsletter) do not."""
    return any(host in url for host in ("cdn", "unpkg.com", "code.jquery.com"))
