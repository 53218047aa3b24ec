"""The phases of a plan's build (generator/phases.py): each takes its predecessor's result
and nothing else, and hands on a new value."""
from __future__ import annotations

import pytest

from conftest import ROOT, SEED_DIR
from generator import phases
from generator.structure.diagnostics import Report
from generator.phases import PhaseOrderError


@pytest.fixture(scope="module")
def chain(segmenter):
    """Every phase's result for the seed, in order."""
    report = Report()
    read = phases.read(SEED_DIR, ROOT / "content", report)
    parsed = phases.parse(read, report)
    checked = phases.check(parsed, report, segmenter)
    linked = phases.link(checked, report, segmenter)
    paginated = phases.paginate(linked, report, segmenter)
    indexed = phases.index(paginated, segmenter)
    return {"read": read, "parsed": parsed, "checked": checked, "linked": linked,
            "paginated": paginated, "indexed": indexed}


# each phase, the result it takes, and how to call it with some value
CALLS = {
    "parse": ("read", lambda value, seg: phases.parse(value, Report())),
    "check": ("parsed", lambda value, seg: phases.check(value, Report(), seg)),
    "link": ("checked", lambda value, seg: phases.link(value, Report(), seg)),
    "paginate": ("linked", lambda value, seg: phases.paginate(value, Report(), seg)),
    "index": ("paginated", lambda value, seg: phases.index(value, seg)),
    "render": ("indexed", lambda value, seg: phases.render(value, None, [], None)),
}


@pytest.mark.parametrize("phase", list(CALLS))
def test_each_phase_refuses_every_result_but_its_predecessors(chain, segmenter, phase):
    takes, call = CALLS[phase]
    for name, value in chain.items():
        if name != takes:
            with pytest.raises(PhaseOrderError, match=phase):
                call(value, segmenter)
    with pytest.raises(PhaseOrderError):
        call(chain[takes].__dict__ if hasattr(chain[takes], "__dict__") else None, segmenter)


def test_the_phases_hand_on_the_plan_they_were_given(chain):
    plan = chain["parsed"].plan
    assert chain["checked"].plan is plan
    assert chain["paginated"].pages.plan is chain["linked"].plan
    assert chain["indexed"].paginated is chain["paginated"]
    # a 专栏 project of the seed, kept whole by the index (plan_terms)
    assert "课后服务质量保障体系建设行动" in chain["paginated"].terms


def test_the_index_phase_keeps_the_plans_terms_to_itself(chain, segmenter):
    """The plan's terms are added to a new segmenter: the one passed in cuts as before."""
    term = "课后服务质量保障体系建设行动"
    assert term in chain["indexed"].words.terms
    assert term not in segmenter.cut(f"推进{term}。")
    assert term in segmenter.with_words([term]).cut(f"推进{term}。")


def test_a_phase_that_reports_an_error_stops_the_plan(tmp_path):
    report = Report()
    folder = tmp_path / "content" / "empty-plan"
    folder.mkdir(parents=True)
    assert phases.read(folder, tmp_path / "content", report) is None
    assert report.errors


def test_a_plan_the_check_phase_rejects_goes_no_further(tmp_path, segmenter):
    """A notice with no division heading parses, but check reports no-chapters: the check
    phase gives None, so link never runs on it."""
    from conftest import make_content

    content = make_content(tmp_path, "关于印发的通知\n各县区人民政府：\n现将规划印发给你们。\n")
    report = Report()
    parsed = phases.parse(phases.read(content / "plan", content, report), report)
    assert parsed is not None and not report.errors
    assert phases.check(parsed, report, segmenter) is None
    assert [d.code for d in report.errors] == ["no-chapters"]
