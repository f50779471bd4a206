"""Each sample page shows the demo what sample/README.md says it shows, through the article stage.

The section index must come out as "not an article", the French page as French, and every article
with the publication date its gold is coded against (relative dates resolve from it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.article import parse_article

from .conftest import REPO, gold_files, load_gold

SECTION_INDEX = REPO / "sample" / "pages" / "levant-monitor-section-syria.html"
GOLD = gold_files()


def test_section_index_is_not_an_article() -> None:
    parsed = parse_article(SECTION_INDEX.read_bytes())
    assert not parsed.is_article, f"{SECTION_INDEX.name} was taken for an article"
    assert parsed.not_article_reason


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_article_page_parses_with_its_gold_date_and_language(gold_path: Path) -> None:
    gold = load_gold(gold_path)
    page = REPO / gold["input"]
    parsed = parse_article(page.read_bytes())
    assert parsed.is_article, f"{page.name}: {parsed.not_article_reason}"
    assert str(parsed.published) == gold["published"], f"{page.name}: {parsed.published}"
    expected = "fr" if "French" in gold["about"] else "en"
    assert parsed.language == expected, f"{page.name}: detected {parsed.language}"
    for s in gold["text_must_include"]:
        assert s in parsed.text, f"{page.name}: the article text lost {s!r}"
