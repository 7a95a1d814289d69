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
    ("Enter  Space", "展开或收起节点;在年度列表中打开事项 (窗口窄于 70 列时每次只显示树或详情:Enter 打开详情,Esc 回到树)"),
    ("Esc", "返回:从详情回到树,在树中收起节点或回到上一级"),
    ("Tab  Shift+Tab", "在左侧树与详情之间切换焦点"),
    ("Ctrl+P", "命令面板:输入城市、年度或事项名称跳转"),
    (
        "/",
        '搜索全文:边输入边出结果 (养老、"老旧 小区"、拼音 yanglao、year:2020-2023 city:青岛 dept:民政局 status:达成);在概览、主题、滞后、节点中按 / 回到左侧树并打开搜索',
    ),
    ("↑ ↓  Enter", "在搜索结果中选择;Enter 或单击在左侧树与详情中打开,匹配处高亮"),
    ("n  N", "打开下一个 / 上一个搜索结果"),
    ("Esc", "关闭搜索,回到搜索前树中的位置"),
    ("t", "切换配色"),
    ("o", "概览 (打开程序时的首页):每个城市年度一张卡片,滞后与最新变化,选中年度各件占年计划的条形图 (← → 换年度, Enter 打开;Esc 到左侧树)"),
    ("d", "部门:各部门牵头/协办/责任的事项 (/ 筛选部门名称,Enter、↓ 或 Esc 结束筛选;Enter 在左侧树中打开事项)"),
    ("m", "主题:某一主题各城市、各年度的目标趋势与实际并列,及匹配的关键词 (Tab 切换列表与详情)"),
    ("[ ]", "主题:城市或城市年度较多的数据库一次显示一个城市,[ 上一个城市,] 下一个城市"),
    ("l", "滞后:最新报告低于序时进度的指标,差距、单位、日期与原文;定性事项另列 (c 切换排序, Enter 打开)"),
    ("u", "节点:到期未报的节点在前,再是 30 天内即将到期的,时限、事项与单位 (a 全部, c 切换排序, Enter 打开)"),
    ("s", "把当前画面保存为 SVG (screenshots/ 目录)"),
    ("p", "演示:高对比配色,大字显示当前年度或事项(概览中:所选卡片的年度)的达成件数与百分比 (↑ ↓ 上一个/下一个, p 或 Esc 结束)"),
    ("r", "重新载入数据库,光标留在原处 (另一终端导入或重建后;也每 2 秒自动检查)"),
    ("Esc", "从概览、部门、主题、滞后返回左侧树与详情"),
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
    ("青岛：… → …", "主题的目标趋势:同一城市的目标按年度先后排列,每个城市一行,不同城市的目标不相连"),
    ("、", "主题:同一城市同一年度有几个同类目标 (几件事项,或一件事项的几项指标);逐年对照中每个目标占两行"),
    ("目标 → 实际", "主题各年度:指标的计划目标与最新报告的实际数"),
    ("匹配", "主题:事项中命中主题关键词的词语 (反白显示)"),
    ("—", "尚无此数:未报告实际数或占年计划"),
    ("…", "名称过长,在此宽度下截断 (窗口加宽后显示完整)"),
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
