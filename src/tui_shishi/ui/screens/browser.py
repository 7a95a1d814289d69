"""The main screen: the plan tree on the left (or on top when narrow), the detail beside it.

``/`` opens the search (widgets/search.py, mounted on first use) over the panes; opening a hit
puts the tree cursor on its item and highlights the match in the detail, ``n``/``N`` step
through the hits and Esc puts the tree back as it was before ``/``.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree
from textual.widgets.tree import TreeNode

from tui_shishi.ui.widgets.detail import DetailPane
from tui_shishi.ui.widgets.plan_tree import PlanTree, Ref, load_children


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

    def __init__(self, reader) -> None:
        super().__init__()
        self._read = reader
        # before "/": the tree cursor node, the focused widget, the ids of the expanded nodes
        self._origin: tuple[TreeNode[Ref] | None, object, set[int]] = (None, None, set())

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="panes"):
            yield PlanTree(self._read, id="tree")
            yield DetailPane(self._read, id="detail")
        yield Footer()

    @property
    def tree(self) -> PlanTree:
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
        self.reveal("item", event.item_id)

    def on_year_view_open_section(self, event) -> None:
        """Enter on a section row of a year or section view (YearView.OpenSection)."""
        self.tree.reveal_section(event.section_id)

    def reveal(self, kind: str, key: str | int) -> None:
        """Put the tree cursor on a city, year or item, loading the nodes on the way."""
        tree = self.tree
        if kind == "city":
            node = tree.find_city(str(key))
        elif kind == "year":
            node = tree.find_year(int(key))
            if node is not None:
                node.expand()
        else:
            self._reveal_item(int(key))
            return
        if node is not None:
            tree.select_path(node)
            tree.focus()

    @work(thread=True, exclusive=True, group="reveal")
    def _reveal_item(self, item_id: int) -> None:
        self._walk_to_item(item_id)

    def _walk_to_item(self, item_id: int) -> None:
        """Load the nodes from the year down to ``item_id`` and put the cursor on it (in a worker)."""
        from tui_shishi.store import queries as q

        path = self._read(q.item_path, item_id)
        tree = self.tree
        node = self.app.call_from_thread(tree.find_year, path.year_id) if path else None
        if node is None:
            return
        steps = [("section", section_id) for section_id in path.section_ids] + [("item", item_id)]
        for kind, key in steps:
            if tree.needs_loading(node):
                self.app.call_from_thread(tree.fill, node, self._read(load_children, node.data))
            found = self.app.call_from_thread(tree.find_child, node, kind, key)
            while found is None:  # maybe on a later page: follow the "more" nodes
                more = next((c for c in node.children if c.data and c.data.kind == "more"), None)
                if more is None:
                    return
                self.app.call_from_thread(tree.fill, more, self._read(load_children, more.data))
                found = self.app.call_from_thread(tree.find_child, node, kind, key)
            node = found
        self.app.call_from_thread(tree.select_path, node)
        self.app.call_from_thread(tree.focus)

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
        cities = self._read(q.cities)
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
        self.tree.show_cities(cities)
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
