"""``--keep-going``: a catalog with one failing plan. Without it the build stops (exit 2, the
previous site untouched); with it the other plans are built and published, the failed plan
keeps its pages of the previous site (or stays out when it has none), the summary names it
and the exit status is 1."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, run_build
from realplans import REALPLANS

if REALPLANS is None:
    pytest.skip("the real plans (../shared/realplans) are not beside the checkout", allow_module_level=True)
ZHIJIAO = REALPLANS / "zhijiao"
LAST_SENTENCE = "推动落实《中华人民共和国职业教育法》，为职业教育改革创新提供重要的制度保障。"


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def plan(content: Path, slug: str, text: str) -> None:
    folder = content / slug
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ZHIJIAO / "plan.yml", folder / "plan.yml")
    (folder / "plan.txt").write_text(text, encoding="utf-8")


def catalog(tmp_path: Path) -> tuple[Path, Path, str]:
    """Two good plans (alpha, beta) built once into ``out``; returns (content, out, text)."""
    text = (ZHIJIAO / "plan.txt").read_text(encoding="utf-8")
    assert text.rstrip().endswith(LAST_SENTENCE)
    content, out = tmp_path / "content", tmp_path / "site"
    plan(content, "alpha", text)
    plan(content, "beta", text)
    assert run_build(content, out, "--no-cache").returncode == 0
    return content, out, text


def test_one_failing_plan_stops_the_catalog_by_default(tmp_path):
    content, out, text = catalog(tmp_path)
    before = files(out)
    plan(content, "beta", text.rstrip()[: -len("提供重要的制度保障。")])  # ends mid-sentence
    result = run_build(content, out, "--no-cache")
    assert result.returncode == 2
    assert "beta/plan.txt" in result.stderr and "error:" in result.stderr
    assert files(out) == before


def test_keep_going_publishes_the_others_and_keeps_the_failed_plans_pages(tmp_path):
    content, out, text = catalog(tmp_path)
    before = files(out)
    plan(content, "alpha", text.replace("重要的制度保障", "坚实的制度保障"))
    plan(content, "beta", text.rstrip()[: -len("提供重要的制度保障。")])
    result = run_build(content, out, "--no-cache", "--keep-going")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "built without 1 failed plan(s): beta (previous pages kept)" in result.stdout
    after = files(out)
    beta = {path for path in before if path.startswith("beta/")} | {
        "data/beta.json", "data/beta-indicators.csv", "search/plan-beta.js"}
    assert {path: after.get(path) for path in beta} == {path: before[path] for path in beta}
    alpha = after["data/alpha.json"].decode("utf-8")
    assert "坚实的制度保障" in alpha and "重要的制度保障" not in alpha


def test_keep_going_leaves_out_a_failed_plan_without_previous_pages(tmp_path):
    content, out, text = catalog(tmp_path)
    plan(content, "gamma", text.rstrip()[: -len("提供重要的制度保障。")])
    result = run_build(content, out, "--no-cache", "--keep-going")
    assert result.returncode == 1
    assert "gamma (left out: no previous pages)" in result.stdout
    after = files(out)
    assert [path for path in after if "gamma" in path] == []
    assert "alpha/index.html" in after and "beta/index.html" in after


def test_keep_going_with_every_plan_failing_builds_nothing(tmp_path):
    content, out, text = catalog(tmp_path)
    before = files(out)
    for slug in ("alpha", "beta"):
        plan(content, slug, text.rstrip()[: -len("提供重要的制度保障。")])
    result = run_build(content, out, "--no-cache", "--keep-going")
    assert result.returncode == 2
    assert files(out) == before


def test_help_says_the_exit_status():
    import subprocess
    import sys

    shown = subprocess.run([sys.executable, "-m", "generator", "build", "--help"], cwd=ROOT,
                           capture_output=True, text=True).stdout
    assert "--keep-going" in shown and "exit status 1" in " ".join(shown.split())
