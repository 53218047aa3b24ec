"""A new sector is a new genre file: a 交通运输 genre (units 公里, 万标准箱, 人/万车; a falling
indicator of its own; no ``group_terms``) written beside the genre files the build reads, and
a small invented plan of that sector, get indicator links and findings with no code change.

The genre folder is a copy of ``generator/genres/`` in a temporary folder with the new file
added (``generator.config.genre.GENRES`` names the folder the build reads genre files from).
Every expected value below is read from ``PLAN`` and ``TRANSPORT``.
"""
from __future__ import annotations

import json
import shutil
import textwrap

import pytest

from conftest import make_content
from generator.build import build
from generator.config import genre as genre_module

TRANSPORT = textwrap.dedent("""\
    name: transport
    title: 交通运输
    extends: general
    title_words: [交通运输]
    units: [万标准箱, 标准箱, 人/万车]
    falling: [超限超载率]
    """)

META = textwrap.dedent("""\
    title: 某市“十四五”综合交通运输发展规划
    issuer: 某市人民政府
    doc_number: 某政发〔2022〕9号
    date: 2022-03-01
    source: plan.txt
    genre: transport
    """)

PLAN = textwrap.dedent("""\
    第一章 发展基础
    “十三五”期间，全市高速公路通车里程达到1000公里，港口集装箱吞吐量达到80万标准箱。
    第二章 发展目标
    到2025年，高速公路通车里程达到1200公里，公路货运量达到3500万吨，道路运输事故死亡率控制在1.5人/万车以下。
    表1 某市“十四五”交通运输发展指标
    | 领域 | 指标 | 属性 | 2020年 | 2025年 |
    |---|---|---|---|---|
    | 基础设施 | 高速公路通车里程（公里） | 预期性 | 1000 | 1200 |
    | 运输服务 | 港口集装箱吞吐量（万标准箱） | 预期性 | 80 | 120 |
    | | 公路货运量（万吨） | 预期性 | 3000 | 3600 |
    | 安全发展 | 道路运输事故死亡率（人/万车） | 约束性 | 2.1 | 1.5 |
    | | 货车超限超载率（%） | 约束性 | 2 | 0.5 |
    第三章 主要任务
    第一节 完善基础设施
    加快高速公路建设，高速公路通车里程达到1200公里。
    第二节 提升运输服务
    港口集装箱吞吐量达到120万标准箱。
    提高公路货运量。
    第三节 强化安全发展
    强化安全监管，降低道路运输事故死亡率。
    道路运输事故死亡率下降到1.5人/万车。
    """)


@pytest.fixture
def transport_site(tmp_path, monkeypatch, segmenter):
    """The plan built with the genre files of generator/genres/ and transport.yml."""
    genres = tmp_path / "genres"
    shutil.copytree(genre_module.GENRES, genres)
    (genres / "transport.yml").write_text(TRANSPORT, encoding="utf-8")
    monkeypatch.setattr(genre_module, "GENRES", genres)
    out = tmp_path / "site"
    result = build(make_content(tmp_path, PLAN, META), out, segmenter=segmenter)
    return result, json.loads((out / "data" / "plan.json").read_text(encoding="utf-8"))


def _indicator_links(data: dict) -> list[tuple[str, str, str]]:
    return [(link["from"], link["role"], link["why"].split("：", 1)[-1])
            for link in data["links"] if link["kind"] == "indicator"]


def test_a_new_sectors_genre_file_links_its_indicators(transport_site):
    _, data = transport_site
    assert sorted(_indicator_links(data)) == sorted([
        # 公里 and 万标准箱 are units of the genre files (general.yml, transport.yml), not of the code
        ("ind_1", "baseline", "“十三五”期间，全市高速公路通车里程达到1000公里"),
        ("ind_2", "baseline", "港口集装箱吞吐量达到80万标准箱"),
        ("ind_1", "target", "到2025年，高速公路通车里程达到1200公里"),
        ("ind_3", "target", "公路货运量达到3500万吨"),
        ("ind_4", "target", "道路运输事故死亡率控制在1.5人/万车以下"),
        ("ind_1", "target", "高速公路通车里程达到1200公里"),
        ("ind_2", "target", "港口集装箱吞吐量达到120万标准箱"),
        # raising a quantity (a name ending with a genre unit_word: 量), no figure: a direction
        ("ind_3", "direction", "提高公路货运量"),
        # lowering a falling indicator's rate, no figure: a direction (genre falling_verbs)
        ("ind_4", "direction", "降低道路运输事故死亡率"),
        ("ind_4", "target", "道路运输事故死亡率下降到1.5人/万车"),
    ])


def test_a_new_sectors_figures_are_compared_with_its_table(transport_site):
    _, data = transport_site
    # 3500万吨 against the table's 3600; 下降到1.5人/万车 is at most 1.5 and agrees; the
    # 超限超载率 falling from 2% to 0.5% is no target below its baseline (transport.yml falling)
    assert [(f["kind"], f["message"]) for f in data["findings"]] == [
        ("indicator-target", "运输服务公路货运量：指标表 2025年 3600万吨，正文 3500万吨"),
    ]


def test_a_genre_without_group_terms_is_said_to_place_by_the_tables_labels(transport_site):
    result, _ = transport_site
    notes = [d for d in result.report.items if d.code == "group-unworded"]
    assert [d.message.split("”")[0].split("“")[1] for d in notes] == ["基础设施", "运输服务", "安全发展"]
