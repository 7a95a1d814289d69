"""The tree: city › year › section › item › indicator, loaded lazily.

A collapsed node holds one placeholder child until it is first opened (harlequin's
database_tree does the same); its real children are queried in a worker thread and paged, with a
"more" node at the end of a page, so a year of 100,000 items opens as fast as one of 15.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import work
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode, UnknownNodeID
from textual.worker import get_current_worker

from tui_shishi.ui.widgets.render import BETTER, glyph, percent_str, status_text, truncate

if TYPE_CHECKING:
    import sqlite3

    from tui_shishi.store import views
    from tui_shishi.store.reader import Reader

PAGE = 200
TITLE_CELLS = 72  # longest title kept in a label (the tree's width at 200 columns); render_label fits it to the tree
MIN_TITLE_CELLS = 6
# Marks the part of a label that may be shortened to fit (the title), so that the glyph, the
# number and the percent stay visible in a narrow tree instead of being scrolled off sideways.
FIT = Style(meta={"fit": True})


@dataclass(frozen=True)
class Ref:
    """What a tree node stands for. ``key`` is the city name or the row id."""

    kind: str  # city / year / section / item / indicator / more / placeholder
    key: str | int
    year_id: int | None = None
    section_id: int | None = None  # for "more": which list it continues (None: the year's own)
    offset: int = 0  # for "more": where the next page starts
    item_id: int | None = None  # for an indicator: its item


Child = tuple[Text, Ref, bool]  # label, ref, expandable


def _title(label: Text, title: str) -> None:
    label.append(truncate(title, TITLE_CELLS), style=FIT)


def fit_label(label: Text, cells: int) -> Text:
    """``label`` in at most ``cells`` cells, by cutting its title (the FIT span) first."""
    excess = cell_len(label.plain) - cells
    span = next((s for s in label.spans if isinstance(s.style, Style) and s.style.meta.get("fit")), None)
    if excess <= 0 or span is None:
        return label
    title = label.plain[span.start : span.end]
    keep = max(cell_len(title) - excess, MIN_TITLE_CELLS)
    if keep >= cell_len(title):
        return label
    fitted = label[: span.start]
    fitted.append(truncate(title, keep), style=FIT)
    fitted.append_text(label[span.end :])
    return fitted


def section_label(section: views.SectionSummary) -> Text:
    """``一 促进城乡就业创业 (3)``: the count says how many items are below it."""
    label = Text(f"{section.key} ")
    _title(label, section.title)
    label.append(f" ({section.item_count})", style="dim")
    return label


def year_label(year: views.YearSummary) -> Text:
    """``2025 · 15件 · 15 达成``; a county's list under its city: ``2023 岚皋县 · 10件 · …``."""
    label = Text(f"{year.label} · {year.item_count}件 · ")
    label.append(f"{year.achieved} 达成", style=BETTER if year.achieved else "dim")
    return label


def item_label(item: views.ItemRow) -> Text:
    """``✔  1 就业方面 177.5%``: the glyph first, so a narrow tree never cuts it off."""
    label = status_text(item.status)[:1]
    label.append(f" {item.number:>2} ")
    _title(label, item.title)
    if item.percent is not None:
        label.append(f" {percent_str(item.percent)}")
    return label


def indicator_label(indicator: views.IndicatorView) -> Text:
    label = Text(f"{glyph(indicator.status)} ")
    _title(label, indicator.text or (indicator.target.display if indicator.target else ""))
    latest = indicator.latest
    if latest is not None and latest.percent_of_plan is not None:
        label.append(f" {percent_str(latest.percent_of_plan)}")
    return label


def _page_of_items(conn: sqlite3.Connection, year_id: int, section_id: int | None, offset: int) -> list[Child]:
    from tui_shishi.store import queries as q

    rows = q.items(conn, year_id, section_id, limit=PAGE + 1, offset=offset)
    children: list[Child] = [(item_label(i), Ref("item", i.item_id, year_id=year_id), True) for i in rows[:PAGE]]
    if len(rows) > PAGE:
        left = q.item_count(conn, year_id, section_id) - offset - PAGE
        more = Ref("more", f"{year_id}:{section_id}:{offset + PAGE}", year_id, section_id, offset + PAGE)
        children.append((Text(f"… 还有 {left} 件 (Enter 载入)", style="italic"), more, False))
    return children


