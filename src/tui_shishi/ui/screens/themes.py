"""Themes (``m``): a theme of the taxonomy across cities and years.

For the highlighted theme: its comparable indicators lined up (新增就业 30万人 → 35万人 → 35万人),
the same side by side per city-year with target and actual, then every year's items with the
words that tagged them, so a reader can see *why* an item counts as 养老助残.

A database of more than ``CITY_SCOPE_ABOVE`` cities (a province, a country), or of more than
``CITY_YEARS_SCOPE_ABOVE`` city-years (six cities over ten years), shows one city's years at a
time, from the first city: ``[`` and ``]`` go to the previous and next city. A theme's trends
are per city anyway, a side-by-side table of dozens of city-years does not fit a screen, and a
page then costs one city's items, not the country's (60 city-years laid out took 365 ms to the
first page at 10 k indicators; one city's ten, 120 ms).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import DataTable, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui_shishi.store import trends, views
from tui_shishi.themes import get_theme, load_taxonomy
from tui_shishi.ui.app_thread import deliver
from tui_shishi.ui.screens.views import ViewScreen
from tui_shishi.ui.widgets.footer import KeysFooter
from tui_shishi.ui.widgets.render import STATUS_STYLE, glyph, percent_str, status_text, themed, wrapped

if TYPE_CHECKING:
    import sqlite3

    from textual.widget import Widget

    from tui_shishi.store.reader import Reader

SINGLE_SHOWN = 5
CITY_SCOPE_ABOVE = 12  # cities: with more, one city at a time
CITY_YEARS_SCOPE_ABOVE = 24  # city-years: with more, one city at a time too
STACKED_BELOW = 60  # columns under which the theme list goes above the detail
PAD = 1  # DataTable's cell padding, each side
TABLE_SCROLLBAR = 2  # cells kept for a table's own vertical scrollbar (past .theme-table's max-height)
YEARS_FIRST = 6  # city-years laid out before the first paint; the rest after it (a province: 60)


@dataclass(frozen=True)
class ThemePage:
    name: str
    keywords: tuple[str, ...]
    years: list[views.TrendYear]
    series: list[views.Series]
    city: str | None = None  # the city shown, in a database shown one city at a time
    scope: str = ""  # where that city is among the others: 第 3/299 个城市


def load_theme(conn: sqlite3.Connection, name: str, city: str | None = None, scope: str = "") -> ThemePage:
    """The theme's page: every city's years, or ``city``'s only."""
    theme = get_theme(name)
    trend = trends.theme_trend(conn, theme, city)
    return ThemePage(theme.name, theme.keywords, trend, trends.theme_series(conn, theme, trend), city, scope)


def scoped_cities(conn: sqlite3.Connection) -> list[str]:
    """The cities to show one at a time, or none when there are few enough to show together."""
    from tui_shishi.store.cities import city_names

    found = city_names(conn)
    many = len(found) > CITY_SCOPE_ABOVE or sum(n_years for _, n_years in found) > CITY_YEARS_SCOPE_ABOVE
    return [name for name, _ in found] if many else []


def year_label(city: str, period: str) -> str:
    return f"{city} {period}"


def header_text(page: ThemePage) -> Text:
    n_items = sum(len(y.items) for y in page.years)
    text = Text(page.name, style="bold underline")
    if page.city is not None:
        text.append(f"  {page.city}", style="bold")
        text.append(f"（{page.scope}，[ ] 换城市）", style="dim")
    text.append(f"  {n_items}件 · {len(page.years)}个城市年度\n")
    text.append("关键词: " + "、".join(page.keywords), style="dim")
    return text


def reach(series: views.Series) -> int:
    return len({(p.city, p.period) for p in series.points})


def trend_series(series: list[views.Series]) -> list[views.Series]:
    """The series worth lining up: those reaching two city-years or more (else the first few)."""
    return [s for s in series if reach(s) >= 2] or series[:SINGLE_SHOWN]


def series_text(series: list[views.Series], left: int = 0) -> Text:
    """Each series city by city, never one city's target next to another's: ``新增就业(人)
    青岛：2020年 30万人 → 2023年 35万人以上`` (a series of several cities: a line for each)."""
    text = Text()
    for n, s in enumerate(series):
        if n:
            text.append("\n")
        text.append(f"{s.label}", style="bold")
        text.append(f"({s.unit})" if s.unit else "", style="dim")
        cities = s.by_city()
        if len(cities) == 1:
            text.append(f"  {cities[0].text}")
            continue
        for city in cities:
            text.append(f"\n  {city.text}")
    if left:
        text.append(f"\n另有 {left} 项指标只见于一个年度(见下方各年度)", style="dim")
    return text


