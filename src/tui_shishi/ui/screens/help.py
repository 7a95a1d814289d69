"""The help screen: every key of the app, in one table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_shishi.ui.widgets.render import keep_figures

KEYS = [
    ("↑ ↓  j k", "在树中上下移动 / 滚动详情"),
    ("Enter  Space", "展开或收起节点;在年度列表中打开事项"),
    ("Esc", "返回:从详情回到树,在树中收起节点或回到上一级"),
    ("Tab  Shift+Tab", "在树与详情之间切换焦点"),
    ("Ctrl+P", "命令面板:输入城市、年度或事项名称跳转"),
    ("/", '搜索全文:边输入边出结果 (养老、"老旧 小区"、拼音 yanglao、year:2020-2023 city:青岛 dept:民政局 status:达成)'),
    ("↑ ↓  Enter", "在搜索结果中选择;Enter 或单击在树与详情中打开,匹配处高亮"),
    ("n  N", "打开下一个 / 上一个搜索结果"),
    ("Esc", "关闭搜索,回到搜索前树中的位置"),
    ("t", "切换配色主题"),
    ("o", "概览:每个城市年度一张卡片,选中年度各件占年计划的条形图 (← → 换年度, Enter 打开)"),
    ("d", "部门:输入筛选部门,列出其牵头/协办/责任的事项 (Enter 在浏览器中打开)"),
    ("m", "主题:某一主题各年度的事项、目标与实际并列,及匹配的关键词"),
    ("l", "滞后:最新报告低于序时进度的指标,差距、单位、日期与原文;定性事项另列 (c 切换排序, Enter 打开)"),
    ("s", "把当前画面保存为 SVG (screenshots/ 目录)"),
    ("r", "重新载入数据库,光标留在原处 (另一终端导入或重建后;也每 2 秒自动检查)"),
    ("Esc", "从概览、部门、主题、滞后返回浏览器"),
    ("?", "本帮助"),
    ("q", "退出"),
]
LEGEND = [
    ("✔ 达成", "已达到或超过计划 (超额另注)"),
    ("◐ 进行中", "已报告,未达到计划"),
    ("○ 未报告", "只有计划,尚无进度报告"),
    ("✎ 定性", "进度只有文字描述,据文字判断"),
    ("┃", "序时进度:截至报告日期计划期已过的比例"),
    ("█ ▓ ░ ┆", "概览条形图:已完成 / 超出计划部分 / 未完成 / 计划 100% 处"),
    ("超序时 按序时 滞后", "进度快于 / 接近 / 慢于序时进度"),
]


def help_table() -> Table:
    table = Table(box=None, padding=(0, 2), show_header=False)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")  # a CJK line has no spaces to wrap at: fold, never cut with …
    for key, what in KEYS:
        table.add_row(key, keep_figures(Text(what)))
    table.add_row("", "")
    for key, what in LEGEND:
        table.add_row(key, keep_figures(Text(what)))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "关闭"),
        Binding("question_mark", "dismiss", "关闭", show=False),
        Binding("q", "dismiss", "关闭", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_table())

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "按键 (Esc 关闭)"
