"""The main screen: the plan tree on the left, the detail beside it.

The tree takes a share of the width (``tree_cells``: at least 30 cells, at most 72), the detail
the rest, never less than ``DETAIL_MIN_CELLS``. Below ``SINGLE_PANE_BELOW`` columns there is no
room for both: one pane at a time, the tree or the detail (Enter opens the detail, Esc goes back
to the tree; the pane shown follows the focus).

``/`` opens the search (widgets/search.py, mounted on first use) over the panes; opening a hit
puts the tree cursor on its item and highlights the match in the detail, ``n``/``N`` step
through the hits and Esc puts the tree back as it was before ``/``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, Tree
from textual.widgets.tree import TreeNode

from tui_shishi.ui.widgets.detail import DetailPane
from tui_shishi.ui.widgets.footer import KeysFooter
from tui_shishi.ui.widgets.plan_tree import PlanTree, Ref, load_children

if TYPE_CHECKING:
    from tui_shishi.store.reader import Reader

SINGLE_PANE_BELOW = 70  # columns: narrower, the tree and the detail take turns
DETAIL_MIN_CELLS = 40  # the detail beside the tree is never narrower (a bar line, a figure and its unit)
TREE_MIN_CELLS, TREE_MAX_CELLS = 30, 72


def tree_cells(columns: int) -> int:
    """The tree's width beside the detail: 34 cells at 80 columns, 42 at 100, 50 at 120, 72 at
    200 (its titles then have the room), leaving the detail ``DETAIL_MIN_CELLS`` at least."""
    return max(TREE_MIN_CELLS, min(round(columns * 0.4) + 2, TREE_MAX_CELLS, columns - DETAIL_MIN_CELLS))


class BrowserScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "返回"),
        Binding("slash", "search", "搜索"),
        Binding("n", "step(1)", "下一个结果", show=False),
        Binding("N,shift+n", "step(-1)", "上一个结果", show=False),
        # the app's t, hidden here so that "/ Search" fits the footer at 80 columns (t is in help)
        Binding("t", "app.next_theme", "配色", show=False),
        Binding("tab", "app.focus_next", "切换窗格", show=False),
        Binding("a", "record", "录入", show=False),  # a figure not published (screens/record.py)
    ]

    def __init__(self, reader: Reader) -> None:
        super().__init__()
        self._read = reader
        # before "/": the tree cursor node, the focused widget, the ids of the expanded nodes
        self._origin: tuple[TreeNode[Ref] | None, Widget | None, set[int]] = (None, None, set())
        self._when_ready: list[Callable[[], object]] = []  # asked of the screen before its tree had its cities
        self._after_reveal: Callable[[], object] | None = None  # what the reveal under way was asked to do then

    def compose(self) -> ComposeResult:
        yield Header()  # (its icon is hidden in app.tcss: the title is the app's, 市办实事)
        with Container(id="panes"):
            yield PlanTree(self._read, id="tree")
            yield DetailPane(self._read, id="detail")
        # the footer comes when the screen is first shown (on_screen_resume): under the home
        # dashboard, composing it cost the first paint about 70 ms for a screen nobody sees yet

    async def on_screen_resume(self) -> None:
        if self.app.screen is self and not self.query(KeysFooter):
            await self.mount(KeysFooter())
            self.refresh_bindings()  # a footer mounted late lists the keys once told they changed

    def when_ready(self, action: Callable[[], object]) -> None:
        """Run ``action`` (a jump, a search) now if the tree has its cities, else as soon as it
        has: a browser made on demand (ShishiApp.show_browser) is asked before it has read them."""
        if self.is_mounted and self.tree.cities_shown:
            action()
        else:
            self._when_ready.append(action)

    @on(PlanTree.CitiesShown)
    def _cities_shown(self) -> None:
        waiting, self._when_ready = self._when_ready, []
        for action in waiting:
            action()

    @property
    def tree(self) -> PlanTree:  # type: ignore[override]  # the plan tree, over DOMNode.tree (a Rich view of the DOM, for debugging)
        return self.query_one(PlanTree)

    def action_record(self) -> None:
        """a: record a figure (录入) for the item shown, on the indicator under the cursor."""
        from tui_shishi.ui.screens.record import open_form

        open_form(self)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Ref]) -> None:
        self.query_one(DetailPane).show(event.node.data)

    def action_back(self) -> None:
        """Esc: from the detail back to the tree; in the tree, up to the parent node.
        While searching: the search closes and the tree is back as it was before ``/``."""
        panel = self.search_panel
        if panel is not None and panel.mode:
            self.end_search()
            return
        tree = self.tree
        if self.has_class("-detail-shown"):  # one pane at a time: back to the tree
            self.show_pane("tree")
            return
        if not tree.has_focus:
            tree.focus()
            return
        node = tree.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not tree.root:
            tree.move_to(node.parent)

    def on_year_view_open_item(self, event) -> None:
        """Enter on a row of the year's item list (YearView.OpenItem; not imported before use)."""
        self._detail_after_reveal = self.has_class("-single")  # one pane: the item's detail, not the tree
        self.reveal("item", event.item_id)

    def on_year_view_open_section(self, event) -> None:
        """Enter on a section row of a year or section view (YearView.OpenSection)."""
        self._detail_after_reveal = self.has_class("-single")
        self._after_reveal = None
        self.tree.reveal_section(event.section_id)

    def reveal(self, kind: str, key: str | int, then: Callable[[], object] | None = None) -> None:
        """Put the tree cursor on a city, year or item, loading the nodes on the way; ``then``
        runs once it is there (p on a home card: the presentation of that year). A reveal that
        finds nothing runs nothing, and the next reveal forgets it."""
        self._after_reveal = then
        tree = self.tree
        if kind == "city":
            node = tree.find_city(str(key))
        elif kind == "year":
            node = tree.find_year(int(key))
            if node is None:  # its city not opened yet: load it, then the cursor
                tree.reveal_year(int(key))
                return
            node.expand()
        else:
            self._reveal_item(int(key))
            return
        if node is not None:
            tree.select_path(node)
            self.on_plan_tree_revealed()

    @work(thread=True, exclusive=True, group="reveal")
    def _reveal_item(self, item_id: int) -> None:
        self._walk_to_item(item_id)

    def _walk_to_item(self, item_id: int) -> None:
        """Load the nodes from the year down to ``item_id`` and put the cursor on it (in a worker:
        the database is read here, the tree only on the UI thread, through ``call_from_thread``)."""
        from tui_shishi.store import queries as q

        def more_node(parent: TreeNode[Ref]) -> TreeNode[Ref] | None:
            return next((c for c in parent.children if c.data and c.data.kind == "more"), None)

        call = self.app.call_from_thread
        path = self._read(q.item_path, item_id)
        tree = self.tree
        node = tree.load_year(path.year_id) if path else None
        if path is None or node is None:
            return
        steps = [("section", section_id) for section_id in path.section_ids] + [("item", item_id)]
        for kind, key in steps:
            if node.data is not None and call(tree.needs_loading, node):
                call(tree.fill, node, self._read(load_children, node.data))
            found = call(tree.find_child, node, kind, key)
            while found is None:  # maybe on a later page: follow the "more" nodes
                more = call(more_node, node)
                if more is None or more.data is None:
                    return
                call(tree.fill, more, self._read(load_children, more.data))
                found = call(tree.find_child, node, kind, key)
            node = found
        call(tree.select_path, node)
        call(self.on_plan_tree_revealed)

    # ------------------------------------------------------------------ layout: widths, one pane or two

    _detail_after_reveal = False

    def on_resize(self, event: events.Resize) -> None:
        self.lay_out(event.size.width)

    def on_mount(self) -> None:
        self.lay_out(self.app.size.width)

    def lay_out(self, columns: int) -> None:
        """The tree's share of ``columns`` beside the detail, or one pane at a time when narrow."""
        single = columns < SINGLE_PANE_BELOW
        tree = self.query_one("#tree")
        tree.styles.width = "1fr" if single else tree_cells(columns)
        if single == self.has_class("-single"):
            return
        self.set_class(single, "-single")
        detail = self.query_one(DetailPane)
        self.show_pane("detail" if single and detail.has_focus_within else "tree", focus=False)

    def show_pane(self, pane: str, focus: bool = True) -> None:
        """One pane at a time (narrow): ``tree`` or ``detail``; with two panes only the focus moves."""
        detail = self.query_one(DetailPane)
        shown = pane == "detail" and self.has_class("-single")
        self.set_class(shown, "-detail-shown")
        detail.wants_focus = shown
        if not focus:
            return
        if pane == "detail":
            detail.focus_view()
        else:
            self.tree.focus()

    def on_plan_tree_open_detail(self) -> None:
        """Enter on a tree node in one-pane mode (PlanTree.OpenDetail): its detail instead of the tree."""
        self.show_pane("detail")

    def on_plan_tree_revealed(self, event: PlanTree.Revealed | None = None) -> None:
        """The cursor is on a revealed node: focus the tree, or (one pane, Enter on a row of a
        view) show the node's detail alone; its view takes the focus when it is mounted."""
        if self._detail_after_reveal and self.has_class("-single"):
            self._detail_after_reveal = False
            self.show_pane("detail")
        else:
            self._detail_after_reveal = False
            self.tree.focus()
        then, self._after_reveal = self._after_reveal, None
        if then is not None:
            then()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # One pane at a time: the pane shown is the one holding the focus (Tab, a search hit, a jump).
        if not self.has_class("-single"):
            return
        if event.widget is not self.focused:
            # a stale event: the focus has moved on, or its widget is gone (a view replaced under
            # it has no ancestors left, and would read as outside the detail)
            return
        in_detail = self.query_one(DetailPane) in event.widget.ancestors_with_self
        if in_detail != self.has_class("-detail-shown"):
            self.show_pane("detail" if in_detail else "tree", focus=False)

    # ------------------------------------------------------------------ reload: r, or a change seen

    def reload(self, prepare: Callable[[], bool]) -> None:
        """Re-read the database and rebuild the tree, the cursor back on the same city, year,
        section or item (found by what it is: a rebuilt database has new row ids), or on the
        nearest of them that still exists. Runs in the app's refresh worker; ``prepare`` (the
        app's) reopens the connection if the file was replaced and says whether it did."""
        from tui_shishi.store import queries as q

        call = self.app.call_from_thread
        here = call(self._cursor_ref)
        spot = self._read(q.spot_of, here.kind, here.key) if here is not None else None
        reopened = prepare()
        cities = self._read(q.tree_start)
        target = self._read(q.find_spot, spot) if spot is not None else None
        call(self._rebuild, cities, reopened)
        if target is not None:
            kind, key = target
            if kind == "item":
                self._walk_to_item(int(key))
            elif kind == "section":
                self.tree.walk_to_section(int(key))
            else:
                call(self.reveal, kind, key)
        call(self._reloaded)

    def _cursor_ref(self) -> Ref | None:
        """The cursor's node as a city, year, section or item (an indicator: its item)."""
        node = self.tree.cursor_node
        ref = node.data if node is not None else None
        if ref is None or ref.kind in ("root", "placeholder"):
            return None
        if ref.kind == "indicator" and ref.item_id is not None:
            return Ref("item", ref.item_id)
        if ref.kind == "more" and ref.year_id is not None:
            return Ref("year", ref.year_id)
        return ref

    def _rebuild(self, cities, reopened: bool) -> None:
        self.workers.cancel_group(self, "reveal")
        self.query_one(DetailPane).shown = None  # the same node shows again, read anew
        self.tree.show_cities(*cities)
        panel = self.search_panel
        if panel is not None:
            panel.reload(reopen=reopened)  # its hits name rows of the old database

    def _reloaded(self) -> None:
        node = self.tree.cursor_node
        self.query_one(DetailPane).show(node.data if node is not None else None)
        panel = self.search_panel
        if panel is not None and panel.mode:  # the nodes saved at "/" are gone: Esc comes back here
            self._origin = (node, self._origin[1], {n.id for n in self._expanded()})

    # ------------------------------------------------------------------ search: / n N

    @property
    def search_panel(self):
        """The SearchPanel once ``/`` has mounted it, else None (by id: no import for Esc)."""
        found = self.query("#search")
        return found.first() if found else None

    async def action_search(self) -> None:
        """/: the search box and results over the panes (again: the last search's results)."""
        from tui_shishi.ui.widgets.search import SearchPanel

        panel = self.search_panel
        if panel is None:
            panel = SearchPanel(self._read, id="search")
            await self.mount(panel, before="#panes")
        if not panel.mode:
            self._origin = (self.tree.cursor_node, self.focused, {n.id for n in self._expanded()})
        self._search_mode("list")
        panel.show_list()

    def _search_mode(self, mode: str) -> None:
        self.set_class(mode == "list", "-search-list")
        self.set_class(mode == "step", "-search-step")

    def on_search_panel_opened(self, event) -> None:
        """Enter or a click on a hit (SearchPanel.Opened), or n/N: the item, match highlighted."""
        panel = self.search_panel
        if panel is not None:
            panel.show_step()
        self._search_mode("step")
        self.tree.focus()  # not the box, hidden now (reveal focuses the tree too, once found)
        self.query_one(DetailPane).highlight(event.match)
        self.reveal("item", event.hit.item_id)

    def action_step(self, delta: int) -> None:
        panel = self.search_panel
        if panel is None or not panel.mode:
            self.notify("先按 / 搜索", timeout=2)
            return
        panel.step(delta)

    def end_search(self) -> None:
        """Close the search: nodes opened since ``/`` closed, cursor and focus where they were."""
        panel = self.search_panel
        if panel is not None:
            panel.close()
        self._search_mode("")
        self.workers.cancel_group(self, "reveal")
        self.query_one(DetailPane).highlight(None)
        node, focused, expanded = self._origin
        self._origin = (None, None, set())
        tree = self.tree
        for opened in [n for n in self._expanded() if n.id not in expanded]:
            opened.collapse()
        if node is not None and tree.holds(node):
            tree.select_path(node)
        target = focused if focused is not None and getattr(focused, "is_attached", False) else tree
        if panel is not None and (target is panel or panel in getattr(target, "ancestors", ())):
            target = tree  # (focus is never saved inside the panel; be safe all the same)
        target.focus()

    def _expanded(self):
        stack = [self.tree.root]
        while stack:
            node = stack.pop()
            if node.is_expanded:
                yield node
                stack.extend(node.children)