def point_cell(points: list[views.SeriesPoint]) -> Text:
    """Target and actual of a series in one city-year, two lines for each of its targets (an
    item may state several, several items may count the same thing)."""
    text = Text()
    for n, p in enumerate(points):
        if n:
            text.append("\n")
        text.append(f"目标 {p.target_text}" if p.target_text else "目标 —", style="" if p.target_text else "dim")
        text.append("\n")
        if p.actual_text:
            text.append(f"实际 {p.actual_text}")
            if p.percent is not None:
                text.append(
                    f" {percent_str(p.percent)}",
                    style=themed("text-success", "bold") if p.percent >= 100 else themed("text-warning", "bold"),
                )
        else:
            text.append("实际 —", style="dim")
    return text


def cells_wide(text: Text) -> int:
    """The widest line of ``text``, in cells."""
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


def year_text(year: views.TrendYear) -> Text:
    """The year's items of the theme: status, percent, title, matched words, then figures."""
    text = Text()
    for n, item in enumerate(year.items):
        row = item.row
        if n:
            text.append("\n")
        text.append(f"第{row.number}件 ", style="bold")
        text.append_text(status_text(row.status))
        if row.percent is not None:
            text.append(f" {percent_str(row.percent)}")
        text.append(f" {row.title}")
        text.append("\n   匹配: ", style="dim")
        text.append("、".join(item.words), style="bold reverse")
        for fig in item.figures:
            if not (fig.target_text or fig.actual_text):
                continue
            text.append(f"\n   · {fig.text}  ")  # whole: the line wraps where the pane ends
            if fig.target_text:
                text.append(f"目标 {fig.target_text} → ")
            text.append(f"实际 {fig.actual_text or '—'}")
            if fig.percent is not None:
                text.append(f" {percent_str(fig.percent)}")
            text.append(f" {glyph(fig.status)}", style=STATUS_STYLE.get(fig.status, ""))
    return text


def column_groups(widths: list[int], room: int) -> list[list[int]]:
    """The city-year columns (indexes 1…) in groups whose table, with the 指标 column (0) again,
    fits ``room`` cells; a column too wide even alone gets a table of its own."""
    first = widths[0] + 2 * PAD
    groups: list[list[int]] = []
    used = first
    for n, width in enumerate(widths[1:], start=1):
        if groups and groups[-1] and used + width + 2 * PAD <= room:
            groups[-1].append(n)
            used += width + 2 * PAD
        else:
            groups.append([n])
            used = first + width + 2 * PAD
    return groups


class SideBySide(Vertical):
    """逐年对照: the series as rows and the city-years as columns, in as many tables as the width
    needs (the 指标 column in each), laid out again when the width changes: a column is never
    cut at the pane's edge, where ``实际 3.84万人`` would read ``实际 3.8``."""

    DEFAULT_CSS = "SideBySide { height: auto; }"

    def __init__(self, heads: list[str], rows: list[list[Text]]) -> None:
        super().__init__()
        self.heads, self.rows = heads, rows
        self.widths = [max([cell_len(head), *(cells_wide(row[n]) for row in rows)]) for n, head in enumerate(heads)]
        self.groups: list[list[int]] = []

    async def on_resize(self, event: events.Resize) -> None:
        groups = column_groups(self.widths, event.size.width - TABLE_SCROLLBAR)
        if event.size.width <= 0 or groups == self.groups:
            return
        self.groups = groups
        await self.remove_children()
        await self.mount_all(self._table([0, *group]) for group in groups)

    def _table(self, columns: list[int]) -> DataTable[Text]:
        table: DataTable[Text] = DataTable(cursor_type="none", zebra_stripes=True, classes="theme-table", show_cursor=False)
        for n in columns:
            table.add_column(self.heads[n], width=self.widths[n])
        for row in self.rows:
            cells = [row[n] for n in columns]
            if not any(cell.plain for cell in cells[1:]):
                continue  # a series none of these city-years has: its row is in another table
            table.add_row(*cells, height=max(2, *(len(cell.plain.split("\n")) for cell in cells)))
        return table


class ThemeList(OptionList):
    BINDINGS = [Binding("j", "cursor_down", show=False), Binding("k", "cursor_up", show=False)]


