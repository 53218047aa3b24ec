"""Which stages of education (学前教育, 义务教育, …) each measure, project and indicator concerns.

The rule, applied to measures, items and projects: a node concerns a stage when
its own text, or the title of any heading above it (chapter, section, point,
专栏), contains one of the stage's terms. Headings carry their stage down: every
paragraph under “一、持续扩大普惠幼儿园规模” concerns 学前教育, even one that never
says 幼儿园. Indicators concern the stage of their table group. A node may
concern several stages.
"""
from __future__ import annotations

from dataclasses import dataclass

from .records import Indicator, Node, Plan


@dataclass(frozen=True)
class Stage:
    slug: str
    name: str
    terms: tuple[str, ...]
    table_stages: tuple[str, ...] = ()  # indicator-table groups (stage or substage) it covers


STAGES = (
    Stage("preschool", "学前教育", ("学前", "幼儿园", "幼儿", "入园", "托幼", "保教", "普惠园", "公办园", "幼小"),
          ("学前教育",)),
    Stage("compulsory", "义务教育", ("义务教育", "小学", "初中", "中小学", "双减", "课后服务", "随迁子女", "留守儿童"),
          ("九年义务教育", "义务教育")),
    Stage("high-school", "普通高中", ("普通高中", "高中", "高考", "选课走班"), ("高中阶段教育", "普通高中")),
    Stage("vocational", "职业教育", ("职业教育", "职业院校", "职业学校", "职业技术", "高职", "中职", "职教", "产教融合",
                                  "校企", "双师型", "技能"), ("职业教育", "高等职业教育")),
    Stage("higher", "高等教育", ("高等教育", "高校", "大学", "本科", "山西工学院", "高等学校", "高职高专", "一本三专"),
          ("高等教育", "本科教育", "高等职业教育")),
    Stage("special", "特殊教育", ("特殊教育", "特教", "残疾", "随班就读", "送教上门", "融合教育", "自闭症"),
          ("特殊教育",)),
    Stage("teachers", "教师队伍", ("教师", "校长", "师德", "师资", "教研员", "班主任"), ()),
    Stage("digital", "教育信息化", ("信息化", "数字", "智慧", "大数据", "在线", "互联网", "人工智能", "网络"), ()),
    Stage("lifelong", "终身学习", ("终身", "继续教育", "社区教育", "老年教育", "学习型社区", "家庭教育"), ()),
)

TEXT_KINDS = ("measure", "item", "project")


def assign_stages(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Stage slugs of every measure, item, project and indicator, by node id."""
    by_id = plan.index()
    result: dict[str, tuple[str, ...]] = {}
    for node in plan.nodes:
        if isinstance(node, Indicator):
            groups = {node.stage, node.substage}
            result[node.id] = tuple(s.slug for s in STAGES if groups & set(s.table_stages))
        elif node.kind in TEXT_KINDS:
            text = _text_with_headings(node, by_id)
            result[node.id] = tuple(s.slug for s in STAGES if any(term in text for term in s.terms))
    return result


def _text_with_headings(node: Node, by_id: dict[str, Node]) -> str:
    parts = [node.own_chars()]
    parent = node.parent
    while parent is not None:
        ancestor = by_id[parent]
        parts.append(ancestor.title or "")
        parent = ancestor.parent
    return " ".join(parts)
