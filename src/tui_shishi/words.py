"""The words shown to people for the model's machine keys: department roles, flag kinds and
document kinds.

One place, so the browser, ``shishi show`` / ``check`` and the exports say the same thing. Keyed
by the ``model`` constants; a key with no word is shown as it is. No database and no UI here:
store/, ui/ and the command all import it.

Status words are not here: the status *is* its word (达成, 进行中 …), stored as such in the
database; ``tui_shishi.status`` owns them with their glyphs and ``label``.
"""

from __future__ import annotations

from tui_shishi import model as m

# Document kinds: in full (the year's document list) and short (an overview card's last line).
KIND_WORDS: dict[str, str] = {
    m.KIND_ANNOUNCED: "公布清单",
    m.KIND_PLAN: "实施计划",
    m.KIND_TASKS: "任务清单",
    m.KIND_PROGRESS: "进展报告",
    m.KIND_FINAL: "年终报告",
    m.KIND_UNKNOWN: "未识别格式",
}
KIND_SHORT: dict[str, str] = {
    m.KIND_ANNOUNCED: "清单",
    m.KIND_PLAN: "计划",
    m.KIND_TASKS: "任务",
    m.KIND_PROGRESS: "进展",
    m.KIND_FINAL: "年终",
    m.KIND_UNKNOWN: "?",
}

ROLE_WORDS: dict[str, str] = {
    m.ROLE_LEAD: "牵头",
    m.ROLE_CO: "协办",
    m.ROLE_RESPONSIBLE: "责任",
}

# Data-quality flag kinds in the words of the office staff who read them.
FLAG_WORDS: dict[str, str] = {
    m.FLAG_MISSING_ITEMS: "缺少编号",
    m.FLAG_OUT_OF_ORDER: "编号顺序不对",
    m.FLAG_DUPLICATE_ITEM: "编号重复",
    m.FLAG_REPEATED_BULLET: "条目重复",
    m.FLAG_NOT_UNDERSTOOD: "未能识别的文字",
    m.FLAG_CHROME_STRIPPED: "已去除网页杂项",
    m.FLAG_NUMBER_NOT_PARSED: "数字未能读出",
    m.FLAG_UNBOUND_PERCENT: "百分比无对应指标",
    m.FLAG_INCONSISTENT: "数字前后不一致",
    m.FLAG_UNKNOWN_FORMAT: "未知格式",
    m.FLAG_METADATA: "城市/年份/类型为推断",
    m.FLAG_REPAIRED: "已修正文字",
    m.FLAG_SPAM: "已去除垃圾文字",
    m.FLAG_TRUNCATED: "文档不完整",
    m.FLAG_DAMAGED_MARKER: "编号有损坏",
}


def role_word(role: str) -> str:
    """``lead`` → 牵头; an unknown role as it is."""
    return ROLE_WORDS.get(role, role)


def flag_word(kind: str) -> str:
    """``missing_items`` → 缺少编号; an unknown kind as it is."""
    return FLAG_WORDS.get(kind, kind)


def kind_word(kind: str) -> str:
    """``final`` → 年终报告; an unknown kind as it is."""
    return KIND_WORDS.get(kind, kind)


def kind_short(kind: str) -> str:
    """``final`` → 年终; an unknown kind as it is."""
    return KIND_SHORT.get(kind, kind)
