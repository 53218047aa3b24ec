"""A plan with parts (第X篇) above its chapters, built into a site."""
from __future__ import annotations

import textwrap

from conftest import make_content
from generator.build import build
from generator.search.segment import Segmenter  # a fresh one: build() adds the plans' terms to it

META = textwrap.dedent("""\
    title: 某市“十四五”交通发展规划
    issuer: 某市人民政府
    doc_number: 某政发〔2022〕5号
    date: 2022-03-01
    source: plan.txt
    """)
TEXT = textwrap.dedent("""\
    某市“十四五”交通发展规划
    第一篇 发展基础
    第一章 发展成效
    全市公路总里程达到1万公里。
    第二篇 主要任务
    第二章 扩大路网
    第一节 新建公路
    到2025年，新建公路500公里。
    """)


def test_parts_head_their_chapters_in_the_contents(tmp_path):
    content = make_content(tmp_path, TEXT, META, slug="roads")
    out = tmp_path / "site"
    assert build(content, out, segmenter=Segmenter()).written
    html = (out / "roads" / "index.html").read_text(encoding="utf-8")
    order = [html.index(s) for s in ("第一篇 发展基础", "第一章 发展成效", "第二篇 主要任务", "第二章 扩大路网")]
    assert order == sorted(order)
    chapter = (out / "roads" / "chp_2.html").read_text(encoding="utf-8")
    assert "到2025年，新建公路500公里。" in chapter and 'id="chp_2__sec_1__para_1"' in chapter


def test_a_plan_without_notice_or_printed_pages_says_neither(tmp_path):
    content = make_content(tmp_path, TEXT, META, slug="roads")
    out = tmp_path / "site"
    assert build(content, out, segmenter=Segmenter()).written
    html = (out / "roads" / "index.html").read_text(encoding="utf-8")
    assert "印发通知" not in html and "印刷版页码" not in html
    assert '<h2 id="notice-h">标题</h2>' in html