def load_children(conn: sqlite3.Connection, ref: Ref) -> list[Child]:
    """The children of a node (runs in a worker thread: queries only, no widgets)."""
    from tui_shishi.store import queries as q

    if ref.kind == "city":
        found = q.city(conn, str(ref.key))
        return [(year_label(y), Ref("year", y.id, y.id), True) for y in found.years] if found else []
    if ref.kind == "year":
        year_id = int(ref.key)
        children: list[Child] = [(section_label(s), Ref("section", s.id, year_id), True) for s in q.sections(conn, year_id)]
        return children + _page_of_items(conn, year_id, None, 0)
    if ref.kind == "section":
        parent_year, section_id = ref.year_id, int(ref.key)
        assert parent_year is not None
        children = [(section_label(s), Ref("section", s.id, parent_year), True) for s in q.sections(conn, parent_year, section_id)]
        return children + _page_of_items(conn, parent_year, section_id, 0)
    if ref.kind == "more":
        assert ref.year_id is not None
        return _page_of_items(conn, ref.year_id, ref.section_id, ref.offset)
    if ref.kind == "item":
        return [
            (indicator_label(i), Ref("indicator", i.id, ref.year_id, item_id=int(ref.key)), False) for i in q.indicators(conn, int(ref.key))
        ]
    return []