class ThemesScreen(ViewScreen):
    view_name = "themes"
    BINDINGS = [
        Binding("tab", "app.focus_next", "切换"),
        # [ ] change the city shown (the title says so); the footer shows ] alone so that it fits
        # 80 columns, and not m: this is the themes view
        Binding("left_square_bracket", "city(-1)", "上一城市", show=False),
        Binding("right_square_bracket", "city(1)", "换城市"),
        Binding("m", "app.view('themes')", "主题", show=False),
    ]

    def __init__(self, reader: Reader, key: str | int | None = None) -> None:
        super().__init__(reader, key)
        self.theme_names = [t.name for t in load_taxonomy()]
        self.shown: str | None = None
        self.cities: list[str] | None = None  # None until read; [] when every city shows together
        self.city: str | None = None  # the city shown, when one at a time
        self._page: ThemePage | None = None  # the page shown (its last city-years may still be coming)

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="theme-panes"):
            yield ThemeList(*(Option(name, id=name) for name in self.theme_names), id="theme-list")
            yield VerticalScroll(id="theme-detail")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.name_view("主题")
        self.set_class(self.app.size.width < STACKED_BELOW, "-stacked")
        themes = self.query_one(ThemeList)
        themes.focus()
        self._read_cities()
        self.select(self.key if self.key is not None else self.theme_names[0])

    @work(thread=True, group="theme-cities")
    def _read_cities(self) -> None:
        cities = self._read(scoped_cities)
        deliver(self, self._scoped, cities)

    def _scoped(self, cities: list[str]) -> None:
        """The cities known: one at a time (the first), or all together; the theme shown loads."""
        self.cities = cities
        self.city = cities[0] if cities else None
        self.refresh_bindings()
        if self.shown is not None:
            self._load(self.shown, self.city)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "city":
            return bool(self.cities)  # [ ] only where there is a city to change to (False: hidden)
        return True

    def action_city(self, step: int) -> None:
        if not self.cities or self.shown is None:
            return
        at = self.cities.index(self.city) if self.city in self.cities else 0
        self.city = self.cities[(at + step) % len(self.cities)]
        self._load(self.shown, self.city)

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < STACKED_BELOW, "-stacked")

    def select(self, key: str | int) -> None:
        name = get_theme(str(key)).name  # KeyError names the themes
        self.query_one(ThemeList).highlighted = self.theme_names.index(name)

    @on(OptionList.OptionHighlighted, "#theme-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        name = event.option.id
        if name and name != self.shown:
            self.shown = name
            if self.cities is not None:  # else: loaded once the cities are known (_scoped)
                self._load(name, self.city)

    @on(OptionList.OptionSelected, "#theme-list")
    def _selected(self) -> None:
        self.query_one("#theme-detail").focus()

    def _load(self, name: str, city: str | None = None) -> None:
        scope = f"第 {self.cities.index(city) + 1}/{len(self.cities)} 个城市" if city is not None and self.cities else ""
        self._fetch(name, city, scope)

    @work(thread=True, exclusive=True, group="theme")
    def _fetch(self, name: str, city: str | None, scope: str) -> None:
        page = self._read(load_theme, name, city, scope)
        if not get_current_worker().is_cancelled:
            deliver(self, self._show, page)

    async def _show(self, page: ThemePage) -> None:
        if page.name != self.shown or page.city != self.city:
            return
        detail = self.query_one("#theme-detail", VerticalScroll)
        await detail.remove_children()
        # the matched words are a 、-list: wrap it as print does, never opening a line with 、
        widgets: list[Widget] = [Static(wrapped(header_text(page)), classes="view-title")]
        if not page.years:
            widgets.append(Static(Text("没有事项属于这个主题。", style="dim")))
        shown = trend_series(page.series)
        if shown:
            widgets.append(Static("目标趋势(可比指标,每个城市按年份)", classes="heading"))
            widgets.append(Static(wrapped(series_text(shown, len(page.series) - len(shown))), classes="theme-series"))
            widgets.append(Static("逐年对照", classes="heading"))
            widgets.append(self._side_by_side(page, shown))
        years = [self._year_widgets(year) for year in page.years]
        self._page = page
        await detail.mount_all([*widgets, *(w for pair in years[:YEARS_FIRST] for w in pair)])
        detail.scroll_home(animate=False)
        if len(years) > YEARS_FIRST:  # each year's text is wrapped to the width when laid out
            self.call_after_refresh(self._show_rest, page, years[YEARS_FIRST:])

    @staticmethod
    def _year_widgets(year: views.TrendYear) -> tuple[Static, Static]:
        heading = f"{year_label(year.city, year.period)} · {len(year.items)}件"
        return Static(heading, classes="heading"), Static(wrapped(year_text(year)), classes="theme-year")

    async def _show_rest(self, page: ThemePage, years: list[tuple[Static, Static]]) -> None:
        """The city-years after the first ones, unless another theme or city is shown by now."""
        if page is self._page:
            await self.query_one("#theme-detail", VerticalScroll).mount_all(w for pair in years for w in pair)

    def _side_by_side(self, page: ThemePage, series: list[views.Series]) -> SideBySide:
        """Series as rows, the city-years they reach as columns, a city's years side by side.
        Column widths are set from the cells, not measured by the table when it is idle."""
        columns = list(dict.fromkeys((p.city, p.period) for s in series for p in s.points))
        order = {(y.city, y.period): n for n, y in enumerate(page.years)}
        cities: dict[str, int] = {}
        for y in page.years:
            cities.setdefault(y.city, len(cities))
        columns.sort(key=lambda c: (cities.get(c[0], len(cities)), order.get(c, len(order))))
        rows = []
        for s in series:
            label = Text(s.label, style="bold")
            label.append(f"\n({s.unit})" if s.unit else "", style="dim")
            cells = [point_cell([p for p in s.points if (p.city, p.period) == c]) for c in columns]
            rows.append([label, *cells])
        return SideBySide(["指标", *(year_label(city, period) for city, period in columns)], rows)
