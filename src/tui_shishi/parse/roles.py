"""Roles of lines and sentences, from the lexicon's cue words.

A line is a department line (``牵头单位:…``), a milestone line (``完成时限:…``) or a report
(``完成情况:…``) by its label; a sentence reports what was done (``截至6月底…``, ``已建成…``,
``占计划80.1%``, ``该件实事已全面完成``) rather than promise it. The content pass reads targets only
from what is not a report.
"""

from __future__ import annotations

import re

from tui_shishi import model
from tui_shishi.parse import departments, lexicon
from tui_shishi.parse.quantities import find_percents_of_plan
from tui_shishi.parse.text import fold


def _label(section: str, key: str) -> re.Pattern[str]:
    return re.compile(r"^\s*[(（]?\s*(" + lexicon.alternation(section, key) + r")\s*[:：]\s*")


def department_label(folded: str) -> tuple[str, int] | None:
    """(role, end of label) of a department line: ``牵头单位:市教育体育局``."""
    for role, key in ((model.ROLE_LEAD, "lead"), (model.ROLE_CO, "co"), (model.ROLE_RESPONSIBLE, "responsible")):
        m = _label("departments", key).match(folded)
        if m:
            return role, m.end()
    return None


def milestone_label(folded: str) -> int | None:
    m = _label("milestones", "labels").match(folded)
    return m.end() if m else None


def report_label(folded: str) -> int | None:
    m = _label("roles", "report_labels").match(folded)
    return m.end() if m else None


_AS_OF = re.compile(
    r"(?:截至|截止)(?:到)?\s*(?:目前|(?:\d{4}\s*年)?\s*[\d一二三四五六七八九十]{1,2}\s*月|[一二三四上下前]+.{0,2}(?:季度|半年))"
)
_DONE = re.compile(
    r"已(?:经)?(?:全面|全部|基本|累计|顺利|如期)?(?:完成|建成|开工|动工|竣工|下达|投用|投入|实施|开通|新增|发放|解决|惠及|启动|具备|落实|扩容|升级|改造|设置|安装|配备|招标|培训|组织|开展|全面)"
)


def report_sentence(sentence: str) -> bool:
    """A sentence that reports what was done, not what is promised."""
    folded = fold(sentence)
    return bool(
        find_percents_of_plan(sentence)
        or _AS_OF.search(folded)
        or _DONE.search(folded)
        or lexicon.pattern("roles", "result").search(folded)
        and "确保" not in folded
    )


def sentence_end(text: str, end: int) -> int:
    """Past the punctuation that closes a sentence span."""
    while end < len(text) and text[end] in "。;；!！?？ ":
        end += 1
    return end


_INLINE_DEPARTMENT = re.compile(
    r"[,，;；]?\s*("
    + lexicon.alternation("departments", "lead")
    + "|"
    + lexicon.alternation("departments", "responsible")
    + r")\s*[:：]\s*([^。;；]+)[。;；]?"
)


def inline_departments(item: model.Item, body: str) -> str:
    """``…工程,牵头部门:市交通局。…``: departments written into the sentence without brackets,
    added to the item; the sentence comes back without them."""
    m = _INLINE_DEPARTMENT.search(fold(body))
    if m is None:
        return body
    role = department_label(m.group(1) + ":")
    item.departments.extend(departments.parse_departments(body[m.start(2) : m.end(2)].strip(), role[0] if role else model.ROLE_LEAD))
    return (body[: m.start()] + ("。" if body[m.end() :].strip() else "") + body[m.end() :]).strip()
