"""Issue 19's three public bug reports, reproduced on a small plan in headless Chromium:

- cozydev-pink/protosearch#284: marks on the opened clause follow the literal text while
  the search folds it (case, full width, traditional forms);
- shuding/nextra#3156: a search (and an address change) at every step of an IME composition;
- sourcegraph-public-snapshot#28845: Back after 显示更多结果 lists the first page only and
  loses the place (the page is served with ``no-store``: no back/forward cache).
"""
from __future__ import annotations

import functools
import http.server
import textwrap
import threading
from urllib.parse import quote, unquote

import pytest

from browser import QuietHandler
from conftest import META, make_content

DONE = "document.getElementById('search-results').getAttribute('aria-busy') === 'false'"
SCHOOLS = 32  # paragraphs saying 学校建设 (第二节): more than the 20 results of a page
PLAN = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 课程建设

    开设STEM课程，建设创客空间。

    关心中小學生身心健康。

    新建公办幼儿园１２０所。

    第二节 学校建设

    """) + "\n".join(f"推进第{n}批学校建设，改善办学条件。\n" for n in range(1, SCHOOLS + 1))


class NoStoreHandler(QuietHandler):
    """Every response says ``Cache-Control: no-store`` (no back/forward cache, as some servers send)."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@pytest.fixture(scope="module")
def site(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("reports")
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”教育改革与发展规划")
    out = root / "site"
    result = build(make_content(root, PLAN, meta), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    handler = functools.partial(NoStoreHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture
def page(browser):
    # Playwright evaluates the tests' string predicates (wait_for_function) in the page, which
    # the site's CSP forbids (no 'unsafe-eval'): a page error now and then. The policy itself
    # is tested in test_csp_browser.py.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def opened_marks(page, site, query: str) -> list[str]:
    page.goto(f"{site}search.html?q={quote(query)}")
    page.wait_for_function(DONE)
    page.click("#search-results li a.result-title")
    page.wait_for_load_state()
    return page.eval_on_selector_all(":target mark.searched", "marks => marks.map(m => m.textContent)")


@pytest.mark.parametrize("query, marked", [
    ("STEM课程", ["STEM课程"]),  # lower case in the index, capitals on the page
    ("中小学生", ["中小學生"]),  # the plan prints the traditional form
    ("120所", ["１２０所"]),  # and full-width digits
])
def test_browser_marks_on_the_opened_clause_fold_as_the_index_does(page, site, query, marked):
    assert opened_marks(page, site, query) == marked


def test_browser_no_search_and_no_address_change_while_an_ime_composes(page, site):
    page.goto(f"{site}search.html")
    page.wait_for_function(DONE)
    page.evaluate("""() => {
        window.searchesRun = 0;
        const list = document.getElementById('search-results');
        const set = list.setAttribute.bind(list);  // a search starts by setting aria-busy="true"
        list.setAttribute = (name, value) => {
            window.searchesRun += name === 'aria-busy' && value === 'true' ? 1 : 0;
            set(name, value);
        };
        const input = document.getElementById('search-q');
        input.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));
        for (const step of ['x', 'xue', 'xueq', 'xueqian', '学前']) {
            input.value = step;
            input.dispatchEvent(new InputEvent('input', {isComposing: true, data: step, inputType: 'insertCompositionText'}));
        }
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.searchesRun") == 0
    assert page.evaluate("location.search") == ""
    page.evaluate("""() => {
        const input = document.getElementById('search-q');
        input.dispatchEvent(new CompositionEvent('compositionend', {data: '学前'}));
    }""")
    page.wait_for_function(DONE)
    assert unquote(page.evaluate("location.search")) == "?q=学前"
    assert page.evaluate("window.searchesRun") == 1


def test_browser_back_restores_the_listed_results_and_the_place(page, site):
    page.goto(f"{site}search.html?q={quote('学校建设')}")
    page.wait_for_function(DONE)
    assert page.eval_on_selector_all("#search-results > li", "items => items.length") == 20
    page.click("#search-more")
    page.wait_for_function(DONE)
    listed = page.eval_on_selector_all("#search-results > li a.result-title", "links => links.map(a => a.href)")
    assert len(listed) == SCHOOLS + 1  # the heading 第二节 学校建设 and its paragraphs
    thirtieth = page.locator("#search-results > li").nth(29)
    thirtieth.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    thirtieth.locator("a.result-title").click()
    page.wait_for_load_state()
    assert page.url == listed[29]
    page.go_back()
    page.wait_for_function(DONE)
    page.wait_for_timeout(100)
    assert page.eval_on_selector_all("#search-results > li a.result-title", "links => links.map(a => a.href)") == listed
    assert page.evaluate("window.scrollY") == scrolled


GENERAL_PLAN = textwrap.dedent("""\
    某市政务服务规划

    第一章 主要任务

    推进学校周边政务服务点建设。
    """)


@pytest.fixture(scope="module")
def two_genres(tmp_path_factory, segmenter):
    """A catalog of an education plan (stages) and a plan read as general (no stages)."""
    from generator.build import build

    root = tmp_path_factory.mktemp("genres")
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”教育改革与发展规划")
    make_content(root, PLAN, meta, slug="edu")
    general = META.replace("朔州市“十四五”教育改革与发展规划", "某市政务服务规划").replace("genre: education", "genre: general")
    content = make_content(root, GENERAL_PLAN, general, slug="gov")
    out = root / "site"
    result = build(content, out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    return out


def test_browser_a_plan_without_stages_is_named_outside_the_stage_filter(page, two_genres):
    """学校建设 under the 学前教育 stage: the general plan cannot be placed in a stage; the
    status line names it instead of dropping it silently (issue 19, filters)."""
    page.goto((two_genres / "search.html").as_uri() + "?q=" + quote("学校") + "&st=preschool")
    page.wait_for_function(DONE)
    assert page.input_value("#search-st") == "preschool"
    assert "《某市政务服务规划》不分学段，不在学段筛选之内" in page.inner_text("#search-status")
