"""Data Docs open offline: styles and scripts come from the site, and a browser applies them."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from factory import RUN_DATE

from sitrep.quality import run_gate
from sitrep.quality.offline_docs import CDN_FILES

REPO = Path(__file__).resolve().parents[2]
ASSET_REF = re.compile(r"""(?:<link[^>]*href|<script[^>]*src)=["']([^"']+)["']""")


@pytest.fixture(scope="module")
def docs(good_warehouse, tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("docs")
    warehouse = tmp / "build.duckdb"
    shutil.copyfile(good_warehouse, warehouse)
    result = run_gate(
        warehouse,
        run_date=RUN_DATE,
        run_id="docs-run",
        expectations_dir=REPO / "expectations",
        docs_dir=tmp / "docs",
        raw_dir=tmp / "no-raw",
    )
    assert result.docs_path is not None
    return result.docs_path.parent


def test_every_page_loads_its_assets_from_the_site(docs):
    pages = list(docs.rglob("*.html"))
    assert len(pages) >= 2  # the index and at least one validation page
    for page in pages:
        refs = ASSET_REF.findall(page.read_text(encoding="utf-8"))
        assert refs, page
        for ref in refs:
            assert "://" not in ref, f"{page.name} still loads {ref} from the internet"
            assert (page.parent / ref).resolve().is_file(), f"{page.name}: {ref} is missing"


def test_gx_templates_ask_for_no_asset_we_do_not_ship():
    """A GX upgrade that adds a CDN file fails here, not silently in an analyst's browser."""
    import great_expectations

    templates = Path(great_expectations.__file__).parent / "render" / "view" / "templates"
    wanted = set()
    for template in templates.rglob("*"):
        if template.is_file():
            wanted |= set(ASSET_REF.findall(template.read_text(encoding="utf-8", errors="ignore")))
    remote = {u for u in wanted if u.startswith("http")}
    assert remote, "GX templates moved: update the test"
    assert remote <= set(CDN_FILES), sorted(remote - set(CDN_FILES))


def test_browser_applies_bootstrap_without_network(docs):
    browser = next(
        (shutil.which(n) for n in ("chromium", "chromium-browser") if shutil.which(n)), None
    )
    if browser is None:
        pytest.skip("no chromium binary: `apt-get install -y chromium` to run the browser check")
    index = docs / "index.html"
    probe = docs / "probe.html"  # the index plus a line that reports what the browser applied
    probe.write_text(
        index.read_text(encoding="utf-8").replace(
            "</body>",
            "<script>window.addEventListener('load', () => { document.body.dataset.probe ="
            " [getComputedStyle(document.body).fontFamily.split(',')[0],"
            " typeof window.jQuery, typeof window.jQuery.fn.bootstrapTable].join('|'); });"
            "</script></body>",
        ),
        encoding="utf-8",
    )
    dom = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: the network is gone
            "--virtual-time-budget=5000",
            "--dump-dom",
            probe.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert dom.returncode == 0, dom.stderr[-2000:]
    found = re.search(r'data-probe="([^"]*)"', dom.stdout)
    assert found, dom.stdout[:2000]
    font, jquery, table = found.group(1).split("|")
    assert font == "-apple-system"  # Bootstrap 4's font stack, not the browser's serif default
    assert (jquery, table) == ("function", "function")