class PlanTree(Tree[Ref]):
    """Cities and their plans; opens with every city expanded to its years (the first city only
    in a database of many: queries.tree_start)."""

    BINDINGS = [
        Binding("j", "cursor_down", "下移", show=False),
        Binding("k", "cursor_up", "上移", show=False),
        Binding("space", "toggle_node", "展开/收起", show=False),
    ]

    class OpenDetail(Message):
        """Enter on a node while the screen shows one pane at a time: show its detail."""

    class CitiesShown(Message):
        """The tree has its cities (its first read, or a reload's): a reveal finds them now."""

    class Revealed(Message):
        """A reveal (``reveal_year``, ``walk_to_section``) has put the cursor on its node: the
        screen decides where the focus goes (the tree, or the detail when shown alone)."""

    def action_select_cursor(self) -> None:
        # One pane at a time (a narrow screen, BrowserScreen's -single): Enter opens the detail
        # (and the node, never closing it); "more" still loads the next page.
        node = self.cursor_node
        if self.screen.has_class("-single") and node is not None and node.data is not None and node.data.kind != "more":
            if node.allow_expand and not node.is_expanded:
                node.expand()
            self.post_message(self.OpenDetail())
            return
        super().action_select_cursor()

    def __init__(self, reader: Reader, **kwargs: Any) -> None:
        super().__init__("市办实事", data=Ref("root", ""), **kwargs)
        self.show_root = False
        self.guide_depth = 2
        self._read = reader  # runs a query function under the app's connection lock
        self._loading: set[int] = set()
        self.cities_shown = False  # show_cities has run: what the screen's when_ready waits for

    def on_mount(self) -> None:
        self.load_cities()

    @work(thread=True, exclusive=True, group="tree-cities")
    def load_cities(self) -> None:
        # queries is imported here, in the worker, so that it is not on the first frame's path.
        from tui_shishi.store import queries as q

        names, opened = self._read(q.tree_start)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_cities, names, opened)

    def show_cities(self, names: list[tuple[str, int]], opened: list[views.CitySummary]) -> None:
        """The tree anew: every city, those of ``opened`` expanded to their years (the others load
        theirs when opened), the cursor on the first city."""
        self.workers.cancel_group(self, "tree-children")
        self.workers.cancel_group(self, "tree-reveal")
        self._loading.clear()
        self.clear()
        shown = {city.city: city for city in opened}
        for name, n_years in names:
            label = Text(f"{name} · {n_years} 个年度", style="bold")
            city = shown.get(name)
            if city is None:  # closed: its years load when it opens (no placeholder: a country has hundreds)
                self.root.add(label, Ref("city", name), allow_expand=True)
                continue
            node = self.root.add(label, Ref("city", name))
            for year in city.years:
                self._add(node, year_label(year), Ref("year", year.id, year.id), True)
            node.expand()
        self.root.expand()
        if names:
            self.move_to(self.root.children[0])
        self.cities_shown = True
        self.post_message(self.CitiesShown())

    def render_label(self, node: TreeNode[Ref], base_style, style) -> Text:
        # Fit the label to the tree's width (the guides take guide_depth cells per level):
        # a cut title reads better than a status or a percent scrolled out of sight.
        text = super().render_label(node, base_style, style)
        depth, parent = 0, node.parent
        while parent is not None and parent is not self.root:
            depth, parent = depth + 1, parent.parent
        return fit_label(text, self.scrollable_content_region.width - depth * self.guide_depth - 1)

    def _add(self, parent: TreeNode[Ref], label: Text, ref: Ref, expandable: bool) -> TreeNode[Ref]:
        if not expandable:
            return parent.add_leaf(label, ref)
        node = parent.add(label, ref)
        node.add_leaf(Text("加载中…", style="dim italic"), Ref("placeholder", ""))
        return node

    def needs_loading(self, node: TreeNode[Ref]) -> bool:
        if not node.children:  # a closed city of a database of many (show_cities)
            return node.allow_expand and node.data is not None and node.data.kind == "city"
        return len(node.children) == 1 and node.children[0].data is not None and node.children[0].data.kind == "placeholder"

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[Ref]) -> None:
        if self.needs_loading(event.node):
            self.load_node(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[Ref]) -> None:
        ref = event.node.data
        if ref is not None and ref.kind == "more":
            self.load_node(event.node)

    def load_node(self, node: TreeNode[Ref]) -> None:
        if node.id in self._loading or node.data is None:
            return
        self._loading.add(node.id)
        self._load_worker(node)

    @work(thread=True, group="tree-children")
    def _load_worker(self, node: TreeNode[Ref]) -> None:
        assert node.data is not None
        children = self._read(load_children, node.data)
        self.app.call_from_thread(self.fill, node, children)

    def fill(self, node: TreeNode[Ref], children: list[Child]) -> None:
        """Put loaded children in place of the placeholder (or of a "more" node)."""
        if not self.holds(node):
            return  # loaded for a tree rebuilt since (a reload)
        self._loading.discard(node.id)
        if node.data is not None and node.data.kind == "more":
            parent = node.parent
            assert parent is not None
            at_cursor = self.cursor_node is node
            node.remove()
            first = None
            for label, ref, expandable in children:
                added = self._add(parent, label, ref, expandable)
                first = first or added
            if at_cursor and first is not None:
                self.move_to(first)
            return
        node.remove_children()
        for label, ref, expandable in children:
            self._add(node, label, ref, expandable)
        if not children:
            node.allow_expand = False

    def holds(self, node: TreeNode[Ref]) -> bool:
        """Whether ``node`` is in the tree now (node ids start again at 0 after a rebuild)."""
        try:
            return self.get_node_by_id(node.id) is node
        except UnknownNodeID:
            return False

    def find_child(self, node: TreeNode[Ref], kind: str, key: str | int) -> TreeNode[Ref] | None:
        return next((c for c in node.children if c.data and c.data.kind == kind and c.data.key == key), None)

    def find_city(self, city: str) -> TreeNode[Ref] | None:
        return self.find_child(self.root, "city", city)

    def find_year(self, year_id: int) -> TreeNode[Ref] | None:
        for city_node in self.root.children:
            found = self.find_child(city_node, "year", year_id)
            if found is not None:
                return found
        return None

    def load_year(self, year_id: int) -> TreeNode[Ref] | None:
        """The node of a year, its city's years loaded first if need be (in a worker thread)."""
        from tui_shishi.store import queries as q

        call = self.app.call_from_thread
        node = call(self.find_year, year_id)
        if node is not None:
            return node
        year = self._read(q.year, year_id)
        city_node = call(self.find_city, year.city) if year is not None else None
        if city_node is None or city_node.data is None:
            return None
        if call(self.needs_loading, city_node):
            call(self.fill, city_node, self._read(load_children, city_node.data))
        return call(self.find_year, year_id)

    @work(thread=True, exclusive=True, group="tree-reveal")
    def reveal_year(self, year_id: int) -> None:
        node = self.load_year(year_id)
        if node is not None:
            self.app.call_from_thread(node.expand)
            self.app.call_from_thread(self.select_path, node)
            self.post_message(self.Revealed())

    @work(thread=True, exclusive=True, group="tree-reveal")
    def reveal_section(self, section_id: int) -> None:
        self.walk_to_section(section_id)

    def walk_to_section(self, section_id: int) -> None:
        """Open the year and the enclosing sections of a section and put the cursor on it
        (in a worker thread)."""
        from tui_shishi.store import queries as q

        path = self._read(q.section_path, section_id)
        call = self.app.call_from_thread
        node = self.load_year(path.year_id) if path else None
        for step in path.section_ids if path else ():
            if node is None:
                return
            if node.data is not None and self.needs_loading(node):
                call(self.fill, node, self._read(load_children, node.data))
            node = call(self.find_child, node, "section", step)
        if node is not None:
            call(self.select_path, node)
            self.post_message(self.Revealed())

    def select_path(self, node: TreeNode[Ref]) -> None:
        """Expand the ancestors of ``node`` and put the cursor on it."""
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self.move_to(node)

    def move_to(self, node: TreeNode[Ref]) -> None:
        # A node added or uncovered since the last paint has no line number yet: reading
        # _tree_lines rebuilds them, so the cursor lands on the node now, not after a refresh.
        self._tree_lines  # noqa: B018
        self.move_cursor(node)
        self.scroll_to_node(node, animate=False)
