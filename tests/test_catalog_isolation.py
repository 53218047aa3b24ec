"""Plans kept apart: two different plans built into one site give each plan exactly the
pages it gets alone (every cross-reference is keyed by plan and node, and every plan has a
chp_1__sec_1), and no page of one links into the other."""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from posixpath import dirname, normpath, join

import pytest

from conftest import SEED_DIR
from generator.build import build
from generator.search.segment import Segmenter  # a fresh one: build() adds the plans' terms to it
from realplans import REALPLANS

pytestmark = pytest.mark.skipif(REALPLANS is None, reason="../shared/realplans/ is not beside this checkout")
HREF = re.compile(r'href="([^"#?]*)')


def _build(tmp_path: Path, name: str, folders: list[Path]) -> Path:
    content = tmp_path / name / "content"
    content.mkdir(parents=True)
    for folder in folders:
        shutil.copytree(folder, content / folder.name)
    out = tmp_path / name / "_site"
    assert build(content, out, segmenter=Segmenter()).written
    return out


def test_two_plans_in_one_site_keep_their_own_pages_and_links(tmp_path):
    seed, zhijiao = SEED_DIR, REALPLANS / "zhijiao"
    together = _build(tmp_path, "both", [seed, zhijiao])
    for folder, other in ((seed, zhijiao), (zhijiao, seed)):
        alone = _build(tmp_path, folder.name, [folder])
        pages = sorted(p.relative_to(alone) for p in (alone / folder.name).glob("*.html"))
        assert pages
        for page in pages:
            html = (together / page).read_text(encoding="utf-8")
            assert html == (alone / page).read_text(encoding="utf-8"), page
            for href in HREF.findall(html):
                target = normpath(join(dirname(page.as_posix()), href)) if href else page.as_posix()
                assert not target.startswith(f"{other.name}/"), (page, href)
    # a plan printing no indicator table (zhijiao) offers no indicator CSV; both are education plans
    # (zhijiao's plan.yml sets no genre and its title names 教育), so both offer the 学段 filter
    about = (together / "about.html").read_text(encoding="utf-8")
    assert "data/zhijiao-indicators.csv" not in about
    assert f"data/{seed.name}-indicators.csv" in about
    assert 'id="search-st"' in (together / "zhijiao" / "search.html").read_text(encoding="utf-8")
    assert 'id="search-st"' in (together / seed.name / "search.html").read_text(encoding="utf-8")
